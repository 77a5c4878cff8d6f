/**
 * miRNA name resolution against miRBase release 22 (Kozomara et al. 2019) with the nomenclature rules of
 * Ambros et al. 2003 / miRBase (miR = mature, mir = precursor, MIR = HGNC gene, -5p/-3p arms, legacy '*').
 */
import type { Mirna } from '../model/index.js';
import type { MirbaseData, MirbaseEntry } from './mirbase-parser.js';
import { cleanText, closestNames } from './text-normalise.js';

/** How the text named the miRNA. */
export type MirnaForm = 'mature' | 'precursor' | 'gene' | 'family' | 'cluster';

/** Experimental modifiers written around a name (`anti-miR-21`, `serum miR-155`, `miR-200c mimic`). */
export interface MirnaModifiers {
  lossOfFunction?: 'inhibitor' | 'antagomir';
  mimic?: boolean;
  sampleType?: 'serum' | 'plasma' | 'exosome' | 'blood' | 'tissue';
}

export type MirnaResolution =
  | {
      status: 'resolved';
      input: string;
      form: MirnaForm;
      mirna: Mirna;
      /** exact: the name as miRBase 22 has it; normalised: after nomenclature rules; history: a renamed entry */
      via: 'exact' | 'normalised' | 'history';
      notes: string[];
      modifiers: MirnaModifiers;
    }
  | {
      status: 'unresolved' | 'dead';
      input: string;
      reason: string;
      candidates: string[];
      modifiers: MirnaModifiers;
    };

/** A parsed single miRNA name, before lookup. */
export interface ParsedMirnaName {
  species: string;
  /** 'miR' (mature), 'mir' (precursor), 'MIR' (gene) or 'let'/'lin' */
  prefix: 'miR' | 'let' | 'lin';
  form: 'mature' | 'precursor' | 'gene';
  /** number + letter(s), e.g. `125b`, `7a` for let-7a */
  stem: string;
  copy?: string;
  arm?: '5p' | '3p';
  star: boolean;
  explicitFamily: boolean;
}

const CONTEXT_PREFIXES: [RegExp, MirnaModifiers['sampleType'] | undefined][] = [
  [/^(?:circulating|cell-free)\s+/i, undefined],
  [/^(?:serum|serological)\s+/i, 'serum'],
  [/^plasma\s+/i, 'plasma'],
  [/^(?:exosomal|exosome-derived|exosome)\s+/i, 'exosome'],
  [/^(?:blood|whole-blood)\s+/i, 'blood'],
  [/^(?:tissue|tumou?r)\s+/i, 'tissue'],
  [/^ser-(?=mi[rR]|let)/i, 'serum'],
  [/^exo-(?=mi[rR]|let)/i, 'exosome'],
];

/** Strips context words, inhibitor/mimic wording and long forms; returns the bare name and what was stripped. */
export function stripModifiers(raw: string): { name: string; modifiers: MirnaModifiers } {
  let name = cleanText(raw).replace(/[.,;:]+$/, '');
  const modifiers: MirnaModifiers = {};
  for (let changed = true; changed;) {
    changed = false;
    for (const [pattern, sampleType] of CONTEXT_PREFIXES) {
      if (pattern.test(name)) {
        name = name.replace(pattern, '');
        if (sampleType) modifiers.sampleType = sampleType;
        changed = true;
      }
    }
  }
  if (/^(?:anti-?miR|antimiR)-?/i.test(name)) {
    modifiers.lossOfFunction = 'inhibitor';
    name = name.replace(/^anti-?(?:miR|mir)-?/i, 'miR-');
  } else if (/^antagomi[rR]-?/.test(name)) {
    modifiers.lossOfFunction = 'antagomir';
    name = name.replace(/^antagomi[rR]-?/, 'miR-');
  }
  const suffix = /\s+(inhibitors?|antagomirs?|mimics?|agomirs?)$/i.exec(name);
  if (suffix) {
    const word = suffix[1]!.toLowerCase();
    if (word.startsWith('inhibitor')) modifiers.lossOfFunction = 'inhibitor';
    else if (word.startsWith('antagomir')) modifiers.lossOfFunction = 'antagomir';
    else modifiers.mimic = true;
    name = name.slice(0, suffix.index);
  }
  return { name, modifiers };
}

const LONG_FORM = /^(?:micro-?RNAs?|miRNAs?)\s*(?:\((?:miR|miRNA)\))?\s*[- ]?\s*(?=\d|let)/i;
const NAME_PATTERN =
  /^(?:(?<species>[a-z]{3})-)?(?<prefix>mi[rR]|MIR|Mi[rR]|let|Let|LET|lin)(?:-|\s)?(?<num>\d+)(?<letter>[a-zA-Z]{1,2})?(?:-(?<copy>\d+))?(?:-(?<arm>[35]p)|(?<star>\*))?(?<family>\s+family)?$/;
const GENE_PATTERN = /^MIR(?<let>LET7)?(?<num>\d+)?(?<letter>[A-Z]{1,2})?(?:-?(?<copy>\d+))?$/;

/** Parses one miRNA name (no lists) into its parts, or undefined when it is not miRNA nomenclature. */
export function parseMirnaName(bare: string): ParsedMirnaName | undefined {
  let name = bare.replace(LONG_FORM, 'miR-');
  const familyWords = /\s+(?:family|cluster)$/i.exec(name);
  const gene = GENE_PATTERN.exec(name);
  if (gene?.groups && !familyWords && (gene.groups.let || gene.groups.num)) {
    const g = gene.groups;
    if (g.let && g.num) return undefined;
    return {
      species: 'hsa',
      prefix: g.let ? 'let' : 'miR',
      form: 'gene',
      stem: (g.let ? '7' : g.num!) + (g.letter ?? '').toLowerCase(),
      ...(g.copy ? { copy: g.copy } : {}),
      star: false,
      explicitFamily: false,
    };
  }
  name = name.replace(/^([a-z]{3}-)?(let|Let|LET)-?(?=7)/, '$1let-');
  const match = NAME_PATTERN.exec(name.replace(/\s+cluster$/i, ' family'));
  if (!match?.groups) return undefined;
  const g = match.groups;
  const prefixWord = g.prefix!;
  const isLet = /^let$/i.test(prefixWord);
  if (isLet && g.num !== '7') return undefined;
  if (/^lin$/.test(prefixWord) && g.num !== '4') return undefined;
  const species = (g.species ?? 'hsa').toLowerCase();
  return {
    species: species === 'has' ? 'hsa' : species,
    prefix: isLet ? 'let' : prefixWord === 'lin' ? 'lin' : 'miR',
    // lower-case 'mir' is the precursor (miRBase convention); every other spelling is read as the mature miRNA
    form: prefixWord === 'mir' ? 'precursor' : 'mature',
    stem: g.num! + (g.letter ?? '').toLowerCase(),
    ...(g.copy ? { copy: g.copy } : {}),
    ...(g.arm ? { arm: g.arm as '5p' | '3p' } : {}),
    star: Boolean(g.star),
    explicitFamily: Boolean(g.family),
  };
}

const familyOfPrecursor = (precursor: string): string =>
  precursor.replace(/^[a-z]{3}-/, '').replace(/^(mir-\d+|let-7)[a-z]*(?:-\d+)?$/, '$1');

/** Resolves miRNA names of any nomenclature form to miRBase 22 entities. */
export class MirnaResolver {
  private readonly matureByName = new Map<string, MirbaseEntry>();
  private readonly matureByAccession = new Map<string, MirbaseEntry>();
  private readonly precursorsOfMature = new Map<string, string[]>();
  private readonly precursorsByStem = new Map<string, { name: string; copy?: string; matures: string[] }[]>();
  private readonly historyByName = new Map<string, string[]>();
  private readonly lastSeen = new Map<string, string>();
  private readonly knownNames: string[];

  constructor(data: MirbaseData) {
    for (const entry of data.mature) {
      this.matureByName.set(entry.name.toLowerCase(), entry);
      this.matureByAccession.set(entry.accession, entry);
    }
    for (const link of data.precursors) {
      const match = /^[a-z]{3}-(?:mir|let)-(\d+[a-z]*|7[a-z]*)(?:-(\d+))?$/.exec(link.name);
      const stemKey = link.name.startsWith('hsa-let-')
        ? 'let-' + link.name.slice('hsa-let-'.length).replace(/-\d+$/, '')
        : match
          ? 'miR-' + match[1]
          : link.name;
      const copy = link.name.startsWith('hsa-let-') ? /-(\d+)$/.exec(link.name)?.[1] : match?.[2];
      const list = this.precursorsByStem.get(stemKey) ?? [];
      list.push({ name: link.name, ...(copy ? { copy } : {}), matures: link.matures.map((m) => m.name) });
      this.precursorsByStem.set(stemKey, list);
      for (const mature of link.matures) {
        const names = this.precursorsOfMature.get(mature.name) ?? [];
        names.push(link.name);
        this.precursorsOfMature.set(mature.name, names);
      }
    }
    for (const entry of data.history) {
      for (const name of entry.names) {
        const list = this.historyByName.get(name.toLowerCase()) ?? [];
        if (!list.includes(entry.accession)) list.push(entry.accession);
        this.historyByName.set(name.toLowerCase(), list);
      }
      this.lastSeen.set(entry.accession, entry.lastVersion);
    }
    this.knownNames = [
      ...data.mature.map((m) => m.name),
      ...data.precursors.map((p) => p.name),
      ...[...this.precursorsByStem.keys()].map((stem) => 'hsa-' + stem),
    ];
  }

  /** The mature entity of a current miRBase 22 mature name, e.g. `hsa-miR-21-5p`. */
  mature(name: string): Mirna | undefined {
    const entry = this.matureByName.get(name.toLowerCase());
    return entry ? this.matureEntity(entry) : undefined;
  }

  /** Every current human mature miRNA. */
  allMature(): Mirna[] {
    return [...this.matureByAccession.values()].map((entry) => this.matureEntity(entry));
  }

  /** One arm-unknown entity per current precursor stem (`hsa-miR-21`, `hsa-let-7a`), for indexes. */
  allArmUnknown(): Mirna[] {
    const out: Mirna[] = [];
    for (const stem of this.precursorsByStem.keys()) {
      const r = this.resolve(stem);
      if (r.status === 'resolved' && r.mirna.kind === 'arm_unknown') out.push(r.mirna);
    }
    return out;
  }

  /** Resolves one miRNA name (not a list); see `resolveMirnaMentions` for lists and clusters. */
  resolve(raw: string): MirnaResolution {
    const { name, modifiers } = stripModifiers(raw);
    const parsed = parseMirnaName(name);
    if (!parsed) {
      return this.unresolved(raw, modifiers, `'${name}' is not miRNA nomenclature`, name);
    }
    if (parsed.species !== 'hsa') {
      const human = this.resolve(name.replace(/^[a-z]{3}-/, ''));
      return {
        status: 'unresolved',
        input: raw,
        reason: `species '${parsed.species}' is not bundled (miResist bundles Homo sapiens, hsa, only)`,
        candidates: human.status === 'resolved' ? [human.mirna.name] : [],
        modifiers,
      };
    }
    const resolved = this.lookup(parsed, raw, modifiers);
    return resolved ?? this.unresolved(raw, modifiers, `no miRBase 22 entry matches '${name}'`, name);
  }

  /** The canonical miRBase-style name of a parsed name, e.g. `hsa-miR-125b-2-3p`. */
  private canonical(p: ParsedMirnaName, withArm: boolean): string {
    const head = p.prefix === 'let' ? 'hsa-let-' : p.prefix === 'lin' ? 'hsa-lin-' : 'hsa-miR-';
    const arm = withArm && p.arm ? `-${p.arm}` : '';
    return `${head}${p.stem}${p.copy ? '-' + p.copy : ''}${arm}`;
  }

  private lookup(p: ParsedMirnaName, input: string, modifiers: MirnaModifiers): MirnaResolution | undefined {
    const resolved = (
      mirna: Mirna,
      via: 'exact' | 'normalised' | 'history',
      notes: string[] = [],
      form: MirnaForm = p.form,
    ) => ({ status: 'resolved', input, form, mirna, via, notes, modifiers }) as const;
    const stemKey = (p.prefix === 'let' ? 'let-' : 'miR-') + p.stem;
    const cleaned = stripModifiers(input).name;

    if (p.explicitFamily) {
      const family = this.familyEntity(p);
      return family ? resolved(family, 'normalised', [], 'family') : undefined;
    }
    if (p.star) {
      const accessions = this.historyByName.get((this.canonical(p, false) + '*').toLowerCase()) ?? [];
      const current = accessions.map((acc) => this.matureByAccession.get(acc)).filter((e) => e !== undefined);
      if (current.length === 1) {
        return resolved(this.matureEntity(current[0]!), 'history', [
          `legacy star name; ${current[0]!.name} in miRBase 22`,
        ]);
      }
      return undefined;
    }
    // 1. an exact current mature name (with its arm, or a single-product name such as hsa-miR-451a)
    const exact = this.matureByName.get(this.canonical(p, true).toLowerCase());
    if (exact && p.form === 'mature') {
      const verbatim = cleaned === exact.name || cleaned === exact.name.slice(4);
      return resolved(this.matureEntity(exact), verbatim ? 'exact' : 'normalised');
    }
    if (p.arm) {
      return this.viaHistory(p, input, modifiers);
    }
    // 2. a current precursor stem: the arm is unknown, keep it so (never invent -5p)
    const precursors = (this.precursorsByStem.get(stemKey) ?? []).filter(
      (pre) => !p.copy || pre.copy === p.copy,
    );
    if (precursors.length) {
      const entity = this.armUnknownEntity(p, precursors);
      const notes: string[] = [];
      const hint = this.historyByName.get(this.canonical(p, false).toLowerCase());
      const hinted = hint?.map((acc) => this.matureByAccession.get(acc)?.name).filter(Boolean);
      if (hinted?.length === 1 && entity.accessions.length > 1) {
        notes.push(`arm not stated; miRBase ≤ v17 used this name for ${hinted[0]!}`);
      }
      if (entity.accessions.length === 1)
        notes.push(`arm not stated; miRBase 22 has one product: ${entity.members[0]}`);
      return resolved(entity, exact || p.form !== 'mature' ? 'normalised' : 'normalised', notes);
    }
    // 3. a renamed entry in the name history (v6–v22)
    const history = this.viaHistory(p, input, modifiers);
    if (history) return history;
    // 4. a stem without letter whose precursors all carry letters: a family mention (miR-181, let-7)
    const family = p.copy ? undefined : this.familyEntity(p);
    return family
      ? resolved(family, 'normalised', ['read as a family: no single miRNA has this name'], 'family')
      : undefined;
  }

  private viaHistory(
    p: ParsedMirnaName,
    input: string,
    modifiers: MirnaModifiers,
  ): MirnaResolution | undefined {
    const oldName = this.canonical(p, true);
    const accessions = this.historyByName.get(oldName.toLowerCase()) ?? [];
    if (!accessions.length) return undefined;
    const current = accessions.map((acc) => this.matureByAccession.get(acc)).filter((e) => e !== undefined);
    if (current.length === 1) {
      const entry = current[0]!;
      const renamed = `renamed: ${oldName} is ${entry.name} in miRBase 22`;
      const armAdded = !p.arm && /-[35]p$/.test(entry.name);
      if (armAdded) {
        // the old name carried no arm: resolve to the renamed miRNA with its arm still unknown
        const stem = entry.name.replace(/^hsa-(miR|let)-/, '').replace(/-[35]p$/, '');
        const renamed2 = parseMirnaName(
          `miR-${stem}`.replace(/^miR-7/, p.prefix === 'let' ? 'let-7' : 'miR-7'),
        );
        const again = renamed2 ? this.lookup({ ...renamed2, form: p.form }, input, modifiers) : undefined;
        if (again?.status === 'resolved') {
          return { ...again, via: 'history', notes: [renamed, ...again.notes] };
        }
      }
      return {
        status: 'resolved',
        input,
        form: p.form,
        mirna: this.matureEntity(entry),
        via: 'history',
        notes: [renamed],
        modifiers,
      };
    }
    if (current.length === 0) {
      const last = [...new Set(accessions.map((acc) => this.lastSeen.get(acc)))].join(', ');
      return {
        status: 'dead',
        input,
        reason: `${oldName} (${accessions.join(', ')}) is not in miRBase 22; last named in ${last}`,
        candidates: [],
        modifiers,
      };
    }
    return undefined;
  }

  private matureEntity(entry: MirbaseEntry): Mirna {
    const precursors = this.precursorsOfMature.get(entry.name) ?? [];
    return {
      name: entry.name,
      kind: 'mature',
      accession: entry.accession,
      accessions: [entry.accession],
      members: [entry.name],
      sequence: entry.sequence,
      seed: entry.sequence.slice(1, 8),
      precursors,
      ...(precursors[0] ? { family: familyOfPrecursor(precursors[0]) } : {}),
    };
  }

  private armUnknownEntity(p: ParsedMirnaName, precursors: { name: string; matures: string[] }[]): Mirna {
    const members = [...new Set(precursors.flatMap((pre) => pre.matures))].sort();
    return {
      name: this.canonical({ ...p, arm: undefined }, false),
      kind: 'arm_unknown',
      accessions: members.map((m) => this.matureByName.get(m.toLowerCase())!.accession),
      members,
      precursors: precursors.map((pre) => pre.name),
      family: familyOfPrecursor(precursors[0]!.name),
    };
  }

  private familyEntity(p: ParsedMirnaName): Mirna | undefined {
    const number = p.prefix === 'let' ? '7' : p.stem.replace(/[a-z]+$/, '');
    const prefix = p.prefix === 'let' ? 'let-' : 'miR-';
    const stems = [...this.precursorsByStem.keys()].filter(
      (key) => key.startsWith(prefix + number) && /^[a-z]*$/.test(key.slice((prefix + number).length)),
    );
    if (!stems.length) return undefined;
    const precursors = stems.flatMap((key) => this.precursorsByStem.get(key)!);
    const members = [...new Set(precursors.flatMap((pre) => pre.matures))].sort();
    return {
      name: `hsa-${prefix}${number} family`,
      kind: 'family',
      accessions: members.map((m) => this.matureByName.get(m.toLowerCase())!.accession),
      members,
      precursors: precursors.map((pre) => pre.name).sort(),
      family: `${prefix.toLowerCase()}${number}`,
    };
  }

  private unresolved(
    input: string,
    modifiers: MirnaModifiers,
    reason: string,
    query: string,
  ): MirnaResolution {
    const parsed = parseMirnaName(query);
    const sameStem = parsed
      ? (this.precursorsByStem.get((parsed.prefix === 'let' ? 'let-' : 'miR-') + parsed.stem) ?? []).flatMap(
          (pre) => pre.matures,
        )
      : [];
    const candidates = [...new Set([...sameStem, ...this.closest(query)])].slice(0, 5);
    return { status: 'unresolved', input, reason, candidates, modifiers };
  }

  /** The known names closest to a query (for "did you mean"). */
  closest(query: string, limit = 5): string[] {
    const normalised = query.startsWith('hsa-') ? query : `hsa-${query}`;
    return closestNames(normalised, this.knownNames, limit, 3);
  }
}
