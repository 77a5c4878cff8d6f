/** Descriptive statistics as R's base functions compute them (`mean`, `var`, `sd` with n − 1, geometric mean). */

/** Arithmetic mean (NaN for an empty sample). */
export function mean(x: readonly number[]): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (const v of x) s += v;
  const m = s / x.length;
  // R's mean() refines with a second pass over the residuals (summary.c, LDOUBLE-free variant)
  let r = 0;
  for (const v of x) r += v - m;
  return m + r / x.length;
}

/** Sample variance with n − 1 denominator (R `var`); NaN when n < 2. */
export function variance(x: readonly number[]): number {
  if (x.length < 2) return NaN;
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (x.length - 1);
}

/** Sample standard deviation (R `sd`); NaN when n < 2. */
export function sd(x: readonly number[]): number {
  return Math.sqrt(variance(x));
}

/** Geometric mean of positive values, exp(mean(log x)). */
export function geometricMean(x: readonly number[]): number {
  return Math.exp(mean(x.map(Math.log)));
}

/** Finite values only (drops NaN and ±Infinity). */
export function finite(x: readonly number[]): number[] {
  return x.filter((v) => Number.isFinite(v));
}

/** Sum of squares of deviations from the mean. */
export function sumSquaredDeviations(x: readonly number[]): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s;
}

/** Trapezoidal area under y(x), x ascending. */
export function trapezoidArea(x: readonly number[], y: readonly number[]): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return a;
}

/** Ordinary least squares line y = a + b·x with R² (R `lm(y ~ x)`). */
export function linearRegression(
  x: readonly number[],
  y: readonly number[],
): { intercept: number; slope: number; rSquared: number; residualSe: number; slopeSe: number; n: number } {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i]! - intercept - slope * x[i]!;
    rss += r * r;
  }
  const residualSe = n > 2 ? Math.sqrt(rss / (n - 2)) : NaN;
  return { intercept, slope, rSquared: 1 - rss / syy, residualSe, slopeSe: residualSe / Math.sqrt(sxx), n };
}
