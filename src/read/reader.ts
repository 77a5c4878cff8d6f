/** The reader: documents → entity mentions → proposed statements (pure; names come from `src/names`). */
import { formatContext, type Context, type Source, type Subtype } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import type { ReaderDocument } from './document-input.js';
import { EntityRecognizer, type CellLine, type EntityMention } from './entity-recognizer.js';
import { mirnaGeneRelations } from './mirna-gene-relations.js';
import type { ProposedStatement, ReadResult } from './proposal.js';
import { splitSentences, type SentenceSpan } from './sentence-splitter.js';
import { ANAPHOR, therapyRelations, type SentenceFrame } from './therapy-relations.js';

/** A reader built once over the reference names (building its lexicons is the costly part). */
export interface Reader {
  read(doc: ReaderDocument): ReadResult;
  /** the entity mentions of a text (document offsets) */
  recognise(text: string): EntityMention[];
}

/** The source record of a read document: `PMID:<n>` for PubMed records, else its id (header `source:` or file stem). */
export function documentSource(doc: ReaderDocument): Source {
  const pmid = doc.meta.pmid && /^\d+$/.test(doc.meta.pmid) ? doc.meta.pmid : undefined;
  const id = pmid ? `PMID:${pmid}` : doc.id.replace(/[^A-Za-z0-9_.:-]+/g, '_');
  return {
    id,
    title: doc.title ?? doc.meta.title ?? id,
    ...(doc.meta.authors ? { authors: doc.meta.authors } : {}),
    ...(doc.meta.year ? { year: doc.meta.year } : {}),
    ...(doc.meta.journal ? { journal: doc.meta.journal } : {}),
    ...(doc.meta.doi ? { doi: doc.meta.doi } : {}),
    ...(pmid ? { pmid } : {}),
  };
}

/** Builds the reader: the recogniser's lexicons over the names and the cell-line table. */
export function createReader(names: ReferenceNames, cellLines: readonly CellLine[] = []): Reader {
  const recognizer = new EntityRecognizer(names, cellLines);
  return {
    recognise: (text) => recognizer.recognise(text),
    read: (doc) => readDocument(doc, recognizer),
  };
}

const relative = (m: EntityMention, offset: number): EntityMention => ({
  ...m,
  start: m.start - offset,
  end: m.end - offset,
});
/** A mention from another sentence: no offsets in this one. */
const elsewhere = (m: EntityMention): EntityMention => ({ ...m, start: -1, end: -1 });

function readDocument(doc: ReaderDocument, recognizer: EntityRecognizer): ReadResult {
  const source = documentSource(doc);
  const mentions = recognizer.recognise(doc.text);
  const sentences = splitSentences(doc.text);
  const statements: ProposedStatement[] = [];
  let cursor = 0;
  let antecedents: EntityMention[] = [];
  const recentTherapies: EntityMention[][] = [];
  for (const sentence of sentences) {
    while (cursor < mentions.length && mentions[cursor]!.end <= sentence.start) cursor++;
    const inside: EntityMention[] = [];
    for (let i = cursor; i < mentions.length && mentions[i]!.start < sentence.end; i++) {
      if (mentions[i]!.end <= sentence.end) inside.push(relative(mentions[i]!, sentence.start));
    }
    const frame: SentenceFrame = {
      text: sentence.text,
      mentions: inside,
      antecedents,
      // curation rule (data/curation/003 header): a therapy is asserted only where the sentence or the one before names it
      priorTherapies: recentTherapies.slice(-1).flat(),
    };
    const section = sectionOf(doc, sentence.start);
    const quote = sentence.text.replace(/\s+/g, ' ').trim();
    const contexts = contextsOf(inside);
    const base = (trigger: string, subjectText: string, objectText: string) => ({
      contexts,
      source_id: source.id,
      section,
      quote,
      start: sentence.start,
      end: sentence.end,
      trigger: trigger.replace(/\s+/g, ' '),
      subject_text: subjectText,
      object_text: objectText,
    });
    const readable = sentence.text.length <= MAX_SENTENCE;
    for (const r of readable ? therapyRelations(frame) : []) {
      for (const subjectId of r.subject.ids) {
        statements.push({
          subject: { kind: r.subject.type === 'gene' ? 'gene' : 'mirna', id: subjectId },
          predicate: r.predicate,
          object: { kind: 'therapy', id: r.therapy.ids[0]! },
          qualifiers: r.qualifiers,
          ...base(r.trigger, r.subject.text, r.therapy.text),
        });
      }
    }
    const therapyHere = inside.find((m) => m.type === 'therapy');
    const relationMentions = withAnaphors(
      sentence.text,
      inside.filter((m) => !namesPathway(sentence.text, m)),
      antecedents,
    );
    for (const r of readable ? mirnaGeneRelations(sentence.text, relationMentions) : []) {
      // `targets` is the miRNA acting on the gene; a gene regulating a miRNA or a bare correlation is not
      if (r.negated || r.direction !== 'mirna_regulates_gene') continue;
      for (const gene of r.gene.ids) {
        statements.push({
          subject: { kind: 'mirna', id: r.mirna.ids[0]! },
          predicate: 'targets',
          object: { kind: 'gene', id: gene },
          ...(therapyHere && RESISTANCE_WORDS.test(sentence.text) ? { therapy: therapyHere.ids[0]! } : {}),
          qualifiers: r.direct ? { mode: 'direct' } : {},
          ...base(r.trigger, r.mirna.text, r.gene.text),
        });
      }
    }
    const own = inside.filter((m) => m.type === 'mirna');
    antecedents = own.length
      ? own.map(elsewhere)
      : frame.antecedents.length && ANAPHOR.test(sentence.text)
        ? antecedents
        : [];
    recentTherapies.push(inside.filter((m) => m.type === 'therapy').map(elsewhere));
  }
  return { source, statements: dedupeStatements(statements), sentences: sentences.length };
}

const RESISTANCE_WORDS = /\bresistan|\b(?:chemo|radio)?-?sensiti[sz]|\brespon(?:se|ders?|sive)\b/i;
/** Longer "sentences" are tables or extraction debris: relation rules would cost quadratic time for nothing. */
export const MAX_SENTENCE = 5000;
// `PI3K/Akt signaling pathway`, `EGFR/HER2 signaling`: the gene names a pathway, whose activity is not a target
// (curation rule, data/curation/000_*.tsv: decreased AKT/ERK phosphorylation is pathway activity, not targets)
const PATHWAY_AFTER = /^(?:\s*\/\s*[\p{L}\p{N}-]+)*\s+(?:signal(?:l)?ing|pathways?|cascade)\b/iu;
const namesPathway = (text: string, m: EntityMention): boolean =>
  m.type === 'gene' && PATHWAY_AFTER.test(text.slice(m.end, m.end + 80));

const ANAPHOR_SUBJECT = /\b(?:(?:this|the|these)\s+(?:two\s+)?(?:miRNAs?|microRNAs?)|it|they)\b/i;

/**
 * A sentence without a miRNA of its own whose subject is "this miRNA", "it" or "they" speaks of the previous
 * sentence's miRNAs: they stand in at the anaphor's place, so the relation rules see `<miRNA> can target PTEN`.
 */
function withAnaphors(
  text: string,
  mentions: EntityMention[],
  antecedents: EntityMention[],
): EntityMention[] {
  if (!antecedents.length || mentions.some((m) => m.type === 'mirna')) return mentions;
  const m = ANAPHOR_SUBJECT.exec(text);
  if (!m) return mentions;
  const start = m.index;
  const end = m.index + m[0].length;
  if (mentions.some((x) => x.start < end && start < x.end)) return mentions;
  const standIns = antecedents.map((a) => ({ ...a, start, end, text: m[0] }));
  return [...mentions, ...standIns].sort((a, b) => a.start - b.start || b.end - a.end);
}

function sectionOf(doc: ReaderDocument, offset: number): string {
  let name = doc.sections[0]?.name ?? 'Body';
  for (const s of doc.sections) if (s.offset <= offset) name = s.name;
  return name;
}

/** Contexts named in the sentence: each cell line (with the subtype the sentence names), else the subtype alone. */
function contextsOf(mentions: readonly EntityMention[]): Context[] {
  const subtypes = [...new Set(mentions.filter((m) => m.type === 'subtype').map((m) => m.ids[0]!))];
  const lines = [...new Set(mentions.filter((m) => m.type === 'cell_line').map((m) => m.ids[0]!))];
  const subtype = subtypes.length === 1 ? { subtype: subtypes[0] as Subtype } : {};
  if (lines.length) return lines.map((cell_line) => ({ ...subtype, cell_line }));
  return subtypes.map((s) => ({ subtype: s as Subtype }));
}

/** One proposal per claim and sentence (the same claim from two cues of one sentence is one proposal). */
function dedupeStatements(statements: ProposedStatement[]): ProposedStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = [
      s.subject.id,
      s.predicate,
      s.object.id,
      s.start,
      JSON.stringify(s.qualifiers),
      s.contexts.map(formatContext).join('|'),
    ].join('\t');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { SentenceSpan };
