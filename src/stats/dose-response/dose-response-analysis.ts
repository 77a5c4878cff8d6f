// IC50s and resistance index from LL.4 fits (Ritz et al. 2015, drc 3.0-1 `drm`, `ED`, `EDcomp`), GraphPad Prism's HillSlope convention stated.
import type { Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import { doseResponseFigure, type DoseResponseFigureGroup } from '../../plot/dose-response-figures.js';
import type { AnalysisOutput, TidyTable } from '../analysis-output.js';
import { chooseReferenceGroup, jsonNumber, tidyTable } from '../analysis-output.js';
import { mean, sd } from '../descriptive.js';
import { parseDoseResponseTable, type DoseResponseData } from './dose-response-parser.js';
import type { Ed50Summary, IntervalEstimate } from './effective-dose.js';
import { ed50Ratio, ed50Summary, jointModel, standardErrors } from './effective-dose.js';
import type { Ll4Fit, Ll4Params } from './log-logistic-fit.js';
import { fitLl4, ll4Value } from './log-logistic-fit.js';

export interface DoseResponseOptions {
  /**
   * the parental (reference) group, case-insensitive; default: the first group whose name reads parental,
   * sensitive, control, … (also as a word inside the name: `MCF7_parental`), else the first group
   */
  referenceGroup?: string;
}

/** Flags a fit can carry (each starts with a stable keyword before the colon). */
export const DOSE_RESPONSE_FLAGS = {
  flat: 'flat: no dose effect (the response is constant), no fit',
  tooFewDoses: 'too few doses: an LL.4 fit needs at least 3 distinct doses, 2 of them above 0',
  noResidualDf: 'no residual degrees of freedom: estimates only, no standard errors or CIs',
  noEffect:
    'no dose effect: the fitted response changes by less than 10 % of the untreated response (or 2 residual SDs) over the tested doses; IC50 not identifiable',
  extrapolatedHigh: 'extrapolated: IC50 above the highest tested dose',
  extrapolatedLow: 'extrapolated: IC50 below the lowest tested dose above 0',
  absoluteNotReached: 'absolute IC50 not reached: the fitted curve does not cross 50 %',
  absoluteExtrapolated: 'extrapolated: absolute IC50 outside the tested doses',
  increasing: 'increasing: the response rises with dose (b < 0)',
  unbounded:
    'not identifiable: a fitted plateau lies far outside the data (the curve does not level off within the tested doses)',
  notConverged: 'not converged: the optimiser stopped at its iteration limit',
  singular: 'singular: the Hessian cannot be inverted, no standard errors',
} as const;

type Interval = [number | null, number | null];

export interface DoseResponseFitJson {
  group: string;
  n: number;
  /** relative IC50 = drc's e (Prism's IC50); null when not identifiable */
  ic50: number | null;
  /** delta-method 95 % CI e ± t(df)·SE from this group's own fit */
  ic50_ci: Interval;
  ic50_se: number | null;
  /** exp(log e ± t·SE(log e)) from this group's own fit (drc LL2.4 + interval "fls"; asymmetric like Prism's) */
  ic50_ci_log: Interval;
  /** IC50 as a paper would print it: the value, `> max dose`, `< min dose` or `not identifiable` */
  ic50_display: string;
  /** dose where the fitted response is 50 (drc ED type "absolute"); null when the curve never crosses 50 */
  ic50_absolute: number | null;
  ic50_absolute_ci: Interval;
  ic50_absolute_se: number | null;
  /** drc's b (positive = decreasing with dose) */
  hill: number | null;
  /** GraphPad Prism HillSlope = −b (negative for a viability curve falling with dose) */
  hill_slope_prism: number | null;
  /** d: response at dose 0 (Prism's Top) */
  top: number | null;
  /** c: response at infinite dose (Prism's Bottom) */
  bottom: number | null;
  se: { b: number | null; c: number | null; d: number | null; e: number | null };
  rse: number | null;
  df_residual: number | null;
  rss: number | null;
  loglik: number | null;
  aic: number | null;
  converged: boolean;
  /** the same estimates with the joint model's shared residual variance (drc `drm(curveid = group)`) */
  joint: {
    se: { b: number | null; c: number | null; d: number | null; e: number | null };
    ic50_ci: Interval;
    ic50_ci_log: Interval;
    ic50_absolute_se: number | null;
    ic50_absolute_ci: Interval;
  } | null;
  flags: string[];
}

export interface ResistanceIndexJson {
  group: string | null;
  reference_group: string;
  /** IC50(group) / IC50(reference) from the joint model (drc EDcomp), null when not estimable */
  value: number | null;
  ci: Interval;
  se: number | null;
  df_residual: number | null;
  /** as a paper would print it: `16.7 (13.2–20.1)`, `> 69.9` (the group's IC50 lies above the top dose), `not estimable` */
  display: string;
  /** highest dose / reference IC50 when the group's IC50 lies above the tested doses, else null */
  lower_bound: number | null;
  method: string;
  flags: string[];
}

export interface DoseResponseJson {
  analysis: 'dose-response';
  file: string;
  model: string;
  conventions: Record<string, string>;
  dose_unit: string;
  reference_group: string;
  fits: DoseResponseFitJson[];
  /** for the first non-reference group (all nulls when the file has one group) */
  resistance_index: ResistanceIndexJson;
  /** one per non-reference group */
  resistance_indices: ResistanceIndexJson[];
  joint_fit: { groups: string[]; rse: number | null; df_residual: number | null; rss: number | null };
  warnings: string[];
}

interface GroupResult {
  group: string;
  dose: number[];
  response: number[];
  lines: number[];
  replicates: (string | undefined)[];
  fit?: Ll4Fit;
  ed?: Ed50Summary;
  jointEd?: Ed50Summary;
  jointSe?: Ll4Params;
  identifiable: boolean;
  /** the file's untreated response level (≈ 100 for % viability) */
  scale: number;
  flags: string[];
}

/** Reads a long dose–response file, fits LL.4 per group, and reports IC50s, resistance indices, tables and a figure. */
export function runDoseResponseAnalysis(
  input: { text: string; file: string },
  options: DoseResponseOptions = {},
): Result<AnalysisOutput<DoseResponseJson>> {
  const parsed = parseDoseResponseTable(input.text, input.file);
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const reference = chooseReferenceGroup(data.groups, options.referenceGroup);
  if (!reference.ok) return fail(...reference.issues.map((issue) => ({ file: input.file, ...issue })));
  return ok(analyseDoseResponse(data, reference.value));
}

/** The analysis of already parsed data (exported for callers that build data themselves). */
export function analyseDoseResponse(
  data: DoseResponseData,
  reference: string,
): AnalysisOutput<DoseResponseJson> {
  const scale = responseScale(data);
  const results = data.groups.map((group) => fitGroup(data, group, scale));
  const fitted = results.filter((r) => r.fit);
  const joint = jointModel(fitted.map((r) => r.fit!));
  fitted.forEach((r, k) => {
    r.jointEd = ed50Summary(joint.curves[k]!);
    r.jointSe = standardErrors(joint.curves[k]!);
  });
  const referenceResult = results.find((r) => r.group === reference)!;
  const indices = results
    .filter((r) => r.group !== reference)
    .map((r) => resistanceIndex(r, referenceResult, fitted, joint));
  const warnings = [
    ...data.warnings,
    ...(scale < 50 || scale > 200
      ? [
          `responses are not on a 0–100 % scale (median untreated response ${fmt(scale)}): relative IC50s and slopes hold, but the absolute IC50 is the dose where the response is 50 in the file's units`,
        ]
      : []),
    ...results.flatMap((r) => r.flags.map((f) => `${r.group}: ${f}`)),
    ...indices.flatMap((ri) => ri.flags.map((f) => `resistance index ${ri.group}/${reference}: ${f}`)),
  ];
  const json: DoseResponseJson = {
    analysis: 'dose-response',
    file: data.file,
    model:
      'LL.4 f(x) = c + (d − c) / (1 + exp(b (ln x − ln e))), least squares per group (drc 3.0-1 drm(fct = LL.4())); ' +
      'covariance σ̂²·2H⁻¹ (H = Hessian of the residual sum of squares, as drc summary/vcov)',
    conventions: {
      hill: "drc's b: positive when the response falls with dose",
      hill_slope_prism: 'GraphPad Prism HillSlope = −b: negative for a viability curve falling with dose',
      top: "d, the response at dose 0 (Prism's Top)",
      bottom: "c, the response at infinite dose (Prism's Bottom)",
      ic50: "relative IC50 = e, halfway between top and bottom (Prism's IC50, drc ED(50))",
      ic50_ci: 'delta method e ± t(0.975, df)·SE from each group’s own fit (drc ED interval "delta")',
      ic50_ci_log: 'exp(ln e ± t·SE(ln e)) from each group’s own fit (drc LL2.4, ED interval "fls")',
      ic50_absolute:
        'dose where the fitted response is 50 (drc ED type "absolute"); its delta-method SE holds the level fixed on the relative scale as drc does (uncertainty in c and d is not propagated)',
      joint: 'the same curves with one residual variance shared by all groups (drc drm(curveid = group))',
      resistance_index:
        'IC50(group) / IC50(reference) from the joint model, delta-method CI ratio ± t(df)·SE (drc EDcomp interval "delta")',
    },
    dose_unit: data.doseUnit,
    reference_group: reference,
    fits: results.map(fitJson),
    resistance_index: indices[0] ?? emptyIndex(reference),
    resistance_indices: indices,
    joint_fit: {
      groups: fitted.map((r) => r.group),
      rse: jsonNumber(joint.rse),
      df_residual: fitted.length ? joint.df : null,
      rss: fitted.length ? joint.rss : null,
    },
    warnings,
  };
  return {
    analysis: 'dose-response',
    json,
    tables: {
      observations: observationsTable(results),
      fits: fitsTable(results),
      resistance_index: resistanceTable(indices),
      curve: curveTable(results),
    },
    figures: { 'dose-response': figure(data, results, indices) },
    warnings,
  };
}

/**
 * The untreated response level (median of the dose-0 responses; the largest response when no dose 0 was tested),
 * ≈ 100 for % viability: the no-effect and runaway-plateau rules are relative to it, so they hold on any scale.
 */
function responseScale(data: DoseResponseData): number {
  const untreated = data.observations.filter((o) => o.dose === 0).map((o) => o.response);
  const level = untreated.length ? median(untreated) : Math.max(...data.observations.map((o) => o.response));
  return level > 0 ? level : Math.max(...data.observations.map((o) => Math.abs(o.response)), 1e-300);
}

function median(x: readonly number[]): number {
  const sorted = [...x].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function fitGroup(data: DoseResponseData, group: string, scale: number): GroupResult {
  const rows = data.observations.filter((o) => o.group === group);
  const result: GroupResult = {
    group,
    dose: rows.map((o) => o.dose),
    response: rows.map((o) => o.response),
    lines: rows.map((o) => o.line),
    replicates: rows.map((o) => o.replicate),
    identifiable: false,
    scale,
    flags: [],
  };
  const distinct = new Set(result.dose);
  const positive = [...distinct].filter((x) => x > 0);
  if (Math.min(...result.response) === Math.max(...result.response)) {
    result.flags.push(DOSE_RESPONSE_FLAGS.flat);
    return result;
  }
  if (distinct.size < 3 || positive.length < 2) {
    result.flags.push(DOSE_RESPONSE_FLAGS.tooFewDoses);
    return result;
  }
  const fit = fitLl4(result.dose, result.response);
  result.fit = fit;
  result.ed = ed50Summary(fit);
  const p = fit.params;
  if (!fit.converged) result.flags.push(DOSE_RESPONSE_FLAGS.notConverged);
  if (fit.df <= 0) result.flags.push(DOSE_RESPONSE_FLAGS.noResidualDf);
  else if (!fit.covariance) result.flags.push(DOSE_RESPONSE_FLAGS.singular);
  const lowest = Math.min(...result.dose);
  const highest = Math.max(...result.dose);
  const change = Math.abs(ll4Value(lowest, p) - ll4Value(highest, p));
  const noEffect = change < 0.1 * scale || (Number.isFinite(fit.rse) && change < 2 * fit.rse);
  // a plateau far outside the data and outside any plausible viability (−25 … 125 % of untreated) is a runaway fit
  const span = Math.max(...result.response) - Math.min(...result.response);
  const outside = (v: number) =>
    (v < Math.min(...result.response) - span || v > Math.max(...result.response) + span) &&
    (v < -0.25 * scale || v > 1.25 * scale);
  if (noEffect) result.flags.push(DOSE_RESPONSE_FLAGS.noEffect);
  else if (outside(p.c) || outside(p.d)) result.flags.push(DOSE_RESPONSE_FLAGS.unbounded);
  else {
    result.identifiable = true;
    if (p.b < 0) result.flags.push(DOSE_RESPONSE_FLAGS.increasing);
    if (p.e > highest) result.flags.push(DOSE_RESPONSE_FLAGS.extrapolatedHigh);
    if (p.e < Math.min(...positive)) result.flags.push(DOSE_RESPONSE_FLAGS.extrapolatedLow);
  }
  const absolute = result.ed.absolute.estimate;
  if (!Number.isFinite(absolute)) result.flags.push(DOSE_RESPONSE_FLAGS.absoluteNotReached);
  else if (result.identifiable && (absolute > highest || absolute < Math.min(...positive)))
    result.flags.push(DOSE_RESPONSE_FLAGS.absoluteExtrapolated);
  return result;
}

function resistanceIndex(
  group: GroupResult,
  reference: GroupResult,
  fitted: GroupResult[],
  joint: ReturnType<typeof jointModel>,
): ResistanceIndexJson {
  const method = `EDcomp: IC50(${group.group}) / IC50(${reference.group}), joint LL.4 model, delta method`;
  const base: ResistanceIndexJson = {
    group: group.group,
    reference_group: reference.group,
    value: null,
    ci: [null, null],
    se: null,
    df_residual: null,
    display: 'not estimable',
    lower_bound: null,
    method,
    flags: [],
  };
  if (!group.identifiable || !reference.identifiable) {
    const which = [group, reference].filter((r) => !r.identifiable).map((r) => r.group);
    base.flags.push(`not estimable: no identifiable IC50 for ${which.join(' and ')}`);
    if (reference.identifiable && ic50Display(group).startsWith('>')) {
      const bound = Math.max(...group.dose) / reference.fit!.params.e;
      return { ...base, lower_bound: bound, display: `> ${fmt(bound)}` };
    }
    return base;
  }
  const numerator = joint.curves[fitted.indexOf(group)]!;
  const denominator = joint.curves[fitted.indexOf(reference)]!;
  const ratio = ed50Ratio(numerator, denominator, joint.df);
  if ([group, reference].some((r) => r.flags.some((f) => f.startsWith('extrapolated: IC50'))))
    base.flags.push('extrapolated: an IC50 lies outside the tested doses');
  if (!Number.isFinite(ratio.se)) base.flags.push(DOSE_RESPONSE_FLAGS.noResidualDf);
  else
    for (const r of [group, reference])
      if (r.fit!.df <= 0)
        base.flags.push(
          `pooled variance: ${r.group} alone has no residual degrees of freedom; its CI borrows the other groups' residual variance (drc joint model)`,
        );
  const ci = interval(ratio);
  return {
    ...base,
    value: ratio.estimate,
    ci,
    se: jsonNumber(ratio.se),
    df_residual: joint.df,
    display: `${fmt(ratio.estimate)}${ci[0] !== null && ci[1] !== null ? ` (${fmt(ci[0])}–${fmt(ci[1])})` : ''}`,
  };
}

function emptyIndex(reference: string): ResistanceIndexJson {
  return {
    group: null,
    reference_group: reference,
    value: null,
    ci: [null, null],
    se: null,
    df_residual: null,
    display: 'not estimable',
    lower_bound: null,
    method: 'EDcomp: needs a second group',
    flags: ['not estimable: the file has only the reference group'],
  };
}

const interval = (e: IntervalEstimate): Interval => [jsonNumber(e.lower), jsonNumber(e.upper)];
const seJson = (se: Ll4Params) => ({
  b: jsonNumber(se.b),
  c: jsonNumber(se.c),
  d: jsonNumber(se.d),
  e: jsonNumber(se.e),
});

function ic50Display(r: GroupResult): string {
  const highest = Math.max(...r.dose);
  const lowest = Math.min(...r.dose.filter((x) => x > 0));
  if (!r.fit || !r.identifiable) {
    const atHighest = mean(r.response.filter((_, i) => r.dose[i] === highest));
    return r.flags.includes(DOSE_RESPONSE_FLAGS.tooFewDoses) || !(atHighest > r.scale / 2)
      ? 'not identifiable'
      : `> ${highest}`;
  }
  const e = r.fit.params.e;
  if (e > highest) return `> ${highest}`;
  if (e < lowest) return `< ${lowest}`;
  return fmt(e);
}

function fitJson(r: GroupResult): DoseResponseFitJson {
  const f = r.fit;
  const ed = r.ed;
  const show = r.identifiable;
  const none: Interval = [null, null];
  // a runaway plateau (−10⁶ %) is an artefact of an unidentifiable fit, not a result: kept only in the fits table
  const sane = f && !r.flags.includes(DOSE_RESPONSE_FLAGS.unbounded) ? f : undefined;
  return {
    group: r.group,
    n: r.dose.length,
    ic50: show && f ? f.params.e : null,
    ic50_ci: show && ed ? interval(ed.relative) : none,
    ic50_se: show && ed ? jsonNumber(ed.relative.se) : null,
    ic50_ci_log: show && ed ? interval(ed.relativeLogScale) : none,
    ic50_display: ic50Display(r),
    ic50_absolute: show && ed ? jsonNumber(ed.absolute.estimate) : null,
    ic50_absolute_ci: show && ed ? interval(ed.absolute) : none,
    ic50_absolute_se: show && ed ? jsonNumber(ed.absolute.se) : null,
    hill: sane ? sane.params.b : null,
    hill_slope_prism: sane ? -sane.params.b : null,
    top: sane ? sane.params.d : null,
    bottom: sane ? sane.params.c : null,
    se: f ? seJson(f.se) : { b: null, c: null, d: null, e: null },
    rse: f ? jsonNumber(f.rse) : null,
    df_residual: f ? f.df : null,
    rss: f ? f.rss : null,
    loglik: f ? jsonNumber(f.logLik) : null,
    aic: f ? jsonNumber(f.aic) : null,
    converged: f?.converged ?? false,
    joint:
      f && r.jointEd && r.jointSe
        ? {
            se: seJson(r.jointSe),
            ic50_ci: show ? interval(r.jointEd.relative) : none,
            ic50_ci_log: show ? interval(r.jointEd.relativeLogScale) : none,
            ic50_absolute_se: show ? jsonNumber(r.jointEd.absolute.se) : null,
            ic50_absolute_ci: show ? interval(r.jointEd.absolute) : none,
          }
        : null,
    flags: r.flags,
  };
}

function observationsTable(results: GroupResult[]): TidyTable {
  return tidyTable(
    ['line', 'group', 'dose', 'replicate', 'response', 'fitted', 'residual'],
    results.flatMap((r) =>
      r.dose.map((dose, i) => {
        const fitted = r.fit ? r.fit.fitted[i]! : NaN;
        return {
          line: r.lines[i]!,
          group: r.group,
          dose,
          replicate: r.replicates[i] ?? '',
          response: r.response[i]!,
          fitted,
          residual: r.response[i]! - fitted,
        };
      }),
    ),
  );
}

function fitsTable(results: GroupResult[]): TidyTable {
  const columns = [
    'group',
    'n',
    'b',
    'c',
    'd',
    'e',
    'se_b',
    'se_c',
    'se_d',
    'se_e',
    'rss',
    'rse',
    'df_residual',
    'loglik',
    'aic',
    'converged',
    'ic50',
    'ic50_se',
    'ic50_lower',
    'ic50_upper',
    'ic50_log_lower',
    'ic50_log_upper',
    'ic50_display',
    'ic50_absolute',
    'ic50_absolute_se',
    'ic50_absolute_lower',
    'ic50_absolute_upper',
    'joint_se_e',
    'joint_ic50_lower',
    'joint_ic50_upper',
    'joint_ic50_log_lower',
    'joint_ic50_log_upper',
    'joint_ic50_absolute_se',
    'joint_ic50_absolute_lower',
    'joint_ic50_absolute_upper',
    'hill_slope_prism',
    'flags',
  ];
  return {
    columns,
    rows: results.map((r) => {
      const j = fitJson(r);
      const f = r.fit;
      const row: Record<string, string | number | boolean | null> = {
        group: r.group,
        n: j.n,
        b: f?.params.b ?? null,
        c: f?.params.c ?? null,
        d: f?.params.d ?? null,
        e: f?.params.e ?? null,
        se_b: j.se.b,
        se_c: j.se.c,
        se_d: j.se.d,
        se_e: j.se.e,
        rss: j.rss,
        rse: j.rse,
        df_residual: j.df_residual,
        loglik: j.loglik,
        aic: j.aic,
        converged: j.converged,
        ic50: j.ic50,
        ic50_se: j.ic50_se,
        ic50_lower: j.ic50_ci[0],
        ic50_upper: j.ic50_ci[1],
        ic50_log_lower: j.ic50_ci_log[0],
        ic50_log_upper: j.ic50_ci_log[1],
        ic50_display: j.ic50_display,
        ic50_absolute: j.ic50_absolute,
        ic50_absolute_se: j.ic50_absolute_se,
        ic50_absolute_lower: j.ic50_absolute_ci[0],
        ic50_absolute_upper: j.ic50_absolute_ci[1],
        joint_se_e: j.joint?.se.e ?? null,
        joint_ic50_lower: j.joint?.ic50_ci[0] ?? null,
        joint_ic50_upper: j.joint?.ic50_ci[1] ?? null,
        joint_ic50_log_lower: j.joint?.ic50_ci_log[0] ?? null,
        joint_ic50_log_upper: j.joint?.ic50_ci_log[1] ?? null,
        joint_ic50_absolute_se: j.joint?.ic50_absolute_se ?? null,
        joint_ic50_absolute_lower: j.joint?.ic50_absolute_ci[0] ?? null,
        joint_ic50_absolute_upper: j.joint?.ic50_absolute_ci[1] ?? null,
        hill_slope_prism: j.hill_slope_prism,
        flags: r.flags.join('; '),
      };
      return columns.map((c) => row[c]);
    }),
  };
}

function resistanceTable(indices: ResistanceIndexJson[]): TidyTable {
  return tidyTable(
    [
      'group',
      'reference_group',
      'resistance_index',
      'se',
      'lower',
      'upper',
      'df_residual',
      'display',
      'lower_bound',
      'method',
      'flags',
    ],
    indices.map((ri) => ({
      group: ri.group,
      reference_group: ri.reference_group,
      resistance_index: ri.value,
      se: ri.se,
      lower: ri.ci[0],
      upper: ri.ci[1],
      df_residual: ri.df_residual,
      display: ri.display,
      lower_bound: ri.lower_bound,
      method: ri.method,
      flags: ri.flags.join('; '),
    })),
  );
}

/** Log-spaced doses from a decade below the lowest positive dose to the highest, for smooth curves. */
function curveDoses(dose: readonly number[], points = 200): number[] {
  const positive = dose.filter((x) => x > 0);
  const lo = Math.log10(Math.min(...positive)) - 0.3;
  const hi = Math.log10(Math.max(...positive)) + 0.25;
  return Array.from({ length: points }, (_, i) => Math.pow(10, lo + ((hi - lo) * i) / (points - 1)));
}

function curveTable(results: GroupResult[]): TidyTable {
  return tidyTable(
    ['group', 'dose', 'fitted'],
    results.flatMap((r) =>
      r.fit
        ? [0, ...curveDoses(r.dose)].map((dose) => ({
            group: r.group,
            dose,
            fitted: ll4Value(dose, r.fit!.params),
          }))
        : [],
    ),
  );
}

function figure(data: DoseResponseData, results: GroupResult[], indices: ResistanceIndexJson[]): string {
  const groups: DoseResponseFigureGroup[] = results.map((r) => {
    const doses = [...new Set(r.dose)].sort((a, b) => a - b);
    const j = fitJson(r);
    return {
      name: r.group,
      points: doses.map((dose) => {
        const y = r.response.filter((_, i) => r.dose[i] === dose);
        return { dose, mean: mean(y), sd: y.length > 1 ? sd(y) : 0, n: y.length };
      }),
      // drawn over the tested doses only, so a fit is never shown where no data constrain it
      curve: r.fit
        ? curveDoses(r.dose)
            .filter((dose) => dose <= Math.max(...r.dose))
            .map((dose) => ({ dose, response: ll4Value(dose, r.fit!.params) }))
        : [],
      // no drop line outside the tested doses, where the curve is not drawn
      ic50:
        r.identifiable && r.fit && !j.ic50_display.startsWith('>') && !j.ic50_display.startsWith('<')
          ? r.fit.params.e
          : undefined,
      ic50Response: r.identifiable && r.fit ? (r.fit.params.c + r.fit.params.d) / 2 : undefined,
      ic50Text: j.ic50_display,
      ic50CiText:
        j.ic50_ci[0] !== null && j.ic50_ci[1] !== null ? `${fmt(j.ic50_ci[0])}–${fmt(j.ic50_ci[1])}` : '',
      hillText: j.hill_slope_prism !== null && r.identifiable ? fmt(j.hill_slope_prism) : '',
      flagged: r.flags.length > 0,
    };
  });
  return doseResponseFigure({
    doseUnit: data.doseUnit,
    responseLabel: 'Viability (%)',
    groups,
    resistanceIndices: indices.map((i) => ({ group: i.group!, value: i.display })),
    referenceGroup: indices[0]?.reference_group,
  });
}

/** Three significant digits as tables print them (`16.0`, `0.0749`, `−1.25`), exponent for extremes. */
function fmt(v: number): string {
  const a = Math.abs(v);
  const s = a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : v.toPrecision(3);
  return s.replace('-', '−');
}
