/** Seed half of `npm run eval:read`: the reader's statements on the seed papers vs data/curation (per predicate). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledCurationDir, loadCurationDir, loadReader, loadReferenceNames } from '../src/kb/index.js';
import { parseDocuments } from '../src/read/document-input.js';
import { classScore, formatScoreTable, scoreSets, type ClassScore } from '../src/read/extraction-metrics.js';
import { READER_PREDICATES, type ProposedStatement } from '../src/read/proposal.js';

interface Tuple {
  source: string;
  subject: string;
  predicate: string;
  object: string;
}
const key = (t: Tuple) => [t.source, t.subject, t.predicate, t.object].join('\t');

export function evaluateSeeds(seedsDir: string, sources: string[], verbose = false) {
  const names = loadReferenceNames();
  const reader = loadReader();
  const curation = loadCurationDir(bundledCurationDir(), names);
  if (!curation.ok) throw new Error(curation.issues.map((i) => i.message).join('\n'));
  const wanted = new Set<string>(READER_PREDICATES);
  const gold: Tuple[] = [];
  for (const s of curation.value.statements) {
    if (!wanted.has(s.predicate)) continue;
    for (const source of new Set(s.evidence.map((e) => e.source_id)))
      if (sources.includes(source))
        gold.push({ source, subject: s.subject.id, predicate: s.predicate, object: s.object.id });
  }
  const predicted: (Tuple & { p: ProposedStatement })[] = [];
  for (const source of sources) {
    const file = join(seedsDir, `${source}.txt`);
    const docs = parseDocuments(readFileSync(file, 'utf8'), file);
    if (!docs.ok) throw new Error(docs.issues.map((i) => i.message).join('\n'));
    for (const doc of docs.value)
      for (const p of reader.read(doc).statements)
        predicted.push({ source, subject: p.subject.id, predicate: p.predicate, object: p.object.id, p });
  }
  const scores = scoreSets(gold, predicted, key, (t) => t.predicate);
  if (verbose) {
    const g = new Set(gold.map(key));
    const pk = new Set(predicted.map(key));
    for (const t of predicted)
      if (!g.has(key(t))) console.log('FP', key(t), '|', t.p.trigger, '|', t.p.quote.slice(0, 160));
    for (const t of gold) if (!pk.has(key(t))) console.log('FN', key(t));
  }
  return scores;
}

/** The seed sets `eval:read` reports: rules were written looking at 000 and 003 only; 004 is held out. */
export const SEED_SETS: [string, string[]][] = [
  [
    'development seeds (000, 003: the rules were written on these)',
    ['000_32c76e4c60258c72', '003_c402468433c2f29f'],
  ],
  ['held-out seed (004: never used while writing rules)', ['004_15e884493d10a7f1']],
  ['all three seeds', ['000_32c76e4c60258c72', '003_c402468433c2f29f', '004_15e884493d10a7f1']],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const verbose = args.includes('-v');
  const sources = args.filter((a) => !a.startsWith('-'));
  const scores = evaluateSeeds(
    '../shared/seeds',
    sources.length ? sources : ['000_32c76e4c60258c72', '003_c402468433c2f29f'],
    verbose,
  );
  const rows: ClassScore[] = [...scores.perClass, scores.micro];
  console.log(formatScoreTable(rows, { label: 'predicate' }));
  void classScore;
}
