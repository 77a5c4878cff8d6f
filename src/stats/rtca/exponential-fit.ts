/** Unweighted least-squares fit of y = A·exp(k·t) by Gauss–Newton with step halving (Bates & Watts 1988, ch. 2), converging past R 4.2 `nls` (tol 1e-5). */

export interface ExponentialFit {
  a: number;
  /** growth rate k (1/time unit) */
  k: number;
  residualSumOfSquares: number;
  iterations: number;
  converged: boolean;
  /** why the fit failed, when it did */
  message?: string;
}

export interface ExponentialFitOptions {
  maxIterations?: number;
  /** relative-offset convergence criterion (Bates & Watts); R `nls` uses 1e-5, we go further by default */
  tolerance?: number;
}

/** Fits y = A·exp(k·t) from a start (A0, k0), e.g. the log-linear fit; NaN parameters when it does not converge. */
export function fitExponential(
  t: readonly number[],
  y: readonly number[],
  start: { a: number; k: number },
  options: ExponentialFitOptions = {},
): ExponentialFit {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const n = t.length;
  const failed = (iterations: number, message: string): ExponentialFit => ({
    a: NaN,
    k: NaN,
    residualSumOfSquares: NaN,
    iterations,
    converged: false,
    message,
  });
  if (n < 3) return failed(0, `needs at least 3 points (got ${n})`);
  if (!Number.isFinite(start.a) || !Number.isFinite(start.k)) return failed(0, 'no finite starting values');
  const rss = (a: number, k: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i]! - a * Math.exp(k * t[i]!)) ** 2;
    return s;
  };
  let a = start.a;
  let k = start.k;
  let current = rss(a, k);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // normal equations of the linearised problem, J = [exp(kt), A·t·exp(kt)]
    let j11 = 0;
    let j12 = 0;
    let j22 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(k * t[i]!);
      const da = e;
      const dk = a * t[i]! * e;
      const r = y[i]! - a * e;
      j11 += da * da;
      j12 += da * dk;
      j22 += dk * dk;
      g1 += da * r;
      g2 += dk * r;
    }
    const det = j11 * j22 - j12 * j12;
    if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return failed(iteration, 'singular gradient');
    const stepA = (j22 * g1 - j12 * g2) / det;
    const stepK = (j11 * g2 - j12 * g1) / det;
    // relative offset: the part of the residual the linearisation can still explain, against what it cannot
    const explained = stepA * g1 + stepK * g2;
    const criterion = Math.sqrt(Math.max(explained, 0) / 2 / (Math.max(current - explained, 0) / (n - 2)));
    if (criterion < tolerance || explained <= 0 || current === 0)
      return { a, k, residualSumOfSquares: current, iterations: iteration - 1, converged: true };
    let factor = 1;
    for (;;) {
      const na = a + factor * stepA;
      const nk = k + factor * stepK;
      const next = rss(na, nk);
      if (next <= current) {
        a = na;
        k = nk;
        // no measurable decrease: the minimum is reached to machine precision
        if (current - next <= current * 1e-15)
          return { a, k, residualSumOfSquares: next, iterations: iteration, converged: true };
        current = next;
        break;
      }
      factor /= 2;
      if (factor < 1 / 1024) {
        // rounding noise near the optimum; accept it when R's own criterion is met
        if (criterion < 1e-5)
          return { a, k, residualSumOfSquares: current, iterations: iteration, converged: true };
        return failed(iteration, 'step factor reduced below 1/1024 (as R nls minFactor)');
      }
    }
  }
  return failed(maxIterations, `no convergence in ${maxIterations} iterations`);
}
