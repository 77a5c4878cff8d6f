import { describe, expect, it } from 'vitest';
import {
  classScore,
  formatScoreTable,
  mentionKey,
  normaliseType,
  relationKey,
  scoreMentions,
  scoreRelations,
  scoreSets,
  type MentionSpan,
} from './extraction-metrics.js';

interface Item {
  id: string;
  cls: string;
}
const item = (id: string, cls: string): Item => ({ id, cls });

describe('scoreSets', () => {
  // gold X:{a,b} Y:{c}; predicted X:{a,d} Y:{c,e}, a twice
  const gold = [item('a', 'X'), item('b', 'X'), item('c', 'Y')];
  const predicted = [item('a', 'X'), item('a', 'X'), item('c', 'Y'), item('d', 'X'), item('e', 'Y')];
  const s = scoreSets(
    gold,
    predicted,
    (t) => t.id,
    (t) => t.cls,
  );

  it('counts per class with duplicates once', () => {
    expect(s.perClass.map((c) => [c.class, c.tp, c.fp, c.fn])).toEqual([
      ['X', 1, 1, 1],
      ['Y', 1, 1, 0],
    ]);
    expect(s.perClass[0]).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.perClass[1]!.precision).toBe(0.5);
    expect(s.perClass[1]!.recall).toBe(1);
    expect(s.perClass[1]!.f1).toBeCloseTo(2 / 3, 12);
  });

  it('pools counts for micro and averages classes for macro', () => {
    expect(s.micro).toMatchObject({ class: 'micro', tp: 2, fp: 2, fn: 1, precision: 0.5 });
    expect(s.micro.recall).toBeCloseTo(2 / 3, 12);
    expect(s.micro.f1).toBeCloseTo(4 / 7, 12);
    expect(s.macro.precision).toBeCloseTo(0.5, 12);
    expect(s.macro.recall).toBeCloseTo(0.75, 12);
    expect(s.macro.f1).toBeCloseTo((0.5 + 2 / 3) / 2, 12);
  });

  it('does not mutate its inputs', () => {
    expect(gold).toHaveLength(3);
    expect(predicted).toHaveLength(5);
  });

  it('handles zero denominators: no predictions, no gold, nothing', () => {
    const none = scoreSets([item('a', 'X'), item('b', 'X')], [], (t) => t.id);
    expect(Number.isNaN(none.micro.precision)).toBe(true);
    expect(none.micro.recall).toBe(0);
    expect(none.micro.f1).toBe(0);
    const noGold = scoreSets([], [item('a', 'X')], (t) => t.id);
    expect(noGold.micro.precision).toBe(0);
    expect(Number.isNaN(noGold.micro.recall)).toBe(true);
    expect(noGold.micro.f1).toBe(0);
    const empty = scoreSets<Item>([], [], (t) => t.id);
    expect(empty.perClass).toEqual([]);
    expect([empty.micro.precision, empty.micro.recall, empty.micro.f1].every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(empty.macro.f1)).toBe(true);
  });

  it('macro skips classes whose precision is undefined', () => {
    // X: tp1 fn1 (P 1); Y: fn1, no prediction (P NaN, R 0, F1 0)
    const m = scoreSets(
      [item('a', 'X'), item('b', 'X'), item('c', 'Y')],
      [item('a', 'X')],
      (t) => t.id,
      (t) => t.cls,
    ).macro;
    expect(m.precision).toBe(1);
    expect(m.recall).toBeCloseTo(0.25, 12);
    expect(m.f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('classScore agrees with the harmonic mean of P and R', () => {
    const c = classScore('k', 7, 3, 5);
    expect(c.f1).toBeCloseTo((2 * c.precision * c.recall) / (c.precision + c.recall), 12);
  });
});

describe('mention scoring', () => {
  const m = (docId: string, start: number, end: number, type = 'Specific_miRNAs'): MentionSpan => ({
    docId,
    start,
    end,
    type,
  });

  it('normalises type names in keys', () => {
    expect(normaliseType('Specific_miRNAs')).toBe('specificmirnas');
    expect(mentionKey(m('d1', 3, 9))).toBe(mentionKey(m('d1', 3, 9, 'specific miRNAs')));
    expect(mentionKey(m('d1', 3, 9))).not.toBe(mentionKey(m('d2', 3, 9)));
  });

  it('exact matching needs identical offsets', () => {
    const s = scoreMentions([m('d', 0, 5), m('d', 6, 10)], [m('d', 0, 5), m('d', 6, 11)]);
    expect([s.micro.tp, s.micro.fp, s.micro.fn]).toEqual([1, 1, 1]);
  });

  it('overlap matching is one-to-one', () => {
    // one prediction spanning two gold mentions: one tp, one fn
    const s = scoreMentions([m('d', 0, 5), m('d', 6, 10)], [m('d', 0, 10)], { match: 'overlap' });
    expect([s.micro.tp, s.micro.fp, s.micro.fn]).toEqual([1, 0, 1]);
    // two predictions over one gold mention: one tp, one fp
    const t = scoreMentions([m('d', 0, 10)], [m('d', 0, 3), m('d', 5, 9)], { match: 'overlap' });
    expect([t.micro.tp, t.micro.fp, t.micro.fn]).toEqual([1, 1, 0]);
    // touching spans ([0,5) and [5,8)) do not overlap; other document or type does not match
    const u = scoreMentions([m('d', 0, 5)], [m('d', 5, 8), m('e', 0, 5), m('d', 0, 5, 'Genes/Proteins')], {
      match: 'overlap',
    });
    expect([u.micro.tp, u.micro.fp, u.micro.fn]).toEqual([0, 3, 1]);
    expect(u.perClass.map((c) => c.class)).toEqual(['genesproteins', 'specificmirnas']);
  });

  it('overlap matching prefers the larger overlap', () => {
    // gold A [0,6) and B [6,12); prediction P1 [4,12) overlaps A by 2 and B by 6, P2 [0,3) overlaps A by 3
    const s = scoreMentions([m('d', 0, 6), m('d', 6, 12)], [m('d', 4, 12), m('d', 0, 3)], {
      match: 'overlap',
    });
    expect([s.micro.tp, s.micro.fp, s.micro.fn]).toEqual([2, 0, 0]);
  });
});

describe('relation scoring', () => {
  it('scores per predicate on canonical tuples', () => {
    const gold = [
      { scope: 's1', mirna: 'hsa-miR-21-5p', gene: 'PTEN', predicate: 'targets' },
      { scope: 's1', mirna: 'hsa-miR-21-5p', gene: 'PDCD4', predicate: 'targets' },
      { scope: 's2', mirna: 'hsa-miR-221-3p', gene: 'CDKN1B', predicate: 'regulates' },
    ];
    const predicted = [
      { scope: 's1', mirna: 'hsa-miR-21-5p', gene: 'PTEN', predicate: 'targets' },
      { scope: 's2', mirna: 'hsa-miR-221-3p', gene: 'CDKN1B', predicate: 'targets' },
    ];
    const s = scoreRelations(gold, predicted);
    expect(s.perClass.map((c) => [c.class, c.tp, c.fp, c.fn])).toEqual([
      ['regulates', 0, 0, 1],
      ['targets', 1, 1, 1],
    ]);
    expect(Number.isNaN(s.perClass[0]!.precision)).toBe(true);
    expect(s.micro.f1).toBeCloseTo(2 / (2 + 1 + 2), 12);
    expect(relationKey(gold[0]!)).toBe('s1\thsa-miR-21-5p\tPTEN\ttargets');
  });
});

describe('formatScoreTable', () => {
  it('aligns columns and prints undefined scores as -', () => {
    const rows = [
      classScore('targets', 3, 1, 2),
      classScore('sensitises', 0, 0, 4),
      classScore('micro', 3, 1, 6),
    ];
    expect(formatScoreTable(rows, { label: 'predicate', digits: 2 })).toBe(
      [
        'predicate   tp  fp  fn     P     R    F1',
        'targets      3   1   2  0.75  0.60  0.67',
        'sensitises   0   0   4     -  0.00  0.00',
        'micro        3   1   6  0.75  0.33  0.46',
      ].join('\n'),
    );
  });
});
