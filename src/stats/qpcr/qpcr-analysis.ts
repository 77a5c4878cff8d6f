/**
 * RT-qPCR analysis end to end (Livak & Schmittgen 2001 as pcr 1.2.2; Pfaffl 2001 with qpcR 1.4-1 propagate;
 * qbase NRQ, Hellemans 2007; geNorm and NormFinder): parse, censor and aggregate replicates, normalise, compare
 * each group with the calibrator by a t-test on per-sample ΔCt (never on fold changes), and report every step.
 */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import {
  foldChangeFigure,
  genormFigure,
  normfinderFigure,
  standardCurveFigure,
  type FoldChangeBar,
} from '../../plot/qpcr-figures.js';
import {
  chooseReferenceGroup,
  jsonNumber,
  tidyTable,
  type AnalysisOutput,
  type FeatureChange,
  type TidyTable,
} from '../analysis-output.js';
import { mean, sd } from '../descriptive.js';
import { benjaminiHochberg } from '../enrichment.js';
import { parseQpcrPlate, parseSampleMap, type QpcrSource, type SampleMap } from './qpcr-input-parsers.js';
import { compareWells, type QpcrFormat, type QpcrPlate } from './qpcr-measurement.js';
import {
  aggregateReplicates,
  describeFlags,
  type AggregationOptions,
  type SampleTargetCt,
} from './replicate-aggregation.js';
import {
  completeSamples,
  genormStepwise,
  normFinder,
  pairwiseVariation,
  parseReferenceCandidates,
  type CandidateMatrix,
} from './reference-stability.js';
import {
  compareNrq,
  deltaCtTTest,
  deltaDeltaCt,
  propagatePfaffl,
  qbaseNrq,
  type ErrorMode,
  type PairedCt,
} from './relative-quantification.js';
import { fitStandardCurves, parseStandardCurve, type StandardCurveFit } from './standard-curve.js';

export interface QpcrAnalysisInputs {
  /** the plate: long table, CFX or QuantStudio export (text), or RDML (text, or `bytes` for the zipped file) */
  data: QpcrSource;
  sampleMap?: { text: string; file: string };
  /** dilution series for efficiencies (required by `method: 'pfaffl'`) */
  standardCurve?: { text: string; file: string };
  /** forced input format; detected from the content otherwise */
  format?: QpcrFormat;
}

export interface QpcrAnalysisOptions {
  /** reference (normaliser) targets; several are combined as the geometric mean of their quantities */
  references: string[];
  /**
   * the calibrator group (case-insensitive); default the first group named like parental/control/vehicle…,
   * else the first group in file order
   */
  calibrator?: string;
  method?: 'livak' | 'pfaffl';
  errorMode?: ErrorMode;
  ctCutoff?: number;
  maxReplicateSd?: number;
  minReplicates?: number;
  alpha?: number;
  /** Student instead of Welch */
  equalVariance?: boolean;
  /** targets to rank for stability; default the references when there are 3 or more */
  stabilityCandidates?: string[];
}

/** Threshold below which adding a further reference gene is unnecessary (Vandesompele et al. 2002). */
export const V_THRESHOLD = 0.15;

type Json = Record<string, unknown>;

/**
 * The `--json` document: `results` rows carry target, group, fold_change, fold_change_low/high, p_value, q_value,
 * significant (q < alpha, see `significance_rule`), n_samples_not_detected, detection and flags.
 */
export interface QpcrJson extends Json {
  analysis: 'qpcr';
  results: Json[];
}

/** Runs the whole RT-qPCR analysis; expected input problems come back as issues with file, line and field. */
export function runQpcrAnalysis(
  inputs: QpcrAnalysisInputs,
  options: QpcrAnalysisOptions,
): Result<AnalysisOutput<QpcrJson>> {
  const o = {
    method: options.method ?? 'livak',
    errorMode: options.errorMode ?? 'separate-tube',
    ctCutoff: options.ctCutoff ?? 40,
    maxReplicateSd: options.maxReplicateSd ?? 0.5,
    minReplicates: options.minReplicates ?? 2,
    alpha: options.alpha ?? 0.05,
    equalVariance: options.equalVariance ?? false,
  };
  const file = inputs.data.file;
  const optionIssues = checkOptions(options, o);
  if (optionIssues.length) return fail(...optionIssues);
  let sampleMap: SampleMap | undefined;
  if (inputs.sampleMap) {
    const parsed = parseSampleMap(inputs.sampleMap.text, inputs.sampleMap.file);
    if (!parsed.ok) return parsed;
    sampleMap = parsed.value;
  }
  const plateResult = parseQpcrPlate(inputs.data, { format: inputs.format, sampleMap });
  if (!plateResult.ok) return plateResult;
  const plate = plateResult.value;
  const warnings = [...plate.warnings];
  const groups = unique(plate.wells.map((w) => w.group));
  const targets = unique(plate.wells.map((w) => w.target));
  const chosen = chooseReferenceGroup(groups, options.calibrator);
  const calibrator = chosen.ok ? chosen.value : '';
  const references = unique(options.references);
  const issues: Issue[] = chosen.ok
    ? []
    : chosen.issues.map((i) => ({
        file,
        field: i.field === '--reference-group' ? '--calibrator' : i.field,
        message: i.message,
      }));
  for (const r of references)
    if (!targets.includes(r))
      issues.push({
        file,
        field: 'reference',
        message: `reference target '${r}' has no rows (targets: ${targets.join(', ')})`,
      });
  const goi = targets.filter((t) => !references.includes(t));
  if (goi.length === 0)
    issues.push({ file, field: 'target', message: 'every target is a reference: nothing to quantify' });
  if (groups.length < 2)
    issues.push({
      file,
      field: 'group',
      message: `only one group ('${groups[0]}'): nothing to compare with the calibrator`,
    });
  if (o.method === 'pfaffl' && !inputs.standardCurve)
    issues.push({
      file,
      field: 'standard curve',
      message: 'the Pfaffl method needs efficiencies: give a standard curve',
    });
  let curves: StandardCurveFit[] = [];
  if (inputs.standardCurve) {
    const points = parseStandardCurve(inputs.standardCurve.text, inputs.standardCurve.file);
    if (!points.ok) return points;
    const fitted = fitStandardCurves(points.value, inputs.standardCurve.file);
    if (!fitted.ok) return fitted;
    curves = fitted.value.fits;
    warnings.push(...fitted.value.warnings);
  }
  if (issues.length) return fail(...issues);

  const aggregation: AggregationOptions = {
    ctCutoff: o.ctCutoff,
    maxReplicateSd: o.maxReplicateSd,
    minReplicates: o.minReplicates,
  };
  const { replicates, samples: sampleCts } = aggregateReplicates(plate.wells, aggregation);
  for (const s of sampleCts.filter((x) => x.flags.length))
    warnings.push(`QC ${s.sample} × ${s.target}: ${describeFlags(s)}`);
  const orderedGroups = [calibrator, ...groups.filter((g) => g !== calibrator)];
  const sampleList = unique(plate.wells.map((w) => w.sample)).map((sample) => {
    const own = sampleCts.filter((s) => s.sample === sample);
    return {
      sample,
      group: own[0]!.group,
      ct: Object.fromEntries(own.map((s) => [s.target, s.meanCt])) as Record<string, number>,
    };
  });

  const efficiency: Record<string, number> = {};
  for (const c of curves) efficiency[c.target] = c.efficiency;
  const E = (t: string) => efficiency[t] ?? 2;
  if (o.method === 'pfaffl')
    for (const t of [...goi, ...references])
      if (efficiency[t] === undefined) warnings.push(`no standard curve for ${t}: E = 2 (100 %) assumed`);
  if (o.method === 'livak')
    for (const t of goi)
      for (const r of references)
        if (efficiency[t] !== undefined && efficiency[r] !== undefined) {
          const diff = Math.abs(efficiency[t]! - efficiency[r]!) * 100;
          if (diff > 5)
            warnings.push(
              `Livak assumes equal efficiencies, but ${t} and ${r} differ by ${diff.toFixed(1)} points: consider --method pfaffl`,
            );
        }
  const weight = (t: string) => (o.method === 'pfaffl' ? Math.log2(E(t)) : 1);
  const referenceLabel = references.join('+');

  const resultRows: Json[] = [];
  const calibratorRows: Json[] = [];
  const deltaRows: Json[] = [];
  const bars: FoldChangeBar[] = [];
  const testedRows: {
    row: Json;
    bar: FoldChangeBar;
    target: string;
    group: string;
    log2: number;
    p: number;
  }[] = [];
  for (const target of goi) {
    const detection = (group: string) => detectionOf(sampleCts, target, group, o.ctCutoff);
    const calibratorDetection = detection(calibrator);
    const paired: PairedCt[] = [];
    const raw = new Map<string, { target: number; refs: number[] }>();
    for (const s of sampleList) {
      const t = s.ct[target];
      const refs = references.map((r) => s.ct[r] ?? NaN);
      if (t === undefined && refs.every((v) => Number.isNaN(v))) continue;
      if (t === undefined || !Number.isFinite(t) || !refs.every(Number.isFinite)) {
        const missing = [target, ...references].filter((g) => !Number.isFinite(s.ct[g] ?? NaN));
        warnings.push(
          `${s.sample}: no usable Ct for ${missing.join(', ')} (all replicates censored or not measured): left out of the ${target} comparison`,
        );
        continue;
      }
      raw.set(s.sample, { target: t, refs });
      paired.push({
        sample: s.sample,
        group: s.group,
        targetCt: weight(target) * t,
        referenceCt: mean(references.map((r, i) => weight(r) * refs[i]!)),
      });
    }
    const ddct = deltaDeltaCt(paired, calibrator, o.errorMode, orderedGroups);
    const base = ddct[0]!;
    for (const p of paired) {
      const r = raw.get(p.sample)!;
      const dct = p.targetCt - p.referenceCt;
      deltaRows.push({
        sample: p.sample,
        group: p.group,
        target,
        reference: referenceLabel,
        ct_target: r.target,
        ct_reference: mean(r.refs),
        efficiency_target: o.method === 'pfaffl' ? E(target) : 2,
        efficiency_reference: o.method === 'pfaffl' ? references.map(E).join('+') : '2',
        delta_ct: dct,
        delta_delta_ct: dct - base.deltaCt,
        relative_expression: Math.pow(2, -(dct - base.deltaCt)),
      });
    }
    for (const g of ddct) {
      const isCal = g.group === calibrator;
      const groupRaw = (group: string) =>
        paired.filter((p) => p.group === group).map((p) => raw.get(p.sample)!);
      const own = detection(g.group);
      for (const flag of own.flags) warnings.push(`${target} ${g.group}: ${flag}`);
      const flags = [...own.flags, ...(isCal ? [] : calibratorDetection.calibratorFlags)];
      const row: Json = {
        target,
        group: g.group,
        calibrator,
        is_calibrator: isCal,
        method: o.method,
        error_mode: o.errorMode,
        reference: referenceLabel,
        n_samples: g.n,
        n_samples_not_detected: own.notDetected,
        detection: own.state,
        mean_ct_target: mean(groupRaw(g.group).map((r) => r.target)),
        mean_ct_reference: mean(groupRaw(g.group).map((r) => mean(r.refs))),
        delta_ct: g.deltaCt,
        calibrator_delta_ct: base.deltaCt,
        delta_delta_ct: g.deltaDeltaCt,
        error: g.error,
        fold_change: g.foldChange,
        fold_change_low: g.lower,
        fold_change_high: g.upper,
        log2_fold_change: -g.deltaDeltaCt,
      };
      const points = paired
        .filter((p) => p.group === g.group)
        .map((p) => ({ sample: p.sample, value: Math.pow(2, -(p.targetCt - p.referenceCt - base.deltaCt)) }));
      if (isCal) {
        row.flags = flags.join('; ');
        calibratorRows.push(row);
        bars.push({
          target,
          group: g.group,
          isCalibrator: true,
          foldChange: g.foldChange,
          low: g.lower,
          high: g.upper,
          notDetected: own.state === 'not_detected',
          points,
        });
        continue;
      }
      const test = deltaCtTTest(paired, g.group, calibrator, o.equalVariance);
      if (!Number.isFinite(test.p))
        warnings.push(
          `${target} ${g.group} vs ${calibrator}: no t-test (needs ≥ 2 samples with ΔCt in each group and some variance)`,
        );
      Object.assign(row, {
        test: test.method,
        t: test.t,
        df: test.df,
        p_value: test.p,
        ddct_ci_low: test.confInt[0],
        ddct_ci_high: test.confInt[1],
        fold_change_ci_low: Math.pow(2, -test.confInt[1]),
        fold_change_ci_high: Math.pow(2, -test.confInt[0]),
        q_value: NaN,
        significant: false,
      });
      if (o.method === 'pfaffl') {
        const summary = (values: number[]) => ({ mean: mean(values), sd: sd(values) });
        const control = groupRaw(calibrator);
        const treated = groupRaw(g.group);
        const prop = propagatePfaffl({
          efficiencyTarget: E(target),
          efficiencyReferences: references.map(E),
          target: {
            control: summary(control.map((r) => r.target)),
            treated: summary(treated.map((r) => r.target)),
          },
          references: references.map((_, i) => ({
            control: summary(control.map((r) => r.refs[i]!)),
            treated: summary(treated.map((r) => r.refs[i]!)),
          })),
        });
        Object.assign(row, {
          efficiency_target: E(target),
          efficiency_reference: references.map(E).join('+'),
          propagated_mean: prop.mean,
          propagated_sd: prop.sd,
          propagated_ci_low: prop.confLow,
          propagated_ci_high: prop.confHigh,
        });
      }
      row.flags = flags.join('; ');
      resultRows.push(row);
      const bar: FoldChangeBar = {
        target,
        group: g.group,
        isCalibrator: false,
        foldChange: g.foldChange,
        low: g.lower,
        high: g.upper,
        p: test.p,
        notDetected: own.state === 'not_detected',
        points,
      };
      bars.push(bar);
      testedRows.push({ row, bar, target, group: g.group, log2: -g.deltaDeltaCt, p: test.p });
    }
  }
  // significance from the BH q over every target × group test, so adding targets cannot inflate false calls
  const q = benjaminiHochberg(testedRows.map((r) => r.p));
  testedRows.forEach((r, i) => {
    r.row.q_value = q[i];
    r.row.significant = q[i]! < o.alpha;
    r.bar.q = q[i];
  });
  const testName = o.equalVariance ? 'Student' : 'Welch';
  const rule = `${testName} t-test on per-sample ${o.method === 'pfaffl' ? 'efficiency-weighted ' : ''}ΔCt vs ${calibrator}; significant when Benjamini-Hochberg q < ${o.alpha} (over all ${testedRows.length} target × group comparisons)`;
  // a comparison without a finite fold change (no usable Ct in a group) has no direction to link
  const changes: FeatureChange[] = testedRows.flatMap((r, i) =>
    Number.isFinite(r.log2)
      ? [
          {
            feature: r.target,
            group: r.group,
            referenceGroup: calibrator,
            log2FoldChange: r.log2,
            p: r.p,
            q: q[i],
            significant: q[i]! < o.alpha,
            rule,
          },
        ]
      : [],
  );

  const tables: Record<string, TidyTable> = {
    replicates: replicatesTable(plate, replicates),
    samples: samplesTable(sampleCts),
    delta_ct: rowsTable(deltaRows),
    results: rowsTable([...calibratorRows, ...resultRows]),
  };
  const figures: Record<string, string> = {};
  const json: QpcrJson = {
    analysis: 'qpcr',
    format_version: 1,
    input: {
      file,
      format: plate.format,
      sample_map: inputs.sampleMap?.file ?? null,
      standard_curve: inputs.standardCurve?.file ?? null,
      wells: plate.wells.length,
      controls_and_omitted: plate.skipped.length,
      samples: sampleList.length,
      groups,
      targets,
      metadata: plate.metadata,
    },
    method: o.method,
    error_mode: o.errorMode,
    test: testName,
    reference_genes: references,
    calibrator,
    alpha: o.alpha,
    significance_rule: rule,
    ct_cutoff: o.ctCutoff,
    max_replicate_sd: o.maxReplicateSd,
    min_replicates: o.minReplicates,
    notes: methodNotes(o.method, o.errorMode, references, testName),
    results: resultRows.map(jsonRow),
    calibrator_results: calibratorRows.map(jsonRow),
    delta_ct: deltaRows.map(jsonRow),
    samples: sampleCts.map((s) => ({
      sample: s.sample,
      group: s.group,
      target: s.target,
      mean_ct: jsonNumber(s.meanCt),
      sd_ct: jsonNumber(s.sdCt),
      n: s.n,
      n_censored: s.nCensored,
      flags: s.flags,
    })),
    qc: {
      censored_wells: replicates.filter((r) => r.censored).length,
      flagged: sampleCts
        .filter((s) => s.flags.length)
        .map((s) => ({ sample: s.sample, target: s.target, flags: s.flags, description: describeFlags(s) })),
      controls: plate.skipped.map((s) => ({
        line: s.line,
        well: s.well ?? null,
        target: s.target ?? null,
        ct: jsonNumber(s.ct),
        reason: s.reason,
      })),
    },
    warnings,
  };
  figures['fold-change'] = foldChangeFigure(bars, {
    groups: orderedGroups,
    targets: goi,
    title:
      orderedGroups.length === 2
        ? `${goi.length === 1 ? goi[0] : 'Relative expression'}: ${orderedGroups[1]} vs ${calibrator}`
        : `${goi.length === 1 ? goi[0] : 'Expression'} relative to ${calibrator}`,
    yLabel: o.method === 'pfaffl' ? 'Relative expression (Pfaffl ratio)' : 'Relative expression (2^{−ΔΔCt})',
    footnote: figureFootnote(
      o.method,
      o.errorMode,
      references,
      testName,
      bars.some((b) => b.notDetected),
    ),
  });

  if (curves.length) {
    tables.efficiencies = rowsTable(
      curves.map((c) => ({
        target: c.target,
        n_points: c.n,
        slope: c.slope,
        slope_se: c.slopeSe,
        intercept: c.intercept,
        r_squared: c.rSquared,
        efficiency: c.efficiency,
        efficiency_percent: c.efficiencyPercent,
        within_90_110: c.efficiencyAcceptable,
      })),
    );
    json.efficiencies = tables.efficiencies.rows.map((r) =>
      jsonRow(Object.fromEntries(tables.efficiencies!.columns.map((c, i) => [c, r[i]]))),
    );
    figures['standard-curve'] = standardCurveFigure({
      curves,
      title: 'Standard curves (amplification efficiency)',
    });
  }

  if (references.length >= 2) {
    const nrqRows: Json[] = [];
    const nrqResults: Json[] = [];
    for (const target of goi) {
      const nrq = qbaseNrq(sampleList, target, references, efficiency);
      for (const s of nrq.samples)
        nrqRows.push({
          sample: s.sample,
          group: s.group,
          target,
          references: referenceLabel,
          efficiency_target: nrq.efficiencies[target],
          rq_target: s.rq[target],
          ...Object.fromEntries(references.map((r) => [`rq_${r}`, s.rq[r]])),
          nf: s.nf,
          nrq: s.nrq,
          log2_nrq: Math.log2(s.nrq),
        });
      for (const group of orderedGroups.slice(1)) {
        const c = compareNrq(nrq, group, calibrator, o.equalVariance);
        nrqResults.push({
          target,
          group,
          calibrator,
          references: referenceLabel,
          efficiencies: [target, ...references].map((g) => `${g}=${nrq.efficiencies[g]}`).join(';'),
          fold_change: c.foldChange,
          log2_fold_change: c.log2FoldChange,
          test: c.test.method,
          t: c.test.t,
          df: c.test.df,
          p_value: c.test.p,
          log2_ci_low: c.test.confInt[0],
          log2_ci_high: c.test.confInt[1],
        });
      }
    }
    tables.nrq = rowsTable(nrqRows);
    tables.nrq_results = rowsTable(nrqResults);
    json.nrq = {
      references,
      efficiencies: Object.fromEntries([...goi, ...references].map((g) => [g, E(g)])),
      samples: nrqRows.map(jsonRow),
      results: nrqResults.map(jsonRow),
    };
    for (const g of references)
      if (efficiency[g] === undefined && curves.length)
        warnings.push(`NRQ: no standard curve for ${g}, E = 2 assumed`);
  }

  const candidates = options.stabilityCandidates ?? (references.length >= 3 ? references : []);
  if (candidates.length >= 2) {
    const missing = candidates.filter((c) => !targets.includes(c));
    if (missing.length)
      return fail({
        file,
        field: 'stability',
        message: `stability candidates without rows: ${missing.join(', ')}`,
      });
    const matrix: CandidateMatrix = {
      samples: sampleList.map((s) => s.sample),
      groups: sampleList.map((s) => s.group),
      genes: candidates,
      values: sampleList.map((s) => candidates.map((g) => (s.ct[g] ?? NaN) * Math.log2(E(g)))),
    };
    const stability = stabilityOutputs(matrix);
    Object.assign(tables, stability.tables);
    Object.assign(figures, stability.figures);
    json.stability = stability.json;
    warnings.push(...stability.warnings);
  }
  return ok({ analysis: 'qpcr', json, tables, figures, warnings, changes });
}

/** Reference-gene stability for a candidates table (wide `sample[,group],gene…` or long `sample[,group],target,ct`). */
export function runReferenceStability(
  input: { text: string; file: string },
  options: { efficiencies?: Record<string, number> } = {},
): Result<AnalysisOutput<Json>> {
  const parsed = parseReferenceCandidates(input.text, input.file);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const E = options.efficiencies ?? {};
  const scaled = {
    ...m,
    values: m.values.map((row) => row.map((v, i) => v * Math.log2(E[m.genes[i]!] ?? 2))),
  };
  const s = stabilityOutputs(scaled);
  if (!s.json.samples_used)
    return fail({
      file: input.file,
      field: 'sample',
      message: 'fewer than 2 samples with a Cq for every candidate',
    });
  return ok({
    analysis: 'reference-stability',
    json: {
      analysis: 'reference-stability',
      format_version: 1,
      input: { file: input.file },
      ...s.json,
      warnings: s.warnings,
    },
    tables: s.tables,
    figures: s.figures,
    warnings: s.warnings,
  });
}

/** geNorm, V and NormFinder for a candidate matrix, as JSON, tables and figures. */
function stabilityOutputs(all: CandidateMatrix): {
  json: Json;
  tables: Record<string, TidyTable>;
  figures: Record<string, string>;
  warnings: string[];
} {
  const warnings: string[] = [];
  const { matrix: m, dropped } = completeSamples(all);
  if (dropped.length)
    warnings.push(`stability: ${dropped.join(', ')} left out (a candidate has no usable Cq in that sample)`);
  if (m.samples.length < 2) return { json: { samples_used: 0 }, tables: {}, figures: {}, warnings };
  const g = genormStepwise(m);
  const v = pairwiseVariation(m, g.ranking);
  const nf = normFinder(m);
  const below = v.find((x) => x.v < V_THRESHOLD);
  const recommended = below ? below.n : m.genes.length;
  if (!below && v.length)
    warnings.push(
      `geNorm: no V_n/n+1 below ${V_THRESHOLD}; use all ${m.genes.length} candidates or add more`,
    );
  const nfOrder = [...m.genes].sort((a, b) => nf.rho[m.genes.indexOf(a)]! - nf.rho[m.genes.indexOf(b)]!);
  const groups = unique(m.groups);
  const json: Json = {
    candidates: m.genes,
    samples_used: m.samples.length,
    samples_dropped: dropped,
    scale: 'log2 quantities: Cq × log2(E), E = 2 unless an efficiency is known',
    genorm: {
      m_all: Object.fromEntries(m.genes.map((x, i) => [x, jsonNumber(g.mAll[i])])),
      steps: g.steps.map((s) => ({
        genes: s.genes,
        m: Object.fromEntries(s.genes.map((x, i) => [x, jsonNumber(s.m[i])])),
        average_m: jsonNumber(s.averageM),
        removed: s.removed ?? null,
      })),
      ranking_most_stable_first: g.ranking,
      pairwise_variation: v.map((x) => ({ label: x.label, n: x.n, v: jsonNumber(x.v) })),
      v_threshold: V_THRESHOLD,
      recommended_number_of_references: recommended,
      recommended_references: g.ranking.slice(0, recommended),
      ctrlgene_table: g.ctrlGeneTable.map((r) => ({ genes: r.genes, average_m: jsonNumber(r.averageM) })),
    },
    normfinder: {
      groups: groups.filter((x) => x !== ''),
      rho: Object.fromEntries(m.genes.map((x, i) => [x, jsonNumber(nf.rho[i])])),
      ranking_most_stable_first: nfOrder,
      gamma2: nf.gamma2,
      d: Object.fromEntries(
        m.genes.map((x, i) => [
          x,
          Object.fromEntries(nf.groups.map((gr, k) => [gr, jsonNumber(nf.d[i]![k])])),
        ]),
      ),
      v: Object.fromEntries(
        m.genes.map((x, i) => [
          x,
          Object.fromEntries(nf.groups.map((gr, k) => [gr, jsonNumber(nf.v[i]![k])])),
        ]),
      ),
    },
  };
  const removedAt = new Map(g.steps.flatMap((s, k) => (s.removed ? [[s.removed, k + 1] as const] : [])));
  const tables: Record<string, TidyTable> = {
    stability: rowsTable(
      m.genes.map((x, i) => ({
        gene: x,
        genorm_m: g.mAll[i],
        genorm_rank: g.ranking.indexOf(x) + 1,
        excluded_after_step: removedAt.get(x) ?? null,
        normfinder_rho: nf.rho[i],
        normfinder_rank: nfOrder.indexOf(x) + 1,
      })),
    ),
    genorm_steps: rowsTable(
      g.steps.flatMap((s, k) =>
        s.genes.map((x, i) => ({
          step: k + 1,
          gene: x,
          m: s.m[i],
          average_m: s.averageM,
          removed_after: s.removed ?? '',
        })),
      ),
    ),
    pairwise_variation: rowsTable(
      v.map((x) => ({ pair: x.label, n: x.n, v: x.v, below_threshold: x.v < V_THRESHOLD })),
    ),
    normfinder: rowsTable(
      m.genes.flatMap((x, i) =>
        nf.groups.map((gr, k) => ({
          gene: x,
          group: gr,
          d: nf.d[i]![k],
          v: nf.v[i]![k],
          intragroup_variance: nf.intragroupVariance[i]![k],
          rho: nf.rho[i],
        })),
      ),
    ),
  };
  const figures = {
    genorm: genormFigure({ steps: g.steps, pairwise: v, threshold: V_THRESHOLD }),
    normfinder: normfinderFigure({
      genes: m.genes,
      rho: nf.rho,
      title: `NormFinder stability${groups.length > 1 ? ` (groups: ${groups.join(', ')})` : ''}`,
    }),
  };
  return { json, tables, figures, warnings };
}

function checkOptions(
  options: QpcrAnalysisOptions,
  o: { ctCutoff: number; maxReplicateSd: number; minReplicates: number; alpha: number },
): Issue[] {
  const issues: Issue[] = [];
  if (!options.references.length)
    issues.push({ field: 'reference', message: 'name at least one reference target' });
  if (!(o.ctCutoff > 0))
    issues.push({ field: 'ct-cutoff', message: `${o.ctCutoff} is not a positive cycle number` });
  if (!(o.maxReplicateSd > 0))
    issues.push({ field: 'max-replicate-sd', message: `${o.maxReplicateSd} is not > 0` });
  if (!(Number.isInteger(o.minReplicates) && o.minReplicates >= 1))
    issues.push({ field: 'min-replicates', message: `${o.minReplicates} is not a whole number ≥ 1` });
  if (!(o.alpha > 0 && o.alpha < 1))
    issues.push({ field: 'alpha', message: `${o.alpha} is not between 0 and 1` });
  return issues;
}

function methodNotes(method: string, errorMode: ErrorMode, references: string[], test: string): string[] {
  return [
    method === 'livak'
      ? 'Livak 2^-ddCt as pcr::pcr_ddct; E = 2 assumed for every target.'
      : 'Pfaffl ratio: Ct weighted by log2(E) per target, so delta_ct is in log2 units and 2^-ddCt is the efficiency-corrected ratio (group-mean Ct); propagated_* is qpcR::propagate (second-order Taylor, efficiencies exact).',
    errorMode === 'separate-tube'
      ? 'error (separate tube) = sqrt(sd_target^2 + sd_reference^2) within the group; bounds 2^-(ddCt +/- error).'
      : 'error (same tube) = sd of per-sample dCt within the group; bounds 2^-(ddCt +/- error).',
    references.length > 1
      ? `references ${references.join(', ')}: per-sample mean of their (efficiency-weighted) Ct, i.e. log2 of the geometric-mean normalisation factor; nrq holds qbase NRQs.`
      : `reference ${references[0]}.`,
    `p_value: ${test} t-test on per-sample dCt (group vs calibrator), never on fold changes; q_value: Benjamini-Hochberg over all target x group tests; significant: q_value < alpha.`,
    'Technical replicates: no Ct and Ct >= ct_cutoff are censored (not zero) and counted; mean/sd over the rest.',
    'n_samples_not_detected: samples of the group whose target replicates were all censored; they cannot enter the dCt mean, so a group with some has its expression (fold change) overestimated (see flags); detection is not_detected when no sample amplified.',
  ];
}

function figureFootnote(
  method: string,
  errorMode: ErrorMode,
  references: string[],
  test: string,
  notDetected: boolean,
): string[] {
  return [
    `${method === 'livak' ? '2^{−ΔΔCt} (Livak)' : 'Pfaffl ratio'}, normalised to ${references.join(' + ')}; error bars 2^{−(ΔΔCt ± s)} (${errorMode} error); points: individual samples.`,
    `${test} t-test on ΔCt vs calibrator, Benjamini–Hochberg adjusted over all comparisons: * q < 0.05, ** q < 0.01, *** q < 0.001, **** q < 0.0001, ns not significant.${notDetected ? ' n.d.: not detected (no sample amplified the target).' : ''}`,
  ];
}

/** How many of a group's samples measured the target and how many of them never amplified it. */
function detectionOf(
  samples: readonly SampleTargetCt[],
  target: string,
  group: string,
  ctCutoff: number,
): {
  measured: number;
  notDetected: number;
  state: 'detected' | 'not_detected_in_some' | 'not_detected' | 'not_measured';
  flags: string[];
  calibratorFlags: string[];
} {
  const own = samples.filter((s) => s.target === target && s.group === group);
  const measured = own.length;
  const notDetected = own.filter((s) => s.n === 0).length;
  if (measured === 0)
    return {
      measured,
      notDetected,
      state: 'not_measured',
      flags: [`not_measured: no sample of ${group} has ${target} reactions`],
      calibratorFlags: [`calibrator_not_measured: no sample of ${group} has ${target} reactions`],
    };
  if (notDetected === measured)
    return {
      measured,
      notDetected,
      state: 'not_detected',
      flags: [`not_detected: no sample of ${group} amplified ${target} (Ct ≥ ${ctCutoff} or Undetermined)`],
      calibratorFlags: [
        `calibrator_not_detected: no sample of ${group} amplified ${target}, so there is no fold change`,
      ],
    };
  // non-detects are the lowest expressers: dropping them leaves the mean ΔCt of the detected ones too low
  if (notDetected > 0)
    return {
      measured,
      notDetected,
      state: 'not_detected_in_some',
      flags: [
        `not_detected_in_some: ${notDetected} of ${measured} samples not detected (Ct censored); fold change from detected samples only, biased towards higher expression`,
      ],
      calibratorFlags: [
        `calibrator_not_detected_in_some: ${notDetected} of ${measured} ${group} samples not detected (Ct censored); calibrator expression overestimated, fold change biased towards lower values`,
      ],
    };
  return { measured, notDetected, state: 'detected', flags: [], calibratorFlags: [] };
}

function replicatesTable(
  plate: QpcrPlate,
  calls: ReturnType<typeof aggregateReplicates>['replicates'],
): TidyTable {
  const rows = [
    ...calls.map((c) => ({
      line: c.well.line,
      well: c.well.well ?? '',
      sample: c.well.sample,
      group: c.well.group,
      target: c.well.target,
      replicate: c.well.replicate ?? null,
      ct_raw: c.well.rawCt,
      ct: c.well.ct,
      used: true,
      censored: c.censored,
      reason: c.reason,
    })),
    ...plate.skipped.map((s) => ({
      line: s.line,
      well: s.well ?? '',
      sample: s.sample ?? '',
      group: '',
      target: s.target ?? '',
      replicate: null,
      ct_raw: Number.isFinite(s.ct) ? String(s.ct) : '',
      ct: s.ct,
      used: false,
      censored: false,
      reason: s.reason,
    })),
  ].sort((a, b) => a.line - b.line || compareWells(a.well, b.well));
  return tidyTable(
    ['line', 'well', 'sample', 'group', 'target', 'replicate', 'ct_raw', 'ct', 'used', 'censored', 'reason'],
    rows,
  );
}

function samplesTable(samples: readonly SampleTargetCt[]): TidyTable {
  return tidyTable(
    ['sample', 'group', 'target', 'mean_ct', 'sd_ct', 'n', 'n_censored', 'flags'],
    samples.map((s) => ({
      sample: s.sample,
      group: s.group,
      target: s.target,
      mean_ct: s.meanCt,
      sd_ct: s.sdCt,
      n: s.n,
      n_censored: s.nCensored,
      flags: describeFlags(s),
    })),
  );
}

/** A tidy table whose columns are the union of the rows' keys, in first-seen order. */
function rowsTable(rows: readonly Json[]): TidyTable {
  const columns = unique(rows.flatMap((r) => Object.keys(r)));
  return { columns, rows: rows.map((r) => columns.map((c) => r[c] as TidyTable['rows'][number][number])) };
}

/** NaN and infinities as null for JSON. */
function jsonRow(row: Json): Json {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? jsonNumber(v) : v]),
  );
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
