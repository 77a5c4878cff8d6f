/** The curation queue over HTTP: list and read proposals (public), accept / reject / edit them (token). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mirnaEntity, resolveProposalChanges } from '../kb/index.js';
import { ValidationError } from '../model/index.js';
import type { ApiContext } from './api-context.js';
import {
  AcceptResponse,
  EditRequest,
  Problem,
  Proposal,
  ProposalDetail,
  ProposalParam,
  ProposalsQuery,
  ProposalsResponse,
  RejectResponse,
  ReviewRequest,
} from './contract.js';
import { HttpProblem } from './problems.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem };
const bearer = [{ bearerAuth: [] }];

export function registerCurationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const write = { rateLimit: ctx.rateLimit('compute') };

  const existing = async (id: number) => {
    const proposal = await ctx.store.proposal(id);
    if (!proposal) throw new HttpProblem(404, 'Not found', `no proposal #${id}`);
    return proposal;
  };

  api.get(
    '/api/curation/proposals',
    {
      schema: {
        tags: ['curation'],
        summary: "The reader's proposals (newest reads last), by status, source and predicate",
        querystring: ProposalsQuery,
        response: { 200: ProposalsResponse, ...errors },
      },
    },
    async (request) => ({ proposals: await ctx.store.proposals(request.query) }),
  );

  api.get(
    '/api/curation/proposals/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'One proposal and the statement accepting it would create or add evidence to',
        params: ProposalParam,
        response: { 200: ProposalDetail, ...errors },
      },
    },
    async (request) => {
      const proposal = await existing(request.params.id);
      return { proposal, mergeTarget: await ctx.store.proposalMergeTarget(proposal) };
    },
  );

  api.post(
    '/api/curation/proposals/:id/accept',
    {
      config: write,
      schema: {
        tags: ['curation'],
        summary: 'Accept a pending proposal: a new curated statement, or extra evidence of the identical one',
        security: bearer,
        params: ProposalParam,
        body: ReviewRequest,
        response: { 200: AcceptResponse, ...errors },
      },
    },
    async (request) => {
      ctx.requireToken(request);
      await existing(request.params.id);
      const accepted = await ctx.store.acceptProposal(request.params.id, request.body.curator, undefined, {
        mirnaEntity: (name) => mirnaEntity(ctx.names, name),
      });
      ctx.invalidate();
      return accepted;
    },
  );

  api.post(
    '/api/curation/proposals/:id/reject',
    {
      config: write,
      schema: {
        tags: ['curation'],
        summary: 'Reject a pending proposal, with an optional reason',
        security: bearer,
        params: ProposalParam,
        body: ReviewRequest,
        response: { 200: RejectResponse, ...errors },
      },
    },
    async (request) => {
      ctx.requireToken(request);
      await existing(request.params.id);
      await ctx.store.rejectProposal(request.params.id, request.body.curator, request.body.reason);
      ctx.invalidate();
      return { id: request.params.id, status: 'rejected' as const };
    },
  );

  api.patch(
    '/api/curation/proposals/:id',
    {
      config: write,
      schema: {
        tags: ['curation'],
        summary: 'Correct a pending proposal before accepting it; names resolve as in curation files',
        security: bearer,
        params: ProposalParam,
        body: EditRequest,
        response: { 200: Proposal, ...errors },
      },
    },
    async (request) => {
      ctx.requireToken(request);
      const current = await existing(request.params.id);
      const changes = resolveProposalChanges(ctx.names, current, request.body);
      // the resolver speaks of the CLI's options (--predicate); here they are body fields
      if (!changes.ok)
        throw new ValidationError(
          changes.issues.map((i) => ({
            ...i,
            ...(i.field ? { field: i.field.replace(/^--/, '') } : {}),
            message: i.message.replace(/--(\w+)/g, '$1'),
          })),
        );
      const updated = await ctx.store.editProposal(request.params.id, changes.value);
      ctx.invalidate();
      return updated;
    },
  );
}
