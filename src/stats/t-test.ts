/** Two-sample t-tests as R 4.2 `t.test` (Welch by default, Student with `var.equal = TRUE`), two-sided, 95 % CI. */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, variance } from './descriptive.js';

export interface TTestResult {
  /** mean(x) − mean(y) */
  estimate: number;
  t: number;
  df: number;
  p: number;
  /** 95 % confidence interval of mean(x) − mean(y) */
  confInt: [number, number];
  method: 'Welch' | 'Student';
}

/** Two-sided p-value of a t statistic. */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t) || !(df > 0)) return NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** Quantile of Student's t distribution (R `qt`). */
export function tQuantileAt(p: number, df: number): number {
  return tQuantile(p, df);
}

/** t-test of x against y (R `t.test(x, y, var.equal)`); NaN fields when a group has < 2 values or no variance. */
export function twoSampleTTest(
  x: readonly number[],
  y: readonly number[],
  equalVariance = false,
): TTestResult {
  const nx = x.length;
  const ny = y.length;
  const estimate = mean(x) - mean(y);
  const vx = variance(x);
  const vy = variance(y);
  let se: number;
  let df: number;
  if (equalVariance) {
    df = nx + ny - 2;
    const pooled = ((nx - 1) * vx + (ny - 1) * vy) / df;
    se = Math.sqrt(pooled * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    se = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
  }
  const t = estimate / se;
  const valid = nx >= 2 && ny >= 2 && se > 0 && Number.isFinite(se);
  const q = valid ? tQuantile(0.975, df) : NaN;
  return {
    estimate,
    t: valid ? t : NaN,
    df: valid ? df : NaN,
    p: valid ? tTwoSidedP(t, df) : NaN,
    confInt: [estimate - q * se, estimate + q * se],
    method: equalVariance ? 'Student' : 'Welch',
  };
}
