import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildKnowledgeBase,
  KnowledgeStore,
  linkChangesToKnowledge,
  loadReferenceNames,
} from '../src/kb/index.js';
import { judgeStatement, overallVerdict, sourceLabel } from '../src/kb/analysis-knowledge.js';
import type { Statement } from '../src/model/index.js';
import type { FeatureChange } from '../src/stats/analysis-output.js';
import { sqliteBackend } from './helpers/backends.js';

const change = (feature: string, log2FoldChange: number, significant = true): FeatureChange => ({
  feature,
  group: 'Resistant',
  referenceGroup: 'Parental',
  log2FoldChange,
  p: 0.001,
  significant,
  rule: 'p < 0.05',
});

const statement = (predicate: Statement['predicate']): Statement => ({
  id: 's1',
  subject: { kind: 'mirna', id: 'miR-21' },
  predicate,
  object: { kind: 'therapy', id: 'trastuzumab' },
  contexts: [],
  qualifiers: {},
  evidence: [{ source_id: 'x', section: 'Abstract', quote: 'q', experiments: [] }],
  status: 'curated',
});

describe('judging a measured change against a statement', () => {
  it('reads up_in_resistant/confers_resistance as "up" and down_in_resistant/sensitises as "down"', () => {
    expect(judgeStatement(statement('up_in_resistant'), 'up')).toMatchObject({
      expected: 'up',
      agreement: 'consistent',
    });
    expect(judgeStatement(statement('confers_resistance'), 'down')).toMatchObject({
      agreement: 'contradicts',
    });
    expect(judgeStatement(statement('down_in_resistant'), 'down')).toMatchObject({
      kind: 'expression',
      agreement: 'consistent',
    });
    expect(judgeStatement(statement('sensitises'), 'up')).toMatchObject({
      kind: 'role',
      agreement: 'contradicts',
    });
    expect(judgeStatement(statement('predicts_response'), 'up')).toMatchObject({
      expected: null,
      agreement: 'not_judged',
    });
  });
  it('combines agreements into one verdict', () => {
    expect(overallVerdict([])).toBe('no_curated_knowledge');
    expect(overallVerdict([{ agreement: 'not_judged' }])).toBe('no_curated_knowledge');
    expect(overallVerdict([{ agreement: 'consistent' }, { agreement: 'not_judged' }])).toBe('consistent');
    expect(overallVerdict([{ agreement: 'contradicts' }])).toBe('contradicts');
    expect(overallVerdict([{ agreement: 'contradicts' }, { agreement: 'consistent' }])).toBe('mixed');
  });
  it('labels seed papers as seeds', () => {
    expect(sourceLabel('000_32c76e4c60258c72')).toBe('seed 000');
    expect(sourceLabel('PMID:123')).toBe('PMID:123');
  });
});

describe('linking analysis changes to the curated knowledge graph', () => {
  const backend = sqliteBackend();
  let store: KnowledgeStore;
  const names = loadReferenceNames();
  beforeAll(async () => {
    const config = await backend.create();
    await buildKnowledgeBase(config);
    store = await KnowledgeStore.open(config);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await backend.dispose();
  });

  it('finds seed 000 behind miR-770-5p being down in trastuzumab-resistant cells, with its quote', async () => {
    const [link] = await linkChangesToKnowledge(store, names, [change('hsa-miR-770-5p', -1.9)], {
      therapy: 'trastuzumab',
    });
    expect(link!.mirna).toBe('hsa-miR-770-5p');
    expect(link!.verdict).toBe('consistent');
    const expression = link!.statements.find((s) => s.predicate === 'down_in_resistant')!;
    expect(expression.source_label).toBe('seed 000');
    expect(expression.contexts.join(' ')).toContain('BT-474');
    expect(link!.message).toMatch(
      /^hsa-miR-770-5p down in Resistant vs Parental: consistent with seed 000 \(trastuzumab, BT-474\/SK-BR-3/,
    );
    expect(link!.message).toContain('“');
  });

  it('flags a change that contradicts curated knowledge', async () => {
    const [link] = await linkChangesToKnowledge(store, names, [change('miR-770-5p', 2)], {
      therapy: 'trastuzumab',
    });
    expect(link!.verdict).toBe('contradicts');
    expect(link!.message).toContain('CONTRADICTS seed 000');
  });

  it('restricts to the therapy, skips non-significant changes unless asked, and reports unknown names', async () => {
    const links = await linkChangesToKnowledge(
      store,
      names,
      [change('miR-770-5p', -2), change('miR-21', 1.5, false), change('PTEN', 1)],
      { therapy: 'tamoxifen' },
    );
    expect(links.map((l) => l.feature)).toEqual(['miR-770-5p', 'PTEN']);
    expect(links[0]!.verdict).toBe('no_curated_knowledge');
    expect(links[1]!.verdict).toBe('not_a_mirna');
    const all = await linkChangesToKnowledge(store, names, [change('miR-21', 1.5, false)], {
      includeNonSignificant: true,
    });
    expect(all[0]!.statements.length).toBeGreaterThan(0);
    expect(all[0]!.statements.every((s) => s.quote.length > 0)).toBe(true);
  });

  it('gives no verdict when the comparison group reads as the parental one', async () => {
    const [link] = await linkChangesToKnowledge(
      store,
      names,
      [{ ...change('miR-770-5p', 2), group: 'SKBR3_parental', referenceGroup: 'SKBR3_TrasR' }],
      { therapy: 'trastuzumab' },
    );
    expect(link!.verdict).toBe('orientation_unclear');
    expect(link!.message).toMatch(/reads as the parental\/control group/);
  });

  it('refuses an unknown therapy name', async () => {
    await expect(linkChangesToKnowledge(store, names, [], { therapy: 'notatherapy' })).rejects.toThrow(
      /therapy/,
    );
  });
});
