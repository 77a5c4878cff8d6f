import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCellIndexTable } from './cell-index-parser.js';
import { fitExponential } from './exponential-fit.js';
import { nearestIndex, wellMetrics } from './rtca-metrics.js';

const dir = '../shared/data/reference-stats/rtca';
const reference = JSON.parse(readFileSync(`${dir}/rtca_metrics.json`, 'utf8'));
const parsed = parseCellIndexTable(readFileSync(`${dir}/cell_index.csv`, 'utf8'), 'cell_index.csv');

const worst: Record<string, number> = {};
const close = (label: string, actual: number, expected: number, rel: number) => {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  worst[label] = Math.max(worst[label] ?? 0, error);
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
};

describe('RTCA well metrics vs R 4.2.2 (lm, nls) on rtca/cell_index.csv', () => {
  it('reads the long reference table', () => {
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.format).toBe('long');
    expect(parsed.value.wells.map((w) => w.well)).toEqual(['A01', 'A02', 'B01', 'B02']);
    expect(parsed.value.times).toHaveLength(193);
  });

  it('equals every number in rtca_metrics.json (closed form 1e-9, NLS doubling time 1e-5)', () => {
    if (!parsed.ok) throw new Error('parse failed');
    const { times, wells } = parsed.value;
    expect(reference.results).toHaveLength(wells.length);
    for (const r of reference.results) {
      const well = wells.find((w) => w.well === r.well)!;
      const m = wellMetrics(times, well.cellIndex, { baseTime: reference.base_time_h, window: r.window_h });
      expect(m.baseTime).toBe(r.base_time_h);
      expect(m.ciAtBase).toBe(r.ci_at_base);
      expect(m.window).toEqual(r.window_h);
      for (const [key, value] of Object.entries(r.nci_at as Record<string, number>)) {
        const i = times.indexOf(Number(key.slice(1)));
        close('nci', m.normalised[i]!, value, 1e-9);
      }
      close('slope_per_h', m.slope, r.slope_per_h, 1e-9);
      close('slope_r2', m.slopeRSquared, r.slope_r2, 1e-9);
      close('dt_loglinear_h', m.logLinear.doublingTime, r.dt_loglinear_h, 1e-9);
      close('dt_nls_exponential_h', m.exponential.doublingTime, r.dt_nls_exponential_h, 1e-5);
      close('auc_trapezoid_0_96', m.aucTotal, r.auc_trapezoid_0_96, 1e-9);
      // NCI metrics follow from the R values: NCI = CI / CI(base) rescales the line and the area
      close('slope_nci (derived)', m.nci.slope, r.slope_per_h / r.ci_at_base, 1e-9);
      close('slope_nci_r2 (derived)', m.nci.rSquared, r.slope_r2, 1e-9);
      expect(m.exponential.converged).toBe(true);
      expect(m.flags).toEqual([]);
    }
    console.log('max relative error vs R:', JSON.stringify(worst));
  });
});

describe('degenerate traces', () => {
  const times = [0, 1, 2, 3, 4, 5, 6];

  it('flags a log-linear fit made impossible by CI ≤ 0 and still fits the NLS curve', () => {
    const ci = [0.1, 0, 0.15, 0.3, 0.6, 1.2, 2.4];
    const m = wellMetrics(times, ci, { baseTime: 3, window: [1, 6] });
    expect(m.logLinear.doublingTime).toBeNaN();
    expect(m.flags.join()).toMatch(/log-linear doubling time undefined/);
    expect(m.exponential.converged).toBe(true);
    expect(m.exponential.doublingTime).toBeGreaterThan(0.9);
    expect(m.exponential.doublingTime).toBeLessThan(1.1);
  });

  it('gives no doubling time for a shrinking well, and no normalised CI when the base CI is 0', () => {
    const shrinking = wellMetrics(times, [2, 1.8, 1.5, 1.3, 1.1, 1, 0.9], { baseTime: 0, window: [0, 6] });
    expect(shrinking.logLinear.doublingTime).toBeNaN();
    expect(shrinking.exponential.doublingTime).toBeNaN();
    expect(shrinking.flags.join()).toMatch(/no growth/);
    const zeroBase = wellMetrics(times, [0, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2], { baseTime: 0, window: [1, 6] });
    expect(zeroBase.normalised.every(Number.isNaN)).toBe(true);
    expect(zeroBase.flags.join()).toMatch(/≤ 0/);
  });

  it('skips missing readings and flags a window with too few points', () => {
    const m = wellMetrics(times, [0.1, NaN, 0.2, 0.4, NaN, NaN, 3.2], { baseTime: 1, window: [4, 6] });
    expect(m.baseTime).toBe(0);
    expect(m.nWindow).toBe(1);
    expect(m.flags.join()).toMatch(/only 1 readings/);
    expect(m.exponential.converged).toBe(false);
  });

  it('reports an NLS fit that cannot converge', () => {
    const fit = fitExponential([0, 1, 2], [1, 1, 1], { a: NaN, k: 0 });
    expect(fit.converged).toBe(false);
    expect(fit.k).toBeNaN();
  });

  it('computes NCI slope and areas by hand on a short trace, and none when the base CI is 0', () => {
    // base at 2 h (CI 0.2): NCI = 0.5, 1, 1, 2, 3, 4, 4 at 0…6 h
    const ci = [0.1, 0.2, 0.2, 0.4, 0.6, 0.8, 0.8];
    const m = wellMetrics(times, ci, { baseTime: 2, window: [2, 5] });
    expect(m.nci.slope).toBeCloseTo(1, 12); // NCI 1, 2, 3, 4 on 2…5 h
    expect(m.nci.rSquared).toBeCloseTo(1, 12);
    expect(m.nci.aucWindow).toBeCloseTo(1.5 + 2.5 + 3.5, 12);
    expect(m.nci.aucAfterBase).toBeCloseTo(1.5 + 2.5 + 3.5 + 4, 12);
    // missing readings are skipped, as for the raw CI
    const gappy = wellMetrics(times, [0.1, 0.2, 0.2, NaN, 0.6, 0.8, 0.8], { baseTime: 2, window: [2, 5] });
    expect(gappy.nci.aucAfterBase).toBeCloseTo(2 * 2 + 3.5 + 4, 12);
    const zeroBase = wellMetrics(times, [0, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2], { baseTime: 0, window: [1, 6] });
    expect(zeroBase.nci.slope).toBeNaN();
    expect(zeroBase.nci.aucWindow).toBeNaN();
    expect(zeroBase.nci.aucAfterBase).toBeNaN();
  });

  it('finds the nearest sampled time, first on ties', () => {
    expect(nearestIndex([0, 0.5, 1, 1.5], 1.25)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
