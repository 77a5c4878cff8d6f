/** The resistance model over HTTP: what it offers, simulate (perturbations → phenotypes, explained) and screen. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeModel, runScreen, runSimulation } from '../kb/index.js';
import { formatExplanation, type Explanation } from '../netsim/index.js';
import type { ApiContext } from './api-context.js';
import {
  ModelInfo,
  Problem,
  ScreenRequest,
  ScreenResponse,
  SimulateRequest,
  SimulateResponse,
  type ExplanationStep,
} from './contract.js';
import { cached } from './knowledge-routes.js';

const errors = { 400: Problem, 404: Problem, 422: Problem, 429: Problem };

/** An explanation tree, depth first, as a list of steps (each with the edge to the node above it). */
export function flattenExplanation(root: Explanation): ExplanationStep[] {
  const out: ExplanationStep[] = [];
  const walk = (e: Explanation, depth: number, edge?: ExplanationStep['edge']) => {
    out.push({
      node: e.node,
      value: e.value,
      depth,
      reason: e.reason,
      ...(edge ? { edge } : {}),
      ...(e.perturbation ? { perturbation: e.perturbation } : {}),
    });
    for (const b of e.because) {
      const { regulator, target, sign, source, quote, statementId } = b.edge;
      walk(b.cause, depth + 1, {
        regulator,
        target,
        sign,
        source,
        ...(quote ? { quote } : {}),
        ...(statementId ? { statementId } : {}),
      });
    }
  };
  walk(root, 0);
  return out;
}

export function registerModelRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const compute = { rateLimit: ctx.rateLimit('compute') };

  api.get(
    '/api/model',
    {
      schema: {
        tags: ['model'],
        summary: "The resistance model's contexts, therapies, miRNAs, nodes and phenotypes",
        response: { 200: ModelInfo, ...errors },
      },
    },
    (request, reply) => cached(ctx, request, reply, ModelInfo, async () => describeModel(await ctx.model())),
  );

  api.post(
    '/api/simulate',
    {
      config: compute,
      schema: {
        tags: ['model'],
        summary:
          'Context + therapies + miRNA mimics/inhibitors → phenotypes and the chains that explain them',
        body: SimulateRequest,
        response: { 200: SimulateResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.body;
      const { outcome, explained } = runSimulation(await ctx.model(), ctx.names, {
        context: q.context,
        therapies: q.therapies,
        mimics: q.mimics,
        inhibitors: q.inhibitors,
        fixed: q.fix,
        explain: q.explain,
      });
      const nodes = explained.filter((n) => outcome.explanations[n]);
      return {
        context: outcome.context,
        perturbations: outcome.perturbations,
        attractor: { kind: outcome.attractor.kind, size: outcome.attractor.states.length },
        steps: outcome.steps,
        values: outcome.values,
        phenotypes: outcome.phenotypes,
        explanations: Object.fromEntries(nodes.map((n) => [n, flattenExplanation(outcome.explanations[n]!)])),
        explanationText: Object.fromEntries(
          nodes.map((n) => [n, formatExplanation(outcome.explanations[n]!)]),
        ),
      };
    },
  );

  api.post(
    '/api/screen',
    {
      config: compute,
      schema: {
        tags: ['model'],
        summary: 'Rank every single miRNA mimic and inhibitor by how far it moves Proliferation/Apoptosis',
        body: ScreenRequest,
        response: { 200: ScreenResponse, ...errors },
      },
    },
    async (request) => {
      const run = runScreen(await ctx.model(), ctx.names, request.body);
      return {
        context: run.context,
        therapies: run.therapies,
        baseline: run.baseline.phenotypes,
        entries: run.entries.map(({ outcome: _outcome, explanation, ...rest }) => ({
          ...rest,
          explanationText: formatExplanation(explanation),
        })),
      };
    },
  );
}
