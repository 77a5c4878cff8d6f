import { z } from 'zod';

/** PAM50 intrinsic subtypes plus the receptor-status groups the literature uses (seed 004, Background). */
export const SUBTYPES = [
  'luminal-a',
  'luminal-b',
  'luminal',
  'her2-enriched',
  'basal-like',
  'tnbc',
  'claudin-low',
  'normal-like',
  'er-positive',
  'her2-positive',
] as const;
export const Subtype = z.enum(SUBTYPES);
export type Subtype = z.infer<typeof Subtype>;

export const SAMPLE_TYPES = ['tissue', 'serum', 'plasma', 'exosome', 'blood', 'cell'] as const;
export const SampleType = z.enum(SAMPLE_TYPES);
export type SampleType = z.infer<typeof SampleType>;

export const SYSTEMS = ['in-vitro', 'xenograft', 'patients'] as const;
export const ExperimentalSystem = z.enum(SYSTEMS);
export type ExperimentalSystem = z.infer<typeof ExperimentalSystem>;

export const SPECIES = ['human', 'mouse', 'rat'] as const;
export const Species = z.enum(SPECIES);

/** Where a claim holds: subtype, cell line, sample type, species, experimental system. */
export const Context = z
  .object({
    subtype: Subtype.optional(),
    cell_line: z.string().min(1).optional(),
    sample_type: SampleType.optional(),
    species: Species.optional(),
    system: ExperimentalSystem.optional(),
  })
  .strict();
export type Context = z.infer<typeof Context>;

/** A stable one-line rendering of a context, e.g. `subtype=her2-enriched;cell_line=BT-474`. */
export function formatContext(context: Context): string {
  return (Object.keys(Context.shape) as (keyof Context)[])
    .filter((key) => context[key] !== undefined)
    .map((key) => `${key}=${context[key]}`)
    .join(';');
}
