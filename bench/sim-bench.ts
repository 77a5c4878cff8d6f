/**
 * bench:sim — the logical-network engine against BoolNet 2.1.7 figures measured on this kind of machine:
 * (1) Sahin 2009's 137 knockdown conditions (EGF = 1), exhaustive synchronous search for all attractors, as BoolNet's
 *     getAttractors with fixGenes did in 5.7 s; target < 0.5 s. Printed with percolation (our default) and without it
 *     (only the fixed genes leave the enumeration, as in BoolNet), so the gain of each part is visible;
 * (2) one exhaustive synchronous search over 2^20 states: Sahin with no input fixed (EGF's rule is `EGF`, so
 *     percolation fixes nothing and all 2^20 states are enumerated), as BoolNet did in 1.0 s; the asynchronous
 *     (terminal SCC) search of the same space is printed beside it;
 * (3) fixed points and minimal trap spaces of the 69-node Steinway 2014 EMT model (2^55 states after percolation);
 * then the MaBoSS-style stochastic benchmark (bench/sim-stochastic-bench.ts).
 * Each figure: the first (cold: code generation and JIT included) run, and the median of --repeats warm runs.
 * Usage: npm run bench:sim [-- --repeats 5 --trajectories 10000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exhaustiveAttractors, formatStateCount } from '../src/netsim/attractors.js';
import type { AttractorResult } from '../src/netsim/attractor-results.js';
import { fixedPoints } from '../src/netsim/fixed-points.js';
import { parseBnet } from '../src/netsim/formats/bnet-format.js';
import { applyPerturbations, type LogicalNetwork, type Perturbation } from '../src/netsim/network.js';
import { minimalTrapSpaces } from '../src/netsim/trap-spaces.js';
import { formatStochasticBench, runStochasticBench } from './sim-stochastic-bench.js';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '5' },
    trajectories: { type: 'string', default: '10000' },
  },
});
const repeats = Number(values.repeats);
const models = '../shared/data/models';
const SAHIN_TARGET_S = 0.5;
const BOOLNET_SAHIN_S = 5.7;
const BOOLNET_2POW20_S = 1.0;

function loadBnet(path: string): LogicalNetwork {
  const parsed = parseBnet(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return parsed.value;
}

/** Cold (first) and median warm seconds of a task, with the first run's answer. */
function time<T>(task: () => T): { cold: number; median: number; value: T } {
  let started = performance.now();
  const value = task();
  const cold = (performance.now() - started) / 1000;
  const warm: number[] = [];
  for (let r = 0; r < repeats; r++) {
    started = performance.now();
    task();
    warm.push((performance.now() - started) / 1000);
  }
  warm.sort((a, b) => a - b);
  return { cold, median: warm[Math.floor(warm.length / 2)] ?? cold, value };
}

const seconds = (s: number) => `${s.toFixed(3).padStart(7)} s`;
const row = (label: string, t: { cold: number; median: number }, reference: string, extra = '') =>
  `${label.padEnd(66)} ${seconds(t.cold)} ${seconds(t.median)}   ${reference.padEnd(20)} ${extra}`;

const sahin = loadBnet(`${models}/sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet`);
const table1 = JSON.parse(
  readFileSync(`${models}/expected/sahin2009_table1_expected.json`, 'utf8'),
) as Record<string, { fixed: Record<string, number> }>;
const conditions = Object.values(table1).map((c) =>
  applyPerturbations(sahin, [
    { node: 'EGF', level: 1, kind: 'fixed' },
    ...Object.entries(c.fixed).map(([node, level]): Perturbation => ({ node, level, kind: 'knockout' })),
  ]),
);
const allConditions = (percolate: boolean) => () =>
  conditions.map((net) => exhaustiveAttractors(net, { scheme: 'synchronous', percolate }));
const count = (results: AttractorResult[]) => results.reduce((sum, r) => sum + r.attractors.length, 0);

console.log(
  'bench:sim — logical-network attractors, one core; BoolNet 2.1.7 figures measured on this kind of machine',
);
console.log(`${'task'.padEnd(66)} ${'cold'.padStart(9)} ${'median'.padStart(9)}   ${'reference'.padEnd(20)}`);

const sahinRun = time(allConditions(true));
const ratio = sahinRun.cold / SAHIN_TARGET_S;
console.log(
  row(
    `Sahin 137 knockdowns, exhaustive sync (${count(sahinRun.value)} attractors)`,
    sahinRun,
    `BoolNet ${BOOLNET_SAHIN_S} s`,
    `${(BOOLNET_SAHIN_S / sahinRun.cold).toFixed(0)}× faster; ${ratio.toFixed(3)}× of the ${SAHIN_TARGET_S} s target ${sahinRun.cold < SAHIN_TARGET_S ? 'PASS' : 'FAIL'}`,
  ),
);
const plainRun = time(allConditions(false));
const plainStates = plainRun.value.reduce((sum, r) => sum + r.stateSpace.residualSize, 0);
console.log(
  row(
    `  same, no percolation (${(plainStates / 1e6).toFixed(1)} M states, as BoolNet)`,
    plainRun,
    `BoolNet ${BOOLNET_SAHIN_S} s`,
    `${(BOOLNET_SAHIN_S / plainRun.cold).toFixed(1)}× faster; ${plainRun.cold < SAHIN_TARGET_S ? 'within' : 'over'} the target`,
  ),
);

const fullSync = time(() => exhaustiveAttractors(sahin, { scheme: 'synchronous' }));
console.log(
  row(
    `Sahin, EGF free: ${formatStateCount(fullSync.value.stateSpace.residualSize)} states, exhaustive sync (${fullSync.value.attractors.length} attr.)`,
    fullSync,
    `BoolNet ${BOOLNET_2POW20_S.toFixed(1)} s`,
    `${(BOOLNET_2POW20_S / fullSync.cold).toFixed(0)}× faster`,
  ),
);
const fullAsync = time(() => exhaustiveAttractors(sahin, { scheme: 'asynchronous' }));
console.log(
  row(
    `  same space, asynchronous terminal SCCs (${fullAsync.value.attractors.length} attr.)`,
    fullAsync,
    '(no BoolNet figure)',
  ),
);

const steinway = loadBnet(`${models}/emt_mirna/steinway2014_EMT.bnet`);
for (const [label, perturbations] of [
  ['inputs off', []],
  ['TGFB=1', [{ node: 'TGFB', level: 1, kind: 'fixed' }]],
  ['miR200=1 (OE)', [{ node: 'miR200', level: 1, kind: 'overexpression' }]],
] as [string, Perturbation[]][]) {
  const net = applyPerturbations(steinway, perturbations);
  const fp = time(() => fixedPoints(net));
  const space = formatStateCount(fp.value.stateSpace.residualSize);
  const found = fp.value.attractors.length;
  console.log(
    row(`Steinway 69 nodes, ${label}, ${space} left: ${found} fixed point${found === 1 ? '' : 's'}`, fp, ''),
  );
  const ts = time(() => minimalTrapSpaces(net));
  const withFree = ts.value.attractors.filter((a) => a.kind === 'trap-space').length;
  console.log(
    row(`  minimal trap spaces: ${ts.value.attractors.length} (${withFree} with free nodes)`, ts, ''),
  );
}

console.log('');
const { rows } = await runStochasticBench({ trajectories: Number(values.trajectories), repeats: 3 });
console.log(formatStochasticBench(rows).join('\n'));
