/**
 * Brent's root finder (Brent 1973, "Algorithms for minimization without derivatives", ch. 4; netlib zeroin), the
 * algorithm behind R's `uniroot` (R_zeroin2). Using it with R's default tolerance (`.Machine$double.eps^0.25`)
 * reproduces values that R computes by root finding, such as fisher.test's odds ratio and its confidence limits.
 */

/** R's `uniroot` default tolerance. */
export const R_UNIROOT_TOL = Math.pow(Number.EPSILON, 0.25);

/** A root of f in [ax, bx] (f(ax) and f(bx) of opposite signs), to within `tol`. */
export function zeroin(
  f: (x: number) => number,
  ax: number,
  bx: number,
  tol = R_UNIROOT_TOL,
  maxit = 1000,
): number {
  let a = ax;
  let b = bx;
  let fa = f(a);
  let fb = f(b);
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let iteration = 0; iteration <= maxit; iteration++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolerance || fb === 0) return b;
    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // interpolation: secant when only two points are distinct, else inverse quadratic
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2))
        step = p / q;
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
