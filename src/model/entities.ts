import { z } from 'zod';

/** miRBase mature accession, e.g. MIMAT0000076. */
export const MimatAccession = z.string().regex(/^MIMAT\d{7}$/, 'expected a MIMAT accession');
/** miRBase hairpin accession, e.g. MI0000077. */
export const MiAccession = z.string().regex(/^MI\d{7}$/, 'expected an MI accession');
export const RnaSequence = z.string().regex(/^[ACGU]+$/, 'expected an RNA sequence (A, C, G, U)');

/**
 * A miRNA as statements use it. `mature`: one miRBase 22.1 mature product. `arm_unknown`: the literature named the
 * miRNA without its arm (`miR-21`); both arms' accessions are kept and no arm is invented. `family`: a family mention
 * (`miR-181`, `miR-200 family`) covering all its members.
 */
export const Mirna = z.object({
  name: z.string().min(1),
  kind: z.enum(['mature', 'arm_unknown', 'family']),
  accession: MimatAccession.optional(),
  /** every mature accession this name covers (one for `mature`) */
  accessions: z.array(MimatAccession),
  /** the current mature names this entity covers, e.g. both arms of an arm-unknown name */
  members: z.array(z.string()),
  sequence: RnaSequence.optional(),
  /** nucleotides 2–8 of the mature sequence (Bartel 2009) */
  seed: z
    .string()
    .regex(/^[ACGU]{7}$/)
    .optional(),
  precursors: z.array(z.string()),
  family: z.string().optional(),
});
export type Mirna = z.infer<typeof Mirna>;

/** A human gene by its HGNC symbol and NCBI Entrez id. */
export const Gene = z.object({
  symbol: z.string().min(1),
  entrez_id: z.string().regex(/^\d+$/),
  name: z.string(),
  aliases: z.array(z.string()),
});
export type Gene = z.infer<typeof Gene>;

export const THERAPY_CLASSES = [
  'endocrine',
  'anti-HER2 antibody',
  'anti-HER2 antibody-drug conjugate',
  'HER2 TKI',
  'anthracycline',
  'taxane',
  'platinum',
  'antimetabolite',
  'alkylating agent',
  'topoisomerase inhibitor',
  'vinca alkaloid',
  'CDK4/6 inhibitor',
  'mTOR inhibitor',
  'PARP inhibitor',
  'radiotherapy',
  'immunotherapy',
  'chemotherapy',
  'anti-HER2',
  'targeted therapy',
] as const;
export const TherapyClass = z.enum(THERAPY_CLASSES);
export type TherapyClass = z.infer<typeof TherapyClass>;

/** A drug, a modality or a class of them, by canonical lowercase name; `parents` are broader therapy names. */
export const Therapy = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9 /()+-]*$/, 'canonical names are lowercase'),
  kind: z.enum(['agent', 'class']),
  class: TherapyClass,
  parents: z.array(z.string()),
  synonyms: z.array(z.string()),
});
export type Therapy = z.infer<typeof Therapy>;

/** A signalling pathway or cellular process, the object of some `regulates` statements. */
export const Pathway = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  description: z.string(),
});
export type Pathway = z.infer<typeof Pathway>;
