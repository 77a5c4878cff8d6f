/** `miresist model attractors` as a user runs it: the JSON contract, the text report, the method choice, bad flags. */
import { describe, expect, it } from 'vitest';
import { cliRunner } from './helpers/cli.js';

const models = '../shared/data/models';
const sahin = `${models}/sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet`;
const steinway = `${models}/emt_mirna/steinway2014_EMT.bnet`;
const attractors = cliRunner('model', 'attractors');

describe('miresist model attractors', () => {
  it('--json on Sahin (EGF = 1, ERBB2 knocked down): {"attractors":[{"kind","states":[{NODE:0|1}]}]} and metadata', () => {
    const r = attractors(sahin, '--fix', 'EGF=1', 'ERBB2=0', '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    const state = Object.fromEntries(
      [
        'AKT1 CDK2 CDK4 CDK6 CyclinD1 CyclinE1 ERBB1 ERBB1_3 ERBB3 ERalpha IGF1R MEK1 MYC pRB1 EGF',
        'ERBB1_2 ERBB2 ERBB2_3 p21 p27',
      ].flatMap((names, level) => names.split(' ').map((n) => [n, 1 - level])),
    );
    expect(json.attractors).toEqual([{ kind: 'fixed', states: [state] }]);
    expect(Object.keys((json.attractors as { states: object[] }[])[0]!)).toEqual(['kind', 'states']);
    expect(json).toMatchObject({
      method: 'exhaustive',
      scheme: 'synchronous',
      fixed: ['EGF=1', 'ERBB2=0'],
      trapSpaces: [],
      stateSpace: { nodes: 20, size: 2 ** 20, freeNodes: 13, residualSize: 2 ** 13 },
    });
  });

  it('finds synchronous cycles too (AKT1 + ERBB1/3 knockdown: two 3-cycles) and accepts repeated --fix', () => {
    const r = attractors(
      sahin,
      '--fix',
      'EGF=1,AKT1=0',
      '--fix',
      'ERBB1_3=0',
      'ERBB1=0',
      '--fix',
      'ERBB3=0',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { attractors: { kind: string; states: object[] }[]; fixed: string[] };
    expect(json.fixed).toEqual(['EGF=1', 'AKT1=0', 'ERBB1_3=0', 'ERBB1=0', 'ERBB3=0']);
    const cycles = json.attractors.filter((a) => a.kind === 'cycle');
    expect(cycles.map((a) => a.states.length)).toEqual([3, 3]);
    expect(
      json.attractors.every((a) => a.kind === 'cycle' || (a.kind === 'fixed' && a.states.length === 1)),
    ).toBe(true);
  });

  it('prints each attractor with its ON nodes, and says how it was found', () => {
    const r = attractors(sahin, '--fix', 'EGF=1', '--scheme', 'asynchronous');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'sahin2009_erbb_g1s.bnet: 20 nodes, fixed EGF=1; 2^20 states, 1 after percolation',
    );
    expect(r.out).toContain('method: exhaustive search, asynchronous update');
    expect(r.out).toMatch(/#1 fixed point: ON AKT1 CDK2 CDK4 .* pRB1 EGF\n/);
  });

  it('auto switches to fixed points and minimal trap spaces for the 69-node Steinway model, and says so', () => {
    const plain = attractors(steinway);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).toContain(
      'method: fixed points and minimal trap spaces (valid for every update scheme)',
    );
    expect(plain.out).toMatch(/note: 2\^55 states remain after percolation/);
    expect(plain.out).toContain('13 fixed points and 0 minimal trap spaces with free nodes');
    const json = JSON.parse(attractors(steinway, '--method', 'fixed-points', '--json').out) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ method: 'fixed-points', scheme: 'any' });
    expect(json.attractors).toHaveLength(13);
  });

  it('rejects unknown nodes with the closest names, bad levels and impossible methods (exit 2)', () => {
    const bad = attractors(sahin, '--fix', 'ERBB=0', 'EGF=2', 'MYC');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('3 problem(s)');
    expect(bad.err).toMatch(/--fix: unknown node 'ERBB'; closest: ERBB1, ERBB2, ERBB3/);
    expect(bad.err).toContain("'EGF=2': level of EGF must be 0 or 1");
    expect(bad.err).toContain("'MYC': expected NODE=level");
    const tooLarge = attractors(steinway, '--method', 'exhaustive');
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.err).toMatch(/exhaustive search refused: 55 nodes stay free after percolation/);
    expect(attractors(sahin, '--scheme', 'random').code).not.toBe(0);
  });
});
