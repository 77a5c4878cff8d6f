/**
 * bench:api — HTTP load on `miresist serve` over the embedded SQLite store: p50/p99 latency, throughput and errors
 * for the search and entity endpoints at 200 concurrent connections (autocannon). Targets: p99 < 50 ms, 0 errors.
 * The server runs in its own process (one core); autocannon in this one. Read rate limits are switched off
 * (`--read-rate-limit 0`): one client address sending thousands of requests a second is what a per-client limit
 * exists to refuse. Two regimes per endpoint group:
 *   - steady: the same few dozen URLs over and over, as a lab's users hit popular entities (answers come from the
 *     server's response cache after the first request);
 *   - uncached: every URL unique (a counter in the query string), so every request is computed from the store.
 * Usage: npm run bench:api [-- --seconds 10 --connections 200]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const P99_TARGET_MS = 50;
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '200' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const dir = mkdtempSync(join(tmpdir(), 'miresist-bench-api-'));
const db = join(dir, 'bench.sqlite');
const built = spawnSync('node', ['bin/miresist.js', '--db', db, 'kb', 'build'], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`kb build failed: ${built.stderr}`);

const server = spawn(
  'node',
  ['bin/miresist.js', '--db', db, 'serve', '--port', '0', '--read-rate-limit', '0'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const url = /web app\s+(http:\/\/\S+?)\/\s/.exec(out)?.[1];
    if (url) resolve(url);
  });
  server.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
});

const SEARCHES = [
  'miR-21',
  'miR-2',
  'mir-770',
  'PTEN',
  'tamox',
  'HER2',
  'trastuzumab',
  'let-7',
  'ERBB',
  'apoptosis',
  'miR-221',
  'doxorubicin',
  'PI3K',
  'EGFR',
  'miR-200',
  'cisplatin',
  'IGF1R',
  'ABCB1',
  'miR-155',
  'paclitaxel',
];
const ENTITIES = [
  '/api/mirna/miR-770-5p',
  '/api/mirna/miR-21',
  '/api/mirna/hsa-miR-221-3p',
  '/api/mirna/miR-155',
  '/api/mirna/let-7a',
  '/api/mirna/miR-200c',
  '/api/gene/PTEN',
  '/api/gene/ERBB2',
  '/api/gene/HER2',
  '/api/gene/IGF1R',
  '/api/gene/ESR1',
  '/api/therapy/tamoxifen',
  '/api/therapy/trastuzumab',
  '/api/therapy/doxorubicin',
  '/api/therapy/TAM',
  '/api/therapy/lapatinib',
];
const groups = {
  search: SEARCHES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=20`),
  entity: ENTITIES,
};

interface Row {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
}

async function load(name: string, paths: string[], unique: boolean): Promise<Row> {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const path = paths[n++ % paths.length]!;
          return { ...req, path: unique ? `${path}${path.includes('?') ? '&' : '?'}u=${n}` : path };
        },
      },
    ],
  });
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

try {
  // warm: every URL once (the first request of each computes and caches it)
  for (const path of [...groups.search, ...groups.entity]) {
    const response = await fetch(base + path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
  }
  const rows: Row[] = [];
  for (const [group, paths] of Object.entries(groups)) {
    rows.push(await load(`${group} (steady)`, paths, false));
    rows.push(await load(`${group} (uncached)`, paths, true));
  }
  console.log(
    `bench:api — ${connections} connections, ${seconds} s per run, SQLite, server in its own process`,
  );
  console.log('');
  console.log(
    `${'endpoints'.padEnd(20)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}${'errors'.padStart(8)}  target p99 < ${P99_TARGET_MS} ms, 0 errors`,
  );
  for (const r of rows) {
    const pass = r.p99 < P99_TARGET_MS && r.errors === 0;
    console.log(
      `${r.name.padEnd(20)}${String(r.requests).padStart(10)}${r.rps.toFixed(0).padStart(9)}${String(r.p50).padStart(8)}${String(r.p90).padStart(8)}${String(r.p99).padStart(8)}${String(r.max).padStart(8)}${String(r.errors).padStart(8)}  ${pass ? 'PASS' : 'MISS'} (p99 ${(r.p99 / P99_TARGET_MS).toFixed(2)}× target)`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
