import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/index.js';
import { FREE, type AttractorResult } from './attractor-results.js';
import { exhaustiveAttractors, findAttractors } from './attractors.js';
import { compileNetwork, stepToward, type CompiledNetwork } from './compile.js';
import { and, not, or, v, type Expr } from './expr.js';
import { fixedPoints } from './fixed-points.js';
import { applyPerturbations, booleanFunction, type LogicalNetwork, type NetworkNode } from './network.js';
import { percolate } from './percolation.js';
import { primeImplicants } from './prime-implicants.js';
import { seededRng, type Rng } from './rng.js';
import { minimalTrapSpaces } from './trap-spaces.js';
import { loadBnetModel } from '../../test/helpers/bnet-models.js';

const boolean = (rules: Record<string, Expr>): LogicalNetwork => ({
  nodes: Object.entries(rules).map(([name, rule]) => ({ name, maxLevel: 1, fn: booleanFunction(rule) })),
});

/** A seeded random network: 1–3 inputs per node, rules mixing and/or/not (non-monotone ones included). */
function randomNetwork(rng: Rng, size: number, multiValued = false): LogicalNetwork {
  const names = Array.from({ length: size }, (_, i) => `n${i}`);
  const pick = () => names[Math.floor(rng() * size)]!;
  const maxLevels = names.map(() => (multiValued && rng() < 0.4 ? 2 : 1));
  const literal = (): Expr => {
    const node = pick();
    const max = maxLevels[names.indexOf(node)]!;
    const atom: Expr = max > 1 && rng() < 0.5 ? { kind: 'cmp', node, op: 'geq', value: 2 } : v(node);
    return rng() < 0.4 ? not(atom) : atom;
  };
  const rule = (depth: number): Expr => {
    if (depth === 0 || rng() < 0.3) return literal();
    const args = [rule(depth - 1), rule(depth - 1)];
    return rng() < 0.5 ? and(...args) : or(...args);
  };
  const nodes: NetworkNode[] = names.map((name, i) => {
    const max = maxLevels[i]!;
    if (max === 1) return { name, maxLevel: 1, fn: booleanFunction(rule(2)) };
    return {
      name,
      maxLevel: max,
      fn: {
        defaultLevel: 0,
        terms: [
          { level: 2, condition: rule(1) },
          { level: 1, condition: rule(1) },
        ],
      },
    };
  });
  return { name: `random-${size}`, nodes };
}

// ---- naive references over explicit state lists -------------------------------------------------------------

function allStates(net: CompiledNetwork): Uint8Array[] {
  let states: number[][] = [[]];
  for (const max of net.maxLevels)
    states = states.flatMap((s) => Array.from({ length: max + 1 }, (_, l) => [...s, l]));
  return states.map((s) => Uint8Array.from(s));
}
const key = (s: ArrayLike<number>) => Array.from(s).join('');
const targetsOf = (net: CompiledNetwork, s: Uint8Array) => net.targets.map((t, i) => stepToward(s[i]!, t(s)));

/** Attractors as sorted sets of state keys, the list sorted. */
function referenceAttractors(net: LogicalNetwork, scheme: 'synchronous' | 'asynchronous'): string[] {
  const compiled = compileNetwork(net);
  const states = allStates(compiled);
  const successors = new Map<string, string[]>();
  for (const s of states) {
    const next = targetsOf(compiled, s);
    if (scheme === 'synchronous') successors.set(key(s), [key(next)]);
    else
      successors.set(
        key(s),
        next.flatMap((level, i) => (level === s[i] ? [] : [key(s.map((x, j) => (j === i ? level : x)))])),
      );
  }
  const reach = (from: string): Set<string> => {
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length)
      for (const t of successors.get(todo.pop()!)!)
        if (!seen.has(t)) {
          seen.add(t);
          todo.push(t);
        }
    return seen;
  };
  const reachable = new Map(states.map((s) => [key(s), reach(key(s))]));
  const attractors = new Set<string>();
  for (const [s, r] of reachable)
    if ([...r].every((t) => reachable.get(t)!.has(s)))
      attractors.add(
        [...r]
          .filter((t) => reachable.get(t)!.has(s))
          .sort()
          .join('|'),
      );
  return [...attractors].sort();
}

/** Minimal trap spaces by checking every one of the 3^n subspaces (Boolean networks). */
function referenceTrapSpaces(net: LogicalNetwork): string[] {
  const compiled = compileNetwork(net);
  const n = net.nodes.length;
  const isTrap = (space: number[]): boolean => {
    const free = space.flatMap((x, i) => (x === 2 ? [i] : []));
    for (let a = 0; a < 2 ** free.length; a++) {
      const s = Uint8Array.from(space, (x) => (x === 2 ? 0 : x));
      free.forEach((i, b) => (s[i] = (a >>> b) & 1));
      for (let i = 0; i < n; i++) if (space[i] !== 2 && compiled.targets[i]!(s) !== space[i]) return false;
    }
    return true;
  };
  const traps: number[][] = [];
  for (let c = 0; c < 3 ** n; c++) {
    const space = Array.from({ length: n }, (_, i) => Math.floor(c / 3 ** i) % 3);
    if (isTrap(space)) traps.push(space);
  }
  const inside = (a: number[], b: number[]) => a.every((x, i) => b[i] === 2 || b[i] === x);
  return traps
    .filter((t) => !traps.some((u) => u !== t && inside(u, t) && key(u) !== key(t)))
    .map((t) => t.map((x) => (x === 2 ? '*' : String(x))).join(''))
    .sort();
}

function attractorKeys(net: LogicalNetwork, result: AttractorResult): string[] {
  const names = net.nodes.map((n) => n.name);
  return result.attractors
    .map((a) =>
      a.states
        .map((s) => names.map((name) => s[name]).join(''))
        .sort()
        .join('|'),
    )
    .sort();
}

const trapKeys = (net: LogicalNetwork, result: AttractorResult): string[] =>
  result.attractors.map((a) => net.nodes.map((n) => a.states[0]![n.name]).join('')).sort();

// ---- tests -----------------------------------------------------------------------------------------------

describe('exhaustive attractors', () => {
  const toggle = boolean({ A: not(v('B')), B: not(v('A')) });
  const oscillator = boolean({ A: not(v('B')), B: v('A') });

  it('toggle switch: synchronous has two fixed points and the 2-cycle 00 ↔ 11; asynchronous only the fixed points', () => {
    const sync = exhaustiveAttractors(toggle, { scheme: 'synchronous' });
    expect(sync.attractors).toEqual([
      { kind: 'fixed', states: [{ A: 0, B: 1 }] },
      { kind: 'fixed', states: [{ A: 1, B: 0 }] },
      {
        kind: 'cycle',
        states: [
          { A: 0, B: 0 },
          { A: 1, B: 1 },
        ],
      },
    ]);
    expect(sync.scheme).toBe('synchronous');
    expect(sync.stateSpace).toMatchObject({
      nodes: 2,
      size: 4,
      freeNodes: 2,
      residualSize: 4,
      percolated: {},
    });
    expect(attractorKeys(toggle, exhaustiveAttractors(toggle, { scheme: 'asynchronous' }))).toEqual([
      '01',
      '10',
    ]);
  });

  it('negative loop: a synchronous 4-cycle in update order; asynchronously one complex attractor of 4 states', () => {
    const sync = exhaustiveAttractors(oscillator, { scheme: 'synchronous' });
    expect(sync.attractors).toHaveLength(1);
    expect(sync.attractors[0]!.states).toEqual([
      { A: 0, B: 0 },
      { A: 1, B: 0 },
      { A: 1, B: 1 },
      { A: 0, B: 1 },
    ]);
    const async = exhaustiveAttractors(oscillator, { scheme: 'asynchronous' });
    expect(async.attractors).toEqual([
      {
        kind: 'cycle',
        states: [
          { A: 0, B: 0 },
          { A: 0, B: 1 },
          { A: 1, B: 0 },
          { A: 1, B: 1 },
        ],
      },
    ]);
  });

  it('equals a naive reference on 60 seeded random networks (Boolean and multi-valued, both schemes)', () => {
    const rng = seededRng(20240501);
    for (let k = 0; k < 60; k++) {
      const net = randomNetwork(rng, 3 + (k % 5), k % 3 === 2);
      for (const scheme of ['synchronous', 'asynchronous'] as const) {
        const want = referenceAttractors(net, scheme);
        expect(attractorKeys(net, exhaustiveAttractors(net, { scheme })), `${scheme} #${k}`).toEqual(want);
        expect(attractorKeys(net, exhaustiveAttractors(net, { scheme, percolate: false }))).toEqual(want);
      }
    }
  });

  it('percolates constants first: Sahin with EGF = 1 leaves no free node', () => {
    const sahin = loadBnetModel('sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet');
    const net = applyPerturbations(sahin, [{ node: 'EGF', level: 1, kind: 'fixed' }]);
    const result = exhaustiveAttractors(net, { scheme: 'synchronous' });
    expect(result.stateSpace).toMatchObject({ nodes: 20, size: 2 ** 20, freeNodes: 0, residualSize: 1 });
    expect(result.stateSpace.percolated).toMatchObject({ EGF: 1, ERBB2: 1, pRB1: 1, IGF1R: 0 });
    expect(exhaustiveAttractors(sahin, { scheme: 'synchronous' }).stateSpace.residualSize).toBe(2 ** 20);
  });

  it('percolation does not mutate its input and is sound on a rule Kleene logic cannot decide', () => {
    const net = boolean({ A: or(v('B'), not(v('B'))), B: not(v('B')) });
    const before = JSON.stringify(net);
    expect(percolate(net).fixed).toEqual({});
    expect(JSON.stringify(net)).toBe(before);
  });

  it('refuses residual spaces above the limit with a message naming the scalable methods', () => {
    const steinway = loadBnetModel('emt_mirna/steinway2014_EMT.bnet');
    expect(() => exhaustiveAttractors(steinway, { scheme: 'synchronous' })).toThrow(ValidationError);
    expect(() => exhaustiveAttractors(steinway, { scheme: 'synchronous' })).toThrow(
      /55 nodes stay free after percolation, 2\^55 states > 2\^24; use fixed points and minimal trap spaces/,
    );
    const small = exhaustiveAttractors(toggle, { scheme: 'synchronous', maxStates: 4 });
    expect(small.attractors).toHaveLength(3);
    expect(() => exhaustiveAttractors(toggle, { scheme: 'synchronous', maxStates: 3 })).toThrow(/refused/);
  });
});

describe('fixed points (backtracking with three-valued propagation)', () => {
  it('equal the reference fixed points on 60 seeded random networks, multi-valued included', () => {
    const rng = seededRng(7);
    for (let k = 0; k < 60; k++) {
      const net = randomNetwork(rng, 3 + (k % 5), k % 2 === 1);
      const want = referenceAttractors(net, 'asynchronous').filter((a) => !a.includes('|'));
      expect(attractorKeys(net, fixedPoints(net)), `#${k}`).toEqual(want);
    }
  });

  it('handle the 69-node Steinway model in milliseconds (13 fixed points with inputs off)', () => {
    const steinway = loadBnetModel('emt_mirna/steinway2014_EMT.bnet');
    const started = performance.now();
    const result = fixedPoints(steinway);
    expect(result.attractors).toHaveLength(13);
    expect(result.method).toBe('fixed-points');
    expect(result.scheme).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('minimal trap spaces (prime implicants, Klarner et al. 2015)', () => {
  it('equal a brute-force search over all 3^n subspaces on 80 seeded random networks', () => {
    const rng = seededRng(11);
    let withFreeNodes = 0;
    for (let k = 0; k < 80; k++) {
      const net = randomNetwork(rng, 2 + (k % 6));
      const got = trapKeys(net, minimalTrapSpaces(net));
      expect(got, `#${k}`).toEqual(referenceTrapSpaces(net));
      withFreeNodes += got.filter((space) => space.includes(FREE)).length;
    }
    expect(withFreeNodes).toBeGreaterThan(10);
  });

  it('are exact where Kleene evaluation is not: A = B | !B fixes A = 1 beside the oscillating B', () => {
    const net = boolean({ A: or(v('B'), not(v('B'))), B: not(v('B')) });
    expect(minimalTrapSpaces(net).attractors).toEqual([{ kind: 'trap-space', states: [{ A: 1, B: FREE }] }]);
  });

  it('report fixed points as kind "fixed" and oscillations as subspaces with "*"', () => {
    const net = boolean({ A: not(v('B')), B: v('A'), C: v('C') });
    expect(minimalTrapSpaces(net).attractors).toEqual([
      { kind: 'trap-space', states: [{ A: FREE, B: FREE, C: 0 }] },
      { kind: 'trap-space', states: [{ A: FREE, B: FREE, C: 1 }] },
    ]);
  });

  it('on the shared models of ≤ 20 nodes: disjoint, each holds ≥ 1 asynchronous attractor, each attractor lies in exactly one', () => {
    const files = [
      'emt_mirna/sullivan2023_emt_switch.bnet',
      'emt_mirna/bbm281_model.bnet',
      'misc_mirna/bbm088_model.bnet',
      'sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet',
      'sahin2009_erbb_g1s/bbm096_model.bnet',
      'sahin2009_erbb_g1s/sahin_from_ginml.bnet',
    ];
    for (const file of files) {
      const net = loadBnetModel(file);
      const spaces = minimalTrapSpaces(net).attractors.map(
        (a) => a.states[0] as Record<string, number | '*'>,
      );
      const attractors = exhaustiveAttractors(net, { scheme: 'asynchronous' }).attractors;
      const holds = (space: Record<string, number | '*'>, state: Record<string, number | '*'>) =>
        Object.entries(space).every(([node, level]) => level === FREE || state[node] === level);
      for (const a of attractors) {
        const containing = spaces.filter((space) => a.states.every((state) => holds(space, state)));
        expect(containing, `${file}: an attractor in ${containing.length} minimal trap spaces`).toHaveLength(
          1,
        );
      }
      for (const space of spaces)
        expect(
          attractors.some((a) => a.states.every((state) => holds(space, state))),
          file,
        ).toBe(true);
      const intersect = (x: Record<string, number | '*'>, y: Record<string, number | '*'>) =>
        Object.keys(x).every((node) => x[node] === FREE || y[node] === FREE || x[node] === y[node]);
      spaces.forEach((x, i) => spaces.forEach((y, j) => i < j && expect(intersect(x, y), file).toBe(false)));
      expect(fixedPoints(net).attractors).toEqual(
        exhaustiveAttractors(net, { scheme: 'synchronous' }).attractors.filter((a) => a.kind === 'fixed'),
      );
    }
  });

  it('refuse multi-valued networks clearly', () => {
    const net: LogicalNetwork = {
      nodes: [{ name: 'A', maxLevel: 2, fn: { defaultLevel: 2, terms: [] } }],
    };
    expect(() => minimalTrapSpaces(net)).toThrow(/Boolean networks; multi-valued nodes: A/);
  });
});

describe('findAttractors method choice', () => {
  it('auto: exhaustive when small, else trap spaces with a note', () => {
    const sullivan = loadBnetModel('emt_mirna/sullivan2023_emt_switch.bnet');
    expect(findAttractors(sullivan, { method: 'auto', scheme: 'asynchronous' })).toMatchObject({
      method: 'exhaustive',
      scheme: 'asynchronous',
    });
    const steinway = loadBnetModel('emt_mirna/steinway2014_EMT.bnet');
    const large = findAttractors(steinway, { method: 'auto', scheme: 'synchronous' });
    expect(large.method).toBe('trap-spaces');
    expect(large.attractors).toHaveLength(13);
    expect(large.notes.join(' ')).toMatch(/2\^55 states remain after percolation .*minimal trap spaces/);
  });
});

describe('prime implicants', () => {
  it('equal the brute-force primes of 200 seeded random truth tables of up to 6 variables', () => {
    const rng = seededRng(3);
    for (let t = 0; t < 200; t++) {
      const k = t % 7;
      const table = Uint8Array.from({ length: 2 ** k }, () => (rng() < 0.55 ? 1 : 0));
      const implicant = (mask: number, values: number) =>
        table.every((x, a) => x === 1 || (a & mask) !== values);
      const want: string[] = [];
      for (let mask = 0; mask < 2 ** k; mask++)
        for (let values = mask; ; values = (values - 1) & mask) {
          if (
            implicant(mask, values) &&
            Array.from({ length: k }, (_, b) => 1 << b)
              .filter((bit) => mask & bit)
              .every((bit) => !implicant(mask & ~bit, values & ~bit))
          )
            want.push(`${mask}:${values}`);
          if (values === 0) break;
        }
      const got = primeImplicants(table).map((c) => `${c.mask}:${c.values}`);
      expect(got.sort(), `table ${t}`).toEqual(want.sort());
    }
  });
});
