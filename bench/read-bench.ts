/**
 * bench:read — reader throughput on real PubMed abstracts, one core (the main thread): the 301 abstracts of the SCAI
 * miRNA corpus (../shared/corpora/scai-mirna, train + test) written as a MEDLINE file and read repeatedly, parsing
 * included (MEDLINE → documents → sentences → entities → relations → proposals). Target: ≥ 1,000 abstracts/s.
 * The reader's one-off start (its name lexicons) is timed apart.
 * Usage: npm run bench:read [-- --abstracts 6000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReader } from '../src/kb/index.js';
import { parseDocuments } from '../src/read/document-input.js';
import { parseScaiCorpus } from '../src/read/scai-corpus.js';

const TARGET_PER_S = 1000;
const { values } = parseArgs({ options: { abstracts: { type: 'string', default: '6000' } } });
const wanted = Number(values.abstracts);
const corpus = '../shared/corpora/scai-mirna';

const abstracts: { pmid: string; text: string }[] = [];
for (const split of ['Train', 'Test']) {
  const file = join(corpus, `miRNA-${split}-Corpus.xml`);
  const parsed = parseScaiCorpus(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  for (const d of parsed.value) abstracts.push({ pmid: d.origId, text: d.text.replace(/\n/g, ' ') });
}
// MEDLINE records: PMID, a title (the first sentence) and the abstract, wrapped at 80 columns as PubMed does
const wrap = (tag: string, text: string): string =>
  (text.match(/.{1,74}(?:\s|$)/g) ?? [text])
    .map((part, i) => (i ? '      ' : `${tag.padEnd(4)}- `) + part.trim())
    .join('\n');
let medline = '';
for (let i = 0; i < wanted; i++) {
  const a = abstracts[i % abstracts.length]!;
  const title = a.text.split(/(?<=\.)\s/)[0]!;
  medline += `PMID- ${Number(a.pmid) + 100_000_000 * Math.floor(i / abstracts.length)}\n${wrap('TI', title)}\n${wrap('AB', a.text)}\n\n`;
}

const started = performance.now();
const reader = loadReader();
const startup = (performance.now() - started) / 1000;

function run(): { seconds: number; documents: number; proposals: number; mentions: number } {
  const t0 = performance.now();
  const docs = parseDocuments(medline, 'bench.medline');
  if (!docs.ok) throw new Error(docs.issues.map((i) => i.message).join('\n'));
  let proposals = 0;
  for (const doc of docs.value) proposals += reader.read(doc).statements.length;
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, documents: docs.value.length, proposals, mentions: 0 };
}

const cold = run();
const warm = [run(), run(), run()].sort((a, b) => a.seconds - b.seconds)[1]!;
const rate = (r: { seconds: number; documents: number }): number => r.documents / r.seconds;
const mb = (medline.length / 1e6).toFixed(1);
console.log(
  `bench:read — ${cold.documents} MEDLINE abstracts (${mb} MB; the 301 SCAI abstracts repeated), one core`,
);
console.log(`  reader start (names, lexicons): ${startup.toFixed(2)} s, once per process`);
for (const [label, r] of [
  ['cold (first pass, JIT warming)', cold],
  ['warm (median of 3)', warm],
] as const) {
  const perS = rate(r);
  console.log(
    `  ${label}: ${r.seconds.toFixed(2)} s, ${Math.round(perS).toLocaleString('en')} abstracts/s, ` +
      `${r.proposals} proposals; ${(perS / TARGET_PER_S).toFixed(2)}× the ${TARGET_PER_S}/s target ` +
      (perS >= TARGET_PER_S ? 'PASS' : 'MISS'),
  );
}
const heap = process.memoryUsage();
console.log(
  `  memory: rss ${(heap.rss / 2 ** 20).toFixed(0)} MiB, heap ${(heap.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
