/** Exhaustive attractors over integer-coded states (BoolNet 2.1.7 getAttractors, synchronous; GINsim asynchronous STG via iterative Tarjan 1972), and the method choice for large networks. */
import { ValidationError } from '../model/index.js';
import {
  compareLevels,
  describeStateSpace,
  type Attractor,
  type AttractorMethod,
  type AttractorResult,
  type AttractorScheme,
} from './attractor-results.js';
import { fixedPoints } from './fixed-points.js';
import { isBooleanNetwork, type LogicalNetwork } from './network.js';
import { constantNodes, percolate } from './percolation.js';
import { decodeLevels, digitOf, stateCoding, type StateCoding } from './state-codes.js';
import { minimalTrapSpaces } from './trap-spaces.js';

/** Largest residual state space the exhaustive method enumerates by default (64 MiB of marks, synchronous). */
export const EXHAUSTIVE_MAX_STATES = 2 ** 24;

export interface ExhaustiveOptions {
  scheme: AttractorScheme;
  /** refuse residual spaces larger than this (default EXHAUSTIVE_MAX_STATES) */
  maxStates?: number;
  /** fix constant nodes before enumerating (default true); false enumerates every non-constant node, as BoolNet does */
  percolate?: boolean;
}

/**
 * Every attractor of the synchronous or asynchronous state transition graph, by enumerating the states of the
 * nodes percolation leaves free. Synchronous: cycles of the functional graph. Asynchronous: terminal strongly
 * connected components of the graph whose edges are single-node updates that change the state.
 */
export function exhaustiveAttractors(net: LogicalNetwork, options: ExhaustiveOptions): AttractorResult {
  const maxStates = options.maxStates ?? EXHAUSTIVE_MAX_STATES;
  const percolation = options.percolate === false ? constantNodes(net) : percolate(net);
  const stateSpace = describeStateSpace(net, percolation);
  if (stateSpace.residualSize > maxStates)
    throw new ValidationError([
      {
        field: 'method',
        message: `exhaustive search refused: ${stateSpace.freeNodes} nodes stay free after percolation, ${formatStateCount(stateSpace.residualSize)} states > ${formatStateCount(maxStates)}; use fixed points and minimal trap spaces (method auto, fixed-points or trap-spaces), which scale to 100+ nodes`,
      },
    ]);
  const coding = stateCoding(net, percolation, maxStates);
  const found = options.scheme === 'synchronous' ? synchronousCycles(coding) : terminalComponents(coding);
  // in network order, so that every method lists the same attractors the same way
  const ordered = found.map((codes) => {
    const states = codes.map((c) => decodeLevels(coding, c));
    if (options.scheme === 'asynchronous') return states.sort(compareLevels);
    let first = 0;
    for (let k = 1; k < states.length; k++) if (compareLevels(states[k]!, states[first]!) < 0) first = k;
    return [...states.slice(first), ...states.slice(0, first)];
  });
  ordered.sort((a, b) => a.length - b.length || compareLevels(a[0]!, b[0]!));
  const names = net.nodes.map((n) => n.name);
  const record = (levels: Uint8Array) => Object.fromEntries(names.map((name, i) => [name, levels[i]!]));
  const attractors = ordered.map((states): Attractor =>
    states.length === 1
      ? { kind: 'fixed', states: [record(states[0]!)] }
      : { kind: 'cycle', states: states.map(record) },
  );
  return { method: 'exhaustive', scheme: options.scheme, attractors, stateSpace, notes: [] };
}

/** Cycles of the synchronous functional graph, in update order. */
function synchronousCycles(coding: StateCoding): number[][] {
  const { size, next } = coding;
  // visit[s] = the walk that first reached s; a walk that meets itself has found a new cycle
  const visit = new Int32Array(size);
  const cycles: number[][] = [];
  let walk = 0;
  for (let start = 0; start < size; start++) {
    if (visit[start] !== 0) continue;
    walk++;
    let s = start;
    while (visit[s] === 0) {
      visit[s] = walk;
      s = next(s);
    }
    if (visit[s] !== walk) continue;
    const cycle = [s];
    for (let t = next(s); t !== s; t = next(t)) cycle.push(t);
    cycles.push(cycle);
  }
  return cycles;
}

const ON_STACK = 1;
const LEAKS = 2;

/**
 * Terminal strongly connected components of the asynchronous state transition graph (Tarjan 1972, iterative:
 * explicit frames instead of recursion). A component is terminal when no member has an edge to an earlier
 * finished component.
 */
function terminalComponents(coding: StateCoding): number[][] {
  const { size, next, isBinary, base } = coding;
  const order = new Int32Array(size); // 0 = unvisited, else discovery number
  const low = new Int32Array(size);
  const flags = new Uint8Array(size);
  const stack = new Int32Array(size);
  const frameState = new Int32Array(size);
  const frameNext = new Int32Array(isBinary ? 0 : size); // binary codes keep the changed bits in the cursor
  const frameCursor = new Int32Array(size);
  const digits = base.length;
  let sp = 0;
  let fp = 0;
  let counter = 0;
  const components: number[][] = [];
  const open = (s: number): void => {
    order[s] = low[s] = ++counter;
    flags[s] = ON_STACK;
    stack[sp++] = s;
    const y = next(s);
    frameState[fp] = s;
    if (isBinary) frameCursor[fp] = s ^ y;
    else {
      frameNext[fp] = y;
      frameCursor[fp] = 0;
    }
    fp++;
  };
  // the next single-node successor of the top frame, or -1 when its edges are exhausted
  const successor = (f: number): number => {
    const s = frameState[f]!;
    if (isBinary) {
      const rest = frameCursor[f]!;
      if (rest === 0) return -1;
      const bit = rest & -rest;
      frameCursor[f] = rest ^ bit;
      return s ^ bit;
    }
    const y = frameNext[f]!;
    for (let j = frameCursor[f]!; j < digits; j++) {
      const delta = digitOf(coding, y, j) - digitOf(coding, s, j);
      if (delta !== 0) {
        frameCursor[f] = j + 1;
        return s + delta * coding.radix[j]!;
      }
    }
    frameCursor[f] = digits;
    return -1;
  };
  for (let root = 0; root < size; root++) {
    if (order[root] !== 0) continue;
    open(root);
    while (fp > 0) {
      const f = fp - 1;
      const v = frameState[f]!;
      const w = successor(f);
      if (w >= 0) {
        if (order[w] === 0) open(w);
        else if (flags[w]! & ON_STACK) low[v] = Math.min(low[v]!, order[w]!);
        else flags[v] = flags[v]! | LEAKS;
        continue;
      }
      fp--;
      if (low[v] === order[v]) {
        const members: number[] = [];
        let isTerminal = true;
        let m: number;
        do {
          m = stack[--sp]!;
          flags[m] = flags[m]! & ~ON_STACK;
          if (flags[m]! & LEAKS) isTerminal = false;
          members.push(m);
        } while (m !== v);
        if (isTerminal) components.push(members);
      }
      if (fp > 0) {
        const u = frameState[fp - 1]!;
        if (low[v] === order[v]) flags[u] = flags[u]! | LEAKS;
        else low[u] = Math.min(low[u]!, low[v]!);
      }
    }
  }
  return components;
}

export interface AttractorOptions {
  method: AttractorMethod | 'auto';
  /** update scheme of the exhaustive method (fixed points and trap spaces do not depend on it) */
  scheme: AttractorScheme;
  maxStates?: number;
}

/**
 * Attractors by the chosen method. `auto`: exhaustive when the residual state space is at most `maxStates`,
 * else minimal trap spaces (Boolean networks; they include every fixed point) or fixed points (multi-valued).
 */
export function findAttractors(net: LogicalNetwork, options: AttractorOptions): AttractorResult {
  const maxStates = options.maxStates ?? EXHAUSTIVE_MAX_STATES;
  switch (options.method) {
    case 'exhaustive':
      return exhaustiveAttractors(net, { scheme: options.scheme, maxStates });
    case 'fixed-points':
      return fixedPoints(net);
    case 'trap-spaces':
      return minimalTrapSpaces(net);
    case 'auto': {
      const residual = describeStateSpace(net, percolate(net)).residualSize;
      if (residual <= maxStates) return exhaustiveAttractors(net, { scheme: options.scheme, maxStates });
      const tooLarge = `${formatStateCount(residual)} states remain after percolation (> ${formatStateCount(maxStates)} for exhaustive search)`;
      if (!isBooleanNetwork(net)) {
        const result = fixedPoints(net);
        return {
          ...result,
          notes: [
            `${tooLarge}: fixed points only (trap spaces need a Boolean network); cyclic attractors are not reported`,
          ],
        };
      }
      const result = minimalTrapSpaces(net);
      return {
        ...result,
        notes: [
          `${tooLarge}: fixed points and minimal trap spaces instead, valid for every update scheme; each minimal trap space holds at least one attractor, and attractors outside every minimal trap space (rare, "motif-avoidant") are not reported`,
        ],
      };
    }
  }
}

/** "2^20" for powers of two, else the count with thousands separators (or in exponent form when huge). */
export function formatStateCount(count: number): string {
  const log = Math.log2(count);
  if (Number.isInteger(log) && log >= 10) return `2^${log}`;
  return count < 1e15 ? count.toLocaleString('en-US') : count.toExponential(2);
}
