/** The shape every attractor method returns (exhaustive search, fixed points, minimal trap spaces). */
import type { LogicalNetwork } from './network.js';
import type { Percolation } from './percolation.js';

/** A state: every node's level. */
export type StateLevels = Record<string, number>;

/** The free marker of a subspace: the node is not fixed in the trap space. */
export const FREE = '*';

/** A subspace: every node's level, or `'*'` where the node is free. */
export type Subspace = Record<string, number | typeof FREE>;

/**
 * An attractor. `fixed`: one state. `cycle`: the states of a synchronous cycle in update order (from its
 * lexicographically first state, levels in network order), or the states of an asynchronous terminal strongly
 * connected component (a complex attractor) in lexicographic order. Lists of attractors are sorted by size, then
 * by first state.
 * `trap-space`: one subspace, a minimal trap space with free nodes; it holds at least one attractor of every
 * update scheme (a minimal trap space with no free node is reported as `fixed`).
 */
export type Attractor =
  | { kind: 'fixed'; states: [StateLevels] }
  | { kind: 'cycle'; states: StateLevels[] }
  | { kind: 'trap-space'; states: [Subspace] };

/** The attractor methods. */
export type AttractorMethod = 'exhaustive' | 'fixed-points' | 'trap-spaces';

/** The update schemes whose state transition graphs the exhaustive method explores. */
export type AttractorScheme = 'synchronous' | 'asynchronous';

export interface StateSpace {
  nodes: number;
  /** ∏ (levels) over all nodes (a float: 2^69 is not an exact integer) */
  size: number;
  /** nodes left free by percolation */
  freeNodes: number;
  /** ∏ (levels) over the free nodes: what the exhaustive method enumerates */
  residualSize: number;
  /** name → level of each node fixed by percolation (perturbed and constant nodes included) */
  percolated: Record<string, number>;
}

export interface AttractorResult {
  method: AttractorMethod;
  /** the update scheme of an exhaustive search; absent for scheme-independent results (fixed points, trap spaces) */
  scheme?: AttractorScheme;
  attractors: Attractor[];
  stateSpace: StateSpace;
  /** what a reader must know to interpret the result (e.g. why auto chose a method) */
  notes: string[];
}

/** The state-space figures of a network and its percolation. */
export function describeStateSpace(net: LogicalNetwork, percolation: Percolation): StateSpace {
  let size = 1;
  let residualSize = 1;
  net.nodes.forEach((node, i) => {
    size *= node.maxLevel + 1;
    if (percolation.levels[i]! < 0) residualSize *= node.maxLevel + 1;
  });
  return {
    nodes: net.nodes.length,
    size,
    freeNodes: percolation.free.length,
    residualSize,
    percolated: { ...percolation.fixed },
  };
}

/** Orders level vectors lexicographically (network order), so results do not depend on search order. */
export function compareLevels(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
