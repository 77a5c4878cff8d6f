import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Ll4Params } from '../dose-response/log-logistic-fit.js';
import { ll4Value } from '../dose-response/log-logistic-fit.js';
import type { DoseMatrix, SynergyMethod, WellScore } from './synergy-scores.js';
import {
  fitSingleDrugs,
  formatScientific,
  inverseLl4,
  loeweGrid,
  SYNERGY_METHODS,
  summariseSynergy,
  synergyScores,
} from './synergy-scores.js';

const dir = '../shared/data/reference-stats/synergy';
const reference = JSON.parse(readFileSync(`${dir}/synergyfinder_scores.json`, 'utf8'));
const rows = readFileSync(`${dir}/combination_inhibition.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map((r) => ({ conc1: Number(r[3]), conc2: Number(r[4]), response: Number(r[5]) }));
const conc1 = [...new Set(rows.map((r) => r.conc1))].sort((a, b) => a - b);
const conc2 = [...new Set(rows.map((r) => r.conc2))].sort((a, b) => a - b);
const matrix: DoseMatrix = {
  conc1,
  conc2,
  response: conc1.map((a) => conc2.map((b) => rows.find((r) => r.conc1 === a && r.conc2 === b)!.response)),
};
const rParams = (p: Record<string, number>): Ll4Params => ({
  b: p.b_Hill!,
  c: p.c_Emin!,
  d: p.d_Emax!,
  e: p.e_EC50!,
});
const rSingles = {
  drug1: rParams(reference.single_drug_LL4_params.conc1),
  drug2: rParams(reference.single_drug_LL4_params.conc2),
};
type RefRow = Record<string, number>;
const refRow = (w: WellScore): RefRow =>
  reference.scores.find((r: RefRow) => r.conc1 === w.conc1 && r.conc2 === w.conc2);
const R_NAME: Record<SynergyMethod, string> = { zip: 'ZIP', hsa: 'HSA', bliss: 'Bliss', loewe: 'Loewe' };

const CLOSED = 1e-9;
const POINTS = 0.05;
const worst = { closed: 0, loewe: 0, zip: 0 };
/** Bliss/HSA: relative 1e-9 (absolute for values near 0, which are exact zeros in R) */
const closeClosed = (a: number, b: number) => {
  const error = Math.abs(a - b) / Math.max(1, Math.abs(b));
  worst.closed = Math.max(worst.closed, error);
  expect(error, `${a} vs ${b}`).toBeLessThanOrEqual(CLOSED);
};
const within = (a: number, b: number, tol: number, key: 'loewe' | 'zip', what: string) => {
  worst[key] = Math.max(worst[key], Math.abs(a - b));
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
};

describe('SynergyFinder 3.7.3 scores given its single-drug LL.4 fits (isolates the scoring from drc’s optimiser)', () => {
  const scores = synergyScores(matrix, rSingles);

  it('has one score per well, single-drug wells scored 0 with the observed response as reference', () => {
    expect(scores).toHaveLength(reference.scores.length);
    for (const w of scores.filter((s) => s.conc1 === 0 || s.conc2 === 0)) {
      expect([w.bliss, w.hsa, w.loewe, w.zip]).toEqual([0, 0, 0, 0]);
      expect(w.zipFit).toBe(w.response);
      expect(w.zipFit).toBe(refRow(w).ZIP_fit);
    }
  });

  it('Bliss and HSA at 1e-9, Loewe and ZIP within 0.05 percentage points, per well', () => {
    for (const w of scores) {
      const r = refRow(w);
      closeClosed(w.blissRef, r.Bliss_ref!);
      closeClosed(w.bliss, r.Bliss_synergy!);
      closeClosed(w.hsaRef, r.HSA_ref!);
      closeClosed(w.hsa, r.HSA_synergy!);
      within(w.loeweRef, r.Loewe_ref!, POINTS, 'loewe', `Loewe ref ${w.conc1}×${w.conc2}`);
      within(w.loewe, r.Loewe_synergy!, POINTS, 'loewe', `Loewe ${w.conc1}×${w.conc2}`);
      within(w.zipFit, r.ZIP_fit!, POINTS, 'zip', `ZIP fit ${w.conc1}×${w.conc2}`);
      within(w.zipRef, r.ZIP_ref!, POINTS, 'zip', `ZIP ref ${w.conc1}×${w.conc2}`);
      within(w.zip, r.ZIP_synergy!, POINTS, 'zip', `ZIP ${w.conc1}×${w.conc2}`);
    }
  });

  it('block summary: means over combination wells and SynergyFinder’s p-values', () => {
    const [summary] = reference.summary;
    for (const method of SYNERGY_METHODS) {
      const s = summariseSynergy(scores, method);
      expect(s.n).toBe(20);
      const expected = summary[`${R_NAME[method]}_synergy`];
      if (method === 'bliss' || method === 'hsa') closeClosed(s.mean, expected);
      else within(s.mean, expected, POINTS, method, `${method} mean`);
      expect(s.pText).toBe(summary[`${R_NAME[method]}_synergy_p_value`]);
    }
    console.log(
      `SynergyFinder (R single-drug fits): max error Bliss/HSA ${worst.closed.toExponential(2)} (relative), ` +
        `Loewe ${worst.loewe.toExponential(2)}, ZIP ${worst.zip.toExponential(2)} (percentage points)`,
    );
  });

  it('Loewe searches 100 levels from the lowest fitted c to the highest fitted d', () => {
    const grid = loeweGrid(rSingles.drug1, rSingles.drug2);
    expect(grid).toHaveLength(100);
    expect(grid[0]).toBe(rSingles.drug2.c);
    expect(grid[99]).toBe(rSingles.drug2.d);
    expect(ll4Value(inverseLl4(rSingles.drug1, 50), rSingles.drug1)).toBeCloseTo(50, 10);
    expect(inverseLl4(rSingles.drug1, 99)).toBeNaN();
  });
});

describe('end to end with our own single-drug fits', () => {
  const singles = fitSingleDrugs(matrix);
  const scores = synergyScores(matrix, { drug1: singles.drug1.params, drug2: singles.drug2.params });
  const gridStep = (singles.drug2.params.d - Math.min(singles.drug1.params.c, singles.drug2.params.c)) / 99;

  it('reaches a residual sum of squares no higher than drc’s for both single drugs', () => {
    for (const [fit, r, column] of [
      [singles.drug1, rSingles.drug1, 0],
      [singles.drug2, rSingles.drug2, 1],
    ] as const) {
      const dose = column === 0 ? conc1 : conc2;
      const y = column === 0 ? conc1.map((_, i) => matrix.response[i]![0]!) : matrix.response[0]!;
      const rssR = y.reduce((s, v, i) => s + (v - ll4Value(dose[i]!, r)) ** 2, 0);
      expect(fit.rss).toBeLessThanOrEqual(rssR * (1 + 1e-7));
    }
    // drug 1 is well determined and agrees with drc (c, near 0, on the scale of the curve's span); drug 2 (5 points,
    // 4 parameters, SE(d) ≈ 35) is where drc's BFGS stopped early, 3.6 % above the least-squares minimum
    const [ours, theirs] = [singles.drug1.params, rSingles.drug1];
    for (const name of ['b', 'd', 'e'] as const)
      expect(Math.abs(ours[name] / theirs[name] - 1)).toBeLessThan(1e-3);
    expect(Math.abs(ours.c - theirs.c) / (theirs.d - theirs.c)).toBeLessThan(1e-3);
    expect(reference.single_drug_LL4_params.conc1.f_Symmetry).toBe(1);
  });

  it('Bliss and HSA do not depend on fits (1e-9); ZIP within 0.1 and Loewe within one grid step per well', () => {
    for (const w of scores) {
      const r = refRow(w);
      closeClosed(w.bliss, r.Bliss_synergy!);
      closeClosed(w.hsa, r.HSA_synergy!);
      expect(Math.abs(w.zip - r.ZIP_synergy!)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(w.loeweRef - r.Loewe_ref!)).toBeLessThanOrEqual(gridStep * 1.01);
    }
  });

  it('block means of all four scores within 0.05 percentage points of SynergyFinder', () => {
    const [summary] = reference.summary;
    for (const method of SYNERGY_METHODS)
      expect(
        Math.abs(summariseSynergy(scores, method).mean - summary[`${R_NAME[method]}_synergy`]),
      ).toBeLessThan(POINTS);
  });
});

describe('formatScientific', () => {
  it('prints like R formatC(format = "e", digits = 2)', () => {
    expect(formatScientific(0.10637)).toBe('1.06e-01');
    expect(formatScientific(0.0995)).toBe('9.95e-02');
    expect(formatScientific(1.5e-12)).toBe('1.50e-12');
    expect(formatScientific(12)).toBe('1.20e+01');
    expect(formatScientific(NaN)).toBe('NA');
  });
});
