/** The analyses the API runs, their option fields (the CLI's options, as multipart text fields) and table previews. */
import type { AnalysisKind, TidyTable } from '../../../src/api/contract.js';

export interface OptionField {
  name: string;
  label: string;
  /** `file`: an extra upload (layout, sample sheet) sent as its own multipart file part */
  kind: 'text' | 'select' | 'checkbox' | 'file';
  /** select choices; '' is "default" */
  choices?: { value: string; label: string }[];
  required?: boolean;
  placeholder?: string;
  help?: string;
  /** a pattern the value must match (text fields), with what it means */
  pattern?: { regex: RegExp; message: string };
}

export interface AnalysisDefinition {
  kind: AnalysisKind;
  title: string;
  summary: string;
  /** what the uploaded file holds */
  fileHelp: string;
  accept: string;
  fields: OptionField[];
}

const NUMBER = { regex: /^-?\d+(\.\d+)?$/, message: 'a number' };

/** The six analyses, in the order the analyses page lists them. */
export const ANALYSIS_DEFINITIONS: AnalysisDefinition[] = [
  {
    kind: 'qpcr',
    title: 'RT-qPCR relative quantification',
    summary: 'Livak ΔΔCt or Pfaffl, NRQ over several references, Welch t on ΔCt.',
    fileHelp:
      'A long table (well, sample, group, target, replicate, ct), a Bio-Rad CFX or QuantStudio export, or RDML.',
    accept: '.csv,.tsv,.txt,.rdml',
    fields: [
      {
        name: 'reference',
        label: 'Reference targets',
        kind: 'text',
        required: true,
        placeholder: 'U6, RNU48',
        help: 'Comma-separated normaliser targets.',
      },
      {
        name: 'calibrator',
        label: 'Calibrator group',
        kind: 'text',
        placeholder: 'Parental',
        help: 'Default: a group named parental, control, vehicle, sensitive…, else the first group.',
      },
      {
        name: 'method',
        label: 'Method',
        kind: 'select',
        choices: [
          { value: 'livak', label: 'Livak (ΔΔCt)' },
          { value: 'pfaffl', label: 'Pfaffl (efficiency-corrected)' },
        ],
      },
      {
        name: 'format',
        label: 'File format',
        kind: 'select',
        choices: [
          { value: '', label: 'detect from the content' },
          { value: 'long', label: 'long table' },
          { value: 'cfx', label: 'Bio-Rad CFX' },
          { value: 'quantstudio', label: 'QuantStudio' },
          { value: 'rdml', label: 'RDML' },
        ],
      },
      {
        name: 'therapy',
        label: 'Therapy',
        kind: 'text',
        placeholder: 'trastuzumab',
        help: 'Link significant miRNAs to curated statements about this therapy.',
      },
      {
        name: 'sampleMap',
        label: 'Sample map (optional file)',
        kind: 'file',
        help: 'well → sample, group[, target], for instrument exports.',
      },
      {
        name: 'standardCurve',
        label: 'Standard curve (optional file)',
        kind: 'file',
        help: 'Dilution series for efficiencies (needed by Pfaffl).',
      },
    ],
  },
  {
    kind: 'reference-genes',
    title: 'Reference-gene stability',
    summary: 'geNorm M (stepwise), pairwise variation V(n/n+1) and NormFinder.',
    fileHelp: 'Ct values of the candidate reference genes: sample, group, then one column per candidate.',
    accept: '.csv,.tsv,.txt',
    fields: [],
  },
  {
    kind: 'rtca',
    title: 'Real-time cell analysis (RTCA)',
    summary: 'Normalised cell index, slope, doubling time and AUC per group.',
    fileHelp: 'An xCELLigence cell-index export: Time (Hour), then one column per well.',
    accept: '.csv,.tsv,.txt',
    fields: [
      { name: 'baseTime', label: 'Normalisation time (h)', kind: 'text', placeholder: '24', pattern: NUMBER },
      {
        name: 'window',
        label: 'Time window (h)',
        kind: 'text',
        placeholder: '24,72',
        help: 'Two times A,B with A < B, for slope and doubling time.',
        pattern: { regex: /^\s*-?\d+(\.\d+)?\s*[,:]\s*-?\d+(\.\d+)?\s*$/, message: 'two numbers, A,B' },
      },
      {
        name: 'treatmentTime',
        label: 'Treatment time (h)',
        kind: 'text',
        placeholder: '24',
        help: 'Marked on the figures.',
        pattern: NUMBER,
      },
      { name: 'referenceGroup', label: 'Reference group', kind: 'text', placeholder: 'Parental' },
      {
        name: 'layout',
        label: 'Plate layout (optional file)',
        kind: 'file',
        help: 'well, group[, treatment].',
      },
    ],
  },
  {
    kind: 'dose-response',
    title: 'Dose–response',
    summary: '4-parameter log-logistic fits (drc LL.4), IC50 with confidence interval, resistance index.',
    fileHelp: 'One row per well: group (e.g. cell line), dose, replicate, viability (%).',
    accept: '.csv,.tsv,.txt',
    fields: [
      {
        name: 'referenceGroup',
        label: 'Reference (parental) group',
        kind: 'text',
        placeholder: 'SKBR3_parental',
        help: 'Default: a group named parental, control, sensitive…, else the first group.',
      },
    ],
  },
  {
    kind: 'synergy',
    title: 'Drug-combination synergy',
    summary: 'Bliss, HSA, Loewe and ZIP (SynergyFinder) and the Chou–Talalay combination index.',
    fileHelp: 'A dose matrix per block: block_id, drug1, drug2, conc1, conc2, response.',
    accept: '.csv,.tsv,.txt',
    fields: [
      {
        name: 'dataType',
        label: 'The response column holds',
        kind: 'select',
        choices: [
          { value: 'inhibition', label: 'inhibition (%)' },
          { value: 'viability', label: 'viability (%)' },
        ],
      },
    ],
  },
  {
    kind: 'de',
    title: 'Differential expression',
    summary: 'Two groups: limma moderated t or Welch t, Benjamini–Hochberg FDR; voom for counts.',
    fileHelp: 'Features in rows, samples in columns (log2 expression or counts).',
    accept: '.csv,.tsv,.txt',
    fields: [
      { name: 'samples', label: 'Sample sheet (optional file)', kind: 'file', help: 'sample, group.' },
      { name: 'referenceGroup', label: 'Reference group', kind: 'text', placeholder: 'parental' },
      {
        name: 'method',
        label: 'Method',
        kind: 'select',
        choices: [
          { value: 'limma', label: 'limma (moderated t)' },
          { value: 'welch', label: 'Welch t' },
        ],
      },
      { name: 'counts', label: 'The table holds counts (voom first)', kind: 'checkbox' },
      {
        name: 'therapy',
        label: 'Therapy',
        kind: 'text',
        placeholder: 'tamoxifen',
        help: 'Link significant miRNAs to curated statements about this therapy.',
      },
    ],
  },
];

/** The definition of an analysis kind, or undefined for a kind the app does not know. */
export function analysisDefinition(kind: string | undefined): AnalysisDefinition | undefined {
  return ANALYSIS_DEFINITIONS.find((d) => d.kind === kind);
}

/** The option values a fresh form starts with: each select's first choice, checkboxes off, text empty. */
export function initialOptionValues(definition: AnalysisDefinition): Record<string, string> {
  return Object.fromEntries(
    definition.fields
      .filter((f) => f.kind !== 'file')
      .map((f) => [
        f.name,
        f.kind === 'select' ? (f.choices?.[0]?.value ?? '') : f.kind === 'checkbox' ? 'false' : '',
      ]),
  );
}

/** What keeps the form from running (field label: message); empty when it can run. */
export function analysisFormProblems(
  definition: AnalysisDefinition,
  values: Record<string, string>,
  hasFile: boolean,
): string[] {
  const problems: string[] = [];
  if (!hasFile) problems.push('File: choose a file to analyse.');
  for (const field of definition.fields) {
    const value = (values[field.name] ?? '').trim();
    if (field.required && !value) problems.push(`${field.label}: required.`);
    else if (value && field.pattern && !field.pattern.regex.test(value))
      problems.push(`${field.label}: expected ${field.pattern.message}.`);
  }
  return problems;
}

/** The multipart text fields to send: trimmed, empties left out (the server's defaults apply), lists normalised. */
export function analysisFormFields(
  definition: AnalysisDefinition,
  values: Record<string, string>,
): [string, string][] {
  const fields: [string, string][] = [];
  for (const field of definition.fields) {
    if (field.kind === 'file') continue;
    let value = (values[field.name] ?? '').trim();
    if (field.kind === 'checkbox') value = value === 'true' ? 'true' : '';
    if (field.name === 'reference')
      value = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .join(',');
    if (field.name === 'window') value = value.replace(/\s+/g, '').replace(':', ',');
    if (value) fields.push([field.name, value]);
  }
  return fields;
}

/** Rows shown on the page. */
export const PREVIEW_ROWS = 200;

/** The first rows of a table for display; the CSV download keeps them all. */
export function previewTable(table: TidyTable, limit = PREVIEW_ROWS): TidyTable & { hidden: number } {
  return {
    columns: table.columns,
    rows: table.rows.slice(0, limit),
    hidden: Math.max(0, table.rows.length - limit),
  };
}

/** A cell for display: numbers to 4 significant digits (integers whole), booleans as yes/no, null as empty. */
export function formatCell(value: TidyTable['rows'][number][number] | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NA';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(3);
    return String(Number(value.toPrecision(4)));
  }
  return value;
}

/** A name from the API (table or figure key) as a heading: `fold_changes` → `fold changes`. */
export function titleFromKey(key: string): string {
  return key.replace(/[_-]+/g, ' ');
}
