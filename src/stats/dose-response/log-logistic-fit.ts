// Four-parameter log-logistic model (Ritz et al. 2015, PLoS ONE 10:e0146021), least squares as drc 3.0-1 `drm(fct = LL.4())`.
import { tQuantileAt } from '../t-test.js';
import { crossProduct, invertSymmetric, levenbergMarquardt } from './least-squares.js';

/** LL.4 parameters in drc's naming: f(x) = c + (d − c) / (1 + exp(b (log x − log e))). */
export interface Ll4Params {
  /** slope; b > 0 is a curve decreasing with dose (viability), b < 0 increasing (inhibition) */
  b: number;
  /** response at infinite dose when b > 0 (lower asymptote of a viability curve) */
  c: number;
  /** response at dose 0 when b > 0 */
  d: number;
  /** inflection dose: the relative ED50 (halfway between c and d) */
  e: number;
}

export type Ll4Name = keyof Ll4Params;
export const LL4_NAMES: readonly Ll4Name[] = ['b', 'c', 'd', 'e'];

export interface Ll4FitOptions {
  /** parameters held at a value, as drc's `LL.4(fixed = c(b, c, d, e))` */
  fixed?: Partial<Ll4Params>;
}

export interface Ll4Fit {
  params: Ll4Params;
  /** names of the estimated (not fixed) parameters, in b, c, d, e order */
  free: Ll4Name[];
  n: number;
  rss: number;
  /** residual degrees of freedom n − (number of free parameters), 0 when there are more parameters than points */
  df: number;
  /** residual standard error √(rss / df); NaN when df = 0 */
  rse: number;
  /**
   * covariance of the free parameters on the b, c, d, e scale divided by σ²: 2·H⁻¹ with H the Hessian of the
   * residual sum of squares (what drc's summary uses); undefined when H is singular
   */
  unscaledCovariance: number[][] | undefined;
  /** rse² × unscaledCovariance, indexed like `free`; undefined when there is no df or H is singular */
  covariance: number[][] | undefined;
  /** standard errors (NaN for fixed parameters or when the covariance is unavailable) */
  se: Ll4Params;
  logLik: number;
  aic: number;
  converged: boolean;
  fitted: number[];
}

/** The LL.4 curve at dose x (dose 0 is the limit: d when b > 0, c when b < 0). */
export function ll4Value(x: number, p: Ll4Params): number {
  return p.c + (p.d - p.c) * ll4Fraction(x, p.b, Math.log(p.e));
}

/** 1 / (1 + exp(b (log x − L))) with the dose-0 limit and no overflow. */
function ll4Fraction(x: number, b: number, logE: number): number {
  if (x === 0) return b > 0 ? 1 : b < 0 ? 0 : 0.5;
  const t = b * (Math.log(x) - logE);
  return t > 0 ? Math.exp(-t) / (1 + Math.exp(-t)) : 1 / (1 + Math.exp(t));
}

interface Derivatives {
  value: number;
  /** ∂f/∂(b, c, d, L = log e) */
  gradient: [number, number, number, number];
  /** ∂²f over (b, c, d, L), row-major 4×4 */
  hessian: number[][];
}

/** f and its first and second derivatives in (b, c, d, log e). */
function ll4Derivatives(x: number, b: number, c: number, d: number, logE: number): Derivatives {
  const g = ll4Fraction(x, b, logE);
  const value = c + (d - c) * g;
  const g1 = -g * (1 - g);
  if (x === 0 || g1 === 0) {
    const zero = [0, 0, 0, 0];
    return { value, gradient: [0, 1 - g, g, 0], hessian: [zero, zero, zero, zero].map((r) => [...r]) };
  }
  const g2 = g * (1 - g) * (1 - 2 * g);
  const z = Math.log(x) - logE;
  const a = d - c;
  const fb = a * g1 * z;
  const fL = -a * g1 * b;
  const hessian = [
    [a * g2 * z * z, -g1 * z, g1 * z, -a * (g2 * z * b + g1)],
    [-g1 * z, 0, 0, g1 * b],
    [g1 * z, 0, 0, -g1 * b],
    [-a * (g2 * z * b + g1), g1 * b, -g1 * b, a * g2 * b * b],
  ];
  return { value, gradient: [fb, 1 - g, g, fL], hessian };
}

/** drc-style self-start: asymptotes just outside the data range, then b and e from the linearised logit on log dose. */
export function ll4StartingValues(dose: readonly number[], response: readonly number[]): Ll4Params {
  const lo = Math.min(...response);
  const hi = Math.max(...response);
  const margin = 0.001 * (hi - lo);
  const c = lo - margin;
  const d = hi + margin;
  const xs: number[] = [];
  const ys: number[] = [];
  dose.forEach((x, i) => {
    if (x > 0) {
      xs.push(Math.log(x));
      ys.push(Math.log((d - response[i]!) / (response[i]! - c)));
    }
  });
  const positive = dose.filter((x) => x > 0);
  const fallbackE = positive.length ? Math.sqrt(Math.min(...positive) * Math.max(...positive)) : 1;
  if (xs.length < 2 || new Set(xs).size < 2) return { b: 1, c, d, e: fallbackE };
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) * (x - mx);
  });
  const b = sxy / sxx;
  if (!Number.isFinite(b) || Math.abs(b) < 1e-8) return { b: 1, c, d, e: fallbackE };
  const e = Math.exp(mx - my / b);
  return { b, c, d, e: Number.isFinite(e) && e > 0 ? e : fallbackE };
}

/**
 * Least-squares LL.4 fit. Starts from the drc-style self-start, then from a grid of inflection doses and both slope
 * signs, keeping the lowest residual sum of squares (the self-start wins ties, so an exact interpolation is the one
 * drc reports). Never throws; a degenerate fit has NaN standard errors.
 */
export function fitLl4(
  dose: readonly number[],
  response: readonly number[],
  options: Ll4FitOptions = {},
): Ll4Fit {
  const fixed = options.fixed ?? {};
  const free = LL4_NAMES.filter((name) => fixed[name] === undefined);
  const start = { ...ll4StartingValues(dose, response), ...fixed };
  const toFull = (theta: readonly number[]): [number, number, number, number] => {
    const full: [number, number, number, number] = [start.b, start.c, start.d, Math.log(start.e)];
    free.forEach((name, k) => (full[LL4_NAMES.indexOf(name)] = theta[k]!));
    return full;
  };
  const model = (theta: readonly number[]) => {
    const [b, c, d, logE] = toFull(theta);
    const residuals: number[] = [];
    const jacobian: number[][] = [];
    dose.forEach((x, i) => {
      const { value, gradient } = ll4Derivatives(x, b, c, d, logE);
      residuals.push(response[i]! - value);
      jacobian.push(free.map((name) => gradient[LL4_NAMES.indexOf(name)]!));
    });
    return { residuals, jacobian };
  };
  const internal = (p: Ll4Params) => free.map((name) => (name === 'e' ? Math.log(p.e) : p[name]));
  const starts = [internal(start), ...alternativeStarts(dose, start, fixed).map(internal)];
  let best = levenbergMarquardt(model, starts[0]!);
  const tss = sumSquaredDeviations(response);
  for (const s of starts.slice(1)) {
    const trial = levenbergMarquardt(model, s);
    if (
      Number.isFinite(trial.rss) &&
      (!Number.isFinite(best.rss) || trial.rss < best.rss * (1 - 1e-9) - 1e-12 * tss)
    )
      best = trial;
  }
  const [b, c, d, logE] = toFull(best.theta);
  const params: Ll4Params = { b, c, d, e: Math.exp(logE) };
  return summariseFit(dose, response, params, free, best.converged);
}

function sumSquaredDeviations(y: readonly number[]): number {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  return y.reduce((s, v) => s + (v - m) * (v - m), 0);
}

/** Further starting points: inflection at every tested dose (and between), both slope signs. */
function alternativeStarts(
  dose: readonly number[],
  start: Ll4Params,
  fixed: Partial<Ll4Params>,
): Ll4Params[] {
  const logs = [...new Set(dose.filter((x) => x > 0).map(Math.log))].sort((a, b) => a - b);
  const grid = logs.flatMap((l, i) => (i + 1 < logs.length ? [l, (l + logs[i + 1]!) / 2] : [l]));
  const slope = Math.max(0.5, Math.min(5, Math.abs(start.b)));
  const out: Ll4Params[] = [];
  for (const l of grid)
    for (const sign of [1, -1]) {
      const flipped = sign * Math.sign(start.b || 1) < 0;
      out.push({
        b: sign * slope,
        c: flipped && fixed.c === undefined && fixed.d === undefined ? start.d : start.c,
        d: flipped && fixed.c === undefined && fixed.d === undefined ? start.c : start.d,
        e: Math.exp(l),
        ...fixed,
      });
    }
  return out;
}

/** Residuals, σ̂, covariance (drc's summary: σ̂² · 2 H⁻¹ on the e scale), log-likelihood and AIC at `params`. */
export function summariseFit(
  dose: readonly number[],
  response: readonly number[],
  params: Ll4Params,
  free: Ll4Name[],
  converged: boolean,
): Ll4Fit {
  const n = dose.length;
  const fitted = dose.map((x) => ll4Value(x, params));
  const rss = response.reduce((s, y, i) => s + (y - fitted[i]!) ** 2, 0);
  const df = Math.max(0, n - free.length);
  const rse = df > 0 ? Math.sqrt(rss / df) : NaN;
  const index = free.map((name) => LL4_NAMES.indexOf(name));
  const hessian = rssHessianOnEScale(dose, response, params).map((row) => index.map((j) => row[j]!));
  const inverse = invertSymmetric(index.map((i) => hessian[i]!));
  const unscaledCovariance = inverse?.map((row) => row.map((v) => 2 * v));
  const positiveDiagonal = unscaledCovariance?.every((row, i) => row[i]! > 0) ?? false;
  const covariance =
    df > 0 && positiveDiagonal ? unscaledCovariance!.map((row) => row.map((v) => v * rse * rse)) : undefined;
  const se: Ll4Params = { b: NaN, c: NaN, d: NaN, e: NaN };
  if (covariance) free.forEach((name, k) => (se[name] = Math.sqrt(covariance[k]![k]!)));
  const logLik = -(n / 2) * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
  const aic = -2 * logLik + 2 * (free.length + 1);
  return {
    params,
    free,
    n,
    rss,
    df,
    rse,
    unscaledCovariance,
    covariance,
    se,
    logLik,
    aic,
    converged,
    fitted,
  };
}

/** Hessian of Σ (y − f)² in (b, c, d, e): 2 (JᵀJ − Σ rᵢ ∇²fᵢ), the log e derivatives mapped to e by the chain rule. */
function rssHessianOnEScale(dose: readonly number[], response: readonly number[], p: Ll4Params): number[][] {
  const logE = Math.log(p.e);
  const h = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
  const jacobian: number[][] = [];
  let gradientL = 0;
  dose.forEach((x, i) => {
    const der = ll4Derivatives(x, p.b, p.c, p.d, logE);
    const r = response[i]! - der.value;
    jacobian.push(der.gradient);
    gradientL += -2 * r * der.gradient[3];
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) h[a]![b]! -= 2 * r * der.hessian[a]![b]!;
  });
  const jtj = crossProduct(jacobian);
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) h[a]![b]! += 2 * jtj[a]![b]!;
  // ∂/∂e = (1/e) ∂/∂L; ∂²/∂e² = (∂²/∂L² − ∂/∂L) / e²
  const e = p.e;
  for (let a = 0; a < 3; a++) {
    h[a]![3]! /= e;
    h[3]![a]! /= e;
  }
  h[3]![3] = (h[3]![3]! - gradientL) / (e * e);
  return h;
}

/** Two-sided 95 % t quantile for `df` residual degrees of freedom (NaN when df ≤ 0). */
export function tCritical(df: number, level = 0.95): number {
  return df > 0 ? tQuantileAt(1 - (1 - level) / 2, df) : NaN;
}
