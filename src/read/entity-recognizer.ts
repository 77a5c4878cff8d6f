/**
 * Entity recognition with character offsets: miRNAs (every nomenclature form, lists and clusters expanded through
 * `src/names`), genes/proteins (symbols, unique aliases, full names, protein names), therapies (names, synonyms,
 * abbreviations, classes), cell lines and breast-cancer subtypes.
 */
import type { Subtype } from '../model/index.js';
import { lookupKey, type MirnaMention, type ReferenceNames } from '../names/index.js';

export type EntityType = 'mirna' | 'gene' | 'therapy' | 'cell_line' | 'subtype';

/** One recognised mention; offsets are half-open in the text given to `recognise`. */
export interface EntityMention {
  type: EntityType;
  start: number;
  end: number;
  text: string;
  /** canonical ids: miRNA names, HGNC symbols (a protein family lists every member), therapy names, cell-line names, subtypes */
  ids: string[];
  /** miRNAs: the name is a family (`miR-200 family`, `miR-181`) */
  family?: boolean;
  /** miRNAs: the mention was written as an inhibitor (`anti-miR-21`, `antagomir-21`) */
  lossOfFunction?: 'inhibitor' | 'antagomir';
}

export interface CellLine {
  name: string;
  synonyms: string[];
  accession: string;
}

/** Parses data/cell-lines.tsv (`name synonyms accession`; `#` comments). */
export function parseCellLineTable(text: string): CellLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .slice(1)
    .map((line) => {
      const [name = '', synonyms = '', accession = ''] = line.split('\t');
      return { name, synonyms: synonyms ? synonyms.split('|') : [], accession };
    });
}

// A single miRNA name: species prefix, miR/mir/MIR/microRNA/miRNA/let/lin, number or let-7 letter, copy, arm or star.
const NAME = String.raw`(?:(?!pr[ei]-)[a-z]{3}-)?(?:[mM]icro[- ]?RNA|[mM]iRNA|[mM]i[rR]|MIR|mir|let|Let|lin)[- ]?\d+[a-z]{0,2}(?:-\d+)?(?:-[35]p|\*)?`;
// An item continuing a list: another full name, or an ellipsis (`-21`, `222`, `b`, `-3p`) after `/`, `~`, `,`, `and`.
const ITEM = String.raw`(?:${NAME}|-?\d+[a-z]{0,2}(?:-\d+)?(?:-[35]p)?|[a-z](?=\s*(?:[,/);.]|and\b|or\b|$))|-[35]p)`;
const MIRNA_MENTION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:[Aa]nti|[Aa]ntago)-?(?=mi[rR]|[mM]icro))?(?:[Aa]ntagomir-?(?=\d))?` +
    String.raw`(?:${NAME}|(?<=[Aa]ntagomir-?)\d+[a-z]?)` +
    String.raw`(?:(?:\s*[/~]\s*|,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*&\s*)${ITEM}(?![\p{L}\p{N}]))*` +
    String.raw`(?:\s+(?:family|cluster))?(?![\p{L}\p{N}])`,
  'gu',
);

const SUBTYPES: [RegExp, Subtype][] = [
  [/\btriple[- ]negative(?: breast cancers?)?|\bTNBCs?\b/gi, 'tnbc'],
  [/\bbasal[- ]like\b/gi, 'basal-like'],
  [/\bclaudin[- ]low\b/gi, 'claudin-low'],
  [/\bluminal[- ]A\b/g, 'luminal-a'],
  [/\bluminal[- ]B\b/g, 'luminal-b'],
  [/\bHER2[- ]?(?:enriched)\b/gi, 'her2-enriched'],
  [/\bHER2(?:\+|[- ]positive\b|[- ]overexpressing\b|[- ]amplified\b)/gi, 'her2-positive'],
  [/\b(?:ER|ERα|estrogen receptor|oestrogen receptor)(?:\+|[- ]positive\b)/gi, 'er-positive'],
];

// Abbreviations that are gene aliases or symbols but in this literature almost always mean something else.
const NOT_GENES = new Set(
  (
    'PCR RT QPCR RNA DNA CDNA UTR EMT TNBC BC HR CI OR SD SE SEM NS MRI CT PET OS DFS PFS RFS EFS AUC ROC WT KO NC ' +
    'II III IV VI ATP ADP CSC CSCS MDR ADR FDA USA UK HCC NSCLC CRC GC PC AD PD HD MS ALS CNS PBMC IHC ISH FISH ' +
    'ELISA SNP SNPS GWAS ORF LNA ASO NGS TCGA GEO KEGG GO MTT CCK FBS PBS DMSO BSA LPS IC CR PR SR PCR MAP MRNA ' +
    'NA TM SC IV CD AS AT ON IN IS IT US WE NO AN BY DO GO TO UP OF AM PM ID MIR MIRNA LIN ER2 REF TAM SET MAX ' +
    'CAN AND NOT FOR ALL ARE HAS WAS WERE HIS HER MET TIME FACT IMPACT ACT CELL CELLS SPF STAR CAT PIG GAP AIM ' +
    'TAT LARGE SHORT MICE RAT MAGE SOS KIT ABC SCC EGF2 ECM HIV HBV HCV EBV ERBB ' +
    // cell-cycle phases, medulloblastoma, reactive oxygen species, Creutzfeldt-Jakob disease, spinal muscular atrophy
    'G0 G1 G2 MB ROS CJD SMA'
  ).split(' '),
);
// Short capitalised words that are aliases but begin sentences and headings.
const NOT_GENES_CAPITALISED = new Set(
  'Then Both Each Cell Cells Was Were This That These Those Also Here Once Mice Rats Type Data Role Aim Aims Impact Time Fact Large Short Set Max Can All Not'.split(
    ' ',
  ),
);

const STARTS_WITH_NAME = new RegExp(`^${NAME}`);
const CHUNK_SEPARATOR = /\s*(?:,\s*(?:and|or)\s+|,|;|\s+and\s+|\s+or\s+|\s*&\s*)\s*/g;

/** List items with their offsets in `body`. */
function splitChunks(body: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let from = 0;
  CHUNK_SEPARATOR.lastIndex = 0;
  for (let m = CHUNK_SEPARATOR.exec(body); m; m = CHUNK_SEPARATOR.exec(body)) {
    if (m.index > from) out.push({ text: body.slice(from, m.index), start: from });
    from = m.index + m[0].length;
  }
  if (from < body.length) out.push({ text: body.slice(from), start: from });
  return out;
}

/** `/` and `~` pieces of one list item with their offsets (`miR-221/222` → `miR-221`, `222`). */
function splitParts(chunk: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^/~]+/g;
  for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ text: m[0].trim(), start: m.index + lead });
  }
  return out;
}

interface LexEntry {
  type: 'gene' | 'therapy' | 'cell_line';
  ids: string[];
  /** symbols, aliases and short abbreviations need their case (see `caseAllows`) */
  cased: boolean;
  /** the form as listed, for cased entries: compared with hyphens and spaces removed */
  form: string;
  official: boolean;
  /** the fewest tokens the written form must have (full gene names: 2, so `proteins` is not `Protein S`) */
  minTokens: number;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const MAX_TOKENS = 8;
const JOIN_GAP = /^(?:[ \t]?-?[ \t]?|\n)$/;

/** lookupKey of one word token, without its general clean-up when the token is plain ASCII. */
const tokenKey = (token: string): string =>
  /^[A-Za-z0-9]+$/.test(token) ? token.toLowerCase().replace(/oestrogen/g, 'estrogen') : lookupKey(token);
const squash = (text: string): string => text.replace(/[\s-]+/g, '');
const tokenCount = (text: string): number => text.match(TOKEN)?.length ?? 0;

/** A dictionary tagger over the bundled names, built once (about a second) and then fast per text. */
export class EntityRecognizer {
  private readonly lexicon = new Map<string, LexEntry[]>();
  /** keys of first tokens that begin a multi-token entry, with the most tokens such an entry has */
  private readonly firstTokens = new Map<string, number>();
  private readonly resolved = new Map<string, MirnaMention[]>();

  constructor(
    private readonly names: ReferenceNames,
    cellLines: readonly CellLine[] = [],
  ) {
    for (const g of names.gene.lexicon()) {
      if (/^MIR\d|^hsa-/i.test(g.name)) continue;
      const cased = g.via === 'symbol' || g.via === 'alias';
      if (cased && (g.name.length < 2 || NOT_GENES.has(squash(g.name).toUpperCase()))) continue;
      // one-word full names are usually ordinary words (`insulin` is kept by protein-names)
      if (g.via === 'full-name' && tokenCount(g.name) < 2) continue;
      this.add(g.name, {
        type: 'gene',
        ids: g.symbols,
        cased,
        form: g.name,
        official: g.via === 'symbol',
        minTokens: g.via === 'full-name' ? 2 : 1,
      });
    }
    for (const t of names.therapy.all()) {
      for (const name of [t.name, ...t.synonyms]) {
        // short abbreviations (DOX, PTX, IR, 5-FU) only in their written case, as TherapyResolver does
        const cased = /^[A-Z0-9-]{1,5}$/.test(name) || /^[A-Z][a-z]{1,3}$/.test(name);
        this.add(name, { type: 'therapy', ids: [t.name], cased, form: name, official: true, minTokens: 1 });
      }
    }
    for (const c of cellLines) {
      for (const name of [c.name, ...c.synonyms])
        this.add(name, {
          type: 'cell_line',
          ids: [c.name],
          cased: false,
          form: name,
          official: true,
          minTokens: 1,
        });
    }
  }

  private add(name: string, entry: LexEntry): void {
    const key = lookupKey(name);
    if (!key) return;
    const list = this.lexicon.get(key);
    if (list) {
      if (
        !list.some((e) => e.type === entry.type && e.ids.join() === entry.ids.join() && e.form === entry.form)
      )
        list.push(entry);
    } else this.lexicon.set(key, [entry]);
    const tokens = lookupKey(name).length ? name.match(TOKEN) : null;
    if (tokens && tokens.length > 1) {
      const first = tokenKey(tokens[0]!);
      this.firstTokens.set(
        first,
        Math.min(MAX_TOKENS, Math.max(this.firstTokens.get(first) ?? 1, tokens.length)),
      );
    } else if (entry.type === 'gene' && entry.official && /^\p{Lu}{2,}\d{1,2}$/u.test(name)) {
      // a symbol ending in a number is also written with a hyphen or space (`IRAK1` as `IRAK-1`, `STAT 3`)
      const first = tokenKey(name.replace(/\d+$/, ''));
      this.firstTokens.set(first, Math.max(this.firstTokens.get(first) ?? 1, 2));
    }
  }

  /** Every mention in `text`, in offset order; overlapping candidates keep the longest (miRNAs first). */
  recognise(text: string): EntityMention[] {
    const mentions = this.mirnas(text);
    const taken: [number, number][] = mentions.map((m) => [m.start, m.end]);
    const free = (start: number, end: number): boolean => !taken.some(([s, e]) => start < e && s < end);
    for (const [pattern, subtype] of SUBTYPES) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (!free(m.index, m.index + m[0].length)) continue;
        mentions.push({
          type: 'subtype',
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          ids: [subtype],
        });
        taken.push([m.index, m.index + m[0].length]);
      }
    }
    const tokens: { start: number; end: number; key: string }[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text))
      tokens.push({ start: m.index, end: m.index + m[0].length, key: tokenKey(m[0]) });
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i]!;
      const longest = this.firstTokens.get(first.key) ?? 1;
      let found: { end: number; entries: LexEntry[]; surface: string; next: number } | undefined;
      for (let n = Math.min(longest, tokens.length - i); n >= 1 && !found; n--) {
        const last = tokens[i + n - 1]!;
        let joined = true;
        for (let k = i + 1; k < i + n && joined; k++) {
          joined = JOIN_GAP.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start));
        }
        if (!joined) continue;
        const surface = text.slice(first.start, last.end);
        // the gap between joined tokens is only spaces and hyphens, which lookupKey drops: keys concatenate
        let key = first.key;
        for (let k = i + 1; k < i + n; k++) key += tokens[k]!.key;
        const entries = this.lexicon.get(key);
        if (!entries) continue;
        const allowed = entries.filter((e) => n >= e.minTokens && caseAllows(e, surface, text, first.start));
        if (allowed.length) found = { end: last.end, entries: allowed, surface, next: i + n };
      }
      if (!found || !free(first.start, found.end)) continue;
      // a therapy or cell line outranks a gene reading of the same words (ADR, DOX, MCF7)
      const best = (['therapy', 'cell_line', 'gene'] as const).find((t) =>
        found.entries.some((e) => e.type === t),
      )!;
      const ids = [...new Set(found.entries.filter((e) => e.type === best).flatMap((e) => e.ids))];
      let chosen = ids;
      if (best === 'gene' && ids.length > 1) {
        // as GeneResolver ranks them: the symbol written exactly, then protein and full names, then the rest;
        // a reading still ambiguous between genes is dropped unless one protein family names them all
        const genes = found.entries.filter((e) => e.type === 'gene');
        const exact = genes.filter((e) => e.official && e.form === found.surface);
        const named = genes.filter((e) => !e.cased);
        const ranked = exact.length ? exact : named.length ? named : genes;
        const rankedIds = [...new Set(ranked.flatMap((e) => e.ids))];
        if (ranked.length > 1 && !ranked.some((e) => e.ids.length === rankedIds.length)) continue;
        chosen = rankedIds;
      }
      mentions.push({ type: best, start: first.start, end: found.end, text: found.surface, ids: chosen });
      taken.push([first.start, found.end]);
      i = found.next - 1;
    }
    return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /**
   * One piece per miRNA of a (list) mention, each with its own span where the text shows it: list items split at
   * `,`/`and`/`or`, ellipses completed from the last full name (`miR-10b, -21` → `miR-21`), `/` pieces apart
   * (`miR-221/222`), clusters expanded over their written name.
   */
  private listPieces(
    body: string,
    start: number,
  ): { name: string; family: boolean; start: number; end: number; restarted: boolean }[] {
    const out: { name: string; family: boolean; start: number; end: number; restarted: boolean }[] = [];
    let restarted = false;
    const resolveAll = (t: string) => {
      let cached = this.resolved.get(t);
      if (!cached) {
        // names repeat across a corpus; an unresolved one would cost a closest-name search every time
        if (this.resolved.size > 100_000) this.resolved.clear();
        cached = this.names.mirnaMentions.resolveAll(t);
        this.resolved.set(t, cached);
      }
      return cached;
    };
    let context = '';
    for (const chunk of splitChunks(body)) {
      let res;
      if (STARTS_WITH_NAME.test(chunk.text) || !context) {
        // a later item written in full is a new name: an `anti-` before the first does not reach it
        if (context) restarted = true;
        res = resolveAll(chunk.text);
        context = chunk.text;
      } else {
        res = resolveAll(`${context}, ${chunk.text}`).slice(resolveAll(context).length);
      }
      const parts = res.some((r) => r.cluster) ? [] : splitParts(chunk.text);
      res.forEach((r, i) => {
        if (r.resolution.status !== 'resolved') return;
        const part = parts.length === res.length ? parts[i]! : { text: chunk.text, start: 0 };
        out.push({
          name: r.resolution.mirna.name,
          family: r.resolution.mirna.kind === 'family',
          start: start + chunk.start + part.start,
          end: start + chunk.start + part.start + part.text.length,
          restarted,
        });
      });
    }
    return out;
  }

  private mirnas(text: string): EntityMention[] {
    const out: EntityMention[] = [];
    MIRNA_MENTION.lastIndex = 0;
    for (let m = MIRNA_MENTION.exec(text); m; m = MIRNA_MENTION.exec(text)) {
      const raw = m[0];
      const antagomir = /^antagomir-?(?=\d)/i.exec(raw);
      const inhibitor = antagomir ? null : /^(?:anti|antago)-?(?=mi|micro)/i.exec(raw);
      const lead = inhibitor?.[0].length ?? antagomir?.[0].length ?? 0;
      const body = raw.slice(lead);
      const start = m.index + lead;
      const named = antagomir ? `miR-${body}` : body;
      const lossOfFunction =
        antagomir || /^antago/i.test(raw)
          ? ('antagomir' as const)
          : inhibitor
            ? ('inhibitor' as const)
            : undefined;
      const pieces = this.listPieces(named, antagomir ? start - 4 : start);
      if (!pieces.length) continue;
      for (const p of pieces) {
        out.push({
          type: 'mirna',
          start: p.start,
          end: p.end,
          text: text.slice(p.start, p.end),
          ids: [p.name],
          ...(p.family ? { family: true } : {}),
          ...(lossOfFunction && !p.restarted ? { lossOfFunction } : {}),
        });
      }
    }
    return out;
  }
}

/**
 * Whether a cased entry (symbol, alias, short abbreviation) may match this surface: the written case must look like
 * a name, not a word (`CAN`/`can`, `Cells`, sentence-initial capitals).
 */
function caseAllows(entry: LexEntry, surface: string, text: string, start: number): boolean {
  if (!entry.cased) return true;
  const flat = squash(surface);
  if (entry.type !== 'gene') return flat === squash(entry.form);
  if (NOT_GENES.has(flat.toUpperCase())) return false;
  const upper = (flat.match(/\p{Lu}/gu) ?? []).length;
  const digits = /\d/.test(flat);
  if (flat === squash(entry.form)) return !NOT_GENES_CAPITALISED.has(flat) && (upper > 0 || digits);
  if (upper >= 2) return true;
  if (digits && flat.length >= 3) return true;
  if (upper === 1 && /^\p{Lu}\p{Ll}+$/u.test(flat) && entry.official && flat.length >= 3) {
    // a capitalised official symbol (Akt-like) but not a sentence's first word
    const before = text.slice(Math.max(0, start - 3), start);
    return !/(?:^|[.!?]\s*|\n\s*)$/.test(before) && !NOT_GENES_CAPITALISED.has(flat);
  }
  return false;
}
