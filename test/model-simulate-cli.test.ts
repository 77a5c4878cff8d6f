/** `miresist model simulate` as a user runs it: MaBoSS files in, probabilities out, reproducible by seed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'miresist-simulate-'));
const simulate = cliRunner('model', 'simulate');

interface SimulationJson {
  model: string;
  cfg: string | null;
  seed: number;
  trajectories: number;
  maxTime: number;
  timeTick: number;
  discreteTime: boolean;
  finalProbabilities: Record<string, number>;
  finalStates: { nodes: string[]; probability: number }[];
  fixedPoints: { nodes: string[]; probability: number }[];
  trajectory: { time: number; probabilities: Record<string, number> }[];
  transitions: number;
  notes: string[];
}

const bnd = join(dir, 'switch.bnd');
writeFileSync(
  bnd,
  `// X switches on at rate $u; the input I keeps its value
Node X {
  logic = I;
  rate_up = @logic ? $u : 0;
  rate_down = 0;
}
Node I { }
`,
);
writeFileSync(
  join(dir, 'switch.cfg'),
  `$u = 2;
X.istate = 0;
I.istate = 1;
max_time = 1;
time_tick = 0.25;
sample_count = 4000;
use_physrandgen = 0;
seed_pseudorandom = 9;
thread_count = 2;
`,
);

describe('miresist model simulate', () => {
  it('reads a .bnd with the .cfg beside it and writes every node’s final probability as JSON, the same for the same seed', () => {
    const r = simulate(bnd, '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as SimulationJson;
    expect(json).toMatchObject({
      model: bnd,
      cfg: join(dir, 'switch.cfg'),
      seed: 9,
      trajectories: 4000,
      maxTime: 1,
      timeTick: 0.25,
      discreteTime: false,
    });
    expect(Object.keys(json.finalProbabilities)).toEqual(['X', 'I']);
    expect(json.finalProbabilities.I).toBe(1);
    // P(X) = 1 − e^(−2t), averaged over the last window [0.75, 1)
    const exact = 1 - (Math.exp(-1.5) - Math.exp(-2)) / (2 * 0.25);
    expect(Math.abs(json.finalProbabilities.X! - exact)).toBeLessThan(5 * Math.sqrt(0.25 / 4000));
    expect(json.trajectory.map((w) => w.time)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(json.finalStates.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 9);
    expect(json.finalStates[0]!.nodes).toEqual(['X', 'I']);
    expect(json.notes.join('\n')).toMatch(/thread_count = 2: no effect here/);
    expect(simulate(bnd, '--json').out).toBe(r.out);
  });

  it('lets flags override the configuration', () => {
    const r = simulate(
      bnd,
      '--json',
      '--trajectories',
      '100',
      '--seed',
      '5',
      '--max-time',
      '2',
      '--time-tick',
      '1',
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as SimulationJson;
    expect([json.seed, json.trajectories, json.maxTime, json.timeTick, json.trajectory.length]).toEqual([
      5, 100, 2, 1, 2,
    ]);
  });

  it('simulates other formats with MaBoSS default rates and prints probabilities, states and fixed points', () => {
    const model = '../shared/data/models/emt_mirna/sullivan2023_emt_switch.bnet';
    const r = simulate(model, '--trajectories', '1000', '--seed', '3', '--max-time', '100', '--top', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /12 nodes · 1000 trajectories · max_time 100 · time_tick 0\.5 · continuous time · seed 3/,
    );
    expect(r.out).toMatch(/final node probabilities \(window 99\.5–100\):\n {2}\S+\s+[01]\.\d{4}\n/);
    expect(r.out).toMatch(/top final states over 12 output nodes \(2 of 3; nodes at 1\):/);
    expect(r.out).toMatch(/fixed points reached before max_time: 3 \(100\.0 % of trajectories\)/);
    // starting in the epithelial fixed point, nothing moves
    const epithelial: Record<string, number> = {
      Ecadherin_mRNA: 1,
      LEF1: 0,
      N_bcatenin_H: 0,
      SNAI1: 0,
      SNAI2: 0,
      TGFb_secr: 0,
      Twist: 0,
      ZEB1: 0,
      ZEB1_H: 0,
      b_catenin_TCF4: 0,
      miR_200: 1,
      miR_34: 1,
    };
    const cfg = join(dir, 'sullivan.cfg');
    writeFileSync(
      cfg,
      Object.entries(epithelial)
        .map(([node, level]) => `${node}.istate = ${level};\n`)
        .join(''),
    );
    const fixed = simulate(model, '--cfg', cfg, '--json', '--trajectories', '200', '--max-time', '50');
    const json = JSON.parse(fixed.out) as SimulationJson;
    expect(json.cfg).toBe(cfg);
    expect(json.finalProbabilities).toEqual(epithelial);
    expect(json.transitions).toBe(0);
    expect(json.fixedPoints).toEqual([{ nodes: ['Ecadherin_mRNA', 'miR_200', 'miR_34'], probability: 1 }]);
  });

  it('reports bad models and flags with file, line and field, and exit code 2', () => {
    const bad = join(dir, 'bad.bnd');
    writeFileSync(bad, 'Node A {\n  logic = B & !Q;\n}\nNode B { logic = A; }\n');
    const r = simulate(bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:2: A.logic: unknown node 'Q'`);
    const flag = simulate(bnd, '--trajectories', '0');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("--trajectories: expected a positive integer, got '0'");
    const missing = simulate(bnd, '--cfg', join(dir, 'nowhere.cfg'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nowhere\.cfg: cannot read/);
  });
});
