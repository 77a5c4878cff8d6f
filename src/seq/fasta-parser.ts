/** Streaming FASTA (miRBase mature, users' UTR FASTA): one record per `>id description` header. */
import { checkSequence, SequenceInputError } from './targetscan-inputs.js';

export interface FastaRecord {
  id: string;
  description: string;
  /** upper case, T written as U */
  sequence: string;
  line: number;
}

/** Parses FASTA lines; empty sequences, letters outside ACGUTN and duplicated ids are errors with line numbers. */
export async function* parseFasta(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
): AsyncGenerator<FastaRecord> {
  let current: { id: string; description: string; line: number; parts: string[] } | undefined;
  const seen = new Map<string, number>();
  let number = 0;
  const finish = (): FastaRecord | undefined => {
    if (!current) return undefined;
    const sequence = current.parts.join('');
    checkSequence(sequence, { file, line: current.line, field: 'sequence' }, false);
    return {
      id: current.id,
      description: current.description,
      sequence: sequence.toUpperCase().replace(/T/g, 'U'),
      line: current.line,
    };
  };
  for await (const raw of lines) {
    number++;
    const line = raw.replace(/\r$/, '').trim();
    if (!line) continue;
    if (line.startsWith('>')) {
      const done = finish();
      if (done) yield done;
      const [id = '', ...rest] = line.slice(1).trim().split(/\s+/);
      if (!id)
        throw new SequenceInputError({ file, line: number, field: 'header', message: 'missing id after >' });
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        throw new SequenceInputError({
          file,
          line: number,
          field: 'header',
          message: `duplicated id '${id}' (first on line ${earlier})`,
        });
      }
      seen.set(id, number);
      current = { id, description: rest.join(' '), line: number, parts: [] };
    } else {
      if (!current)
        throw new SequenceInputError({
          file,
          line: number,
          field: 'sequence',
          message: 'sequence before the first > header',
        });
      current.parts.push(line);
    }
  }
  const last = finish();
  if (last) yield last;
}
