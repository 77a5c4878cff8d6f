/**
 * miRNA–gene relations inside one sentence (the `targets` predicate; SCAI's miRNA–gene pairs), by rules over the
 * words between the two mentions: regulation triggers and their voice ("targets", "is regulated by", "is a target
 * of", "-mediated repression of"), coordination of mentions into lists ("PTEN and PDCD4", "miR-221/222"),
 * abbreviations and asides in parentheses, the nearest-mention principle (another miRNA between the two ends
 * breaks the pair), clause barriers and negation ("did not affect", "but not", "was not a target of").
 *
 * Pure and linear in the sentence: every pair is looked at only within `MAX_GAP` tokens, and no pattern is built
 * per sentence or pair.
 */
import type { EntityMention } from './entity-recognizer.js';

/** Who acts on whom, as the sentence states it. */
export type RelationDirection =
  /** the miRNA targets, represses or regulates the gene (the `targets` predicate) */
  | 'mirna_regulates_gene'
  /** the gene (a transcription factor, a cytokine treatment) regulates the miRNA */
  | 'gene_regulates_mirna'
  /** the two are correlated or co-regulated, with no direction */
  | 'association';

export interface MirnaGeneRelation {
  mirna: EntityMention;
  gene: EntityMention;
  /** the trigger word(s) as written, e.g. `targets`, `down-regulation`, `correlated` */
  trigger: string;
  /** the trigger's half-open span, in the same coordinates as the mentions */
  triggerStart: number;
  triggerEnd: number;
  /** direct targeting stated: `directly`, 3'UTR binding, binding/seed sites, luciferase reporter */
  direct: boolean;
  /**
   * the sentence denies the interaction ("did not affect", "was not a target of", "but not miR-X"); negated pairs are
   * returned so that callers can show them, but they are not interactions
   */
  negated: boolean;
  direction: RelationDirection;
}

type Kind = 'mirna' | 'gene' | 'word' | 'punct';

interface Token {
  /** sentence-relative */
  start: number;
  end: number;
  kind: Kind;
  /** lower-cased, hyphens removed (words); the character (punctuation); '' (mentions) */
  word: string;
  /** indices into the pair-able mentions (mention tokens: several when mentions nest) */
  mentions: number[];
  flags: number;
  /** mention tokens: the list (coordination) this mention belongs to */
  group: number;
  /** '(' tokens: index of the matching ')', or -1 */
  close: number;
}

// token flags
const TRIGGER = 1;
const NEGATION = 2;
const BARRIER = 4;
const TARGET_NOUN = 8;
const CORRELATION = 16;
const BY = 32;
const OF_FOR = 64;
const PASSIVE = 128;
const LIST_JOINER = 256;

/** The most tokens between the two ends of a pair (long-distance pairs are rarely stated relations). */
const MAX_GAP = 40;

const WORD = /[\p{L}\p{N}]+(?:['’′]-?[\p{L}\p{N}]+|-[\p{L}\p{N}]+)*|\S/gu;

const TRIGGER_WORD = new RegExp(
  '^(?:' +
    [
      String.raw`(?:down|up|de|dys|co|mis|negatively|positively|posttranscriptionally)?regulat(?:e|es|ed|ing|ion|ions|or|ors|ory)`,
      String.raw`target(?:s|ed|ing)?`,
      String.raw`(?:suppress|repress)(?:es|ed|ing|ion|ive|or|ors)?`,
      String.raw`inhibit(?:s|ed|ing|ion|or|ors|ory)?`,
      String.raw`silenc(?:e|es|ed|ing)`,
      String.raw`modulat(?:e|es|ed|ing|ion|or|ors)`,
      String.raw`mediat(?:e|es|ed|ing|ion|or)`,
      String.raw`control(?:s|led|ling)?`,
      String.raw`bind(?:s|ing)?|bound`,
      String.raw`interact(?:s|ed|ing|ion|ions)?`,
      String.raw`recogni[sz](?:e|es|ed|ing)|recognition`,
      String.raw`(?:reduc|induc)(?:e|es|ed|ing|tion)`,
      String.raw`(?:decreas|increas)(?:e|es|ed|ing)`,
      String.raw`(?:diminish|abolish)(?:es|ed|ing)?`,
      String.raw`(?:attenuat|abrogat|elevat|activat|accumulat|degrad|destabiliz|destabilis)(?:e|es|ed|ing|ion)`,
      String.raw`(?:block|impair|lower|restor|enhanc|promot|affect|cleav)(?:e|es|ed|ing|s)?`,
      String.raw`correlat(?:e|es|ed|ing|ion|ions)`,
      String.raw`complementar(?:y|ity)`,
      String.raw`knock(?:ed|ing)?down|loss|depletion|depleted`,
    ].join('|') +
    ')$',
);
const TARGET_WORDS = new Set(['target', 'targets', 'targeting']);
const CORRELATION_WORD = /^correlat/;
const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const NEGATION_WORDS = new Set([
  'not',
  'no',
  'neither',
  'nor',
  'failed',
  'fail',
  'fails',
  'unable',
  'without',
  'unaffected',
  'unchanged',
  'cannot',
  "n't",
]);
const BARRIER_WORDS = new Set(['whereas', 'while', 'although', 'though', 'however', 'but', 'whilst']);
const BARRIER_PUNCT = new Set([';', ':', '.', '?', '!']);
const LIST_WORDS = new Set([',', 'and', 'or', '/', '&', '~', '-', 'both', 'as', 'well', 'and/or']);

const DIRECT_CUE =
  /\bdirect(?:ly)?\b|3\s*['’′]?\s*-?\s*(?:UTR|untranslated)|binding[- ]sites?|seed[- ](?:region|sequence|site|match)|luciferase/i;

function classify(word: string, kind: Kind): number {
  if (kind === 'punct') {
    if (BARRIER_PUNCT.has(word)) return BARRIER;
    if (LIST_WORDS.has(word)) return LIST_JOINER;
    return 0;
  }
  let flags = 0;
  if (TRIGGER_WORD.test(word)) flags |= TRIGGER;
  if (TARGET_WORDS.has(word)) flags |= TARGET_NOUN;
  if (CORRELATION_WORD.test(word)) flags |= CORRELATION;
  if (NEGATION_WORDS.has(word) || word.endsWith("n't")) flags |= NEGATION;
  if (BARRIER_WORDS.has(word)) flags |= BARRIER;
  if (word === 'by') flags |= BY;
  if (word === 'of' || word === 'for') flags |= OF_FOR;
  if (PASSIVE_AUX.has(word)) flags |= PASSIVE;
  if (LIST_WORDS.has(word)) flags |= LIST_JOINER;
  return flags;
}

/** Tokens of the sentence, each pair-able mention one token (mentions that nest or overlap share one). */
function tokenise(sentence: string, spans: readonly { start: number; end: number }[]): Token[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end);
  const tokens: Token[] = [];
  const words = (from: number, to: number): void => {
    if (to <= from) return;
    const gap = sentence.slice(from, to);
    WORD.lastIndex = 0;
    for (let m = WORD.exec(gap); m; m = WORD.exec(gap)) {
      const raw = m[0];
      const kind: Kind = /[\p{L}\p{N}]/u.test(raw) ? 'word' : 'punct';
      const word = kind === 'word' ? raw.toLowerCase().replace(/[-’′]/g, (c) => (c === '-' ? '' : "'")) : raw;
      tokens.push({
        start: from + m.index,
        end: from + m.index + raw.length,
        kind,
        word,
        mentions: [],
        flags: classify(word, kind),
        group: -1,
        close: -1,
      });
    }
  };
  let at = 0;
  let last: Token | undefined;
  for (const i of order) {
    const { start, end } = spans[i]!;
    if (last && start < last.end) {
      // nested or overlapping mention: shares the token
      last.mentions.push(i);
      last.end = Math.max(last.end, end);
      at = Math.max(at, end);
      continue;
    }
    words(at, start);
    last = { start, end, kind: 'mirna', word: '', mentions: [i], flags: 0, group: -1, close: -1 };
    tokens.push(last);
    at = end;
  }
  words(at, sentence.length);
  return tokens;
}

/** Coordinated mentions of one kind form a list: `PTEN and PDCD4`, `miR-221/222`, `CFH (complement factor H)`. */
function groupLists(tokens: Token[]): void {
  let group = 0;
  let prev = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'mirna' && t.kind !== 'gene') continue;
    let joined = prev >= 0 && tokens[prev]!.kind === t.kind && i - prev <= 4;
    if (joined) {
      let parens = 0;
      for (let k = prev + 1; k < i && joined; k++) {
        const w = tokens[k]!;
        if (w.word === '(' || w.word === ')') parens++;
        else if (!(w.flags & LIST_JOINER)) joined = false;
      }
      if (joined && parens === 0 && i === prev + 1) joined = false; // two mentions side by side are not a list
      if (parens && i === prev + 1) joined = false;
    }
    t.group = joined ? tokens[prev]!.group : group++;
    prev = i;
  }
}

function matchParens(tokens: Token[]): void {
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.word === '(' || t.word === '[') stack.push(i);
    else if ((t.word === ')' || t.word === ']') && stack.length) tokens[stack.pop()!]!.close = i;
  });
}

const has = (tokens: readonly Token[], i: number, flag: number): boolean => ((tokens[i]?.flags ?? 0) & flag) !== 0;

interface Decision {
  trigger: number;
  direction: RelationDirection;
  negated: boolean;
}

/**
 * Whether the words between two mention tokens (left `l`, right `r`, of different kinds) state a relation.
 * `lo`/`hi` bound the gap: the ends of the two lists the mentions belong to.
 */
function decide(tokens: readonly Token[], l: number, r: number, lo: number, hi: number): Decision | undefined {
  const left = tokens[l]!;
  const right = tokens[r]!;
  const mirnaFirst = left.kind === 'mirna';
  let trigger = -1;
  let lastTrigger = -1;
  let negated = false;
  let by = -1;
  let ofAfterTarget = false;
  let otherGeneAfterTrigger = false;
  let otherGene = -1;
  let passiveAux = false;
  for (let k = lo + 1; k < hi; k++) {
    const t = tokens[k]!;
    if ((t.word === '(' || t.word === '[') && t.close > k && t.close < hi) {
      k = t.close; // an aside that holds neither end: `(but not miR-181a)`, `(PKM2)`
      continue;
    }
    if (t.kind === 'mirna') return undefined; // another miRNA between: the nearer one is the partner
    if (t.kind === 'gene') {
      otherGene = k;
      if (lastTrigger >= 0) otherGeneAfterTrigger = true;
      continue;
    }
    if (t.flags & BARRIER) {
      // `but not X,` names an exception, not a new clause
      if (t.word === 'but' && tokens[k + 1]?.word === 'not') continue;
      return undefined;
    }
    if (t.flags & NEGATION) {
      if (!(t.word === 'not' && tokens[k - 1]?.word === 'but')) negated = true;
    }
    if (t.flags & PASSIVE) passiveAux = true;
    if (t.flags & BY && lastTrigger >= 0) by = k;
    if (t.flags & OF_FOR && lastTrigger >= 0 && tokens[lastTrigger]!.flags & TARGET_NOUN) ofAfterTarget = true;
    if (t.flags & TRIGGER) {
      if (trigger < 0) trigger = k;
      lastTrigger = k;
      if (otherGene >= 0) otherGeneAfterTrigger = false;
    }
  }
  // a mention preceded by `not` (`but not Gli1`, `not miR-181a`) is denied
  const deniedEnd = (i: number): boolean => tokens[i - 1]?.word === 'not';
  if (deniedEnd(l) || deniedEnd(r)) negated = true;

  if (trigger >= 0) {
    // another gene between the trigger and this gene (`miR-X inhibits AKT through HER2`) takes the relation
    if (otherGene >= 0 && !otherGeneAfterTrigger && otherGene > lastTrigger && mirnaFirst) return undefined;
    const useTrigger = mirnaFirst ? trigger : lastTrigger;
    if (mirnaFirst) {
      // `miR-21 is regulated by STAT3`: the gene acts
      const direction: RelationDirection =
        by > lastTrigger - 1 && by >= 0 && passiveAux
          ? 'gene_regulates_mirna'
          : tokens[useTrigger]!.flags & CORRELATION
            ? 'association'
            : 'mirna_regulates_gene';
      return { trigger: useTrigger, direction, negated };
    }
    // gene first: `G is regulated by miR-X`, `G is a target of miR-X`, `G, a binding site for miR-X`
    if (by >= 0 || ofAfterTarget || (has(tokens, lastTrigger, TARGET_NOUN) && has(tokens, hi - 1, OF_FOR)))
      return { trigger: lastTrigger, direction: 'mirna_regulates_gene', negated };
    if (tokens[useTrigger]!.flags & CORRELATION) return { trigger: useTrigger, direction: 'association', negated };
    if (has(tokens, hi - 1, OF_FOR))
      return { trigger: lastTrigger, direction: 'mirna_regulates_gene', negated };
    return { trigger: useTrigger, direction: 'gene_regulates_mirna', negated };
  }
  // no trigger between: `G, a known miR-X target`; `correlation between miR-X and G`; `miR-X and G ... correlated`
  if (!mirnaFirst && has(tokens, r + 1, TARGET_NOUN) && hi - lo <= 8)
    return { trigger: r + 1, direction: 'mirna_regulates_gene', negated };
  if (tokens[l - 1]?.word === 'between') {
    for (let k = l - 2; k >= Math.max(0, l - 4); k--)
      if (tokens[k]!.flags & CORRELATION) return { trigger: k, direction: 'association', negated };
  }
  if (hi - lo <= 2) {
    for (let k = r + 1; k < Math.min(tokens.length, r + 8); k++) {
      const t = tokens[k]!;
      if (t.flags & BARRIER || t.kind === 'mirna' || t.kind === 'gene') break;
      if (t.flags & CORRELATION) return { trigger: k, direction: 'association', negated };
    }
  }
  // `regulation of G by miR-X`
  if (!mirnaFirst && by < 0) {
    let k = lo + 1;
    while (k < hi && tokens[k]!.word !== 'by' && hi - k < 10) k++;
    if (k < hi && tokens[k]!.word === 'by') {
      for (let j = l - 1; j >= Math.max(0, l - 4); j--)
        if (has(tokens, j, TRIGGER) && has(tokens, j + 1, OF_FOR))
          return { trigger: j, direction: 'mirna_regulates_gene', negated };
    }
  }
  return undefined;
}

/**
 * The miRNA–gene pairs one sentence states a relation for. `mentions` may hold any entity types (only miRNAs and
 * genes pair); their offsets are in the coordinates where the sentence starts at `offset` (pass 0 for
 * sentence-relative mentions, the sentence's start for document-relative ones). Results keep those coordinates.
 * Negated statements are returned with `negated: true`; they are not interactions.
 */
export function mirnaGeneRelations(
  sentence: string,
  mentions: readonly EntityMention[],
  offset = 0,
): MirnaGeneRelation[] {
  const usable = mentions.filter(
    (m) =>
      (m.type === 'mirna' || m.type === 'gene') &&
      m.start >= offset &&
      m.end <= offset + sentence.length &&
      m.end > m.start,
  );
  if (!usable.some((m) => m.type === 'mirna') || !usable.some((m) => m.type === 'gene')) return [];
  const spans = usable.map((m) => ({ start: m.start - offset, end: m.end - offset }));
  const tokens = tokenise(sentence, spans);
  for (const t of tokens) if (t.mentions.length) t.kind = usable[t.mentions[0]!]!.type as Kind;
  groupLists(tokens);
  matchParens(tokens);

  // the first and last token of each list
  const groupStart = new Map<number, number>();
  const groupEnd = new Map<number, number>();
  tokens.forEach((t, i) => {
    if (t.group < 0) return;
    if (!groupStart.has(t.group)) groupStart.set(t.group, i);
    groupEnd.set(t.group, i);
  });

  const out: MirnaGeneRelation[] = [];
  const decisions = new Map<string, Decision | undefined>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'mirna') continue;
    const from = Math.max(0, i - MAX_GAP);
    const to = Math.min(tokens.length - 1, i + MAX_GAP);
    for (let j = from; j <= to; j++) {
      if (tokens[j]!.kind !== 'gene') continue;
      const [l, r] = i < j ? [i, j] : [j, i];
      const gl = tokens[l]!.group;
      const gr = tokens[r]!.group;
      const lo = groupEnd.get(gl)!;
      const hi = groupStart.get(gr)!;
      if (lo >= hi) continue; // interleaved lists
      // decide once per pair of lists; the members share it
      const key = `${gl}\t${gr}`;
      let d = decisions.get(key);
      if (!decisions.has(key)) {
        d = decide(tokens, groupStart.get(gl)!, groupEnd.get(gr)!, lo, hi);
        // the leftmost member's context (`between`, `not`) and the rightmost's (`target`) were seen via l/r
        decisions.set(key, d);
      }
      if (!d) continue;
      const trig = tokens[d.trigger]!;
      const lo2 = Math.min(tokens[l]!.start, trig.start);
      const hi2 = Math.max(tokens[r]!.end, trig.end);
      const direct = DIRECT_CUE.test(sentence.slice(lo2, hi2));
      const negatedHere = d.negated || tokens[i - 1]?.word === 'not' || tokens[j - 1]?.word === 'not';
      for (const mi of tokens[i]!.mentions)
        for (const gi of tokens[j]!.mentions)
          out.push({
            mirna: usable[mi]!,
            gene: usable[gi]!,
            trigger: sentence.slice(trig.start, trig.end),
            triggerStart: trig.start + offset,
            triggerEnd: trig.end + offset,
            direct,
            negated: negatedHere,
            direction: d.direction,
          });
    }
  }
  return out;
}
