import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { readModelFile } from '../../kb/model-files.js';
import { ValidationError } from '../../model/index.js';
import { applyPerturbations } from '../../netsim/network.js';
import { parseFixedNodes } from '../../netsim/fixed-nodes.js';
import { findAttractors, formatStateCount } from '../../netsim/attractors.js';
import { FREE, type Attractor, type AttractorResult } from '../../netsim/attractor-results.js';
import { emit } from '../output.js';

interface AttractorsOptions {
  fix: string[];
  scheme: 'synchronous' | 'asynchronous';
  method: 'auto' | 'exhaustive' | 'fixed-points' | 'trap-spaces';
  json?: boolean;
}

/** `miresist model attractors <model file>`: attractors under fixed nodes, exhaustive or scalable. */
export function registerModelAttractorsCommand(model: Command): void {
  model
    .command('attractors')
    .description(
      'attractors of a logical model: exhaustive for small residual state spaces, else fixed points and minimal trap spaces',
    )
    .argument('<model>', 'model file (.bnet or any registered model format)')
    .option('--fix <NODE=level...>', 'fix nodes, e.g. --fix EGF=1 ERBB2=0 (or repeat --fix)', [])
    .addOption(
      new Option('--scheme <scheme>', 'update scheme of the exhaustive search')
        .choices(['synchronous', 'asynchronous'])
        .default('synchronous'),
    )
    .addOption(
      new Option(
        '--method <method>',
        'auto: exhaustive when at most 2^24 states remain after percolation, else fixed points + minimal trap spaces',
      )
        .choices(['auto', 'exhaustive', 'fixed-points', 'trap-spaces'])
        .default('auto'),
    )
    .option('--json', 'JSON output: {"attractors":[{"kind":"fixed"|"cycle","states":[{NODE:level,…}]}], …}')
    .action(async (file: string, opts: AttractorsOptions) => {
      const net = await readModelFile(file);
      const fixes = parseFixedNodes(opts.fix, net);
      if (!fixes.ok) throw new ValidationError(fixes.issues);
      const result = findAttractors(applyPerturbations(net, fixes.value), {
        method: opts.method,
        scheme: opts.scheme,
      });
      const fixed = fixes.value.map((p) => `${p.node}=${p.level}`);
      emit(Boolean(opts.json), attractorsJson(result, fixed), () =>
        attractorsText(basename(file), result, fixed),
      );
    });
}

/** JSON: `attractors` holds fixed points and cycles; trap spaces with free nodes go in `trapSpaces` beside it. */
function attractorsJson(result: AttractorResult, fixed: string[]) {
  const isTrapSpace = (a: Attractor) => a.kind === 'trap-space';
  return {
    attractors: result.attractors
      .filter((a) => !isTrapSpace(a))
      .map((a) => ({ kind: a.kind, states: a.states })),
    trapSpaces: result.attractors.filter(isTrapSpace).map((a) => ({ kind: a.kind, states: a.states })),
    method: result.method,
    scheme: result.scheme ?? 'any',
    fixed,
    stateSpace: result.stateSpace,
    notes: result.notes,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function heading(result: AttractorResult): string {
  if (result.method === 'exhaustive') return `${plural(result.attractors.length, 'attractor')}:`;
  const spaces = result.attractors.filter((a) => a.kind === 'trap-space').length;
  const points = plural(result.attractors.length - spaces, 'fixed point');
  if (result.method === 'fixed-points') return `${points}:`;
  return `${points} and ${plural(spaces, 'minimal trap space')} with free nodes (each holds at least one attractor):`;
}

function attractorsText(file: string, result: AttractorResult, fixed: string[]): string[] {
  const { stateSpace: space } = result;
  const how =
    result.method === 'exhaustive'
      ? `exhaustive search, ${result.scheme} update`
      : result.method === 'fixed-points'
        ? 'fixed points (the same under every update scheme)'
        : 'fixed points and minimal trap spaces (valid for every update scheme)';
  const lines = [
    `${file}: ${space.nodes} nodes${fixed.length ? `, fixed ${fixed.join(' ')}` : ''}; ${formatStateCount(space.size)} states, ${formatStateCount(space.residualSize)} after percolation (${space.nodes - space.freeNodes} nodes constant)`,
    `method: ${how}`,
    ...result.notes.map((note) => `note: ${note}`),
    heading(result),
  ];
  const on = (state: Record<string, number | typeof FREE>) =>
    Object.keys(state)
      .filter((node) => state[node] !== 0 && state[node] !== FREE)
      .map((node) => (state[node] === 1 ? node : `${node}=${state[node]}`))
      .join(' ') || '(none)';
  result.attractors.forEach((a, k) => {
    if (a.kind === 'fixed') lines.push(`  #${k + 1} fixed point: ON ${on(a.states[0])}`);
    else if (a.kind === 'trap-space') {
      const free = Object.keys(a.states[0]).filter((node) => a.states[0][node] === FREE);
      lines.push(`  #${k + 1} minimal trap space: ON ${on(a.states[0])}; free (*) ${free.join(' ')}`);
    } else {
      const what = result.scheme === 'synchronous' ? 'cycle' : 'complex attractor';
      lines.push(`  #${k + 1} ${what} of ${a.states.length} states:`);
      for (const state of a.states) lines.push(`      ON ${on(state)}`);
    }
  });
  return lines;
}
