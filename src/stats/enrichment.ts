/**
 * Over-representation analysis: hypergeometric upper tail (= one-sided Fisher exact test), two-sided Fisher exact
 * test with the conditional maximum-likelihood odds ratio and its exact confidence interval (as R 4.2 stats
 * `phyper`, `fisher.test`), and Benjamini–Hochberg adjustment (`p.adjust(method = "BH")`). Our own implementation.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { zeroin } from './zeroin.js';

const lchoose = (n: number, k: number): number => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/** A 2×2 over-representation question: x of the n selected genes fall in a set of K, out of a universe of N. */
export interface OraCounts {
  /** universe size */
  N: number;
  /** genes in the set (within the universe) */
  K: number;
  /** selected genes, e.g. a miRNA's targets (within the universe) */
  n: number;
  /** selected genes in the set */
  x: number;
}

export interface OraResult extends OraCounts {
  expected: number;
  foldEnrichment: number;
  /** P(X ≥ x) under the hypergeometric null: `phyper(x - 1, K, N - K, n, lower.tail = FALSE)` */
  pUpper: number;
  /** two-sided Fisher exact p (tables no more likely than the observed, relative tolerance 1e-7 as R) */
  pTwoSided: number;
  /** conditional maximum-likelihood odds ratio (R `fisher.test()$estimate`) */
  oddsRatio: number;
  /** sample odds ratio (x·(N−K−n+x)) / ((n−x)·(K−x)) */
  sampleOddsRatio: number;
  /** exact 95 % confidence interval of the odds ratio (R `fisher.test()$conf.int`) */
  ci95: [number, number];
}

/** Validates counts; returns a message for impossible tables (never a silent NaN). */
export function checkOraCounts(c: OraCounts): string | undefined {
  const ints = Object.entries(c).find(([, v]) => !Number.isInteger(v) || v < 0);
  if (ints) return `${ints[0]} must be a non-negative integer (got ${ints[1]})`;
  if (c.K > c.N) return `set size K=${c.K} exceeds the universe N=${c.N}`;
  if (c.n > c.N) return `selection size n=${c.n} exceeds the universe N=${c.N}`;
  if (c.x > Math.min(c.K, c.n)) return `overlap x=${c.x} exceeds min(K, n)=${Math.min(c.K, c.n)}`;
  if (c.x < Math.max(0, c.n + c.K - c.N))
    return `overlap x=${c.x} is below the minimum ${c.n + c.K - c.N} the table allows`;
  return undefined;
}

/** The support and log-density of the central hypergeometric distribution of x. */
function hypergeometric({ N, K, n }: OraCounts): { lo: number; hi: number; logd: Float64Array } {
  const lo = Math.max(0, n + K - N);
  const hi = Math.min(n, K);
  const logd = new Float64Array(hi - lo + 1);
  const total = lchoose(N, n);
  for (let k = lo; k <= hi; k++) logd[k - lo] = lchoose(K, k) + lchoose(N - K, n - k) - total;
  return { lo, hi, logd };
}

/** Noncentral (Fisher) hypergeometric density over the support, for odds ratio `psi`. */
function noncentral(h: ReturnType<typeof hypergeometric>, psi: number): Float64Array {
  const d = new Float64Array(h.logd.length);
  const logPsi = Math.log(psi);
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) {
    d[i] = h.logd[i]! + logPsi * (h.lo + i);
    if (d[i]! > max) max = d[i]!;
  }
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += d[i] = Math.exp(d[i]! - max);
  for (let i = 0; i < d.length; i++) d[i]! /= sum;
  return d;
}

const mean = (h: ReturnType<typeof hypergeometric>, psi: number): number => {
  if (psi === 0) return h.lo;
  if (psi === Infinity) return h.hi;
  const d = noncentral(h, psi);
  let m = 0;
  for (let i = 0; i < d.length; i++) m += (h.lo + i) * d[i]!;
  return m;
};

/** P(X ≤ x) (or P(X ≥ x) with `upper`) under odds ratio psi. */
const tail = (h: ReturnType<typeof hypergeometric>, x: number, psi: number, upper: boolean): number => {
  // all mass at the lower (psi = 0) or upper (psi = ∞) end of the support, as R's pnhyper
  if (psi === 0) return Number(upper ? x <= h.lo : x >= h.lo);
  if (psi === Infinity) return Number(upper ? x <= h.hi : x >= h.hi);
  const d = noncentral(h, psi);
  let p = 0;
  for (let i = 0; i < d.length; i++) if (upper ? h.lo + i >= x : h.lo + i <= x) p += d[i]!;
  return p;
};

/** The full ORA result for one set (all values as R's phyper / fisher.test). */
export function overRepresentation(c: OraCounts): OraResult {
  const problem = checkOraCounts(c);
  if (problem) throw new RangeError(problem);
  const { N, K, n, x } = c;
  const h = hypergeometric(c);
  const i = x - h.lo;
  // upper tail summed from x upwards: terms are accurate in log space, no cancellation
  let pUpper = i === 0 ? 1 : 0; // P(X ≥ lo) is exactly 1
  for (let k = i; i > 0 && k < h.logd.length; k++) pUpper += Math.exp(h.logd[k]!);
  const observed = Math.exp(h.logd[i]!) * (1 + 1e-7);
  let pTwoSided = 0;
  for (let k = 0; k < h.logd.length; k++) {
    const p = Math.exp(h.logd[k]!);
    if (p <= observed) pTwoSided += p;
  }
  const mle = (): number => {
    if (x === h.lo) return 0;
    if (x === h.hi) return Infinity;
    const mu = mean(h, 1);
    if (mu > x) return zeroin((t) => mean(h, t) - x, 0, 1);
    if (mu < x) return 1 / zeroin((t) => mean(h, 1 / t) - x, Number.EPSILON, 1);
    return 1;
  };
  const alpha = 0.025;
  const upperLimit = (): number => {
    if (x === h.hi) return Infinity;
    const p = tail(h, x, 1, false);
    if (p < alpha) return zeroin((t) => tail(h, x, t, false) - alpha, 0, 1);
    if (p > alpha) return 1 / zeroin((t) => tail(h, x, 1 / t, false) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const lowerLimit = (): number => {
    if (x === h.lo) return 0;
    const p = tail(h, x, 1, true);
    if (p > alpha) return zeroin((t) => tail(h, x, t, true) - alpha, 0, 1);
    if (p < alpha) return 1 / zeroin((t) => tail(h, x, 1 / t, true) - alpha, Number.EPSILON, 1);
    return 1;
  };
  return {
    ...c,
    expected: (n * K) / N,
    foldEnrichment: x / n / (K / N),
    pUpper: Math.min(1, pUpper),
    pTwoSided: Math.min(1, pTwoSided),
    oddsRatio: mle(),
    sampleOddsRatio: (x * (N - K - n + x)) / ((n - x) * (K - x)),
    ci95: [lowerLimit(), upperLimit()],
  };
}

/** Benjamini–Hochberg adjusted p-values (R `p.adjust(p, "BH")`); NaN/undefined entries stay NaN and are not counted. */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const present = p.map((value, index) => ({ value, index })).filter((e) => Number.isFinite(e.value));
  const m = present.length;
  const out = p.map(() => NaN);
  present.sort((a, b) => b.value - a.value);
  let running = Infinity;
  present.forEach((e, rank) => {
    running = Math.min(running, (e.value * m) / (m - rank));
    out[e.index] = Math.min(1, running);
  });
  return out;
}
