/** Robust locally weighted regression (Cleveland 1979, JASA 74:829), as R 4.2 `stats::lowess` (clowess), our own code. */

export interface LowessOptions {
  /** smoother span: the fraction of points in each local fit (R default 2/3) */
  f?: number;
  /** robustifying iterations (R default 3) */
  iter?: number;
  /** points closer than delta to the last fitted x are interpolated (R default 1 % of the x range) */
  delta?: number;
}

/** Smoothed values at the sorted x (R `lowess(x, y)` returns `list(x = sort(x), y = fitted)`). */
export function lowess(
  xIn: readonly number[],
  yIn: readonly number[],
  options: LowessOptions = {},
): { x: number[]; y: number[] } {
  const order = xIn.map((_, i) => i).sort((a, b) => xIn[a]! - xIn[b]! || a - b);
  const x = order.map((i) => xIn[i]!);
  const y = order.map((i) => yIn[i]!);
  const n = x.length;
  if (n === 0) return { x, y: [] };
  const f = options.f ?? 2 / 3;
  const nsteps = options.iter ?? 3;
  const delta = options.delta ?? 0.01 * (x[n - 1]! - x[0]!);
  if (n < 2) return { x, y: [...y] };
  const ys = new Array<number>(n).fill(0);
  const rw = new Array<number>(n).fill(1);
  const res = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));

  for (let iteration = 1; iteration <= nsteps + 1; iteration++) {
    const robust = iteration > 1;
    // indices are 0-based; the neighbourhood [nleft, nright] always holds ns points
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = x[i]! - x[nleft]!;
        const d2 = x[nright + 1]! - x[i]!;
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fitted = localFit(x, y, x[i]!, nleft, nright, w, robust ? rw : undefined);
      ys[i] = fitted ?? y[i]!;
      if (last < i - 1) {
        const denom = x[i]! - x[last]!;
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j]! - x[last]!) / denom;
          ys[j] = alpha * ys[i]! + (1 - alpha) * ys[last]!;
        }
      }
      last = i;
      const cut = x[last]! + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i]! > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last]!;
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    let scale = 0;
    for (let k = 0; k < n; k++) {
      res[k] = y[k]! - ys[k]!;
      scale += Math.abs(res[k]!);
    }
    scale /= n;
    if (iteration > nsteps) break;
    const absRes = res.map(Math.abs).sort((a, b) => a - b);
    const m1 = Math.floor(n / 2);
    const cmad = n % 2 === 0 ? 3 * (absRes[m1]! + absRes[n - m1 - 1]!) : 6 * absRes[m1]!;
    // residuals effectively zero: the fit is exact and further robustness steps change nothing
    if (cmad < 1e-7 * scale) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]!);
      rw[k] = r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0;
    }
  }
  return { x, y: ys };
}

/** Tricube-weighted local line at xs over the neighbourhood (clowess `lowest`); undefined when all weights are 0. */
function localFit(
  x: readonly number[],
  y: readonly number[],
  xs: number,
  nleft: number,
  nright: number,
  w: number[],
  rw: readonly number[] | undefined,
): number | undefined {
  const n = x.length;
  const range = x[n - 1]! - x[0]!;
  const h = Math.max(xs - x[nleft]!, x[nright]! - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j]! - xs);
    if (r <= h9) {
      const weight = (r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3) * (rw ? rw[j]! : 1);
      w[j] = weight;
      a += weight;
    } else if (x[j]! > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return undefined;
  for (j = nleft; j <= nrt; j++) w[j]! /= a;
  if (h > 0) {
    let centre = 0;
    for (j = nleft; j <= nrt; j++) centre += w[j]! * x[j]!;
    let b = xs - centre;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j]! * (x[j]! - centre) ** 2;
    // a local slope only when the weighted spread of x is not negligible against the whole range
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j]! *= b * (x[j]! - centre) + 1;
    }
  }
  let fitted = 0;
  for (j = nleft; j <= nrt; j++) fitted += w[j]! * y[j]!;
  return fitted;
}

/**
 * Linear interpolation through (x, y) sorted by x, constant beyond the ends (R `approxfun(rule = 2)`), tied x
 * collapsed to the mean of their y.
 */
export function approxFun(xs: readonly number[], ys: readonly number[]): (v: number) => number {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    let s = 0;
    while (j < xs.length && xs[j] === xs[i]) s += ys[j++]!;
    px.push(xs[i]!);
    py.push(s / (j - i));
    i = j;
  }
  return (v: number) => {
    if (Number.isNaN(v) || px.length === 0) return NaN;
    if (v <= px[0]!) return py[0]!;
    if (v >= px[px.length - 1]!) return py[py.length - 1]!;
    let lo = 0;
    let hi = px.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (px[mid]! <= v) lo = mid;
      else hi = mid;
    }
    return py[lo]! + ((py[hi]! - py[lo]!) * (v - px[lo]!)) / (px[hi]! - px[lo]!);
  };
}
