/** `miresist model simulate <model>`: MaBoSS-style continuous-time stochastic simulation of a logical model. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { readModelFile } from '../../kb/index.js';
import { ValidationError, type Issue } from '../../model/index.js';
import { applyMabossConfig, parseMaboss, parseMabossCfg } from '../../netsim/formats/maboss-format.js';
import {
  mabossFromNetwork,
  simulateStochastic,
  type MabossModel,
  type StateProbability,
  type StochasticResult,
} from '../../netsim/stochastic.js';

interface SimulateOptions {
  cfg?: string;
  trajectories?: string;
  seed?: string;
  maxTime?: string;
  timeTick?: string;
  top: string;
  json?: boolean;
  quiet?: boolean;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ValidationError([{ file: path, message: `cannot read: ${(error as Error).message}` }]);
  }
}

function numberOption(
  value: string | undefined,
  flag: string,
  kind: 'count' | 'seed' | 'time',
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const valid =
    kind === 'time'
      ? n > 0 && Number.isFinite(n)
      : Number.isInteger(n) && (kind === 'count' ? n >= 1 : n >= 0 && n <= 0xffffffff);
  if (!valid || value.trim() === '')
    throw new ValidationError([
      {
        field: flag,
        message: `expected ${kind === 'time' ? 'a positive number' : kind === 'count' ? 'a positive integer' : 'an integer from 0 to 4294967295'}, got '${value}'`,
      },
    ]);
  return n;
}

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; issues: Issue[] }): T => {
  if (!result.ok) throw new ValidationError(result.issues);
  return result.value;
};

/** The model to simulate: a MaBoSS .bnd with its .cfg, or any registered format with MaBoSS's default rates. */
async function loadModel(
  path: string,
  cfgOption: string | undefined,
): Promise<{ model: MabossModel; cfg?: string }> {
  const besideBnd = path.replace(/\.bnd$/i, '.cfg');
  const cfg = cfgOption ?? (/\.bnd$/i.test(path) && existsSync(besideBnd) ? besideBnd : undefined);
  const cfgText = cfg === undefined ? undefined : await readText(cfg);
  if (/\.bnd$/i.test(path)) {
    const bnd = await readText(path);
    return { model: unwrap(parseMaboss(bnd, { bndFile: path, cfg: cfgText, cfgFile: cfg })), cfg };
  }
  const net = await readModelFile(path);
  const converted = mabossFromNetwork(net);
  if (!converted.ok) throw new ValidationError(converted.issues.map((issue) => ({ ...issue, file: path })));
  if (cfgText === undefined) return { model: converted.value };
  const config = unwrap(
    parseMabossCfg(
      cfgText,
      net.nodes.map((n) => n.name),
      cfg,
    ),
  );
  return { model: applyMabossConfig(converted.value, config), cfg };
}

/**
 * The `--json` document:
 * - `model`, `cfg`: the files read (`cfg` null when none);
 * - `seed`, `trajectories`, `maxTime`, `timeTick`, `discreteTime`: what was run (the seed repeats it exactly);
 * - `finalProbabilities`: P(node = 1) for every node, averaged over the last time window and all trajectories;
 * - `finalStates`: distribution of the state over the non-internal nodes in the last window, most probable first;
 *   each state is `nodes` (the nodes at 1; empty = all at 0) with its `probability`;
 * - `fixedPoints`: full states where trajectories stopped (every rate 0) before maxTime, with the fraction that did;
 * - `trajectory`: per window of timeTick, `time` (window start) and P(node = 1) of every node (MaBoSS probtraj);
 * - `transitions`: flips made over all trajectories; `notes`: what the readers ignored or normalised.
 */
export function simulationJson(
  result: StochasticResult,
  files: { model: string; cfg?: string },
  notes: string[],
): unknown {
  const states = (list: StateProbability[]) => list.map((s) => ({ nodes: s.on, probability: s.probability }));
  return {
    model: files.model,
    cfg: files.cfg ?? null,
    seed: result.seed,
    trajectories: result.trajectories,
    maxTime: result.maxTime,
    timeTick: result.timeTick,
    discreteTime: result.discreteTime,
    finalProbabilities: result.finalProbabilities,
    finalStates: states(result.finalStates),
    fixedPoints: states(result.fixedPoints),
    trajectory: result.windows.map((w) => ({ time: w.start, probabilities: w.probabilities })),
    transitions: result.transitions,
    notes,
  };
}

function textReport(result: StochasticResult, path: string, seconds: number, top: number): string[] {
  const lines = [
    `${path}: ${result.nodes.length} nodes · ${result.trajectories} trajectories · max_time ${result.maxTime} · time_tick ${result.timeTick} · ${result.discreteTime ? 'discrete' : 'continuous'} time · seed ${result.seed} · ${result.transitions} transitions · ${seconds.toFixed(2)} s`,
  ];
  const last = result.windows[result.windows.length - 1]!;
  lines.push(`final node probabilities (window ${last.start}–${last.end}):`);
  const width = Math.max(...result.nodes.map((n) => n.length));
  const byProbability = Object.entries(result.finalProbabilities).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  for (const [node, p] of byProbability) lines.push(`  ${node.padEnd(width)}  ${p.toFixed(4)}`);
  const shown = result.finalStates.slice(0, top);
  lines.push(
    `top final states over ${result.outputNodes.length} output nodes (${shown.length} of ${result.finalStates.length}; nodes at 1):`,
  );
  for (const s of shown)
    lines.push(`  ${s.probability.toFixed(4)}  ${s.on.length ? s.on.join(' ') : '<nil>'}`);
  const reached = result.fixedPoints.reduce((sum, f) => sum + f.probability, 0);
  lines.push(
    `fixed points reached before max_time: ${result.fixedPoints.length} (${(100 * reached).toFixed(1)} % of trajectories)`,
  );
  return lines;
}

export function registerModelSimulateCommand(model: Command): void {
  model
    .command('simulate')
    .description(
      'MaBoSS-style stochastic simulation (continuous-time Gillespie over Boolean states): node and state probabilities over time',
    )
    .argument(
      '<model>',
      'MaBoSS .bnd (read with its .cfg), or any model format (.bnet, .sbml, .zginml, …) with MaBoSS default rates 1',
    )
    .option('--cfg <file>', 'MaBoSS configuration (default: the .cfg beside a .bnd, when there is one)')
    .option('--trajectories <n>', 'number of trajectories (default: sample_count of the .cfg, else 10000)')
    .option(
      '--seed <s>',
      'random seed, to repeat a run exactly (default: seed_pseudorandom of the .cfg, else fresh)',
    )
    .option('--max-time <t>', 'end time of trajectories (default: max_time of the .cfg, else 1000)')
    .option('--time-tick <t>', 'width of the time windows (default: time_tick of the .cfg, else 0.5)')
    .option('--top <k>', 'final states to list in text output', '10')
    .option('--json', 'write the result as JSON (every node’s final probability, states, trajectory)')
    .option('--quiet', 'no progress bar or notes')
    .action(async (path: string, opts: SimulateOptions) => {
      const trajectories = numberOption(opts.trajectories, '--trajectories', 'count');
      const seed = numberOption(opts.seed, '--seed', 'seed');
      const maxTime = numberOption(opts.maxTime, '--max-time', 'time');
      const timeTick = numberOption(opts.timeTick, '--time-tick', 'time');
      const top = numberOption(opts.top, '--top', 'count')!;
      const { model: loaded, cfg } = await loadModel(path, opts.cfg);
      if (!opts.quiet) for (const note of loaded.notes) process.stderr.write(`${path}: note: ${note}\n`);
      const started = performance.now();
      const showProgress = !opts.quiet && Boolean(process.stderr.isTTY);
      const bar = new SingleBar(
        { format: `simulate [{bar}] {percentage}% · {value}/{total} trajectories`, stream: process.stderr },
        Presets.shades_classic,
      );
      let barShown = false;
      let result: StochasticResult;
      try {
        result = simulateStochastic(loaded, {
          ...(trajectories !== undefined ? { trajectories } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(maxTime !== undefined ? { maxTime } : {}),
          ...(timeTick !== undefined ? { timeTick } : {}),
          onProgress: (done, total) => {
            if (!showProgress) return;
            // only runs that last show a bar
            if (!barShown && performance.now() - started > 500) {
              bar.start(total, done);
              barShown = true;
            } else if (barShown) bar.update(done);
          },
        });
      } catch (error) {
        if (error instanceof RangeError) throw new ValidationError([{ file: path, message: error.message }]);
        throw error;
      } finally {
        if (barShown) bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        opts.json
          ? JSON.stringify(simulationJson(result, { model: path, cfg }, loaded.notes), null, 2) + '\n'
          : textReport(result, path, seconds, top).join('\n') + '\n',
      );
    });
}
