/** voom precision weights for counts (Law et al. 2014, Genome Biol 15:R29), matching limma 3.54.1 `voom(normalize.method = "none")`. */
import { mean } from '../descriptive.js';
import { lmFitTwoGroups } from './limma-ebayes.js';
import { approxFun, lowess } from './lowess.js';

export interface VoomResult {
  /** log2 counts per million: log2((count + 0.5) / (lib.size + 1) · 1e6) */
  logCpm: number[][];
  /** library sizes (column sums of the counts) */
  libSize: number[];
  /** observation weights 1 / s(fitted log count)⁴ from the mean–variance trend */
  weights: number[][];
  /** the trend: mean log2 count (x) against sqrt(residual SD) (y), and the lowess fit through them */
  trend: { x: number[]; sqrtSd: number[]; fittedX: number[]; fittedY: number[] };
  warnings: string[];
}

/** log-CPM and precision weights for a `~ group` design (rows = features, columns = samples; counts ≥ 0). */
export function voom(
  counts: readonly (readonly number[])[],
  inGroup: readonly boolean[],
  span = 0.5,
): VoomResult {
  const nSamples = inGroup.length;
  const libSize = Array.from({ length: nSamples }, (_, j) => counts.reduce((s, row) => s + row[j]!, 0));
  const logCpm = counts.map((row) => row.map((c, j) => Math.log2(((c + 0.5) / (libSize[j]! + 1)) * 1e6)));
  const fit = lmFitTwoGroups(logCpm, inGroup);
  const warnings: string[] = [];
  const withReplicates = fit.dfResidual.filter((d) => d > 0).length;
  if (withReplicates < 2) {
    warnings.push('voom: fewer than two features with residual degrees of freedom; all weights set to 1');
    return {
      logCpm,
      libSize,
      weights: counts.map((row) => row.map(() => 1)),
      trend: { x: [], sqrtSd: [], fittedX: [], fittedY: [] },
      warnings,
    };
  }
  const offset = mean(libSize.map((l) => Math.log2(l + 1))) - Math.log2(1e6);
  const keep = counts.map((row) => row.reduce((s, c) => s + c, 0) > 0);
  const sx = fit.aveExpr.map((a) => a + offset).filter((_, i) => keep[i]);
  const sy = fit.sigma.map((s) => Math.sqrt(s)).filter((_, i) => keep[i]);
  const smooth = lowess(sx, sy, { f: span });
  const trend = approxFun(smooth.x, smooth.y);
  const weights = logCpm.map((_, i) =>
    inGroup.map((g, j) => {
      const fittedLogCpm = g ? fit.intercept[i]! + fit.coefficient[i]! : fit.intercept[i]!;
      const fittedLogCount = fittedLogCpm + Math.log2(libSize[j]! + 1) - Math.log2(1e6);
      return 1 / trend(fittedLogCount) ** 4;
    }),
  );
  return {
    logCpm,
    libSize,
    weights,
    trend: { x: sx, sqrtSd: sy, fittedX: smooth.x, fittedY: smooth.y },
    warnings,
  };
}
