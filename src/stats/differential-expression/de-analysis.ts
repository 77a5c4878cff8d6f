/** Two-group differential expression of miRNA profiles: limma moderated t (lmFit + eBayes, voom for counts) and Welch t, BH FDR, tidy tables, volcano/MA/heatmap figures. */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import { expressionHeatmapFigure, maFigure, volcanoFigure, type DePoint } from '../../plot/de-figures.js';
import type { AnalysisOutput, FeatureChange, TidyTable } from '../analysis-output.js';
import { chooseReferenceGroup, jsonNumber, tidyTable } from '../analysis-output.js';
import { benjaminiHochberg } from '../enrichment.js';
import { twoSampleTTest } from '../t-test.js';
import type { ExpressionMatrix } from './expression-parser.js';
import { parseExpressionMatrix, parseSampleSheet } from './expression-parser.js';
import { eBayes, lmFitTwoGroups } from './limma-ebayes.js';
import { voom, type VoomResult } from './voom.js';

export type DeMethod = 'limma' | 'welch';

export interface DeOptions {
  /** sample sheet: sample, group */
  samples?: { text: string; file: string };
  /** sample → group, instead of a sample sheet */
  groups?: Record<string, string>;
  /** the baseline group (log2 FC = group − reference). Default: a group named parental/control/…, else the first */
  referenceGroup?: string;
  /** statistic that drives q-values, significance and figures (default `limma`); both are always computed */
  method?: DeMethod;
  /** the table holds counts: voom log-CPM and precision weights first (default false: log2 expression) */
  counts?: boolean;
  /** FDR level for significance (default 0.05) */
  alpha?: number;
  /** smallest |log2 FC| called significant (default 1) */
  minAbsLog2Fc?: number;
}

export interface DeResultJson {
  feature: string;
  /** rank by the chosen method's p-value */
  rank: number;
  log2fc: number | null;
  ave_expr: number | null;
  t: number | null;
  p_value: number | null;
  q_value: number | null;
  /** limma B statistic (log-odds of differential expression); null with method welch */
  b_statistic: number | null;
  significant: boolean;
  direction: 'up' | 'down' | 'ns';
  limma: {
    t: number | null;
    p: number | null;
    q: number | null;
    b: number | null;
    df_total: number | null;
    s2: number | null;
    s2_post: number | null;
  };
  welch: { t: number | null; df: number | null; p: number | null; q: number | null };
}

export interface DeJson {
  analysis: 'de';
  format_version: 1;
  input: { file: string; samples_file: string | null; counts: boolean };
  method: DeMethod;
  method_description: string;
  reference_group: string;
  group: string;
  samples: { reference: string[]; group: string[] };
  n_features: number;
  alpha: number;
  min_abs_log2fc: number;
  rule: string;
  n_significant: { up: number; down: number };
  /** limma's empirical Bayes prior: df.prior and s2.prior */
  prior: { df: number | null; df_infinite: boolean; s2: number | null };
  voom: { lib_size: Record<string, number> } | null;
  results: DeResultJson[];
  warnings: string[];
}

/** Runs the differential-expression analysis; issues for unreadable tables, unmatched samples or bad groups. */
export function runDifferentialExpression(
  input: { text: string; file: string },
  options: DeOptions = { method: 'limma', counts: false, alpha: 0.05, minAbsLog2Fc: 1 },
): Result<AnalysisOutput<DeJson>> {
  const method = options.method ?? 'limma';
  const counts = options.counts ?? false;
  const alpha = options.alpha ?? 0.05;
  const minAbsLog2Fc = options.minAbsLog2Fc ?? 1;
  const optionIssues: Issue[] = [];
  if (!(alpha > 0 && alpha < 1))
    optionIssues.push({ field: '--alpha', message: `${alpha} is not in (0, 1)` });
  if (!(minAbsLog2Fc >= 0))
    optionIssues.push({ field: '--min-abs-log2fc', message: `${minAbsLog2Fc} is not a number ≥ 0` });
  if (method !== 'limma' && method !== 'welch')
    optionIssues.push({ field: '--method', message: `'${String(method)}' is not limma or welch` });
  if (optionIssues.length) return fail(...optionIssues);

  const parsed = parseExpressionMatrix(input.text, input.file, { counts });
  if (!parsed.ok) return parsed;
  const matrix = parsed.value;
  const warnings: string[] = [];
  const design = resolveGroups(matrix, options, warnings);
  if (!design.ok) return design;
  const { reference, group, inGroup } = design.value;
  if (!counts && looksLikeCounts(matrix.values))
    warnings.push(
      'all values are non-negative integers up to > 100: these look like counts; analyse them with counts',
    );

  let voomed: VoomResult | undefined;
  if (counts) {
    voomed = voom(matrix.values, inGroup);
    warnings.push(...voomed.warnings);
  }
  const expression = voomed?.logCpm ?? matrix.values;
  const fit = eBayes(lmFitTwoGroups(expression, inGroup, voomed?.weights));
  warnings.push(...fit.warnings.map((w) => `limma: ${w}`));
  const limmaQ = benjaminiHochberg(fit.p);
  const welch = expression.map((row) =>
    twoSampleTTest(
      row.filter((v, j) => inGroup[j] && Number.isFinite(v)),
      row.filter((v, j) => !inGroup[j] && Number.isFinite(v)),
    ),
  );
  const welchQ = benjaminiHochberg(welch.map((w) => w.p));
  const undefinedStats = matrix.features.filter((_, i) => !Number.isFinite(fit.p[i]!));
  if (undefinedStats.length)
    warnings.push(
      `no moderated t for ${undefinedStats.length} feature(s) without values in both groups: ${undefinedStats.slice(0, 10).join(', ')}`,
    );

  const primary = matrix.features.map((feature, i) => {
    const useLimma = method === 'limma';
    const log2fc = useLimma ? fit.coefficient[i]! : welch[i]!.estimate;
    const p = useLimma ? fit.p[i]! : welch[i]!.p;
    const q = useLimma ? limmaQ[i]! : welchQ[i]!;
    const significant = q < alpha && Math.abs(log2fc) >= minAbsLog2Fc;
    const direction: DeResultJson['direction'] = !significant ? 'ns' : log2fc > 0 ? 'up' : 'down';
    return { i, feature, log2fc, p, q, t: useLimma ? fit.t[i]! : welch[i]!.t, significant, direction };
  });
  const order = [...primary].sort((a, b) => nanLast(a.p, b.p) || a.i - b.i);
  const rank = new Map(order.map((r, k) => [r.i, k + 1]));

  const methodLabel =
    method === 'limma'
      ? `limma moderated t (eBayes${counts ? ', voom weights' : ''}), BH`
      : `Welch t${counts ? ' on voom log-CPM' : ''}, BH`;
  const rule = `BH q < ${alpha} and |log2 FC| ≥ ${minAbsLog2Fc} (${method === 'limma' ? 'limma moderated t' : 'Welch t'})`;
  const results: DeResultJson[] = order.map((r) => {
    const i = r.i;
    return {
      feature: r.feature,
      rank: rank.get(i)!,
      log2fc: jsonNumber(r.log2fc),
      ave_expr: jsonNumber(fit.aveExpr[i]),
      t: jsonNumber(r.t),
      p_value: jsonNumber(r.p),
      q_value: jsonNumber(r.q),
      b_statistic: method === 'limma' ? jsonNumber(fit.lods[i]) : null,
      significant: r.significant,
      direction: r.direction,
      limma: {
        t: jsonNumber(fit.t[i]),
        p: jsonNumber(fit.p[i]),
        q: jsonNumber(limmaQ[i]),
        b: jsonNumber(fit.lods[i]),
        df_total: jsonNumber(fit.dfTotal[i]),
        s2: jsonNumber(fit.sigma[i]! ** 2),
        s2_post: jsonNumber(fit.s2Post[i]),
      },
      welch: {
        t: jsonNumber(welch[i]!.t),
        df: jsonNumber(welch[i]!.df),
        p: jsonNumber(welch[i]!.p),
        q: jsonNumber(welchQ[i]),
      },
    };
  });

  const sampleNames = (inG: boolean) => matrix.samples.filter((_, j) => inGroup[j] === inG);
  const json: DeJson = {
    analysis: 'de',
    format_version: 1,
    input: { file: matrix.file, samples_file: options.samples?.file ?? null, counts },
    method,
    method_description: methodLabel,
    reference_group: reference,
    group,
    samples: { reference: sampleNames(false), group: sampleNames(true) },
    n_features: matrix.features.length,
    alpha,
    min_abs_log2fc: minAbsLog2Fc,
    rule,
    n_significant: {
      up: primary.filter((r) => r.direction === 'up').length,
      down: primary.filter((r) => r.direction === 'down').length,
    },
    prior: {
      df: jsonNumber(fit.dfPrior),
      df_infinite: fit.dfPrior === Infinity,
      s2: jsonNumber(fit.s2Prior),
    },
    voom: voomed
      ? { lib_size: Object.fromEntries(matrix.samples.map((s, j) => [s, voomed!.libSize[j]!])) }
      : null,
    results,
    warnings,
  };

  const changes: FeatureChange[] = order.map((r) => ({
    feature: r.feature,
    group,
    referenceGroup: reference,
    log2FoldChange: r.log2fc,
    p: r.p,
    q: r.q,
    significant: r.significant,
    rule,
  }));

  const tables: Record<string, TidyTable> = {
    results: tidyTable(
      [
        'rank',
        'feature',
        'log2fc',
        'ave_expr',
        'mean_reference',
        'mean_group',
        't',
        'p_value',
        'q_value',
        'significant',
        'direction',
        'limma_t',
        'limma_p',
        'limma_q',
        'B',
        's2',
        's2_post',
        'df_residual',
        'df_prior',
        's2_prior',
        'df_total',
        'stdev_unscaled',
        'welch_log2fc',
        'welch_t',
        'welch_df',
        'welch_p',
        'welch_q',
      ],
      order.map((r) => {
        const i = r.i;
        return {
          rank: rank.get(i)!,
          feature: r.feature,
          log2fc: r.log2fc,
          ave_expr: fit.aveExpr[i]!,
          mean_reference: fit.intercept[i]!,
          mean_group: fit.intercept[i]! + fit.coefficient[i]!,
          t: r.t,
          p_value: r.p,
          q_value: r.q,
          significant: r.significant,
          direction: r.direction,
          limma_t: fit.t[i]!,
          limma_p: fit.p[i]!,
          limma_q: limmaQ[i]!,
          B: fit.lods[i]!,
          s2: fit.sigma[i]! ** 2,
          s2_post: fit.s2Post[i]!,
          df_residual: fit.dfResidual[i]!,
          df_prior: fit.dfPrior,
          s2_prior: fit.s2Prior,
          df_total: fit.dfTotal[i]!,
          stdev_unscaled: fit.stdevUnscaled[i]!,
          welch_log2fc: welch[i]!.estimate,
          welch_t: welch[i]!.t,
          welch_df: welch[i]!.df,
          welch_p: welch[i]!.p,
          welch_q: welchQ[i]!,
        };
      }),
    ),
  };
  if (voomed) {
    const v = voomed;
    tables.voom = tidyTable(
      ['feature', 'sample', 'group', 'count', 'lib_size', 'log_cpm', 'weight'],
      matrix.features.flatMap((feature, i) =>
        matrix.samples.map((sample, j) => ({
          feature,
          sample,
          group: inGroup[j] ? group : reference,
          count: matrix.values[i]![j]!,
          lib_size: v.libSize[j]!,
          log_cpm: v.logCpm[i]![j]!,
          weight: v.weights[i]![j]!,
        })),
      ),
    );
  }

  const points: DePoint[] = primary.map((r) => ({
    feature: r.feature,
    log2fc: r.log2fc,
    p: r.p,
    q: r.q,
    aveExpr: fit.aveExpr[r.i]!,
    direction: r.direction,
  }));
  const figureInput = {
    points,
    group,
    referenceGroup: reference,
    methodLabel,
    alpha,
    minAbsLog2Fc,
    averageLabel: counts ? 'Average log2 CPM' : 'Average log2 expression',
  };
  const figures: Record<string, string> = {
    volcano: volcanoFigure(figureInput),
    ma: maFigure(figureInput),
  };
  const significantRows = order.filter((r) => r.significant);
  const heatRows = (significantRows.length ? significantRows : order.filter((r) => Number.isFinite(r.p)))
    .slice(0, significantRows.length ? 40 : 20)
    .sort((a, b) => a.log2fc - b.log2fc);
  if (heatRows.length) {
    const columns = [...matrix.samples.keys()].sort(
      (a, b) => Number(inGroup[a]) - Number(inGroup[b]) || a - b,
    );
    figures.heatmap = expressionHeatmapFigure({
      title: significantRows.length
        ? `${significantRows.length > 40 ? 'Top 40 of ' : ''}${significantRows.length} significant feature${significantRows.length === 1 ? '' : 's'}`
        : `Top ${heatRows.length} features by p (none significant)`,
      features: heatRows.map((r) => r.feature),
      samples: columns.map((j) => ({ name: matrix.samples[j]!, group: inGroup[j] ? group : reference })),
      values: heatRows.map((r) => columns.map((j) => expression[r.i]![j]!)),
      groups: [reference, group],
      subtitle: `row z-scores of ${counts ? 'log2 CPM' : 'log2 expression'}; ordered by log2 FC`,
    });
  }
  return ok({ analysis: 'de', json, tables, figures, warnings, changes });
}

const nanLast = (a: number, b: number): number =>
  Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a - b;

function looksLikeCounts(values: readonly (readonly number[])[]): boolean {
  let max = 0;
  for (const row of values)
    for (const v of row) {
      if (!Number.isFinite(v)) continue;
      if (v < 0 || !Number.isInteger(v)) return false;
      max = Math.max(max, v);
    }
  return max > 100;
}

/** Sample → group from the sheet, the option, or (with a warning) from sample names without their trailing number. */
function resolveGroups(
  matrix: ExpressionMatrix,
  options: DeOptions,
  warnings: string[],
): Result<{ reference: string; group: string; inGroup: boolean[] }> {
  const issues: Issue[] = [];
  const groupOf = new Map<string, string>();
  const lineOf = new Map<string, number>();
  let sheetFile: string | undefined;
  if (options.samples) {
    const sheet = parseSampleSheet(options.samples.text, options.samples.file);
    if (!sheet.ok) return sheet;
    sheetFile = sheet.value.file;
    for (const e of sheet.value.entries) {
      if (!matrix.samples.includes(e.sample))
        issues.push({
          file: sheetFile,
          line: e.line,
          field: 'sample',
          message: `'${e.sample}' is not a column of ${matrix.file} (columns: ${matrix.samples.join(', ')})`,
        });
      groupOf.set(e.sample, e.group);
      lineOf.set(e.group, lineOf.get(e.group) ?? e.line);
    }
  } else if (options.groups) {
    for (const [sample, g] of Object.entries(options.groups)) {
      if (!matrix.samples.includes(sample))
        issues.push({ field: 'groups', message: `'${sample}' is not a column of ${matrix.file}` });
      groupOf.set(sample, g);
    }
  } else {
    for (const s of matrix.samples) groupOf.set(s, s.replace(/[\s_.-]*\d+$/, '') || s);
    warnings.push(
      `no sample sheet: groups taken from the sample names without their trailing numbers (${[...new Set(groupOf.values())].join(', ')})`,
    );
  }
  for (const s of matrix.samples)
    if (!groupOf.has(s))
      issues.push({
        file: matrix.file,
        line: matrix.headerLine,
        field: s,
        message: `sample column not listed in ${sheetFile ?? 'the sample groups'}`,
      });
  if (issues.length) return fail(...issues);
  const groups = [...new Set(matrix.samples.map((s) => groupOf.get(s)!))];
  if (groups.length !== 2)
    return fail({
      file: sheetFile,
      field: 'group',
      message: `expected exactly two groups, found ${groups.length} (${groups.join(', ')})`,
    });
  for (const g of groups) {
    const n = matrix.samples.filter((s) => groupOf.get(s) === g).length;
    if (n < 2)
      issues.push({
        file: sheetFile,
        line: lineOf.get(g),
        field: 'group',
        message: `group '${g}' has ${n} sample; each group needs at least 2 for a test`,
      });
  }
  if (issues.length) return fail(...issues);
  const chosen = chooseReferenceGroup(groups, options.referenceGroup);
  if (!chosen.ok) return fail(...chosen.issues);
  const reference = chosen.value;
  const group = groups.find((g) => g !== reference)!;
  return ok({ reference, group, inGroup: matrix.samples.map((s) => groupOf.get(s) === group) });
}
