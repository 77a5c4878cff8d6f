// Levenberg–Marquardt least squares (Marquardt 1963; damping update of Nielsen 1999, IMM-REP-1999-05) with small dense linear algebra.

/** Residuals r(θ) = y − f(θ) and the Jacobian of f (not of r): rows = observations, columns = parameters. */
export type ResidualModel = (theta: readonly number[]) => { residuals: number[]; jacobian: number[][] };

export interface LeastSquaresResult {
  theta: number[];
  rss: number;
  iterations: number;
  converged: boolean;
}

const sumSquares = (r: readonly number[]) => r.reduce((s, v) => s + v * v, 0);

/** Minimises Σ r² by Levenberg–Marquardt from `start`; never throws, returns the best point reached. */
export function levenbergMarquardt(
  model: ResidualModel,
  start: readonly number[],
  options: { maxIterations?: number; relativeTolerance?: number } = {},
): LeastSquaresResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.relativeTolerance ?? 1e-14;
  let theta = [...start];
  let { residuals, jacobian } = model(theta);
  let rss = sumSquares(residuals);
  if (!Number.isFinite(rss)) return { theta, rss: NaN, iterations: 0, converged: false };
  const k = theta.length;
  let lambda = -1;
  let nu = 2;
  let stalls = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const jtj = crossProduct(jacobian);
    const jtr = Array.from({ length: k }, (_, j) =>
      residuals.reduce((s, r, i) => s + jacobian[i]![j]! * r, 0),
    );
    const gradientNorm = Math.max(...jtr.map(Math.abs));
    if (gradientNorm === 0 || rss === 0) return { theta, rss, iterations: iteration, converged: true };
    if (lambda < 0) lambda = 1e-3 * Math.max(...jtj.map((row, j) => row[j]!));
    // Marquardt's scaling by diag(JᵀJ) keeps steps sensible when b, c, d and log e differ in magnitude
    const scale = jtj.map((row, j) => Math.max(row[j]!, 1e-12 * (1 + Math.abs(row[j]!))));
    const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v + lambda * scale[i]! : v)));
    const step = solveSymmetric(damped, jtr);
    if (!step) {
      lambda *= nu;
      nu *= 2;
      continue;
    }
    const trial = theta.map((t, j) => t + step[j]!);
    const next = model(trial);
    const trialRss = sumSquares(next.residuals);
    const predicted = step.reduce((s, h, j) => s + h * (lambda * scale[j]! * h + jtr[j]!), 0);
    const rho = predicted > 0 ? (rss - trialRss) / predicted : -1;
    if (Number.isFinite(trialRss) && trialRss < rss && rho > 0) {
      const relative = (rss - trialRss) / Math.max(rss, 1e-300);
      const stepSize = Math.max(...step.map((h, j) => Math.abs(h) / (1e-8 + Math.abs(theta[j]!))));
      theta = trial;
      residuals = next.residuals;
      jacobian = next.jacobian;
      rss = trialRss;
      lambda *= Math.max(1 / 3, 1 - Math.pow(2 * rho - 1, 3));
      nu = 2;
      stalls = relative < tolerance || stepSize < 1e-12 ? stalls + 1 : 0;
      if (stalls >= 3) return { theta, rss, iterations: iteration, converged: true };
    } else {
      lambda *= nu;
      nu *= 2;
      if (lambda > 1e16) return { theta, rss, iterations: iteration, converged: true };
    }
  }
  return { theta, rss, iterations: maxIterations, converged: false };
}

/** JᵀJ of a row-major matrix. */
export function crossProduct(jacobian: readonly (readonly number[])[]): number[][] {
  const k = jacobian[0]?.length ?? 0;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of jacobian)
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) out[i]![j]! += row[i]! * row[j]!;
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) out[i]![j] = out[j]![i]!;
  return out;
}

/** Solves A x = b for symmetric positive definite A (Cholesky); undefined when A is not positive definite. */
export function solveSymmetric(
  a: readonly (readonly number[])[],
  b: readonly number[],
): number[] | undefined {
  const l = cholesky(a);
  if (!l) return undefined;
  const n = b.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let j = 0; j < i; j++) s -= l[i]![j]! * y[j]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let j = i + 1; j < n; j++) s -= l[j]![i]! * x[j]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

function cholesky(a: readonly (readonly number[])[]): number[][] | undefined {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return undefined;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  return l;
}

/**
 * Inverse of a symmetric matrix by Gauss–Jordan elimination with partial pivoting; undefined when it is singular
 * to working precision (a pivot below 1e-12 of the largest diagonal element).
 */
export function invertSymmetric(a: readonly (readonly number[])[]): number[][] | undefined {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const largest = Math.max(...a.map((row, i) => Math.abs(row[i]!)), 0);
  if (!(largest > 0)) return undefined;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12 * largest)) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    for (let j = 0; j < 2 * n; j++) m[col]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r]![j]! -= f * m[col]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}
