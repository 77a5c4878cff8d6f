/**
 * Therapy relations of miRNAs (and expression changes of genes) in one sentence: resistance, sensitisation,
 * expression in resistant cells and biomarker claims, with loss-of-function inversion (curation rule of
 * data/curation/README.md: "anti-miR-21 re-sensitised" ⇒ miR-21 confers resistance) and negation.
 * The vocabulary of cues follows the seed reviews' wording (seeds 003/004) and the primer of issue 6.
 */
import { INVERTED_PREDICATE, type Predicate, type Qualifiers } from '../model/index.js';
import type { EntityMention } from './entity-recognizer.js';

/** A relation found in a sentence, before it becomes a proposed statement. */
export interface TherapyRelation {
  subject: EntityMention;
  predicate: Predicate;
  therapy: EntityMention;
  trigger: string;
  qualifiers: Qualifiers;
}

/** What the sentence's neighbourhood supplies when the sentence itself does not name it. */
export interface SentenceFrame {
  /** the sentence text; mentions' offsets are relative to it */
  text: string;
  mentions: EntityMention[];
  /** miRNAs an anaphor (`this miRNA`, `they`, `its`) refers to: those of the preceding sentence */
  antecedents: EntityMention[];
  /** therapies named in the preceding sentences or the title, nearest first, for `drug resistance` and the like */
  priorTherapies: EntityMention[];
}

// ---- cues ---------------------------------------------------------------------------------------

const RESIST =
  /\b(?:confer\w*|induc\w*|promot\w*|caus\w*|lead(?:s|ing)? to|led to|result\w* in|contribut\w* to|mediat\w*|develop\w*|acquir\w*|render\w*|enhanc\w*|increas\w*|provid\w*|driv\w*|basis for|role in|involved in|responsible for|associated with)\b[^;]{0,80}?\b(?:(?:chemo|radio|multidrug|multi-drug)?-?resistan(?:ce|t)|insensitiv\w*|refractor\w*|tolerance)\b|\b(?:weaken\w*|reduc\w*|decreas\w*|impair\w*|diminish\w*|attenuat\w*|lower\w*)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:sensitivity|responsiveness|efficacy|effect)\b|\bdesensiti[sz]\w*|\b(?:less|reduced)\s+sensitive\b|\bmore\s+resistant\b|\b(?:increas|rais|elevat)\w*\s+(?:the\s+)?IC50|\b(?:chemo|radio)resistan(?:ce|t)\b/gi;
const SENSITISE =
  /\b(?:re-?|chemo-?|radio-?)?sensiti[sz](?:e|es|ed|ing|ation|er)\b|\b(?:more|highly|hyper)\s+sensitive\b|\bless\s+resistant\b|\b(?:decreas|reduc|lower)\w*\s+(?:the\s+)?IC50|\b(?:enhanc\w*|increas\w*|restor\w*|improv\w*|augment\w*|potentiat\w*|promot\w*|boost\w*|maintain\w*)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:sensitivity|chemosensitivity|radiosensitivity|responsiveness|efficacy|effects?|cytotoxicity|response)\b|\b(?:revers(?:e|es|ed|ing|al of)|overc[oa]m(?:e|es|ing)|abrogat(?:e|es|ed|ing)|abolish(?:es|ed|ing)?|attenuat(?:e|es|ed|ing)|alleviat(?:e|es|ed|ing)|circumvent(?:s|ed|ing)?|suppress(?:es|ed|ing)?|inhibit(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|counteract(?:s|ed|ing)?)\s+(?:the\s+)?(?:\w+[\s-]+){0,4}?resistan(?:ce|t)\b|\bsynergi\w*|\bpotentiat\w* the (?:\w+\s+){0,2}effect/gi;
const UP =
  /\b(?:(?:is|are|was|were|be|been|being|remain\w*)\s+(?:\w+ly\s+)?(?:up-?regulated|increased|elevated|overexpressed|over-expressed|enriched|induced|higher|high|highly expressed)|(?:up-?regulation|increase|elevation|accumulation|gain)\s+(?:in|of)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:expression|levels?)?|(?:increased|elevated|higher|high|enhanced|upregulated|up-regulated|aberrant high|persistent high)\s+(?:\w+\s+)?(?:expression|levels?|abundance)|expression\s+(?:\w+\s+){0,4}?(?:increases?|increased|rises?|rose|was elevated)|up-?regulated in|over-?expressed in)\b/gi;
const DOWN =
  /\b(?:(?:is|are|was|were|be|been|being|remain\w*)\s+(?:\w+ly\s+)?(?:down-?regulated|decreased|reduced|diminished|suppressed|silenced|lost|lower|low|absent|repressed|downexpressed)|(?:down-?regulation|decrease|reduction|loss|depletion|silencing)\s+(?:in|of)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:expression|levels?)?|(?:decreased|reduced|lower|low|diminished|downregulated|down-regulated|loss of)\s+(?:\w+\s+)?(?:expression|levels?|abundance)|expression\s+(?:\w+\s+){0,4}?(?:decreases?|decreased|drops?|dropped|declines?|declined|falls?)\b(?:\s+sharply)?|down-?regulated in|downregulated)\b/gi;
const RESISTANT_CONTEXT = /\b(?:[\w-]*[- ])?resistan(?:t|ce)\b|\brefractory\b/i;
/** where an expression change is located: `in tamoxifen-resistant cells`, `in cell lines with acquired resistance` */
const IN_RESISTANT =
  /\bin\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?(?:[\w-]*-)?resistan(?:t|ce)\b|\bresistant\s+(?:\w+\s+)?(?:cells?|cell lines?|tumou?rs?|clones?|sublines?|variants?|xenografts?|patients?)\b/i;
const SENSITIVE_CONTEXT = /\b(?:[\w-]+-)?sensitive\b/i;
const POOR_OUTCOME =
  /\b(?:poor\w*|worse|shorter|reduced|lower|unfavou?rable|bad|adverse)\s+(?:\w+[\s-]+){0,3}?(?:response|survival|outcomes?|prognosis|efficacy|benefit)|\brisk of (?:\w+\s+){0,2}?(?:resistance|failure|relapse|recurrence|progression)|\btreatment failure|\bdrug resistance\b/gi;
const GOOD_OUTCOME =
  /\b(?:good|better|longer|improved|favou?rable|complete|higher)\s+(?:\w+[\s-]+){0,3}?(?:response|survival|outcomes?|prognosis|benefit)|\bpathological complete response|\bpCR\b|\bresponders?\b/gi;
const BIOMARKER =
  /\b(?:associat\w*|correlat\w*|predict\w*|indicat\w*|prognos\w*|biomarker\w*|marker\w*|suggest\w*|linked)\b/i;
const CLINICAL =
  /\b(?:patients?|clinical|serum|plasma|circulating|tissues?|cohort|survival|exosom\w*|blood)\b/i;
const HIGH_LEVEL =
  /\b(?:high|higher|elevated|increased|overexpress\w*|persistent(?:ly)? high|up-?regulat\w*)\b(?:\s+\w+){0,3}\s*$/i;
const LOW_LEVEL =
  /\b(?:low|lower|reduced|decreased|loss of|down-?regulat\w*|decrease in)\b(?:\s+\w+){0,4}\s*$/i;
const DECREASE_LEVEL = /\b(?:decrease|decline|drop|reduction|fall)\b/i;

// before a miRNA: its loss or inhibition; after it: inhibitor words (`miR-181a inhibitors`)
const LOSS_BEFORE =
  /\b(?:knock-?down|knock-?out|silencing|inhibition|inhibiting|depletion|depleting|loss|deletion|down-?regulation|down-?regulating|suppression|suppressing|blockade|blocking|antagoni[sz]\w*|sponging|inhibitors?|antagomirs?|anti-?sense|(?:reduc|decreas|lower|inhibit|suppress|block)\w*\s+(?:the\s+)?(?:activity|expression|levels?|function))\s+(?:of\s+)?(?:the\s+)?(?:expression\s+of\s+|endogenous\s+)?$/i;
const LOSS_AFTER =
  /^\s*(?:inhibitors?|antagomirs?|knock-?down|silencing|sponges?|antisense|anti-?miRs?|inhibition|depletion|deficien\w*|-deficient|was knocked down|were knocked down|knockout)\b/i;
const NEGATION =
  /\b(?:not|no|neither|nor|never|failed to|fail to|without|unable to|did not|does not|do not|had no|has no|have no|no longer)\b(?:\s+\w+){0,4}\s*$/i;
// `this miRNA`, `these two miRNAs`, a pronoun as subject, or `its/their` + a word about the miRNA's level or loss;
// not `their proliferation` (cells) or `it was treated` after a drug
export const ANAPHOR =
  /\b(?:this|the|these|such)\s+(?:two\s+)?(?:miRNAs?|microRNAs?|regulatory pattern)\b|(?:^|[;,]\s*|\b(?:and|but|however|thus|therefore)\s+)(?:it|they|It|They)\s+(?!(?:is|was|were|are)\s+(?:treated|exposed|cultured|grown|incubated)\b)|\b(?:its|their)\s+(?:\w+\s+)?(?:expression|levels?|inhibition|knock-?down|silencing|overexpression|up-?regulation|down-?regulation|loss|depletion|abundance|significance|role|restoration)\b/i;
// a clause that continues the sentence's subject: it opens with a verb, adverb or auxiliary, not a noun phrase
const ELLIPTIC_CLAUSE =
  /^[;,\s]*(?:(?:but|while|whereas|and|although|though)\s+)?(?:(?:also|then|still|further|thereby)\s+)*(?:is|are|was|were|be|been|has|have|had|can|could|may|might|will|would|did|does|do|not|\w+ly|\w+ed|\w+ing|(?:up|down)-?regulated)\b/i;
const THAN_RESISTANT =
  /\bthan\s+(?:(?:in|that\s+(?:in|of))\s+)?(?:(?:the|their)\s+)?(?:[\w-]+\s+){0,3}?[\w-]*resistan(?:t|ce)\b/i;
const CONTRASTED =
  /\b(?:unlike|in contrast to|contrary to|compared (?:with|to)|rather than|but not|instead of|other than)\s+(?:the\s+)?(?:[\w-]+,?\s+(?:and|or)\s+)?$/i;
// `…, while the persistent high expression suggests …`: an expression with no `of X` is the sentence's miRNA's
const BARE_EXPRESSION =
  /^[;,\s]*(?:\w+\s+)?(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:expression|levels?)\b(?!\s+(?:of|in)\b)/i;
// loss of the miRNA an anaphor stands for: `inhibition of this miRNA`, `its knockdown`, `knockdown of it`
const ANAPHOR_LOSS =
  /\b(?:knock-?down|silencing|inhibition|inhibiting|depletion|loss|down-?regulation|suppression|blockade|blocking|antagoni[sz]\w*)\s+of\s+(?:this\s+(?:miRNA|microRNA)|these\s+(?:two\s+)?(?:miRNAs|microRNAs)|it|them)\b|\b(?:its|their)\s+(?:knock-?down|silencing|inhibition|depletion|loss|down-?regulation|suppression)\b/i;

function anaphorLoss(clause: string): string | undefined {
  return ANAPHOR_LOSS.test(clause) ? 'inhibitor' : undefined;
}
const CLAUSE_BREAK =
  /;|,\s*(?:while|whereas|but|however|although|though)\b|\s+(?:whereas|while|but)\s+|,\s*followed by\b|,\s*and\s+(?=in\s)/gi;

interface Clause {
  start: number;
  end: number;
  text: string;
}

function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    out.push({ start: from, end: m.index, text: text.slice(from, m.index) });
    from = m.index;
  }
  out.push({ start: from, end: text.length, text: text.slice(from) });
  return out;
}

interface Cue {
  kind: 'resist' | 'sensitise' | 'up' | 'down';
  start: number;
  end: number;
  text: string;
}

function cues(pattern: RegExp, kind: Cue['kind'], text: string, offset: number): Cue[] {
  const out: Cue[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const negated = NEGATION.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (!negated)
      out.push({ kind, start: offset + m.index, end: offset + m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** How the sentence presents a miRNA: gained (default), lost/inhibited, with the words that say so. */
function loss(text: string, m: EntityMention): string | undefined {
  if (m.lossOfFunction) return m.lossOfFunction;
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  const after = text.slice(m.end, m.end + 40);
  if (LOSS_BEFORE.test(before) || LOSS_AFTER.test(after)) return 'inhibitor';
  return undefined;
}

const INVERSION_KIND = (text: string, m: EntityMention): Qualifiers['inverted'] => {
  if (m.lossOfFunction === 'antagomir') return 'antagomir';
  if (m.lossOfFunction === 'inhibitor') return 'inhibitor';
  // an anaphoric subject has no offsets here: the whole sentence says how it was lost
  const around = (m.start < 0 ? text : text.slice(Math.max(0, m.start - 60), m.end + 40)).toLowerCase();
  if (/knock-?down|knocked down/.test(around)) return 'knockdown';
  if (/silenc/.test(around)) return 'silencing';
  if (/antagomir/.test(around)) return 'antagomir';
  if (/inhibit/.test(around)) return 'inhibitor';
  return 'loss-of-function';
};

// `chemoresistance`, `radiosensitivity`: the word names the therapy class
const IMPLICIT_THERAPY: [RegExp, string][] = [
  [/\bchemo-?(?:resistan|sensiti|therap)\w*/i, 'chemotherapy'],
  [/\bradio-?(?:resistan|sensiti|therap)\w*/i, 'radiotherapy'],
];
// `resistance to gefitinib`, `cetuximab-resistant`: a therapy the vocabulary lacks is named, so none may be borrowed
const NAMED_UNKNOWN_THERAPY =
  /\b(?:resistan(?:ce|t)|sensitivity|sensitive)\s+to\s+(?!(?:the|these|this|a|an|drugs?|treatments?|therapy|therapies|chemotherap\w*|apoptosis|cell|cells|its|their)\b)[a-z][\w-]*|\b(?!(?:drug|multidrug|multi-drug|chemo|radio|therapy|treatment|acquired|intrinsic|de)\b)[a-z]{4,}-(?:resistant|resistance)\b/i;

/**
 * Therapies a clause speaks of, else the sentence's, else a class its words name (`chemoresistance`); else, for
 * generic wording only (`drug resistance`), the previous sentence's (curation rule of data/curation/003_*.tsv).
 */
function therapiesFor(clause: Clause, frame: SentenceFrame, needGeneric: boolean): EntityMention[] {
  const inClause = frame.mentions.filter(
    (m) => m.type === 'therapy' && m.start >= clause.start && m.end <= clause.end,
  );
  if (inClause.length) return uniqueMentions(inClause);
  const inSentence = frame.mentions.filter((m) => m.type === 'therapy');
  if (inSentence.length) return uniqueMentions(inSentence);
  for (const [pattern, therapy] of IMPLICIT_THERAPY) {
    const m = pattern.exec(clause.text);
    if (m) {
      const start = clause.start + m.index;
      return [{ type: 'therapy', start, end: start + m[0].length, text: m[0], ids: [therapy] }];
    }
  }
  if (!needGeneric || NAMED_UNKNOWN_THERAPY.test(frame.text)) return [];
  return frame.priorTherapies.slice(0, 1);
}

/** Therapy relations stated by one sentence. */
export function therapyRelations(frame: SentenceFrame): TherapyRelation[] {
  const { text } = frame;
  const out: TherapyRelation[] = [];
  // `Unlike miR-200c, miR-141 conferred …`: a miRNA named as the contrast is not the claim's subject
  const own = frame.mentions.filter(
    (m) => m.type === 'mirna' && !CONTRASTED.test(text.slice(Math.max(0, m.start - 40), m.start)),
  );
  const anaphoric = !own.length && frame.antecedents.length && ANAPHOR.test(text);
  const sentenceMirnas = own.length ? own : anaphoric ? frame.antecedents : [];
  for (const clause of clauses(text)) {
    const mirnasHere = own.length
      ? own.filter((m) => m.start >= clause.start && m.end <= clause.end)
      : anaphoric && ANAPHOR.test(clause.text)
        ? frame.antecedents
        : [];
    const genesHere = frame.mentions.filter(
      (m) => m.type === 'gene' && m.start >= clause.start && m.end <= clause.end,
    );
    // a later clause without a subject of its own continues the sentence's miRNA (`… high in normal cells but
    // significantly downregulated in resistant cells`); one with its own subject (`whereas HER2 amplification …`) does not
    const subjects = mirnasHere.length
      ? mirnasHere
      : clause.start > 0 &&
          (ELLIPTIC_CLAUSE.test(clause.text) ||
            ANAPHOR.test(clause.text) ||
            (!genesHere.length && BARE_EXPRESSION.test(clause.text)))
        ? sentenceMirnas
        : [];
    const resist = cues(RESIST, 'resist', clause.text, clause.start);
    const sensitise = cues(SENSITISE, 'sensitise', clause.text, clause.start);
    const up = cues(UP, 'up', clause.text, clause.start);
    const down = cues(DOWN, 'down', clause.text, clause.start);
    const clinical = CLINICAL.test(text) && BIOMARKER.test(clause.text);

    for (const subject of uniqueMentions(subjects)) {
      const lost = own.includes(subject) ? loss(text, subject) : anaphorLoss(clause.text);
      const add = (
        predicate: Predicate,
        cue: Cue,
        therapies: EntityMention[],
        qualifiers: Qualifiers = {},
      ) => {
        let p = predicate;
        const q: Qualifiers = { ...qualifiers };
        if (lost && (p === 'confers_resistance' || p === 'sensitises')) {
          p = INVERTED_PREDICATE[p]!;
          q.inverted = INVERSION_KIND(text, subject);
        }
        for (const therapy of therapies)
          out.push({ subject, predicate: p, therapy, trigger: cue.text, qualifiers: q });
      };
      // biomarker claims first: in patients, a level that predicts (poor) response
      if (clinical) {
        const poor = cues(POOR_OUTCOME, 'resist', clause.text, clause.start);
        const good = cues(GOOD_OUTCOME, 'sensitise', clause.text, clause.start);
        if (poor.length || good.length) {
          const level = levelOf(text, subject);
          const therapies = therapiesFor(clause, frame, true);
          if (poor.length && !(good.length && poor[0]!.start > good[0]!.start && level === 'decrease'))
            add('predicts_poor_response', poor[0]!, therapies, level ? { level } : {});
          if (good.length) add('predicts_response', good[0]!, therapies, level ? { level } : {});
          // `…, indicating its significance in maintaining drug sensitivity`: a role drawn from the association
          const role = sensitise.find(
            (c) => ![...poor, ...good].some((o) => c.start < o.end && o.start < c.end),
          );
          if (role) add('sensitises', role, therapies);
          continue;
        }
      }
      const expression = [...up, ...down].filter((c) => near(c, subject, clause));
      // the place of the change must be said in this clause or before it (`high in normal cells but low in resistant`)
      const inResistantSentence = IN_RESISTANT.test(text.slice(0, clause.end));
      // a change stated in another clause about that clause's genes is not this miRNA's (`…, while AIB1 is decreased`)
      const borrowed = !mirnasHere.includes(subject) && genesHere.length > 0;
      if (expression.length && !borrowed && inResistantSentence) {
        const cue = expression[0]!;
        const inSensitive = SENSITIVE_CONTEXT.test(clause.text) && !RESISTANT_CONTEXT.test(clause.text);
        if (!inSensitive) {
          const therapies = therapiesFor(clause, frame, true);
          const outcomeResist = resist.find((r) => r.start > cue.end);
          if (outcomeResist) {
            // `the expression of this miRNA decreases …, resulting in cell resistance` — a consequence, not a place
            add(cue.kind === 'up' ? 'confers_resistance' : 'sensitises', outcomeResist, therapies);
          }
          // `higher in sensitive cells than in resistant cells`: the resistant cells are the comparison, so it is lower there
          const up = (cue.kind === 'up') !== THAN_RESISTANT.test(clause.text);
          add(up ? 'up_in_resistant' : 'down_in_resistant', cue, therapies);
          continue;
        }
      }
      const effect = [...sensitise, ...resist].sort((a, b) => a.start - b.start)[0];
      if (effect) {
        const therapies = therapiesFor(clause, frame, true);
        add(effect.kind === 'resist' ? 'confers_resistance' : 'sensitises', effect, therapies);
      }
    }

    // genes whose expression changes in resistant cells (seed 000: EGFR and IGF1R up in resistant cells)
    if (genesHere.length && IN_RESISTANT.test(text.slice(0, clause.end)) && !mirnasHere.length) {
      const changes = [...up, ...down];
      if (changes.length && !(SENSITIVE_CONTEXT.test(clause.text) && !RESISTANT_CONTEXT.test(clause.text))) {
        const therapies = therapiesFor(clause, frame, true);
        for (const gene of uniqueMentions(genesHere)) {
          // each gene takes the change nearest to it (`EGFR was upregulated and ERα was downregulated in …`)
          const change = nearest(changes, gene);
          for (const therapy of therapies)
            out.push({
              subject: gene,
              predicate:
                (change.kind === 'up') !== THAN_RESISTANT.test(clause.text)
                  ? 'up_in_resistant'
                  : 'down_in_resistant',
              therapy,
              trigger: change.text,
              qualifiers: {},
            });
        }
      }
    }
  }
  return dedupe(out);
}

/** The cue nearest to a mention: after it (`EGFR was upregulated`) or before it (`increased expression of EGFR`). */
function nearest(cs: Cue[], m: EntityMention): Cue {
  const distance = (c: Cue): number =>
    c.start >= m.end ? c.start - m.end : m.start >= c.end ? m.start - c.end + 1 : 0;
  return cs.reduce((best, c) => (distance(c) < distance(best) ? c : best));
}

/** One mention per entity: a long sentence naming PTEN or tamoxifen ten times yields it once, not ten times. */
function uniqueMentions(ms: EntityMention[]): EntityMention[] {
  return [...new Map(ms.map((m) => [m.ids.join('+'), m])).values()];
}

/** Whether an expression cue speaks of this mention: same clause, the mention near the cue. */
function near(cue: Cue, m: EntityMention, clause: Clause): boolean {
  if (m.start < clause.start || m.end > clause.end) return true; // anaphoric subject
  return Math.abs(cue.start - m.end) < 120 || Math.abs(m.start - cue.end) < 120;
}

function levelOf(text: string, m: EntityMention): Qualifiers['level'] | undefined {
  if (m.start < 0 || m.end > text.length) return undefined;
  const before = text.slice(Math.max(0, m.start - 80), m.start);
  if (DECREASE_LEVEL.test(before) && /\b(?:rapid|early)\b/i.test(before)) return 'decrease';
  if (HIGH_LEVEL.test(before)) return 'high';
  if (LOW_LEVEL.test(before)) return 'low';
  return undefined;
}

function dedupe(relations: TherapyRelation[]): TherapyRelation[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const key = [r.subject.ids.join(), r.subject.start, r.predicate, r.therapy.ids.join()].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
