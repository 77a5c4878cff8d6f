/**
 * miRNA–gene relations inside one sentence (the `targets` predicate; SCAI's miRNA–gene pairs), by rules over the
 * words between the two mentions:
 * - regulation triggers and their voice: `miR-21 targets PTEN`, `PTEN is repressed by miR-21`, `PTEN is a target of
 *   miR-21`, `miR-26a-mediated PTEN repression`, `regulation of TBP by miR-146a`, `PTBP1, a known miR-124 target`,
 *   `binding sites for miR-106b in the 3' UTR of TβR II`, `the miR-21–PTEN axis`, correlations;
 * - who acts on whom (`direction`): `IFN-β reduced miR-21 expression` is the gene regulating the miRNA, and
 *   `miR-125b is downregulated, followed by an increase in CDK6` an association; only `mirna_regulates_gene` is
 *   `targets`;
 * - lists (`PTEN and PDCD4`, `miR-21 and miR-221`), abbreviations and asides in parentheses, appositions
 *   (`miR-18a, a member of the miR-17-92 family, targets AIB1`), relative clauses;
 * - the nearest mention: another miRNA (or `these miRNAs`) between the two ends breaks the pair, and a gene between
 *   the trigger and a further gene takes the relation unless the genes form a list of effects;
 * - clause barriers (`whereas`, `;`, `, we …`) and negation (`did not affect`, `no effect on`, `was not a target
 *   of`, `but not Gli1`, `neither … nor`).
 *
 * Pure and linear in the sentence: pairs are looked at only within `MAX_GAP` tokens, one decision per pair of lists,
 * and no pattern is built per sentence or pair.
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
  /** mentions: the text, lower-cased (to tell the same gene written again) */
  text: string;
  /** indices into the pair-able mentions (mention tokens: several when mentions nest) */
  mentions: number[];
  flags: number;
  /** mention tokens: the list (coordination) this mention belongs to */
  group: number;
  /** '(' tokens: index of the matching ')'; ',' tokens opening an apposition (`miR-18a, a member of …,`): its closing ','; else -1 */
  close: number;
  /** tokens inside an apposition: the index of its closing ',', else -1 */
  inAside: number;
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
const BINDING = 512;
const UTR = 1024;
/** `these miRNAs`, `this microRNA`: another mention of miRNAs, by reference */
const ANAPHOR = 2048;

/** The most tokens between the two ends of a pair (long-distance pairs are rarely stated relations). */
const MAX_GAP = 40;

const WORD = /[\p{L}\p{N}]+(?:['’′]-?[\p{L}\p{N}]+|-[\p{L}\p{N}]+)*|\S/gu;

const TRIGGER_WORD = new RegExp(
  '^(?:' +
    [
      String.raw`(?:down|up|de|dys|co|mis|negatively|positively|posttranscriptionally)?regulat(?:e|es|ed|ing|ion|ions|or|ors|ory)`,
      String.raw`target(?:s|ed|ing)?`,
      String.raw`(?:suppress|repress)(?:es|ed|ing|ion|ive)?`,
      String.raw`inhibit(?:s|ed|ing|ion|ory)?`,
      String.raw`silenc(?:e|es|ed|ing)`,
      String.raw`modulat(?:e|es|ed|ing|ion|or|ors)`,
      String.raw`mediat(?:e|es|ed|ing|ion|or)`,
      String.raw`control(?:led|ling)`,
      String.raw`bind(?:s|ing)?|bound`,
      String.raw`interact(?:s|ed|ing|ion|ions)?`,
      String.raw`recogni[sz](?:e|es|ed|ing)|recognition`,
      String.raw`(?:reduc|induc)(?:e|es|ed|ing|tion)`,
      String.raw`(?:decreas|increas)(?:e|es|ed|ing)`,
      String.raw`(?:diminish|abolish)(?:es|ed|ing)?`,
      String.raw`(?:attenuat|abrogat|elevat|activat|accumulat|degrad|destabiliz|destabilis)(?:e|es|ed|ing|ion)`,
      String.raw`(?:block|impair|lower|restor|enhanc|promot|affect|cleav)(?:e|es|ed|ing|s)?`,
      String.raw`correlat(?:e|es|ed|ing|ion|ions)|correspond(?:s|ed|ing)?|coupled`,
      String.raw`complementar(?:y|ity)`,
      String.raw`knock(?:ed|ing)?down|loss|lost|lose|loses|depletion|depleted`,
    ].join('|') +
    ')$',
);
const TARGET_WORDS = new Set(['target', 'targets', 'targeting']);
const BINDING_WORD = /^(?:binding|bind|binds|site|sites|complementary|complementarity)$/;
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'both',
  'two',
  'three',
  'several',
  'multiple',
]);
const CORRELATION_WORD = /^(?:correlat|correspond|coupled$)/;
const UTR_WORD = /^(?:3'?)?(?:utr|utrs|untranslated)$/;
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
// `we` opens a new clause (`To test whether miR-17 could promote MB, we enforced …`)
const BARRIER_WORDS = new Set([
  'whereas',
  'while',
  'although',
  'though',
  'however',
  'but',
  'whilst',
  'we',
  'compared',
]);
const BARRIER_PUNCT = new Set([';', ':', '.', '?', '!']);
const LIST_WORDS = new Set([
  ',',
  'and',
  'or',
  'nor',
  'neither',
  '/',
  '&',
  '~',
  '-',
  'both',
  'as',
  'well',
  'and/or',
  'pre',
  'pri',
]);
const DASHES = new Set(['-', '–', '—', '/', ':']);
const MIRNA_NOUNS = new Set(['mirna', 'mirnas', 'mir', 'mirs', 'microrna', 'micrornas']);
const ARTICLES = new Set(['a', 'an', 'the']);
const DIRECT_WORDS = new Set(['direct', 'directly']);
const APPOSITION_OPENERS = new Set(['a', 'an', 'another', 'one']);
/** words of a noun compound between a modifier gene and its head (`transcriptional coactivator`, `family member`) */
const COMPOUND_WORD =
  /^(?:transcriptional|coactivator|corepressor|receptor|ligand|family|member|subunit|partner|kinase|phosphatase|substrate|effector|target|regulator|binding|protein)$/;
/** a gene after these is upstream of the trigger's object, not its object (`genes downstream of p53`) */
const POSITION_WORDS = new Set(['downstream', 'upstream']);
/** before the trigger, these make a co-occurrence of changes (`miR-21 is associated with the upregulation of Bcl-2`) */
const ASSOCIATION_WORDS = new Set([
  'associated',
  'association',
  'linked',
  'related',
  'accompanied',
  'paralleled',
]);
/** after a change of the gene, these introduce its cause (`PTEN rose upon miR-21 inhibition`) */
const CAUSE_WORDS = new Set(['upon', 'after', 'following']);
const DEMONSTRATIVES = new Set(['this', 'these', 'those', 'such', 'both']);
const PREFIX_WORDS = new Set(['-', 'pre', 'pri', 'mature', 'precursor', 'primary', '(']);
/** words before a participle that make it a modifier of the next noun, not a verb */
const MODIFIER_CONTEXT = new Set([
  'a',
  'an',
  'the',
  'with',
  'in',
  'of',
  'and',
  'or',
  'by',
  'to',
  'its',
  'their',
]);
/** words that detach a further gene from the trigger's object (`inhibits AKT through HER2`) */
const DETACHING = new Set([
  'through',
  'via',
  'by',
  'in',
  'on',
  'to',
  'with',
  'from',
  'into',
  'which',
  'that',
  'whereas',
  'while',
]);

const DIRECT_SITE =
  /3\s*['’′]?\s*-?\s*(?:UTR|untranslated)|binding[- ]sites?|seed[- ](?:region|sequence|site|match)|luciferase/i;

const lexical = (word: string): number =>
  (TRIGGER_WORD.test(word) ? TRIGGER : 0) |
  (TARGET_WORDS.has(word) ? TARGET_NOUN : 0) |
  (CORRELATION_WORD.test(word) ? CORRELATION : 0) |
  (BINDING_WORD.test(word) ? BINDING : 0) |
  (UTR_WORD.test(word) ? UTR : 0);

function classify(raw: string, word: string, kind: Kind): number {
  if (kind === 'punct') {
    if (BARRIER_PUNCT.has(word)) return BARRIER;
    if (LIST_WORDS.has(word)) return LIST_JOINER;
    return 0;
  }
  let flags = lexical(word);
  // hyphenated compounds count by their parts too (`binding-site`, `miRNA-induced`), but `down-regulates` is whole
  if (!flags && raw.includes('-')) for (const part of raw.toLowerCase().split('-')) flags |= lexical(part);
  if (NEGATION_WORDS.has(word) || word.endsWith("n't")) flags |= NEGATION;
  if (BARRIER_WORDS.has(word)) flags |= BARRIER;
  if (word === 'by') flags |= BY;
  if (word === 'of' || word === 'for') flags |= OF_FOR;
  if (PASSIVE_AUX.has(word)) flags |= PASSIVE;
  if (LIST_WORDS.has(word)) flags |= LIST_JOINER;
  return flags;
}

/** Tokens of the sentence, each pair-able mention one token (mentions that nest or overlap share one). */
function tokenise(sentence: string, spans: readonly { start: number; end: number; kind: Kind }[]): Token[] {
  const order = spans
    .map((_, i) => i)
    .sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end);
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
        text: '',
        mentions: [],
        flags: classify(raw, word, kind),
        group: -1,
        close: -1,
        inAside: -1,
      });
    }
  };
  let at = 0;
  let last: Token | undefined;
  for (const i of order) {
    const { start, end, kind } = spans[i]!;
    if (last && start < last.end) {
      // a nested or overlapping mention of the same kind shares the token; of the other kind, it is left out
      if (kind !== last.kind) continue;
      last.mentions.push(i);
      last.end = Math.max(last.end, end);
      at = Math.max(at, end);
      continue;
    }
    words(at, start);
    last = {
      start,
      end,
      kind,
      word: '',
      text: '',
      mentions: [i],
      flags: 0,
      group: -1,
      close: -1,
      inAside: -1,
    };
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

/** Appositions after a mention, `miR-18a, a member of the miR-17-92 family, can target AIB1`: marked as asides. */
function markAppositions(tokens: Token[]): void {
  for (let c = 1; c < tokens.length - 1; c++) {
    const head = tokens[c - 1]!;
    if (tokens[c]!.word !== ',' || (head.kind !== 'mirna' && head.kind !== 'gene')) continue;
    if (!APPOSITION_OPENERS.has(tokens[c + 1]!.word)) continue;
    for (let e = c + 2; e < Math.min(tokens.length, c + 20); e++) {
      const t = tokens[e]!;
      if (t.flags & BARRIER) break;
      if (t.word !== ',') continue;
      tokens[c]!.close = e;
      for (let k = c + 1; k < e; k++) tokens[k]!.inAside = e;
      break;
    }
  }
}

const has = (tokens: readonly Token[], i: number, flag: number): boolean =>
  ((tokens[i]?.flags ?? 0) & flag) !== 0;

interface Decision {
  trigger: number;
  /** the trigger nearest the gene, for `directly` (`miR-27a can directly target …`) */
  near?: number;
  direction: RelationDirection;
  negated: boolean;
}

/** `G, a known miR-X target`: `target` after the miRNA is a noun, not the verb of `miR-9 targets REST`. */
function targetNounAfter(tokens: readonly Token[], lo: number, hi: number, r: number): boolean {
  if (!has(tokens, r + 1, TARGET_NOUN) || hi - lo > 8) return false;
  const before = tokens[hi - 1]!;
  if (before.kind !== 'word' || before.word === 'and' || before.word === 'or') return false;
  const after = tokens[r + 2];
  return !after || (after.kind !== 'mirna' && after.kind !== 'gene' && !DETERMINERS.has(after.word));
}

/** Whether `not` comes just before the mention at `i` (`but not Gli1`, `(but not pre-miR-181a)`). */
function deniedBefore(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const w = tokens[k]!.word;
    if (w === 'not' || w === 'neither' || w === 'nor') return true;
    if (!PREFIX_WORDS.has(w) && !DETERMINERS.has(w)) return false;
  }
  return false;
}

/**
 * A trigger that only describes the next mention (`with a constitutively activated SHH pathway`, `and increased
 * miR-183 expression`): a participle right before the mention, after a preposition, article or conjunction.
 */
function modifierOnly(tokens: readonly Token[], k: number, next: number): boolean {
  if (
    next !== k + 1 &&
    !(next === k + 2 && tokens[k + 1]!.kind === 'word' && /ly$/.test(tokens[k + 1]!.word))
  )
    return false;
  if (!/(?:ed|ing)$/.test(tokens[k]!.word)) return false;
  let p = k - 1;
  while (p >= 0 && /ly$/.test(tokens[p]!.word)) p--;
  return p < 0 || MODIFIER_CONTEXT.has(tokens[p]!.word);
}

/** Whether an auxiliary (`is`, `was`, `been`) comes before the participle at `k`, adverbs between. */
function auxiliaryBefore(tokens: readonly Token[], k: number): boolean {
  let p = k - 1;
  while (p >= 0 && tokens[p]!.kind === 'word' && /ly$/.test(tokens[p]!.word)) p--;
  return has(tokens, p, PASSIVE);
}

/**
 * Whether the words between two mention tokens of different kinds state a relation. `l`/`r` are the first token of
 * the left list and the last of the right list; `lo`/`hi` the last token of the left list and the first of the right
 * one (the gap lies strictly between them).
 */
function decide(
  tokens: readonly Token[],
  l: number,
  r: number,
  lo: number,
  hi: number,
): Decision | undefined {
  const mirnaFirst = tokens[l]!.kind === 'mirna';
  // a mention inside an apposition (`miR-18a, a member of the miR-17-92 family, can target AIB1`) is not the
  // subject of what follows it
  if (tokens[lo]!.inAside >= 0 && tokens[lo]!.inAside < hi) return undefined;
  const geneText = tokens[mirnaFirst ? hi : lo]!.text;
  const triggers: number[] = [];
  let lastOtherGene = -1;
  let negated = false;
  let passiveBy = -1;
  let targetOf = false;
  let by = -1;
  let utrOf = -1;
  let exception = false; // inside `but not X,`
  let passiveAux = false;
  let associated = false;
  for (let k = lo + 1; k < hi; k++) {
    const t = tokens[k]!;
    if (t.word === ',' && t.close > k && t.close < hi) {
      // an apposition to a mention: its mentions of the head's kind restate the head, its words do not count
      const headKind = tokens[k - 1]!.kind;
      for (let j = k + 1; j < t.close; j++) {
        const u = tokens[j]!;
        if (u.kind === headKind) continue;
        if (u.kind === 'mirna') return undefined;
        if (u.kind === 'gene') lastOtherGene = j;
      }
      k = t.close;
      continue;
    }
    if (t.word === ',') exception = false;
    if ((t.word === '(' || t.word === '[') && t.close > k && t.close < hi) {
      // an aside holding neither end: its words do not count; its mentions do, unless it is an exception
      // (`miR-630 (but not miR-181a) blocks p53`) or spells out the left mention (`the miR-20a family (miR-20a, …)`)
      const next = tokens[k + 1]!.word;
      const exception = next === 'not' || (next === 'but' && tokens[k + 2]?.word === 'not');
      const apposition = k === lo + 1;
      if (!exception)
        for (let j = k + 1; j < t.close; j++) {
          const u = tokens[j]!;
          if (u.kind === 'mirna' && !(apposition && mirnaFirst)) return undefined;
          if (u.kind === 'gene' && !(apposition && !mirnaFirst)) {
            if (!mirnaFirst && u.text === geneText) return undefined;
            lastOtherGene = j;
          }
        }
      k = t.close;
      continue;
    }
    // another miRNA between, named or referred to: the nearer one is the partner
    if (t.kind === 'mirna' || t.flags & ANAPHOR) return undefined;
    if (t.kind === 'gene') {
      if (!mirnaFirst && t.text === geneText) return undefined; // the same gene again, nearer to the miRNA
      if (!exception) lastOtherGene = k;
      continue;
    }
    if (t.flags & BARRIER) {
      if (t.word === 'but' && tokens[k + 1]?.word === 'not') {
        exception = true; // `N-myc, but not Gli1, induced`
        continue;
      }
      if (t.word === 'but' && tokens[k + 1]?.word === 'also') continue; // `not only … but also`
      return undefined;
    }
    if (t.flags & NEGATION) {
      const prev = tokens[k - 1]?.word;
      const next = tokens[k + 1]?.word;
      if (!(t.word === 'not' && (prev === 'but' || next === 'only'))) negated = true;
    }
    if (t.word === 'by') {
      by = k;
      const verb = tokens[k - 1]!.word.endsWith('ly') ? k - 2 : k - 1;
      if (verb >= 0 && has(tokens, verb, TRIGGER) && /ed$/.test(tokens[verb]!.word)) {
        passiveBy = k;
        passiveAux = auxiliaryBefore(tokens, verb);
      }
    }
    if (ASSOCIATION_WORDS.has(t.word) && !triggers.length) associated = true;
    if (
      t.flags & OF_FOR &&
      triggers.length &&
      has(tokens, triggers[triggers.length - 1]!, TARGET_NOUN | BINDING)
    )
      targetOf = true;
    if (t.flags & UTR && (tokens[k + 1]?.word === 'of' || tokens[k + 2]?.word === 'of')) utrOf = k;
    if (t.flags & TRIGGER && !modifierOnly(tokens, k, hi)) triggers.push(k);
  }
  if (deniedBefore(tokens, l) || deniedBefore(tokens, hi)) negated = true;

  if (triggers.length) {
    const first = triggers[0]!;
    const last = triggers[triggers.length - 1]!;
    if (mirnaFirst) {
      // `miR-X inhibits AKT and ERK through HER2`: the trigger's object is the nearer gene; a list of effects
      // (`including Bax oligomerization, … and maturation of caspase-9`) goes on to the next one
      if (lastOtherGene > last) {
        let listed = false;
        let compound = hi - lastOtherGene <= 4; // `the ERα transcriptional coactivator AIB1`
        for (let k = lastOtherGene + 1; k < hi; k++) {
          const t = tokens[k]!;
          if (DETACHING.has(t.word)) return undefined;
          // `(IRAK-1), an essential component of IL-1 signalling` describes the other gene
          if (t.word === ',' && ARTICLES.has(tokens[k + 1]!.word)) return undefined;
          listed ||= t.word === 'and' || t.word === 'or' || t.word === ',';
          compound &&= t.kind === 'word' && !(t.flags & (TRIGGER | OF_FOR | BY | PASSIVE));
        }
        if (!listed && !compound) return undefined;
      }
      if (tokens[hi - 1]!.word === 'of' && POSITION_WORDS.has(tokens[hi - 2]!.word)) return undefined;
      // `… coupled to an NF-κB-induced up-regulation of IRAK-2`: the gene acts on what follows it
      const dash = tokens[r + 1];
      if (dash?.word === '-' && dash.start === tokens[r]!.end && /ed$/.test(tokens[r + 2]?.word ?? ''))
        return undefined;
      // `the ERα transcriptional coactivator AIB1`: the gene names what the noun phrase's head belongs to
      for (let k = r + 1; k <= Math.min(tokens.length - 1, r + 4); k++) {
        const t = tokens[k]!;
        if (t.kind === 'gene') {
          if (k > r + 1) return undefined;
          break;
        }
        if (
          t.kind !== 'word' ||
          t.flags & (TRIGGER | OF_FOR | BY | PASSIVE | LIST_JOINER) ||
          !COMPOUND_WORD.test(t.word)
        )
          break;
      }
      // `regulation of PKM2 by miR-326`: another miRNA acts on this gene
      for (let k = r + 1; k <= Math.min(tokens.length - 1, r + 3); k++)
        if (tokens[k]!.word === 'by') {
          if (tokens[k + 1]?.kind === 'mirna' || tokens[k + 2]?.kind === 'mirna') return undefined;
          break;
        }
      if (passiveBy >= 0) {
        // `miR-21 expression is negatively regulated by STAT3`; but in `regulating the signalling mediated by
        // IGF1R` the gene acts on the signalling
        if (!passiveAux) return undefined;
        return { trigger: passiveBy - 1, direction: 'gene_regulates_mirna', negated };
      }
      // `miR-125b is downregulated, followed by an increase in CDK6`: changes that go together
      const state = auxiliaryBefore(tokens, first) && /ed$/.test(tokens[first]!.word);
      const direction =
        has(tokens, first, CORRELATION) || associated || state ? 'association' : 'mirna_regulates_gene';
      return { trigger: first, near: last, direction, negated };
    }
    // gene first: `G is regulated by miR-X`, `G is a target of miR-X`, `G in a binding site for miR-X`
    if (passiveBy >= 0) return { trigger: last, direction: 'mirna_regulates_gene', negated };
    if (targetOf) return { trigger: last, direction: 'mirna_regulates_gene', negated };
    if (has(tokens, last, CORRELATION)) return { trigger: last, direction: 'association', negated };
    // `G, … inhibition of miR-X`, `decreases in G and increases in miR-X`: a noun about the miRNA
    let k = last + 1;
    if (tokens[k]?.word === 'of' || tokens[k]?.word === 'in') {
      k++;
      while (k < hi && DETERMINERS.has(tokens[k]!.word)) k++;
      if (k === hi) return undefined;
    }
    if (lastOtherGene >= 0) return undefined; // the verb's subject or object is another gene
    if (by > last) return undefined;
    // `PTEN levels rose upon miR-21 inhibition`: the miRNA's change acts on the gene
    for (let k = last + 1; k < hi; k++)
      if (CAUSE_WORDS.has(tokens[k]!.word))
        return { trigger: last, direction: 'mirna_regulates_gene', negated };
    const before = tokens[hi - 1]!.word;
    if (before === 'in' || (before === 'the' && tokens[hi - 2]?.word === 'in')) return undefined; // `… in the miR-X cells`
    return { trigger: last, direction: 'gene_regulates_mirna', negated };
  }
  // `the miR-21–PTEN axis`
  if (mirnaFirst && hi - lo === 2 && DASHES.has(tokens[lo + 1]!.word) && tokens[r + 1]?.word === 'axis')
    return { trigger: r + 1, direction: 'mirna_regulates_gene', negated };
  // no trigger between: `G, a known miR-X target`; `binding sites for miR-X in the 3' UTR of G`; `correlation
  // between miR-X and G`; `miR-X and G … correlated`; `increases in miR-X and G`; `regulation of G by miR-X`
  if (!mirnaFirst && targetNounAfter(tokens, lo, hi, r))
    return { trigger: r + 1, direction: 'mirna_regulates_gene', negated };
  if (mirnaFirst && utrOf >= 0 && lastOtherGene < 0)
    return { trigger: utrOf, direction: 'mirna_regulates_gene', negated };
  // `a correlation between miR-125b abundance and the glial cell markers GFAP`
  let between = l - 1;
  while (between >= 0 && DETERMINERS.has(tokens[between]!.word)) between--;
  if (tokens[between]?.word === 'between' && hi - lo <= 8) {
    let and = false;
    for (let k = lo + 1; k < hi; k++) and ||= tokens[k]!.word === 'and';
    if (and && lastOtherGene < 0)
      for (let k = between - 1; k >= Math.max(0, between - 3); k--)
        if (has(tokens, k, CORRELATION)) return { trigger: k, direction: 'association', negated };
  }
  if (hi - lo === 2 && tokens[lo + 1]!.word === 'and') {
    for (let k = r + 1; k < Math.min(tokens.length, r + 8); k++) {
      const t = tokens[k]!;
      if (t.flags & BARRIER || t.kind === 'mirna' || t.kind === 'gene') break;
      if (t.flags & CORRELATION) return { trigger: k, direction: 'association', negated };
    }
    let k = l - 1;
    while (k >= 0 && DETERMINERS.has(tokens[k]!.word)) k--;
    if ((tokens[k]?.word === 'of' || tokens[k]?.word === 'in') && has(tokens, k - 1, TRIGGER))
      return { trigger: k - 1, direction: 'association', negated };
  }
  if (!mirnaFirst && by >= 0 && hi - by <= 3) {
    for (let j = l - 1; j >= Math.max(0, l - 4); j--)
      if (has(tokens, j, TRIGGER) && has(tokens, j + 1, OF_FOR))
        return { trigger: j, direction: 'mirna_regulates_gene', negated };
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
  const spans = usable.map((m) => ({ start: m.start - offset, end: m.end - offset, kind: m.type as Kind }));
  const tokens = tokenise(sentence, spans);
  for (const t of tokens) if (t.mentions.length) t.text = sentence.slice(t.start, t.end).toLowerCase();
  groupLists(tokens);
  matchParens(tokens);
  markAppositions(tokens);
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if ((t.word === 'effect' || t.word === 'effects') && tokens[k + 1]?.word === 'on') t.flags |= TRIGGER;
    if (t.word === 'loss' && tokens[k + 2]?.word === 'heterozygosity') t.flags &= ~TRIGGER;
    if (MIRNA_NOUNS.has(t.word) && DEMONSTRATIVES.has(tokens[k - 1]!.word)) t.flags |= ANAPHOR;
  }

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
      const near = d.near ?? d.trigger;
      const direct =
        DIRECT_SITE.test(
          sentence.slice(Math.min(tokens[l]!.start, trig.start), Math.max(tokens[r]!.end, trig.end)),
        ) ||
        DIRECT_WORDS.has(tokens[near - 1]?.word ?? '') ||
        DIRECT_WORDS.has(tokens[near - 2]?.word ?? '');
      const negatedHere = d.negated || deniedBefore(tokens, i) || deniedBefore(tokens, j);
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
