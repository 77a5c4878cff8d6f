/** Two-group linear model and empirical Bayes moderation (Smyth 2004, Stat Appl Genet Mol Biol 3:3), matching limma 3.54.1 lmFit + eBayes + topTable. */
import digamma from '@stdlib/math-base-special-digamma';
import trigamma from '@stdlib/math-base-special-trigamma';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean } from '../descriptive.js';
import { tTwoSidedP } from '../t-test.js';

/** Per-feature fit of `y ~ group` (intercept = reference group, coefficient = group − reference). */
export interface TwoGroupFit {
  /** log2 fold change: (weighted) mean of the group minus that of the reference */
  coefficient: number[];
  /** (weighted) mean of the reference group */
  intercept: number[];
  /** standard error of the coefficient divided by sigma */
  stdevUnscaled: number[];
  /** residual standard deviation */
  sigma: number[];
  dfResidual: number[];
  /** unweighted mean of the observed values (limma `Amean`) */
  aveExpr: number[];
}

/**
 * Least-squares fit of `~ group` for every row (limma `lmFit`), observations with a missing value or a
 * non-positive weight dropped. With an intercept and one indicator the fit is exactly the weighted group means.
 */
export function lmFitTwoGroups(
  rows: readonly (readonly number[])[],
  inGroup: readonly boolean[],
  weights?: readonly (readonly number[])[],
): TwoGroupFit {
  const fit: TwoGroupFit = {
    coefficient: [],
    intercept: [],
    stdevUnscaled: [],
    sigma: [],
    dfResidual: [],
    aveExpr: [],
  };
  rows.forEach((y, i) => {
    const w = weights?.[i];
    const sums = [
      { w: 0, wy: 0 },
      { w: 0, wy: 0 },
    ];
    const used: { y: number; w: number; g: number }[] = [];
    const observed: number[] = [];
    y.forEach((v, j) => {
      if (!Number.isFinite(v)) return;
      observed.push(v);
      const wj = w ? w[j]! : 1;
      if (!(wj > 0)) return;
      const g = inGroup[j] ? 1 : 0;
      sums[g]!.w += wj;
      sums[g]!.wy += wj * v;
      used.push({ y: v, w: wj, g });
    });
    const means = sums.map((s) => (s.w > 0 ? s.wy / s.w : NaN));
    const rank = sums.filter((s) => s.w > 0).length;
    const df = used.length - rank;
    let rss = 0;
    for (const u of used) rss += u.w * (u.y - means[u.g]!) ** 2;
    fit.coefficient.push(means[1]! - means[0]!);
    fit.intercept.push(means[0]!);
    fit.stdevUnscaled.push(rank === 2 ? Math.sqrt(1 / sums[0]!.w + 1 / sums[1]!.w) : NaN);
    fit.sigma.push(df > 0 ? Math.sqrt(rss / df) : NaN);
    fit.dfResidual.push(df);
    fit.aveExpr.push(observed.length ? mean(observed) : NaN);
  });
  return fit;
}

/** ψ''(x) for x > 0: recurrence up to x ≥ 15, then the asymptotic (Bernoulli) series. */
export function tetragamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 15) {
    shift -= 2 / (x * x * x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  const series =
    x2 *
    (1 +
      1 / x +
      x2 * (1 / 2 + x2 * (-1 / 6 + x2 * (1 / 6 + x2 * (-3 / 10 + x2 * (5 / 6 + x2 * (-691 / 210)))))));
  return shift - series;
}

/** Inverse of the trigamma function by limma's Newton iteration on 1/trigamma (`trigammaInverse`). */
export function trigammaInverse(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return NaN;
  if (x > 1e7) return 1 / Math.sqrt(x);
  if (x < 1e-6) return 1 / x;
  let y = 0.5 + 1 / x;
  for (let iteration = 1; ; iteration++) {
    const tri = trigamma(y);
    const dif = (tri * (1 - tri / x)) / tetragamma(y);
    y += dif;
    if (-dif / y < 1e-8 || iteration > 50) break;
  }
  return y;
}

/** Prior of a scaled F distribution fitted by moments of log variances (limma `fitFDist`, no covariate). */
export interface FDistFit {
  /** prior variance s0² (`scale`) */
  scale: number;
  /** prior degrees of freedom d0 (`df2`; Infinity when the variances are no more dispersed than chance) */
  df2: number;
  warnings: string[];
}

/** Moment estimate of s0² and d0 from sample variances x with degrees of freedom df1 (limma `fitFDist`). */
export function fitFDist(x: readonly number[], df1: readonly number[]): FDistFit {
  const warnings: string[] = [];
  const keep = x
    .map((v, i) => ({ v, d: df1[i]! }))
    .filter((e) => Number.isFinite(e.d) && e.d > 1e-15 && Number.isFinite(e.v) && e.v > -1e-15);
  if (x.length <= 1 || keep.length <= 1) return { scale: NaN, df2: NaN, warnings };
  let values = keep.map((e) => Math.max(e.v, 0));
  let m = median(values);
  if (m === 0) {
    warnings.push('more than half of the residual variances are exactly zero: eBayes unreliable');
    m = 1;
  } else if (values.some((v) => v === 0)) {
    warnings.push('zero sample variances detected; offset away from zero as limma does');
  }
  values = values.map((v) => Math.max(v, 1e-5 * m));
  const e = values.map((v, i) => Math.log(v) - digamma(keep[i]!.d / 2) + Math.log(keep[i]!.d / 2));
  const emean = mean(e);
  let evar = 0;
  for (const ei of e) evar += (ei - emean) ** 2;
  evar = evar / (keep.length - 1) - mean(keep.map((k) => trigamma(k.d / 2)));
  if (evar > 0) {
    const df2 = 2 * trigammaInverse(evar);
    return { scale: Math.exp(emean + digamma(df2 / 2) - Math.log(df2 / 2)), df2, warnings };
  }
  return { scale: mean(values), df2: Infinity, warnings };
}

/** R's `median` (mean of the two middle values for an even count). */
function median(x: readonly number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

export interface SqueezedVariances {
  dfPrior: number;
  s2Prior: number;
  /** posterior variances (df·s² + d0·s0²)/(df + d0) */
  s2Post: number[];
  warnings: string[];
}

/** Empirical Bayes squeezing of sample variances towards a common prior (limma `squeezeVar`, robust = FALSE). */
export function squeezeVar(variances: readonly number[], df: readonly number[]): SqueezedVariances {
  // limma guards rows with no residual df: their variance is undefined and taken as 0
  const v = variances.map((s2, i) => (df[i] === 0 ? 0 : s2));
  if (v.length === 1) return { dfPrior: 0, s2Prior: v[0]!, s2Post: [...v], warnings: [] };
  const prior = fitFDist(v, df);
  const s2Post = v.map((s2, i) =>
    Number.isFinite(prior.df2) ? (df[i]! * s2 + prior.df2 * prior.scale) / (df[i]! + prior.df2) : prior.scale,
  );
  return { dfPrior: prior.df2, s2Prior: prior.scale, s2Post, warnings: prior.warnings };
}

export interface EbayesOptions {
  /** assumed proportion of differentially expressed features (limma default 0.01) */
  proportion?: number;
  /** limits on the prior standard deviation of a true log fold change, in sigma units (default [0.1, 4]) */
  stdevCoefLim?: [number, number];
}

export interface EbayesFit extends TwoGroupFit {
  dfPrior: number;
  s2Prior: number;
  s2Post: number[];
  /** moderated t statistic */
  t: number[];
  dfTotal: number[];
  p: number[];
  /** B statistic: log-odds that the feature is differentially expressed */
  lods: number[];
  /** prior variance of non-zero coefficients (limma `var.prior`) */
  coefficientPriorVariance: number;
  warnings: string[];
}

/** Moderated t statistics, p-values and B statistics (limma `eBayes`, trend = FALSE, robust = FALSE). */
export function eBayes(fit: TwoGroupFit, options: EbayesOptions = {}): EbayesFit {
  const proportion = options.proportion ?? 0.01;
  const [limLo, limHi] = options.stdevCoefLim ?? [0.1, 4];
  const squeezed = squeezeVar(
    fit.sigma.map((s) => s * s),
    fit.dfResidual,
  );
  const warnings = [...squeezed.warnings];
  const t = fit.coefficient.map((b, i) => b / fit.stdevUnscaled[i]! / Math.sqrt(squeezed.s2Post[i]!));
  const dfPooled = fit.dfResidual.reduce((a, d) => a + (Number.isFinite(d) ? d : 0), 0);
  const dfTotal = fit.dfResidual.map((d) => Math.min(d + squeezed.dfPrior, dfPooled));
  const p = t.map((ti, i) => tTwoSidedP(ti, dfTotal[i]!));
  const varPriorLim: [number, number] = [
    (limLo * limLo) / squeezed.s2Prior,
    (limHi * limHi) / squeezed.s2Prior,
  ];
  let v0 = tmixture(t, fit.stdevUnscaled, dfTotal, proportion, varPriorLim);
  if (Number.isNaN(v0)) {
    v0 = 1 / squeezed.s2Prior;
    warnings.push('estimation of the prior variance of fold changes failed; set to its default value');
  }
  const infiniteDf = squeezed.dfPrior > 1e6;
  const lods = t.map((ti, i) => {
    const u2 = fit.stdevUnscaled[i]! ** 2;
    const r = (u2 + v0) / u2;
    const t2 = ti * ti;
    const d = dfTotal[i]!;
    const kernel = infiniteDf ? (t2 * (1 - 1 / r)) / 2 : ((1 + d) / 2) * Math.log((t2 + d) / (t2 / r + d));
    return Math.log(proportion / (1 - proportion)) - Math.log(r) / 2 + kernel;
  });
  return {
    ...fit,
    dfPrior: squeezed.dfPrior,
    s2Prior: squeezed.s2Prior,
    s2Post: squeezed.s2Post,
    t,
    dfTotal,
    p,
    lods,
    coefficientPriorVariance: v0,
    warnings,
  };
}

/**
 * Prior variance of non-zero coefficients from the top `proportion/2` of |t| matched to the order statistics of
 * a mixture of t distributions (limma `tmixture.vector`); |t| at lower df are first mapped to the largest df.
 */
export function tmixture(
  tstat: readonly number[],
  stdevUnscaled: readonly number[],
  df: readonly number[],
  proportion: number,
  limits?: [number, number],
): number {
  const present = tstat
    .map((t, i) => ({ t, u: stdevUnscaled[i]!, d: df[i]! }))
    .filter((e) => !Number.isNaN(e.t));
  const nFeatures = present.length;
  const nTarget = Math.ceil((proportion / 2) * nFeatures);
  if (nTarget < 1) return NaN;
  const p = Math.max(nTarget / nFeatures, proportion);
  const maxDf = Math.max(...present.map((e) => e.d));
  const abs = present.map((e) => {
    const a = Math.abs(e.t);
    if (!(e.d < maxDf)) return { t: a, u: e.u };
    // the same upper-tail probability at maxDf: qt(pt(|t|, d, lower = FALSE), maxDf, lower = FALSE)
    return { t: -tQuantile(tCdf(-a, e.d), maxDf), u: e.u };
  });
  const top = abs
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .slice(0, nTarget);
  let sum = 0;
  top.forEach((e, k) => {
    const p0 = 2 * tCdf(-e.t, maxDf);
    const pTarget = ((k + 1 - 0.5) / nFeatures - (1 - p) * p0) / p;
    let v0 = 0;
    if (pTarget > p0) {
      const qTarget = -tQuantile(pTarget / 2, maxDf);
      v0 = e.u * e.u * ((e.t / qTarget) ** 2 - 1);
    }
    if (limits) v0 = Math.min(Math.max(v0, limits[0]), limits[1]);
    sum += v0;
  });
  return sum / nTarget;
}
