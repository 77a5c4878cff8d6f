/**
 * From reactions as files give them to sample measurements: the sample map (well → sample, group[, target]),
 * duplicated-well and one-group-per-sample checks, controls set aside. Shared by every qPCR input parser.
 */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import { parseDelimitedTable, TableReader, type DelimitedTable } from '../delimited-table.js';
import {
  normaliseWell,
  type QpcrFormat,
  type QpcrPlate,
  type QpcrWell,
  type SkippedWell,
} from './qpcr-measurement.js';

/** Column aliases shared by the long table and the sample map. */
export const SAMPLE_COLUMN = ['sample', 'sample name', 'sample_id', 'sample id'];
export const GROUP_COLUMN = [
  'group',
  'condition',
  'biological group',
  'biogroup name',
  'biological set name',
];
export const TARGET_COLUMN = ['target', 'target name', 'gene', 'assay', 'detector'];

/** One row of a sample map. */
export interface SampleMapEntry {
  line: number;
  well: string;
  sample: string;
  group: string;
  target?: string;
}

export interface SampleMap {
  file: string;
  entries: SampleMapEntry[];
}

/** A reaction as an instrument export gives it, before the sample map fills what it lacks. */
export interface RawReaction {
  line: number;
  well?: string;
  fluor?: string;
  sample?: string;
  group?: string;
  target?: string;
  replicate?: number;
  ct: number;
  rawCt: string;
  /** why the reaction is not a sample measurement (NTC, standard, omitted), if so */
  control?: string;
}

/** Sample map: `well,sample,group[,target]`, one row per well (or per well × target for multiplex plates). */
export function parseSampleMap(text: string, file: string): Result<SampleMap> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const well = r.requireColumn('well', 'well position', 'position');
  const sample = r.requireColumn(...SAMPLE_COLUMN);
  const group = r.requireColumn(...GROUP_COLUMN);
  if (r.issues.length) return fail(...r.issues);
  const target = r.column(...TARGET_COLUMN);
  const entries: SampleMapEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const w = wellCell(r, row, well, true);
    const entry: SampleMapEntry = {
      line: row.line,
      well: w ?? '',
      sample: r.text(row, sample),
      group: r.text(row, group),
      target: r.optionalText(row, target),
    };
    if (w === undefined) continue;
    const key = `${w}|${entry.target ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      r.report(
        row,
        well,
        `well ${w}${entry.target ? ` (${entry.target})` : ''} already mapped at line ${first}`,
      );
    else seen.set(key, row.line);
    entries.push(entry);
  }
  return r.result({ file, entries });
}

/** Reads a plate position cell (an issue if it is not one); undefined when the column is absent or empty. */
export function wellCell(
  r: TableReader,
  row: DelimitedTable['rows'][number],
  column: string | undefined,
  required = false,
): string | undefined {
  if (column === undefined) return undefined;
  const raw = row.cells[column] ?? '';
  if (raw === '') {
    if (required) r.report(row, column, 'empty well position');
    return undefined;
  }
  const w = normaliseWell(raw);
  if (w === undefined) r.report(row, column, `'${raw}' is not a well position (expected e.g. A1 or A01)`);
  return w;
}

interface ResolveContext {
  file: string;
  format: QpcrFormat;
  /** the column name of the well, for issues */
  wellField: string;
  sampleMap?: SampleMap;
  metadata: Record<string, string>;
}

/**
 * Turns raw reactions into sample measurements: rejects duplicated wells, sets controls aside (warning when a
 * negative control amplified), fills sample/group/target from the sample map (the map is authoritative for
 * sample and group; the export's target wins when it has one), and checks each sample sits in one group.
 */
export function resolveReactions(raw: readonly RawReaction[], ctx: ResolveContext): Result<QpcrPlate> {
  const { file } = ctx;
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const wells: QpcrWell[] = [];
  const skipped: SkippedWell[] = [];
  const seenWell = new Map<string, number>();
  const seenReplicate = new Map<string, number>();
  const groupOf = new Map<string, { group: string; line: number }>();
  const map = ctx.sampleMap ? indexSampleMap(ctx.sampleMap) : undefined;
  const usedMapRows = new Set<SampleMapEntry>();
  for (const x of raw) {
    const channel = x.fluor ?? x.target ?? '';
    if (x.well !== undefined) {
      const key = `${x.well}|${channel}`;
      const first = seenWell.get(key);
      if (first !== undefined) {
        issues.push({
          file,
          line: x.line,
          field: ctx.wellField,
          message: `duplicated well: ${x.well}${channel ? ` (${channel})` : ''} already at line ${first}`,
        });
        continue;
      }
      seenWell.set(key, x.line);
    }
    if (x.control !== undefined) {
      skipped.push({
        line: x.line,
        well: x.well,
        sample: x.sample,
        target: x.target,
        ct: x.ct,
        reason: x.control,
      });
      continue;
    }
    let { sample, group, target } = x;
    if (map) {
      const entry = x.well !== undefined ? lookupSampleMap(map, x.well, target) : undefined;
      if (entry === 'ambiguous') {
        issues.push({
          file,
          line: x.line,
          field: ctx.wellField,
          message: `well ${x.well} has several targets in the sample map but this reaction names none`,
        });
        continue;
      }
      if (entry === undefined) {
        issues.push({
          file,
          line: x.line,
          field: ctx.wellField,
          message: x.well
            ? `well ${x.well} is not in the sample map ${ctx.sampleMap!.file}`
            : `no well position to look up in the sample map ${ctx.sampleMap!.file}`,
        });
        continue;
      }
      usedMapRows.add(entry);
      sample = entry.sample;
      group = entry.group;
      target = target ?? entry.target;
    }
    const where = x.well ? ` for well ${x.well}` : '';
    const missing = (field: string, hint: string) =>
      issues.push({ file, line: x.line, field, message: `no ${field}${where}: ${hint}` });
    if (!sample) missing('sample', 'give a sample map (well,sample,group)');
    if (!group)
      missing('group', 'give a sample map (well,sample,group) or a group/Biological Set Name column');
    if (!target)
      missing('target', 'name the target in the export or in the sample map (well,sample,group,target)');
    if (!sample || !group || !target) continue;
    const known = groupOf.get(sample);
    if (known && known.group !== group) {
      issues.push({
        file,
        line: x.line,
        field: 'group',
        message: `sample ${sample} is in group '${known.group}' at line ${known.line} and in '${group}' here`,
      });
      continue;
    }
    if (!known) groupOf.set(sample, { group, line: x.line });
    if (x.replicate !== undefined) {
      const key = `${sample}|${target}|${x.replicate}`;
      const first = seenReplicate.get(key);
      if (first !== undefined) {
        issues.push({
          file,
          line: x.line,
          field: 'replicate',
          message: `duplicated replicate ${x.replicate} of ${sample} × ${target} (first at line ${first})`,
        });
        continue;
      }
      seenReplicate.set(key, x.line);
    }
    wells.push({
      line: x.line,
      well: x.well,
      sample,
      group,
      target,
      replicate: x.replicate,
      ct: x.ct,
      rawCt: x.rawCt,
    });
  }
  if (issues.length) return fail(...issues);
  if (wells.length === 0)
    return fail({ file, field: 'sample', message: 'no sample reactions (only controls or empty wells)' });
  const ntc = skipped.filter((s) => s.reason.startsWith('negative control') && Number.isFinite(s.ct));
  for (const s of ntc)
    warnings.push(
      `${s.reason} in well ${s.well ?? '?'}${s.target ? ` (${s.target})` : ''} amplified at Ct ${s.ct}: check for contamination or primer dimers`,
    );
  if (ctx.sampleMap) {
    const unused = ctx.sampleMap.entries.filter((e) => !usedMapRows.has(e));
    if (unused.length)
      warnings.push(
        `${unused.length} sample-map row(s) match no reaction in ${file} (wells ${unused
          .slice(0, 8)
          .map((e) => e.well)
          .join(', ')}${unused.length > 8 ? ', …' : ''})`,
      );
  }
  return ok({ file, format: ctx.format, wells, skipped, metadata: ctx.metadata, warnings });
}

function indexSampleMap(map: SampleMap): Map<string, SampleMapEntry[]> {
  const index = new Map<string, SampleMapEntry[]>();
  for (const e of map.entries) index.set(e.well, [...(index.get(e.well) ?? []), e]);
  return index;
}

/**
 * The map row for a well: the one for this target, else the well's target-less row; when the reaction names its
 * target, any row of the well gives sample and group; otherwise the well must have a single row.
 */
function lookupSampleMap(
  index: Map<string, SampleMapEntry[]>,
  well: string,
  target: string | undefined,
): SampleMapEntry | 'ambiguous' | undefined {
  const rows = index.get(well) ?? [];
  const exact = rows.find((e) => e.target !== undefined && e.target === target);
  if (exact) return exact;
  const generic = rows.find((e) => e.target === undefined);
  if (generic) return generic;
  if (target !== undefined) return rows[0];
  return rows.length === 1 ? rows[0] : rows.length > 1 ? 'ambiguous' : undefined;
}
