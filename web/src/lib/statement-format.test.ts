import { describe, expect, it } from 'vitest';
import {
  entityHref,
  evidenceExperiments,
  experimentLabel,
  formatContext,
  formatContexts,
  groupBy,
  predicateLabel,
  qualifierChips,
  summariseStatement,
} from './statement-format.js';
import { statementFixture } from './test-fixtures.js';

describe('predicateLabel', () => {
  it('reads the vocabulary as words, unknown names with spaces', () => {
    expect(predicateLabel('confers_resistance')).toBe('confers resistance to');
    expect(predicateLabel('up_in_resistant')).toBe('is up in cells resistant to');
    expect(predicateLabel('binds_to')).toBe('binds to');
  });
});

describe('formatContext', () => {
  it('uses the model key order', () => {
    expect(formatContext({ system: 'in-vitro', subtype: 'her2-positive', cell_line: 'BT-474' })).toBe(
      'subtype=her2-positive;cell_line=BT-474;system=in-vitro',
    );
    expect(formatContexts([{ subtype: 'her2-positive' }, {}, { sample_type: 'serum' }])).toBe(
      'subtype=her2-positive | sample_type=serum',
    );
    expect(formatContexts([])).toBe('');
  });
});

describe('evidence experiments', () => {
  it('lists each experiment type once', () => {
    expect(evidenceExperiments(statementFixture())).toEqual(['luciferase-reporter', 'western-blot', 'qpcr']);
    expect(experimentLabel('luciferase-reporter')).toBe('luciferase reporter');
    expect(experimentLabel('qpcr')).toBe('qPCR');
  });
});

describe('summariseStatement', () => {
  it('reads subject predicate object [therapy] · contexts · n quotes', () => {
    expect(summariseStatement(statementFixture()).text).toBe(
      'hsa-miR-21 targets PTEN [tamoxifen] · subtype=er-positive;system=in-vitro · 2 quotes',
    );
  });

  it('does not repeat a therapy that is the object, and counts one quote', () => {
    const s = statementFixture({
      predicate: 'confers_resistance',
      object: { kind: 'therapy', id: 'tamoxifen' },
      contexts: [],
      evidence: [statementFixture().evidence[0]!],
    });
    expect(summariseStatement(s).text).toBe('hsa-miR-21 confers resistance to tamoxifen · 1 quote');
  });
});

describe('qualifierChips', () => {
  it('names the qualifiers but not the note', () => {
    expect(qualifierChips({ mode: 'direct', inverted: 'inhibitor', sign: '-', note: 'x' })).toEqual([
      'mode: direct',
      'role inverted from a inhibitor claim',
      'sign: repression (−)',
    ]);
  });
});

describe('entityHref', () => {
  it('links entity pages and sends pathways to the network', () => {
    expect(entityHref('mirna', 'hsa-miR-221/222')).toBe('/mirna/hsa-miR-221%2F222');
    expect(entityHref('gene', 'PTEN')).toBe('/gene/PTEN');
    expect(entityHref('pathway', 'PI3K/AKT signalling')).toBe('/network?center=PI3K%2FAKT+signalling');
  });
});

describe('groupBy', () => {
  it('keeps first-seen order', () => {
    expect(groupBy(['b1', 'a1', 'b2'], (s) => s[0]!)).toEqual([
      { key: 'b', items: ['b1', 'b2'] },
      { key: 'a', items: ['a1'] },
    ]);
  });
});
