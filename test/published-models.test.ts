/** Published models reproduced exactly: Sahin et al. 2009 Table 1 (137 knockdowns) and the miRNA/EMT models' fixed points (BoolNet 2.1.7). */
import { describe, expect, it } from 'vitest';
import { exhaustiveAttractors, findAttractors } from '../src/netsim/attractors.js';
import type { AttractorResult } from '../src/netsim/attractor-results.js';
import { fixedPoints } from '../src/netsim/fixed-points.js';
import { applyPerturbations, type Perturbation } from '../src/netsim/network.js';
import { minimalTrapSpaces } from '../src/netsim/trap-spaces.js';
import { loadBnetModel, readModelsJson } from './helpers/bnet-models.js';

const fixing = (levels: Record<string, number>, kind: Perturbation['kind'] = 'fixed'): Perturbation[] =>
  Object.entries(levels).map(([node, level]) => ({ node, level, kind }));

/** Each fixed point as its sorted ON nodes, the list sorted: the form of the expected files. */
function fixedPointKeys(result: AttractorResult): string[] {
  return result.attractors
    .filter((a) => a.kind === 'fixed')
    .map((a) =>
      Object.keys(a.states[0])
        .filter((node) => a.states[0][node] === 1)
        .sort()
        .join(' '),
    )
    .sort();
}

const stateKeys = (states: Record<string, number>[]): string[] =>
  states
    .map((s) =>
      Object.keys(s)
        .filter((node) => s[node] === 1)
        .sort()
        .join(' '),
    )
    .sort();

describe('Sahin et al. 2009 (ERBB → G1/S): Table 1, stable states of all 137 knockdown conditions', () => {
  const net = loadBnetModel('sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet');
  const expected = readModelsJson<
    Record<string, { fixed: Record<string, number>; n_stable: number; stable_states_ON: string[][] }>
  >('expected/sahin2009_table1_expected.json');
  const conditions = Object.entries(expected);
  // "EGF input = 1"; a condition's own fixing (the EGF knockdown) overrides it
  const perturbed = (fixed: Record<string, number>) =>
    applyPerturbations(net, [...fixing({ EGF: 1 }), ...fixing(fixed, 'knockout')]);

  it('lists 137 conditions', () => expect(conditions).toHaveLength(137));

  it('exhaustive synchronous search: the fixed points equal the expected stable states in 137/137 conditions', () => {
    const mismatches: string[] = [];
    for (const [name, condition] of conditions) {
      const got = fixedPointKeys(exhaustiveAttractors(perturbed(condition.fixed), { scheme: 'synchronous' }));
      const want = condition.stable_states_ON.map((on) => [...on].sort().join(' ')).sort();
      if (got.length !== condition.n_stable || JSON.stringify(got) !== JSON.stringify(want))
        mismatches.push(`${name}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('exhaustive search without percolation (BoolNet fixGenes) gives the same attractors', () => {
    for (const [, condition] of conditions.slice(0, 20)) {
      const net = perturbed(condition.fixed);
      const plain = exhaustiveAttractors(net, { scheme: 'synchronous', percolate: false });
      expect(plain.attractors).toEqual(exhaustiveAttractors(net, { scheme: 'synchronous' }).attractors);
    }
  });

  it('the scalable fixed-point search gives the same stable states in 137/137 conditions', () => {
    const mismatches: string[] = [];
    for (const [name, condition] of conditions) {
      const got = fixedPointKeys(fixedPoints(perturbed(condition.fixed)));
      const want = condition.stable_states_ON.map((on) => [...on].sort().join(' ')).sort();
      if (JSON.stringify(got) !== JSON.stringify(want))
        mismatches.push(`${name}: got ${JSON.stringify(got)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('reads the paper: MOCK and ERBB2 knockdown keep pRB1 on (trastuzumab resistance); MYC knockdown turns it off', () => {
    const pRB1 = (fixed: Record<string, number>) =>
      fixedPoints(perturbed(fixed)).attractors.map((a) => a.states[0]!['pRB1']);
    expect(pRB1({})).toEqual([1]);
    expect(pRB1({ ERBB2: 0 })).toEqual([1]);
    expect(pRB1({ MYC: 0 })).toEqual([0]);
  });
});

describe('miRNA / EMT models: fixed points as BoolNet 2.1.7 finds them', () => {
  const expected = readModelsJson<Record<string, unknown>>('expected/mirna_models_boolnet_fixedpoints.json');
  const steinway = loadBnetModel('emt_mirna/steinway2014_EMT.bnet');
  const sullivan = loadBnetModel('emt_mirna/sullivan2023_emt_switch.bnet');
  const steinwayCases: [string, Perturbation[]][] = [
    // the model file already sets its eight inputs (EGF, FGF, HGF, …) to 0
    ['steinway2014_EMT_inputs0', []],
    ['steinway2014_EMT_TGFB_ON', fixing({ TGFB: 1 })],
    ['steinway2014_EMT_miR200_OE', fixing({ miR200: 1 }, 'overexpression')],
  ];

  for (const [key, perturbations] of steinwayCases)
    it(`Steinway 2014 (69 nodes), ${key}: fixed points and the fixed minimal trap spaces equal BoolNet's`, () => {
      const want = stateKeys(expected[key] as Record<string, number>[]);
      const net = applyPerturbations(steinway, perturbations);
      expect(fixedPointKeys(fixedPoints(net))).toEqual(want);
      expect(fixedPointKeys(minimalTrapSpaces(net))).toEqual(want);
    });

  it('Steinway: TGFB on gives one mesenchymal fixed point; miR200 over-expression keeps ZEB1 = ZEB2 = 0', () => {
    const tgfb = fixedPoints(applyPerturbations(steinway, fixing({ TGFB: 1 }))).attractors;
    expect(tgfb).toHaveLength(1);
    expect(tgfb[0]!.states[0]).toMatchObject({ EMT: 1, Ecadherin: 0 });
    const mir200 = fixedPoints(
      applyPerturbations(steinway, fixing({ miR200: 1 }, 'overexpression')),
    ).attractors;
    expect(mir200.length).toBeGreaterThan(0);
    for (const a of mir200) expect(a.states[0]).toMatchObject({ ZEB1: 0, ZEB2: 0 });
  });

  it('Sullivan 2023 EMT switch: exactly the 3 synchronous attractors BoolNet finds, all fixed points', () => {
    const result = exhaustiveAttractors(sullivan, { scheme: 'synchronous' });
    expect(result.attractors.map((a) => a.states.length)).toEqual(
      expected['sullivan2023_emt_switch_sync_attractor_lengths'],
    );
    const want = stateKeys(expected['sullivan2023_emt_switch_fixed_points'] as Record<string, number>[]);
    expect(fixedPointKeys(result)).toEqual(want);
    expect(fixedPointKeys(fixedPoints(sullivan))).toEqual(want);
    expect(
      fixedPointKeys(findAttractors(sullivan, { method: 'trap-spaces', scheme: 'synchronous' })),
    ).toEqual(want);
  });
});
