/** Text summary of an analysis for the terminal: its main tables (first rows) and its warnings. */
import type { AnalysisOutput, Cell, TidyTable } from '../stats/analysis-output.js';

/**
 * The tables each analysis shows in the terminal and the columns it shows of each (every column is in the CSV
 * under --out and in --json).
 */
const PRIMARY: Record<string, Record<string, string[] | undefined>> = {
  qpcr: {
    results: [
      'target',
      'group',
      'calibrator',
      'reference',
      'delta_delta_ct',
      'error',
      'fold_change',
      'fold_change_low',
      'fold_change_high',
      'test',
      'p_value',
      'q_value',
      'significant',
    ],
  },
  'reference-stability': { stability: undefined, pairwise_variation: undefined },
  rtca: {
    wells: [
      'well',
      'group',
      'ci_at_base',
      'slope_nci_per_h',
      'auc_nci_window',
      'dt_loglinear_h',
      'dt_nls_exponential_h',
      'slope_per_h',
      'flags',
    ],
    groups: [
      'group',
      'metric',
      'normalisation_independent',
      'n',
      'mean',
      'sd',
      'reference_group',
      'difference',
      't',
      'df',
      'p',
    ],
  },
  'dose-response': {
    fits: [
      'group',
      'n',
      'ic50_display',
      'ic50_lower',
      'ic50_upper',
      'ic50_absolute',
      'hill_slope_prism',
      'c',
      'd',
      'rse',
      'df_residual',
      'flags',
    ],
    resistance_index: ['group', 'reference_group', 'display', 'method', 'flags'],
  },
  synergy: { summary: undefined },
  de: {
    results: ['rank', 'feature', 'log2fc', 'ave_expr', 't', 'p_value', 'q_value', 'significant', 'direction'],
  },
};

/** Only the named columns of a table, in that order (all when none are named or none match). */
function select(table: TidyTable, columns: string[] | undefined): TidyTable {
  const idx = (columns ?? []).map((c) => table.columns.indexOf(c)).filter((i) => i >= 0);
  if (!idx.length) return table;
  return { columns: idx.map((i) => table.columns[i]!), rows: table.rows.map((r) => idx.map((i) => r[i])) };
}

const MAX_ROWS = 25;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return 'NA';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NA' : v > 0 ? 'Inf' : '-Inf';
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
  }
  return String(v);
}

/** An aligned text table (at most `MAX_ROWS` rows, saying how many were left out). */
export function textTable(title: string, table: TidyTable): string[] {
  const rows = table.rows.slice(0, MAX_ROWS).map((r) => r.map(cellText));
  const widths = table.columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [`${title}:`, line(table.columns), ...rows.map(line)];
  if (table.rows.length > MAX_ROWS)
    out.push(`… ${table.rows.length - MAX_ROWS} more rows (see --out or --json)`);
  return out;
}

export function analysisSummaryLines(output: AnalysisOutput): string[] {
  const shown = PRIMARY[output.analysis] ?? { [Object.keys(output.tables)[0] ?? '']: undefined };
  const lines: string[] = [];
  for (const [name, columns] of Object.entries(shown)) {
    const table = output.tables[name];
    if (table) lines.push(...textTable(name, select(table, columns)), '');
  }
  if (output.warnings.length)
    lines.push(`warnings (${output.warnings.length}):`, ...output.warnings.map((w) => `  ! ${w}`));
  return lines.length && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}
