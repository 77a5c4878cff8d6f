import { z } from 'zod';

export const EXPERIMENT_TYPES = [
  'qpcr',
  'western-blot',
  'luciferase-reporter',
  'rtca',
  'flow-cytometry',
  'xenograft',
  'microarray',
  'ngs',
  'ihc',
  'ish',
  'viability-assay',
  'colony-formation',
  'transfection',
  'clinical-cohort',
] as const;
export const ExperimentType = z.enum(EXPERIMENT_TYPES);
export type ExperimentType = z.infer<typeof ExperimentType>;

/** One piece of support for a statement: the verbatim sentence and where it stands. */
export const Evidence = z.object({
  source_id: z.string().min(1),
  section: z.string(),
  quote: z.string().min(1),
  experiments: z.array(ExperimentType),
  /** where the evidence came from: a curation file line, or a reader span */
  locator: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const SourceKind = z.enum(['research', 'review', 'database']);

/** A paper or database release that statements cite. */
export const Source = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only'),
  title: z.string().min(1),
  authors: z.string().optional(),
  year: z.string().optional(),
  journal: z.string().optional(),
  doi: z.string().optional(),
  pmid: z.string().optional(),
  kind: SourceKind.optional(),
});
export type Source = z.infer<typeof Source>;
