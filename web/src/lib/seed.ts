/** The seed of a mature miRNA: nucleotides 2–8 from its 5′ end (Bartel 2009, Cell 136:215). */

export interface SeedSplit {
  before: string;
  seed: string;
  after: string;
}

/**
 * Splits a mature sequence into nt 1, the seed (nt 2–8) and the rest; undefined when the sequence is shorter than 8 nt
 * or disagrees with the stated seed.
 */
export function splitSeed(sequence: string | undefined, statedSeed?: string): SeedSplit | undefined {
  if (!sequence || sequence.length < 8) return undefined;
  const split = { before: sequence.slice(0, 1), seed: sequence.slice(1, 8), after: sequence.slice(8) };
  if (statedSeed !== undefined && statedSeed !== split.seed) return undefined;
  return split;
}
