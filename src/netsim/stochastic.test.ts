import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, not, v, type Expr } from './expr.js';
import { parseBnet } from './formats/bnet-format.js';
import { applyPerturbations, booleanFunction, type LogicalNetwork } from './network.js';
import { num, type RateExpr } from './rates.js';
import {
  compileMaboss,
  mabossFromNetwork,
  simulateStochastic,
  type MabossModel,
  type NodeRates,
} from './stochastic.js';

const models = '../shared/data/models';

function network(rules: Record<string, Expr>): LogicalNetwork {
  return {
    nodes: Object.entries(rules).map(([name, rule]) => ({ name, maxLevel: 1, fn: booleanFunction(rule) })),
  };
}

/** A MaBoSS model with default rates, then the given overrides. */
function model(
  rules: Record<string, Expr>,
  overrides: Partial<Omit<MabossModel, 'rates'>> & { rates?: Record<string, NodeRates> } = {},
): MabossModel {
  const base = mabossFromNetwork(network(rules));
  if (!base.ok) throw new Error('not Boolean');
  return {
    ...base.value,
    ...overrides,
    rates: { ...base.value.rates, ...overrides.rates },
    settings: { ...base.value.settings, ...overrides.settings },
  };
}

/** Five standard deviations of a proportion estimated from n samples (time averages only shrink it). */
const tolerance = (n: number) => 5 * Math.sqrt(0.25 / n);

describe('simulateStochastic against analytic continuous-time Markov chains', () => {
  it('a node switched on at rate u from 0 follows P(X=1, t) = 1 − e^(−u t), averaged over each window', () => {
    const u = 2;
    const n = 20000;
    const m = model(
      { X: TRUE },
      {
        rates: { X: { up: num(u), down: num(0) } },
        initial: { probabilities: { X: 0 }, groups: [] },
      },
    );
    const result = simulateStochastic(m, { trajectories: n, seed: 11, maxTime: 2, timeTick: 0.1 });
    expect(result.windows).toHaveLength(20);
    for (const w of result.windows) {
      const exact = 1 - (Math.exp(-u * w.start) - Math.exp(-u * w.end)) / (u * (w.end - w.start));
      expect(Math.abs(w.probabilities.X! - exact)).toBeLessThan(tolerance(n));
    }
    // a one-window shift would be off by ~u·tick·e^(−ut) ≈ 0.16 early on: far outside the tolerance
    expect(tolerance(n)).toBeLessThan(0.02);
    expect(result.transitions).toBeLessThanOrEqual(n);
  });

  it('a node flipping up at u and down at d relaxes to u/(u+d) as u/(u+d)·(1 − e^(−(u+d)t))', () => {
    const [u, d] = [1.5, 0.5];
    const n = 20000;
    const m = model(
      { X: v('X') },
      { rates: { X: { up: num(u), down: num(d) } }, initial: { probabilities: { X: 0 }, groups: [] } },
    );
    const result = simulateStochastic(m, { trajectories: n, seed: 5, maxTime: 4, timeTick: 0.25 });
    const k = u + d;
    for (const w of result.windows) {
      const integral = (t: number) => t + Math.exp(-k * t) / k;
      const exact = ((u / k) * (integral(w.end) - integral(w.start))) / (w.end - w.start);
      expect(Math.abs(w.probabilities.X! - exact)).toBeLessThan(tolerance(n));
    }
    expect(Math.abs(result.finalProbabilities.X! - 0.75)).toBeLessThan(tolerance(n) + 0.001);
  });

  it('discrete time advances exactly one unit per transition', () => {
    const m = model({ X: TRUE }, { initial: { probabilities: { X: 0 }, groups: [] } });
    const result = simulateStochastic(m, {
      trajectories: 50,
      seed: 1,
      maxTime: 3,
      timeTick: 1,
      discreteTime: true,
    });
    expect(result.windows.map((w) => w.probabilities.X)).toEqual([0, 1, 1]);
    expect(result.transitions).toBe(50);
  });
});

describe('simulateStochastic dynamics', () => {
  it('a negative feedback loop oscillates: four states equally likely, no fixed point, about one flip per unit time', () => {
    const n = 4000;
    const maxTime = 50;
    const m = model({ A: not(v('B')), B: v('A') });
    const result = simulateStochastic(m, { trajectories: n, seed: 3, maxTime, timeTick: 1, states: 'all' });
    expect(result.fixedPoints).toEqual([]);
    expect(result.finalStates).toHaveLength(4);
    for (const s of result.finalStates) expect(Math.abs(s.probability - 0.25)).toBeLessThan(tolerance(n));
    // one enabled flip at rate 1 in every state: a Poisson process, n·maxTime transitions on average
    const mean = n * maxTime;
    expect(Math.abs(result.transitions - mean)).toBeLessThan(5 * Math.sqrt(mean) + 2 * n);
    // every window's state distribution sums to 1 and agrees with the node marginals
    for (const w of result.windows) {
      const total = w.states!.reduce((sum, s) => sum + s.probability, 0);
      expect(total).toBeCloseTo(1, 9);
      const pA = w.states!.filter((s) => s.on.includes('A')).reduce((sum, s) => sum + s.probability, 0);
      expect(pA).toBeCloseTo(w.probabilities.A!, 9);
    }
  });

  it('a toggle switch ends in one of its two fixed points with equal probability', () => {
    const n = 4000;
    const m = model({ A: not(v('B')), B: not(v('A')) });
    const result = simulateStochastic(m, { trajectories: n, seed: 8, maxTime: 50 });
    expect(result.fixedPoints.map((f) => f.on).sort()).toEqual([['A'], ['B']]);
    expect(result.fixedPoints.reduce((sum, f) => sum + f.probability, 0)).toBe(1);
    expect(Math.abs(result.finalProbabilities.A! - 0.5)).toBeLessThan(tolerance(n));
    expect(result.finalProbabilities.A! + result.finalProbabilities.B!).toBeCloseTo(1, 9);
  });

  it('a fixed point is absorbing: a trajectory that starts there never moves', () => {
    const m = model(
      { A: not(v('B')), B: not(v('A')) },
      { initial: { probabilities: { A: 1, B: 0 }, groups: [] } },
    );
    const result = simulateStochastic(m, { trajectories: 100, seed: 2, maxTime: 10, states: 'all' });
    expect(result.transitions).toBe(0);
    for (const w of result.windows) {
      expect(w.probabilities).toEqual({ A: 1, B: 0 });
      expect(w.states).toEqual([{ on: ['A'], probability: 1 }]);
    }
    expect(result.fixedPoints).toEqual([{ on: ['A'], probability: 1 }]);
  });

  it('draws joint initial states from their group and nothing else', () => {
    const n = 10000;
    const zero = { up: num(0), down: num(0) };
    const m = model(
      { A: v('A'), B: v('B'), C: v('C') },
      {
        rates: { A: zero, B: zero, C: zero },
        initial: {
          probabilities: { C: 0.2 },
          groups: [
            {
              nodes: ['A', 'B'],
              states: [
                { probability: 0.3, values: [0, 0] },
                { probability: 0.7, values: [1, 1] },
              ],
            },
          ],
        },
      },
    );
    const result = simulateStochastic(m, { trajectories: n, seed: 4, maxTime: 1, timeTick: 1 });
    expect(Math.abs(result.finalProbabilities.A! - 0.7)).toBeLessThan(tolerance(n));
    expect(result.finalProbabilities.B).toBe(result.finalProbabilities.A);
    expect(Math.abs(result.finalProbabilities.C! - 0.2)).toBeLessThan(tolerance(n));
    expect(result.finalStates.map((s) => s.on.join('')).sort()).toEqual(['', 'AB', 'ABC', 'C']);
  });

  it('inputs keep their random initial value and drive their targets; internal nodes leave the state projection', () => {
    const n = 4000;
    const zero = { up: num(0), down: num(0) };
    const m = model(
      { I: v('I'), X: v('I'), Y: v('X') },
      { rates: { I: zero }, internal: ['X'], initial: { probabilities: { X: 0, Y: 0 }, groups: [] } },
    );
    const result = simulateStochastic(m, { trajectories: n, seed: 6, maxTime: 30 });
    expect(result.outputNodes).toEqual(['I', 'Y']);
    expect(Math.abs(result.finalProbabilities.I! - 0.5)).toBeLessThan(tolerance(n));
    expect(result.finalProbabilities.Y).toBeCloseTo(result.finalProbabilities.I!, 3);
    expect(result.finalStates.map((s) => s.on.join(' ')).sort()).toEqual(['', 'I Y']);
  });

  it('reads rates in the current state: a node that needs its activator on only rises after it', () => {
    // Y rises at rate 1 while X is on; X rises at rate 1; from both off, P(Y at t) = 1 − e^−t − t·e^−t
    const n = 20000;
    const m = model({ X: TRUE, Y: v('X') }, { initial: { probabilities: { X: 0, Y: 0 }, groups: [] } });
    const result = simulateStochastic(m, { trajectories: n, seed: 9, maxTime: 4, timeTick: 4 / 64 });
    const p = (t: number) => 1 - Math.exp(-t) - t * Math.exp(-t);
    for (const w of result.windows.filter((_, k) => k % 8 === 7)) {
      const mid = (w.start + w.end) / 2;
      expect(Math.abs(w.probabilities.Y! - p(mid))).toBeLessThan(tolerance(n) + 0.003);
    }
  });
});

describe('simulateStochastic reproducibility and limits', () => {
  const m = model({ A: not(v('B')), B: v('A'), C: v('A') });

  it('gives identical results for one seed and different ones for another, and records the seed', () => {
    const one = simulateStochastic(m, { trajectories: 300, seed: 42, maxTime: 20 });
    const again = simulateStochastic(m, { trajectories: 300, seed: 42, maxTime: 20 });
    const other = simulateStochastic(m, { trajectories: 300, seed: 43, maxTime: 20 });
    expect(again).toEqual(one);
    expect(one.seed).toBe(42);
    expect(other.windows).not.toEqual(one.windows);
    const unseeded = simulateStochastic(m, { trajectories: 10, maxTime: 1 });
    expect(simulateStochastic(m, { trajectories: 10, maxTime: 1, seed: unseeded.seed })).toEqual(unseeded);
  });

  it("uses the model's settings (including its seed) unless options override them", () => {
    const seeded = { ...m, settings: { ...m.settings, seed: 7, sampleCount: 25, maxTime: 3, timeTick: 1 } };
    const result = simulateStochastic(seeded);
    expect([result.seed, result.trajectories, result.maxTime, result.windows.length]).toEqual([7, 25, 3, 3]);
    expect(result).toEqual(simulateStochastic(seeded, { seed: 7 }));
  });

  it('does not mutate the model and reports progress up to the last trajectory', () => {
    const before = JSON.stringify(m);
    const calls: number[] = [];
    simulateStochastic(m, { trajectories: 250, seed: 1, maxTime: 2, onProgress: (done) => calls.push(done) });
    expect(JSON.stringify(m)).toBe(before);
    expect(calls.at(-1)).toBe(250);
    expect(calls.length).toBeGreaterThan(50);
  });

  it('refuses multi-valued networks, negative rates and impossible settings', () => {
    const multi: LogicalNetwork = {
      nodes: [{ name: 'M', maxLevel: 2, fn: { defaultLevel: 0, terms: [{ level: 2, condition: TRUE }] } }],
    };
    const refused = mabossFromNetwork(multi);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]!.message).toMatch(/multi-valued.*Boolean/);
    expect(() => compileMaboss({ ...m, network: multi, rates: { M: { up: num(1), down: num(1) } } })).toThrow(
      /multi-valued/,
    );
    const negative = model({ X: FALSE }, { rates: { X: { up: num(-1), down: num(0) } } });
    expect(() => simulateStochastic(negative, { trajectories: 1, seed: 1 })).toThrow(/rate of 'X' is -1/);
    expect(() => simulateStochastic(m, { trajectories: 0 })).toThrow(/trajectories/);
    expect(() => simulateStochastic(m, { maxTime: 0 })).toThrow(/max_time/);
    expect(() => simulateStochastic(m, { timeTick: -1 })).toThrow(/time_tick/);
  });

  it('recomputes exactly the rates a flip can change, including nodes read only by a rate', () => {
    const rate: RateExpr = { kind: 'cond', test: { kind: 'node', node: 'Z' }, then: num(3), else: num(0) };
    const c = compileMaboss(
      model({ X: v('X'), Y: v('X'), Z: v('Z') }, { rates: { X: { up: rate, down: num(0) } } }),
    );
    const affected = (name: string) =>
      [...c.affected.subarray(c.affectedStart[c.index.get(name)!], c.affectedStart[c.index.get(name)! + 1])]
        .map((i) => c.names[i])
        .sort();
    expect(affected('X')).toEqual(['X', 'Y']);
    expect(affected('Z')).toEqual(['X', 'Z']);
    expect(c.rate[0]!(Uint8Array.of(0, 0, 1))).toBe(3);
    expect(c.rate[0]!(Uint8Array.of(0, 0, 0))).toBe(0);
  });
});

describe('simulateStochastic on published models', () => {
  it('Sullivan 2023 EMT switch: trajectories end only in its 3 known fixed points (epithelial, hybrid, mesenchymal)', () => {
    const net = parseBnet(readFileSync(`${models}/emt_mirna/sullivan2023_emt_switch.bnet`, 'utf8'));
    if (!net.ok) throw new Error('parse');
    const expected = JSON.parse(
      readFileSync(`${models}/expected/mirna_models_boolnet_fixedpoints.json`, 'utf8'),
    ).sullivan2023_emt_switch_fixed_points as Record<string, number>[];
    const m = mabossFromNetwork(net.value);
    if (!m.ok) throw new Error('convert');
    const result = simulateStochastic(m.value, { trajectories: 2000, seed: 12, maxTime: 200 });
    const reached = result.fixedPoints.map((f) => f.on.slice().sort().join(' ')).sort();
    const known = expected
      .map((fp) =>
        Object.keys(fp)
          .filter((k) => fp[k] === 1)
          .sort()
          .join(' '),
      )
      .sort();
    expect(reached).toEqual(known);
    expect(result.fixedPoints.reduce((sum, f) => sum + f.probability, 0)).toBeGreaterThan(0.99);
  });

  it('Steinway 2014 with TGFB fixed on: every trajectory reaches the single mesenchymal fixed point', () => {
    const net = parseBnet(readFileSync(`${models}/emt_mirna/steinway2014_EMT.bnet`, 'utf8'));
    if (!net.ok) throw new Error('parse');
    const expected = JSON.parse(
      readFileSync(`${models}/expected/mirna_models_boolnet_fixedpoints.json`, 'utf8'),
    ).steinway2014_EMT_TGFB_ON as Record<string, number>[];
    const m = mabossFromNetwork(applyPerturbations(net.value, [{ node: 'TGFB', level: 1, kind: 'fixed' }]));
    if (!m.ok) throw new Error('convert');
    const result = simulateStochastic(m.value, { trajectories: 500, seed: 13, maxTime: 200 });
    expect(result.fixedPoints).toHaveLength(1);
    expect(result.fixedPoints[0]!.probability).toBe(1);
    const on = new Set(result.fixedPoints[0]!.on);
    for (const [node, level] of Object.entries(expected[0]!))
      expect([node, on.has(node) ? 1 : 0]).toEqual([node, level]);
    for (const [node, level] of Object.entries(expected[0]!))
      expect(result.finalProbabilities[node]).toBe(level);
  });
});
