/** Long computations as jobs: seed-site target scan and pathway enrichment; POST starts one, GET polls it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { curatedEnrichment, loadGeneSets, matureSequences, predictedEnrichment } from '../kb/index.js';
import { ValidationError } from '../model/index.js';
import { parseFasta } from '../seq/fasta-parser.js';
import { plainScanner, type PlainSite, type PlainUtr } from '../seq/plain-scan.js';
import type { ApiContext } from './api-context.js';
import { EnrichJobRequest, Job, JobParam, Problem, ScanJobRequest } from './contract.js';
import { HttpProblem } from './problems.js';

/** UTRs from FASTA text (ids = gene symbols), checked before the job starts so that errors come back at once. */
async function parseUtrText(text: string, file: string): Promise<PlainUtr[]> {
  if (!text.trimStart().startsWith('>'))
    throw new ValidationError([
      { file, line: 1, field: 'utrs', message: "UTRs must be FASTA text ('>' header lines)" },
    ]);
  const utrs: PlainUtr[] = [];
  for await (const record of parseFasta(text.split(/\r?\n/), file))
    utrs.push({ id: record.id, sequence: record.sequence });
  if (!utrs.length) throw new ValidationError([{ file, field: 'utrs', message: 'no UTR sequence' }]);
  return utrs;
}

export function registerJobRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const compute = { rateLimit: ctx.rateLimit('compute') };

  api.post(
    '/api/jobs/scan',
    {
      config: compute,
      schema: {
        tags: ['jobs'],
        summary: "Start a seed-site scan (8mer, 7mer-m8, 7mer-A1, 6mer[, offset 6mer]) of miRNAs in 3'UTRs",
        body: ScanJobRequest,
        response: { 202: Job, 400: Problem, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const mirnas = matureSequences(ctx.names, request.body.mirnas);
      if (!mirnas.length)
        throw new ValidationError([{ field: 'mirnas', message: 'no mature sequence to scan' }]);
      const utrs = await parseUtrText(request.body.utrs, 'utrs');
      const offset6mer = request.body.offset6mer;
      const job = ctx.jobs.start('scan', 'UTRs', async (progress) => {
        const scan = plainScanner(mirnas, { offset6mer });
        const sites: PlainSite[] = [];
        const byType: Record<string, number> = {};
        for (let i = 0; i < utrs.length; i++) {
          for (const site of scan(utrs[i]!)) {
            sites.push(site);
            byType[site.siteType] = (byType[site.siteType] ?? 0) + 1;
          }
          await progress(i + 1, utrs.length);
        }
        return { mirnas: mirnas.map((m) => m.name), utrs: utrs.length, byType, sites };
      });
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job);
    },
  );

  api.post(
    '/api/jobs/enrich',
    {
      config: compute,
      schema: {
        tags: ['jobs'],
        summary:
          "Start an over-representation analysis of a miRNA set's targets in resistance pathway gene sets",
        body: EnrichJobRequest,
        response: { 202: Job, 400: Problem, 404: Problem, 422: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const q = request.body;
      const sets = loadGeneSets();
      let job;
      if (q.source === 'curated') {
        job = ctx.jobs.start('enrich', 'steps', async (progress) => {
          await progress(0, 1);
          const report = await curatedEnrichment(ctx.store, ctx.names, q.mirnas, sets);
          await progress(1, 1);
          return report;
        });
      } else {
        if (!q.utrs)
          throw new ValidationError([{ field: 'utrs', message: 'required with source predicted' }]);
        const mirnas = matureSequences(ctx.names, q.mirnas);
        const utrs = await parseUtrText(q.utrs, 'utrs');
        job = ctx.jobs.start('enrich', 'UTRs', async (progress) => {
          async function* counted(): AsyncGenerator<PlainUtr> {
            for (let i = 0; i < utrs.length; i++) {
              yield utrs[i]!;
              await progress(i + 1, utrs.length);
            }
          }
          return predictedEnrichment(ctx.names, mirnas, counted(), sets, q.siteTypes);
        });
      }
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job);
    },
  );

  api.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A job: status, progress and, once done, its result',
        params: JobParam,
        response: { 200: Job, 404: Problem },
      },
    },
    async (request) => {
      const job = ctx.jobs.get(request.params.id);
      if (!job)
        throw new HttpProblem(404, 'Not found', `no job ${request.params.id} (jobs are kept for an hour)`);
      return job;
    },
  );
}
