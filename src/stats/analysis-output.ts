/**
 * What every lab-data analysis returns: JSON for `--json`, tidy tables with every intermediate value (written as
 * CSV so users can audit each number), SVG figures, and warnings/QC flags in words.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | null | undefined;

/** A tidy table: one row per observation, one column per variable. */
export interface TidyTable {
  columns: string[];
  rows: Cell[][];
}

export interface AnalysisOutput<J = unknown> {
  /** the analysis name, e.g. `qpcr` */
  analysis: string;
  /** the JSON document `--json` prints */
  json: J;
  /** tidy tables by file stem, e.g. `{ results: …, replicates: … }` → results.csv, replicates.csv */
  tables: Record<string, TidyTable>;
  /** SVG documents by file stem */
  figures: Record<string, string>;
  /** human-readable warnings (QC flags, fits that failed), also inside `json` where the issue says */
  warnings: string[];
  /** per-feature changes (miRNA or gene vs the reference group), for linking to the knowledge graph */
  changes?: FeatureChange[];
}

/** One feature's change between a group and the reference (calibrator/parental) group. */
export interface FeatureChange {
  /** the feature as named in the user's file, e.g. `miR-770-5p`, `hsa-miR-21-5p`, `PTEN` */
  feature: string;
  group: string;
  referenceGroup: string;
  /** log2 of the fold change group / reference (negative = lower in `group`) */
  log2FoldChange: number;
  p: number;
  /** adjusted p (BH) where the analysis computes one */
  q?: number;
  /** passed the analysis's significance rule (stated in `rule`) */
  significant: boolean;
  rule: string;
}

/** Builds a tidy table from objects, columns in the given order. */
export function tidyTable<T extends Record<string, Cell>>(
  columns: (keyof T & string)[],
  rows: T[],
): TidyTable {
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

/** CSV text of a tidy table (RFC 4180 quoting; numbers at full precision; NaN/missing as empty). */
export function tidyTableToCsv(table: TidyTable): string {
  const cell = (v: Cell): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number')
      return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'Inf' : '-Inf';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return v;
  };
  return stringify([table.columns, ...table.rows.map((r) => r.map(cell))]);
}

/** JSON-safe number: NaN and infinities become null. */
export function jsonNumber(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/**
 * A group name that reads as the reference (parental / control / sensitive) side, as a word anywhere in the name
 * (`Parental`, `MCF7_parental`, `SKBR3 sensitive`, `vehicle`), so a default never depends on row order alone.
 */
const REFERENCE_GROUP_WORD =
  /(^|[^a-z0-9])(parental|control|ctrl|vehicle|untreated|wt|wild[ -]?type|sensitive|normal|dmso|mock)([^a-z0-9]|$)/i;

/** Whether a group's name reads as a reference (parental/control) group. */
export function readsAsReferenceGroup(name: string): boolean {
  return REFERENCE_GROUP_WORD.test(name);
}

/**
 * The reference group: the one requested (case-insensitive; an issue naming `--reference-group` if absent),
 * else the first group whose name reads as parental/control (`readsAsReferenceGroup`), else the first group.
 */
export function chooseReferenceGroup(
  groups: readonly string[],
  requested: string | undefined,
): { ok: true; value: string } | { ok: false; issues: { field: string; message: string }[] } {
  if (requested !== undefined) {
    const found = groups.find((g) => g.toLowerCase() === requested.toLowerCase());
    if (!found)
      return {
        ok: false,
        issues: [
          {
            field: '--reference-group',
            message: `'${requested}' is not a group (groups: ${groups.join(', ')})`,
          },
        ],
      };
    return { ok: true, value: found };
  }
  return { ok: true, value: groups.find(readsAsReferenceGroup) ?? groups[0]! };
}
