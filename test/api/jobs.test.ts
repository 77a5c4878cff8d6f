/** Long computations as jobs: a seed-site scan of a hand-made UTR and a curated-target enrichment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/api/contract.js';
import type { PlainSite } from '../../src/seq/plain-scan.js';
import { sqliteBackend } from '../helpers/backends.js';
import { apiFixture, expectProblem, settledJob, type ApiFixture } from './helpers.js';

const backend = sqliteBackend();
let fx: ApiFixture;

beforeAll(async () => {
  fx = await apiFixture(backend);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
});

/** hsa-miR-21-5p (miRBase 22) */
const MIR21 = 'UAGCUUAUCAGACUGAUGUUGA';
const complement: Record<string, string> = { A: 'U', U: 'A', G: 'C', C: 'G' };
const reverseComplement = (rna: string) =>
  [...rna]
    .reverse()
    .map((n) => complement[n]!)
    .join('');
/** the 8mer site: the match to seed nt 2–8, then an A across from nt 1 */
const SITE_8MER = reverseComplement(MIR21.slice(1, 8)) + 'A';
/** filler without any miR-21-5p seed match; longer than the 14-nt mask at the UTR's start */
const FILLER = 'GCGCGCGCGCGCGCGCGCGCGCGCGCGC';
const UTR = FILLER + SITE_8MER + FILLER.slice(0, 14);

const post = (url: string, body: unknown) => fx.app.inject({ method: 'POST', url, payload: body as object });

describe('POST /api/jobs/scan', () => {
  it('derives the 8mer of miR-21-5p as AUAAGCUA', () => {
    expect(SITE_8MER).toBe('AUAAGCUA');
  });

  it('starts a scan (202 + Location) that finds the 8mer where it was put (1-based, inclusive)', async () => {
    const r = await post('/api/jobs/scan', { mirnas: ['miR-21-5p'], utrs: `>PTEN\n${UTR}\n` });
    expect(r.statusCode, r.body).toBe(202);
    const job = r.json<Job>();
    expect(job.kind).toBe('scan');
    expect(['queued', 'running', 'done']).toContain(job.status);
    expect(r.headers.location).toBe(`/api/jobs/${job.id}`);
    const done = await settledJob<{
      mirnas: string[];
      utrs: number;
      sites: PlainSite[];
      byType: Record<string, number>;
    }>(fx.app, r.headers.location as string);
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.progress).toEqual(expect.objectContaining({ done: 1, total: 1 }));
    const result = done.result!;
    expect(result.mirnas).toEqual(['hsa-miR-21-5p']);
    expect(result.utrs).toBe(1);
    expect(result.sites).toHaveLength(1);
    const start = FILLER.length + 1;
    expect(result.sites[0]).toMatchObject({
      mirna: 'hsa-miR-21-5p',
      seed: MIR21.slice(1, 8),
      utr: 'PTEN',
      siteType: '8mer-1a',
      start,
      end: start + 7,
      site: SITE_8MER,
    });
    expect(UTR.slice(start - 1, start + 7)).toBe(SITE_8MER);
    expect(result.byType).toEqual({ '8mer-1a': 1 });
  });

  it('reads DNA UTRs (T) as RNA and finds nothing in a UTR without the seed match', async () => {
    const r = await post('/api/jobs/scan', {
      mirnas: ['hsa-miR-21-5p'],
      utrs: `>WITH\n${UTR.replace(/U/g, 'T')}\n>WITHOUT\n${FILLER}${FILLER}\n`,
    });
    expect(r.statusCode, r.body).toBe(202);
    const done = await settledJob<{ utrs: number; sites: PlainSite[] }>(fx.app, r.headers.location as string);
    expect(done.status).toBe('done');
    expect(done.result!.utrs).toBe(2);
    expect(done.result!.sites.map((s) => [s.utr, s.siteType, s.start])).toEqual([
      ['WITH', '8mer-1a', FILLER.length + 1],
    ]);
  });

  it('runs more jobs than run at once: every one of them finishes with its own result', async () => {
    const utrs = Array.from(
      { length: 6 },
      (_, i) => `>G${i}\n${FILLER.slice(0, 16 + i)}${SITE_8MER}${FILLER}\n`,
    );
    const started = await Promise.all(
      utrs.map((fasta) => post('/api/jobs/scan', { mirnas: ['miR-21-5p'], utrs: fasta })),
    );
    expect(started.map((r) => r.statusCode)).toEqual(started.map(() => 202));
    expect(new Set(started.map((r) => r.headers.location)).size).toBe(utrs.length);
    const done = await Promise.all(
      started.map((r) => settledJob<{ sites: PlainSite[] }>(fx.app, r.headers.location as string)),
    );
    done.forEach((job, i) => {
      expect(job.status).toBe('done');
      expect(job.result!.sites.map((s) => [s.utr, s.start])).toEqual([[`G${i}`, 16 + i + 1]]);
    });
  });

  it('answers UTR text without a FASTA header with 422 at once, naming utrs', async () => {
    const r = await post('/api/jobs/scan', { mirnas: ['miR-21-5p'], utrs: UTR });
    const p = expectProblem(r, 422);
    expect(p.issues).toContainEqual(expect.objectContaining({ field: 'utrs', line: 1 }));
    expect(r.headers.location).toBeUndefined();
  });

  it('answers an unknown miRNA or an empty miRNA list with a problem at once', async () => {
    const unknown = await post('/api/jobs/scan', { mirnas: ['miR-99999'], utrs: `>A\n${UTR}\n` });
    expectProblem(unknown, unknown.statusCode);
    expect([404, 422]).toContain(unknown.statusCode);
    const empty = expectProblem(await post('/api/jobs/scan', { mirnas: [], utrs: `>A\n${UTR}\n` }), 400);
    expect(empty.issues?.map((i) => i.field)).toContain('body.mirnas');
  });
});

describe('GET /api/jobs/{id}', () => {
  it('answers an unknown job with a 404 problem', async () => {
    const p = expectProblem(
      await fx.app.inject({ method: 'GET', url: '/api/jobs/00000000-0000-0000-0000-000000000000' }),
      404,
    );
    expect(p.detail).toContain('00000000-0000-0000-0000-000000000000');
  });
});

describe('POST /api/jobs/enrich', () => {
  it('enriches the curated targets of miR-21 and miR-221 in the resistance pathway gene sets', async () => {
    const r = await post('/api/jobs/enrich', { mirnas: ['miR-21', 'miR-221'] });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json<Job>().kind).toBe('enrich');
    const done = await settledJob<{
      mirnas: string[];
      source: string;
      targets: string[];
      rows: { set: string; x: number; n: number; overlap: string[]; pUpper: number; q: number }[];
    }>(fx.app, r.headers.location as string);
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    const result = done.result!;
    expect(result.mirnas).toEqual(['hsa-miR-21', 'hsa-miR-221']);
    expect(result.source).toBe('curated');
    expect(result.targets).toContain('PTEN');
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(row.n).toBe(result.targets.length);
      expect(row.overlap).toHaveLength(row.x);
      for (const gene of row.overlap) expect(result.targets).toContain(gene);
      expect(row.pUpper).toBeGreaterThanOrEqual(0);
      expect(row.pUpper).toBeLessThanOrEqual(1);
      expect(row.q).toBeGreaterThanOrEqual(row.pUpper - 1e-12);
    }
    expect(result.rows.find((row) => row.set === 'PI3K/AKT/mTOR')?.overlap).toContain('PTEN');
  });

  it('enriches predicted targets: the UTR holding the 8mer is the one target', async () => {
    const r = await post('/api/jobs/enrich', {
      mirnas: ['miR-21-5p'],
      source: 'predicted',
      utrs: `>PTEN\n${UTR}\n>ESR1\n${FILLER}${FILLER}\n`,
    });
    expect(r.statusCode, r.body).toBe(202);
    const done = await settledJob<{ targets: string[]; rows: { set: string; overlap: string[] }[] }>(
      fx.app,
      r.headers.location as string,
    );
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.result!.targets).toEqual(['PTEN']);
    expect(done.result!.rows.find((row) => row.set === 'PI3K/AKT/mTOR')?.overlap).toEqual(['PTEN']);
    expect(done.progress).toEqual(expect.objectContaining({ done: 2, total: 2 }));
  });

  it('answers source predicted without UTRs with 422 naming utrs', async () => {
    const p = expectProblem(await post('/api/jobs/enrich', { mirnas: ['miR-21'], source: 'predicted' }), 422);
    expect(p.issues?.map((i) => i.field)).toContain('utrs');
  });
});
