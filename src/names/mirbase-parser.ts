/** Parsers for the bundled miRBase release 22 files (mature/hairpin FASTA, precursor map, name history v6–v22). */
import { fail, ok, type Issue, type Result } from '../model/index.js';

export interface MirbaseEntry {
  name: string;
  accession: string;
  sequence: string;
}

export interface PrecursorLink {
  accession: string;
  name: string;
  matures: { accession: string; name: string }[];
}

export interface HistoryEntry {
  accession: string;
  /** every name the accession had, oldest first */
  names: string[];
  firstVersion: string;
  lastVersion: string;
}

export interface MirbaseData {
  mature: MirbaseEntry[];
  hairpins: MirbaseEntry[];
  precursors: PrecursorLink[];
  history: HistoryEntry[];
}

export interface MirbaseFiles {
  matureFasta: string;
  hairpinFasta: string;
  precursorMap: string;
  history: string;
}

/** Parses miRBase FASTA (`>hsa-miR-21-5p MIMAT0000076 Homo sapiens miR-21-5p` + sequence lines). */
export function parseMirbaseFasta(text: string, file: string): Result<MirbaseEntry[]> {
  const entries: MirbaseEntry[] = [];
  const issues: Issue[] = [];
  let current: MirbaseEntry | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('>')) {
      const [name, accession] = line.slice(1).split(/\s+/);
      if (!name || !accession || !/^MI(MAT)?\d{7}$/.test(accession)) {
        issues.push({ file, line: index + 1, field: 'header', message: 'expected ">name accession …"' });
        current = undefined;
        return;
      }
      current = { name, accession, sequence: '' };
      entries.push(current);
    } else if (current) {
      if (!/^[ACGUTacgut]+$/.test(line)) {
        issues.push({ file, line: index + 1, field: 'sequence', message: 'expected A, C, G, U' });
        return;
      }
      current.sequence += line.toUpperCase().replace(/T/g, 'U');
    } else {
      issues.push({ file, line: index + 1, field: 'sequence', message: 'sequence before the first header' });
    }
  });
  return issues.length ? fail(...issues) : ok(entries);
}

function tsvRows(text: string): string[][] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split('\t'));
}

/** Parses `precursor_acc precursor mature1_acc mature1 mature2_acc mature2 species`. */
export function parsePrecursorMap(text: string): PrecursorLink[] {
  return tsvRows(text).map(([accession = '', name = '', acc1 = '', name1 = '', acc2 = '', name2 = '']) => ({
    accession,
    name,
    matures: [
      { accession: acc1, name: name1 },
      { accession: acc2, name: name2 },
    ].filter((m) => m.accession),
  }));
}

/** Parses `acc names(;-separated, oldest first) first_version last_version`. */
export function parseNameHistory(text: string): HistoryEntry[] {
  return tsvRows(text).map(([accession = '', names = '', firstVersion = '', lastVersion = '']) => ({
    accession,
    names: names.split(';').filter(Boolean),
    firstVersion,
    lastVersion,
  }));
}

/** Parses all four bundled miRBase files. */
export function parseMirbase(files: MirbaseFiles): Result<MirbaseData> {
  const mature = parseMirbaseFasta(files.matureFasta, 'mature_v22_hsa.fa');
  const hairpins = parseMirbaseFasta(files.hairpinFasta, 'hairpin_v22_hsa.fa');
  if (!mature.ok || !hairpins.ok) {
    return fail(...(mature.ok ? [] : mature.issues), ...(hairpins.ok ? [] : hairpins.issues));
  }
  return ok({
    mature: mature.value,
    hairpins: hairpins.value,
    precursors: parsePrecursorMap(files.precursorMap),
    history: parseNameHistory(files.history),
  });
}
