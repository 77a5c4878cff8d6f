/** One contract suite, every backend (STYLE.md guideline 3): the same assertions on SQLite and PostgreSQL. */
import { writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildKnowledgeBase,
  bundledCurationDir,
  curatedMatureMirnas,
  predictUtrSet,
  geneReport,
  KnowledgeStore,
  mirnaReport,
  searchKnowledge,
  therapyReport,
  type StoreConfig,
} from '../src/kb/index.js';
import { StoreError, ValidationError, type Statement } from '../src/model/index.js';
import { postgresBackend, sqliteBackend, type Backend } from './helpers/backends.js';
import { names } from './helpers/reference-names.js';

const backends: Backend[] = [sqliteBackend()];
const pgBackend = await postgresBackend();
if (pgBackend) backends.push(pgBackend);
afterAll(async () => {
  for (const backend of backends) await backend.dispose();
});

const quotesOf = (statements: Statement[]) => statements.flatMap((s) => s.evidence.map((e) => e.quote));

describe.each(backends.map((b) => [b.name, b] as const))('store contract on %s', (_name, backend) => {
  let config: StoreConfig;
  let store: KnowledgeStore;
  let built: Awaited<ReturnType<typeof buildKnowledgeBase>>;

  beforeAll(async () => {
    config = await backend.create();
    built = await buildKnowledgeBase(config);
    store = await KnowledgeStore.open(config);
  });
  afterAll(async () => store?.close());

  it('holds every curated statement with its evidence', async () => {
    const counts = await store.counts();
    expect(counts.statement).toBe(built.statements);
    expect(counts.evidence).toBe(built.evidence);
    expect(counts.source).toBe(3);
    expect(built.statements).toBeGreaterThan(130);
    const all = await store.statements();
    expect(all).toHaveLength(built.statements);
    expect(all.every((s) => s.evidence.length > 0 && s.evidence.every((e) => e.quote.length > 20))).toBe(
      true,
    );
    expect((await store.meta()).format_version).toBe('1');
  });

  it('answers a miRNA by any name, with quotes, including arm-unknown statements for a mature query', async () => {
    const report = await mirnaReport(store, names, 'microRNA-21');
    expect(report.mirna.name).toBe('hsa-miR-21');
    expect(report.resistance.map((s) => s.object.id)).toContain('tamoxifen');
    expect(report.targets.map((s) => s.object.id)).toEqual(expect.arrayContaining(['PTEN', 'PDCD4']));
    const mature = await mirnaReport(store, names, 'hsa-miR-21-5p');
    expect(mature.mirna.accession).toBe('MIMAT0000076');
    expect(mature.related).toContain('hsa-miR-21');
    expect(mature.resistance.length).toBe(report.resistance.length);
    const m770 = await mirnaReport(store, names, 'miR-770-5p');
    expect(m770.sensitisation.map((s) => s.object.id)).toContain('trastuzumab');
    expect(m770.expression.map((s) => s.predicate)).toContain('down_in_resistant');
  });

  it('answers a therapy by synonym or class, grouping resistance and sensitisation with mechanisms', async () => {
    const byName = await therapyReport(store, names, 'tamoxifen');
    const bySynonym = await therapyReport(store, names, 'TAM');
    expect(bySynonym.resistance.map((r) => r.mirna)).toEqual(byName.resistance.map((r) => r.mirna));
    expect(byName.resistance.map((r) => r.mirna)).toEqual(
      expect.arrayContaining(['hsa-miR-221', 'hsa-miR-222', 'hsa-miR-21']),
    );
    const m221 = byName.resistance.find((r) => r.mirna === 'hsa-miR-221')!;
    expect(m221.mechanisms.map((m) => m.object.id)).toContain('ESR1');
    expect(quotesOf(m221.statements).join(' ')).toMatch(/tamoxifen/);
    const endocrine = await therapyReport(store, names, 'endocrine therapy');
    expect(endocrine.covered).toContain('tamoxifen');
    expect(endocrine.resistance.length).toBeGreaterThanOrEqual(byName.resistance.length);
    const anthracyclines = await therapyReport(store, names, 'anthracyclines');
    expect(anthracyclines.covered).toEqual(expect.arrayContaining(['doxorubicin', 'epirubicin']));
  });

  it('answers a gene by protein name: the miRNAs targeting it and their therapies', async () => {
    const report = await geneReport(store, names, 'ERα');
    expect(report.gene.symbol).toBe('ESR1');
    expect(report.targetedBy.map((s) => s.subject.id)).toEqual(
      expect.arrayContaining(['hsa-miR-221', 'hsa-miR-222']),
    );
    expect(report.therapyRoles.map((s) => s.object.id)).toContain('tamoxifen');
  });

  it('filters statements by predicate, therapy, context and source', async () => {
    const inBt474 = await store.statements({ context: { key: 'cell_line', value: 'BT-474' } });
    expect(inBt474.length).toBeGreaterThan(0);
    expect(inBt474.every((s) => s.contexts.some((c) => c.cell_line === 'BT-474'))).toBe(true);
    const seed000 = await store.statements({ sources: ['000_32c76e4c60258c72'] });
    expect(seed000.every((s) => s.evidence.some((e) => e.source_id === '000_32c76e4c60258c72'))).toBe(true);
    const sensitising = await store.statements({ predicates: ['sensitises'], therapies: ['trastuzumab'] });
    expect(sensitising.map((s) => s.subject.id)).toContain('hsa-miR-770-5p');
  });

  it('walks a neighbourhood and searches names and evidence text', async () => {
    const one = await store.neighbourhood(['hsa-miR-770-5p'], 1);
    const two = await store.neighbourhood(['hsa-miR-770-5p'], 2);
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(one.length);
    const hits = await searchKnowledge(store, names, 'survivin');
    expect(hits.some((h) => h.kind === 'gene' && h.id === 'BIRC5')).toBe(true);
    const text = await searchKnowledge(store, names, 'bidirectional crosstalk');
    expect(text.some((h) => h.kind === 'evidence')).toBe(true);
  });

  it('keeps predicted seed sites apart from curated evidence, per UTR set, across rebuilds', async () => {
    const statements = await store.statements({ statuses: ['curated'] });
    const subjects = [
      ...new Set(statements.filter((st) => st.subject.kind === 'mirna').map((st) => st.subject.id)),
    ];
    const mirnas = (await Promise.all(subjects.map((n) => store.mirna(n)))).filter((m) => m !== undefined);
    const matures = curatedMatureMirnas(names, statements, mirnas);
    expect(matures.map((m) => m.name)).toEqual(expect.arrayContaining(['hsa-miR-21-5p', 'hsa-miR-770-5p']));
    const pad = 'C'.repeat(20);
    const utrs = [
      { id: 'PTEN', sequence: `${pad}AUAAGCUA${pad}` }, // 8mer-1a of miR-21-5p
      { id: 'PDCD4', sequence: `${pad}${pad}` },
    ];
    const set = await predictUtrSet(names, 'demo', utrs, matures);
    await store.replaceUtrSet('demo', set.utrs, set.sites);
    const before = await store.counts();
    const report = await mirnaReport(store, names, 'miR-21');
    expect(report.utrSources).toEqual(['demo']);
    expect(report.siteEvidence.PTEN).toEqual([
      {
        mirna: 'hsa-miR-21-5p',
        gene: 'PTEN',
        site_type: '8mer-1a',
        utr_start: 21,
        utr_end: 28,
        source: 'demo',
        utr_id: 'PTEN',
      },
    ]);
    expect(report.siteEvidence.PDCD4).toEqual([]);
    expect(before.evidence).toBe(built.evidence); // curated evidence untouched
    await store.replaceUtrSet('demo', set.utrs.slice(1), []);
    expect((await mirnaReport(store, names, 'miR-21')).siteEvidence.PTEN).toEqual([]);
    await store.replaceUtrSet('demo', set.utrs, set.sites);
    await store.close();
    await buildKnowledgeBase(config);
    store = await KnowledgeStore.open(config);
    expect((await mirnaReport(store, names, 'miR-21')).siteEvidence.PTEN).toHaveLength(1);
  });

  it('rejects a bad curation file and leaves the previous store intact and readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miresist-bad-'));
    cpSync(bundledCurationDir(), dir, { recursive: true });
    const file = join(dir, '000_32c76e4c60258c72.tsv');
    writeFileSync(
      file,
      `${(await import('node:fs')).readFileSync(file, 'utf8')}miR-9999\tsensitises\ttrastuzumab\t\t\t\t\tAbstract\tA quote.\n`,
    );
    const before = await store.counts();
    await expect(buildKnowledgeBase(config, { curationDir: dir })).rejects.toThrow(ValidationError);
    await expect(buildKnowledgeBase(config, { curationDir: dir })).rejects.toThrow(
      /000_32c76e4c60258c72\.tsv:\d+: subject: no miRBase 22 entry matches 'miR-9999'/,
    );
    const reopened = await KnowledgeStore.open(config);
    expect(await reopened.counts()).toEqual(before);
    await reopened.close();
  });

  it('rolls back a build that fails while writing', async () => {
    const before = await store.counts();
    const broken: Statement = {
      id: 'st_broken',
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'targets',
      object: { kind: 'gene', id: 'PTEN' },
      contexts: [],
      qualifiers: {},
      evidence: [{ source_id: 'no-such-source', section: 'x', quote: 'x', experiments: [] }],
      status: 'curated',
    };
    await expect(
      KnowledgeStore.build(config, {
        sources: [],
        statements: [broken],
        mirnas: [],
        genes: [],
        therapies: [],
        pathways: [],
        names: [],
        meta: {},
      }),
    ).rejects.toThrow();
    const reopened = await KnowledgeStore.open(config);
    expect(await reopened.counts()).toEqual(before);
    await reopened.close();
  });
});

describe('opening a store that is not there or not a store', () => {
  it('names the problem instead of crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miresist-open-'));
    await expect(KnowledgeStore.open({ kind: 'sqlite', path: join(dir, 'missing.sqlite') })).rejects.toThrow(
      /no store at .*missing\.sqlite: run `miresist kb build`/,
    );
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database');
    await expect(KnowledgeStore.open({ kind: 'sqlite', path: garbage })).rejects.toThrow(StoreError);
    await expect(KnowledgeStore.open({ kind: 'sqlite', path: dir })).rejects.toThrow(/is a directory/);
  });
});
