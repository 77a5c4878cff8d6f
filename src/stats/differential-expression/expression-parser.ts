/** Feature × sample expression tables (first column = feature id, e.g. miRNA; one column per sample) and sample sheets (sample → group). */
import type { Result } from '../../model/index.js';
import { fail } from '../../model/index.js';
import { parseDelimitedTable, TableReader } from '../delimited-table.js';

export interface ExpressionMatrix {
  file: string;
  /** header line of the table (for issues about columns) */
  headerLine: number;
  featureColumn: string;
  features: string[];
  /** sample (column) names in file order */
  samples: string[];
  /** values[feature][sample]; NaN = missing (log2 tables only) */
  values: number[][];
}

export interface SampleSheetEntry {
  sample: string;
  group: string;
  line: number;
}

export interface SampleSheet {
  file: string;
  entries: SampleSheetEntry[];
}

const MISSING = ['NA', 'NaN', 'N/A', 'Undetermined'];

/**
 * Reads a wide table of log2 expression (missing cells allowed: empty, NA, NaN) or of counts (non-negative, none
 * missing, as voom requires). Duplicated feature ids and non-numeric cells are issues with line and column.
 */
export function parseExpressionMatrix(
  text: string,
  file: string,
  options: { counts?: boolean } = {},
): Result<ExpressionMatrix> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const reader = new TableReader(table.value);
  const [featureColumn, ...samples] = table.value.columns;
  const headerLine = reader.headerLine();
  if (featureColumn === undefined || samples.length === 0)
    return fail({
      file,
      line: headerLine,
      message: 'expected a feature id column followed by one column per sample',
    });
  if (table.value.rows.length === 0) return fail({ file, message: 'no features (data rows)' });
  const features: string[] = [];
  const values: number[][] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const feature = reader.text(row, featureColumn);
    if (feature !== '') {
      const earlier = seen.get(feature);
      if (earlier !== undefined)
        reader.report(row, featureColumn, `duplicated feature '${feature}' (first on line ${earlier})`);
      seen.set(feature, row.line);
    }
    features.push(feature);
    values.push(
      samples.map((s) =>
        options.counts
          ? reader.number(row, s, { min: 0 })
          : reader.number(row, s, { missing: MISSING, allowEmpty: true }),
      ),
    );
  }
  return reader.result({ file, headerLine, featureColumn, features, samples, values });
}

/** Reads a sample sheet: sample, group (one row per sample). */
export function parseSampleSheet(text: string, file: string): Result<SampleSheet> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const reader = new TableReader(table.value);
  const sampleColumn = reader.requireColumn(
    'sample',
    'sample_id',
    'sample id',
    'sample name',
    'column',
    'name',
  );
  const groupColumn = reader.requireColumn('group', 'condition', 'class', 'line', 'cell line', 'phenotype');
  if (reader.issues.length) return fail(...reader.issues);
  if (table.value.rows.length === 0) return fail({ file, message: 'no samples listed' });
  const entries: SampleSheetEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const sample = reader.text(row, sampleColumn);
    const group = reader.text(row, groupColumn);
    if (sample === '' || group === '') continue;
    const earlier = seen.get(sample);
    if (earlier !== undefined) {
      reader.report(row, sampleColumn, `sample '${sample}' already listed on line ${earlier}`);
      continue;
    }
    seen.set(sample, row.line);
    entries.push({ sample, group, line: row.line });
  }
  return reader.result({ file, entries });
}
