/** Minimal trap spaces of Boolean networks from the prime implicants of every f_i and ¬f_i (Klarner, Bockmayr & Siebert 2015), found by a complete backtracking search in place of their ASP solver. */
import { ValidationError } from '../model/index.js';
import {
  compareLevels,
  describeStateSpace,
  FREE,
  type Attractor,
  type AttractorResult,
  type Subspace,
} from './attractor-results.js';
import { compileNetwork, type CompiledNetwork } from './compile.js';
import type { LogicalNetwork } from './network.js';
import { percolate } from './percolation.js';
import { MAX_TABLE_VARIABLES, primeImplicants } from './prime-implicants.js';

// A node's domain in the search: which of "fixed at 0", "fixed at 1", "free" are still possible.
const ZERO = 1;
const ONE = 2;
const STAR = 4;
const ALL = ZERO | ONE | STAR;
const bitOf = (value: number): number => (value === 0 ? ZERO : ONE);

/** A prime implicant as literals over network nodes: node `nodes[k]` at level `values[k]`. */
interface Prime {
  nodes: Int32Array;
  values: Uint8Array;
}

/** A disjunction "some node j has its domain within allowed[j]". */
interface Clause {
  nodes: Int32Array;
  allowed: Uint8Array;
}

interface Problem {
  /** per node, per value v ∈ {0, 1}: the prime implicants of f_i = v */
  primes: [Prime[], Prime[]][];
  /** per node j: the nodes whose constraint reads j's domain (itself and the rules that read j) */
  watchers: number[][];
  /** branching order */
  order: number[];
}

/**
 * Every minimal trap space, exactly. S is a trap space iff every node S fixes at v has a prime implicant of
 * f_i = v whose literals S fixes (Klarner et al. 2015). The search enumerates the subspaces with that property and
 * two more that every minimal trap space has (a node whose rule is constant on S is fixed; a free node cannot be
 * fixed alone to give a smaller trap space), and keeps each one inside which a sub-search finds no such subspace:
 * a trap space strictly inside would contain a minimal one, which the sub-search would find. Each answer is checked
 * by enumerating the rules over the subspace.
 */
export function minimalTrapSpaces(net: LogicalNetwork): AttractorResult {
  const multiValued = net.nodes.filter((n) => n.maxLevel !== 1).map((n) => n.name);
  if (multiValued.length > 0)
    throw new ValidationError([
      {
        field: 'method',
        message: `trap spaces are computed for Boolean networks; multi-valued nodes: ${multiValued.slice(0, 5).join(', ')}${multiValued.length > 5 ? ', …' : ''} (use fixed points or the exhaustive method)`,
      },
    ]);
  const percolation = percolate(net);
  const compiled = compileNetwork(net);
  const problem = buildProblem(net, compiled);
  // percolated nodes start fixed: every minimal trap space fixes them
  const initial = new Uint8Array(net.nodes.length).fill(ALL);
  net.nodes.forEach((_, i) => {
    const l = percolation.levels[i]!;
    if (l >= 0) initial[i] = bitOf(l);
  });
  const freeNodes = Int32Array.from(percolation.free);
  const found: Uint8Array[] = [];
  enumerate(problem, initial, [], (space) => {
    const stars = freeNodes.filter((j) => space[j] === STAR);
    if (stars.length > 0) {
      // minimal iff no trap space (of the closed kind every minimal one is) lies strictly inside
      const inside = space.map((d) => (d === STAR ? ALL : d));
      const fixesOneMore: Clause = { nodes: stars, allowed: new Uint8Array(stars.length).fill(ZERO | ONE) };
      if (enumerate(problem, inside, [fixesOneMore], () => true)) return false;
    }
    checkTrapSpace(net, compiled, space);
    found.push(Uint8Array.from(space));
    return false;
  });
  const asLevels = found.map((d) => Uint8Array.from(d, (x) => (x === ZERO ? 0 : x === ONE ? 1 : 2)));
  asLevels.sort(compareLevels);
  return {
    method: 'trap-spaces',
    attractors: asLevels.map((levels) => attractorOf(net, levels)),
    stateSpace: describeStateSpace(net, percolation),
    notes: [],
  };
}

function attractorOf(net: LogicalNetwork, levels: Uint8Array): Attractor {
  const subspace: Subspace = {};
  net.nodes.forEach((node, i) => (subspace[node.name] = levels[i] === 2 ? FREE : levels[i]!));
  if (levels.every((l) => l !== 2)) return { kind: 'fixed', states: [subspace as Record<string, number>] };
  return { kind: 'trap-space', states: [subspace] };
}

function buildProblem(net: LogicalNetwork, compiled: CompiledNetwork): Problem {
  const n = net.nodes.length;
  const scratch = new Uint8Array(n);
  const primes = compiled.inputs.map((inputs, i): [Prime[], Prime[]] => {
    if (inputs.length > MAX_TABLE_VARIABLES)
      throw new ValidationError([
        {
          field: net.nodes[i]!.name,
          message: `the rule reads ${inputs.length} nodes; trap spaces need prime implicants, computed for rules of at most ${MAX_TABLE_VARIABLES} inputs (use fixed points)`,
        },
      ]);
    const on = new Uint8Array(2 ** inputs.length);
    for (let a = 0; a < on.length; a++) {
      inputs.forEach((j, v) => (scratch[j] = (a >>> v) & 1));
      on[a] = compiled.targets[i]!(scratch) === 1 ? 1 : 0;
    }
    const off = on.map((x) => 1 - x);
    const asPrime = ({ mask, values }: { mask: number; values: number }): Prime => {
      const used = inputs.map((_, v) => v).filter((v) => (mask >>> v) & 1);
      return {
        nodes: Int32Array.from(used, (v) => inputs[v]!),
        values: Uint8Array.from(used, (v) => (values >>> v) & 1),
      };
    };
    // a prime of f_i = v that needs x_i = ¬v can never support x_i = v
    const supporting = (v: number) => (prime: Prime) =>
      prime.nodes.every((j, k) => j !== i || prime.values[k] === v);
    return [
      primeImplicants(off).map(asPrime).filter(supporting(0)),
      primeImplicants(on).map(asPrime).filter(supporting(1)),
    ];
  });
  const watchers: number[][] = net.nodes.map((_, j) => [j]);
  compiled.inputs.forEach((inputs, i) => inputs.forEach((j) => j !== i && watchers[j]!.push(i)));
  const order = net.nodes.map((_, i) => i).sort((a, b) => watchers[b]!.length - watchers[a]!.length || a - b);
  return { primes, watchers, order };
}

/**
 * Visits every subspace (domains of single values) within `initial` that satisfies the trap-space constraints and
 * every clause, until `visit` returns true; returns whether it did. Fixed values are tried before free.
 */
function enumerate(
  problem: Problem,
  initial: Uint8Array,
  clauses: readonly Clause[],
  visit: (space: Uint8Array) => boolean,
): boolean {
  const { primes, watchers, order } = problem;
  const n = initial.length;
  const dom = Uint8Array.from(initial);
  const trailNode: number[] = [];
  const trailDom: number[] = [];
  const queue: number[] = [];
  const queued = new Uint8Array(n);

  const restrict = (j: number, allowed: number): boolean => {
    const next = dom[j]! & allowed;
    if (next === dom[j]) return true;
    if (next === 0) return false;
    trailNode.push(j);
    trailDom.push(dom[j]!);
    dom[j] = next;
    for (const w of watchers[j]!)
      if (!queued[w]) {
        queued[w] = 1;
        queue.push(w);
      }
    return true;
  };
  const examine = (i: number): boolean => {
    for (let v = 0; v < 2; v++) {
      const bit = v === 0 ? ZERO : ONE;
      let compatible = 0;
      let last: Prime | undefined;
      let constantOnSpace = false;
      let constantOnceFixed = false;
      for (const prime of primes[i]![v]!) {
        let isCompatible = true;
        let othersHold = true;
        let readsSelf = false;
        for (let k = 0; k < prime.nodes.length; k++) {
          const j = prime.nodes[k]!;
          const d = dom[j]!;
          const want = prime.values[k] === 0 ? ZERO : ONE;
          if ((d & want) === 0) {
            isCompatible = false;
            break;
          }
          if (j === i) readsSelf = true;
          else if (d !== want) othersHold = false;
        }
        if (!isCompatible) continue;
        compatible++;
        last = prime;
        if (othersHold) {
          if (readsSelf) constantOnceFixed = true;
          else constantOnSpace = true;
        }
      }
      // f_i = v on the whole subspace: node i is fixed at v (trap spaces allow it; minimal ones force it)
      if (constantOnSpace && !restrict(i, bit)) return false;
      // f_i = v once x_i = v: fixing i at v would leave a smaller trap space, so i is not free in a minimal one
      if (constantOnceFixed && !restrict(i, ~STAR)) return false;
      // no prime of f_i = v can hold any more: node i cannot be fixed at v
      if (compatible === 0 && !restrict(i, ~bit)) return false;
      // node i is fixed at v and one prime alone can support it: all its literals hold
      if (dom[i] === bit && compatible === 1)
        for (let k = 0; k < last!.nodes.length; k++)
          if (!restrict(last!.nodes[k]!, last!.values[k] === 0 ? ZERO : ONE)) return false;
    }
    return true;
  };
  const propagateClauses = (): boolean => {
    for (const clause of clauses) {
      let open = -1;
      let openCount = 0;
      let satisfied = false;
      for (let k = 0; k < clause.nodes.length && !satisfied; k++) {
        const d = dom[clause.nodes[k]!]!;
        const allowed = clause.allowed[k]!;
        if ((d & ~allowed) === 0) satisfied = true;
        else if ((d & allowed) !== 0) {
          openCount++;
          open = k;
        }
      }
      if (satisfied) continue;
      if (openCount === 0) return false;
      if (openCount === 1 && !restrict(clause.nodes[open]!, clause.allowed[open]!)) return false;
    }
    return true;
  };
  const propagate = (): boolean => {
    do {
      while (queue.length > 0) {
        const i = queue.pop()!;
        queued[i] = 0;
        if (!examine(i)) return false;
      }
      if (!propagateClauses()) return false;
    } while (queue.length > 0);
    return true;
  };
  const undo = (mark: number): void => {
    while (trailNode.length > mark) dom[trailNode.pop()!] = trailDom.pop()!;
    for (const i of queue) queued[i] = 0;
    queue.length = 0;
  };
  const search = (): boolean => {
    if (!propagate()) return false;
    const u = order.find((i) => (dom[i]! & (dom[i]! - 1)) !== 0);
    if (u === undefined) return visit(dom);
    for (const choice of [ZERO, ONE, STAR]) {
      if ((dom[u]! & choice) === 0) continue;
      const mark = trailNode.length;
      const stop = restrict(u, choice) && search();
      undo(mark);
      if (stop) return true;
    }
    return false;
  };
  for (let i = 0; i < n; i++) {
    queued[i] = 1;
    queue.push(i);
  }
  return search();
}

/** Checks the trap property exactly: every fixed node's rule takes its level on every state of the subspace. */
function checkTrapSpace(net: LogicalNetwork, compiled: CompiledNetwork, space: Uint8Array): void {
  const state = Uint8Array.from(space, (d) => (d === ONE ? 1 : 0));
  space.forEach((d, i) => {
    if (d === STAR) return;
    const free = compiled.inputs[i]!.filter((j) => space[j] === STAR);
    for (let a = 0; a < 2 ** free.length; a++) {
      free.forEach((j, v) => (state[j] = (a >>> v) & 1));
      if (compiled.targets[i]!(state) !== state[i])
        throw new Error(
          `trap-space search produced a subspace that is not a trap space (node '${net.nodes[i]!.name}')`,
        );
    }
    free.forEach((j) => (state[j] = 0));
  });
}
