import { z } from 'zod';

/** The predicate vocabulary of miResist statements (issue #2); names are a public interface. */
export const PREDICATES = [
  'targets',
  'confers_resistance',
  'sensitises',
  'up_in_resistant',
  'down_in_resistant',
  'predicts_response',
  'predicts_poor_response',
  'regulates',
  'inhibits',
  'activates',
] as const;

export const Predicate = z.enum(PREDICATES);
export type Predicate = z.infer<typeof Predicate>;

type EntityKind = 'mirna' | 'gene' | 'therapy' | 'pathway';

/** What each predicate may link: subject kinds and object kinds. */
export const PREDICATE_SIGNATURES: Record<Predicate, { subject: EntityKind[]; object: EntityKind[] }> = {
  targets: { subject: ['mirna'], object: ['gene'] },
  confers_resistance: { subject: ['mirna'], object: ['therapy'] },
  sensitises: { subject: ['mirna'], object: ['therapy'] },
  // gene subjects record resistant-cell expression changes of signalling genes (seed 000: EGFR, IGF1R up)
  up_in_resistant: { subject: ['mirna', 'gene'], object: ['therapy'] },
  down_in_resistant: { subject: ['mirna', 'gene'], object: ['therapy'] },
  predicts_response: { subject: ['mirna'], object: ['therapy'] },
  predicts_poor_response: { subject: ['mirna'], object: ['therapy'] },
  // miRNA subjects: a miRNA's stated effect on a pathway as a whole (seed 003: miR-342 and ER signalling)
  regulates: { subject: ['gene', 'mirna'], object: ['gene', 'pathway'] },
  inhibits: { subject: ['therapy'], object: ['gene'] },
  activates: { subject: ['therapy'], object: ['gene'] },
};

/** Predicates whose object is a therapy: the statement's therapy is its object. */
export const THERAPY_PREDICATES: ReadonlySet<Predicate> = new Set(
  PREDICATES.filter((p) => PREDICATE_SIGNATURES[p].object.includes('therapy')),
);

/**
 * The role a miRNA has after inverting a loss-of-function claim
 * (e.g. "anti-miR-21 re-sensitised" ⇒ miR-21 confers resistance; primer of issue #2).
 */
export const INVERTED_PREDICATE: Partial<Record<Predicate, Predicate>> = {
  confers_resistance: 'sensitises',
  sensitises: 'confers_resistance',
  up_in_resistant: 'down_in_resistant',
  down_in_resistant: 'up_in_resistant',
  predicts_response: 'predicts_poor_response',
  predicts_poor_response: 'predicts_response',
};
