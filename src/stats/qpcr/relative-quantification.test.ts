import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { mean, sd } from '../descriptive.js';
import {
  compareNrq,
  deltaCtTTest,
  deltaDeltaCt,
  pfafflRatio,
  propagatePfaffl,
  qbaseNrq,
  type PairedCt,
  type PfafflInput,
} from './relative-quantification.js';

const REFERENCE_DIR = '../shared/data/reference-stats/qpcr';
const json = (name: string) => JSON.parse(readFileSync(`${REFERENCE_DIR}/${name}`, 'utf8'));
let maxRelativeError = 0;
/** relative error against R, as the reference README asks */
function expectClose(actual: number, expected: number, rel: number, label = ''): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  maxRelativeError = Math.max(maxRelativeError, err);
  expect(err, `${label} ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}
const REL = 1e-9;
afterAll(() =>
  console.log(`relative quantification: max relative error vs R ${maxRelativeError.toExponential(2)}`),
);

// ct_bio.csv: sample, group, target, ct (biological replicates, technical replicates already averaged)
const bio = readFileSync(`${REFERENCE_DIR}/ct_bio.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [sample, group, target, ct] = line.split(',').map((c) => c.replace(/"/g, ''));
    return { sample: sample!, group: group!, target: target!, ct: Number(ct) };
  });
const samples = [...new Set(bio.map((r) => r.sample))].map((sample) => {
  const rows = bio.filter((r) => r.sample === sample);
  return {
    sample,
    group: rows[0]!.group,
    ct: Object.fromEntries(rows.map((r) => [r.target, r.ct])) as Record<string, number>,
  };
});
const paired: PairedCt[] = samples.map((s) => ({
  sample: s.sample,
  group: s.group,
  targetCt: s.ct['miR-770-5p']!,
  referenceCt: s.ct.U6!,
}));

describe('Livak 2^-ΔΔCt vs pcr 1.2.2 pcr_ddct', () => {
  const ref = json('livak_ddct.json');
  it('per-sample ΔCt', () => {
    for (const p of paired)
      expectClose(p.targetCt - p.referenceCt, ref.per_sample_dCt[p.sample], REL, p.sample);
  });
  for (const mode of ['separate-tube', 'same-tube'] as const) {
    it(`${mode}: normalized, calibrated, relative expression, error, lower, upper`, () => {
      const rows = deltaDeltaCt(paired, 'Parental', mode);
      const expected = ref[mode === 'separate-tube' ? 'separate_tube' : 'same_tube'];
      expect(rows.map((r) => r.group)).toEqual(expected.map((e: { group: string }) => e.group));
      rows.forEach((r, i) => {
        const e = expected[i];
        expectClose(r.deltaCt, e.normalized, REL, 'normalized');
        expectClose(r.deltaDeltaCt, e.calibrated, REL, 'calibrated');
        expectClose(r.foldChange, e.relative_expression, REL, 'relative_expression');
        expectClose(r.error, e.error, REL, 'error');
        expectClose(r.lower, e.lower, REL, 'lower');
        expectClose(r.upper, e.upper, REL, 'upper');
      });
    });
  }
  it('pcr_ttest: Welch and Student t on per-sample ΔCt', () => {
    for (const [key, equal] of [
      ['welch_t_on_dCt', false],
      ['student_t_on_dCt', true],
    ] as const) {
      const t = deltaCtTTest(paired, 'Resistant', 'Parental', equal);
      const e = ref[key][0];
      expectClose(t.estimate, e.estimate, REL, `${key} estimate`);
      expectClose(t.p, e.p_value, REL, `${key} p`);
      expectClose(t.confInt[0], e.lower, REL, `${key} lower`);
      expectClose(t.confInt[1], e.upper, REL, `${key} upper`);
    }
  });
  it('leaves samples without a Ct out and gives NaN, not a crash, for an empty group', () => {
    const rows = deltaDeltaCt(
      [...paired, { sample: 'X', group: 'Empty', targetCt: NaN, referenceCt: 20 }],
      'Parental',
      'separate-tube',
    );
    const empty = rows.find((r) => r.group === 'Empty')!;
    expect(empty.n).toBe(0);
    expect(Number.isNaN(empty.foldChange)).toBe(true);
    expect(rows.find((r) => r.group === 'Resistant')!.n).toBe(3);
  });
});

describe('Pfaffl ratio vs the R recipe and qpcR 1.4-1 propagate', () => {
  const ref = json('pfaffl_ratio.json');
  const summary = (g: string, t: string) => {
    const v = bio.filter((r) => r.group === g && r.target === t).map((r) => r.ct);
    return { mean: mean(v), sd: sd(v) };
  };
  const input: PfafflInput = {
    efficiencyTarget: ref.E_target,
    efficiencyReferences: [ref.E_ref],
    target: { control: summary('Parental', 'miR-770-5p'), treated: summary('Resistant', 'miR-770-5p') },
    references: [{ control: summary('Parental', 'U6'), treated: summary('Resistant', 'U6') }],
  };
  it('group-mean Cts and the ratio (and 2^-ΔΔCt when E = 2)', () => {
    expectClose(input.target.control.mean, ref.mean_ct.gc, REL);
    expectClose(input.target.treated.mean, ref.mean_ct.gs, REL);
    expectClose(input.references[0]!.control.mean, ref.mean_ct.rc, REL);
    expectClose(input.references[0]!.treated.mean, ref.mean_ct.rs, REL);
    expectClose(pfafflRatio(input), ref.ratio_pfaffl, REL, 'ratio_pfaffl');
    expectClose(
      pfafflRatio({ ...input, efficiencyTarget: 2, efficiencyReferences: [2] }),
      ref.ratio_livak_E2,
      REL,
      'ratio_livak_E2',
    );
  });
  it('propagated mean, sd and 95 % interval (the Prop column)', () => {
    const p = propagatePfaffl(input);
    const row = (name: string) => ref.propagate_summary.find((r: { _row: string }) => r._row === name).Prop;
    expectClose(p.mean, row('Mean'), REL, 'Mean');
    expectClose(p.sd, row('Std.dev.'), REL, 'Std.dev.');
    expectClose(p.confLow, row('Conf.lower'), REL, 'Conf.lower');
    expectClose(p.confHigh, row('Conf.upper'), REL, 'Conf.upper');
    expectClose(p.value, ref.ratio_pfaffl, REL);
  });
  it('the Monte-Carlo column agrees roughly (not an exact comparison)', () => {
    const p = propagatePfaffl(input);
    const sim = ref.propagate_summary.find((r: { _row: string }) => r._row === 'Std.dev.').Sim;
    expect(Math.abs(p.sd - sim) / sim).toBeLessThan(0.05);
  });
  it('an efficiency sd widens the error; the gradient matches a finite difference', () => {
    const exact = propagatePfaffl(input);
    const uncertain = propagatePfaffl({ ...input, efficiencySd: [0.02, 0.02] });
    expect(uncertain.sd).toBeGreaterThan(exact.sd);
    const h = 1e-6;
    const up = pfafflRatio({ ...input, efficiencyTarget: input.efficiencyTarget + h });
    const down = pfafflRatio({ ...input, efficiencyTarget: input.efficiencyTarget - h });
    const numeric = (up - down) / (2 * h);
    const analytic =
      (exact.value * (input.target.control.mean - input.target.treated.mean)) / input.efficiencyTarget;
    expect(numeric).toBeCloseTo(analytic, 6);
  });
});

describe('qbase NRQ with two references (geometric-mean NF)', () => {
  const ref = json('multi_reference_nrq.json');
  const nrq = qbaseNrq(samples, 'miR-770-5p', ['U6', 'RNU48'], ref.efficiencies);
  it('RQ, NF and NRQ per sample', () => {
    for (const s of nrq.samples) {
      const rq = ref.RQ.find((r: { _row: string }) => r._row === s.sample);
      for (const gene of ['miR-770-5p', 'U6', 'RNU48']) expectClose(s.rq[gene]!, rq[gene], REL, `RQ ${gene}`);
      expectClose(s.nf, ref.NF[s.sample], REL, `NF ${s.sample}`);
      expectClose(s.nrq, ref.NRQ[s.sample], REL, `NRQ ${s.sample}`);
    }
  });
  it('fold change, log2 fold change and Welch t on log2 NRQ', () => {
    const c = compareNrq(nrq, 'Resistant', 'Parental');
    expectClose(c.foldChange, ref.fold_change_resistant_vs_parental, REL, 'fold change');
    expectClose(c.log2FoldChange, ref.log2_fc, REL, 'log2 fc');
    expectClose(c.test.t, ref.welch_log2NRQ.t, REL, 't');
    expectClose(c.test.df, ref.welch_log2NRQ.df, REL, 'df');
    expectClose(c.test.p, ref.welch_log2NRQ.p, REL, 'p');
    expectClose(c.test.confInt[0], ref.welch_log2NRQ.conf_int[0], REL, 'ci low');
    expectClose(c.test.confInt[1], ref.welch_log2NRQ.conf_int[1], REL, 'ci high');
  });
  it('a missing reference Cq gives that sample NaN, which the comparison leaves out', () => {
    const gap = samples.map((s) => (s.sample === 'R3' ? { ...s, ct: { ...s.ct, RNU48: NaN } } : s));
    const n = qbaseNrq(gap, 'miR-770-5p', ['U6', 'RNU48'], ref.efficiencies);
    expect(Number.isNaN(n.samples.find((s) => s.sample === 'R3')!.nrq)).toBe(true);
    expect(Number.isFinite(compareNrq(n, 'Resistant', 'Parental').test.p)).toBe(true);
  });
});
