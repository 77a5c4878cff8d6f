/** Read routes over the knowledge graph: search, entity pages, statements, neighbourhood network, export. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  geneReport,
  mirnaReport,
  resolveEntities,
  searchKnowledge,
  therapyReport,
  toGraphml,
  toJson,
  toSif,
  toTsv,
  type StatementFilter,
} from '../kb/index.js';
import { UnresolvedNameError, ValidationError, type Source, type Statement } from '../model/index.js';
import type { ApiContext } from './api-context.js';
import type { StatementFilterQuery } from './contract.js';
import {
  ExportQuery,
  GeneReport,
  MirnaReport,
  NameParam,
  NetworkQuery,
  NetworkResponse,
  Problem,
  SearchQuery,
  SearchResponse,
  StatementsQuery,
  StatementsResponse,
  TherapyReport,
} from './contract.js';
import { buildNetwork, networkFacets } from './network-graph.js';

type FilterQuery = z.output<typeof StatementFilterQuery>;

const errors = { 400: Problem, 404: Problem, 422: Problem, 429: Problem };

/**
 * Sends a GET answer from the response cache, or computes it, checks it against its schema once and caches the text.
 * Cached answers skip serialisation: the entity and search routes stay fast under load (`npm run bench:api`).
 */
export async function cached<S extends z.ZodType>(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  schema: S,
  compute: () => Promise<z.input<S>>,
): Promise<void> {
  const key = request.url;
  let body = ctx.cache.get(key);
  if (body === undefined) {
    const generation = ctx.generation;
    body = Buffer.from(JSON.stringify(schema.parse(await compute())), 'utf8');
    if (generation === ctx.generation) ctx.cache.set(key, body);
  }
  await reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

/** The sources a set of statements cites, for showing titles beside quotes. */
async function citedSources(ctx: ApiContext, statements: Iterable<Statement>): Promise<Source[]> {
  const ids = new Set<string>();
  for (const s of statements) for (const e of s.evidence) ids.add(e.source_id);
  return (await ctx.sources()).filter((s) => ids.has(s.id));
}

/** Any entity name → its stored ids, resolved as curation files resolve names (a family or list gives several). */
function resolveEntity(ctx: ApiContext, name: string, field: string): string[] {
  const resolved = resolveEntities(ctx.names, name, ['mirna', 'gene', 'therapy'], { field });
  if (!resolved.issues.length) return resolved.refs.map((r) => r.id);
  // pathways are named without curation's `pathway:` prefix here
  const pathway = ctx.names.pathway.resolve(name);
  if (pathway.status === 'resolved') return [pathway.pathway.name];
  throw new ValidationError(resolved.issues);
}

/** The statements a filter query selects (curated by default), filtered in the store where it can. */
export async function filteredStatements(ctx: ApiContext, q: FilterQuery): Promise<Statement[]> {
  const filter: StatementFilter = { statuses: [q.status] };
  if (q.predicate) filter.predicates = q.predicate;
  if (q.source) filter.sources = q.source;
  if (q.therapy) {
    filter.therapies = q.therapy.flatMap((t) => {
      const r = ctx.names.therapy.resolve(t);
      if (r.status !== 'resolved') throw new UnresolvedNameError(t, 'therapy', r.candidates, r.reason);
      return [r.therapy.name, ...ctx.names.therapy.descendants(r.therapy.name)];
    });
  }
  if (q.context) {
    const [key, value] = q.context.split('=') as [string, string];
    filter.context = { key, value };
  }
  if (q.entity) filter.touching = q.entity.flatMap((e) => resolveEntity(ctx, e, 'entity'));
  let statements = await ctx.store.statements(filter);
  if (q.evidence) {
    const wanted = new Set(q.evidence);
    statements = statements.filter((s) => s.evidence.some((e) => e.experiments.some((x) => wanted.has(x))));
  }
  return statements;
}

export function registerKnowledgeRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/search',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Search every miRNA, gene, therapy and pathway name and alias (prefix), then evidence text',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, SearchResponse, async () => ({
        query: request.query.q,
        hits: await searchKnowledge(ctx.store, ctx.names, request.query.q, request.query.limit),
      })),
  );

  api.get(
    '/api/mirna/:name',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'A miRNA by any name: identity, targets with site evidence, therapy and biomarker roles',
        params: NameParam,
        response: { 200: MirnaReport, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, MirnaReport, async () => {
        const report = await mirnaReport(ctx.store, ctx.names, request.params.name);
        const all = [
          ...report.targets,
          ...report.resistance,
          ...report.sensitisation,
          ...report.expression,
          ...report.biomarker,
          ...report.other,
        ];
        return { ...report, sources: await citedSources(ctx, all) };
      }),
  );

  api.get(
    '/api/gene/:name',
    {
      schema: {
        tags: ['knowledge'],
        summary:
          'A gene by symbol, alias or protein name: the miRNAs targeting it and the therapies involved',
        params: NameParam,
        response: { 200: GeneReport, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, GeneReport, async () => {
        const report = await geneReport(ctx.store, ctx.names, request.params.name);
        const all = [
          ...report.targetedBy,
          ...report.therapyRoles,
          ...report.therapies,
          ...report.signalling,
          ...report.expression,
        ];
        return { ...report, sources: await citedSources(ctx, all) };
      }),
  );

  api.get(
    '/api/therapy/:name',
    {
      schema: {
        tags: ['knowledge'],
        summary:
          'A therapy or class: miRNAs conferring resistance or sensitising, with mechanisms and quotes',
        params: NameParam,
        response: { 200: TherapyReport, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, TherapyReport, async () => {
        const report = await therapyReport(ctx.store, ctx.names, request.params.name);
        const roles = [
          ...report.resistance,
          ...report.sensitisation,
          ...report.expression,
          ...report.biomarker,
        ];
        const all = [
          ...roles.flatMap((r) => [...r.statements, ...r.mechanisms, ...r.otherTargets]),
          ...report.drugTargets,
          ...report.classStatements,
        ];
        return { ...report, sources: await citedSources(ctx, all) };
      }),
  );

  api.get(
    '/api/statements',
    {
      schema: {
        tags: ['knowledge'],
        summary:
          'Statements with filters (predicate, therapy, context, evidence type, source, entity), paged',
        querystring: StatementsQuery,
        response: { 200: StatementsResponse, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, StatementsResponse, async () => {
        const { limit, offset } = request.query;
        const all = await filteredStatements(ctx, request.query);
        const page = all.slice(offset, offset + limit);
        return { total: all.length, offset, limit, statements: page, sources: await citedSources(ctx, page) };
      }),
  );

  api.get(
    '/api/network',
    {
      schema: {
        tags: ['knowledge'],
        summary:
          'The graph (or the neighbourhood of `center` entities, `depth` hops out) as nodes and edges, filtered',
        querystring: NetworkQuery,
        response: { 200: NetworkResponse, ...errors },
      },
    },
    (request, reply) =>
      cached(ctx, request, reply, NetworkResponse, async () => {
        const q = request.query;
        let statements = await filteredStatements(ctx, q);
        if (q.center) {
          const centre = q.center.flatMap((c) => resolveEntity(ctx, c, 'center'));
          const around = new Set(
            (await ctx.store.neighbourhood(centre, q.depth, Number.MAX_SAFE_INTEGER)).map((s) => s.id),
          );
          statements = statements.filter((s) => around.has(s.id));
        }
        const facets = networkFacets(await ctx.allCurated());
        return { ...buildNetwork(statements, q.limit), facets };
      }),
  );

  api.get(
    '/api/export',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Export the (filtered) statements as TSV, JSON, GraphML or SIF',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const statements = await filteredStatements(ctx, request.query);
      const format = request.query.format;
      const types = {
        tsv: 'text/tab-separated-values',
        json: 'application/json',
        graphml: 'application/xml',
        sif: 'text/plain',
      } as const;
      const body =
        format === 'json'
          ? toJson(statements, await citedSources(ctx, statements))
          : [
              ...(format === 'tsv'
                ? toTsv(statements)
                : format === 'graphml'
                  ? toGraphml(statements)
                  : toSif(statements)),
            ].join('');
      return reply
        .type(`${types[format]}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="miresist-statements.${format}"`)
        .send(body);
    },
  );
}
