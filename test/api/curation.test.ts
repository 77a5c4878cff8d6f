/**
 * The curation queue over HTTP: the reader's proposals (read from the fixtures into the store), review with the
 * operator's token, the response cache dropped by every write, and quotes returned as data, never as HTML.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Health,
  MirnaReport,
  Proposal,
  ProposalDetail,
  StatementsResponse,
} from '../../src/api/contract.js';
import { sqliteBackend } from '../helpers/backends.js';
import {
  apiFixture,
  AUTH,
  expectProblem,
  getJson,
  isJson,
  queueReaderFiles,
  TOKEN,
  type ApiFixture,
} from './helpers.js';

const READ = 'test/fixtures/read';
const SCRIPT = '<script>alert(1)</script>';
const XSS_QUOTE = `Overexpression of miR-221 ${SCRIPT} conferred tamoxifen resistance in MCF-7 cells.`;
const XSS_TITLE = '<b>XSS</b> example';

const backend = sqliteBackend();
const dir = mkdtempSync(join(tmpdir(), 'miresist-api-curation-'));
let fx: ApiFixture;
let readOnly: FastifyInstance;
let queued: number[];

beforeAll(async () => {
  fx = await apiFixture(backend);
  readOnly = await fx.server({ token: undefined });
  const xss = join(dir, 'xss.txt');
  writeFileSync(xss, `source: xss_example\ntitle: ${XSS_TITLE}\nyear: 2024\n\nAbstract\n\n${XSS_QUOTE}\n`);
  queued = await queueReaderFiles(fx.store, [
    `${READ}/roundtrip.txt`,
    `${READ}/plain-with-header.txt`,
    `${READ}/medline-two-records.txt`,
    xss,
  ]);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, app = fx.app) => app.inject({ method: 'GET', url });
const review = (
  id: number,
  action: 'accept' | 'reject',
  body: object = { curator: 'tester' },
  headers: Record<string, string> = AUTH,
  app = fx.app,
) => app.inject({ method: 'POST', url: `/api/curation/proposals/${id}/${action}`, payload: body, headers });
const patch = (id: number, body: object, headers: Record<string, string> = AUTH) =>
  fx.app.inject({ method: 'PATCH', url: `/api/curation/proposals/${id}`, payload: body, headers });
const proposals = async (query = '') =>
  (await getJson<{ proposals: Proposal[] }>(fx.app, `/api/curation/proposals${query}`)).proposals;
const proposal = async (id: number) => getJson<ProposalDetail>(fx.app, `/api/curation/proposals/${id}`);
/** the queued proposal with this quote (the reader decides the ids) */
const byQuote = async (quote: string, predicate?: string) => {
  const found = (await proposals()).find(
    (p) => p.quote === quote && (predicate === undefined || p.predicate === predicate),
  );
  expect(found, `a proposal quoting '${quote}'`).toBeDefined();
  return found!;
};
const ROUNDTRIP = 'Transfection of anti-miR-21 re-sensitised BT-474 cells to trastuzumab.';

describe('reading the queue', () => {
  it('lists the pending proposals the reader queued', async () => {
    expect(queued.length).toBeGreaterThan(3);
    const pending = await proposals('?status=pending');
    expect(pending.map((p) => p.id).sort((a, b) => a - b)).toEqual([...queued].sort((a, b) => a - b));
    for (const p of pending) {
      expect(p.status).toBe('pending');
      expect(p.quote.length).toBeGreaterThan(0);
      expect(p.source.id).toBe(p.source_id);
    }
    expect(await proposals('?status=accepted')).toEqual([]);
  });

  it('filters by predicate and source, and limits', async () => {
    const targets = await proposals('?predicate=targets');
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((p) => p.predicate === 'targets')).toBe(true);
    const seed = await proposals('?source=example_seed');
    expect(seed.length).toBeGreaterThan(0);
    expect(seed.every((p) => p.source_id === 'example_seed')).toBe(true);
    expect(await proposals('?limit=2')).toHaveLength(2);
    expectProblem(await get('/api/curation/proposals?predicate=cures'), 400);
    expectProblem(await get('/api/curation/proposals?status=maybe'), 400);
  });

  it('shows one proposal with the statement accepting it would create', async () => {
    const p = await byQuote(ROUNDTRIP);
    const detail = await proposal(p.id);
    expect(detail.proposal).toEqual(p);
    expect(detail.proposal).toMatchObject({
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'confers_resistance',
      object: { kind: 'therapy', id: 'trastuzumab' },
      source_id: 'PMID:90000041',
    });
    expect(detail.mergeTarget).toMatchObject({ exists: false, evidence: 0, hasQuote: false });
    expect(detail.mergeTarget.statement_id).toMatch(/^st_[0-9a-f]+$/);
  });

  it('shows that a proposal of a curated claim would add evidence to it', async () => {
    const p = await byQuote(XSS_QUOTE);
    const detail = await proposal(p.id);
    expect(detail.mergeTarget).toMatchObject({ exists: true, status: 'curated', hasQuote: false });
    expect(detail.mergeTarget.evidence).toBeGreaterThan(0);
  });

  it('answers an unknown or malformed id with a problem', async () => {
    expect(expectProblem(await get('/api/curation/proposals/999999'), 404).detail).toContain('999999');
    expectProblem(await get('/api/curation/proposals/abc'), 400);
    expectProblem(await get('/api/curation/proposals/0'), 400);
  });
});

describe('writes need the bearer token', () => {
  it('refuses an accept without a token: 401 with www-authenticate, nothing changed', async () => {
    const p = await byQuote(ROUNDTRIP);
    const problem = expectProblem(await review(p.id, 'accept', { curator: 'mallory' }, {}), 401);
    expect(problem.title).toBe('Unauthorized');
    const r = await review(p.id, 'accept', { curator: 'mallory' }, {});
    expect(r.headers['www-authenticate']).toBe('Bearer realm="miresist"');
    expect((await proposal(p.id)).proposal.status).toBe('pending');
  });

  it('refuses a wrong token, a token of the right length, another scheme and an empty bearer: 401', async () => {
    const p = await byQuote(ROUNDTRIP);
    const wrongSameLength = TOKEN.slice(0, -1) + (TOKEN.endsWith('3') ? '4' : '3');
    for (const authorization of [
      'Bearer nope',
      `Bearer ${wrongSameLength}`,
      `Bearer ${TOKEN}x`,
      `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      'Bearer ',
      TOKEN,
    ]) {
      const r = await review(p.id, 'accept', { curator: 'mallory' }, { authorization });
      expectProblem(r, 401);
      expect(r.headers['www-authenticate'], authorization).toMatch(/^Bearer/);
    }
    for (const action of ['reject'] as const)
      expectProblem(await review(p.id, action, { curator: 'mallory' }, {}), 401);
    expectProblem(await patch(p.id, { therapy: 'tamoxifen' }, {}), 401);
    expect((await proposal(p.id)).proposal).toEqual(p);
  });

  it('answers 403 on a server without a token, whatever the request says', async () => {
    const p = await byQuote(ROUNDTRIP);
    const r = await review(p.id, 'accept', { curator: 'tester' }, AUTH, readOnly);
    expect(expectProblem(r, 403).title).toBe('Writes disabled');
    expectProblem(await review(p.id, 'reject', { curator: 'tester' }, AUTH, readOnly), 403);
    expect((await proposal(p.id)).proposal.status).toBe('pending');
  });

  it('answers an unknown proposal with 404 once authorised, and a body without curator with 400', async () => {
    expectProblem(await review(999999, 'accept'), 404);
    const p = await byQuote(ROUNDTRIP);
    const problem = expectProblem(await review(p.id, 'accept', {}), 400);
    expect(problem.issues?.map((i) => i.field)).toContain('body.curator');
  });
});

describe('accepting, rejecting and editing', () => {
  it('accepts with the token; the new statement shows at once through the cached read routes', async () => {
    const p = await byQuote(ROUNDTRIP);
    const { mergeTarget } = await proposal(p.id);
    const statementsUrl = '/api/statements?entity=miR-21&predicate=confers_resistance&limit=1000';
    // fill the response cache first
    const before = await getJson<StatementsResponse>(fx.app, statementsUrl);
    const beforeReport = await getJson<MirnaReport>(fx.app, '/api/mirna/miR-21');
    const beforeCounts = (await getJson<Health>(fx.app, '/api/health')).counts;
    expect(before.statements.map((s) => s.id)).not.toContain(mergeTarget.statement_id);
    expect(before.sources.map((s) => s.id)).not.toContain('PMID:90000041');

    const r = await review(p.id, 'accept', { curator: 'tester' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      id: p.id,
      statement_id: mergeTarget.statement_id,
      merged: false,
      evidenceAdded: true,
    });

    const accepted = (await proposal(p.id)).proposal;
    expect(accepted).toMatchObject({
      status: 'accepted',
      reviewed_by: 'tester',
      statement_id: mergeTarget.statement_id,
    });
    expect(accepted.reviewed_at).toBeDefined();
    const after = await getJson<StatementsResponse>(fx.app, statementsUrl);
    expect(after.total).toBe(before.total + 1);
    const added = after.statements.find((s) => s.id === mergeTarget.statement_id);
    expect(added).toMatchObject({
      status: 'curated',
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'confers_resistance',
      object: { kind: 'therapy', id: 'trastuzumab' },
    });
    expect(added!.evidence.map((e) => e.quote)).toEqual([ROUNDTRIP]);
    expect(after.sources.map((s) => s.id)).toContain('PMID:90000041');
    const afterReport = await getJson<MirnaReport>(fx.app, '/api/mirna/miR-21');
    expect(afterReport.resistance.map((s) => s.id)).toContain(mergeTarget.statement_id);
    expect(afterReport.resistance.length).toBe(beforeReport.resistance.length + 1);
    expect((await getJson<Health>(fx.app, '/api/health')).counts.statement).toBe(beforeCounts.statement! + 1);
    expect((await proposals('?status=accepted')).map((x) => x.id)).toEqual([p.id]);
  });

  it('refuses to accept or reject an accepted proposal again, with a problem', async () => {
    const p = await byQuote(ROUNDTRIP);
    for (const action of ['accept', 'reject'] as const) {
      const r = await review(p.id, action);
      const problem = expectProblem(r, r.statusCode);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(problem.detail).toMatch(/already accepted/);
    }
    expect((await proposal(p.id)).proposal.status).toBe('accepted');
  });

  it('rejects with a reason; the rejected claim stays out of the curated statements', async () => {
    const pending = await proposals('?status=pending&predicate=targets');
    const p = pending.find((x) => x.object.id === 'IGF1R') ?? pending[0]!;
    const { mergeTarget } = await proposal(p.id);
    expect(mergeTarget.exists).toBe(false);
    const r = await review(p.id, 'reject', {
      curator: 'tester',
      reason: 'indirect regulation, not targeting',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ id: p.id, status: 'rejected' });
    expect((await proposal(p.id)).proposal).toMatchObject({
      status: 'rejected',
      reviewed_by: 'tester',
      review_note: 'indirect regulation, not targeting',
    });
    const all = await getJson<StatementsResponse>(fx.app, '/api/statements?limit=1000');
    expect(all.statements.map((s) => s.id)).not.toContain(mergeTarget.statement_id);
    expect((await proposals('?status=rejected')).map((x) => x.id)).toEqual([p.id]);
    expectProblem(await review(p.id, 'accept'), 422);
  });

  it('edits a pending proposal: names resolve as in curation files, and the merge target follows', async () => {
    const p = (await proposals('?status=pending&predicate=targets')).find((x) => x.object.id !== 'PTEN')!;
    const before = await proposal(p.id);
    const r = await patch(p.id, { object: 'MMAC1', context: 'subtype=her2-positive;system=in-vitro' });
    expect(r.statusCode, r.body).toBe(200);
    const updated = r.json<Proposal>();
    expect(updated.id).toBe(p.id);
    expect(updated.object).toEqual({ kind: 'gene', id: 'PTEN' });
    expect(updated.contexts).toEqual([{ subtype: 'her2-positive', system: 'in-vitro' }]);
    expect(updated.quote).toBe(p.quote);
    expect(updated.status).toBe('pending');
    const after = await proposal(p.id);
    expect(after.proposal).toEqual(updated);
    expect(after.mergeTarget.statement_id).not.toBe(before.mergeTarget.statement_id);
  });

  it('answers an edit with an invalid predicate with 422, and changes nothing', async () => {
    const p = (await proposals('?status=pending'))[0]!;
    const r = await patch(p.id, { predicate: 'cures' });
    const problem = expectProblem(r, 422);
    expect(problem.detail).toContain('cures');
    expect((await proposal(p.id)).proposal).toEqual(p);
    expectProblem(await patch(p.id, { colour: 'red' }), 400);
  });

  it('names the body fields in edit problems, not the CLI options', async () => {
    const p = (await proposals('?status=pending'))[0]!;
    const bad = expectProblem(await patch(p.id, { predicate: 'cures' }), 422);
    expect(bad.issues?.map((i) => i.field)).toEqual(['predicate']);
    const nothing = expectProblem(await patch(p.id, {}), 422);
    expect(nothing.detail).not.toMatch(/--(subject|predicate|object|therapy|context|qualifiers)\b/);
  });
});

describe('quotes are data: returned verbatim as JSON, never as HTML', () => {
  it('lists a queued quote and source title holding markup verbatim, as application/json', async () => {
    const r = await get('/api/curation/proposals?source=xss_example');
    expect(r.statusCode).toBe(200);
    expect(isJson(r)).toBe(true);
    expect(r.headers['content-type']).not.toMatch(/html/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const [p] = r.json<{ proposals: Proposal[] }>().proposals;
    expect(p!.quote).toBe(XSS_QUOTE);
    expect(p!.source.title).toBe(XSS_TITLE);
    // the markup sits inside a JSON string: the body parses, and the text is a quoted JSON value
    expect(r.body).toContain(JSON.stringify(XSS_QUOTE));
  });

  it('keeps the quote verbatim once accepted into a statement, in the entity page and the exports', async () => {
    const p = await byQuote(XSS_QUOTE);
    const accepted = await review(p.id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ merged: true, evidenceAdded: true });

    const page = await get('/api/mirna/miR-221');
    expect(isJson(page)).toBe(true);
    const report = page.json<MirnaReport>();
    const quotes = report.resistance.flatMap((s) => s.evidence.map((e) => e.quote));
    expect(quotes).toContain(XSS_QUOTE);
    expect(report.sources.find((s) => s.id === 'xss_example')?.title).toBe(XSS_TITLE);

    const json = await get('/api/export?format=json&source=xss_example');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.stringify(json.json())).toContain(JSON.stringify(XSS_QUOTE));
    const tsv = await get('/api/export?format=tsv&source=xss_example');
    expect(tsv.headers['content-type']).toMatch(/^text\/tab-separated-values/);
    expect(tsv.headers['content-disposition']).toMatch(/^attachment/);
    expect(tsv.body).toContain(XSS_QUOTE);
  });

  it('answers a name holding markup with a problem+json document, not HTML', async () => {
    const r = await get(`/api/mirna/${encodeURIComponent(SCRIPT)}`);
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json<{ detail: string }>().detail).toContain(SCRIPT);
    const search = await get(`/api/search?q=${encodeURIComponent(SCRIPT)}`);
    expect(search.statusCode).toBe(200);
    expect(isJson(search)).toBe(true);
    expect(search.json<{ query: string }>().query).toBe(SCRIPT);
  });
});
