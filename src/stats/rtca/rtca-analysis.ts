/** RTCA analysis: cell-index export (+ plate layout) → per-well and per-group growth metrics, Welch comparisons with a reference group, tidy tables and figures. */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import { cellIndexFigure, type CellIndexCurve } from '../../plot/rtca-figures.js';
import type { AnalysisOutput } from '../analysis-output.js';
import { chooseReferenceGroup, jsonNumber, tidyTable } from '../analysis-output.js';
import { mean, sd } from '../descriptive.js';
import { twoSampleTTest } from '../t-test.js';
import type { CellIndexData } from './cell-index-parser.js';
import { parseCellIndexTable, parseRtcaLayout, wellKey } from './cell-index-parser.js';
import { wellMetrics, type WellMetrics } from './rtca-metrics.js';

export interface RtcaOptions {
  /** plate layout file: well, group[, treatment] */
  layout?: { text: string; file: string };
  /** normalisation time (h). Default: the treatment time if given, else 24 h if the run covers it, else the first reading */
  baseTime?: number;
  /** growth window [start, end] (h). Default: base time to base time + 24 h (clipped to the run) */
  window?: [number, number];
  /** time of drug addition (h), marked on the figures */
  treatmentTime?: number;
  /** group the others are compared with. Default: a group named parental/control/vehicle/untreated…, else the first */
  referenceGroup?: string;
}

/**
 * The metrics summarised per group and compared with the reference group: first those that do not depend on
 * the seeding density (NCI metrics, doubling times), then the raw-CI ones, which scale with it.
 */
export const RTCA_GROUP_METRICS = [
  'slope_nci_per_h',
  'auc_nci_window',
  'auc_nci_after_base',
  'dt_loglinear_h',
  'dt_nls_exponential_h',
  'ci_at_base',
  'slope_per_h',
  'auc_window',
  'auc_total',
] as const;
export type RtcaGroupMetric = (typeof RTCA_GROUP_METRICS)[number];

export interface RtcaMetricInfo {
  metric: RtcaGroupMetric;
  /** what the metric is computed on */
  scale: 'NCI' | 'ln CI' | 'raw CI';
  /** true when multiplying a well's whole trace by a constant (other seeding density) leaves it unchanged */
  normalisation_independent: boolean;
  description: string;
}

/** How each group metric reacts to the seeding density; the order of RTCA_GROUP_METRICS. */
export const RTCA_METRIC_INFO: readonly RtcaMetricInfo[] = [
  {
    metric: 'slope_nci_per_h',
    scale: 'NCI',
    normalisation_independent: true,
    description: 'OLS slope of NCI = CI/CI(base) on time inside the window (1/h)',
  },
  {
    metric: 'auc_nci_window',
    scale: 'NCI',
    normalisation_independent: true,
    description: 'trapezoid area under NCI inside the window (h)',
  },
  {
    metric: 'auc_nci_after_base',
    scale: 'NCI',
    normalisation_independent: true,
    description: 'trapezoid area under NCI from the base time to the end of the run (h)',
  },
  {
    metric: 'dt_loglinear_h',
    scale: 'ln CI',
    normalisation_independent: true,
    description: 'doubling time ln 2 / k, k = OLS slope of ln CI inside the window (h)',
  },
  {
    metric: 'dt_nls_exponential_h',
    scale: 'raw CI',
    normalisation_independent: true,
    description:
      'doubling time ln 2 / k of the NLS fit CI = A·exp(k·t) inside the window (h); a scale change moves A only',
  },
  {
    metric: 'ci_at_base',
    scale: 'raw CI',
    normalisation_independent: false,
    description: 'CI at the base time: reflects seeding density and attachment, not growth',
  },
  {
    metric: 'slope_per_h',
    scale: 'raw CI',
    normalisation_independent: false,
    description: 'OLS slope of raw CI inside the window (1/h): proportional to the seeding density',
  },
  {
    metric: 'auc_window',
    scale: 'raw CI',
    normalisation_independent: false,
    description: 'trapezoid area under raw CI inside the window (CI·h): proportional to the seeding density',
  },
  {
    metric: 'auc_total',
    scale: 'raw CI',
    normalisation_independent: false,
    description:
      'trapezoid area under raw CI over the whole run, before the base time (treatment) included (CI·h): proportional to the seeding density',
  },
];

/** Groups whose mean CI at the base time differs from the reference's by more than this fraction get a warning. */
const SEEDING_DIFFERENCE_WARNING = 0.2;

export interface RtcaWellJson {
  well: string;
  group: string;
  treatment: string | null;
  base_time_h: number | null;
  ci_at_base: number | null;
  n_window: number;
  slope_per_h: number | null;
  slope_intercept: number | null;
  slope_r2: number | null;
  slope_nci_per_h: number | null;
  slope_nci_intercept: number | null;
  slope_nci_r2: number | null;
  log_linear: { k_per_h: number | null; a: number | null; r2: number | null; doubling_time_h: number | null };
  exponential_nls: {
    k_per_h: number | null;
    a: number | null;
    doubling_time_h: number | null;
    rss: number | null;
    iterations: number;
    converged: boolean;
  };
  auc_total: number | null;
  auc_window: number | null;
  auc_nci_window: number | null;
  auc_nci_after_base: number | null;
  flags: string[];
}

export interface RtcaComparisonJson {
  /** false for raw-CI metrics, whose difference may come from the seeding density alone */
  normalisation_independent: boolean;
  difference: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  ci95: [number | null, number | null];
}

export interface RtcaGroupJson {
  group: string;
  n_wells: number;
  wells: string[];
  metrics: Record<RtcaGroupMetric, { n: number; mean: number | null; sd: number | null }>;
  /** Welch t-test of this group against the reference group (null for the reference or when n < 2) */
  vs_reference: Record<RtcaGroupMetric, RtcaComparisonJson> | null;
}

export interface RtcaJson {
  analysis: 'rtca';
  format_version: 1;
  input: {
    file: string;
    format: 'wide' | 'long';
    layout: string | null;
    n_wells: number;
    time_range_h: [number, number];
  };
  base_time_h: number;
  base_time_rule: string;
  window_h: [number, number];
  treatment_time_h: number | null;
  reference_group: string;
  methods: Record<string, string>;
  /** the group metrics in table order, with whether they depend on the seeding density */
  group_metrics: readonly RtcaMetricInfo[];
  wells: RtcaWellJson[];
  groups: RtcaGroupJson[];
  warnings: string[];
}

const METHODS = {
  normalised_cell_index:
    'NCI(t) = CI(t) / CI(base), base = the reading nearest the base time (RTCA ratioTransform)',
  slope: 'OLS slope of CI on time inside the window (1/h), with R²',
  slope_nci: 'OLS slope of NCI on time inside the window (1/h), with R² (equals the CI slope / CI(base))',
  doubling_time_log_linear: "'log-linear': ln 2 / k, k = OLS slope of ln CI on time inside the window",
  doubling_time_exponential_nls:
    "'exponential NLS': ln 2 / k, CI = A·exp(k·t) fitted by unweighted least squares (Gauss–Newton from the log-linear fit)",
  auc: 'trapezoid area under CI over the whole run (auc_total, including the time before the base time) and over the window (CI·h)',
  auc_nci:
    'trapezoid area under NCI over the window (auc_nci_window) and from the base time to the end of the run (auc_nci_after_base) (h)',
  seeding_density:
    'raw-CI slope and AUC (slope_per_h, auc_window, auc_total) and ci_at_base scale with the number of cells seeded: wells seeded at different densities differ in them even when they grow alike. NCI slope/AUC and the doubling times do not depend on it; compare groups on those',
  comparison:
    'Welch two-sample t-test of each group against the reference group (wells as replicates); normalisation_independent marks the metrics free of seeding-density effects',
};

interface AnalysedWell {
  well: string;
  group: string;
  treatment?: string;
  cellIndex: number[];
  metrics: WellMetrics;
}

/** Runs the RTCA analysis on a cell-index export; issues for unreadable files or impossible options. */
export function runRtcaAnalysis(
  input: { text: string; file: string },
  options: RtcaOptions = {},
): Result<AnalysisOutput<RtcaJson>> {
  const parsed = parseCellIndexTable(input.text, input.file);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const warnings: string[] = [];
  const assigned = assignGroups(data, options.layout, warnings);
  if (!assigned.ok) return assigned;
  const wells = assigned.value;
  const present = data.times.filter((_, i) => wells.some((w) => Number.isFinite(w.cellIndex[i])));
  if (wells.length === 0 || present.length === 0)
    return fail({ file: input.file, message: 'no cell-index readings to analyse' });
  const tMin = present[0]!;
  const tMax = present[present.length - 1]!;

  const settings = resolveTimes(options, tMin, tMax, warnings);
  if (!settings.ok) return settings;
  const { baseTime, baseRule, window } = settings.value;

  const analysed: AnalysedWell[] = wells.map((w) => ({
    ...w,
    metrics: wellMetrics(data.times, w.cellIndex, { baseTime, window }),
  }));
  for (const w of analysed) for (const flag of w.metrics.flags) warnings.push(`well ${w.well}: ${flag}`);

  const groups = [...new Set(analysed.map((w) => w.group))];
  const chosen = chooseReferenceGroup(groups, options.referenceGroup);
  if (!chosen.ok) return fail(...chosen.issues);
  const referenceGroup = chosen.value;

  const groupJson = groups.map((g) => summariseGroup(g, referenceGroup, analysed));
  if (!groupJson.some((g) => g.vs_reference) && groups.length > 1)
    warnings.push('no group comparison: the reference and the other groups need ≥ 2 wells each');
  warnings.push(...seedingWarnings(groupJson, referenceGroup));

  const json: RtcaJson = {
    analysis: 'rtca',
    format_version: 1,
    input: {
      file: data.file,
      format: data.format,
      layout: options.layout?.file ?? null,
      n_wells: analysed.length,
      time_range_h: [tMin, tMax],
    },
    base_time_h: baseTime,
    base_time_rule: baseRule,
    window_h: window,
    treatment_time_h: options.treatmentTime ?? null,
    reference_group: referenceGroup,
    methods: METHODS,
    group_metrics: RTCA_METRIC_INFO.map((i) => ({ ...i })),
    wells: analysed.map(wellJson),
    groups: groupJson,
    warnings,
  };

  const curves = (normalised: boolean): CellIndexCurve[] =>
    analysed.map((w) => ({
      well: w.well,
      group: w.group,
      values: normalised ? w.metrics.normalised : w.cellIndex,
    }));
  const figureBase = {
    times: data.times,
    groups,
    ...(options.treatmentTime !== undefined
      ? { treatmentTime: options.treatmentTime, treatmentLabel: 'treatment added' }
      : {}),
    baseTime,
    window,
  };
  return ok({
    analysis: 'rtca',
    json,
    tables: {
      wells: wellsTable(json.wells, window),
      groups: groupsTable(groupJson, referenceGroup),
      normalised: tidyTable(
        ['time_h', 'well', 'group', 'ci', 'nci'],
        analysed.flatMap((w) =>
          data.times.map((t, i) => ({
            time_h: t,
            well: w.well,
            group: w.group,
            ci: w.cellIndex[i]!,
            nci: w.metrics.normalised[i]!,
          })),
        ),
      ),
    },
    figures: {
      'cell-index': cellIndexFigure({
        ...figureBase,
        title: 'Cell index',
        yLabel: 'Cell index',
        curves: curves(false),
      }),
      'normalised-cell-index': cellIndexFigure({
        ...figureBase,
        title: `Normalised cell index (CI / CI at ${baseTime} h)`,
        yLabel: 'Normalised cell index',
        curves: curves(true),
        referenceLine: 1,
      }),
    },
    warnings,
  });
}

/** Groups from the layout (which wins), else from the long table's group column, else each well its own group. */
function assignGroups(
  data: CellIndexData,
  layoutInput: { text: string; file: string } | undefined,
  warnings: string[],
): Result<{ well: string; group: string; treatment?: string; cellIndex: number[] }[]> {
  if (!layoutInput) {
    if (data.wells.some((w) => w.group === undefined))
      warnings.push(
        'no layout given: each well is its own group (give a layout file: well,group[,treatment])',
      );
    return ok(
      data.wells.map((w) => ({
        well: w.well,
        group: w.group ?? w.well,
        ...(w.treatment !== undefined ? { treatment: w.treatment } : {}),
        cellIndex: w.cellIndex,
      })),
    );
  }
  const layout = parseRtcaLayout(layoutInput.text, layoutInput.file);
  if (!layout.ok) return layout;
  const byKey = new Map(data.wells.map((w) => [wellKey(w.well), w]));
  const inLayout = new Set(layout.value.entries.map((e) => wellKey(e.well)));
  const missing = layout.value.entries.filter((e) => !byKey.has(wellKey(e.well)));
  if (missing.length === layout.value.entries.length) {
    const issue: Issue = {
      file: layoutInput.file,
      line: missing[0]?.line,
      field: 'well',
      message: `none of the layout's wells is in ${data.file} (its wells: ${data.wells.map((w) => w.well).join(', ')})`,
    };
    return fail(issue);
  }
  if (missing.length)
    warnings.push(`layout wells without readings (ignored): ${missing.map((e) => e.well).join(', ')}`);
  const unassigned = data.wells.filter((w) => !inLayout.has(wellKey(w.well)));
  if (unassigned.length)
    warnings.push(`wells not in the layout (not analysed): ${unassigned.map((w) => w.well).join(', ')}`);
  return ok(
    layout.value.entries
      .filter((e) => byKey.has(wellKey(e.well)))
      .map((e) => {
        const w = byKey.get(wellKey(e.well))!;
        const treatment = e.treatment ?? w.treatment;
        return {
          well: w.well,
          group: e.group,
          ...(treatment !== undefined ? { treatment } : {}),
          cellIndex: w.cellIndex,
        };
      }),
  );
}

function resolveTimes(
  options: RtcaOptions,
  tMin: number,
  tMax: number,
  warnings: string[],
): Result<{ baseTime: number; baseRule: string; window: [number, number] }> {
  const issues: Issue[] = [];
  const range = `the run covers ${tMin}–${tMax} h`;
  const inRun = (v: number) => v >= tMin && v <= tMax;
  if (
    options.treatmentTime !== undefined &&
    !(Number.isFinite(options.treatmentTime) && inRun(options.treatmentTime))
  )
    issues.push({
      field: '--treatment-time',
      message: `${options.treatmentTime} h is outside the run (${range})`,
    });
  let baseTime: number;
  let baseRule: string;
  if (options.baseTime !== undefined) {
    baseTime = options.baseTime;
    baseRule = 'given';
    if (!(Number.isFinite(baseTime) && inRun(baseTime)))
      issues.push({ field: '--base-time', message: `${baseTime} h is outside the run (${range})` });
  } else if (options.treatmentTime !== undefined) {
    baseTime = options.treatmentTime;
    baseRule = 'treatment time';
  } else if (inRun(24)) {
    baseTime = 24;
    baseRule = 'default (24 h)';
  } else {
    baseTime = tMin;
    baseRule = 'first reading (the run does not reach 24 h)';
    warnings.push(`the run ends before 24 h: normalised at the first reading (${tMin} h)`);
  }
  let window: [number, number];
  if (options.window) {
    window = options.window;
    const [a, b] = window;
    if (!(Number.isFinite(a) && Number.isFinite(b) && a < b))
      issues.push({ field: '--window', message: `${a},${b} is not a window A,B with A < B (hours)` });
    else if (!inRun(a) || !inRun(b))
      issues.push({ field: '--window', message: `${a}–${b} h is not inside the run (${range})` });
  } else {
    window = [baseTime, Math.min(baseTime + 24, tMax)];
    if (window[1] <= window[0]) window = [tMin, tMax];
  }
  if (issues.length) return fail(...issues);
  return ok({ baseTime, baseRule, window });
}

function metricValue(m: WellMetrics, metric: RtcaGroupMetric): number {
  switch (metric) {
    case 'ci_at_base':
      return m.ciAtBase;
    case 'slope_per_h':
      return m.slope;
    case 'dt_loglinear_h':
      return m.logLinear.doublingTime;
    case 'dt_nls_exponential_h':
      return m.exponential.doublingTime;
    case 'auc_total':
      return m.aucTotal;
    case 'auc_window':
      return m.aucWindow;
    case 'slope_nci_per_h':
      return m.nci.slope;
    case 'auc_nci_window':
      return m.nci.aucWindow;
    case 'auc_nci_after_base':
      return m.nci.aucAfterBase;
  }
}

const INDEPENDENT = new Map(RTCA_METRIC_INFO.map((i) => [i.metric, i.normalisation_independent]));

/** Groups seeded unlike the reference: their raw-CI slope/AUC comparisons mostly measure seeding. */
function seedingWarnings(groups: readonly RtcaGroupJson[], reference: string): string[] {
  const ref = groups.find((g) => g.group === reference)?.metrics.ci_at_base.mean;
  if (ref === null || ref === undefined || !(ref > 0)) return [];
  const differing = groups
    .filter((g) => g.group !== reference)
    .flatMap((g) => {
      const m = g.metrics.ci_at_base.mean;
      return m !== null && Math.abs(m / ref - 1) > SEEDING_DIFFERENCE_WARNING
        ? [`${g.group} ${m.toPrecision(3)}`]
        : [];
    });
  if (!differing.length) return [];
  return [
    `mean CI at the base time differs from ${reference} (${ref.toPrecision(3)}) by more than ${
      SEEDING_DIFFERENCE_WARNING * 100
    }%: ${differing.join(', ')}; raw-CI slope/AUC comparisons then reflect seeding density — compare NCI slope/AUC and doubling times`,
  ];
}

function summariseGroup(group: string, reference: string, wells: readonly AnalysedWell[]): RtcaGroupJson {
  const members = wells.filter((w) => w.group === group);
  const others = wells.filter((w) => w.group === reference);
  const values = (ws: readonly AnalysedWell[], metric: RtcaGroupMetric) =>
    ws.map((w) => metricValue(w.metrics, metric)).filter(Number.isFinite);
  const metrics = Object.fromEntries(
    RTCA_GROUP_METRICS.map((metric) => {
      const v = values(members, metric);
      return [metric, { n: v.length, mean: jsonNumber(mean(v)), sd: jsonNumber(sd(v)) }];
    }),
  ) as RtcaGroupJson['metrics'];
  let vsReference: RtcaGroupJson['vs_reference'] = null;
  if (group !== reference && members.length >= 2 && others.length >= 2) {
    vsReference = Object.fromEntries(
      RTCA_GROUP_METRICS.map((metric) => {
        const a = values(members, metric);
        const b = values(others, metric);
        const test = twoSampleTTest(a, b);
        return [
          metric,
          {
            normalisation_independent: INDEPENDENT.get(metric)!,
            difference: jsonNumber(test.estimate),
            t: jsonNumber(test.t),
            df: jsonNumber(test.df),
            p: jsonNumber(test.p),
            ci95: [jsonNumber(test.confInt[0]), jsonNumber(test.confInt[1])],
          },
        ];
      }),
    ) as RtcaGroupJson['vs_reference'];
  }
  return {
    group,
    n_wells: members.length,
    wells: members.map((w) => w.well),
    metrics,
    vs_reference: vsReference,
  };
}

function wellJson(w: AnalysedWell): RtcaWellJson {
  const m = w.metrics;
  return {
    well: w.well,
    group: w.group,
    treatment: w.treatment ?? null,
    base_time_h: jsonNumber(m.baseTime),
    ci_at_base: jsonNumber(m.ciAtBase),
    n_window: m.nWindow,
    slope_per_h: jsonNumber(m.slope),
    slope_intercept: jsonNumber(m.intercept),
    slope_r2: jsonNumber(m.slopeRSquared),
    slope_nci_per_h: jsonNumber(m.nci.slope),
    slope_nci_intercept: jsonNumber(m.nci.intercept),
    slope_nci_r2: jsonNumber(m.nci.rSquared),
    log_linear: {
      k_per_h: jsonNumber(m.logLinear.k),
      a: jsonNumber(m.logLinear.a),
      r2: jsonNumber(m.logLinear.rSquared),
      doubling_time_h: jsonNumber(m.logLinear.doublingTime),
    },
    exponential_nls: {
      k_per_h: jsonNumber(m.exponential.k),
      a: jsonNumber(m.exponential.a),
      doubling_time_h: jsonNumber(m.exponential.doublingTime),
      rss: jsonNumber(m.exponential.residualSumOfSquares),
      iterations: m.exponential.iterations,
      converged: m.exponential.converged,
    },
    auc_total: jsonNumber(m.aucTotal),
    auc_window: jsonNumber(m.aucWindow),
    auc_nci_window: jsonNumber(m.nci.aucWindow),
    auc_nci_after_base: jsonNumber(m.nci.aucAfterBase),
    flags: m.flags,
  };
}

function wellsTable(wells: readonly RtcaWellJson[], window: [number, number]) {
  return tidyTable(
    [
      'well',
      'group',
      'treatment',
      'base_time_h',
      'ci_at_base',
      'window_start_h',
      'window_end_h',
      'n_window',
      'slope_per_h',
      'slope_intercept',
      'slope_r2',
      'slope_nci_per_h',
      'slope_nci_intercept',
      'slope_nci_r2',
      'k_loglinear_per_h',
      'a_loglinear',
      'r2_loglinear',
      'dt_loglinear_h',
      'k_nls_per_h',
      'a_nls',
      'rss_nls',
      'nls_iterations',
      'nls_converged',
      'dt_nls_exponential_h',
      'auc_total',
      'auc_window',
      'auc_nci_window',
      'auc_nci_after_base',
      'flags',
    ],
    wells.map((w) => ({
      well: w.well,
      group: w.group,
      treatment: w.treatment,
      base_time_h: w.base_time_h,
      ci_at_base: w.ci_at_base,
      window_start_h: window[0],
      window_end_h: window[1],
      n_window: w.n_window,
      slope_per_h: w.slope_per_h,
      slope_intercept: w.slope_intercept,
      slope_r2: w.slope_r2,
      slope_nci_per_h: w.slope_nci_per_h,
      slope_nci_intercept: w.slope_nci_intercept,
      slope_nci_r2: w.slope_nci_r2,
      k_loglinear_per_h: w.log_linear.k_per_h,
      a_loglinear: w.log_linear.a,
      r2_loglinear: w.log_linear.r2,
      dt_loglinear_h: w.log_linear.doubling_time_h,
      k_nls_per_h: w.exponential_nls.k_per_h,
      a_nls: w.exponential_nls.a,
      rss_nls: w.exponential_nls.rss,
      nls_iterations: w.exponential_nls.iterations,
      nls_converged: w.exponential_nls.converged,
      dt_nls_exponential_h: w.exponential_nls.doubling_time_h,
      auc_total: w.auc_total,
      auc_window: w.auc_window,
      auc_nci_window: w.auc_nci_window,
      auc_nci_after_base: w.auc_nci_after_base,
      flags: w.flags.join('; '),
    })),
  );
}

function groupsTable(groups: readonly RtcaGroupJson[], reference: string) {
  return tidyTable(
    [
      'group',
      'metric',
      'scale',
      'normalisation_independent',
      'n',
      'mean',
      'sd',
      'reference_group',
      'difference',
      'ci95_low',
      'ci95_high',
      't',
      'df',
      'p',
    ],
    groups.flatMap((g) =>
      RTCA_GROUP_METRICS.map((metric) => {
        const c = g.vs_reference?.[metric];
        return {
          group: g.group,
          metric,
          scale: RTCA_METRIC_INFO.find((i) => i.metric === metric)!.scale,
          normalisation_independent: INDEPENDENT.get(metric)!,
          n: g.metrics[metric].n,
          mean: g.metrics[metric].mean,
          sd: g.metrics[metric].sd,
          reference_group: reference,
          difference: c?.difference ?? null,
          ci95_low: c?.ci95[0] ?? null,
          ci95_high: c?.ci95[1] ?? null,
          t: c?.t ?? null,
          df: c?.df ?? null,
          p: c?.p ?? null,
        };
      }),
    ),
  );
}
