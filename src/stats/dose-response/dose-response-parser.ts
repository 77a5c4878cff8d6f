/**
 * Long dose–response tables (`group,dose,response[,replicate]`, response = % viability) read into groups that keep
 * their file order and line numbers, so a bad cell is reported as `file:line: column: message`.
 */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import type { TableRow } from '../delimited-table.js';
import { parseDelimitedTable, TableReader } from '../delimited-table.js';

export interface DoseResponseObservation {
  /** 1-based line in the file */
  line: number;
  group: string;
  dose: number;
  response: number;
  replicate?: string;
}

export interface DoseResponseData {
  file: string;
  /** groups in order of first appearance */
  groups: string[];
  /** usable observations (rows with a missing response are left out and listed in `warnings`) */
  observations: DoseResponseObservation[];
  /** dose unit read from the header (`dose_uM` → `µM`), or '' */
  doseUnit: string;
  /** the header names used for group, dose and response */
  columns: { group: string; dose: string; response: string; replicate?: string };
  warnings: string[];
}

const GROUP_ALIASES = ['group', 'line', 'cell_line', 'cellline', 'cells', 'condition', 'sample', 'curve'];
const RESPONSE_ALIASES = ['response', 'viability', 'viability_pct', 'viability_percent', 'percent_viability'];
const MISSING = ['NA', 'NaN', 'N/A', 'nan'];

/** Parses a long dose–response table; every bad cell, negative dose and empty group is an issue. */
export function parseDoseResponseTable(text: string, file: string): Result<DoseResponseData> {
  const parsed = parseDelimitedTable(text, file);
  if (!parsed.ok) return parsed;
  const table = parsed.value;
  const reader = new TableReader(table);
  const groupColumn = reader.requireColumn(...GROUP_ALIASES);
  const doseColumn = findDoseColumn(table.columns) ?? reader.requireColumn('dose', 'concentration', 'conc');
  const responseColumn =
    reader.column(...RESPONSE_ALIASES) ??
    table.columns.find((c) => /^(%\s*)?viab/i.test(c)) ??
    reader.requireColumn('response', 'viability_pct');
  const replicateColumn = reader.column('replicate', 'rep', 'well');
  if (reader.issues.length) return fail(...reader.issues);

  const observations: DoseResponseObservation[] = [];
  const warnings: string[] = [];
  const groups: string[] = [];
  const firstRow = new Map<string, TableRow>();
  for (const row of table.rows) {
    const group = reader.text(row, groupColumn);
    const dose = reader.number(row, doseColumn, { min: 0 });
    const response = reader.number(row, responseColumn, { missing: MISSING, allowEmpty: true });
    if (group === '') continue;
    if (!firstRow.has(group)) {
      firstRow.set(group, row);
      groups.push(group);
    }
    if (Number.isNaN(response)) {
      if (!reader.issues.some((i) => i.line === row.line && i.field === responseColumn))
        warnings.push(`${file}:${row.line}: ${responseColumn}: missing response, row left out`);
      continue;
    }
    const replicate = reader.optionalText(row, replicateColumn);
    observations.push({ line: row.line, group, dose, response, ...(replicate ? { replicate } : {}) });
  }
  const issues: Issue[] = [...reader.issues];
  for (const group of groups)
    if (!observations.some((o) => o.group === group))
      issues.push({
        file,
        line: firstRow.get(group)!.line,
        field: responseColumn,
        message: `group '${group}' has no usable responses (every response cell is empty or missing)`,
      });
  if (table.rows.length === 0) issues.push({ file, line: 1, message: 'no data rows' });
  if (issues.length) return fail(...issues);
  // fractions (0–1) would pass every fit as "no dose effect" and never cross 50: refused rather than guessed
  const largest = Math.max(...observations.map((o) => o.response));
  if (largest <= 1.5)
    return fail({
      file,
      line: table.rows[0]!.line,
      field: responseColumn,
      message: `responses look like fractions (the largest is ${largest}): give % viability (0–100), i.e. multiply by 100`,
    });
  return ok({
    file,
    groups,
    observations,
    doseUnit: unitFromHeader(doseColumn),
    columns: {
      group: groupColumn,
      dose: doseColumn,
      response: responseColumn,
      ...(replicateColumn ? { replicate: replicateColumn } : {}),
    },
    warnings,
  });
}

/** A header naming the dose: `dose`, `dose_uM`, `Dose (nM)`, `concentration_uM`, `conc`. */
function findDoseColumn(columns: string[]): string | undefined {
  return columns.find((c) => /^(dose|conc(entration)?)\b|^(dose|conc(entration)?)[\s_.(]/i.test(c));
}

/** The unit in a dose header (`dose_uM`, `Dose (µM)`, `conc.nM`), written with µ; '' when none. */
export function unitFromHeader(header: string): string {
  const match = /^(?:dose|conc(?:entration)?)[\s_.(]*([pnuµm]?M|[nuµm]?g\/m?L)\)?$/i.exec(header.trim());
  if (!match) return '';
  const unit = match[1]!;
  return unit.replace(/^u/i, 'µ').replace(/^([PNM])M$/, (_, p: string) => `${p.toLowerCase()}M`);
}
