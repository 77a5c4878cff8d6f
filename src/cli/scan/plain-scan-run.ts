/** `miresist scan --mirna …`: resolves miRNA names or reads a miRNA FASTA, scans FASTA or TargetScan UTRs. */
import { existsSync } from 'node:fs';
import { loadReferenceNames, matureSequences } from '../../kb/index.js';
import { readLines } from '../../kb/text-input.js';
import { ValidationError } from '../../model/index.js';
import { parseFasta } from '../../seq/fasta-parser.js';
import { plainScanner, type PlainMirna, type PlainSite, type PlainUtr } from '../../seq/plain-scan.js';
import { parseUtrSequences } from '../../seq/targetscan-inputs.js';

/** miRNAs from names (`miR-21` scans both arms, each named) or FASTA files (miRBase mature format). */
export async function plainMirnas(inputs: string[]): Promise<PlainMirna[]> {
  const out: PlainMirna[] = [];
  const names = loadReferenceNames();
  for (const input of inputs) {
    if (existsSync(input)) {
      for await (const record of parseFasta(readLines(input).lines, input)) {
        if (record.sequence.length < 8) {
          throw new ValidationError([
            {
              file: input,
              line: record.line,
              field: 'sequence',
              message: 'a miRNA needs at least 8 nt (seed = nt 2–8)',
            },
          ]);
        }
        out.push({ name: record.id, sequence: record.sequence });
      }
      continue;
    }
    for (const mature of matureSequences(names, [input]))
      if (!out.some((m) => m.name === mature.name)) out.push(mature);
  }
  if (!out.length) throw new ValidationError([{ field: '--mirna', message: 'no miRNA to scan' }]);
  return out;
}

/** UTRs from FASTA, or from a TargetScan UTR file (rows of one species, gaps removed). */
export async function* plainUtrs(path: string, species: string): AsyncGenerator<PlainUtr> {
  const source = readLines(path);
  const iterator = source.lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* replay(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (!first.done && first.value.startsWith('>')) {
    for await (const record of parseFasta(replay(), path)) yield { id: record.id, sequence: record.sequence };
    return;
  }
  for await (const set of parseUtrSequences(replay(), path)) {
    const utr = set.utrs.find((u) => u.species === species);
    if (utr) yield { id: set.gene, sequence: utr.alignment.replace(/-/g, '').toUpperCase() };
  }
}

/** Scans every UTR; calls `emit` per UTR's sites. */
export async function runPlainScan(
  mirnas: PlainMirna[],
  utrs: AsyncIterable<PlainUtr>,
  emit: (sites: PlainSite[]) => Promise<void>,
  options: { offset6mer?: boolean },
): Promise<{ utrs: number; nt: number; byType: Record<string, number> }> {
  const scan = plainScanner(mirnas, options);
  const byType: Record<string, number> = {};
  let count = 0;
  let nt = 0;
  for await (const utr of utrs) {
    count++;
    nt += utr.sequence.length;
    const sites = scan(utr);
    for (const s of sites) byType[s.siteType] = (byType[s.siteType] ?? 0) + 1;
    await emit(sites);
  }
  return { utrs: count, nt, byType };
}
