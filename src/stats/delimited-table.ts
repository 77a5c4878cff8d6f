/**
 * Users' lab tables (CSV, TSV or semicolon-separated, as instruments and Excel export them) read into rows that
 * remember their line numbers, so every problem is reported as `file:line: column: message` (STYLE.md guideline 4).
 */
import { parse } from 'csv-parse/sync';
import type { Issue, Result } from '../model/index.js';
import { fail, ok } from '../model/index.js';

export interface TableRow {
  /** 1-based line number of the row in the file */
  line: number;
  /** cell text by column name as written in the header (trimmed) */
  cells: Record<string, string>;
}

export interface DelimitedTable {
  file: string;
  /** header names, trimmed, in file order */
  columns: string[];
  rows: TableRow[];
}

export type Delimiter = ',' | '\t' | ';';

export interface ParseTableOptions {
  /** forced delimiter; otherwise guessed from the header line */
  delimiter?: Delimiter;
  /** number of physical lines before the header (instrument preambles) */
  skipLines?: number;
}

/** Guesses the delimiter from the header line: tab, then semicolon (European Excel), then comma. */
export function guessDelimiter(headerLine: string): Delimiter {
  const count = (c: string) => headerLine.split(c).length - 1;
  if (count('\t') > 0) return '\t';
  if (count(';') > count(',')) return ';';
  return ',';
}

/** Parses delimited text with a header row. Blank lines are skipped; a ragged row is an issue naming its line. */
export function parseDelimitedTable(
  text: string,
  file: string,
  options: ParseTableOptions = {},
): Result<DelimitedTable> {
  const body = text.replace(/^\uFEFF/, '');
  const physical = body.split(/\r?\n/);
  const skip = options.skipLines ?? 0;
  const headerIndex = physical.findIndex((l, i) => i >= skip && l.trim() !== '');
  if (headerIndex < 0) return fail({ file, message: 'empty file: no header row' });
  const delimiter = options.delimiter ?? guessDelimiter(physical[headerIndex]!);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(physical.slice(headerIndex).join('\n'), {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return fail({
      file,
      line: e.lines !== undefined ? e.lines + headerIndex : undefined,
      message: `not a readable ${delimiterName(delimiter)} table (${e.message})`,
    });
  }
  const [head, ...rest] = records;
  if (!head) return fail({ file, message: 'empty file: no header row' });
  const columns = head.record.map((c) => c.trim());
  const issues: Issue[] = [];
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c === '')
      issues.push({ file, line: headerIndex + 1, field: `column ${i + 1}`, message: 'empty column name' });
    else if (seen.has(c.toLowerCase()))
      issues.push({ file, line: headerIndex + 1, field: c, message: 'duplicated column name' });
    seen.add(c.toLowerCase());
  });
  const rows: TableRow[] = [];
  for (const { record, info } of rest) {
    const line = info.lines + headerIndex;
    if (record.every((c) => c.trim() === '')) continue;
    if (record.length > columns.length && record.slice(columns.length).some((c) => c.trim() !== '')) {
      issues.push({ file, line, message: `${record.length} fields but the header has ${columns.length}` });
      continue;
    }
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => (cells[c] = (record[i] ?? '').trim()));
    rows.push({ line, cells });
  }
  if (issues.length) return fail(...issues);
  return ok({ file, columns, rows });
}

function delimiterName(d: Delimiter): string {
  return d === '\t' ? 'tab-separated' : d === ';' ? 'semicolon-separated' : 'comma-separated';
}

/** Options for reading one numeric cell. */
export interface NumberCellOptions {
  /** cell texts meaning "no value" (compared case-insensitively), returned as NaN, e.g. `Undetermined`, `NaN` */
  missing?: readonly string[];
  /** the cell may be empty (returned as NaN) */
  allowEmpty?: boolean;
  min?: number;
  /** the minimum itself is not allowed */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
}

/**
 * Reads typed cells from a table, collecting every problem instead of stopping at the first, so a user fixes a
 * file in one pass. Column names are matched case-insensitively, with aliases.
 */
export class TableReader {
  readonly issues: Issue[] = [];
  constructor(readonly table: DelimitedTable) {}

  /** The header name matching any alias (case-insensitive, spaces/underscores/dots ignored), if present. */
  column(...aliases: string[]): string | undefined {
    const norm = (s: string) => s.toLowerCase().replace(/[\s_.]+/g, '');
    for (const alias of aliases) {
      const found = this.table.columns.find((c) => norm(c) === norm(alias));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Like `column`, but records a `missing column` issue on the header line when absent. */
  requireColumn(...aliases: string[]): string {
    const found = this.column(...aliases);
    if (found === undefined) {
      this.issues.push({
        file: this.table.file,
        line: this.headerLine(),
        field: aliases[0],
        message:
          `missing column (expected ${aliases.map((a) => `'${a}'`).join(' or ')}; ` +
          `the header has ${this.table.columns.map((c) => `'${c}'`).join(', ')})`,
      });
      return aliases[0]!;
    }
    return found;
  }

  /** Line number of the header row. */
  headerLine(): number {
    return this.table.rows.length ? Math.max(1, this.table.rows[0]!.line - 1) : 1;
  }

  /** Records an issue at a row and column. */
  report(row: TableRow, column: string | undefined, message: string): void {
    this.issues.push({ file: this.table.file, line: row.line, field: column, message });
  }

  /** A non-empty text cell (an issue if empty). */
  text(row: TableRow, column: string): string {
    const value = row.cells[column] ?? '';
    if (value === '') this.report(row, column, 'empty value');
    return value;
  }

  /** A text cell that may be empty or absent (undefined then). */
  optionalText(row: TableRow, column: string | undefined): string | undefined {
    if (column === undefined) return undefined;
    const value = row.cells[column] ?? '';
    return value === '' ? undefined : value;
  }

  /** A numeric cell; NaN for allowed missing tokens, an issue (and NaN) for anything else that is not a number. */
  number(row: TableRow, column: string, options: NumberCellOptions = {}): number {
    const raw = row.cells[column] ?? '';
    if (raw === '') {
      if (!options.allowEmpty) this.report(row, column, 'empty value (a number is required)');
      return NaN;
    }
    if (options.missing?.some((m) => m.toLowerCase() === raw.toLowerCase())) return NaN;
    const value = parseNumber(raw);
    if (value === undefined) {
      const allowed = options.missing?.length ? ` or ${options.missing.map((m) => `'${m}'`).join(', ')}` : '';
      const ambiguous = /^[-+]?\d{1,3},\d{3}$/.test(raw)
        ? ': a comma before three digits may be a thousands separator or a decimal comma; write the number without it'
        : '';
      this.report(row, column, `'${raw}' is not a number (expected a number${allowed})${ambiguous}`);
      return NaN;
    }
    if (options.integer && !Number.isInteger(value)) this.report(row, column, `'${raw}' is not an integer`);
    if (options.min !== undefined && (value < options.min || (options.exclusiveMin && value === options.min)))
      this.report(row, column, `${raw} is ${options.exclusiveMin ? '≤' : '<'} ${options.min}`);
    if (options.max !== undefined && value > options.max)
      this.report(row, column, `${raw} is > ${options.max}`);
    return value;
  }

  /** The collected issues as a failed result, or the value. */
  result<T>(value: T): Result<T> {
    return this.issues.length ? fail(...this.issues) : ok(value);
  }
}

/**
 * Parses a decimal number as written by instruments and spreadsheets: `1.5`, `1e-3`, and a decimal comma (`1,5`,
 * as European exports write it) — but never `1,000`, which could be a thousands separator; that is refused.
 */
export function parseNumber(raw: string): number | undefined {
  if (/^[-+]?\d{1,3},\d{3}$/.test(raw)) return undefined;
  const text = /^[-+]?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
