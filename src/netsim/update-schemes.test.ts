import { describe, expect, it } from 'vitest';
import { compileNetwork, stateRecord, stepToward } from './compile.js';
import { not, v, type Expr } from './expr.js';
import { applyPerturbations, booleanFunction, type LogicalNetwork } from './network.js';
import { simulateTrajectory, UPDATE_SCHEMES, updateScheme } from './update-schemes.js';
import { loadBnetModel } from '../../test/helpers/bnet-models.js';

const boolean = (rules: Record<string, Expr>): LogicalNetwork => ({
  nodes: Object.entries(rules).map(([name, rule]) => ({ name, maxLevel: 1, fn: booleanFunction(rule) })),
});

describe('update schemes', () => {
  it('registers synchronous, asynchronous (random-order sweep) and general asynchronous', () => {
    expect(Object.keys(UPDATE_SCHEMES)).toEqual(['synchronous', 'asynchronous', 'general-asynchronous']);
    expect(updateScheme('asynchronous')?.isStochastic).toBe(true);
    expect(updateScheme('synchronous')?.isStochastic).toBe(false);
    expect(updateScheme('toString')).toBeUndefined();
  });

  it('synchronous: all nodes from the same state (A = !B, B = A cycles through 4 states)', () => {
    const net = compileNetwork(boolean({ A: not(v('B')), B: v('A') }));
    const t = simulateTrajectory(net, 'synchronous', Uint8Array.of(0, 0), 4, 1);
    expect(t.states.map((s) => Array.from(s).join(''))).toEqual(['00', '10', '11', '01', '00']);
    expect(t).toMatchObject({ scheme: 'synchronous', seed: 1, reachedFixedPoint: false });
  });

  it('stops at a fixed point, records the seed and leaves the initial state alone', () => {
    const net = compileNetwork(boolean({ A: v('A'), B: v('A') }));
    const initial = Uint8Array.of(1, 0);
    for (const scheme of Object.keys(UPDATE_SCHEMES) as (keyof typeof UPDATE_SCHEMES)[]) {
      const t = simulateTrajectory(net, scheme, initial, 100, 42);
      expect(
        t.states.map((s) => Array.from(s).join('')),
        scheme,
      ).toEqual(['10', '11']);
      expect(t).toMatchObject({ seed: 42, reachedFixedPoint: true });
    }
    expect(Array.from(initial)).toEqual([1, 0]);
  });

  it('asynchronous: each step is a sequential sweep over some permutation of the nodes; same seed, same run', () => {
    // A = !C, B = A, C = B: the sweep's result depends on the order
    const net = compileNetwork(boolean({ A: not(v('C')), B: v('A'), C: v('B') }));
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const sweep = (state: Uint8Array, order: number[]) => {
      const s = Uint8Array.from(state);
      for (const i of order) s[i] = net.targets[i]!(s);
      return Array.from(s).join('');
    };
    const t = simulateTrajectory(net, 'asynchronous', Uint8Array.of(0, 0, 0), 200, 7);
    const seen = new Set<string>();
    for (let k = 1; k < t.states.length; k++) {
      const options = new Set(orders.map((o) => sweep(t.states[k - 1]!, o)));
      expect(options.has(Array.from(t.states[k]!).join(''))).toBe(true);
      seen.add(Array.from(t.states[k]!).join(''));
    }
    expect(seen.size).toBeGreaterThan(2);
    expect(simulateTrajectory(net, 'asynchronous', Uint8Array.of(0, 0, 0), 200, 7)).toEqual(t);
    expect(simulateTrajectory(net, 'asynchronous', Uint8Array.of(0, 0, 0), 200, 8).states).not.toEqual(
      t.states,
    );
  });

  it('general asynchronous: each step changes exactly one node, to its target', () => {
    const net = compileNetwork(boolean({ A: not(v('C')), B: v('A'), C: v('B') }));
    const t = simulateTrajectory(net, 'general-asynchronous', Uint8Array.of(0, 0, 0), 300, 3);
    expect(t.states).toHaveLength(301);
    const changed = new Set<number>();
    for (let k = 1; k < t.states.length; k++) {
      const before = t.states[k - 1]!;
      const after = t.states[k]!;
      const moved = [0, 1, 2].filter((i) => before[i] !== after[i]);
      expect(moved).toHaveLength(1);
      expect(after[moved[0]!]).toBe(net.targets[moved[0]!]!(before));
      changed.add(moved[0]!);
    }
    expect(changed.size).toBe(3);
  });

  it('multi-valued nodes move one level per update', () => {
    const net = compileNetwork({
      nodes: [
        { name: 'S', maxLevel: 1, fn: booleanFunction(v('S')) },
        { name: 'X', maxLevel: 2, fn: { defaultLevel: 0, terms: [{ level: 2, condition: v('S') }] } },
      ],
    });
    for (const scheme of Object.keys(UPDATE_SCHEMES) as (keyof typeof UPDATE_SCHEMES)[]) {
      const t = simulateTrajectory(net, scheme, Uint8Array.of(1, 0), 10, 5);
      expect(
        t.states.map((s) => s[1]),
        scheme,
      ).toEqual([0, 1, 2]);
    }
    expect(stepToward(2, 0)).toBe(1);
  });

  it('Sahin 2009 with EGF = 1 reaches the proliferative fixed point (pRB1 on) from all-off under every scheme', () => {
    const sahin = loadBnetModel('sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet');
    const net = compileNetwork(applyPerturbations(sahin, [{ node: 'EGF', level: 1, kind: 'fixed' }]));
    for (const scheme of Object.keys(UPDATE_SCHEMES) as (keyof typeof UPDATE_SCHEMES)[]) {
      const t = simulateTrajectory(net, scheme, new Uint8Array(net.names.length), 1000, 9);
      expect(t.reachedFixedPoint, scheme).toBe(true);
      expect(stateRecord(net, t.states.at(-1)!)).toMatchObject({ pRB1: 1, EGF: 1, IGF1R: 0 });
    }
  });
});
