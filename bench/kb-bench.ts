/**
 * bench:kb — builds a synthetic 1M-statement store (real miRNA, gene and therapy names; seeded) and prints p50/p99
 * latency of name lookup, miRNA neighbourhood and therapy queries. Target (issue #2): p99 < 10 ms on SQLite.
 * Usage: npm run bench:kb [-- --statements 1000000 --queries 2000 --db postgres://…]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { assembleStoreContent } from '../src/kb/kb-builder.js';
import { KnowledgeStore, loadReferenceNames, type StoreConfig } from '../src/kb/index.js';
import { lookupKey } from '../src/names/index.js';
import { statementId } from '../src/kb/curation-parser.js';
import { THERAPY_PREDICATES, type Predicate, type Statement } from '../src/model/index.js';
import { seededRandom } from './seeded-random.js';

const { values } = parseArgs({
  options: {
    statements: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '2000' },
    db: { type: 'string' },
  },
});
const total = Number(values.statements);
const queries = Number(values.queries);

const random = seededRandom(20261121);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
/** Zipf-like skew: a few miRNAs and therapies carry most statements, as in the literature. */
const skewed = <T>(list: T[]): T => list[Math.floor(list.length * random() ** 2.5)]!;

const names = loadReferenceNames();
const mirnas = [...names.mirna.allMature(), ...names.mirna.allArmUnknown()].map((m) => m.name);
const genes = names.gene.allSymbols().map((g) => g.symbol);
const therapies = names.therapy.all().map((t) => t.name);
const sources = Array.from({ length: 5000 }, (_, i) => ({
  id: `bench-${i}`,
  title: `Synthetic source ${i}`,
}));
const rolePredicates: Predicate[] = [...THERAPY_PREDICATES];

/** Generates and builds in its own scope, so the generated objects are garbage before any query is timed. */
async function generateAndBuild(): Promise<{ config: StoreConfig; dir: string }> {
  console.log(
    `generating ${total.toLocaleString()} statements (90% targets, 6% therapy roles, 4% regulates; seeded)…`,
  );
  const statements: Statement[] = [];
  const seen = new Set<string>();
  while (statements.length < total) {
    const r = random();
    let s: Omit<Statement, 'id' | 'evidence' | 'status'>;
    if (r < 0.9) {
      s = {
        subject: { kind: 'mirna', id: skewed(mirnas) },
        predicate: 'targets',
        object: { kind: 'gene', id: pick(genes) },
        contexts: [],
        qualifiers: { mode: random() < 0.5 ? 'direct' : 'indirect' },
      };
    } else if (r < 0.96) {
      const therapy = skewed(therapies);
      s = {
        subject: { kind: 'mirna', id: skewed(mirnas) },
        predicate: pick(rolePredicates),
        object: { kind: 'therapy', id: therapy },
        therapy,
        contexts: [{ system: 'in-vitro' }],
        qualifiers: {},
      };
    } else {
      s = {
        subject: { kind: 'gene', id: pick(genes) },
        predicate: 'regulates',
        object: { kind: 'gene', id: pick(genes) },
        contexts: [],
        qualifiers: { sign: random() < 0.5 ? '+' : '-' },
      };
    }
    const key = `${s.subject.id}|${s.predicate}|${s.object.id}|${s.qualifiers.mode ?? s.qualifiers.sign ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    statements.push({
      ...s,
      id: statementId(key),
      status: 'curated',
      evidence: [
        {
          source_id: pick(sources).id,
          section: 'Results',
          quote: `Synthetic sentence ${statements.length}: ${s.subject.id} ${s.predicate} ${s.object.id}.`,
          experiments: [],
        },
      ],
    });
  }

  const dir = mkdtempSync(join(tmpdir(), 'miresist-bench-'));
  const config: StoreConfig = values.db
    ? { kind: 'postgres', url: values.db }
    : { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
  const content = assembleStoreContent(names, {
    sources,
    statements,
    rows: statements.length,
  });
  const buildStarted = performance.now();
  await KnowledgeStore.build(config, content);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const size = config.kind === 'sqlite' ? `${(statSync(config.path).size / 2 ** 20).toFixed(0)} MiB` : 'n/a';
  console.log(
    `built ${config.kind} store: ${total.toLocaleString()} statements, ${content.names.length.toLocaleString()} names in ${buildSeconds.toFixed(1)} s (${size})`,
  );

  statements.length = 0;
  seen.clear();
  return { config, dir };
}
const { config, dir } = await generateAndBuild();
(globalThis as { gc?: () => void }).gc?.();
const store = await KnowledgeStore.open(config);
const nameSamples = [...mirnas, ...genes.slice(0, 5000), ...therapies].map((n) => n.replace(/^hsa-/, ''));
const therapyCounts = await Promise.all(
  therapies.map(async (t) => (await store.statements({ therapies: [t] })).length),
);

async function time(
  label: string,
  fn: (i: number) => Promise<unknown>,
): Promise<{ label: string; p50: number; p99: number; max: number }> {
  for (let i = 0; i < 50; i++) await fn(i); // warm-up
  const samples: number[] = [];
  const bar = new SingleBar(
    { format: `${label.padEnd(34)} [{bar}] {value}/{total}`, stream: process.stderr },
    Presets.shades_classic,
  );
  if (process.stderr.isTTY) bar.start(queries, 0);
  for (let i = 0; i < queries; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    if (process.stderr.isTTY && i % 50 === 0) bar.update(i);
  }
  if (process.stderr.isTTY) bar.stop();
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { label, p50: q(0.5), p99: q(0.99), max: samples[samples.length - 1]! };
}

const paged = [
  await time('name lookup (alias index)', () =>
    store.lookupKey(lookupKey(nameSamples[Math.floor(random() * nameSamples.length)]!)),
  ),
  await time('miRNA neighbourhood (depth 1, 200)', () => store.neighbourhood([skewed(mirnas)], 1, 200)),
  await time('therapy query (page of 200)', () =>
    store.statements({ therapies: [skewed(therapies)], predicates: rolePredicates, limit: 200 }),
  ),
  await time('therapy query (all, uncapped)', () =>
    store.statements({ therapies: [pick(therapies)], predicates: rolePredicates }),
  ),
];
const results = paged;
await store.close();
if (config.kind === 'sqlite' && !process.env.MIRESIST_BENCH_KEEP)
  rmSync(dir, { recursive: true, force: true });
if (process.env.MIRESIST_BENCH_KEEP && config.kind === 'sqlite') console.log('kept', config.path);

const maxTherapy = Math.max(...therapyCounts);
const meanTherapy = therapyCounts.reduce((a, b) => a + b, 0) / therapyCounts.length;
console.log(
  `\nbench:kb on ${config.kind}, ${total.toLocaleString()} statements, ${queries} queries each (therapy statements per therapy: mean ${meanTherapy.toFixed(0)}, max ${maxTherapy})`,
);
console.log('query                                 p50 ms    p99 ms    max ms   p99 vs 10 ms target');
for (const r of results) {
  const ratio = r.p99 / 10;
  const info = r.label.includes('uncapped') ? '(information: a bulk read, not an interactive query)' : '';
  console.log(
    `${r.label.padEnd(36)} ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(8)}  ${r.max.toFixed(2).padStart(8)}   ${ratio.toFixed(2)}× ${info || (ratio < 1 ? 'PASS' : 'MISS')}`,
  );
}
