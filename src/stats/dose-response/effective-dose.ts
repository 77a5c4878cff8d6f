// ED50 of an LL.4 fit with delta-method and log-scale intervals, and ED50 ratios, as drc 3.0-1 `ED` and `EDcomp` (Ritz et al. 2015).
import type { Ll4Fit, Ll4Name, Ll4Params } from './log-logistic-fit.js';
import { LL4_NAMES, tCritical } from './log-logistic-fit.js';

/** An estimate with its standard error and 95 % interval (NaN where not estimable). */
export interface IntervalEstimate {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
}

/** Covariance and residual df to use with a fit's parameters (the fit's own, or a joint model's). */
export interface CovarianceSource {
  params: Ll4Params;
  free: Ll4Name[];
  /** covariance of the free parameters on the b, c, d, e scale; undefined = none (no df, singular) */
  covariance: number[][] | undefined;
  df: number;
}

export interface Ed50Summary {
  /** relative ED50 = e, with the delta-method interval e ± t·SE (drc `ED(interval = "delta")`) */
  relative: IntervalEstimate;
  /** exp(log e ± t·SE(log e)): drc's LL2.4 + `interval = "fls"` (asymmetric, positive) */
  relativeLogScale: IntervalEstimate;
  /**
   * dose where the curve equals `absoluteLevel` (drc `ED(type = "absolute")`); NaN when never reached. As in drc,
   * the level is turned into a relative percentage at the estimates and then held fixed, so the delta method
   * differentiates e·(p/(100 − p))^(1/b) in b and e only
   */
  absolute: IntervalEstimate;
  /** the same dose with the full delta method (gradient in b, c, d and e), for comparison */
  absolutePropagated: IntervalEstimate;
  absoluteLevel: number;
}

const NAN_ESTIMATE: IntervalEstimate = { estimate: NaN, se: NaN, lower: NaN, upper: NaN };

/** Relative and absolute ED50 with delta-method intervals, and the log-scale ("fls") interval of the relative one. */
export function ed50Summary(source: CovarianceSource, absoluteLevel = 50): Ed50Summary {
  const { params } = source;
  const t = tCritical(source.df);
  const eGradient = { b: 0, c: 0, d: 0, e: 1 };
  const relative = deltaEstimate(params.e, eGradient, source, t);
  const seLog = relative.se / params.e;
  const relativeLogScale: IntervalEstimate = {
    estimate: params.e,
    se: seLog,
    lower: Math.exp(Math.log(params.e) - t * seLog),
    upper: Math.exp(Math.log(params.e) + t * seLog),
  };
  const dose = absoluteDose(params, absoluteLevel);
  const reached = Number.isFinite(dose);
  const gradient = reached ? absoluteDoseGradient(params, absoluteLevel, dose) : undefined;
  const absolute = gradient ? deltaEstimate(dose, { ...gradient, c: 0, d: 0 }, source, t) : NAN_ESTIMATE;
  const absolutePropagated = gradient ? deltaEstimate(dose, gradient, source, t) : NAN_ESTIMATE;
  return { relative, relativeLogScale, absolute, absolutePropagated, absoluteLevel };
}

/** The dose x with f(x) = level: log x = log e + log((d − level)/(level − c)) / b; NaN when level is not between c and d. */
export function absoluteDose(p: Ll4Params, level: number): number {
  const q = (p.d - level) / (level - p.c);
  if (!(q > 0) || !Number.isFinite(q) || p.b === 0) return NaN;
  return p.e * Math.exp(Math.log(q) / p.b);
}

function absoluteDoseGradient(p: Ll4Params, level: number, dose: number): Ll4Params {
  const q = (p.d - level) / (level - p.c);
  return {
    b: (-dose * Math.log(q)) / (p.b * p.b),
    c: dose / (p.b * (level - p.c)),
    d: dose / (p.b * (p.d - level)),
    e: dose / p.e,
  };
}

function deltaEstimate(
  estimate: number,
  gradient: Ll4Params,
  source: CovarianceSource,
  t: number,
): IntervalEstimate {
  const { covariance, free } = source;
  if (!covariance) return { estimate, se: NaN, lower: NaN, upper: NaN };
  let variance = 0;
  free.forEach((a, i) =>
    free.forEach((b, j) => (variance += gradient[a] * covariance[i]![j]! * gradient[b])),
  );
  const se = Math.sqrt(variance);
  return { estimate, se, lower: estimate - t * se, upper: estimate + t * se };
}

/** Variance of e from a covariance source (NaN when e is fixed or there is no covariance). */
export function varianceOfE(source: CovarianceSource): number {
  const k = source.free.indexOf('e');
  return source.covariance && k >= 0 ? source.covariance[k]![k]! : NaN;
}

/**
 * Ratio of two relative ED50s (e.g. resistance index = IC50 resistant / IC50 reference) with the delta-method
 * interval ratio ± t(df)·SE, SE² = ratio²(var e₁/e₁² + var e₂/e₂²), curves independent as in drc's `EDcomp`.
 */
export function ed50Ratio(
  numerator: CovarianceSource,
  denominator: CovarianceSource,
  df: number,
): IntervalEstimate {
  const ratio = numerator.params.e / denominator.params.e;
  const relVariance =
    varianceOfE(numerator) / numerator.params.e ** 2 + varianceOfE(denominator) / denominator.params.e ** 2;
  const se = ratio * Math.sqrt(relVariance);
  const t = tCritical(df);
  return { estimate: ratio, se, lower: ratio - t * se, upper: ratio + t * se };
}

/** A joint model's view of separately fitted curves: one shared residual variance Σ rss / Σ df (drc `drm(curveid = …)`). */
export interface JointModel {
  rse: number;
  df: number;
  rss: number;
  curves: CovarianceSource[];
}

/** Pools the residual variance of separate LL.4 fits (identical estimates, as the joint likelihood separates). */
export function jointModel(fits: readonly Ll4Fit[]): JointModel {
  const rss = fits.reduce((s, f) => s + f.rss, 0);
  const df = fits.reduce((s, f) => s + f.df, 0);
  const rse = df > 0 ? Math.sqrt(rss / df) : NaN;
  const curves = fits.map((f) => ({
    params: f.params,
    free: f.free,
    df,
    covariance:
      df > 0 && f.unscaledCovariance
        ? f.unscaledCovariance.map((row) => row.map((v) => v * rse * rse))
        : undefined,
  }));
  return { rse, df, rss, curves };
}

/** Standard errors of the parameters from a covariance source, NaN where unavailable. */
export function standardErrors(source: CovarianceSource): Ll4Params {
  const se: Ll4Params = { b: NaN, c: NaN, d: NaN, e: NaN };
  for (const name of LL4_NAMES) {
    const k = source.free.indexOf(name);
    if (source.covariance && k >= 0) se[name] = Math.sqrt(source.covariance[k]![k]!);
  }
  return se;
}
