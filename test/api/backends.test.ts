/** The same API answers on every store backend: SQLite always, PostgreSQL when reachable (loudly skipped if not). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Health,
  MirnaReport,
  NetworkResponse,
  Proposal,
  SearchResponse,
  StatementsResponse,
  TherapyReport,
} from '../../src/api/contract.js';
import { postgresBackend, sqliteBackend, type Backend } from '../helpers/backends.js';
import { apiFixture, AUTH, expectProblem, getJson, queueReaderFiles, type ApiFixture } from './helpers.js';

const backends: Backend[] = [sqliteBackend()];
const pgBackend = await postgresBackend();
if (pgBackend) backends.push(pgBackend);
afterAll(async () => {
  for (const backend of backends) await backend.dispose();
});

const ROUNDTRIP = 'Transfection of anti-miR-21 re-sensitised BT-474 cells to trastuzumab.';

/** answers that must not differ between backends, by URL */
const answers = new Map<string, Map<string, unknown>>();
const remember = (backend: string, url: string, body: unknown) => {
  if (!answers.has(url)) answers.set(url, new Map());
  answers.get(url)!.set(backend, body);
};

describe.each(backends.map((b) => [b.name, b] as const))('the API on %s', (name, backend) => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await apiFixture(backend);
  });
  afterAll(async () => fx?.close());

  const json = async <T>(url: string): Promise<T> => {
    const body = await getJson<T>(fx.app, url);
    remember(name, url, body);
    return body;
  };

  it('health names the backend and counts the statements', async () => {
    const health = await getJson<Health>(fx.app, '/api/health');
    expect(health.store.kind).toBe(name);
    expect(health.counts.statement).toBeGreaterThan(100);
    expect(health.counts).toEqual(await fx.store.counts());
    expect(health.writes_enabled).toBe(true);
    remember(name, '/api/health#counts', health.counts);
  });

  it('resolves miR-770-5p with its seed and trastuzumab roles', async () => {
    const r = await json<MirnaReport>('/api/mirna/miR-770-5p');
    expect(r.mirna.name).toBe('hsa-miR-770-5p');
    expect(r.mirna.seed).toBe('CCAGUAC');
    expect(r.sensitisation.some((s) => s.object.id === 'trastuzumab')).toBe(true);
    expectProblem(await fx.app.inject({ method: 'GET', url: '/api/mirna/miR-99999' }), 404);
  });

  it('searches and filters', async () => {
    const search = await json<SearchResponse>('/api/search?q=miR-770');
    expect(search.hits).toContainEqual(expect.objectContaining({ kind: 'mirna', id: 'hsa-miR-770-5p' }));
    const statements = await json<StatementsResponse>(
      '/api/statements?predicate=confers_resistance&therapy=trastuzumab&limit=1000',
    );
    expect(statements.total).toBeGreaterThan(0);
    for (const s of statements.statements) expect(s.predicate).toBe('confers_resistance');
    await json<StatementsResponse>('/api/statements?context=subtype=her2-positive&limit=1000');
    await json<TherapyReport>('/api/therapy/TAM');
    const network = await json<NetworkResponse>('/api/network?center=miR-770-5p&depth=1');
    expect(network.nodes.map((n) => n.id)).toContain('mirna:hsa-miR-770-5p');
  });

  it('accepts a queued proposal with the token, and the statement shows at once', async () => {
    await queueReaderFiles(fx.store, ['test/fixtures/read/roundtrip.txt']);
    const { proposals } = await getJson<{ proposals: Proposal[] }>(
      fx.app,
      '/api/curation/proposals?status=pending',
    );
    const p = proposals.find((x) => x.quote === ROUNDTRIP);
    expect(p).toBeDefined();
    const url = '/api/statements?entity=miR-21&predicate=confers_resistance&limit=1000';
    const before = await getJson<StatementsResponse>(fx.app, url);
    expectProblem(
      await fx.app.inject({
        method: 'POST',
        url: `/api/curation/proposals/${p!.id}/accept`,
        payload: { curator: 'tester' },
      }),
      401,
    );
    const r = await fx.app.inject({
      method: 'POST',
      url: `/api/curation/proposals/${p!.id}/accept`,
      payload: { curator: 'tester' },
      headers: AUTH,
    });
    expect(r.statusCode, r.body).toBe(200);
    const accepted = r.json<{ statement_id: string; merged: boolean }>();
    expect(accepted.merged).toBe(false);
    const after = await getJson<StatementsResponse>(fx.app, url);
    expect(after.total).toBe(before.total + 1);
    const added = after.statements.find((s) => s.id === accepted.statement_id);
    expect(added?.evidence.map((e) => e.quote)).toEqual([ROUNDTRIP]);
    const again = await fx.app.inject({
      method: 'POST',
      url: `/api/curation/proposals/${p!.id}/accept`,
      payload: { curator: 'tester' },
      headers: AUTH,
    });
    expectProblem(again, 422);
    remember(name, 'accepted statement', added);
  });

  it('accepts a proposal once when two curators accept it at the same time', async () => {
    await queueReaderFiles(fx.store, ['test/fixtures/read/plain-with-header.txt']);
    const { proposals } = await getJson<{ proposals: Proposal[] }>(
      fx.app,
      '/api/curation/proposals?status=pending&source=example_seed',
    );
    const p = proposals[0]!;
    const target = (
      await getJson<{ mergeTarget: { statement_id: string; evidence: number } }>(
        fx.app,
        `/api/curation/proposals/${p.id}`,
      )
    ).mergeTarget;
    const accept = (curator: string) =>
      fx.app.inject({
        method: 'POST',
        url: `/api/curation/proposals/${p.id}/accept`,
        payload: { curator },
        headers: AUTH,
      });
    const replies = await Promise.all([accept('alice'), accept('bob')]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    const after = await getJson<StatementsResponse>(fx.app, '/api/statements?source=example_seed&limit=1000');
    const statement = after.statements.find((s) => s.id === target.statement_id);
    expect(statement?.evidence.filter((e) => e.source_id === 'example_seed')).toHaveLength(1);
    expect(statement?.evidence).toHaveLength(target.evidence + 1);
  });
});

describe('backends agree', () => {
  it.runIf(backends.length > 1)('every read above answered the same on SQLite and PostgreSQL', () => {
    expect(answers.size).toBeGreaterThan(5);
    for (const [url, byBackend] of answers) {
      const [first, ...rest] = [...byBackend.values()];
      expect(byBackend.size, url).toBe(backends.length);
      for (const other of rest) expect(other, url).toEqual(first);
    }
  });
});
