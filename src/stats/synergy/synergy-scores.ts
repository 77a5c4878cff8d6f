// Bliss, HSA, Loewe and ZIP synergy of a two-drug dose matrix (Ianevski 2017/2020, Zheng 2022; ZIP: Yadav 2015), with SynergyFinder 3.7.3's conventions.
import { mean, sd } from '../descriptive.js';
import type { Ll4Fit, Ll4Params } from '../dose-response/log-logistic-fit.js';
import { fitLl4, ll4Value } from '../dose-response/log-logistic-fit.js';

/** A complete dose matrix: response[i][j] (% inhibition) at conc1[i] × conc2[j]; conc1[0] = conc2[0] = 0. */
export interface DoseMatrix {
  conc1: number[];
  conc2: number[];
  response: number[][];
}

export interface WellScore {
  conc1: number;
  conc2: number;
  response: number;
  /** Bliss independence from the observed single-drug responses: y1 + y2 − y1·y2/100 */
  blissRef: number;
  bliss: number;
  /** highest single agent: max(y1, y2), observed */
  hsaRef: number;
  hsa: number;
  /** Loewe additive response: the grid value y minimising |x1/X1(y) + x2/X2(y) − 1| */
  loeweRef: number;
  loewe: number;
  /** ZIP: mean of the row and column fits at this well */
  zipFit: number;
  /** ZIP: Bliss of the fitted single-drug curves */
  zipRef: number;
  zip: number;
}

export type SynergyMethod = 'bliss' | 'hsa' | 'loewe' | 'zip';
export const SYNERGY_METHODS: readonly SynergyMethod[] = ['zip', 'hsa', 'bliss', 'loewe'];

/** Number of response levels SynergyFinder's Loewe grid search tries. */
export const LOEWE_GRID_STEPS = 100;

/**
 * Single-drug LL.4 fits on the matrix's first column (drug 1 alone, dose 0 included) and first row (drug 2 alone),
 * as SynergyFinder's `FitDoseResponse` (its L.4-on-log-dose fallback is the same curve family, which our
 * multi-start fitter covers).
 */
export function fitSingleDrugs(m: DoseMatrix): { drug1: Ll4Fit; drug2: Ll4Fit } {
  return {
    drug1: fitLl4(
      m.conc1,
      m.conc1.map((_, i) => m.response[i]![0]!),
    ),
    drug2: fitLl4(m.conc2, m.response[0]!),
  };
}

/** Dose of a single drug giving response y on its LL.4 curve (NaN when y is outside the curve's range). */
export function inverseLl4(p: Ll4Params, y: number): number {
  const ratio = (p.d - y) / (y - p.c);
  return ratio > 0 ? p.e * Math.pow(ratio, 1 / p.b) : NaN;
}

/** Per-well reference and synergy (observed − reference) for all four models, in conc1-major order. */
export function synergyScores(m: DoseMatrix, singles: { drug1: Ll4Params; drug2: Ll4Params }): WellScore[] {
  const y1 = (i: number) => m.response[i]![0]!;
  const y2 = (j: number) => m.response[0]![j]!;
  const grid = loeweGrid(singles.drug1, singles.drug2);
  const zip = zipFits(m);
  const out: WellScore[] = [];
  m.conc1.forEach((c1, i) =>
    m.conc2.forEach((c2, j) => {
      const response = m.response[i]![j]!;
      if (i === 0 || j === 0) {
        const none = {
          blissRef: response,
          hsaRef: response,
          loeweRef: response,
          zipFit: response,
          zipRef: response,
        };
        out.push({ conc1: c1, conc2: c2, response, ...none, bliss: 0, hsa: 0, loewe: 0, zip: 0 });
        return;
      }
      const blissRef = y1(i) + y2(j) - (y1(i) * y2(j)) / 100;
      const hsaRef = Math.max(y1(i), y2(j));
      const loeweRef = loeweReference(c1, c2, singles.drug1, singles.drug2, grid);
      const f1 = ll4Value(c1, singles.drug1);
      const f2 = ll4Value(c2, singles.drug2);
      const zipRef = f1 + f2 - (f1 * f2) / 100;
      const zipFit = (zip.row[j]![i]! + zip.column[i]![j]!) / 2;
      out.push({
        conc1: c1,
        conc2: c2,
        response,
        blissRef,
        bliss: response - blissRef,
        hsaRef,
        hsa: response - hsaRef,
        loeweRef,
        loewe: response - loeweRef,
        zipFit,
        zipRef,
        zip: zipFit - zipRef,
      });
    }),
  );
  return out;
}

/** 100 response levels evenly spaced from the lower fitted asymptote to the upper one (the c and d of both drugs). */
export function loeweGrid(p1: Ll4Params, p2: Ll4Params): number[] {
  let lo = Math.min(p1.c, p2.c);
  let hi = Math.max(p1.d, p2.d);
  if (!(hi > lo)) {
    const all = [p1.c, p1.d, p2.c, p2.d];
    lo = Math.min(...all);
    hi = Math.max(...all);
  }
  const step = (hi - lo) / (LOEWE_GRID_STEPS - 1);
  return Array.from({ length: LOEWE_GRID_STEPS }, (_, k) =>
    k === LOEWE_GRID_STEPS - 1 ? hi : lo + k * step,
  );
}

/** The grid response minimising |x1/X1(y) + x2/X2(y) − 1| (levels where a drug's curve cannot reach y are skipped). */
export function loeweReference(
  x1: number,
  x2: number,
  p1: Ll4Params,
  p2: Ll4Params,
  grid: readonly number[],
): number {
  let best = NaN;
  let bestGap = Infinity;
  for (const y of grid) {
    const gap = Math.abs(x1 / inverseLl4(p1, y) + x2 / inverseLl4(p2, y) - 1);
    if (gap < bestGap) {
      bestGap = gap;
      best = y;
    }
  }
  return best;
}

/**
 * ZIP's fits of each matrix row and column: drug 1 along a row at fixed drug 2 (and vice versa), LL.4 with the
 * lower asymptote c fixed at the observed response of the other drug alone. row[j][i] = fitted at conc1[i].
 */
export function zipFits(m: DoseMatrix): {
  row: number[][];
  column: number[][];
  rowFits: Ll4Fit[];
  columnFits: Ll4Fit[];
} {
  const rowFits = m.conc2.map((_, j) =>
    fitLl4(
      m.conc1,
      m.conc1.map((__, i) => m.response[i]![j]!),
      { fixed: { c: m.response[0]![j]! } },
    ),
  );
  const columnFits = m.conc1.map((_, i) =>
    fitLl4(m.conc2, m.response[i]!, { fixed: { c: m.response[i]![0]! } }),
  );
  return {
    row: rowFits.map((f) => m.conc1.map((x) => ll4Value(x, f.params))),
    column: columnFits.map((f) => m.conc2.map((x) => ll4Value(x, f.params))),
    rowFits,
    columnFits,
  };
}

export interface SynergySummary {
  method: SynergyMethod;
  /** mean synergy over the wells where both drugs are present */
  mean: number;
  sd: number;
  n: number;
  /** SynergyFinder's p = exp(−0.717 z − 0.416 z²), z = |mean| / sd */
  p: number;
  /** p as SynergyFinder prints it (R `formatC(p, format = "e", digits = 2)`) */
  pText: string;
  /** SynergyFinder's reading: < −10 antagonistic, −10 to 10 additive, > 10 synergistic */
  interpretation: 'synergistic' | 'additive' | 'antagonistic' | '';
}

/** Block summary of one model's scores. */
export function summariseSynergy(scores: readonly WellScore[], method: SynergyMethod): SynergySummary {
  const values = scores.filter((s) => s.conc1 > 0 && s.conc2 > 0).map((s) => s[method]);
  const m = mean(values);
  const s = sd(values);
  const z = Math.abs(m) / s;
  const p = Number.isFinite(z) ? Math.exp(-0.717 * z - 0.416 * z * z) : NaN;
  const interpretation = !Number.isFinite(m)
    ? ''
    : m > 10
      ? 'synergistic'
      : m < -10
        ? 'antagonistic'
        : 'additive';
  return { method, mean: m, sd: s, n: values.length, p, pText: formatScientific(p), interpretation };
}

/** R's `formatC(v, format = "e", digits = 2)`: `1.06e-01`. */
export function formatScientific(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return 'NA';
  const [mantissa, exponent] = v.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
}
