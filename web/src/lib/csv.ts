/** CSV text of a tidy table per RFC 4180: CRLF line ends, fields with comma, quote or line break quoted. */
import type { TidyTable } from '../../../src/api/contract.js';

type Cell = TidyTable['rows'][number][number];

/** One field: null/undefined empty, numbers as JavaScript prints them (full precision), quotes doubled. */
export function csvField(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' && !Number.isFinite(value)
      ? Number.isNaN(value)
        ? 'NA'
        : value > 0
          ? 'Inf'
          : '-Inf'
      : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole table with a header row; every record ends in CRLF. */
export function tableToCsv(table: TidyTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
