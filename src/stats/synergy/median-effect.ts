// Median-effect equation and combination index (Chou & Talalay 1984, Adv Enzyme Regul 22:27; Chou 2006), as medianeffect 0.9.1 `drug_effects` and `calc_ci`.
import { linearRegression } from '../descriptive.js';

/** log10(fa / fu) = m·log10(D) − m·log10(Dm), fitted by ordinary least squares. */
export interface MedianEffectFit {
  /** slope (shape: 1 hyperbolic, > 1 sigmoidal) */
  m: number;
  /** median-effect dose (fa = 0.5) */
  Dm: number;
  /** intercept of the median-effect plot, −m·log10(Dm) */
  b: number;
  /** linear correlation coefficient of the median-effect plot */
  r: number;
  /** points used (D > 0 and 0 < fa < 1) */
  n: number;
}

/** Fits the median-effect plot; undefined when fewer than 2 usable points or one distinct dose. */
export function medianEffectFit(dose: readonly number[], fa: readonly number[]): MedianEffectFit | undefined {
  const x: number[] = [];
  const y: number[] = [];
  dose.forEach((d, i) => {
    const f = fa[i]!;
    if (d > 0 && f > 0 && f < 1) {
      x.push(Math.log10(d));
      y.push(Math.log10(f / (1 - f)));
    }
  });
  if (x.length < 2 || new Set(x).size < 2) return undefined;
  const line = linearRegression(x, y);
  if (!(line.slope !== 0) || !Number.isFinite(line.slope)) return undefined;
  const r = Math.sign(line.slope) * Math.sqrt(Math.max(0, line.rSquared));
  return { m: line.slope, b: line.intercept, Dm: Math.pow(10, -line.intercept / line.slope), r, n: x.length };
}

/** Dose giving effect fa: Dx = Dm·(fa / (1 − fa))^(1/m); NaN outside 0 < fa < 1. */
export function doseForEffect(fit: MedianEffectFit, fa: number): number {
  if (!(fa > 0 && fa < 1)) return NaN;
  return fit.Dm * Math.pow(fa / (1 - fa), 1 / fit.m);
}

/** Classic (mutually exclusive) CI of a combination (d1, d2) reaching fa: d1/Dx1 + d2/Dx2. */
export function combinationIndex(
  d1: number,
  d2: number,
  fa: number,
  drug1: MedianEffectFit,
  drug2: MedianEffectFit,
): number {
  return d1 / doseForEffect(drug1, fa) + d2 / doseForEffect(drug2, fa);
}

export interface FixedRatioCombination {
  /** total dose d1 + d2 of each combination point */
  totalDose: readonly number[];
  fa: readonly number[];
  /** the constant ratio d1 : d2 */
  ratio: readonly [number, number];
}

export interface FixedRatioCi {
  combination: MedianEffectFit | undefined;
  /** CI at each observed combination point (its own doses and effect) */
  atObserved: { fa: number; ci: number }[];
  /** CI at chosen effect levels, doses from the combination's median-effect fit */
  atFa: { fa: number; ci: number }[];
}

/** Chou–Talalay CI of a constant-ratio combination, at the observed points and at chosen fa levels. */
export function fixedRatioCombinationIndex(
  combination: FixedRatioCombination,
  drug1: MedianEffectFit,
  drug2: MedianEffectFit,
  faLevels: readonly number[] = [0.5, 0.75, 0.9, 0.95],
): FixedRatioCi {
  const [r1, r2] = combination.ratio;
  const share1 = r1 / (r1 + r2);
  const share2 = r2 / (r1 + r2);
  const fit = medianEffectFit(combination.totalDose, combination.fa);
  const atObserved = combination.totalDose.map((total, i) => {
    const fa = combination.fa[i]!;
    return { fa, ci: combinationIndex(total * share1, total * share2, fa, drug1, drug2) };
  });
  const atFa = faLevels.map((fa) => {
    const total = fit ? doseForEffect(fit, fa) : NaN;
    return { fa, ci: combinationIndex(total * share1, total * share2, fa, drug1, drug2) };
  });
  return { combination: fit, atObserved, atFa };
}

/** Chou (2006) wording for a combination index. */
export function interpretCombinationIndex(ci: number): string {
  if (!Number.isFinite(ci)) return '';
  const scale: [number, string][] = [
    [0.1, 'very strong synergism'],
    [0.3, 'strong synergism'],
    [0.7, 'synergism'],
    [0.85, 'moderate synergism'],
    [0.9, 'slight synergism'],
    [1.1, 'nearly additive'],
    [1.2, 'slight antagonism'],
    [1.45, 'moderate antagonism'],
    [3.3, 'antagonism'],
    [10, 'strong antagonism'],
  ];
  return scale.find(([limit]) => ci < limit)?.[1] ?? 'very strong antagonism';
}
