/**
 * Relative quantification: Livak & Schmittgen 2001 2^−ΔΔCt as pcr 1.2.2 `pcr_ddct` (separate_tube / same_tube
 * error, bounds 2^−(ΔΔCt ± error)) with `pcr_ttest` on per-sample ΔCt; Pfaffl 2001 efficiency-corrected ratio with
 * qpcR 1.4-1 `propagate` (second-order Taylor, as its "Prop" column); qbase NRQ (Hellemans et al. 2007).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { geometricMean, mean, sd } from '../descriptive.js';
import { twoSampleTTest, type TTestResult } from '../t-test.js';

export type ErrorMode = 'separate-tube' | 'same-tube';

/**
 * One sample's target and reference Ct. For Livak these are Cts (the reference being the mean Ct of the
 * reference targets, = log2 of their geometric-mean normalisation factor); for Pfaffl they are Ct × log2 E, so
 * that 2^−ΔΔ is the efficiency-corrected ratio.
 */
export interface PairedCt {
  sample: string;
  group: string;
  targetCt: number;
  referenceCt: number;
}

/** One group's normalised and calibrated expression, as a row of `pcr_ddct`. */
export interface DdctRow {
  group: string;
  /** samples with both a target and a reference Ct */
  n: number;
  meanTargetCt: number;
  meanReferenceCt: number;
  sdTargetCt: number;
  sdReferenceCt: number;
  /** pcr `normalized`: mean ΔCt of the group */
  deltaCt: number;
  /** pcr `calibrated`: ΔCt − ΔCt of the calibrator */
  deltaDeltaCt: number;
  /** separate tube: √(sd_target² + sd_reference²); same tube: sd(ΔCt) */
  error: number;
  /** 2^−ΔΔCt */
  foldChange: number;
  /** 2^−(ΔΔCt + error) */
  lower: number;
  /** 2^−(ΔΔCt − error) */
  upper: number;
}

/** 2^−ΔΔCt per group against the calibrator, with pcr_ddct's error and asymmetric bounds. */
export function deltaDeltaCt(
  rows: readonly PairedCt[],
  calibrator: string,
  mode: ErrorMode,
  groups: readonly string[] = [...new Set(rows.map((r) => r.group))],
): DdctRow[] {
  const partial = groups.map((group) => {
    const own = rows.filter(
      (r) => r.group === group && Number.isFinite(r.targetCt) && Number.isFinite(r.referenceCt),
    );
    const t = own.map((r) => r.targetCt);
    const ref = own.map((r) => r.referenceCt);
    const d = own.map((r) => r.targetCt - r.referenceCt);
    const sdT = sd(t);
    const sdR = sd(ref);
    return {
      group,
      n: own.length,
      meanTargetCt: mean(t),
      meanReferenceCt: mean(ref),
      sdTargetCt: sdT,
      sdReferenceCt: sdR,
      deltaCt: mode === 'separate-tube' ? mean(t) - mean(ref) : mean(d),
      error: mode === 'separate-tube' ? Math.sqrt(sdT * sdT + sdR * sdR) : sd(d),
    };
  });
  const base = partial.find((p) => p.group === calibrator)?.deltaCt ?? NaN;
  return partial.map((p) => {
    const deltaDeltaCt = p.deltaCt - base;
    return {
      ...p,
      deltaDeltaCt,
      foldChange: Math.pow(2, -deltaDeltaCt),
      lower: Math.pow(2, -(deltaDeltaCt + p.error)),
      upper: Math.pow(2, -(deltaDeltaCt - p.error)),
    };
  });
}

/** t-test of a group's per-sample ΔCt against the calibrator's (pcr_ttest; estimate = ΔΔCt). */
export function deltaCtTTest(
  rows: readonly PairedCt[],
  group: string,
  calibrator: string,
  equalVariance = false,
): TTestResult {
  const dct = (g: string) =>
    rows
      .filter((r) => r.group === g)
      .map((r) => r.targetCt - r.referenceCt)
      .filter(Number.isFinite);
  return twoSampleTTest(dct(group), dct(calibrator), equalVariance);
}

/** Mean and sd of a Ct over one group's samples. */
export interface CtSummary {
  mean: number;
  sd: number;
}

/** Inputs of the Pfaffl ratio: group-mean Cts (control = calibrator, treated = the other group) and efficiencies. */
export interface PfafflInput {
  /** amplification factor of the target (2 = 100 %) */
  efficiencyTarget: number;
  /** amplification factor of each reference; several references enter as their geometric mean */
  efficiencyReferences: readonly number[];
  target: { control: CtSummary; treated: CtSummary };
  references: readonly { control: CtSummary; treated: CtSummary }[];
  /** sd of each efficiency (target first, then references); default exact (0) */
  efficiencySd?: readonly number[];
}

/** Pfaffl ratio E_t^(Ct_control − Ct_treated)_t / Π_r E_r^((Ct_control − Ct_treated)_r / R). */
export function pfafflRatio(input: PfafflInput): number {
  return Math.exp(logPfaffl(input).value);
}

export interface PropagatedError {
  /** the ratio at the mean inputs */
  value: number;
  /** second-order mean f + ½ tr(H·Σ) (qpcR `propagate` "Prop" Mean) */
  mean: number;
  /** √(∇fᵀΣ∇f + ½ tr(HΣHΣ)) */
  sd: number;
  /** mean ∓ z(α/2)·sd */
  confLow: number;
  confHigh: number;
}

/**
 * Error of the Pfaffl ratio by Taylor expansion as qpcR 1.4-1 `propagate(type = "stat")`: the Ct sds are those
 * of the group's samples, covariances are zero, and, as qpcR passes Σ through Matrix::nearPD (eig.tol 1e-6,
 * posd.tol 1e-8), a variance ≤ 1e-6 × the largest becomes 1e-8 × the largest (so exact efficiencies carry a
 * negligible variance, changing the sd by ~1e-8 relative).
 */
export function propagatePfaffl(input: PfafflInput, alpha = 0.05): PropagatedError {
  const { value: lnf, grad, second, variances } = logPfaffl(input);
  const f = Math.exp(lnf);
  const v = nearPdDiagonal(variances);
  const k = grad.length;
  let traceHS = 0;
  let firstVar = 0;
  let secondTerm = 0;
  for (let i = 0; i < k; i++) {
    firstVar += f * grad[i]! * (f * grad[i]!) * v[i]!;
    for (let j = 0; j < k; j++) {
      const h = f * (grad[i]! * grad[j]! + second[i]![j]!);
      if (i === j) traceHS += h * v[i]!;
      secondTerm += h * h * v[i]! * v[j]!;
    }
  }
  const m = f + 0.5 * traceHS;
  const s = Math.sqrt(firstVar + 0.5 * secondTerm);
  const z = Math.abs(normalQuantile(alpha / 2, 0, 1));
  return { value: f, mean: m, sd: s, confLow: m - z * s, confHigh: m + z * s };
}

/**
 * ln of the Pfaffl ratio with its gradient and Hessian over the variables
 * [Ct_t,control, Ct_t,treated, (Ct_r,control, Ct_r,treated)…, E_t, E_r…].
 */
function logPfaffl(input: PfafflInput): {
  value: number;
  grad: number[];
  second: number[][];
  variances: number[];
} {
  const R = input.references.length;
  const Et = input.efficiencyTarget;
  const Es = input.efficiencyReferences;
  const k = 2 + 2 * R + 1 + R;
  const grad = new Array<number>(k).fill(0);
  const second = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const variances = new Array<number>(k).fill(0);
  const dt = input.target.control.mean - input.target.treated.mean;
  let value = dt * Math.log(Et);
  const eT = 2 + 2 * R;
  grad[0] = Math.log(Et);
  grad[1] = -Math.log(Et);
  grad[eT] = dt / Et;
  second[0]![eT] = second[eT]![0] = 1 / Et;
  second[1]![eT] = second[eT]![1] = -1 / Et;
  second[eT]![eT] = -dt / (Et * Et);
  variances[0] = input.target.control.sd ** 2;
  variances[1] = input.target.treated.sd ** 2;
  input.references.forEach((ref, r) => {
    const Er = Es[r]!;
    const c = 2 + 2 * r;
    const e = eT + 1 + r;
    const dr = ref.control.mean - ref.treated.mean;
    value -= (dr * Math.log(Er)) / R;
    grad[c] = -Math.log(Er) / R;
    grad[c + 1] = Math.log(Er) / R;
    grad[e] = -dr / (R * Er);
    second[c]![e] = second[e]![c] = -1 / (R * Er);
    second[c + 1]![e] = second[e]![c + 1] = 1 / (R * Er);
    second[e]![e] = dr / (R * Er * Er);
    variances[c] = ref.control.sd ** 2;
    variances[c + 1] = ref.treated.sd ** 2;
  });
  const esd = input.efficiencySd ?? [];
  for (let i = 0; i <= R; i++) variances[eT + i] = (esd[i] ?? 0) ** 2;
  return { value, grad, second, variances };
}

/** Matrix::nearPD on a diagonal covariance: tiny eigenvalues dropped, then floored at posd.tol × the largest. */
function nearPdDiagonal(variances: readonly number[]): number[] {
  const largest = Math.max(...variances);
  if (!(largest > 0)) return [...variances];
  return variances.map((v) => (v > 1e-6 * largest ? v : 1e-8 * largest));
}

/** qbase relative quantities, normalisation factors and NRQs for one target (Hellemans et al. 2007). */
export interface NrqResult {
  target: string;
  references: string[];
  efficiencies: Record<string, number>;
  samples: {
    sample: string;
    group: string;
    /** RQ = E^(mean Cq over samples − Cq) per gene (target and references) */
    rq: Record<string, number>;
    /** geometric mean of the reference RQs */
    nf: number;
    nrq: number;
  }[];
}

/**
 * NRQ = RQ_target / NF with RQ_gene = E_gene^(mean_samples(Cq_gene) − Cq_gene) and NF the geometric mean of the
 * reference RQs. Means are over the samples where the gene has a Cq; samples lacking one get NaN.
 */
export function qbaseNrq(
  samples: readonly { sample: string; group: string; ct: Record<string, number> }[],
  target: string,
  references: readonly string[],
  efficiencies: Record<string, number>,
): NrqResult {
  const genes = [target, ...references];
  const meanCq: Record<string, number> = {};
  for (const g of genes)
    meanCq[g] = mean(samples.map((s) => s.ct[g] ?? NaN).filter((v) => Number.isFinite(v)));
  const E = (g: string) => efficiencies[g] ?? 2;
  return {
    target,
    references: [...references],
    efficiencies: Object.fromEntries(genes.map((g) => [g, E(g)])),
    samples: samples.map((s) => {
      const rq: Record<string, number> = {};
      for (const g of genes) rq[g] = Math.pow(E(g), meanCq[g]! - (s.ct[g] ?? NaN));
      const refs = references.map((g) => rq[g]!);
      const nf = refs.every(Number.isFinite) ? geometricMean(refs) : NaN;
      return { sample: s.sample, group: s.group, rq, nf, nrq: rq[target]! / nf };
    }),
  };
}

/** A group's NRQ fold change over the calibrator (ratio of geometric means) and a t-test on log2 NRQ. */
export function compareNrq(
  nrq: NrqResult,
  group: string,
  calibrator: string,
  equalVariance = false,
): { foldChange: number; log2FoldChange: number; test: TTestResult } {
  const values = (g: string) =>
    nrq.samples.filter((s) => s.group === g && s.nrq > 0 && Number.isFinite(s.nrq)).map((s) => s.nrq);
  const x = values(group);
  const y = values(calibrator);
  const foldChange = geometricMean(x) / geometricMean(y);
  const test = twoSampleTTest(x.map(Math.log2), y.map(Math.log2), equalVariance);
  return { foldChange, log2FoldChange: Math.log2(foldChange), test };
}
