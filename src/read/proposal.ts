/** What the reader proposes: statements in the knowledge-graph vocabulary, each with its sentence and offsets. */
import {
  PREDICATES,
  type Context,
  type EntityRef,
  type Predicate,
  type Qualifiers,
  type Source,
} from '../model/index.js';

/** The predicates the reader proposes (issue 6): `regulates`, `inhibits` and `activates` are left to curators. */
export const READER_PREDICATES: readonly Predicate[] = PREDICATES.filter(
  (p) => p !== 'regulates' && p !== 'inhibits' && p !== 'activates',
);

/** One statement the reader found, waiting for a curator. */
export interface ProposedStatement {
  subject: EntityRef;
  predicate: Predicate;
  object: EntityRef;
  /** for non-therapy predicates (targets): the therapy the sentence or its neighbour names, if any */
  therapy?: string;
  contexts: Context[];
  qualifiers: Qualifiers;
  /** the document's source id (see `documentSource`) */
  source_id: string;
  /** the section of the document the sentence stands in (`Abstract`, `Title`, a heading) */
  section: string;
  /** the sentence, verbatim, with runs of whitespace written as one space */
  quote: string;
  /** where the sentence starts and ends (half-open) in the document's text */
  start: number;
  end: number;
  /** the words that made the reader propose it (e.g. `re-sensitised`, `targets`), for curators */
  trigger: string;
  /** the subject and object as written in the sentence */
  subject_text: string;
  object_text: string;
}

/** A read document's source record and its proposals. */
export interface ReadResult {
  source: Source;
  statements: ProposedStatement[];
  /** how many sentences the reader read in the document */
  sentences: number;
}
