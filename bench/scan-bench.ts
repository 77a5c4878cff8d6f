/**
 * bench:scan — the compiled `miresist scan` on (1) 33,895 real human 3'UTR fragments (5.4 Mnt) × all 2,064 human
 * families of TargetScan 8.0 and (2) generated, seeded transcriptome-size inputs of 10–100 Mnt × the same families.
 * Prints wall time, sites/s, nt·families/s, peak RSS, the growth of time with length, and the ratio to the measured
 * speed of targetscan_70.pl (36.6 min for 10,000 fragments, 1.6 Mnt × 2,064 families on this kind of machine).
 * Targets (issue #3, 2 cores): 5.4 Mnt in < 3 s; 100 Mnt in < 60 s and < 2 GiB; cost linear in length.
 * Usage: npm run bench:scan [-- --sizes 10,25,50,100]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from './seeded-random.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10,25,50,100' } } });
const families = '../shared/data/targetscan/targetscan_input_miR_Family_info_human_8.0.txt';
const fragments = '../shared/data/utr/utr_fragments_human_33895.txt.gz';
const FAMILY_COUNT = 2064;
const TARGETSCAN_NT_FAMILIES_PER_S = (1.6e6 * FAMILY_COUNT) / (36.6 * 60);

interface Run {
  label: string;
  nt: number;
  seconds: number;
  sites: number;
  rssMiB: number;
}

function run(label: string, utrs: string): Run {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    ['bin/miresist.js', 'scan', '--families', families, '--utrs', utrs, '--out', '/dev/null'],
    {
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
  const m = /\(([\d,]+) nt\).*: (\d+) sites .*peak RSS (\d+) MiB/.exec(r.stderr);
  if (!m) throw new Error(`unexpected summary: ${r.stderr}`);
  return { label, nt: Number(m[1]!.replace(/,/g, '')), seconds, sites: Number(m[2]), rssMiB: Number(m[3]) };
}

/** A TargetScan UTR file of `mnt` million nt: human-like 3'UTR lengths (log-normal, median ~1.1 knt), A/U-rich. */
async function generate(path: string, mnt: number): Promise<void> {
  const random = seededRandom(20261121 + mnt);
  const out = createWriteStream(path);
  const alphabet = 'AAACCGGUUU'; // ~60 % A+U, like human 3'UTRs
  let total = 0;
  for (let gene = 1; total < mnt * 1e6; gene++) {
    const normal = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    const length = Math.max(50, Math.min(20000, Math.round(Math.exp(7 + 0.9 * normal))));
    let seq = '';
    for (let i = 0; i < length; i++) seq += alphabet[Math.floor(random() * alphabet.length)];
    total += length;
    if (!out.write(`G${String(gene).padStart(7, '0')}\t9606\t${seq}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const line = (r: Run) => {
  const ntFamiliesPerS = (r.nt * FAMILY_COUNT) / r.seconds;
  return `${r.label.padEnd(30)} ${(r.nt / 1e6).toFixed(1).padStart(6)} Mnt ${r.seconds.toFixed(2).padStart(7)} s ${Math.round(
    r.sites / r.seconds,
  )
    .toLocaleString()
    .padStart(
      12,
    )} sites/s ${(ntFamiliesPerS / 1e9).toFixed(2).padStart(6)} G nt·fam/s ${String(r.rssMiB).padStart(6)} MiB  ${Math.round(ntFamiliesPerS / TARGETSCAN_NT_FAMILIES_PER_S).toLocaleString()}× targetscan_70.pl`;
};

console.log(
  `bench:scan — compiled miresist scan, all ${FAMILY_COUNT} human families, output formatted and written to /dev/null`,
);
console.log(
  'input                              size      wall        sites/s        throughput      peak RSS   vs TargetScan 7',
);
const real = run("real 3'UTR fragments (33,895)", fragments);
console.log(line(real));
const dir = mkdtempSync(join(tmpdir(), 'miresist-scan-bench-'));
const growth: Run[] = [];
try {
  for (const mnt of values.sizes.split(',').map(Number)) {
    const path = join(dir, `utrs-${mnt}.txt`);
    await generate(path, mnt);
    const r = run(`generated, seeded`, path);
    growth.push(r);
    console.log(line(r));
    rmSync(path);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const last = growth[growth.length - 1];
console.log(
  `\ntargets: 5.4 Mnt < 3 s → ${real.seconds.toFixed(2)} s (${(real.seconds / 3).toFixed(2)}× of budget) ${real.seconds < 3 ? 'PASS' : 'MISS'}`,
);
if (last) {
  console.log(
    `         ${(last.nt / 1e6).toFixed(0)} Mnt < 60 s → ${last.seconds.toFixed(1)} s (${(last.seconds / 60).toFixed(2)}×) ${last.seconds < 60 ? 'PASS' : 'MISS'}; < 2 GiB → ${last.rssMiB} MiB ${last.rssMiB < 2048 ? 'PASS' : 'MISS'}`,
  );
  console.log(
    'growth (seconds per Mnt; linear cost keeps this flat): ' +
      growth
        .map((r) => `${(r.nt / 1e6).toFixed(0)} Mnt: ${(r.seconds / (r.nt / 1e6)).toFixed(3)}`)
        .join(', '),
  );
}
