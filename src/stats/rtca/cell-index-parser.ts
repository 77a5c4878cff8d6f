/** Cell-index tables of real-time cell analysers (xCELLigence RTCA/iCELLigence wide exports, or long time, well, CI[, group]) and plate layouts. */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import type { DelimitedTable, TableRow } from '../delimited-table.js';
import { parseDelimitedTable, parseNumber, TableReader } from '../delimited-table.js';

/** One well's trace, aligned with `CellIndexData.times` (NaN where the well has no reading). */
export interface CellIndexWell {
  well: string;
  /** group from a long table's group column, if any (a layout file overrides it) */
  group?: string;
  treatment?: string;
  cellIndex: number[];
}

export interface CellIndexData {
  file: string;
  format: 'wide' | 'long';
  /** sampled times in hours, ascending */
  times: number[];
  wells: CellIndexWell[];
}

export interface LayoutEntry {
  well: string;
  group: string;
  treatment?: string;
  line: number;
}

export interface PlateLayout {
  file: string;
  entries: LayoutEntry[];
}

const TIME_ALIASES = [
  'Time (Hour)',
  'Time (Hours)',
  'Time (h)',
  'time_h',
  'Time (hr)',
  'Time',
  'Hours',
  'Hour',
  'Elapsed (h)',
];
const WELL_ALIASES = ['well', 'well id', 'well_id', 'position'];
const CI_ALIASES = ['cell_index', 'cell index', 'ci', 'cellindex', 'normalized cell index'];
const GROUP_ALIASES = ['group', 'line', 'cell line', 'cell_line', 'condition', 'sample'];
const TREATMENT_ALIASES = ['treatment', 'drug', 'compound'];
/** columns of RTCA software exports that are not wells */
const NON_WELL_COLUMNS = [
  'time interval',
  'interval',
  'sweep',
  'date time',
  'datetime',
  'date',
  'time (hh:mm:ss)',
  'time (hh:mm)',
];
const MISSING = ['NA', 'NaN', 'N/A'];

/** Matching key of a well name: `A1`, `A01` and `a 1` are the same well. */
export function wellKey(well: string): string {
  const m = /^([A-Za-z]{1,2})\s*0*(\d{1,3})$/.exec(well.trim());
  return m ? `${m[1]!.toUpperCase()}${Number(m[2])}` : well.trim().toLowerCase();
}

/** Parses a wide or long cell-index table (format recognised from the header). */
export function parseCellIndexTable(text: string, file: string): Result<CellIndexData> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const reader = new TableReader(table.value);
  if (table.value.rows.length === 0) return fail({ file, message: 'no data rows' });
  const isLong = reader.column(...WELL_ALIASES) !== undefined && reader.column(...CI_ALIASES) !== undefined;
  return isLong ? parseLong(reader) : parseWide(reader);
}

/** Hours from a number or an elapsed `h:mm[:ss]` text; undefined (with an issue) otherwise. */
function readTime(reader: TableReader, row: TableRow, column: string): number | undefined {
  const raw = row.cells[column] ?? '';
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/.exec(raw);
  if (clock) return Number(clock[1]) + Number(clock[2]) / 60 + Number(clock[3] ?? 0) / 3600;
  const value = reader.number(row, column);
  return Number.isFinite(value) ? value : undefined;
}

function parseWide(reader: TableReader): Result<CellIndexData> {
  const table: DelimitedTable = reader.table;
  const timeColumn = reader.requireColumn(...TIME_ALIASES);
  if (reader.issues.length) return fail(...reader.issues);
  const wellColumns = table.columns.filter(
    (c) => c !== timeColumn && !NON_WELL_COLUMNS.includes(c.toLowerCase().replace(/\s+/g, ' ')),
  );
  if (wellColumns.length === 0)
    return fail({
      file: table.file,
      line: reader.headerLine(),
      message: 'no well columns after the time column',
    });
  const times: number[] = [];
  const values: number[][] = wellColumns.map(() => []);
  const seen = new Map<number, number>();
  for (const row of table.rows) {
    const t = readTime(reader, row, timeColumn);
    if (t !== undefined) {
      if (seen.has(t)) reader.report(row, timeColumn, `time ${t} h already on line ${seen.get(t)}`);
      seen.set(t, row.line);
    }
    times.push(t ?? NaN);
    wellColumns.forEach((c, i) =>
      values[i]!.push(reader.number(row, c, { missing: MISSING, allowEmpty: true })),
    );
  }
  if (reader.issues.length) return fail(...reader.issues);
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  return ok({
    file: table.file,
    format: 'wide',
    times: order.map((i) => times[i]!),
    wells: wellColumns.map((well, w) => ({ well, cellIndex: order.map((i) => values[w]![i]!) })),
  });
}

function parseLong(reader: TableReader): Result<CellIndexData> {
  const table = reader.table;
  const timeColumn = reader.requireColumn(...TIME_ALIASES);
  const wellColumn = reader.requireColumn(...WELL_ALIASES);
  const ciColumn = reader.requireColumn(...CI_ALIASES);
  const groupColumn = reader.column(...GROUP_ALIASES);
  const treatmentColumn = reader.column(...TREATMENT_ALIASES);
  if (reader.issues.length) return fail(...reader.issues);
  const byWell = new Map<
    string,
    { well: string; group?: string; treatment?: string; points: Map<number, number> }
  >();
  const lines = new Map<string, number>();
  for (const row of table.rows) {
    const t = readTime(reader, row, timeColumn);
    const well = reader.text(row, wellColumn);
    const ci = reader.number(row, ciColumn, { missing: MISSING, allowEmpty: true });
    const group = reader.optionalText(row, groupColumn);
    const treatment = reader.optionalText(row, treatmentColumn);
    if (t === undefined || well === '') continue;
    const key = wellKey(well);
    const entry = byWell.get(key) ?? { well, group, treatment, points: new Map<number, number>() };
    byWell.set(key, entry);
    const pointKey = `${key}@${t}`;
    if (lines.has(pointKey)) {
      reader.report(
        row,
        wellColumn,
        `well ${well} at ${t} h already on line ${lines.get(pointKey)} (duplicated well)`,
      );
      continue;
    }
    lines.set(pointKey, row.line);
    if (group !== entry.group && groupColumn)
      reader.report(
        row,
        groupColumn,
        `well ${well} is '${entry.group ?? ''}' on earlier lines, '${group ?? ''}' here`,
      );
    entry.points.set(t, ci);
  }
  if (reader.issues.length) return fail(...reader.issues);
  const times = [...new Set([...byWell.values()].flatMap((w) => [...w.points.keys()]))].sort((a, b) => a - b);
  return ok({
    file: table.file,
    format: 'long',
    times,
    wells: [...byWell.values()].map((w) => ({
      well: w.well,
      ...(w.group !== undefined ? { group: w.group } : {}),
      ...(w.treatment !== undefined ? { treatment: w.treatment } : {}),
      cellIndex: times.map((t) => w.points.get(t) ?? NaN),
    })),
  });
}

/** Parses a plate layout: well, group[, treatment]. */
export function parseRtcaLayout(text: string, file: string): Result<PlateLayout> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const reader = new TableReader(table.value);
  const wellColumn = reader.requireColumn(...WELL_ALIASES);
  const groupColumn = reader.requireColumn(...GROUP_ALIASES);
  const treatmentColumn = reader.column(...TREATMENT_ALIASES);
  if (reader.issues.length) return fail(...reader.issues);
  if (table.value.rows.length === 0) return fail({ file, message: 'no wells in the layout' });
  const entries: LayoutEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const well = reader.text(row, wellColumn);
    const group = reader.text(row, groupColumn);
    const treatment = reader.optionalText(row, treatmentColumn);
    if (well === '' || group === '') continue;
    const key = wellKey(well);
    if (seen.has(key)) {
      reader.report(row, wellColumn, `well ${well} already on line ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row.line);
    entries.push({ well, group, line: row.line, ...(treatment !== undefined ? { treatment } : {}) });
  }
  return reader.result({ file, entries });
}

/** A numeric option given as text (CLI), e.g. `--window 24,48`. */
export function parseWindowOption(text: string): Result<[number, number]> {
  const parts = text.split(/[,;:]|\s+-\s+|\.\./).map((p) => parseNumber(p.trim()));
  if (parts.length !== 2 || parts.some((p) => p === undefined))
    return fail({ field: 'window', message: `'${text}' is not a window 'A,B' in hours` } satisfies Issue);
  return ok([parts[0]!, parts[1]!]);
}
