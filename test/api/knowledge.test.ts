/** The knowledge read routes over a built store: health, search, entity pages, statements, network, export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  GeneReport,
  Health,
  MirnaReport,
  NetworkResponse,
  SearchResponse,
  StatementsResponse,
  TherapyReport,
} from '../../src/api/contract.js';
import { TSV_COLUMNS } from '../../src/kb/index.js';
import type { Statement } from '../../src/model/index.js';
import { sqliteBackend } from '../helpers/backends.js';
import { apiFixture, expectProblem, getJson, type ApiFixture } from './helpers.js';

const backend = sqliteBackend();
let fx: ApiFixture;
const get = (url: string) => fx.app.inject({ method: 'GET', url });

beforeAll(async () => {
  fx = await apiFixture(backend);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
});

const mirnaStatements = (r: MirnaReport): Statement[] => [
  ...r.targets,
  ...r.resistance,
  ...r.sensitisation,
  ...r.expression,
  ...r.biomarker,
  ...r.other,
];

/** Every statement cites at least one quote, and the report's sources cover every cited source. */
function expectQuotedAndSourced(statements: Statement[], sources: { id: string }[]): void {
  expect(statements.length).toBeGreaterThan(0);
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const s of statements) {
    expect(s.evidence.length, s.id).toBeGreaterThan(0);
    expect(
      s.evidence.some((e) => e.quote.trim().length > 0),
      s.id,
    ).toBe(true);
    for (const e of s.evidence) expect(sourceIds.has(e.source_id), `${s.id} cites ${e.source_id}`).toBe(true);
  }
}

describe('GET /api/health', () => {
  it('reports the store, its counts and that writes are enabled with a token', async () => {
    const health = await getJson<Health>(fx.app, '/api/health');
    expect(health.status).toBe('ok');
    expect(health.store.kind).toBe('sqlite');
    expect(health.counts.statement).toBeGreaterThan(100);
    expect(health.counts).toEqual(await fx.store.counts());
    expect(health.writes_enabled).toBe(true);
    expect(health.format_version).toBeTruthy();
  });

  it('reports writes disabled when the server has no token', async () => {
    const open = await fx.server({ token: undefined });
    expect((await getJson<Health>(open, '/api/health')).writes_enabled).toBe(false);
    const empty = await fx.server({ token: '' });
    expect((await getJson<Health>(empty, '/api/health')).writes_enabled).toBe(false);
  });

  it('sets nosniff and no-referrer on every answer, errors included', async () => {
    for (const url of ['/api/health', '/api/search', '/api/nope']) {
      const r = await get(url);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('GET /api/search', () => {
  it('finds hsa-miR-770-5p for q=miR-770, and quotes that mention it', async () => {
    const r = await getJson<SearchResponse>(fx.app, '/api/search?q=miR-770');
    expect(r.query).toBe('miR-770');
    expect(r.hits).toContainEqual(expect.objectContaining({ kind: 'mirna', id: 'hsa-miR-770-5p' }));
    const evidence = r.hits.filter((h) => h.kind === 'evidence');
    expect(evidence.length).toBeGreaterThan(0);
    for (const h of evidence) {
      expect(h.statement_id).toMatch(/^st_/);
      expect(h.label).toMatch(/miR-770/i);
    }
  });

  it('respects limit', async () => {
    const all = await getJson<SearchResponse>(fx.app, '/api/search?q=miR-770&limit=100');
    expect(all.hits.length).toBeGreaterThan(3);
    for (const limit of [1, 3, 5]) {
      const some = await getJson<SearchResponse>(fx.app, `/api/search?q=miR-770&limit=${limit}`);
      expect(some.hits).toHaveLength(limit);
    }
  });

  it('cuts one ranking at limit: the first hits are the same whatever the limit', async () => {
    const all = await getJson<SearchResponse>(fx.app, '/api/search?q=miR-770&limit=100');
    const three = await getJson<SearchResponse>(fx.app, '/api/search?q=miR-770&limit=3');
    expect(three.hits).toEqual(all.hits.slice(0, 3));
  });

  it('answers a missing q or an out-of-range limit with a 400 problem naming the field', async () => {
    const missing = expectProblem(await get('/api/search'), 400);
    expect(missing.issues?.map((i) => i.field)).toContain('querystring.q');
    const empty = expectProblem(await get('/api/search?q='), 400);
    expect(empty.issues?.map((i) => i.field)).toContain('querystring.q');
    for (const limit of ['0', '101', 'ten']) {
      const p = expectProblem(await get(`/api/search?q=miR-21&limit=${limit}`), 400);
      expect(p.issues?.map((i) => i.field)).toContain('querystring.limit');
    }
  });
});

describe('GET /api/mirna/{name}', () => {
  it('resolves several spellings of miR-770-5p to one miRNA with the seed of nt 2–8', async () => {
    const spellings = ['hsa-miR-770-5p', 'miR-770-5p', 'miR770-5p', 'hsa-mir-770-5p'];
    const reports: MirnaReport[] = [];
    for (const name of spellings)
      reports.push(await getJson<MirnaReport>(fx.app, `/api/mirna/${encodeURIComponent(name)}`));
    for (const [i, r] of reports.entries()) {
      expect(r.query).toBe(spellings[i]);
      expect(r.mirna.name).toBe('hsa-miR-770-5p');
      expect(r.mirna.kind).toBe('mature');
    }
    const { mirna } = reports[0]!;
    expect(mirna.seed).toBe('CCAGUAC');
    expect(mirna.sequence).toBeDefined();
    expect(mirna.seed).toBe(mirna.sequence!.slice(1, 8));
    // the same statements whatever the spelling
    const ids = (r: MirnaReport) => mirnaStatements(r).map((s) => s.id);
    for (const r of reports.slice(1)) expect(ids(r)).toEqual(ids(reports[0]!));
  });

  it('resolves the arm-less name and the gene symbol MIR770 to the miRNA with the same statements', async () => {
    const mature = await getJson<MirnaReport>(fx.app, '/api/mirna/hsa-miR-770-5p');
    for (const name of ['miR-770', 'MIR770']) {
      const r = await getJson<MirnaReport>(fx.app, `/api/mirna/${name}`);
      expect(r.mirna.members).toEqual(['hsa-miR-770-5p']);
      expect(r.related).toContain('hsa-miR-770-5p');
      expect(r.resolution.notes.join(' ')).toMatch(/hsa-miR-770-5p/);
      expect(mirnaStatements(r).map((s) => s.id)).toEqual(mirnaStatements(mature).map((s) => s.id));
    }
  });

  it('gives miR-770-5p a therapy role with trastuzumab, every statement quoted, every source listed', async () => {
    const r = await getJson<MirnaReport>(fx.app, '/api/mirna/miR-770-5p');
    const roles = [...r.resistance, ...r.sensitisation].filter(
      (s) => s.therapy === 'trastuzumab' || s.object.id === 'trastuzumab',
    );
    expect(roles.length).toBeGreaterThan(0);
    expect(r.sensitisation.some((s) => s.predicate === 'sensitises' && s.object.id === 'trastuzumab')).toBe(
      true,
    );
    for (const s of mirnaStatements(r)) expect(s.subject.id).toBe('hsa-miR-770-5p');
    for (const s of r.targets) expect(s.predicate).toBe('targets');
    expectQuotedAndSourced(mirnaStatements(r), r.sources);
    // nothing but the cited sources
    const cited = new Set(mirnaStatements(r).flatMap((s) => s.evidence.map((e) => e.source_id)));
    expect(r.sources.map((s) => s.id).sort()).toEqual([...cited].sort());
  });

  it('routes an encoded slash (miR-221%2F222) to the miRNA route: a problem naming both, not a missing route', async () => {
    const r = await get('/api/mirna/miR-221%2F222');
    if (r.statusCode === 200) {
      expect(r.json<MirnaReport>().query).toBe('miR-221/222');
    } else {
      const p = expectProblem(r, r.statusCode);
      expect([404, 422]).toContain(r.statusCode);
      expect(p.title).toBe('Unknown miRNA');
      expect(p.candidates).toEqual(expect.arrayContaining(['hsa-miR-221', 'hsa-miR-222']));
    }
    // the unencoded slash is another path, which no route serves
    const unencoded = expectProblem(await get('/api/mirna/miR-221/222'), 404);
    expect(unencoded.title).toBe('Not found');
  });

  it('answers an unknown miRNA with a 404 problem listing candidates', async () => {
    const p = expectProblem(await get('/api/mirna/miR-99999'), 404);
    expect(p.title).toBe('Unknown miRNA');
    expect(p.detail).toContain('miR-99999');
    expect(p.instance).toBe('/api/mirna/miR-99999');
    expect(Array.isArray(p.candidates)).toBe(true);
    expect(p.candidates!.length).toBeGreaterThan(0);
    for (const c of p.candidates!) expect(c).toMatch(/^hsa-mi[Rr]-/);
  });
});

describe('GET /api/gene/{name} and /api/therapy/{name}', () => {
  it('finds the miRNAs targeting PTEN by symbol and by the alias MMAC1', async () => {
    const bySymbol = await getJson<GeneReport>(fx.app, '/api/gene/PTEN');
    const byAlias = await getJson<GeneReport>(fx.app, '/api/gene/MMAC1');
    expect(bySymbol.gene.symbol).toBe('PTEN');
    expect(byAlias.gene.symbol).toBe('PTEN');
    expect(byAlias.via).toBe('alias');
    expect(bySymbol.targetedBy.length).toBeGreaterThan(0);
    expect(bySymbol.targetedBy.map((s) => s.subject.id)).toContain('hsa-miR-21');
    for (const s of bySymbol.targetedBy) {
      expect(s.subject.kind).toBe('mirna');
      expect(s.object).toEqual({ kind: 'gene', id: 'PTEN' });
    }
    expect(byAlias.targetedBy.map((s) => s.id)).toEqual(bySymbol.targetedBy.map((s) => s.id));
    expectQuotedAndSourced(bySymbol.targetedBy, bySymbol.sources);
  });

  it('answers an unknown gene with a 404 problem', async () => {
    const p = expectProblem(await get('/api/gene/NOTAGENE12345'), 404);
    expect(p.title).toMatch(/^Unknown gene/);
  });

  it('resolves tamoxifen and its synonym TAM to one therapy with miRNAs conferring resistance', async () => {
    const byName = await getJson<TherapyReport>(fx.app, '/api/therapy/tamoxifen');
    const bySynonym = await getJson<TherapyReport>(fx.app, '/api/therapy/TAM');
    expect(byName.therapy.name).toBe('tamoxifen');
    expect(bySynonym.therapy.name).toBe('tamoxifen');
    expect(byName.therapy.synonyms).toContain('TAM');
    expect(byName.resistance.length).toBeGreaterThan(0);
    expect(bySynonym.resistance.map((r) => r.mirna)).toEqual(byName.resistance.map((r) => r.mirna));
    for (const role of byName.resistance) {
      expect(role.mirna).toMatch(/^hsa-mi[Rr]-/);
      expect(role.statements.length).toBeGreaterThan(0);
      for (const s of role.statements) expect(s.subject.id).toBe(role.mirna);
    }
    const all = byName.resistance.flatMap((r) => [...r.statements, ...r.mechanisms, ...r.otherTargets]);
    expectQuotedAndSourced(all, byName.sources);
  });

  it('answers an unknown therapy with a 404 problem', async () => {
    const p = expectProblem(await get('/api/therapy/notadrugatall'), 404);
    expect(p.title).toBe('Unknown therapy');
  });
});

describe('GET /api/statements', () => {
  const statements = (query: string) => getJson<StatementsResponse>(fx.app, `/api/statements?${query}`);

  it('lists every curated statement, with the sources they cite', async () => {
    const all = await statements('limit=1000');
    expect(all.total).toBe((await fx.store.counts()).statement);
    expect(all.statements).toHaveLength(all.total);
    expect(all.statements.every((s) => s.status === 'curated')).toBe(true);
    expectQuotedAndSourced(all.statements, all.sources);
  });

  it('filters by predicate (one or several)', async () => {
    const r = await statements('predicate=confers_resistance&limit=1000');
    expect(r.total).toBeGreaterThan(0);
    expect(r.statements).toHaveLength(r.total);
    expect(r.statements.every((s) => s.predicate === 'confers_resistance')).toBe(true);
    const sens = await statements('predicate=sensitises&limit=1000');
    const both = await statements('predicate=confers_resistance,sensitises&limit=1000');
    expect(both.total).toBe(r.total + sens.total);
  });

  it('filters by therapy, a synonym naming the same, and a class covering its members', async () => {
    const r = await statements('therapy=trastuzumab&limit=1000');
    expect(r.total).toBeGreaterThan(0);
    expect(r.statements.every((s) => s.therapy === 'trastuzumab' || s.object.id === 'trastuzumab')).toBe(
      true,
    );
    expect(r.statements.map((s) => s.subject.id)).toContain('hsa-miR-770-5p');
    const tam = await statements('therapy=tamoxifen&limit=1000');
    const synonym = await statements('therapy=TAM&limit=1000');
    expect(synonym.statements.map((s) => s.id)).toEqual(tam.statements.map((s) => s.id));
    const endocrine = await statements(`therapy=${encodeURIComponent('endocrine therapy')}&limit=1000`);
    const ids = new Set(endocrine.statements.map((s) => s.id));
    expect(tam.statements.length).toBeGreaterThan(0);
    for (const s of tam.statements) expect(ids.has(s.id), s.id).toBe(true);
    expect(endocrine.total).toBeGreaterThan(tam.total);
  });

  it('filters by an experiment type and by a context that exist (taken from the network facets)', async () => {
    const { facets } = await getJson<NetworkResponse>(fx.app, '/api/network?limit=1');
    expect(facets.evidence.length).toBeGreaterThan(0);
    for (const type of facets.evidence) {
      const r = await statements(`evidence=${encodeURIComponent(type)}&limit=1000`);
      expect(r.total, type).toBeGreaterThan(0);
      for (const s of r.statements)
        expect(
          s.evidence.some((e) => (e.experiments as string[]).includes(type)),
          `${s.id} has ${type}`,
        ).toBe(true);
    }
    const subtypes = facets.contexts.filter((c) => c.startsWith('subtype='));
    expect(subtypes.length).toBeGreaterThan(0);
    for (const context of subtypes) {
      const value = context.slice('subtype='.length);
      const r = await statements(`context=${encodeURIComponent(context)}&limit=1000`);
      expect(r.total, context).toBeGreaterThan(0);
      for (const s of r.statements)
        expect(
          s.contexts.some((c) => c.subtype === value),
          `${s.id} in ${context}`,
        ).toBe(true);
    }
  });

  it('pages consistently: offset/limit pages concatenate to the whole list, total fixed', async () => {
    const all = await statements('therapy=trastuzumab&limit=1000');
    const pages: Statement[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      const page = await statements(`therapy=trastuzumab&limit=7&offset=${offset}`);
      expect(page.total).toBe(all.total);
      expect(page.offset).toBe(offset);
      expect(page.limit).toBe(7);
      expect(page.statements.length).toBe(Math.min(7, all.total - offset));
      pages.push(...page.statements);
    }
    expect(pages.map((s) => s.id)).toEqual(all.statements.map((s) => s.id));
    const beyond = await statements(`therapy=trastuzumab&offset=${all.total + 5}`);
    expect(beyond.total).toBe(all.total);
    expect(beyond.statements).toEqual([]);
  });

  it('answers a bad limit, offset, status or context with a 400 problem', async () => {
    for (const [query, field] of [
      ['limit=0', 'querystring.limit'],
      ['limit=1001', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['status=deleted', 'querystring.status'],
      ['context=subtype', 'querystring.context'],
    ] as const) {
      const p = expectProblem(await get(`/api/statements?${query}`), 400);
      expect(
        p.issues?.map((i) => i.field),
        query,
      ).toContain(field);
    }
  });

  it('answers an unknown predicate with a 400 problem, not an empty list', async () => {
    const p = expectProblem(await get('/api/statements?predicate=not_a_predicate'), 400);
    expect(p.issues?.map((i) => i.field)).toContain('querystring.predicate.0');
  });

  it('answers an unknown experiment type with a 400 problem, not an empty list', async () => {
    // `luciferase` is the example the contract gives; the experiment type is `luciferase-reporter`
    const p = expectProblem(await get('/api/statements?evidence=luciferase'), 400);
    expect(p.issues?.map((i) => i.field)).toContain('querystring.evidence.0');
  });

  it('answers an unknown therapy filter with a problem naming the therapy', async () => {
    const r = await get('/api/statements?therapy=notadrugatall');
    const p = expectProblem(r, r.statusCode);
    expect([400, 404, 422]).toContain(r.statusCode);
    expect(p.detail).toContain('notadrugatall');
  });
});

describe('GET /api/network', () => {
  const network = (query: string) => getJson<NetworkResponse>(fx.app, `/api/network?${query}`);

  function expectConsistent(n: NetworkResponse): void {
    const ids = new Set(n.nodes.map((x) => x.id));
    expect(ids.size).toBe(n.nodes.length);
    const degree = new Map<string, number>();
    for (const e of n.edges) {
      expect(ids.has(e.source), e.source).toBe(true);
      expect(ids.has(e.target), e.target).toBe(true);
      for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
      expect(e.quotes).toBeGreaterThan(0);
      expect(e.sources.length).toBeGreaterThan(0);
    }
    for (const node of n.nodes) {
      expect(node.id).toBe(`${node.kind}:${node.id.slice(node.kind.length + 1)}`);
      expect(node.degree, node.id).toBe(degree.get(node.id));
    }
  }

  it('has one edge per statement, every end a node, degrees that count the edges, and facets', async () => {
    const n = await network('limit=5000');
    const total = (await getJson<StatementsResponse>(fx.app, '/api/statements?limit=1')).total;
    expect(n.truncated).toBe(false);
    expect(n.edges).toHaveLength(total);
    expectConsistent(n);
    expect(n.facets.predicates).toEqual(
      expect.arrayContaining(['confers_resistance', 'sensitises', 'targets']),
    );
    expect(n.facets.therapies).toEqual(expect.arrayContaining(['trastuzumab', 'tamoxifen']));
    expect(n.facets.evidence.length).toBeGreaterThan(0);
    expect(n.facets.contexts.length).toBeGreaterThan(0);
    for (const c of n.facets.contexts) expect(c).toMatch(/^[a-z_]+=[^=]+$/);
  });

  it('filters by therapy: fewer edges, each about that therapy', async () => {
    const all = await network('limit=5000');
    const n = await network('therapy=trastuzumab&limit=5000');
    expect(n.edges.length).toBeGreaterThan(0);
    expect(n.edges.length).toBeLessThan(all.edges.length);
    expectConsistent(n);
    for (const e of n.edges)
      expect(e.therapy === 'trastuzumab' || e.target === 'therapy:trastuzumab', e.id).toBe(true);
    // the facets describe the whole graph, not the filtered one
    expect(n.facets).toEqual(all.facets);
  });

  it('centres on miR-770-5p: depth 1 is the statements touching it', async () => {
    const n = await network('center=miR-770-5p&depth=1');
    expect(n.nodes.map((x) => x.id)).toContain('mirna:hsa-miR-770-5p');
    expect(n.edges.length).toBeGreaterThan(0);
    expectConsistent(n);
    for (const e of n.edges) expect([e.source, e.target], e.id).toContain('mirna:hsa-miR-770-5p');
    const deeper = await network('center=miR-770-5p&depth=2');
    expect(deeper.edges.length).toBeGreaterThanOrEqual(n.edges.length);
    expectConsistent(deeper);
  });

  it('keeps at most limit edges and says it truncated', async () => {
    const n = await network('limit=5');
    expect(n.edges).toHaveLength(5);
    expect(n.truncated).toBe(true);
    expectConsistent(n);
  });

  it('answers a bad depth or an unknown centre with a problem', async () => {
    expect(expectProblem(await get('/api/network?depth=4'), 400).issues?.map((i) => i.field)).toContain(
      'querystring.depth',
    );
    const unknown = await get('/api/network?center=notanentity12345');
    expectProblem(unknown, unknown.statusCode);
    expect([404, 422]).toContain(unknown.statusCode);
  });
});

describe('GET /api/export', () => {
  const filter = 'therapy=trastuzumab';
  let selected: Statement[];
  beforeAll(async () => {
    selected = (await getJson<StatementsResponse>(fx.app, `/api/statements?${filter}&limit=1000`)).statements;
    expect(selected.length).toBeGreaterThan(0);
  });

  const exported = async (format: string) => {
    const r = await get(`/api/export?${filter}&format=${format}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="miresist-statements.${format}"`);
    return r;
  };
  const lines = (body: string) => body.replace(/\n$/, '').split('\n');

  it('tsv: the header, then one line per statement and piece of evidence of the same filter', async () => {
    const r = await exported('tsv');
    expect(r.headers['content-type']).toMatch(/^text\/tab-separated-values/);
    const [header, ...rows] = lines(r.body);
    expect(header).toBe(TSV_COLUMNS.join('\t'));
    expect(rows).toHaveLength(selected.reduce((n, s) => n + s.evidence.length, 0));
    for (const row of rows) expect(row.split('\t')).toHaveLength(TSV_COLUMNS.length);
    const subjects = new Set(rows.map((row) => row.split('\t')[0]));
    expect(subjects).toEqual(new Set(selected.map((s) => s.subject.id)));
  });

  it('tsv is the default format', async () => {
    const r = await get(`/api/export?${filter}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe((await exported('tsv')).body);
  });

  it('graphml: XML with a graphml root and one edge per statement', async () => {
    const r = await exported('graphml');
    expect(r.headers['content-type']).toMatch(/^application\/xml/);
    expect(r.body.startsWith('<?xml')).toBe(true);
    expect(r.body).toContain('<graphml');
    expect(r.body.trimEnd().endsWith('</graphml>')).toBe(true);
    expect(r.body.match(/<edge\b/g) ?? []).toHaveLength(selected.length);
  });

  it('sif: one line of three tab-separated fields per statement', async () => {
    const r = await exported('sif');
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const rows = lines(r.body);
    expect(rows).toHaveLength(selected.length);
    for (const row of rows) expect(row.split('\t')).toHaveLength(3);
    expect(rows.map((row) => row.split('\t')[1]).sort()).toEqual(selected.map((s) => s.predicate).sort());
  });

  it('json: the same statements', async () => {
    const r = await exported('json');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const doc = r.json<{ statements: Statement[] }>();
    expect(doc.statements.map((s) => s.id).sort()).toEqual(selected.map((s) => s.id).sort());
  });

  it('answers an unknown format with a 400 problem', async () => {
    const p = expectProblem(await get('/api/export?format=xlsx'), 400);
    expect(p.issues?.map((i) => i.field)).toContain('querystring.format');
  });
});
