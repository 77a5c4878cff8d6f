import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../delimited-table.js';
import { NO_CT_TOKENS, type QpcrWell } from './qpcr-measurement.js';
import { aggregateReplicates, describeFlags } from './replicate-aggregation.js';

const REFERENCE_DIR = '../shared/data/reference-stats/qpcr';
const rows = (path: string) => {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head!.split(',').map((h) => h.replace(/"/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v.replace(/"/g, '')])));
};
const ctOf = (raw: string) =>
  NO_CT_TOKENS.some((t) => t.toLowerCase() === raw.toLowerCase()) ? NaN : parseNumber(raw)!;

describe('technical replicates vs the R reference rule set (ct_technical_aggregated.csv)', () => {
  const wells: QpcrWell[] = rows(`${REFERENCE_DIR}/ct_technical.csv`).map((r, i) => ({
    line: i + 2,
    sample: r.sample!,
    group: r.sample!.startsWith('P') ? 'Parental' : 'Resistant',
    target: r.target!,
    replicate: Number(r.tech_rep),
    ct: ctOf(r.ct_raw!),
    rawCt: r.ct_raw!,
  }));
  const { replicates, samples } = aggregateReplicates(wells, {
    ctCutoff: 40,
    maxReplicateSd: 0.5,
    minReplicates: 2,
  });

  it('mean, sd and n of the uncensored replicates to 1e-9', () => {
    const expected = rows(`${REFERENCE_DIR}/ct_technical_aggregated.csv`);
    expect(samples).toHaveLength(expected.length);
    for (const e of expected) {
      const s = samples.find((x) => x.sample === e.sample && x.target === e.target)!;
      expect(Math.abs(s.meanCt - Number(e.mean)) / Number(e.mean)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(s.sdCt - Number(e.sd)) / Number(e.sd)).toBeLessThanOrEqual(1e-9);
      expect(s.n).toBe(Number(e.n));
    }
  });

  it('censors Undetermined and Ct ≥ 40 (not zero), counts and flags them', () => {
    const censored = replicates.filter((r) => r.censored);
    expect(censored.map((r) => [r.well.rawCt, r.reason])).toEqual([
      ['Undetermined', 'no amplification'],
      ['40.00', 'Ct ≥ 40'],
    ]);
    const r1 = samples.find((s) => s.sample === 'R1' && s.target === 'U6')!;
    expect(r1.nCensored).toBe(1);
    expect(r1.flags).toEqual(['censored']);
    expect(describeFlags(r1)).toBe('censored (1 of 3)');
    expect(samples.find((s) => s.sample === 'P1' && s.target === 'U6')!.flags).toEqual([]);
  });

  it('flags high sd, too few replicates and all censored', () => {
    const base = { line: 1, sample: 'S', group: 'G', rawCt: '' };
    const { samples: s } = aggregateReplicates(
      [
        { ...base, target: 'A', ct: 25 },
        { ...base, target: 'A', ct: 26.2 },
        { ...base, target: 'B', ct: 30 },
        { ...base, target: 'B', ct: NaN },
        { ...base, target: 'C', ct: NaN },
        { ...base, target: 'C', ct: 41 },
      ],
      { ctCutoff: 40, maxReplicateSd: 0.5, minReplicates: 2 },
    );
    expect(s.map((x) => x.flags)).toEqual([
      ['high_sd'],
      ['censored', 'few_replicates'],
      ['all_censored', 'few_replicates'],
    ]);
    expect(Number.isNaN(s[1]!.sdCt)).toBe(true);
    expect(Number.isNaN(s[2]!.meanCt)).toBe(true);
  });
});
