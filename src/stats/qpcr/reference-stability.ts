/**
 * Reference-gene stability: geNorm M with stepwise exclusion and pairwise variation V_n/n+1 (Vandesompele et al.
 * 2002; NormqPCR 1.33 `stabMeasureM`, ctrlGene 1.0.1 `geNorm` table) and NormFinder ρ (Andersen et al. 2004,
 * closed form as NormqPCR `stabMeasureRho` with groups). Inputs are on the log2 scale (Cq, E = 2).
 */
import type { Result } from '../../model/index.js';
import { fail } from '../../model/index.js';
import { parseDelimitedTable, TableReader } from '../delimited-table.js';
import { mean, sd } from '../descriptive.js';
import { NO_CT_TOKENS } from './qpcr-measurement.js';
import { GROUP_COLUMN, SAMPLE_COLUMN, TARGET_COLUMN } from './reaction-resolver.js';

/** Candidate reference genes measured in the same samples: values[sample][gene] on the log2 scale. */
export interface CandidateMatrix {
  samples: string[];
  /** one group per sample ('' when the table has none) */
  groups: string[];
  genes: string[];
  values: number[][];
}

/** geNorm M_j = mean over k ≠ j of sd over samples of (x_j − x_k). */
export function genormM(m: CandidateMatrix): number[] {
  const k = m.genes.length;
  return m.genes.map((_, j) => {
    if (k < 2) return NaN;
    let total = 0;
    for (let l = 0; l < k; l++) if (l !== j) total += sd(m.values.map((row) => row[j]! - row[l]!));
    return total / (k - 1);
  });
}

/** One stepwise-exclusion step: the genes still in, their M, and the gene removed after it (if any). */
export interface GenormStep {
  genes: string[];
  m: number[];
  averageM: number;
  removed?: string;
}

export interface GenormResult {
  /** M of every candidate (the first step) */
  mAll: number[];
  steps: GenormStep[];
  /** most stable first: the final pair, then the excluded genes in reverse order of exclusion */
  ranking: string[];
  /** ctrlGene::geNorm's table: excluded gene (or the final pair `A-B`) with the average M of its step */
  ctrlGeneTable: { genes: string; averageM: number }[];
}

/** Repeatedly drops the gene with the largest M (the first on ties, as R `which.max`). */
export function genormStepwise(m: CandidateMatrix): GenormResult {
  const steps: GenormStep[] = [];
  let genes = m.genes.map((_, i) => i);
  while (genes.length >= 2) {
    const sub = subMatrix(m, genes);
    const mv = genormM(sub);
    const step: GenormStep = { genes: sub.genes, m: mv, averageM: mean(mv) };
    steps.push(step);
    if (genes.length === 2) break;
    let worst = 0;
    mv.forEach((v, i) => (v > mv[worst]! ? (worst = i) : undefined));
    step.removed = sub.genes[worst];
    genes = genes.filter((_, i) => i !== worst);
  }
  const last = steps[steps.length - 1];
  const removed = steps.filter((s) => s.removed !== undefined).map((s) => s.removed!);
  return {
    mAll: steps[0]?.m ?? m.genes.map(() => NaN),
    steps,
    ranking: [...(last?.genes ?? m.genes), ...removed.reverse()],
    ctrlGeneTable: steps.map((s) => ({ genes: s.removed ?? s.genes.join('-'), averageM: s.averageM })),
  };
}

/**
 * Pairwise variation V_n/n+1 = sd over samples of log2(NF_n / NF_n+1), NF_n the geometric mean of the relative
 * quantities 2^−x of the n most stable genes (so log2 NF_n = −mean of their x).
 */
export function pairwiseVariation(
  m: CandidateMatrix,
  ranking: readonly string[],
): { label: string; n: number; v: number }[] {
  const index = ranking.map((g) => m.genes.indexOf(g));
  const out: { label: string; n: number; v: number }[] = [];
  for (let n = 2; n < ranking.length; n++) {
    const diff = m.values.map((row) => {
      const nf = (count: number) => -mean(index.slice(0, count).map((i) => row[i]!));
      return nf(n) - nf(n + 1);
    });
    out.push({ label: `V${n}/${n + 1}`, n, v: sd(diff) });
  }
  return out;
}

export interface NormFinderResult {
  genes: string[];
  groups: string[];
  /** stability ρ_i = mean over groups of |d̃_ig| + √v_ig (smaller = more stable) */
  rho: number[];
  /** shrunken intergroup difference d̃[gene][group] */
  d: number[][];
  /** v[gene][group] = posterior variance of d̃ + σ²_ig/n_g */
  v: number[][];
  /** intragroup variance estimates σ²[gene][group] (negative estimates set to 0) */
  intragroupVariance: number[][];
  /** between-group variance γ² (0 when estimated negative or with one group) */
  gamma2: number;
}

/**
 * NormFinder (Andersen et al. 2004): per group, residuals of a two-way (gene + sample) fit give s²_ig =
 * Σ r² / ((n_g − 1)(1 − 2/k)) and σ²_ig = s²_ig − Σ_i s²_ig / (k(k − 1)); the gene × group table of means gives
 * the interaction d_ig; γ² = Σ d² / ((G − 1)(k − 1)) − Σ σ²_ig/n_g / (kG); d is shrunk by γ²/(γ² + σ²/n).
 * With one group, ρ = √(σ²/n) (the same formula with no intergroup term).
 */
export function normFinder(m: CandidateMatrix): NormFinderResult {
  const k = m.genes.length;
  const groups = [...new Set(m.groups)];
  const G = groups.length;
  const members = groups.map((g) => m.groups.flatMap((x, s) => (x === g ? [s] : [])));
  const sigma2: number[][] = m.genes.map(() => new Array<number>(G).fill(NaN));
  const groupMean: number[][] = m.genes.map(() => new Array<number>(G).fill(NaN));
  members.forEach((rows, g) => {
    const n = rows.length;
    const y = rows.map((s) => m.values[s]!);
    const geneMean = m.genes.map((_, i) => mean(y.map((r) => r[i]!)));
    const sampleMean = y.map((r) => mean(r));
    const all = mean(geneMean);
    const s2 = m.genes.map((_, i) => {
      let ss = 0;
      y.forEach((r, j) => (ss += (r[i]! - geneMean[i]! - sampleMean[j]! + all) ** 2));
      return ss / ((n - 1) * (1 - 2 / k));
    });
    const total = s2.reduce((a, b) => a + b, 0);
    s2.forEach((v, i) => {
      sigma2[i]![g] = Math.max(0, v - total / (k * (k - 1)));
      groupMean[i]![g] = geneMean[i]!;
    });
  });
  const n = members.map((rows) => rows.length);
  const rowMean = groupMean.map((r) => mean(r));
  const colMean = groups.map((_, g) => mean(groupMean.map((r) => r[g]!)));
  const grand = mean(rowMean);
  const dRaw = groupMean.map((r, i) => r.map((v, g) => v - rowMean[i]! - colMean[g]! + grand));
  let gamma2 = 0;
  if (G > 1) {
    let dd = 0;
    let vv = 0;
    for (let i = 0; i < k; i++)
      for (let g = 0; g < G; g++) {
        dd += dRaw[i]![g]! ** 2;
        vv += sigma2[i]![g]! / n[g]!;
      }
    gamma2 = Math.max(0, dd / ((G - 1) * (k - 1)) - vv / (k * G));
  }
  const d = dRaw.map((r, i) =>
    r.map((x, g) => {
      const w = sigma2[i]![g]! / n[g]!;
      return G > 1 ? (gamma2 + w > 0 ? (x * gamma2) / (gamma2 + w) : x) : 0;
    }),
  );
  const v = sigma2.map((r) =>
    r.map((s2, g) => {
      const w = s2 / n[g]!;
      return (gamma2 + w > 0 ? (gamma2 * w) / (gamma2 + w) : 0) + w;
    }),
  );
  const rho = m.genes.map((_, i) => mean(groups.map((__, g) => Math.abs(d[i]![g]!) + Math.sqrt(v[i]![g]!))));
  return { genes: [...m.genes], groups, rho, d, v, intragroupVariance: sigma2, gamma2 };
}

function subMatrix(m: CandidateMatrix, genes: readonly number[]): CandidateMatrix {
  return {
    samples: m.samples,
    groups: m.groups,
    genes: genes.map((i) => m.genes[i]!),
    values: m.values.map((row) => genes.map((i) => row[i]!)),
  };
}

/** Samples with a value for every gene (stability needs complete rows), and the samples left out. */
export function completeSamples(m: CandidateMatrix): { matrix: CandidateMatrix; dropped: string[] } {
  const keep = m.values.map((row) => row.every(Number.isFinite));
  return {
    matrix: {
      samples: m.samples.filter((_, s) => keep[s]),
      groups: m.groups.filter((_, s) => keep[s]),
      genes: m.genes,
      values: m.values.filter((_, s) => keep[s]),
    },
    dropped: m.samples.filter((_, s) => !keep[s]),
  };
}

/**
 * Reads a candidates table: wide (`sample[,group]`, then one Cq column per candidate) or long
 * (`sample[,group],target,ct`). Undetermined Cq becomes NaN (the sample is then left out of the analysis).
 */
export function parseReferenceCandidates(text: string, file: string): Result<CandidateMatrix> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const sample = r.requireColumn(...SAMPLE_COLUMN);
  if (r.issues.length) return fail(...r.issues);
  const group = r.column(...GROUP_COLUMN);
  const target = r.column(...TARGET_COLUMN);
  const ct = r.column('ct', 'cq');
  const samples: string[] = [];
  const groups: string[] = [];
  const cells = new Map<string, Map<string, number>>();
  const firstLine = new Map<string, number>();
  let genes: string[];
  const put = (row: (typeof table.value.rows)[number], s: string, gene: string, value: number) => {
    if (!cells.has(s)) {
      cells.set(s, new Map());
      samples.push(s);
      groups.push(group ? r.text(row, group) : '');
      firstLine.set(s, row.line);
    } else if (group && (row.cells[group] ?? '') !== groups[samples.indexOf(s)])
      r.report(
        row,
        group,
        `sample ${s} is in group '${groups[samples.indexOf(s)]}' at line ${firstLine.get(s)}`,
      );
    const values = cells.get(s)!;
    if (values.has(gene)) r.report(row, target ?? gene, `second value for ${s} × ${gene}`);
    values.set(gene, value);
  };
  if (target !== undefined || ct !== undefined) {
    const t = target ?? r.requireColumn(...TARGET_COLUMN);
    const c = ct ?? r.requireColumn('ct', 'cq');
    if (r.issues.length) return fail(...r.issues);
    for (const row of table.value.rows)
      put(row, r.text(row, sample), r.text(row, t), r.number(row, c, { missing: NO_CT_TOKENS, min: 0 }));
    genes = [...new Set(table.value.rows.map((row) => row.cells[t] ?? ''))].filter((g) => g !== '');
  } else {
    genes = table.value.columns.filter((c) => c !== sample && c !== group);
    for (const row of table.value.rows) {
      const s = r.text(row, sample);
      for (const g of genes) put(row, s, g, r.number(row, g, { missing: NO_CT_TOKENS, min: 0 }));
    }
  }
  if (genes.length < 2)
    r.issues.push({
      file,
      line: r.headerLine(),
      field: 'target',
      message: `reference stability needs at least 2 candidate genes (found ${genes.length})`,
    });
  const values = samples.map((s) => genes.map((g) => cells.get(s)!.get(g) ?? NaN));
  return r.result({ samples, groups, genes, values });
}
