import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  completeSamples,
  genormM,
  genormStepwise,
  normFinder,
  pairwiseVariation,
  parseReferenceCandidates,
} from './reference-stability.js';

const REFERENCE_DIR = '../shared/data/reference-stats/qpcr';
let maxRelativeError = 0;
/** relative error against R, as the reference README asks */
function expectClose(actual: number, expected: number, rel: number, label = ''): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  maxRelativeError = Math.max(maxRelativeError, err);
  expect(err, `${label} ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

interface StabilityReference {
  M_all_genes: Record<string, number>;
  geNorm_steps: Record<string, number>[];
  ranking_most_stable_first: string[];
  pairwise_V: Record<string, number>;
  normfinder_rho: Record<string, number>;
  normfinder_d: { V1: number; V2: number; _row: string }[];
  normfinder_v: { V1: number; V2: number; _row: string }[];
  ctrlGene_geNorm: { Genes: string; 'Avg.M': number }[];
}

const ref = JSON.parse(
  readFileSync(`${REFERENCE_DIR}/reference_stability.json`, 'utf8'),
) as StabilityReference;
const parsed = parseReferenceCandidates(
  readFileSync(`${REFERENCE_DIR}/reference_candidates_ct.csv`, 'utf8'),
  'reference_candidates_ct.csv',
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const m = parsed.value;
const REL = 1e-9;

afterAll(() =>
  console.log(`reference stability: max relative error vs R ${maxRelativeError.toExponential(2)}`),
);

describe('geNorm vs NormqPCR stabMeasureM / ctrlGene geNorm', () => {
  it('reads the wide candidates table', () => {
    expect(m.genes).toEqual(['U6', 'RNU48', 'RNU44', 'miR-16-5p']);
    expect(m.groups).toEqual(['Parental', 'Parental', 'Parental', 'Resistant', 'Resistant', 'Resistant']);
  });

  it('M for all genes', () => {
    genormM(m).forEach((v, i) => expectClose(v, ref.M_all_genes[m.genes[i]!]!, REL, m.genes[i]));
  });

  it('stepwise exclusion, ranking and the ctrlGene table', () => {
    const g = genormStepwise(m);
    expect(g.steps.map((s) => s.genes)).toEqual(ref.geNorm_steps.map((s) => Object.keys(s)));
    g.steps.forEach((s, k) => s.m.forEach((v, i) => expectClose(v, ref.geNorm_steps[k]![s.genes[i]!]!, REL)));
    expect(g.ranking).toEqual(ref.ranking_most_stable_first);
    expect(g.ctrlGeneTable.map((r) => r.genes)).toEqual(ref.ctrlGene_geNorm.map((r) => r.Genes));
    g.ctrlGeneTable.forEach((r, i) =>
      expectClose(r.averageM, ref.ctrlGene_geNorm[i]!['Avg.M'], REL, r.genes),
    );
  });

  it('pairwise variation V_n/n+1', () => {
    const v = pairwiseVariation(m, genormStepwise(m).ranking);
    expect(v.map((x) => x.label)).toEqual(Object.keys(ref.pairwise_V));
    v.forEach((x) => expectClose(x.v, ref.pairwise_V[x.label]!, REL, x.label));
  });
});

describe('NormFinder vs NormqPCR stabMeasureRho (groups Parental, Resistant)', () => {
  const nf = normFinder(m);
  it('rho', () => {
    nf.rho.forEach((v, i) => expectClose(v, ref.normfinder_rho[m.genes[i]!]!, REL, m.genes[i]));
  });
  it('d (shrunken intergroup difference) and v (its variance + σ²/n)', () => {
    for (const [i, gene] of m.genes.entries()) {
      const d = ref.normfinder_d.find((r) => r._row === gene)!;
      const v = ref.normfinder_v.find((r) => r._row === gene)!;
      expectClose(nf.d[i]![0]!, d.V1, REL, `d ${gene}`);
      expectClose(nf.d[i]![1]!, d.V2, REL, `d ${gene}`);
      expectClose(nf.v[i]![0]!, v.V1, REL, `v ${gene}`);
      expectClose(nf.v[i]![1]!, v.V2, REL, `v ${gene}`);
    }
  });
  it('with one group the intergroup term vanishes and ρ = √(σ²/n)', () => {
    const one = normFinder({ ...m, groups: m.groups.map(() => '') });
    expect(one.gamma2).toBe(0);
    one.rho.forEach((r, i) => expect(r).toBeCloseTo(Math.sqrt(one.intragroupVariance[i]![0]! / 6), 12));
  });
});

describe('candidates table reading', () => {
  it('reads the long form and reports bad cells with file, line and field', () => {
    const long = 'sample,group,target,ct\nP1,A,U6,20\nP1,A,RNU48,22\nP2,A,U6,20.5\nP2,A,RNU48,x\n';
    const bad = parseReferenceCandidates(long, 'c.csv');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ file: 'c.csv', line: 5, field: 'ct' });
    const good = parseReferenceCandidates(long.replace(',x', ',Undetermined'), 'c.csv');
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.value.genes).toEqual(['U6', 'RNU48']);
      expect(completeSamples(good.value).dropped).toEqual(['P2']);
    }
  });
  it('refuses a table with one candidate', () => {
    const r = parseReferenceCandidates('sample,U6\nP1,20\n', 'c.csv');
    expect(r.ok).toBe(false);
  });
});
