/** The common shape every RT-qPCR input (long table, Bio-Rad CFX, QuantStudio, RDML) is read into. */

export type QpcrFormat = 'long' | 'cfx' | 'quantstudio' | 'rdml';

/** One reaction (well × target) with the sample and group it belongs to. */
export interface QpcrWell {
  /** 1-based line in the data file (for RDML: the line of the `<react>` element) */
  line: number;
  /** plate position, normalised to letter + number without zero padding (`A1`) */
  well?: string;
  sample: string;
  group: string;
  target: string;
  /** technical replicate number when the file gives one */
  replicate?: number;
  /** quantification cycle; NaN = no amplification (`Undetermined`, `NaN`, empty in CFX, `-1` in RDML) */
  ct: number;
  /** the Ct cell as written, so the replicates table shows what the instrument said */
  rawCt: string;
}

/** A reaction the analysis leaves out (no-template and standard wells, omitted wells), with the reason. */
export interface SkippedWell {
  line: number;
  well?: string;
  sample?: string;
  target?: string;
  ct: number;
  reason: string;
}

/** A parsed plate: usable reactions, reactions left out, instrument metadata, warnings in words. */
export interface QpcrPlate {
  file: string;
  format: QpcrFormat;
  wells: QpcrWell[];
  skipped: SkippedWell[];
  /** instrument header entries (QuantStudio `* key = value`, RDML run/instrument) */
  metadata: Record<string, string>;
  warnings: string[];
}

/** Cell texts instruments and R write for "no Ct" (case-insensitive). */
export const NO_CT_TOKENS: readonly string[] = ['Undetermined', 'NaN', 'NA', 'N/A', 'No Ct', 'No Cq'];

/** `A01`, `a1`, ` A 1 ` → `A1`; undefined when the text is not a plate position. */
export function normaliseWell(raw: string): string | undefined {
  const m = /^([A-Za-z]{1,2})\s*0*(\d{1,3})$/.exec(raw.trim());
  if (!m || Number(m[2]) === 0) return undefined;
  return `${m[1]!.toUpperCase()}${Number(m[2])}`;
}

/** Plate order (row letters, then column number) for stable well listings. */
export function compareWells(a: string | undefined, b: string | undefined): number {
  const key = (w: string | undefined): [string, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(w ?? '');
    return m ? [m[1]!.padStart(2, ' '), Number(m[2])] : ['~~', 0];
  };
  const [ra, ca] = key(a);
  const [rb, cb] = key(b);
  return ra < rb ? -1 : ra > rb ? 1 : ca - cb;
}
