/**
 * Parsers for TargetScan 7 inputs (targetscan_70.pl formats): miR_Family_info (family, 7-nt seed, species ids) and
 * UTR_Sequences (gene, species, aligned UTR with '-' gaps). Pure: they take lines, the caller opens files.
 */
import { ValidationError, type Issue } from '../model/index.js';

export interface MirnaFamily {
  id: string;
  /** miRNA nucleotides 2–8, RNA alphabet, upper case */
  seed: string;
  species: string[];
}

export interface AlignedUtr {
  species: string;
  /** as in the file: case kept (lower case = ORF overlap), T written as U, '-' gaps */
  alignment: string;
}

export interface UtrSet {
  gene: string;
  /** 1-based line of the set's first row */
  line: number;
  utrs: AlignedUtr[];
}

/** Thrown by the streaming parsers: a ValidationError with the file, line and field of the first problem. */
export class SequenceInputError extends ValidationError {
  constructor(readonly issue: Issue) {
    super([issue]);
  }
}

const SEQUENCE = /^[ACGUTNacgutn-]*$/;

/** Validates one sequence field: letters A, C, G, U, T, N (any case) and, where aligned, '-' gaps. */
export function checkSequence(sequence: string, at: Omit<Issue, 'message'>, allowGaps: boolean): void {
  // an all-gap row is a species absent from the alignment (valid); an empty field is not
  if (!sequence) throw new SequenceInputError({ ...at, message: 'empty sequence' });
  if (!SEQUENCE.test(sequence) || (!allowGaps && sequence.includes('-'))) {
    const bad = [...sequence].findIndex((ch) => !/[ACGUTNacgutn]/.test(ch) && !(allowGaps && ch === '-'));
    throw new SequenceInputError({
      ...at,
      message: `character '${sequence[bad]}' at position ${bad + 1} is not one of A C G U T N${allowGaps ? ' -' : ''}`,
    });
  }
}

/** Parses a miR_Family_info file (`family<TAB>seed<TAB>species;species…`); seeds must be 7 nt. */
export function parseFamilyInfo(lines: Iterable<string>, file: string): MirnaFamily[] {
  const families: MirnaFamily[] = [];
  const seen = new Map<string, number>();
  let number = 0;
  for (const raw of lines) {
    number++;
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const [id = '', seedField = '', speciesField = ''] = line.split('\t');
    const at = { file, line: number };
    if (!id) throw new SequenceInputError({ ...at, field: 'family', message: 'missing family id' });
    if (number === 1 && /^(miR[_ ]?family|family)/i.test(id) && !/^[ACGUTacgut]{7}$/.test(seedField))
      continue; // header
    const seed = seedField.toUpperCase().replace(/T/g, 'U');
    if (!/^[ACGU]{7}$/.test(seed)) {
      throw new SequenceInputError({
        ...at,
        field: 'seed',
        message: `'${seedField}' is not a 7-nt seed (A, C, G, U/T)`,
      });
    }
    const species = speciesField
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!species.length) throw new SequenceInputError({ ...at, field: 'species', message: 'no species ids' });
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new SequenceInputError({
        ...at,
        field: 'family',
        message: `duplicated family id '${id}' (first on line ${previous})`,
      });
    }
    seen.set(id, number);
    families.push({ id, seed, species });
  }
  if (!families.length) throw new SequenceInputError({ file, field: 'file', message: 'no miRNA families' });
  return families;
}

/**
 * Streams a UTR_Sequences file as gene sets (consecutive rows of one gene). A gene id that reappears after other
 * genes, or a species repeated within a gene, is a duplicated id and an error.
 */
export async function* parseUtrSequences(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
): AsyncGenerator<UtrSet> {
  let current: UtrSet | undefined;
  const finished = new Map<string, number>();
  let number = 0;
  for await (const raw of lines) {
    number++;
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const fields = line.split('\t');
    const at = { file, line: number };
    if (fields.length < 3) {
      throw new SequenceInputError({
        ...at,
        field: 'row',
        message: `expected gene<TAB>species<TAB>sequence, found ${fields.length} field(s)`,
      });
    }
    const [gene = '', species = '', alignment = ''] = fields;
    if (!species) continue; // targetscan_70.pl skips rows without a species (consensus rows)
    if (!gene) throw new SequenceInputError({ ...at, field: 'gene', message: 'missing gene id' });
    checkSequence(alignment, { ...at, field: 'sequence' }, true);
    if (!current || current.gene !== gene) {
      if (current) {
        finished.set(current.gene, current.line);
        yield current;
      }
      const earlier = finished.get(gene);
      if (earlier !== undefined) {
        throw new SequenceInputError({
          ...at,
          field: 'gene',
          message: `duplicated gene id '${gene}' (its rows started on line ${earlier})`,
        });
      }
      current = { gene, line: number, utrs: [] };
    }
    if (current.utrs.some((u) => u.species === species)) {
      throw new SequenceInputError({
        ...at,
        field: 'species',
        message: `duplicated species ${species} for gene '${gene}'`,
      });
    }
    current.utrs.push({ species, alignment: alignment.replace(/[Tt]/g, 'U') });
  }
  if (current) yield current;
}
