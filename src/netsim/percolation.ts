/** Constant propagation ("percolation") of fixed levels through the rules: Naldi et al. 2011; Klarner 2015, ch. 3. */
import { evalPartial } from './expr.js';
import { functionInputs, type LogicalNetwork, type NodeFunction } from './network.js';

/** Highest level the bitmask-based analyses accept (levels are bits of a 32-bit integer). */
export const MAX_ANALYSED_LEVEL = 30;

/**
 * The levels a node function can take over every completion of a partial state, as a bitmask (bit l = level l).
 * Kleene evaluation: sound (a level outside the mask is impossible), not always tight.
 */
export function possibleTargets(fn: NodeFunction, level: (node: string) => number | undefined): number {
  let mask = 0;
  for (const term of fn.terms) {
    const holds = evalPartial(term.condition, level);
    if (holds === false) continue;
    mask |= 1 << term.level;
    if (holds === true) return mask;
  }
  return mask | (1 << fn.defaultLevel);
}

/** The single level of a one-bit mask, or -1 when the mask has several (or no) levels. */
export function singleLevel(mask: number): number {
  return mask !== 0 && (mask & (mask - 1)) === 0 ? 31 - Math.clz32(mask) : -1;
}

export interface Percolation {
  /** per node (network order): the level it has in every attractor, or -1 when percolation leaves it free */
  levels: Int16Array;
  /** indices of the nodes left free, in network order */
  free: number[];
  /** name → level of every node fixed by percolation (perturbed and constant nodes included) */
  fixed: Record<string, number>;
}

/**
 * Fixes every node whose function is constant given the nodes fixed so far, until nothing changes. Such a node
 * reaches that level and keeps it, under every update scheme, so every attractor lies in the resulting subspace.
 */
export function percolate(net: LogicalNetwork): Percolation {
  const index = new Map(net.nodes.map((n, i) => [n.name, i]));
  const levels = new Int16Array(net.nodes.length).fill(-1);
  checkLevels(net);
  const dependents: number[][] = net.nodes.map(() => []);
  net.nodes.forEach((node, i) => {
    for (const name of functionInputs(node.fn)) {
      const j = index.get(name);
      if (j === undefined) throw new Error(`rule of '${node.name}' reads unknown node '${name}'`);
      dependents[j]!.push(i);
    }
  });
  const level = (name: string): number | undefined => {
    const l = levels[index.get(name) ?? -1];
    return l === undefined || l < 0 ? undefined : l;
  };
  const queue = net.nodes.map((_, i) => i);
  const queued = new Uint8Array(net.nodes.length).fill(1);
  while (queue.length > 0) {
    const i = queue.pop()!;
    queued[i] = 0;
    if (levels[i]! >= 0) continue;
    const l = singleLevel(possibleTargets(net.nodes[i]!.fn, level));
    if (l < 0) continue;
    levels[i] = l;
    for (const d of dependents[i]!)
      if (levels[d]! < 0 && !queued[d]) {
        queued[d] = 1;
        queue.push(d);
      }
  }
  return percolationOf(net, levels);
}

/** Only the nodes whose own rule is constant (perturbed nodes): what BoolNet's fixGenes removes from the search. */
export function constantNodes(net: LogicalNetwork): Percolation {
  checkLevels(net);
  return percolationOf(
    net,
    Int16Array.from(net.nodes, (node) => singleLevel(possibleTargets(node.fn, () => undefined))),
  );
}

function percolationOf(net: LogicalNetwork, levels: Int16Array): Percolation {
  const fixed: Record<string, number> = {};
  const free: number[] = [];
  net.nodes.forEach((node, i) => (levels[i]! >= 0 ? (fixed[node.name] = levels[i]!) : free.push(i)));
  return { levels, free, fixed };
}

function checkLevels(net: LogicalNetwork): void {
  for (const node of net.nodes)
    if (node.maxLevel > MAX_ANALYSED_LEVEL)
      throw new RangeError(
        `node '${node.name}' has ${node.maxLevel + 1} levels; at most ${MAX_ANALYSED_LEVEL + 1} are supported`,
      );
}
