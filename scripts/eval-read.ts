/**
 * `npm run eval:read` — the reader's precision/recall/F1:
 * (a) per predicate on the seed papers (../shared/seeds) against the curated statements of data/curation, statement
 *     by statement (subject, predicate, object; canonical ids), for the seeds the rules were developed on (000, 003),
 *     the held-out seed (004, never used while writing rules) and all three;
 * (b) miRNA mentions and miRNA–gene relations on the SCAI corpus test split (rules developed on train only).
 * Usage: npm run eval:read [-- --scai-split train] [-- -v  (list the seed errors)]
 */
import { parseArgs } from 'node:util';
import { formatScoreTable } from '../src/read/extraction-metrics.js';
import { evaluateScai, formatScaiEvaluation } from './eval-read-scai.js';
import { evaluateSeeds, SEED_SETS } from './eval-read-seeds.js';

const { values } = parseArgs({
  options: {
    'scai-split': { type: 'string', default: 'test' },
    seeds: { type: 'string', default: '../shared/seeds' },
    v: { type: 'boolean', default: false },
  },
});

console.log('(a) Seed papers vs data/curation — statements (subject, predicate, object), per predicate');
for (const [label, sources] of SEED_SETS) {
  const scores = evaluateSeeds(values.seeds, sources, values.v);
  console.log(`\n${label}`);
  console.log(formatScoreTable([...scores.perClass, scores.micro], { label: 'predicate' }));
}
const split = values['scai-split'] === 'train' ? 'train' : 'test';
console.log(
  `\n(b) SCAI miRNA corpus, ${split} split${split === 'test' ? ' (held out: rules were written on train)' : ' (development split)'}`,
);
console.log(formatScaiEvaluation(evaluateScai(split)));
