/**
 * Plain mode: miRNAs × UTRs of one species, the same site types and rules as TargetScan mode (targetscan_70.pl 7.0:
 * 14-nt mask, best type per seed-match core), plus the offset 6mer (pairs with seed nt 3–8; Friedman et al. 2009)
 * as an option. Each miRNA is a one-species "family" of its own seed (nt 2–8).
 */
import { indexFamilies, scanUtrSet, seedMatch, SITE_TYPES, UTR_MASK_LENGTH } from './targetscan-scanner.js';

export interface PlainMirna {
  name: string;
  sequence: string;
}

export interface PlainUtr {
  id: string;
  sequence: string;
}

export interface PlainSite {
  mirna: string;
  seed: string;
  utr: string;
  siteType: string;
  /** 1-based, inclusive */
  start: number;
  end: number;
  site: string;
}

export const PLAIN_COLUMNS = [
  'mirna',
  'seed',
  'utr',
  'site_type',
  'utr_start',
  'utr_end',
  'site_sequence',
] as const;

const SPECIES = 'plain';

/** Indexes miRNAs once; `scan` then takes one UTR at a time. */
export function plainScanner(mirnas: PlainMirna[], options: { offset6mer?: boolean } = {}) {
  const seeds = mirnas.map((m) => m.sequence.slice(1, 8));
  const index = indexFamilies(
    mirnas.map((m, i) => ({ id: String(i).padStart(8, '0'), seed: seeds[i]!, species: [SPECIES] })),
  );
  const offsetMatches = options.offset6mer ? seeds.map((seed) => seedMatch(seed).slice(0, 6)) : [];
  return (utr: PlainUtr): PlainSite[] => {
    const rows = scanUtrSet(
      { gene: utr.id, line: 0, utrs: [{ species: SPECIES, alignment: utr.sequence }] },
      index,
      { value: 0 },
    );
    const sites: PlainSite[] = rows.map((r) => {
      const i = Number(r.family);
      return {
        mirna: mirnas[i]!.name,
        seed: seeds[i]!,
        utr: utr.id,
        siteType: r.siteType,
        start: r.utrStart,
        end: r.utrEnd,
        site: utr.sequence.slice(r.utrStart - 1, r.utrEnd),
      };
    });
    // the same mask as TargetScan mode: the first 14 A/C/G/U (N does not count)
    let masked = 0;
    for (let seen = 0; masked < utr.sequence.length && seen < UTR_MASK_LENGTH; masked++) {
      if ('ACGU'.includes(utr.sequence[masked]!)) seen++;
    }
    // offset 6mer: pairs with seed nt 3–8, i.e. the 7mer-m8 match without its last nucleotide; not part of a
    // canonical site of the same miRNA (those contain the core, which this match does not)
    offsetMatches.forEach((match, i) => {
      const canonical = new Set(sites.filter((s) => s.mirna === mirnas[i]!.name).map((s) => s.start));
      for (let at = utr.sequence.indexOf(match, masked); at >= 0; at = utr.sequence.indexOf(match, at + 1)) {
        if (canonical.has(at + 1)) continue;
        sites.push({
          mirna: mirnas[i]!.name,
          seed: seeds[i]!,
          utr: utr.id,
          siteType: 'offset-6mer',
          start: at + 1,
          end: at + 6,
          site: match,
        });
      }
    });
    return sites.sort((a, b) => a.mirna.localeCompare(b.mirna) || a.start - b.start);
  };
}

export const PLAIN_SITE_TYPES = [...Object.values(SITE_TYPES).map((t) => t.name), 'offset-6mer'];
