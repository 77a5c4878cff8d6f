// Synergy of drug-combination matrices: SynergyFinder 3.7.3 scores (Zheng et al. 2022) and Chou–Talalay combination indices (Chou 2006) per well.
import type { Result } from '../../model/index.js';
import { ok } from '../../model/index.js';
import { doseMatrixHeatmap } from '../../plot/synergy-figures.js';
import type { AnalysisOutput, TidyTable } from '../analysis-output.js';
import { jsonNumber, tidyTable } from '../analysis-output.js';
import { geometricMean, mean } from '../descriptive.js';
import type { Ll4Fit } from '../dose-response/log-logistic-fit.js';
import type { MedianEffectFit } from './median-effect.js';
import { combinationIndex, interpretCombinationIndex, medianEffectFit } from './median-effect.js';
import type { SynergyBlock, SynergyDataType } from './synergy-parser.js';
import { parseSynergyTable } from './synergy-parser.js';
import type { SynergyMethod, SynergySummary, WellScore } from './synergy-scores.js';
import { fitSingleDrugs, SYNERGY_METHODS, summariseSynergy, synergyScores } from './synergy-scores.js';

export interface SynergyOptions {
  /**
   * what the response column holds (CLI `--data-type`): 'inhibition' (default, SynergyFinder's
   * `data_type = "inhibition"`) or 'viability', converted to % inhibition as 100 − viability
   */
  dataType?: SynergyDataType;
}

type Num = number | null;

export interface SynergyWellJson {
  conc1: number;
  conc2: number;
  /** % inhibition (100 − viability for a viability table) */
  response: number;
  /** the response as given in the file (mean of replicates), in the input's own scale */
  input_response: number;
  replicates: number;
  bliss_ref: Num;
  bliss: Num;
  hsa_ref: Num;
  hsa: Num;
  loewe_ref: Num;
  loewe: Num;
  zip_fit: Num;
  zip_ref: Num;
  zip: Num;
  /** Chou–Talalay CI d1/Dx1 + d2/Dx2 at fa = response/100 (combination wells only) */
  ci: Num;
  ci_interpretation: string;
}

export interface SingleDrugFitJson {
  drug: string;
  /** LL.4 on % inhibition: b < 0 for an effect rising with dose */
  b: number;
  c: number;
  d: number;
  e: number;
  rss: number;
  df_residual: number;
  converged: boolean;
  /** median-effect fit of the single-drug wells with 0 < fa < 1 */
  median_effect: { m: number; Dm: number; r: number; b: number; n: number } | null;
}

export interface SynergyBlockJson {
  block_id: string;
  drug1: string;
  drug2: string;
  conc_unit1: string;
  conc_unit2: string;
  summary: Record<
    SynergyMethod,
    { mean: Num; sd: Num; n: number; p: Num; p_text: string; interpretation: string }
  >;
  single_drug_fits: { drug1: SingleDrugFitJson; drug2: SingleDrugFitJson };
  /** summary of the finite combination-well CIs: a CI is a ratio, so its centre is the geometric mean (and median) */
  combination_index: { geometric_mean: Num; median: Num; n: number; wells_without_ci: number };
  wells: SynergyWellJson[];
  flags: string[];
}

export interface SynergyJson {
  analysis: 'synergy';
  file: string;
  response: '% inhibition';
  /** what the input response column held; '% viability' input was converted to 100 − viability */
  input_data_type: SynergyDataType;
  conventions: Record<string, string>;
  blocks: SynergyBlockJson[];
  warnings: string[];
}

interface BlockResult {
  block: SynergyBlock;
  singles: { drug1: Ll4Fit; drug2: Ll4Fit };
  median: { drug1: MedianEffectFit | undefined; drug2: MedianEffectFit | undefined };
  scores: WellScore[];
  ci: number[];
  summaries: SynergySummary[];
  flags: string[];
  dataType: SynergyDataType;
}

/** Reads a SynergyFinder long table and scores every block (Bliss, HSA, Loewe, ZIP, Chou–Talalay CI). */
export function runSynergyAnalysis(
  input: { text: string; file: string },
  options: SynergyOptions = {},
): Result<AnalysisOutput<SynergyJson>> {
  const dataType = options.dataType ?? 'inhibition';
  const parsed = parseSynergyTable(input.text, input.file, { dataType });
  if (!parsed.ok) return parsed;
  const results = parsed.value.blocks.map((block) => analyseBlock(block, dataType));
  const warnings = [
    ...parsed.value.warnings,
    ...results.flatMap((r) => r.flags.map((f) => `block ${r.block.id}: ${f}`)),
  ];
  const json: SynergyJson = {
    analysis: 'synergy',
    file: input.file,
    response: '% inhibition',
    input_data_type: dataType,
    conventions: {
      response:
        dataType === 'viability'
          ? '% inhibition = 100 − % viability (the input, SynergyFinder ReshapeData data_type = "viability"); input_response keeps the value given'
          : '% inhibition as given (SynergyFinder data_type = "inhibition"); pass --data-type viability for a % viability table',
      scores: 'synergy = observed − reference response, percentage points; > 0 synergy, < 0 antagonism',
      bliss: 'reference y1 + y2 − y1·y2/100 from the observed single-drug responses (SynergyFinder 3.7.3)',
      hsa: 'reference max(y1, y2), observed single-drug responses',
      loewe:
        'reference = the level y among 100 evenly spaced between the lowest fitted c and the highest fitted d minimising |x1/X1(y) + x2/X2(y) − 1|, X = inverse single-drug LL.4',
      zip: 'ZIP (Yadav 2015): mean of the row and column LL.4 fits (c fixed at the other drug’s observed single response) minus Bliss of the fitted single-drug curves',
      summary:
        'mean over wells with both drugs present; p = exp(−0.717 z − 0.416 z²), z = |mean|/sd (SynergyFinder); > 10 synergistic, < −10 antagonistic',
      ci: 'Chou–Talalay CI = d1/Dx1 + d2/Dx2 at fa = response/100, Dx from each drug’s median-effect fit (classic, mutually exclusive); < 1 synergism',
      combination_index:
        'geometric mean and median of the finite combination-well CIs (a CI is a ratio: its arithmetic mean is pulled up by antagonistic wells)',
      single_drug_fits:
        'LL.4 least squares on the single-drug wells including dose 0 (drc LL.4 parametrisation)',
    },
    blocks: results.map(blockJson),
    warnings,
  };
  const figures: Record<string, string> = {};
  const suffix = (r: BlockResult) =>
    results.length > 1 ? `-${r.block.id.replace(/[^A-Za-z0-9_-]+/g, '_')}` : '';
  for (const r of results) {
    for (const method of SYNERGY_METHODS) figures[`synergy-${method}${suffix(r)}`] = synergyFigure(r, method);
    figures[`response-matrix${suffix(r)}`] = responseFigure(r);
  }
  return ok({
    analysis: 'synergy',
    json,
    tables: {
      wells: wellsTable(results),
      summary: summaryTable(results),
      single_drug_fits: singlesTable(results),
    },
    figures,
    warnings,
  });
}

function analyseBlock(block: SynergyBlock, dataType: SynergyDataType): BlockResult {
  const singles = fitSingleDrugs(block);
  const scores = synergyScores(block, { drug1: singles.drug1.params, drug2: singles.drug2.params });
  const single1 = block.conc1.map((_, i) => block.response[i]![0]! / 100);
  const single2 = block.response[0]!.map((y) => y / 100);
  const median = {
    drug1: medianEffectFit(block.conc1, single1),
    drug2: medianEffectFit(block.conc2, single2),
  };
  const flags: string[] = [];
  const mismatch = dataTypeMismatch(block, dataType);
  if (mismatch) flags.push(mismatch);
  for (const [name, fit] of [
    [block.drug1, singles.drug1],
    [block.drug2, singles.drug2],
  ] as const) {
    if (!fit.converged) flags.push(`${name}: single-drug LL.4 fit did not converge`);
    if (fit.df <= 0) flags.push(`${name}: single-drug LL.4 fit has no residual degrees of freedom`);
  }
  if (!median.drug1 || !median.drug2)
    flags.push('no Chou–Talalay CI: a drug has fewer than 2 single-drug wells with 0 < inhibition < 100 %');
  const ci = scores.map((s) => {
    if (s.conc1 === 0 || s.conc2 === 0 || !median.drug1 || !median.drug2) return NaN;
    return combinationIndex(s.conc1, s.conc2, s.response / 100, median.drug1, median.drug2);
  });
  const outside = scores.filter((s, k) => s.conc1 > 0 && s.conc2 > 0 && !Number.isFinite(ci[k]!)).length;
  if (outside && median.drug1 && median.drug2)
    flags.push(`${outside} combination well(s) without a CI: inhibition outside (0, 100) %`);
  if (scores.some((s) => s.conc1 > 0 && s.conc2 > 0 && !Number.isFinite(s.loeweRef)))
    flags.push('Loewe reference not found for some wells (no response level both single-drug curves reach)');
  const summaries = SYNERGY_METHODS.map((m) => summariseSynergy(scores, m));
  return { block, singles, median, scores, ci, summaries, flags, dataType };
}

/**
 * A table read with the wrong data type shows itself as an untreated well of ≥ 80 % inhibition whose response
 * falls as doses rise (inhibition read as viability looks the same after 100 − y): said in words, as SynergyFinder
 * would silently flip every score's sign.
 */
function dataTypeMismatch(block: SynergyBlock, dataType: SynergyDataType): string | undefined {
  const untreated = block.response[0]![0]!;
  const last1 = block.conc1.length - 1;
  const last2 = block.conc2.length - 1;
  const corner = block.response[last1]![last2]!;
  const treated = block.response.flat().slice(1);
  if (!(untreated >= 80 && corner <= untreated - 10 && mean(treated) < untreated)) return undefined;
  const as = (y: number) => (dataType === 'viability' ? 100 - y : y);
  const shown = (y: number) => `${Number(as(y).toFixed(1))} %`;
  const other: SynergyDataType = dataType === 'viability' ? 'inhibition' : 'viability';
  const trend = dataType === 'viability' ? 'rise' : 'fall';
  return `data type: responses are read as % ${dataType}, but the untreated well reads ${shown(untreated)} and responses ${trend} to ${shown(corner)} at the highest doses: the table looks like % ${other}; pass --data-type ${other}`;
}

function singleJson(drug: string, fit: Ll4Fit, median: MedianEffectFit | undefined): SingleDrugFitJson {
  return {
    drug,
    ...fit.params,
    rss: fit.rss,
    df_residual: fit.df,
    converged: fit.converged,
    median_effect: median ? { m: median.m, Dm: median.Dm, r: median.r, b: median.b, n: median.n } : null,
  };
}

function blockJson(r: BlockResult): SynergyBlockJson {
  const { block } = r;
  const summary = Object.fromEntries(
    r.summaries.map((s) => [
      s.method,
      {
        mean: jsonNumber(s.mean),
        sd: jsonNumber(s.sd),
        n: s.n,
        p: jsonNumber(s.p),
        p_text: s.pText,
        interpretation: s.interpretation,
      },
    ]),
  ) as SynergyBlockJson['summary'];
  const finiteCi = r.ci.filter(Number.isFinite);
  const combinationWells = r.scores.filter((s) => s.conc1 > 0 && s.conc2 > 0).length;
  return {
    block_id: block.id,
    drug1: block.drug1,
    drug2: block.drug2,
    conc_unit1: block.unit1,
    conc_unit2: block.unit2,
    summary,
    single_drug_fits: {
      drug1: singleJson(block.drug1, r.singles.drug1, r.median.drug1),
      drug2: singleJson(block.drug2, r.singles.drug2, r.median.drug2),
    },
    combination_index: {
      geometric_mean: finiteCi.length ? jsonNumber(geometricMean(finiteCi)) : null,
      median: finiteCi.length ? median(finiteCi) : null,
      n: finiteCi.length,
      wells_without_ci: combinationWells - finiteCi.length,
    },
    wells: r.scores.map((s, k) => wellJson(r, s, k)),
    flags: r.flags,
  };
}

function wellJson(r: BlockResult, s: WellScore, k: number): SynergyWellJson {
  const i = r.block.conc1.indexOf(s.conc1);
  const j = r.block.conc2.indexOf(s.conc2);
  return {
    conc1: s.conc1,
    conc2: s.conc2,
    response: s.response,
    input_response: r.dataType === 'viability' ? 100 - s.response : s.response,
    replicates: r.block.replicates[i]![j]!,
    bliss_ref: jsonNumber(s.blissRef),
    bliss: jsonNumber(s.bliss),
    hsa_ref: jsonNumber(s.hsaRef),
    hsa: jsonNumber(s.hsa),
    loewe_ref: jsonNumber(s.loeweRef),
    loewe: jsonNumber(s.loewe),
    zip_fit: jsonNumber(s.zipFit),
    zip_ref: jsonNumber(s.zipRef),
    zip: jsonNumber(s.zip),
    ci: jsonNumber(r.ci[k]!),
    ci_interpretation: interpretCombinationIndex(r.ci[k]!),
  };
}

function wellsTable(results: BlockResult[]): TidyTable {
  return tidyTable(
    [
      'block_id',
      'drug1',
      'drug2',
      'conc1',
      'conc2',
      'conc_unit1',
      'conc_unit2',
      'response',
      'input_response',
      'replicates',
      'bliss_ref',
      'bliss',
      'hsa_ref',
      'hsa',
      'loewe_ref',
      'loewe',
      'zip_fit',
      'zip_ref',
      'zip',
      'ci',
      'ci_interpretation',
    ],
    results.flatMap((r) =>
      r.scores.map((s, k) => ({
        block_id: r.block.id,
        drug1: r.block.drug1,
        drug2: r.block.drug2,
        conc_unit1: r.block.unit1,
        conc_unit2: r.block.unit2,
        ...wellJson(r, s, k),
      })),
    ),
  );
}

function summaryTable(results: BlockResult[]): TidyTable {
  return tidyTable(
    ['block_id', 'drug1', 'drug2', 'method', 'mean', 'sd', 'n', 'p', 'p_text', 'interpretation'],
    results.flatMap((r) =>
      r.summaries.map((s) => ({
        block_id: r.block.id,
        drug1: r.block.drug1,
        drug2: r.block.drug2,
        method: s.method,
        mean: s.mean,
        sd: s.sd,
        n: s.n,
        p: s.p,
        p_text: s.pText,
        interpretation: s.interpretation,
      })),
    ),
  );
}

function singlesTable(results: BlockResult[]): TidyTable {
  return tidyTable(
    [
      'block_id',
      'drug',
      'which',
      'b',
      'c',
      'd',
      'e',
      'rss',
      'df_residual',
      'converged',
      'me_m',
      'me_Dm',
      'me_r',
      'me_n',
    ],
    results.flatMap((r) =>
      (['drug1', 'drug2'] as const).map((which) => {
        const fit = r.singles[which];
        const me = r.median[which];
        return {
          block_id: r.block.id,
          drug: r.block[which],
          which,
          ...fit.params,
          rss: fit.rss,
          df_residual: fit.df,
          converged: fit.converged,
          me_m: me?.m ?? null,
          me_Dm: me?.Dm ?? null,
          me_r: me?.r ?? null,
          me_n: me?.n ?? 0,
        };
      }),
    ),
  );
}

const METHOD_NAMES: Record<SynergyMethod, string> = {
  zip: 'ZIP',
  hsa: 'HSA',
  bliss: 'Bliss',
  loewe: 'Loewe',
};

const withUnit = (drug: string, unit: string) => (unit ? `${drug} (${unit.replace(/^u/, 'µ')})` : drug);

function synergyFigure(r: BlockResult, method: SynergyMethod): string {
  const { block } = r;
  const s = r.summaries.find((x) => x.method === method)!;
  const values = block.conc1.map((_, i) =>
    block.conc2.map((__, j) => r.scores[i * block.conc2.length + j]![method]),
  );
  return doseMatrixHeatmap({
    title: `${METHOD_NAMES[method]} synergy: ${block.drug1} + ${block.drug2}`,
    subtitle: Number.isFinite(s.mean)
      ? `block ${block.id}; mean over combinations ${s.mean.toFixed(2).replace('-', '−')} (${s.interpretation}), p = ${s.pText}, n = ${s.n}`
      : `block ${block.id}; no ${METHOD_NAMES[method]} scores (see the block's flags); grey: not computable`,
    rowLabel: withUnit(block.drug1, block.unit1),
    columnLabel: withUnit(block.drug2, block.unit2),
    rowConcentrations: block.conc1,
    columnConcentrations: block.conc2,
    values,
    scale: 'diverging',
    legendLabel: `${METHOD_NAMES[method]} synergy score (percentage points)`,
    muted: (i, j) => i === 0 || j === 0,
  });
}

function responseNote(r: BlockResult): string {
  const notes = [
    ...(r.dataType === 'viability' ? ['100 − % viability'] : []),
    ...(r.block.replicates.flat().some((n) => n > 1) ? ['mean of replicates'] : []),
  ];
  return notes.length ? ` (${notes.join(', ')})` : '';
}

function responseFigure(r: BlockResult): string {
  const { block } = r;
  return doseMatrixHeatmap({
    title: `Inhibition: ${block.drug1} + ${block.drug2}`,
    subtitle: `block ${block.id}; observed % inhibition${responseNote(r)}`,
    rowLabel: withUnit(block.drug1, block.unit1),
    columnLabel: withUnit(block.drug2, block.unit2),
    rowConcentrations: block.conc1,
    columnConcentrations: block.conc2,
    values: block.response,
    scale: 'sequential',
    legendLabel: 'Inhibition (%)',
  });
}

function median(x: readonly number[]): number {
  const sorted = [...x].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
