import { z } from 'zod';
import { Context } from './context.js';
import { Evidence } from './evidence.js';
import { Predicate } from './predicates.js';

export const EntityKind = z.enum(['mirna', 'gene', 'therapy', 'pathway']);

/** A reference to an entity by kind and canonical id (miRNA name, HGNC symbol, therapy name, pathway name). */
export const EntityRef = z.object({ kind: EntityKind, id: z.string().min(1) });
export type EntityRef = z.infer<typeof EntityRef>;

export const LOSS_OF_FUNCTION = [
  'inhibitor',
  'antagomir',
  'knockdown',
  'loss-of-function',
  'silencing',
] as const;

/** Qualifiers refine a statement; they are part of its identity. */
export const Qualifiers = z
  .object({
    /** targets: direct (3'UTR binding shown/stated) or indirect */
    mode: z.enum(['direct', 'indirect']).optional(),
    /** the claim was about loss of the miRNA; the stored role is inverted */
    inverted: z.enum(LOSS_OF_FUNCTION).optional(),
    /** biomarkers: the level that predicts */
    level: z.enum(['high', 'low', 'decrease', 'increase']).optional(),
    sample_type: z.string().min(1).optional(),
    endpoint: z.string().min(1).optional(),
    /** regulates: activation (+) or repression (−) */
    sign: z.enum(['+', '-']).optional(),
    note: z.string().min(1).optional(),
  })
  .strict();
export type Qualifiers = z.infer<typeof Qualifiers>;

export const CurationStatus = z.enum(['curated', 'proposed', 'rejected']);

/** subject –predicate→ object, with optional therapy, contexts, qualifiers and at least one piece of evidence. */
export const Statement = z.object({
  id: z.string().min(1),
  subject: EntityRef,
  predicate: Predicate,
  object: EntityRef,
  therapy: z.string().optional(),
  contexts: z.array(Context),
  qualifiers: Qualifiers,
  evidence: z.array(Evidence).min(1),
  status: CurationStatus,
});
export type Statement = z.infer<typeof Statement>;

/** The fields that make two statements the same claim (evidence merges into one statement). */
export function statementKey(
  s: Pick<Statement, 'subject' | 'predicate' | 'object' | 'therapy' | 'qualifiers'>,
): string {
  const q = Object.entries(s.qualifiers)
    .filter(([key, value]) => value !== undefined && key !== 'note')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  return [s.subject.kind, s.subject.id, s.predicate, s.object.kind, s.object.id, s.therapy ?? '', q].join(
    '|',
  );
}
