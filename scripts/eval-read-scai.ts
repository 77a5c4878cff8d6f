/**
 * The SCAI half of `npm run eval:read` (issue 6, item 5b): miRNA mentions and miRNA–gene relations of the reader on
 * the SCAI miRNA corpus (Bagewadi et al., F1000Research 2014;3:205), against its gold annotation.
 *
 * - miRNA mentions: our recogniser on each abstract's text vs the Specific_miRNAs mentions, exact and overlap.
 * - miRNA–gene relations, end to end: our recogniser, the sentence splitter inside each corpus sentence, and the
 *   relation rules (src/read/mirna-gene-relations.ts); negated pairs are not predictions. A predicted pair matches
 *   a gold pair (Specific_miRNAs × Genes/Proteins, interaction="True") of the same corpus sentence when both of its
 *   ends overlap the gold mentions' spans; each gold pair and each prediction is matched at most once (largest
 *   overlap first). A prediction left over whose two ends overlap an already matched gold pair (our recogniser
 *   splits `miR-29a, -29b-1, and -9`, one gold mention, into three) is counted apart as a duplicate, neither tp nor
 *   fp; every other left-over prediction is a fp.
 * - The same relation rules given the gold miRNA and gene mentions instead of ours, for comparison with published
 *   relation-extraction figures, which start from gold entities.
 *
 * Develop on the train split only; the test split is the one reported (`--train` for train).
 * Run: `npx tsx scripts/eval-read-scai.ts [--train] [--errors]` (`--errors` lists misses; train only).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledDataDir, loadReferenceNames } from '../src/kb/reference-data.js';
import { EntityRecognizer, parseCellLineTable, type EntityMention } from '../src/read/entity-recognizer.js';
import {
  classScore,
  formatScoreTable,
  scoreMentions,
  type ClassScore,
  type MentionSpan,
} from '../src/read/extraction-metrics.js';
import { mirnaGeneRelations } from '../src/read/mirna-gene-relations.js';
import {
  parseScaiCorpus,
  scaiGoldMentions,
  scaiGoldRelations,
  type ScaiDocument,
  type ScaiRelation,
  type ScaiSentence,
  type Span,
} from '../src/read/scai-corpus.js';
import { splitSentences } from '../src/read/sentence-splitter.js';

export type ScaiSplit = 'train' | 'test';

/** The SCAI corpus directory: `$SCAI_DIR`, else `../shared/corpora/scai-mirna` beside the repository. */
export function scaiDir(): string {
  return (
    process.env['SCAI_DIR'] ??
    resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpora/scai-mirna')
  );
}

export function loadScai(split: ScaiSplit, dir = scaiDir()): ScaiDocument[] {
  const file = join(dir, split === 'train' ? 'miRNA-Train-Corpus.xml' : 'miRNA-Test-Corpus.xml');
  const parsed = parseScaiCorpus(readFileSync(file, 'utf8'), file);
  if (!parsed.ok)
    throw new Error(parsed.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`).join('\n'));
  return parsed.value;
}

/** One predicted miRNA–gene pair, document offsets. */
export interface PredictedPair {
  docId: string;
  sentenceId: string;
  mirna: Span;
  gene: Span;
  mirnaText: string;
  geneText: string;
  trigger: string;
}

export interface RelationMatch {
  scores: ClassScore;
  /** left-over predictions that repeat a matched gold pair (not counted as fp) */
  duplicates: number;
  missed: ScaiRelation[];
  spurious: PredictedPair[];
}

export interface ScaiEvaluation {
  split: ScaiSplit;
  documents: number;
  sentences: number;
  goldRelations: number;
  /** rows `exact`, `overlap` */
  mirnaMentions: ClassScore[];
  /** end to end: one row `mirna-gene` */
  relations: ClassScore[];
  relationDuplicates: number;
  /** gold miRNA and gene mentions given to the relation rules: one row `mirna-gene (gold entities)` */
  relationsGoldEntities: ClassScore[];
  relationGoldEntityDuplicates: number;
  /** for --errors */
  endToEnd: RelationMatch;
  goldEntities: RelationMatch;
}

const overlaps = (a: Span, spans: readonly Span[]): number =>
  spans.reduce((best, b) => Math.max(best, Math.min(a[1], b[1]) - Math.max(a[0], b[0])), 0);

/** Matches predicted to gold pairs of the same sentence (see the header for the rule). */
export function matchRelations(
  gold: readonly ScaiRelation[],
  predicted: readonly PredictedPair[],
): RelationMatch {
  const goldBySentence = new Map<string, number[]>();
  gold.forEach((g, i) => {
    const key = `${g.docId}\t${g.sentenceId}`;
    goldBySentence.set(key, [...(goldBySentence.get(key) ?? []), i]);
  });
  const candidates: { p: number; g: number; size: number }[] = [];
  predicted.forEach((p, pi) => {
    for (const gi of goldBySentence.get(`${p.docId}\t${p.sentenceId}`) ?? []) {
      const g = gold[gi]!;
      const a = overlaps(p.mirna, g.mirna.documentSpans);
      const b = overlaps(p.gene, g.partner.documentSpans);
      if (a > 0 && b > 0) candidates.push({ p: pi, g: gi, size: a + b });
    }
  });
  candidates.sort((x, y) => y.size - x.size || x.g - y.g || x.p - y.p);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  for (const c of candidates) {
    if (usedP.has(c.p) || usedG.has(c.g)) continue;
    usedP.add(c.p);
    usedG.add(c.g);
  }
  const duplicateOf = new Set(candidates.filter((c) => !usedP.has(c.p) && usedG.has(c.g)).map((c) => c.p));
  const spurious = predicted.filter((_, i) => !usedP.has(i) && !duplicateOf.has(i));
  const missed = gold.filter((_, i) => !usedG.has(i));
  return {
    scores: classScore('mirna-gene', usedG.size, spurious.length, missed.length),
    duplicates: duplicateOf.size,
    missed,
    spurious,
  };
}

/** Runs the relation rules over each corpus sentence (split further by our splitter), mentions in document offsets. */
function predictPairs(
  doc: ScaiDocument,
  sentenceMentions: (s: ScaiSentence) => EntityMention[],
): PredictedPair[] {
  const out: PredictedPair[] = [];
  // a cluster (`miR-17/92`) is one mention per member miRNA over the same span: one predicted pair per span pair
  const seen = new Set<string>();
  for (const s of doc.sentences) {
    const mentions = sentenceMentions(s);
    if (!mentions.some((m) => m.type === 'mirna') || !mentions.some((m) => m.type === 'gene')) continue;
    for (const piece of splitSentences(s.text)) {
      const start = s.offset + piece.start;
      const inside = mentions.filter((m) => m.start >= start && m.end <= start + piece.text.length);
      for (const r of mirnaGeneRelations(piece.text, inside, start)) {
        if (r.negated) continue;
        const key = [s.id, r.mirna.start, r.mirna.end, r.gene.start, r.gene.end].join('\t');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          docId: doc.id,
          sentenceId: s.id,
          mirna: [r.mirna.start, r.mirna.end],
          gene: [r.gene.start, r.gene.end],
          mirnaText: r.mirna.text,
          geneText: r.gene.text,
          trigger: r.trigger,
        });
      }
    }
  }
  return out;
}

const goldAsMention = (type: 'mirna' | 'gene', spans: readonly Span[], text: string): EntityMention => ({
  type,
  start: spans[0]![0],
  end: spans[spans.length - 1]![1],
  text,
  ids: [],
});

let recognizer: EntityRecognizer | undefined;
function getRecognizer(): EntityRecognizer {
  recognizer ??= new EntityRecognizer(
    loadReferenceNames(),
    parseCellLineTable(readFileSync(join(bundledDataDir(), 'cell-lines.tsv'), 'utf8')),
  );
  return recognizer;
}

/** Scores the reader on one split of the SCAI corpus. */
export function evaluateScai(
  split: ScaiSplit,
  docs: readonly ScaiDocument[] = loadScai(split),
): ScaiEvaluation {
  const rec = getRecognizer();
  const goldMirnas: MentionSpan[] = scaiGoldMentions(docs).map((m) => ({
    docId: m.docId,
    start: m.documentSpans[0]![0],
    end: m.documentSpans[m.documentSpans.length - 1]![1],
    type: 'mirna',
  }));
  const predictedMirnas: MentionSpan[] = [];
  const endToEnd: PredictedPair[] = [];
  const withGold: PredictedPair[] = [];
  for (const doc of docs) {
    const mentions = rec.recognise(doc.text);
    for (const m of mentions)
      if (m.type === 'mirna')
        predictedMirnas.push({ docId: doc.id, start: m.start, end: m.end, type: 'mirna' });
    endToEnd.push(
      ...predictPairs(doc, (s) =>
        mentions.filter((m) => m.start >= s.offset && m.end <= s.offset + s.text.length),
      ),
    );
    withGold.push(
      ...predictPairs(doc, (s) =>
        s.entities.flatMap((e) => {
          const type =
            e.type === 'Specific_miRNAs' ? 'mirna' : e.type === 'Genes/Proteins' ? 'gene' : undefined;
          return type
            ? [
                goldAsMention(
                  type,
                  e.spans.map(([a, b]) => [a + s.offset, b + s.offset] as const),
                  e.text,
                ),
              ]
            : [];
        }),
      ),
    );
  }
  const gold = scaiGoldRelations(docs);
  const e2e = matchRelations(gold, endToEnd);
  const ge = matchRelations(gold, withGold);
  const exact = scoreMentions(goldMirnas, predictedMirnas, { match: 'exact' }).micro;
  const overlap = scoreMentions(goldMirnas, predictedMirnas, { match: 'overlap' }).micro;
  return {
    split,
    documents: docs.length,
    sentences: docs.reduce((n, d) => n + d.sentences.length, 0),
    goldRelations: gold.length,
    mirnaMentions: [
      { ...exact, class: 'exact' },
      { ...overlap, class: 'overlap' },
    ],
    relations: [e2e.scores],
    relationDuplicates: e2e.duplicates,
    relationsGoldEntities: [{ ...ge.scores, class: 'mirna-gene (gold entities)' }],
    relationGoldEntityDuplicates: ge.duplicates,
    endToEnd: e2e,
    goldEntities: ge,
  };
}

/** The three tables as printed by `eval:read`. */
export function formatScaiEvaluation(e: ScaiEvaluation): string {
  return [
    `SCAI miRNA corpus, ${e.split} split: ${e.documents} abstracts, ${e.sentences} sentences, ${e.goldRelations} gold miRNA–gene relations`,
    '',
    '(a) miRNA mentions (Specific_miRNAs), our recogniser',
    formatScoreTable(e.mirnaMentions, { label: 'match' }),
    '',
    '(b) miRNA–gene relations, end to end (our recogniser + relation rules)',
    formatScoreTable(e.relations, { label: 'relation' }),
    `    ${e.relationDuplicates} further predictions repeat a matched gold pair (split lists) and are not counted`,
    '',
    '(c) miRNA–gene relations given the GOLD miRNA and gene mentions (relation rules only; for comparison with',
    '    published figures, which start from gold entities; not what the reader achieves)',
    formatScoreTable(e.relationsGoldEntities, { label: 'relation' }),
    `    ${e.relationGoldEntityDuplicates} further predictions repeat a matched gold pair and are not counted`,
  ].join('\n');
}

function sentenceOf(
  docs: readonly ScaiDocument[],
  docId: string,
  sentenceId: string,
): ScaiSentence | undefined {
  return docs.find((d) => d.id === docId)?.sentences.find((s) => s.id === sentenceId);
}

function printErrors(docs: readonly ScaiDocument[], m: RelationMatch, title: string): void {
  console.log(`\n== ${title}: missed ${m.missed.length}, spurious ${m.spurious.length}`);
  const bySentence = new Map<string, string[]>();
  const add = (docId: string, sid: string, line: string): void => {
    const key = `${docId}\t${sid}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), line]);
  };
  for (const g of m.missed) add(g.docId, g.sentenceId, `  FN ${g.mirna.text} -- ${g.partner.text}`);
  for (const p of m.spurious)
    add(p.docId, p.sentenceId, `  FP ${p.mirnaText} -- ${p.geneText} [${p.trigger}]`);
  for (const [key, lines] of bySentence) {
    const [docId, sid] = key.split('\t') as [string, string];
    const s = sentenceOf(docs, docId, sid);
    console.log(`${s?.origId}: ${s?.text}\n${lines.join('\n')}`);
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const split: ScaiSplit = process.argv.includes('--train') ? 'train' : 'test';
  const docs = loadScai(split);
  const evaluation = evaluateScai(split, docs);
  console.log(formatScaiEvaluation(evaluation));
  if (process.argv.includes('--errors')) {
    if (split !== 'train')
      throw new Error('--errors lists misses of the train split only (do not tune on test)');
    printErrors(docs, evaluation.endToEnd, 'end to end');
    printErrors(docs, evaluation.goldEntities, 'gold entities');
  }
}
