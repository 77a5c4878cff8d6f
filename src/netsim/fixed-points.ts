/** Fixed points by backtracking over x_i = f_i(x) with Kleene three-valued propagation (cf. Devloo, Hansen & Labbé 2003, constraint-programming fixed points), each answer checked on the compiled rules. */
import { compareLevels, describeStateSpace, type AttractorResult } from './attractor-results.js';
import { compileNetwork, stateRecord } from './compile.js';
import { functionInputs, type LogicalNetwork } from './network.js';
import { percolate, possibleTargets, singleLevel } from './percolation.js';

/**
 * Every fixed point of a (Boolean or multi-valued) network, exactly: the search branches on every level of every
 * node propagation leaves open, propagation only removes levels no fixed point can have, and each complete
 * assignment is checked against the compiled rules. Fixed points are the same under every update scheme.
 */
export function fixedPoints(net: LogicalNetwork): AttractorResult {
  const percolation = percolate(net);
  const compiled = compileNetwork(net);
  const n = net.nodes.length;
  const index = new Map(net.nodes.map((node, i) => [node.name, i]));
  const levels = Int16Array.from(percolation.levels);
  const level = (name: string): number | undefined => {
    const l = levels[index.get(name)!]!;
    return l < 0 ? undefined : l;
  };
  // watchers[j]: the nodes whose equation must be re-examined when node j gets a level (its dependents and itself)
  const watchers: number[][] = net.nodes.map((_, j) => [j]);
  net.nodes.forEach((node, i) => {
    for (const input of functionInputs(node.fn)) {
      const j = index.get(input)!;
      if (j !== i) watchers[j]!.push(i);
    }
  });
  // Branch first on the nodes read by most rules: their levels settle the most equations.
  const order = percolation.free.slice().sort((a, b) => watchers[b]!.length - watchers[a]!.length || a - b);
  const trail: number[] = [];
  const queue: number[] = [];
  const queued = new Uint8Array(n);
  const found: Uint8Array[] = [];
  const state = new Uint8Array(n);

  const assign = (i: number, l: number): void => {
    levels[i] = l;
    trail.push(i);
    for (const w of watchers[i]!)
      if (!queued[w]) {
        queued[w] = 1;
        queue.push(w);
      }
  };
  const propagate = (): boolean => {
    while (queue.length > 0) {
      const i = queue.pop()!;
      queued[i] = 0;
      const mask = possibleTargets(net.nodes[i]!.fn, level);
      const current = levels[i]!;
      if (current >= 0) {
        if (((mask >>> current) & 1) === 0) return false;
      } else {
        const l = singleLevel(mask);
        if (l >= 0) assign(i, l);
      }
    }
    return true;
  };
  const clearQueue = (): void => {
    for (const i of queue) queued[i] = 0;
    queue.length = 0;
  };
  const undo = (mark: number): void => {
    while (trail.length > mark) levels[trail.pop()!] = -1;
  };
  const record = (): void => {
    for (let i = 0; i < n; i++) state[i] = levels[i]!;
    for (let i = 0; i < n; i++)
      if (compiled.targets[i]!(state) !== state[i])
        throw new Error(`fixed-point search produced a non-fixed state (node '${net.nodes[i]!.name}')`);
    found.push(Uint8Array.from(state));
  };
  const search = (): void => {
    if (!propagate()) return clearQueue();
    const u = order.find((i) => levels[i]! < 0);
    if (u === undefined) return record();
    for (let l = 0; l <= net.nodes[u]!.maxLevel; l++) {
      const mark = trail.length;
      assign(u, l);
      search();
      undo(mark);
    }
  };
  net.nodes.forEach((_, i) => {
    queued[i] = 1;
    queue.push(i);
  });
  search();
  found.sort(compareLevels);
  return {
    method: 'fixed-points',
    attractors: found.map((s) => ({ kind: 'fixed', states: [stateRecord(compiled, s)] })),
    stateSpace: describeStateSpace(net, percolation),
    notes: [],
  };
}
