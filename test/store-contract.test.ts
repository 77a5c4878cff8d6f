/** One contract suite, every backend (STYLE.md guideline 3): the same assertions on SQLite and PostgreSQL. */
import { writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildKnowledgeBase,
  bundledCurationDir,
  statementId,
  toTsv,
  curatedMatureMirnas,
  predictUtrSet,
  geneReport,
  KnowledgeStore,
  mirnaReport,
  searchKnowledge,
  therapyReport,
  type StoreConfig,
} from '../src/kb/index.js';
import {
  StoreError,
  ValidationError,
  statementKey,
  type Predicate,
  type Source,
  type Statement,
} from '../src/model/index.js';
import type { ProposedStatement } from '../src/read/proposal.js';
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

const SOURCE: Source = { id: 'PMID:90000041', title: 'A round-trip example', pmid: '90000041', year: '2024' };
const QUOTE = 'Transfection of anti-miR-21 re-sensitised BT-474 cells to trastuzumab.';

/** A hand-built reader proposal (the queue is tested without the reader). */
function proposed(over: Partial<ProposedStatement> = {}): ProposedStatement {
  return {
    subject: { kind: 'mirna', id: 'hsa-miR-21' },
    predicate: 'confers_resistance',
    object: { kind: 'therapy', id: 'trastuzumab' },
    contexts: [{ cell_line: 'BT-474' }],
    qualifiers: { inverted: 'inhibitor' },
    source_id: SOURCE.id,
    section: 'Abstract',
    quote: QUOTE,
    start: 10,
    end: 10 + QUOTE.length,
    trigger: 're-sensitised',
    subject_text: 'anti-miR-21',
    object_text: 'trastuzumab',
    ...over,
  };
}
const batch = (statements: ProposedStatement[], file = 'in/roundtrip.txt', source = SOURCE) => ({
  file,
  result: { source, statements },
});
const curatorOf = async (store: KnowledgeStore, id: string) =>
  store.db.selectFrom('statement').select(['curator', 'curated_at']).where('id', '=', id).executeTakeFirst();

describe.each(backends.map((b) => [b.name, b] as const))('curation queue on %s', (_name, backend) => {
  let config: StoreConfig;
  let store: KnowledgeStore;
  /** a curated statement from the seed curation, to merge into */
  let pten: Statement;
  let newId: number;
  let mergeId: number;

  beforeAll(async () => {
    config = await backend.create();
    await buildKnowledgeBase(config);
    store = await KnowledgeStore.open(config);
    pten = (
      await store.statements({ subjects: ['hsa-miR-21'], predicates: ['targets'], objects: ['PTEN'] })
    )[0]!;
  });
  afterAll(async () => store?.close());

  const mergeProposal = () =>
    proposed({
      subject: pten.subject,
      predicate: pten.predicate,
      object: pten.object,
      ...(pten.therapy ? { therapy: pten.therapy } : {}),
      qualifiers: pten.qualifiers,
      contexts: [{ cell_line: 'MCF-7' }],
      quote: 'MiR-21 directly targets PTEN in MCF-7 cells.',
      trigger: 'targets',
      subject_text: 'MiR-21',
      object_text: 'PTEN',
    });

  it('queues proposals once: repeats and already-curated quotes are counted, not queued', async () => {
    const seed = (await store.sources()).find((s) => s.id === pten.evidence[0]!.source_id)!;
    const curatedCopy = proposed({
      subject: pten.subject,
      predicate: pten.predicate,
      object: pten.object,
      ...(pten.therapy ? { therapy: pten.therapy } : {}),
      qualifiers: pten.qualifiers,
      source_id: seed.id,
      quote: pten.evidence[0]!.quote,
    });
    const report = await store.addProposals([
      batch([proposed(), proposed()]),
      batch([curatedCopy], 'seed.txt', seed),
    ]);
    expect(report).toEqual({ added: 1, ids: [expect.any(Number)], duplicates: 1, alreadyCurated: 1 });
    newId = report.ids[0]!;
    expect(await store.addProposals([batch([proposed()])])).toEqual({
      added: 0,
      ids: [],
      duplicates: 1,
      alreadyCurated: 0,
    });
    const [queued, ...rest] = await store.proposals();
    expect(rest).toEqual([]);
    expect(queued).toMatchObject({
      id: newId,
      status: 'pending',
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'confers_resistance',
      therapy: 'trastuzumab', // a therapy predicate's therapy is its object, as in curated statements
      qualifiers: { inverted: 'inhibitor' },
      contexts: [{ cell_line: 'BT-474' }],
      source: SOURCE,
      quote: QUOTE,
      start: 10,
      end: 10 + QUOTE.length,
      trigger: 're-sensitised',
      subject_text: 'anti-miR-21',
      file: 'in/roundtrip.txt',
    });
    expect(queued!.statement_id).toBeUndefined();
    expect(await store.proposal(newId)).toEqual(queued);
    expect(await store.proposal(newId + 1000)).toBeUndefined();
  });

  it('lists proposals by status, source and predicate', async () => {
    const other: Source = { id: 'other_paper', title: 'Another paper' };
    const report = await store.addProposals([
      batch([mergeProposal()]),
      batch(
        [
          proposed({
            source_id: other.id,
            predicate: 'targets',
            object: { kind: 'gene', id: 'PDCD4' },
            therapy: 'tamoxifen',
            quote: 'miR-21 targets PDCD4 in tamoxifen-resistant cells.',
          }),
        ],
        'other.txt',
        other,
      ),
    ]);
    expect(report.added).toBe(2);
    mergeId = report.ids[0]!;
    expect((await store.proposals()).map((p) => p.id)).toEqual([newId, mergeId, report.ids[1]]);
    expect((await store.proposals({ source: 'other_paper' })).map((p) => p.therapy)).toEqual(['tamoxifen']);
    expect((await store.proposals({ predicate: 'targets' })).map((p) => p.object.id)).toEqual([
      'PTEN',
      'PDCD4',
    ]);
    expect(await store.proposals({ status: 'accepted' })).toEqual([]);
    expect(await store.proposals({ limit: 1 })).toHaveLength(1);
  });

  it('accepts a proposal as a new curated statement with curator, time, source and evidence span', async () => {
    const key = statementKey({ ...proposed(), therapy: 'trastuzumab' });
    const id = statementId(key);
    expect(await store.statements({ subjects: ['hsa-miR-21'] })).not.toContainEqual(
      expect.objectContaining({ id }),
    );
    const before = await store.counts();
    const accepted = await store.acceptProposal(newId, 'alice', '2024-05-01T10:00:00.000Z');
    expect(accepted).toEqual({ id: newId, statement_id: id, merged: false, evidenceAdded: true });
    const [statement] = await store
      .statements({ subjects: ['hsa-miR-21'], predicates: ['confers_resistance'] })
      .then((all) => all.filter((s) => s.id === id));
    expect(statement).toEqual({
      id,
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'confers_resistance',
      object: { kind: 'therapy', id: 'trastuzumab' },
      therapy: 'trastuzumab',
      contexts: [{ cell_line: 'BT-474' }],
      qualifiers: { inverted: 'inhibitor' },
      evidence: [
        {
          source_id: SOURCE.id,
          section: 'Abstract',
          quote: QUOTE,
          experiments: [],
          locator: `reader:roundtrip.txt:10-${10 + QUOTE.length}`,
        },
      ],
      status: 'curated',
    });
    expect(await curatorOf(store, id)).toEqual({ curator: 'alice', curated_at: '2024-05-01T10:00:00.000Z' });
    expect((await store.sources()).find((s) => s.id === SOURCE.id)).toEqual(SOURCE);
    const after = await store.counts();
    expect([after.statement, after.evidence, after.source]).toEqual([
      before.statement! + 1,
      before.evidence! + 1,
      before.source! + 1,
    ]);
    expect(await store.proposal(newId)).toMatchObject({
      status: 'accepted',
      reviewed_by: 'alice',
      reviewed_at: '2024-05-01T10:00:00.000Z',
      statement_id: id,
    });
    // the store-level round trip: the accepted quote is in the export
    const tsv = [...toTsv(await store.statements({ statuses: ['curated'] }))].join('');
    expect(tsv).toContain(
      `hsa-miR-21\tconfers_resistance\ttrastuzumab\ttrastuzumab\tcell_line=BT-474\t${SOURCE.id}\t${QUOTE}\n`,
    );
    expect(
      (await store.statements({ context: { key: 'cell_line', value: 'BT-474' } })).map((s) => s.id),
    ).toContain(id);
  });

  it('merges a duplicate of a curated statement as extra evidence, with contexts unioned', async () => {
    const before = await store.counts();
    const accepted = await store.acceptProposal(mergeId, 'bob', '2024-05-02T09:00:00.000Z');
    expect(accepted).toEqual({ id: mergeId, statement_id: pten.id, merged: true, evidenceAdded: true });
    const [merged] = (await store.statements({ subjects: ['hsa-miR-21'], objects: ['PTEN'] })).filter(
      (s) => s.id === pten.id,
    );
    expect(merged!.evidence).toEqual([
      ...pten.evidence,
      expect.objectContaining({
        quote: 'MiR-21 directly targets PTEN in MCF-7 cells.',
        source_id: SOURCE.id,
      }),
    ]);
    expect(merged!.contexts).toEqual([...pten.contexts, { cell_line: 'MCF-7' }]);
    expect(
      (await store.statements({ context: { key: 'cell_line', value: 'MCF-7' } })).map((s) => s.id),
    ).toContain(pten.id);
    const after = await store.counts();
    expect([after.statement, after.evidence]).toEqual([before.statement, before.evidence! + 1]);
    expect(await curatorOf(store, pten.id)).toEqual({ curator: null, curated_at: null }); // still the file's
  });

  it('rejects with a reason, and refuses to review a proposal twice or an unknown id (all or none)', async () => {
    const pending = (await store.proposals({ status: 'pending' }))[0]!;
    await expect(store.acceptProposal(newId, 'carol')).rejects.toThrow(ValidationError);
    await expect(store.acceptProposal(newId, 'carol')).rejects.toThrow(
      /proposal #\d+ is already accepted by alice at 2024-05-01T10:00:00.000Z; only pending proposals can be accepted/,
    );
    await expect(store.rejectProposal(newId, 'carol')).rejects.toThrow(/already accepted/);
    await expect(store.editProposal(newId, { predicate: 'sensitises' })).rejects.toThrow(
      /only pending proposals can be edited/,
    );
    await expect(store.acceptProposal(99_999, 'carol')).rejects.toThrow(/no proposal #99999 in the queue/);
    await expect(store.acceptProposals([pending.id, 99_999], { curator: 'carol' })).rejects.toThrow(/#99999/);
    expect((await store.proposal(pending.id))!.status).toBe('pending');
    await store.rejectProposal(
      pending.id,
      'carol',
      'PDCD4 is not named as a target here',
      '2024-05-03T00:00:00.000Z',
    );
    expect(await store.proposal(pending.id)).toMatchObject({
      status: 'rejected',
      reviewed_by: 'carol',
      reviewed_at: '2024-05-03T00:00:00.000Z',
      review_note: 'PDCD4 is not named as a target here',
    });
    expect((await store.proposal(pending.id))!.statement_id).toBeUndefined();
    await expect(store.acceptProposal(pending.id, 'carol')).rejects.toThrow(/already rejected by carol/);
  });

  it('edits a pending proposal within the model and the predicate signatures', async () => {
    const { ids } = await store.addProposals([
      batch([proposed({ quote: 'miR-21 made BT-474 cells resistant to trastuzumab.', qualifiers: {} })]),
    ]);
    const id = ids[0]!;
    const edited = await store.editProposal(id, {
      predicate: 'targets',
      object: { kind: 'gene', id: 'PTEN' },
      contexts: [{ cell_line: 'BT-474', subtype: 'her2-positive' }],
      qualifiers: { mode: 'direct' },
    });
    expect(edited).toMatchObject({
      id,
      status: 'pending',
      predicate: 'targets',
      object: { kind: 'gene', id: 'PTEN' },
      therapy: 'trastuzumab', // kept from the therapy claim it was
      contexts: [{ cell_line: 'BT-474', subtype: 'her2-positive' }],
      qualifiers: { mode: 'direct' },
    });
    expect((await store.proposalMergeTarget(edited)).statement_id).toBe(
      statementId(statementKey({ ...edited })),
    );
    const cleared = await store.editProposal(id, { therapy: null });
    expect(cleared.therapy).toBeUndefined();
    await expect(store.editProposal(id, { subject: { kind: 'gene', id: 'ESR1' } })).rejects.toThrow(
      /targets takes a mirna subject, not the gene 'ESR1'/,
    );
    await expect(store.editProposal(id, { predicate: 'sensitises' })).rejects.toThrow(
      /sensitises takes a therapy object, not the gene 'PTEN'/,
    );
    await expect(
      store.editProposal(id, {
        predicate: 'sensitises',
        object: { kind: 'therapy', id: 'tamoxifen' },
        therapy: 'lapatinib',
      }),
    ).rejects.toThrow(/for sensitises the object \(tamoxifen\) is the therapy/);
    await expect(
      store.editProposal(id, {
        qualifiers: { mode: 'sideways' } as unknown as ProposedStatement['qualifiers'],
      }),
    ).rejects.toThrow(ValidationError);
    expect(await store.proposal(id)).toEqual(cleared); // failed edits change nothing
  });

  it('leaves the queue unchanged when any proposal of a batch is invalid', async () => {
    const before = await store.proposals();
    const counts = await store.counts();
    const good = proposed({ quote: 'A new sentence: miR-21 confers trastuzumab resistance.' });
    await expect(
      store.addProposals([
        batch([good]),
        batch([proposed({ predicate: 'causes' as Predicate, quote: 'x' })], 'bad.txt'),
      ]),
    ).rejects.toThrow(/bad\.txt: proposal 1 of PMID:90000041: predicate: 'causes' is not one of/);
    await expect(
      store.addProposals([
        batch([good]),
        batch([proposed({ subject: { kind: 'gene', id: 'PTEN' } })], 'bad.txt'),
      ]),
    ).rejects.toThrow(
      /bad\.txt: proposal 1 of PMID:90000041: subject: confers_resistance takes a mirna subject/,
    );
    await expect(
      store.addProposals([batch([good]), batch([good], 'bad.txt', { id: 'bad id!', title: 'x' })]),
    ).rejects.toThrow(/bad\.txt: source\.id: letters, digits/);
    expect(await store.proposals()).toEqual(before);
    expect(await store.counts()).toEqual(counts);
  });

  it('carries the queue and the accepted proposals across a rebuild, and a failed build keeps both', async () => {
    const before = await store.proposals();
    const statements = await store.statements();
    const accepted = before.filter((p) => p.status === 'accepted');
    expect(accepted).toHaveLength(2);
    await store.close();
    const report = await buildKnowledgeBase(config);
    expect([report.proposals, report.acceptedProposals]).toEqual([before.length, 2]);
    store = await KnowledgeStore.open(config);
    expect(await store.proposals()).toEqual(before);
    expect(await store.statements()).toEqual(statements);
    expect(await curatorOf(store, accepted[0]!.statement_id!)).toEqual({
      curator: 'alice',
      curated_at: '2024-05-01T10:00:00.000Z',
    });
    expect(await curatorOf(store, pten.id)).toEqual({ curator: null, curated_at: null });
    // ids continue after the carried ones
    const { ids } = await store.addProposals([
      batch([proposed({ quote: 'After the rebuild, miR-21 again.' })]),
    ]);
    expect(ids[0]).toBeGreaterThan(Math.max(...before.map((p) => p.id)));
    // a failed build leaves the queue as it was
    const queue = await store.proposals();
    const dir = mkdtempSync(join(tmpdir(), 'miresist-bad-'));
    cpSync(bundledCurationDir(), dir, { recursive: true });
    writeFileSync(join(dir, '000_32c76e4c60258c72.tsv'), 'not a curation file\n');
    await expect(buildKnowledgeBase(config, { curationDir: dir })).rejects.toThrow(ValidationError);
    expect(await store.proposals()).toEqual(queue);
  });

  it('refuses to rebuild over a store it cannot read, instead of dropping its queue', async () => {
    const queue = await store.proposals();
    expect(queue.length).toBeGreaterThan(0);
    await store.db.updateTable('meta').set({ value: '99' }).where('key', '=', 'format_version').execute();
    await expect(buildKnowledgeBase(config)).rejects.toThrow(
      /cannot read the current store.*nothing was changed/,
    );
    await store.db.updateTable('meta').set({ value: '1' }).where('key', '=', 'format_version').execute();
    expect(await store.proposals()).toEqual(queue);
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
