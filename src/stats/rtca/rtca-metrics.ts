/** Per-well RTCA growth metrics: normalised cell index (as Bioconductor RTCA `ratioTransform`), OLS slopes, doubling times (log-linear and exponential NLS), trapezoid AUCs of CI and NCI; matches R 4.2.2 lm/nls (reference-stats 20_rtca.R). */
import { linearRegression, trapezoidArea } from '../descriptive.js';
import { fitExponential } from './exponential-fit.js';

export interface WellMetricsOptions {
  /** normalisation time (h); the nearest sampled time is used */
  baseTime: number;
  /** [start, end] (h) of the growth window, both ends included */
  window: [number, number];
}

export interface WellMetrics {
  /** the sampled time nearest to the requested base time */
  baseTime: number;
  ciAtBase: number;
  /** CI(t) / CI(base), aligned with the input times (NaN where CI is missing or the base CI ≤ 0) */
  normalised: number[];
  window: [number, number];
  /** readings inside the window */
  nWindow: number;
  /** OLS of CI on time inside the window */
  slope: number;
  intercept: number;
  slopeRSquared: number;
  /** OLS of ln CI on time: CI ≈ A·exp(k·t), doubling time ln 2 / k (label 'log-linear') */
  logLinear: { k: number; a: number; rSquared: number; doublingTime: number };
  /** unweighted nonlinear least squares CI = A·exp(k·t) started from the log-linear fit (label 'exponential NLS') */
  exponential: {
    k: number;
    a: number;
    doublingTime: number;
    residualSumOfSquares: number;
    iterations: number;
    converged: boolean;
  };
  /** trapezoid area under CI over the whole run, including the time before the base time (CI·h) */
  aucTotal: number;
  /** trapezoid area under CI over the readings inside the window */
  aucWindow: number;
  /**
   * The same on the normalised index NCI = CI / CI(base): a well seeded at c times the density of another but
   * growing alike has c times its CI slope and AUC, yet the same NCI metrics (NaN when the base CI ≤ 0).
   */
  nci: {
    /** OLS of NCI on time inside the window (1/h) */
    slope: number;
    intercept: number;
    rSquared: number;
    /** trapezoid area under NCI over the readings inside the window (h) */
    aucWindow: number;
    /** trapezoid area under NCI from the base reading to the last reading (h) */
    aucAfterBase: number;
  };
  /** QC flags in words (undefined fits, missing base reading, …) */
  flags: string[];
}

/** Index of the time nearest to `target` (the first one on ties, as R `which.min(abs(t - target))`). */
export function nearestIndex(times: readonly number[], target: number): number {
  let best = -1;
  for (let i = 0; i < times.length; i++)
    if (best < 0 || Math.abs(times[i]! - target) < Math.abs(times[best]! - target)) best = i;
  return best;
}

/** All metrics for one well's trace (times ascending; missing readings as NaN are skipped). */
export function wellMetrics(
  times: readonly number[],
  cellIndex: readonly number[],
  options: WellMetricsOptions,
): WellMetrics {
  const flags: string[] = [];
  const present = times.map((t, i) => ({ t, y: cellIndex[i]! })).filter((p) => Number.isFinite(p.y));
  const t = present.map((p) => p.t);
  const y = present.map((p) => p.y);
  const base = nearestIndex(t, options.baseTime);
  const baseTime = base >= 0 ? t[base]! : NaN;
  const ciAtBase = base >= 0 ? y[base]! : NaN;
  if (base < 0) flags.push('no readings');
  else if (Math.abs(baseTime - options.baseTime) > 1e-9)
    flags.push(
      `base time ${options.baseTime} h not sampled; normalised at the nearest reading, ${baseTime} h`,
    );
  if (!(ciAtBase > 0) && base >= 0)
    flags.push(`cell index at the base time is ${ciAtBase} (≤ 0): no normalised CI`);
  const normalised = cellIndex.map((v) => (ciAtBase > 0 ? v / ciAtBase : NaN));

  const [w0, w1] = options.window;
  const inWindow = present.filter((p) => p.t >= w0 && p.t <= w1);
  const wt = inWindow.map((p) => p.t);
  const wy = inWindow.map((p) => p.y);
  const line =
    inWindow.length >= 2 ? linearRegression(wt, wy) : { slope: NaN, intercept: NaN, rSquared: NaN };
  if (inWindow.length < 3)
    flags.push(`only ${inWindow.length} readings in the window ${w0}–${w1} h (need ≥ 3)`);

  let logLinear = { k: NaN, a: NaN, rSquared: NaN, doublingTime: NaN };
  const positive = inWindow.filter((p) => p.y > 0);
  if (inWindow.length >= 2 && positive.length === inWindow.length) {
    const fit = linearRegression(
      wt,
      wy.map((v) => Math.log(v)),
    );
    logLinear = { k: fit.slope, a: Math.exp(fit.intercept), rSquared: fit.rSquared, doublingTime: NaN };
  } else if (inWindow.length >= 2) {
    flags.push('cell index ≤ 0 in the window: log-linear doubling time undefined');
  }

  // the NLS start: the log-linear fit, or when CI ≤ 0 occurs, the log-linear fit of the positive readings
  const startFit =
    Number.isFinite(logLinear.k) || positive.length < 2
      ? logLinear
      : (() => {
          const fit = linearRegression(
            positive.map((p) => p.t),
            positive.map((p) => Math.log(p.y)),
          );
          return { k: fit.slope, a: Math.exp(fit.intercept) };
        })();
  const nls = fitExponential(wt, wy, { a: startFit.a, k: startFit.k });
  if (!nls.converged) flags.push(`exponential NLS fit did not converge (${nls.message ?? 'unknown reason'})`);

  const doubling = (k: number, label: string): number => {
    if (!Number.isFinite(k)) return NaN;
    if (k <= 0) {
      flags.push(`${label}: no growth in the window (k = ${k.toPrecision(3)} ≤ 0), doubling time undefined`);
      return NaN;
    }
    return Math.LN2 / k;
  };
  logLinear.doublingTime = doubling(logLinear.k, 'log-linear');
  const exponential = {
    k: nls.k,
    a: nls.a,
    doublingTime: doubling(nls.k, 'exponential NLS'),
    residualSumOfSquares: nls.residualSumOfSquares,
    iterations: nls.iterations,
    converged: nls.converged,
  };
  const nciLine =
    inWindow.length >= 2 && ciAtBase > 0
      ? linearRegression(
          wt,
          wy.map((v) => v / ciAtBase),
        )
      : { slope: NaN, intercept: NaN, rSquared: NaN };
  const afterBase = base >= 0 ? present.slice(base) : [];
  const nci = {
    slope: nciLine.slope,
    intercept: nciLine.intercept,
    rSquared: nciLine.rSquared,
    aucWindow:
      ciAtBase > 0
        ? trapezoidArea(
            wt,
            wy.map((v) => v / ciAtBase),
          )
        : NaN,
    aucAfterBase:
      ciAtBase > 0
        ? trapezoidArea(
            afterBase.map((p) => p.t),
            afterBase.map((p) => p.y / ciAtBase),
          )
        : NaN,
  };
  return {
    baseTime,
    ciAtBase,
    normalised,
    window: [w0, w1],
    nWindow: inWindow.length,
    slope: line.slope,
    intercept: line.intercept,
    slopeRSquared: line.rSquared,
    logLinear,
    exponential,
    aucTotal: trapezoidArea(t, y),
    aucWindow: trapezoidArea(wt, wy),
    nci,
    flags,
  };
}
