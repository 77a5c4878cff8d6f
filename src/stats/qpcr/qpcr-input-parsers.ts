/**
 * RT-qPCR inputs read into one list of reactions: a long table (`sample,group,target,ct[,well,replicate]`), the
 * Bio-Rad CFX Maestro "Quantification Cq Results" CSV, the Thermo QuantStudio results text (`* key = value`
 * header, `[Results]` table) and a sample map (well → sample, group[, target]) for exports that lack them.
 */
import type { Result } from '../../model/index.js';
import { fail } from '../../model/index.js';
import { guessDelimiter, parseDelimitedTable, TableReader } from '../delimited-table.js';
import { NO_CT_TOKENS, type QpcrFormat, type QpcrPlate } from './qpcr-measurement.js';
import { parseRdml } from './rdml-parser.js';
import {
  GROUP_COLUMN,
  resolveReactions,
  SAMPLE_COLUMN,
  TARGET_COLUMN,
  wellCell,
  type RawReaction,
  type SampleMap,
} from './reaction-resolver.js';

export { parseSampleMap, type SampleMap, type SampleMapEntry } from './reaction-resolver.js';

/** A file handed in by the shell: its text, its name for messages, and its bytes when it may be binary (RDML). */
export interface QpcrSource {
  text: string;
  file: string;
  /** raw bytes, needed for a zipped `.rdml` file */
  bytes?: Uint8Array;
}

const SAMPLE = SAMPLE_COLUMN;
const GROUP = GROUP_COLUMN;
const TARGET = TARGET_COLUMN;
const CT = ['ct', 'cq', 'Cт'];
const REPLICATE = ['replicate', 'tech_rep', 'technical replicate', 'rep'];

/** Guesses the input format from the content: RDML (zip or XML), QuantStudio, CFX, or a long table. */
export function detectQpcrFormat(text: string, bytes?: Uint8Array): QpcrFormat | undefined {
  if (bytes && bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
    return 'rdml';
  const head = text.replace(/^\uFEFF/, '').slice(0, 50_000);
  if (/<rdml[\s>]/.test(head)) return 'rdml';
  if (/^\s*\[Results\]\s*$/m.test(head) || /^\*\s*[^=\n]+=/m.test(head)) return 'quantstudio';
  const header = head.split(/\r?\n/).find((l) => l.trim() !== '');
  if (header === undefined) return undefined;
  const cells = header.split(guessDelimiter(header)).map((c) =>
    c
      .trim()
      .replace(/^"|"$/g, '')
      .toLowerCase()
      .replace(/[\s_.]+/g, ' '),
  );
  const has = (names: string[]) => names.some((n) => cells.includes(n));
  if (has(['well position']) && has(['sample name'])) return 'quantstudio';
  if (has(['fluor']) && has(['cq'])) return 'cfx';
  if (has(SAMPLE) && has(TARGET) && has(CT)) return 'long';
  return undefined;
}

/** Parses any supported qPCR input (format detected unless given; long table by default) and applies the sample map. */
export function parseQpcrPlate(
  source: QpcrSource,
  options: { format?: QpcrFormat; sampleMap?: SampleMap } = {},
): Result<QpcrPlate> {
  // an unrecognised delimited table is read as the long format, whose missing-column issue says what to fix
  const format =
    options.format ??
    detectQpcrFormat(source.text, source.bytes) ??
    (source.text.trim() ? 'long' : undefined);
  switch (format) {
    case 'long':
      return parseLongQpcrTable(source.text, source.file, options.sampleMap);
    case 'cfx':
      return parseCfxCqResults(source.text, source.file, options.sampleMap);
    case 'quantstudio':
      return parseQuantStudioResults(source.text, source.file, options.sampleMap);
    case 'rdml':
      return parseRdml(source.bytes ?? source.text, source.file, options.sampleMap);
    default:
      return fail({
        file: source.file,
        line: 1,
        field: 'format',
        message:
          'not a recognised qPCR file: expected a long table (sample,group,target,ct), a Bio-Rad CFX ' +
          '"Quantification Cq Results" export, a QuantStudio results export or RDML',
      });
  }
}

/** Long table: one row per reaction, columns sample, group, target, ct (or cq), optional well and replicate. */
export function parseLongQpcrTable(text: string, file: string, sampleMap?: SampleMap): Result<QpcrPlate> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const sample = r.requireColumn(...SAMPLE);
  const group = r.requireColumn(...GROUP);
  const target = r.requireColumn(...TARGET);
  const ct = r.requireColumn(...CT);
  if (r.issues.length) return fail(...r.issues);
  const well = r.column('well', 'well position', 'position');
  const replicate = r.column(...REPLICATE);
  const raw: RawReaction[] = table.value.rows.map((row) => {
    const rawCt = row.cells[ct] ?? '';
    return {
      line: row.line,
      well: wellCell(r, row, well),
      sample: r.text(row, sample),
      group: r.text(row, group),
      target: r.text(row, target),
      replicate:
        replicate !== undefined && row.cells[replicate]
          ? r.number(row, replicate, { integer: true, min: 1 })
          : undefined,
      ct: r.number(row, ct, { missing: NO_CT_TOKENS, min: 0 }),
      rawCt,
    };
  });
  if (r.issues.length) return fail(...r.issues);
  return resolveReactions(raw, { file, format: 'long', wellField: well ?? 'well', sampleMap, metadata: {} });
}

/** Bio-Rad CFX Maestro/Manager "Quantification Cq Results" CSV (no Cq = `NaN` or empty). */
export function parseCfxCqResults(text: string, file: string, sampleMap?: SampleMap): Result<QpcrPlate> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => /(^|[,;\t])\s*"?Well"?\s*([,;\t]|$)/i.test(l) && /Cq/i.test(l));
  if (headerIndex < 0)
    return fail({
      file,
      line: 1,
      field: 'Well',
      message: 'no header row with Well and Cq columns (CFX export)',
    });
  // CFX writes an unnamed first column (the row index); name it so the header has no empty name
  if (/^\s*[,;\t]/.test(lines[headerIndex]!)) lines[headerIndex] = `Row${lines[headerIndex]!.trimStart()}`;
  const table = parseDelimitedTable(lines.join('\n'), file, { skipLines: headerIndex });
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const well = r.requireColumn('Well');
  const cq = r.requireColumn('Cq', 'Ct');
  if (r.issues.length) return fail(...r.issues);
  const fluor = r.column('Fluor', 'Dye');
  const target = r.column('Target', 'Gene');
  const content = r.column('Content', 'Type');
  const sample = r.column('Sample');
  const group = r.column('Biological Set Name', 'Biological Group', 'Group');
  const raw: RawReaction[] = table.value.rows.map((row) => {
    const kind = r.optionalText(row, content) ?? 'Unkn';
    return {
      line: row.line,
      well: wellCell(r, row, well, true),
      fluor: r.optionalText(row, fluor),
      sample: r.optionalText(row, sample),
      group: r.optionalText(row, group),
      target: r.optionalText(row, target),
      ct: r.number(row, cq, { missing: NO_CT_TOKENS, allowEmpty: true, min: 0 }),
      rawCt: row.cells[cq] ?? '',
      control: controlReason(kind, /^unkn/i),
    };
  });
  if (r.issues.length) return fail(...r.issues);
  return resolveReactions(raw, { file, format: 'cfx', wellField: well, sampleMap, metadata: {} });
}

/** Thermo QuantStudio / 7500 results text: `* key = value` header lines, then a `[Results]` table. */
export function parseQuantStudioResults(
  text: string,
  file: string,
  sampleMap?: SampleMap,
): Result<QpcrPlate> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const metadata: Record<string, string> = {};
  for (const line of lines) {
    const m = /^\*\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) metadata[m[1]!] = m[2]!;
  }
  const section = lines.findIndex((l) => /^\s*\[Results\]\s*$/i.test(l));
  let headerIndex = -1;
  if (section >= 0) headerIndex = lines.findIndex((l, i) => i > section && l.trim() !== '');
  else headerIndex = lines.findIndex((l) => /Well Position/i.test(l) && !l.startsWith('*'));
  if (headerIndex < 0)
    return fail({ file, line: 1, field: '[Results]', message: 'no [Results] section (QuantStudio export)' });
  const next = lines.findIndex((l, i) => i > headerIndex && /^\s*\[[^\]]+\]\s*$/.test(l));
  const body = lines.slice(0, next < 0 ? lines.length : next).join('\n');
  const table = parseDelimitedTable(body, file, { skipLines: headerIndex });
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const position = r.column('Well Position') ?? r.requireColumn('Well Position', 'Well');
  const ct = r.requireColumn('CT', 'Cq', 'Cт', 'Ct');
  if (r.issues.length) return fail(...r.issues);
  const sample = r.column('Sample Name', 'Sample');
  const target = r.column('Target Name', 'Target', 'Detector');
  const task = r.column('Task');
  const omit = r.column('Omit');
  const group = r.column('Biological Group', 'Biogroup Name', 'Group');
  const fluor = r.column('Reporter');
  const raw: RawReaction[] = [];
  for (const row of table.value.rows) {
    const s = r.optionalText(row, sample);
    const t = r.optionalText(row, target);
    const rawCt = row.cells[ct] ?? '';
    if (s === undefined && t === undefined && rawCt === '') continue; // an unused well the software lists
    const omitted = /^true$/i.test(r.optionalText(row, omit) ?? '');
    raw.push({
      line: row.line,
      well: wellCell(r, row, position, true),
      fluor: r.optionalText(row, fluor),
      sample: s,
      group: r.optionalText(row, group),
      target: t,
      ct: r.number(row, ct, { missing: NO_CT_TOKENS, allowEmpty: true, min: 0 }),
      rawCt,
      control: omitted
        ? 'omitted in the instrument software'
        : controlReason(r.optionalText(row, task) ?? 'UNKNOWN', /^unknown$/i),
    });
  }
  if (r.issues.length) return fail(...r.issues);
  return resolveReactions(raw, { file, format: 'quantstudio', wellField: position, sampleMap, metadata });
}

/** The reason a reaction of this kind is not a sample measurement, or undefined for an unknown (sample). */
function controlReason(kind: string, unknown: RegExp): string | undefined {
  if (unknown.test(kind.trim())) return undefined;
  if (/^(ntc|nrt|neg|no template|negative)/i.test(kind)) return `negative control (${kind})`;
  if (/^(std|standard)/i.test(kind)) return `standard (${kind})`;
  if (/^pos/i.test(kind)) return `positive control (${kind})`;
  return `not an unknown sample (${kind})`;
}
