/**
 * Canonical seed-site scanner with TargetScan 7 semantics (Agarwal et al. 2015; targetscan_70.pl release 7.0):
 * 8mer-1a, 7mer-m8, 7mer-1a and 6mer sites, first 14 nt of each UTR masked, sites searched only in the family's
 * species, one site per seed-match core with its best type, sites of one gene grouped across species. Our own
 * implementation: every 6-nt core is indexed once per UTR (linear in length) instead of one regex pass per family.
 */
import type { AlignedUtr, MirnaFamily, UtrSet } from './targetscan-inputs.js';

/** Site type ids as targetscan_70.pl numbers them; they order the group type names. */
export const SITE_TYPES = {
  1: { name: '7mer-1a', length: 7 },
  2: { name: '7mer-m8', length: 7 },
  3: { name: '8mer-1a', length: 8 },
  6: { name: '6mer', length: 6 },
} as const;
export type SiteTypeId = keyof typeof SITE_TYPES;
/** A wider site implies the narrower types it contains (for "species with this site type"). */
const IMPLIED: Record<SiteTypeId, SiteTypeId[]> = { 1: [6], 2: [6], 3: [1, 2, 6], 6: [] };

/** Length of the ribosome shadow masked at the start of each UTR (targetscan_70.pl BEG_UTR_MASK_LENGTH). */
export const UTR_MASK_LENGTH = 14;
/** Alignment columns two sites of different species must share to be grouped (targetscan_70.pl REQUIRED_OVERLAP). */
export const REQUIRED_OVERLAP = 2;

export const TARGETSCAN_HEADER =
  'a_Gene_ID\tmiRNA_family_ID\tspecies_ID\tMSA_start\tMSA_end\tUTR_start\tUTR_end\tGroup_num\tSite_type\tmiRNA in this species\tGroup_type\tSpecies_in_this_group\tSpecies_in_this_group_with_this_site_type\tORF_overlap';

export interface TargetScanRow {
  gene: string;
  family: string;
  species: string;
  msaStart: number;
  msaEnd: number;
  utrStart: number;
  utrEnd: number;
  group: number;
  siteType: string;
  groupType: string;
  speciesInGroup: string;
  speciesWithThisType: string;
  orfOverlap: 0 | 1;
}

const CODE: Record<string, number> = { A: 0, C: 1, G: 2, U: 3 };
const COMPLEMENT: Record<string, string> = { A: 'U', C: 'G', G: 'C', U: 'A' };

/** The 7mer-m8 seed match: reverse complement of seed nt 2–8. */
export const seedMatch = (seed: string): string =>
  [...seed]
    .reverse()
    .map((nt) => COMPLEMENT[nt]!)
    .join('');

/** Families indexed by the code of their 6-nt core (seed match positions 2–7 of the 7mer-m8 match). */
export interface FamilyIndex {
  families: MirnaFamily[];
  /** families sorted as targetscan_70.pl visits them (string order of ids) */
  order: number[];
  /** coreStart[code] … coreStart[code + 1] index `coreFamilies`: the families whose core has this code */
  coreStart: Int32Array;
  coreFamilies: Int32Array;
  /** char code of the 7mer-m8 match's first nucleotide (pairs with seed position 8), per family */
  m8: Uint8Array;
  /** per species id: 1 where the family is annotated in that species */
  speciesMask: Map<string, Uint8Array>;
}

export function indexFamilies(families: MirnaFamily[]): FamilyIndex {
  const codes = families.map((family) => {
    let code = 0;
    for (const nt of seedMatch(family.seed).slice(1)) code = code * 4 + CODE[nt]!;
    return code;
  });
  const coreStart = new Int32Array(4097);
  for (const code of codes) coreStart[code + 1]!++;
  for (let c = 0; c < 4096; c++) coreStart[c + 1]! += coreStart[c]!;
  const fill = coreStart.slice(0, 4096);
  const coreFamilies = new Int32Array(families.length);
  codes.forEach((code, i) => (coreFamilies[fill[code]!++] = i));
  const speciesMask = new Map<string, Uint8Array>();
  families.forEach((family, i) => {
    for (const species of family.species) {
      if (!speciesMask.has(species)) speciesMask.set(species, new Uint8Array(families.length));
      speciesMask.get(species)![i] = 1;
    }
  });
  const order = families
    .map((_, i) => i)
    .sort((a, b) => (families[a]!.id < families[b]!.id ? -1 : families[a]!.id > families[b]!.id ? 1 : 0));
  return {
    families,
    order,
    coreStart,
    coreFamilies,
    m8: Uint8Array.from(families.map((f) => seedMatch(f.seed).charCodeAt(0))),
    speciesMask,
  };
}

/** 2-bit codes of A, C, G, U by char code; -1 for anything else (N). */
const NT_CODE = new Int8Array(128).fill(-1);
NT_CODE[65] = 0;
NT_CODE[67] = 1;
NT_CODE[71] = 2;
NT_CODE[85] = 3;
const CHAR_A = 65;

/** One UTR prepared for scanning: masked, with its nucleotides and their alignment columns. */
interface PreparedUtr {
  species: string;
  /** upper-case nucleotides (and N) with gaps removed */
  nts: string;
  /** 1-based alignment column of each nucleotide; undefined when the UTR has no gaps (column = index + 1) */
  columns: Int32Array | undefined;
  /** lowerBefore[c] = lower-case characters in columns 1..c of the masked alignment; undefined when there are none */
  lowerBefore: Int32Array | undefined;
}

function prepare(utr: AlignedUtr): PreparedUtr {
  const { alignment } = utr;
  if (!alignment.includes('-') && !/[a-z]/.test(alignment)) {
    // ungapped, upper case (the common single-species case): mask the first 14 nucleotides and scan as is
    let masked = 0;
    let cut = 0;
    while (cut < alignment.length && masked < UTR_MASK_LENGTH) {
      if ('ACGU'.includes(alignment[cut]!)) masked++;
      cut++;
    }
    const head = alignment.slice(0, cut).replace(/[ACGU]/g, 'N');
    return {
      species: utr.species,
      nts: head + alignment.slice(cut),
      columns: undefined,
      lowerBefore: undefined,
    };
  }
  let masked = 0;
  const nts: string[] = [];
  const columns: number[] = [];
  const lowerBefore = new Int32Array(alignment.length + 2);
  for (let i = 0; i < alignment.length; i++) {
    let ch = alignment[i]!;
    // the first 14 A/C/G/U (any case) become 'N'
    if (masked < UTR_MASK_LENGTH && /[ACGUacgu]/.test(ch)) {
      ch = 'N';
      masked++;
    }
    lowerBefore[i + 1] = lowerBefore[i]! + (ch >= 'a' && ch <= 'z' ? 1 : 0);
    if (ch !== '-') {
      nts.push(ch.toUpperCase());
      columns.push(i + 1);
    }
  }
  lowerBefore[alignment.length + 1] = lowerBefore[alignment.length]!;
  return { species: utr.species, nts: nts.join(''), columns: Int32Array.from(columns), lowerBefore };
}

interface Site {
  species: string;
  msaStart: number;
  msaEnd: number;
  utrStart: number;
  type: SiteTypeId;
  orf: 0 | 1;
}

/** The running group counter: targetscan_70.pl numbers groups across the whole file. */
export interface GroupCounter {
  value: number;
}

/** Scans one gene's UTRs for every family; rows in targetscan_70.pl's order, groups numbered from `counter`. */
export function scanUtrSet(set: UtrSet, index: FamilyIndex, counter: GroupCounter): TargetScanRow[] {
  const prepared = set.utrs
    .map(prepare)
    .sort((a, b) => (a.species < b.species ? -1 : a.species > b.species ? 1 : 0));
  const sitesByFamily = new Map<number, Site[]>();
  for (const utr of prepared) {
    const { nts, columns } = utr;
    const mask = index.speciesMask.get(utr.species);
    if (!mask) continue; // no family is annotated in this species
    const n = nts.length;
    let code = 0;
    let valid = 0;
    for (let p = 0; p < n; p++) {
      const c = NT_CODE[nts.charCodeAt(p)]!;
      if (c < 0) {
        valid = 0;
        continue;
      }
      code = ((code << 2) | c) & 0xfff;
      if (++valid < 6) continue;
      const from = index.coreStart[code]!;
      const to = index.coreStart[code + 1]!;
      if (from === to) continue;
      const coreStart = p - 5;
      const right = p + 1 < n && nts.charCodeAt(p + 1) === CHAR_A;
      const before = coreStart > 0 ? nts.charCodeAt(coreStart - 1) : -1;
      for (let k = from; k < to; k++) {
        const f = index.coreFamilies[k]!;
        if (!mask[f]) continue;
        const left = before === index.m8[f];
        const type: SiteTypeId = left && right ? 3 : left ? 2 : right ? 1 : 6;
        const startNt = left ? coreStart - 1 : coreStart;
        const endNt = right ? p + 1 : p;
        const msaStart = columns ? columns[startNt]! : startNt + 1;
        const msaEnd = columns ? columns[endNt]! : endNt + 1;
        // ORF_overlap: targetscan_70.pl compares alignment columns msaStart+1 … msaEnd+1 with their upper case
        const lower = utr.lowerBefore;
        const orf = lower && lower[Math.min(msaEnd + 1, lower.length - 1)]! - lower[msaStart]! > 0 ? 1 : 0;
        let list = sitesByFamily.get(f);
        if (!list) sitesByFamily.set(f, (list = []));
        list.push({ species: utr.species, msaStart, msaEnd, utrStart: startNt + 1, type, orf });
      }
    }
  }
  const rows: TargetScanRow[] = [];
  for (const f of index.order) {
    const sites = sitesByFamily.get(f);
    if (sites) rows.push(...groupSites(set.gene, index.families[f]!.id, sites, counter));
  }
  return rows;
}

/** targetscan_70.pl visits sites in string order of `species::MSA_start::MSA_end`. */
const siteKey = (s: Site): string => `${s.species}::${s.msaStart}::${s.msaEnd}`;

/** Groups one family's sites of one gene across species, exactly as targetscan_70.pl does. */
function groupSites(gene: string, family: string, unsorted: Site[], counter: GroupCounter): TargetScanRow[] {
  if (unsorted.every((site) => site.species === unsorted[0]!.species))
    return singleSpeciesRows(gene, family, unsorted, counter);
  const keyed = unsorted.map((site) => ({ site, key: siteKey(site) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sites = keyed.map((k) => k.site);
  const groupOf = new Map<Site, number>();
  const pair = (a: Site, b: Site) => {
    const ga = groupOf.get(a);
    const gb = groupOf.get(b);
    if (ga && gb) return; // groups are never merged once formed
    if (ga) groupOf.set(b, ga);
    else if (gb) groupOf.set(a, gb);
    else {
      counter.value++;
      groupOf.set(a, counter.value);
      groupOf.set(b, counter.value);
    }
  };
  if (sites.length > 1) {
    for (const s1 of sites) {
      for (const s2 of sites) {
        if (s1.species === s2.species) continue;
        if (s1.msaStart === s2.msaStart || s1.msaEnd === s2.msaEnd) pair(s1, s2);
        else if (s1.msaStart > s2.msaStart && s1.msaStart <= s2.msaEnd) {
          if (s2.msaEnd - s1.msaStart + 1 >= REQUIRED_OVERLAP) pair(s1, s2);
        } else if (s1.msaEnd >= s2.msaStart && s1.msaEnd < s2.msaEnd) {
          if (s1.msaEnd - s2.msaStart + 1 >= REQUIRED_OVERLAP) pair(s1, s2);
        } else if (
          (s1.msaStart > s2.msaStart && s1.msaEnd < s2.msaEnd) ||
          (s2.msaStart > s1.msaStart && s2.msaEnd < s1.msaEnd)
        ) {
          pair(s1, s2);
        }
      }
    }
  }
  const typesOfGroup = new Map<number, Set<SiteTypeId>>();
  const speciesOfGroup = new Map<number, Set<string>>();
  const speciesOfGroupType = new Map<string, Set<string>>();
  const add = <K>(map: Map<K, Set<string>>, key: K, value: string) =>
    map.set(key, (map.get(key) ?? new Set()).add(value));
  for (const site of sites) {
    let group = groupOf.get(site);
    if (!group) {
      counter.value++;
      group = counter.value;
      groupOf.set(site, group);
    }
    typesOfGroup.set(group, (typesOfGroup.get(group) ?? new Set<SiteTypeId>()).add(site.type));
    add(speciesOfGroup, group, site.species);
    for (const type of [site.type, ...IMPLIED[site.type]])
      add(speciesOfGroupType, `${group}:${type}`, site.species);
  }
  const numeric = (values: Iterable<string>) =>
    [...values].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0)).join(' ');
  const ordered = [...sites].sort((a, b) => groupOf.get(a)! - groupOf.get(b)!); // stable: keeps key order within a group
  return ordered.map((site) => {
    const group = groupOf.get(site)!;
    const groupType = [...typesOfGroup.get(group)!]
      .sort((a, b) => a - b)
      .map((t) => SITE_TYPES[t].name)
      .join('+');
    const siteType = SITE_TYPES[site.type].name;
    return siteRow(
      gene,
      family,
      site,
      group,
      groupType,
      numeric(speciesOfGroup.get(group)!),
      groupType === siteType ? '' : numeric(speciesOfGroupType.get(`${group}:${site.type}`)!),
    );
  });
}

/** One output row for a site and its group's summary. */
function siteRow(
  gene: string,
  family: string,
  site: Site,
  group: number,
  groupType: string,
  speciesInGroup: string,
  speciesWithThisType: string,
): TargetScanRow {
  return {
    gene,
    family,
    species: site.species,
    msaStart: site.msaStart,
    msaEnd: site.msaEnd,
    utrStart: site.utrStart,
    utrEnd: site.utrStart + SITE_TYPES[site.type].length - 1,
    group,
    siteType: SITE_TYPES[site.type].name,
    groupType,
    speciesInGroup,
    speciesWithThisType,
    orfOverlap: site.orf,
  };
}

/**
 * Sites of one species never pair: each is a group of its own, numbered in key order (the string order of
 * `MSA_start::MSA_end`), with its own type as group type. Same result as `groupSites`, without the all-pairs work.
 */
function singleSpeciesRows(
  gene: string,
  family: string,
  sites: Site[],
  counter: GroupCounter,
): TargetScanRow[] {
  const keyed = sites.map((site) => ({ site, key: `${site.msaStart}::${site.msaEnd}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ site }) => {
    return siteRow(gene, family, site, ++counter.value, SITE_TYPES[site.type].name, site.species, '');
  });
}

/**
 * One row in targetscan_70.pl's output format; group numbers shifted by `groupOffset`, or written as `groupText`
 * (a placeholder filled in later by a caller that learns the offset afterwards).
 */
export function formatTargetScanRow(r: TargetScanRow, groupOffset = 0, groupText?: string): string {
  return `${r.gene}\t${r.family}\t${r.species}\t${r.msaStart}\t${r.msaEnd}\t${r.utrStart}\t${r.utrEnd}\t${groupText ?? r.group + groupOffset}\t${r.siteType}\tx\t${r.groupType}\t${r.speciesInGroup}\t${r.speciesWithThisType}\t${r.orfOverlap}`;
}
