/** Header-based tab-separated tables with `#` comments, as the bundled model and scenario files use. */
import { fail, ok, type Issue, type Result } from '../model/index.js';

export interface TsvRow {
  line: number;
  cells: Record<string, string>;
}

/** Parses a TSV whose first non-comment line is the header; checks required columns exist. */
export function parseTsvTable(text: string, file: string, required: readonly string[]): Result<TsvRow[]> {
  const rows: TsvRow[] = [];
  let header: string[] | undefined;
  const issues: Issue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const fields = raw.split('\t').map((f) => f.trim());
    if (!header) {
      header = fields;
      for (const column of required)
        if (!header.includes(column)) issues.push({ file, line, field: column, message: 'missing column' });
      return;
    }
    if (fields.length > header.length)
      issues.push({ file, line, message: `${fields.length} fields but the header has ${header.length}` });
    const cells: Record<string, string> = {};
    header.forEach((column, c) => (cells[column] = fields[c] ?? ''));
    rows.push({ line, cells });
  });
  if (!header) issues.push({ file, message: 'no header line' });
  return issues.length ? fail(...issues) : ok(rows);
}

/** Parses `A=1;B=0` assignments (levels are non-negative integers). */
export function parseAssignments(
  text: string,
  where: { file: string; line: number; field: string },
): Result<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const part of text.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(\d+)$/.exec(part);
    if (!m) return fail({ ...where, message: `expected NODE=level, got '${part}'` });
    out[m[1]!] = Number(m[2]);
  }
  return ok(out);
}
