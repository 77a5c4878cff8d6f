import { readFileSync } from 'node:fs';
import trigamma from '@stdlib/math-base-special-trigamma';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../enrichment.js';
import { twoSampleTTest } from '../t-test.js';
import {
  eBayes,
  fitFDist,
  lmFitTwoGroups,
  squeezeVar,
  tetragamma,
  tmixture,
  trigammaInverse,
} from './limma-ebayes.js';
import { approxFun, lowess } from './lowess.js';
import { voom } from './voom.js';

const dir = '../shared/data/reference-stats/de';
const csv = (path: string): Record<string, string>[] => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head!.split(',').map((h) => h.replace(/"/g, ''));
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v.replace(/"/g, '')])));
};
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** largest relative error seen per quantity, printed at the end so the report can quote it */
const worst: Record<string, number> = {};
const close = (label: string, actual: number, expected: number, rel: number) => {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  worst[label] = Math.max(worst[label] ?? 0, error);
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
};

const samples = ['P1', 'P2', 'P3', 'R1', 'R2', 'R3'];
const inGroup = samples.map((s) => s.startsWith('R'));
const expression = csv(`${dir}/log2_expression.csv`);
const matrix = expression.map((r) => samples.map((s) => Number(r[s])));

describe('limma lmFit + eBayes + topTable vs limma 3.54.1', () => {
  const expected = csv(`${dir}/limma_welch_results.csv`);
  const summary = json(`${dir}/limma_summary.json`);
  const fit = eBayes(lmFitTwoGroups(matrix, inGroup));
  const q = benjaminiHochberg(fit.p);

  it('estimates the prior (df.prior, s2.prior) and residual df', () => {
    close('df_prior', fit.dfPrior, summary.df_prior, 1e-7);
    close('s2_prior', fit.s2Prior, summary.s2_prior, 1e-7);
    expect(new Set(fit.dfResidual)).toEqual(new Set([summary.df_residual]));
  });

  it('equals every column of topTable (logFC, AveExpr, t, P.Value, adj.P.Val, B) and s2, s2.post, df.total', () => {
    expect(fit.t).toHaveLength(expected.length);
    expected.forEach((r, i) => {
      close('logFC', fit.coefficient[i]!, Number(r.logFC), 1e-9);
      close('AveExpr', fit.aveExpr[i]!, Number(r.AveExpr), 1e-9);
      close('s2', fit.sigma[i]! ** 2, Number(r.s2), 1e-9);
      close('s2_post', fit.s2Post[i]!, Number(r.s2_post), 1e-7);
      close('df_total', fit.dfTotal[i]!, Number(r.df_total), 1e-7);
      close('t_mod', fit.t[i]!, Number(r.t_mod), 1e-7);
      close('p_mod', fit.p[i]!, Number(r.p_mod), 1e-7);
      close('q_mod_BH', q[i]!, Number(r.q_mod_BH), 1e-7);
      close('B', fit.lods[i]!, Number(r.B), 1e-7);
    });
  });

  it('equals the per-row Welch t.test(Resistant, Parental) and its BH q-values', () => {
    const welch = matrix.map((row) =>
      twoSampleTTest(
        row.filter((_, j) => inGroup[j]),
        row.filter((_, j) => !inGroup[j]),
      ),
    );
    const wq = benjaminiHochberg(welch.map((w) => w.p));
    expected.forEach((r, i) => {
      close('welch_t', welch[i]!.t, Number(r.welch_t), 1e-9);
      close('welch_df', welch[i]!.df, Number(r.welch_df), 1e-9);
      close('welch_p', welch[i]!.p, Number(r.welch_p), 1e-9);
      close('welch_q_BH', wq[i]!, Number(r.welch_q_BH), 1e-9);
    });
  });
});

describe('limma edge cases vs limma 3.54.1', () => {
  const edge = json(`${dir}/limma_edge_cases.json`);
  const e2 = matrix.map((row) => [...row]);
  e2[5] = e2[5]!.map(() => 7);
  e2[6]![1] = NaN;
  const fit = eBayes(lmFitTwoGroups(e2, inGroup));
  const q = benjaminiHochberg(fit.p);

  it('offsets a zero variance away from zero (with a warning) and keeps its t finite', () => {
    close('edge_df_prior', fit.dfPrior, edge.df_prior, 1e-7);
    close('edge_s2_prior', fit.s2Prior, edge.s2_prior, 1e-7);
    expect(fit.warnings.join(' ')).toMatch(/zero sample variances/);
    // R's QR leaves rounding residue (logFC −1.5e−15) where the exact answer is 0: compare absolutely there
    expect(Math.abs(fit.coefficient[5]! - edge.row6.logFC)).toBeLessThan(1e-12);
    expect(Math.abs(fit.t[5]! - edge.row6.t)).toBeLessThan(1e-12);
    close('edge_row6_p', fit.p[5]!, edge.row6['P.Value'], 1e-9);
    close('edge_row6_q', q[5]!, edge.row6['adj.P.Val'], 1e-9);
    close('edge_row6_AveExpr', fit.aveExpr[5]!, edge.row6.AveExpr, 1e-12);
    close('edge_row6_B', fit.lods[5]!, edge.row6.B, 1e-7);
  });

  it('fits a row with a missing value on its 5 observations (df.residual 3)', () => {
    expect(fit.dfResidual[6]).toBe(edge.df_residual_row7);
    close('edge_row7_logFC', fit.coefficient[6]!, edge.row7.logFC, 1e-9);
    close('edge_row7_AveExpr', fit.aveExpr[6]!, edge.row7.AveExpr, 1e-9);
    close('edge_row7_t', fit.t[6]!, edge.row7.t, 1e-7);
    close('edge_row7_p', fit.p[6]!, edge.row7['P.Value'], 1e-7);
    close('edge_row7_q', q[6]!, edge.row7['adj.P.Val'], 1e-7);
    close('edge_row7_B', fit.lods[6]!, edge.row7.B, 1e-7);
  });

  it('adjusts p-values with a missing one as p.adjust does', () => {
    const { input, output } = edge.p_adjust_BH_with_NA;
    const ours = benjaminiHochberg(input.map((v: number | null) => v ?? NaN));
    ours.forEach((v, i) => (output[i] === null ? expect(v).toBeNaN() : close('edge_BH', v, output[i], 1e-9)));
  });
});

describe('voom vs limma 3.54.1 (normalize.method = "none")', () => {
  const reference = json(`${dir}/voom_counts.json`);
  const counts = csv(`${dir}/counts.csv`).map((r) => samples.map((s) => Number(r[s])));
  const v = voom(counts, inGroup);

  it('computes library sizes and log-CPM', () => {
    v.libSize.forEach((l, j) => expect(l).toBe(reference.lib_size[j]));
    reference.logCPM.forEach((row: Record<string, number>, i: number) =>
      samples.forEach((s, j) => close('voom_logCPM', v.logCpm[i]![j]!, row[s]!, 1e-12)),
    );
  });

  it('computes the lowess mean–variance weights', () => {
    reference.weights_row1.forEach((w: number, j: number) =>
      close('voom_weights', v.weights[0]![j]!, w, 1e-9),
    );
  });

  it('gives the weighted lmFit + eBayes topTable', () => {
    const fit = eBayes(lmFitTwoGroups(v.logCpm, inGroup, v.weights));
    const q = benjaminiHochberg(fit.p);
    reference.topTable.forEach((r: Record<string, number>, i: number) => {
      close('voom_logFC', fit.coefficient[i]!, r.logFC!, 1e-9);
      close('voom_AveExpr', fit.aveExpr[i]!, r.AveExpr!, 1e-9);
      close('voom_t', fit.t[i]!, r.t!, 1e-7);
      close('voom_p', fit.p[i]!, r['P.Value']!, 1e-7);
      close('voom_q', q[i]!, r['adj.P.Val']!, 1e-7);
      close('voom_B', fit.lods[i]!, r.B!, 1e-7);
    });
    console.log('max relative error vs R:', JSON.stringify(worst));
  });
});

describe('special functions and building blocks', () => {
  it('inverts trigamma to 1e-8 and gives tetragamma consistent with trigamma', () => {
    for (const y of [0.05, 0.7, 3, 12.5, 400]) {
      const x = trigamma(y);
      expect(Math.abs(trigammaInverse(x) - y) / y).toBeLessThan(1e-8);
      const h = 1e-5 * y;
      const numeric = (trigamma(y + h) - trigamma(y - h)) / (2 * h);
      expect(Math.abs(tetragamma(y) - numeric) / Math.abs(numeric)).toBeLessThan(1e-6);
    }
    expect(trigammaInverse(-1)).toBeNaN();
    expect(trigammaInverse(1e8)).toBe(1 / Math.sqrt(1e8));
  });

  it('returns an infinite prior df when variances vary no more than chance', () => {
    const fit = fitFDist([1, 1, 1, 1], [4, 4, 4, 4]);
    expect(fit.df2).toBe(Infinity);
    expect(fit.scale).toBe(1);
    const squeezed = squeezeVar([1, 1, 1, 1], [4, 4, 4, 4]);
    expect(squeezed.s2Post).toEqual([1, 1, 1, 1]);
  });

  it('warns and uses 1 as the scale when most variances are exactly zero', () => {
    expect(fitFDist([0, 0, 0, 1], [4, 4, 4, 4]).warnings.join()).toMatch(/more than half/);
  });

  it('needs at least one target statistic in tmixture', () => {
    expect(tmixture([1, 2], [1, 1], [4, 4], 0.01)).toBeGreaterThanOrEqual(0);
    expect(tmixture([], [], [], 0.01)).toBeNaN();
  });

  it('lowess reproduces a straight line and approxFun interpolates with constant ends', () => {
    const x = [5, 1, 2, 3, 4, 6, 7, 8];
    const l = lowess(
      x,
      x.map((v) => 2 * v + 1),
      { f: 0.5 },
    );
    expect(l.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    l.y.forEach((v, i) => expect(v).toBeCloseTo(2 * l.x[i]! + 1, 12));
    const f = approxFun([1, 2, 2, 3], [0, 1, 3, 4]);
    expect([f(0), f(1.5), f(2), f(2.5), f(9)]).toEqual([0, 1, 2, 3, 4]);
  });
});
