import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tidyTableToCsv } from '../analysis-output.js';
import { runQpcrAnalysis, runReferenceStability, type QpcrAnalysisOptions } from './qpcr-analysis.js';

const F = 'test/fixtures/analysis/qpcr';
const REFERENCE_DIR = '../shared/data/reference-stats/qpcr';
const input = (name: string) => ({ text: readFileSync(`${F}/${name}`, 'utf8'), file: `${F}/${name}` });
const reference = (name: string) => JSON.parse(readFileSync(`${REFERENCE_DIR}/${name}`, 'utf8'));
let maxRelativeError = 0;
/** relative error against R, as the reference README asks */
function expectClose(actual: unknown, expected: number, rel: number, label = ''): void {
  const a = actual as number;
  const err = expected === 0 ? Math.abs(a) : Math.abs(a - expected) / Math.abs(expected);
  maxRelativeError = Math.max(maxRelativeError, err);
  expect(err, `${label} ${a} vs ${expected}`).toBeLessThanOrEqual(rel);
}
const REL = 1e-9;
afterAll(() =>
  console.log(`qPCR analysis from fixtures: max relative error vs R ${maxRelativeError.toExponential(2)}`),
);

type Row = Record<string, unknown>;
function run(inputs: Parameters<typeof runQpcrAnalysis>[0], options: QpcrAnalysisOptions) {
  const r = runQpcrAnalysis(inputs, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
  return r.value;
}
const rowOf = (rows: unknown, target: string, group: string) =>
  (rows as Row[]).find((r) => r.target === target && r.group === group)!;

describe('Livak from technical triplicates (qpcr-long.csv) vs pcr_ddct / pcr_ttest on ct_bio.csv', () => {
  const ref = reference('livak_ddct.json');
  for (const [mode, key] of [
    ['separate-tube', 'separate_tube'],
    ['same-tube', 'same_tube'],
  ] as const) {
    it(`${mode}: the censored replicates are left out and the aggregated Cts reproduce R`, () => {
      const out = run(
        { data: input('qpcr-long.csv') },
        { references: ['U6'], calibrator: 'Parental', errorMode: mode },
      );
      const [cal, res] = ref[key] as Row[];
      const c = rowOf(out.json.calibrator_results, 'miR-770-5p', 'Parental');
      const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
      for (const [row, e] of [
        [c, cal!],
        [r, res!],
      ] as const) {
        expectClose(row.delta_ct, e.normalized as number, REL, 'normalized');
        expectClose(row.delta_delta_ct, e.calibrated as number, REL, 'calibrated');
        expectClose(row.fold_change, e.relative_expression as number, REL, 'relative_expression');
        expectClose(row.error, e.error as number, REL, 'error');
        expectClose(row.fold_change_low, e.lower as number, REL, 'lower');
        expectClose(row.fold_change_high, e.upper as number, REL, 'upper');
      }
      const welch = ref.welch_t_on_dCt[0];
      expectClose(r.p_value, welch.p_value, REL, 'p');
      expectClose(r.ddct_ci_low, welch.lower, REL, 'ci low');
      expectClose(r.ddct_ci_high, welch.upper, REL, 'ci high');
      for (const d of out.json.delta_ct as Row[])
        if (d.target === 'miR-770-5p')
          expectClose(d.delta_ct, ref.per_sample_dCt[d.sample as string], REL, 'dCt');
    });
  }
  it('Student t on request', () => {
    const out = run({ data: input('qpcr-long.csv') }, { references: ['U6'], equalVariance: true });
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r.test).toBe('Student');
    expectClose(r.p_value, reference('livak_ddct.json').student_t_on_dCt[0].p_value, REL, 'Student p');
  });
});

describe('the issue JSON shape, tables, changes and figures', () => {
  const out = run({ data: input('qpcr-long.csv') }, { references: ['U6'], calibrator: 'Parental' });
  it('results rows carry the public snake_case keys', () => {
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    for (const k of ['target', 'group', 'fold_change', 'fold_change_low', 'fold_change_high', 'p_value'])
      expect(r).toHaveProperty(k);
    expect(r.fold_change_low as number).toBeLessThan(r.fold_change as number);
    expect(r.fold_change_high as number).toBeGreaterThan(r.fold_change as number);
    expect((out.json.results as Row[]).every((x) => x.group !== 'Parental')).toBe(true);
    expect(JSON.stringify(out.json)).not.toMatch(/NaN|Infinity/);
  });
  it('tables hold every intermediate value, censored and control wells included', () => {
    expect(Object.keys(out.tables)).toEqual(['replicates', 'samples', 'delta_ct', 'results']);
    const replicates = tidyTableToCsv(out.tables.replicates!);
    expect(replicates).toContain('A11,R1,Resistant,miR-770-5p,2,Undetermined,,TRUE,TRUE,no amplification');
    expect(replicates).toContain('C12,R1,Resistant,U6,3,40.00,40,TRUE,TRUE,Ct ≥ 40');
    expect(tidyTableToCsv(out.tables.samples!)).toContain('R1,Resistant,U6,20.2,');
    expect(out.warnings).toContain('QC R1 × U6: censored (1 of 3)');
  });
  it('feature changes for every non-reference target × group, significance by the stated rule', () => {
    expect(out.changes!.map((c) => [c.feature, c.group, c.referenceGroup, c.significant])).toEqual([
      ['miR-770-5p', 'Resistant', 'Parental', true],
      ['RNU48', 'Resistant', 'Parental', false],
    ]);
    expect(out.changes![0]!.log2FoldChange).toBeCloseTo(-2.4333333333, 9);
    expect(out.changes![0]!.rule).toMatch(/Welch t-test on per-sample ΔCt/);
  });
  it('draws the fold-change figure', () => {
    const svg = out.figures['fold-change']!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('miR-770-5p');
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});

describe('Pfaffl with the standard curve vs pfaffl_ratio.json, and NRQ with two references', () => {
  it('ratio, propagated error and efficiencies', () => {
    const ref = reference('pfaffl_ratio.json');
    const out = run(
      { data: input('qpcr-long.csv'), standardCurve: input('standard-curve.csv') },
      { references: ['U6'], method: 'pfaffl' },
    );
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expectClose(r.fold_change, ref.ratio_pfaffl, REL, 'ratio');
    expectClose(r.efficiency_target, ref.E_target, REL, 'E target');
    const prop = (name: string) => ref.propagate_summary.find((x: Row) => x._row === name).Prop;
    expectClose(r.propagated_mean, prop('Mean'), REL, 'Mean');
    expectClose(r.propagated_sd, prop('Std.dev.'), REL, 'sd');
    expectClose(r.propagated_ci_low, prop('Conf.lower'), REL, 'ci low');
    expectClose(r.propagated_ci_high, prop('Conf.upper'), REL, 'ci high');
    expect(r.p_value as number).toBeLessThan(0.05);
    expect(Object.keys(out.figures)).toEqual(['fold-change', 'standard-curve']);
    expect(out.warnings).toContain('no standard curve for RNU48: E = 2 (100 %) assumed');
  });
  it('qbase NRQ (U6 + RNU48, E from the curve, RNU48 E = 2) equals multi_reference_nrq.json', () => {
    const ref = reference('multi_reference_nrq.json');
    const out = run(
      { data: input('qpcr-long.csv'), standardCurve: input('standard-curve.csv') },
      { references: ['U6', 'RNU48'], method: 'pfaffl' },
    );
    const nrq = out.json.nrq as { samples: Row[]; results: Row[] };
    for (const s of nrq.samples) {
      expectClose(s.nf, ref.NF[s.sample as string], REL, 'NF');
      expectClose(s.nrq, ref.NRQ[s.sample as string], REL, 'NRQ');
      expectClose(s.rq_target, ref.RQ.find((x: Row) => x._row === s.sample)['miR-770-5p'], REL, 'RQ');
    }
    const c = nrq.results[0]!;
    expectClose(c.fold_change, ref.fold_change_resistant_vs_parental, REL, 'fc');
    expectClose(c.t, ref.welch_log2NRQ.t, REL, 't');
    expectClose(c.df, ref.welch_log2NRQ.df, REL, 'df');
    expectClose(c.p_value, ref.welch_log2NRQ.p, REL, 'p');
    expectClose(c.log2_ci_low, ref.welch_log2NRQ.conf_int[0], REL, 'ci');
    // the Pfaffl ratio with the mean of efficiency-weighted reference Cts is the same quantity
    expectClose(
      rowOf(out.json.results, 'miR-770-5p', 'Resistant').fold_change,
      ref.fold_change_resistant_vs_parental,
      REL,
    );
    expectClose(rowOf(out.json.results, 'miR-770-5p', 'Resistant').p_value, ref.welch_log2NRQ.p, REL);
  });
});

describe('instrument exports give the same answer as the long table', () => {
  const options: QpcrAnalysisOptions = { references: ['U6', 'RNU48'], calibrator: 'Parental' };
  const fc = (inputs: Parameters<typeof runQpcrAnalysis>[0]) =>
    rowOf(run(inputs, options).json.results, 'miR-770-5p', 'Resistant');
  const expected = fc({ data: input('qpcr-long.csv') });
  it.each([
    ['cfx-quantification-cq-results.csv', undefined],
    ['quantstudio-results.txt', undefined],
    ['qpcr-plate.rdml', 'rdml'],
  ] as const)('%s', (file, format) => {
    const data = format
      ? { text: '', file: `${F}/${file}`, bytes: new Uint8Array(readFileSync(`${F}/${file}`)) }
      : input(file);
    const row = fc({ data, sampleMap: format ? undefined : input('sample-map.csv') });
    expectClose(row.fold_change, expected.fold_change as number, 1e-12);
    expectClose(row.p_value, expected.p_value as number, 1e-12);
  });
});

describe('reference stability', () => {
  const ref = reference('reference_stability.json');
  it('runReferenceStability reproduces geNorm, V and NormFinder and recommends 3 references', () => {
    const r = runReferenceStability(input('reference-candidates.csv'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const g = r.value.json.genorm as Row;
    const nf = r.value.json.normfinder as Row;
    for (const [gene, m] of Object.entries(ref.M_all_genes))
      expectClose((g.m_all as Row)[gene], m as number, REL);
    for (const [gene, rho] of Object.entries(ref.normfinder_rho))
      expectClose((nf.rho as Row)[gene], rho as number, REL);
    expect(g.ranking_most_stable_first).toEqual(ref.ranking_most_stable_first);
    expectClose((g.pairwise_variation as Row[])[0]!.v, ref.pairwise_V['V2/3'], REL);
    expect(g.recommended_number_of_references).toBe(3);
    expect(Object.keys(r.value.figures)).toEqual(['genorm', 'normfinder']);
    expect(Object.keys(r.value.tables)).toEqual([
      'stability',
      'genorm_steps',
      'pairwise_variation',
      'normfinder',
    ]);
  });
  it('runs inside the qPCR analysis for named candidates', () => {
    const out = run(
      { data: input('qpcr-long.csv') },
      { references: ['U6'], stabilityCandidates: ['U6', 'RNU48', 'miR-770-5p'] },
    );
    expect((out.json.stability as Row).candidates).toEqual(['U6', 'RNU48', 'miR-770-5p']);
    expect(out.figures.genorm).toContain('<svg');
  });
  it('refuses a malformed candidates table with file, line and field', () => {
    const r = runReferenceStability({ text: 'sample,U6,RNU48\nP1,20,abc\n', file: 'c.csv' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'c.csv', line: 2, field: 'RNU48' });
  });
});

describe('problems come back as issues; degenerate data as NaN with a warning', () => {
  const issueOf = (inputs: Parameters<typeof runQpcrAnalysis>[0], options: QpcrAnalysisOptions) => {
    const r = runQpcrAnalysis(inputs, options);
    expect(r.ok).toBe(false);
    return r.ok ? undefined : r.issues[0];
  };
  it('unknown reference, calibrator with no rows, Pfaffl without a curve, bad options', () => {
    const data = input('qpcr-long.csv');
    expect(issueOf({ data }, { references: ['GAPDH'] })).toMatchObject({
      file: data.file,
      field: 'reference',
    });
    expect(issueOf({ data }, { references: ['U6'], calibrator: 'Naive' })).toMatchObject({
      file: data.file,
      field: '--calibrator',
      message: expect.stringContaining('Parental, Resistant'),
    });
    expect(issueOf({ data }, { references: ['U6'], method: 'pfaffl' })).toMatchObject({
      field: 'standard curve',
    });
    expect(issueOf({ data }, { references: ['U6'], alpha: 2 })).toMatchObject({ field: 'alpha' });
    expect(issueOf({ data }, { references: [] })).toMatchObject({ field: 'reference' });
  });
  it('the malformed fixtures, each with file, line and field', () => {
    for (const file of [
      'bad-missing-column.csv',
      'bad-text-in-number.csv',
      'bad-empty-group.csv',
      'bad-duplicate-well.csv',
    ]) {
      const issue = issueOf({ data: input(file) }, { references: ['U6'] });
      expect(issue, file).toMatchObject({
        file: `${F}/${file}`,
        line: expect.any(Number),
        field: expect.any(String),
      });
    }
  });
  it('a sample map that misses wells', () => {
    const map = input('sample-map.csv');
    const partial = { ...map, text: map.text.replace('C5,P2,Parental\n', '') };
    expect(
      issueOf(
        { data: input('cfx-quantification-cq-results.csv'), sampleMap: partial },
        { references: ['U6'] },
      ),
    ).toMatchObject({
      line: 25,
      field: 'Well',
    });
  });
  it('a group whose target never amplified: NaN results, flags and warnings, no crash; inputs untouched', () => {
    const data = input('qpcr-long.csv');
    const text = data.text.replace(/^(.*,R\d,Resistant,miR-770-5p,\d),[\d.]+$/gm, '$1,Undetermined');
    const options = Object.freeze({ references: Object.freeze(['U6']) as string[] });
    const out = run({ data: { ...data, text } }, options);
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r.fold_change).toBeNull();
    expect(r.p_value).toBeNull();
    expect(r.significant).toBe(false);
    expect(out.warnings.join('\n')).toMatch(/R1: no usable Ct for miR-770-5p/);
    expect(out.warnings.join('\n')).toMatch(/all_censored/);
    expect(out.figures['fold-change']).not.toMatch(/NaN/);
    expect(options.references).toEqual(['U6']);
  });
  it('says why an all-undetected group has no fold change: detection, flags, warning, n.d. in the figure', () => {
    const data = input('qpcr-long.csv');
    const text = data.text.replace(/^(.*,R\d,Resistant,miR-770-5p,\d),[\d.]+$/gm, '$1,Undetermined');
    const out = run({ data: { ...data, text } }, { references: ['U6'] });
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r).toMatchObject({
      n_samples: 0,
      n_samples_not_detected: 3,
      detection: 'not_detected',
      flags: 'not_detected: no sample of Resistant amplified miR-770-5p (Ct ≥ 40 or Undetermined)',
    });
    expect(out.warnings).toContain(
      'miR-770-5p Resistant: not_detected: no sample of Resistant amplified miR-770-5p (Ct ≥ 40 or Undetermined)',
    );
    // the row stays in the results table, but no change without a direction is linked
    expect(tidyTableToCsv(out.tables.results!)).toMatch(/miR-770-5p,Resistant,.*,not_detected,/);
    expect(out.changes!.map((c) => c.feature)).toEqual(['RNU48']);
    expect(out.figures['fold-change']).toContain('>n.d.</text>');
    expect(out.figures['fold-change']).not.toContain('>n/a</text>');
    expect(out.figures['fold-change']).toContain('n.d.: not detected');
    expect(rowOf(out.json.calibrator_results, 'miR-770-5p', 'Parental')).toMatchObject({
      n_samples_not_detected: 0,
      detection: 'detected',
      flags: '',
    });
  });
  it('an undetected calibrator leaves every comparison of that target empty, and says so', () => {
    const data = input('qpcr-long.csv');
    const text = data.text.replace(/^(.*,P\d,Parental,miR-770-5p,\d),[\d.]+$/gm, '$1,45.0');
    const out = run({ data: { ...data, text } }, { references: ['U6'] });
    expect(rowOf(out.json.calibrator_results, 'miR-770-5p', 'Parental').detection).toBe('not_detected');
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r.fold_change).toBeNull();
    expect(r.detection).toBe('detected');
    expect(r.flags).toBe(
      'calibrator_not_detected: no sample of Parental amplified miR-770-5p, so there is no fold change',
    );
  });
});

describe('calibrator default and case-insensitive choice', () => {
  const data = input('qpcr-long.csv');
  const [header, ...lines] = data.text.trimEnd().split('\n');
  const resistantFirst = {
    ...data,
    text: [
      header,
      ...lines.filter((l) => l.includes(',Resistant,')),
      ...lines.filter((l) => !l.includes(',Resistant,')),
    ].join('\n'),
  };
  const original = run({ data }, { references: ['U6'] });
  const numeric = (rows: unknown) =>
    (rows as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'flags')));
  it('defaults to the group named Parental even when the Resistant rows come first', () => {
    expect(resistantFirst.text.split('\n')[1]).toContain(',Resistant,');
    const out = run({ data: resistantFirst }, { references: ['U6'] });
    expect(out.json.calibrator).toBe('Parental');
    expect((out.json.input as Row).groups).toEqual(['Resistant', 'Parental']);
    expect(numeric(out.json.results)).toEqual(numeric(original.json.results));
    expect(numeric(out.json.calibrator_results)).toEqual(numeric(original.json.calibrator_results));
    expect(out.changes).toEqual(original.changes);
    expect(rowOf(out.json.results, 'miR-770-5p', 'Resistant').fold_change as number).toBeLessThan(0.3);
  });
  it('--calibrator matches the group name case-insensitively', () => {
    const out = run({ data: resistantFirst }, { references: ['U6'], calibrator: 'parental' });
    expect(out.json.calibrator).toBe('Parental');
    expect(numeric(out.json.results)).toEqual(numeric(original.json.results));
  });
  it('an explicit calibrator still wins over the name heuristic', () => {
    const out = run({ data }, { references: ['U6'], calibrator: 'RESISTANT' });
    expect(out.json.calibrator).toBe('Resistant');
    const r = rowOf(out.json.results, 'miR-770-5p', 'Parental');
    const o = rowOf(original.json.results, 'miR-770-5p', 'Resistant');
    expect(r.log2_fold_change as number).toBeCloseTo(-(o.log2_fold_change as number), 12);
  });
});

describe('significance is q < alpha (BH over all target × group comparisons)', () => {
  const data = input('qpcr-long.csv');
  it('q is BH of the p-values and `significant` follows q, not p', () => {
    // alpha between p and q of miR-770-5p: significant by raw p, not after adjustment
    const out = run({ data }, { references: ['U6'], alpha: 0.02 });
    const rows = out.json.results as Row[];
    expect(rows).toHaveLength(2);
    const [p1, p2] = rows.map((r) => r.p_value as number);
    const sorted = [p1!, p2!].sort((a, b) => a - b);
    const expectedQ = [Math.min(2 * sorted[0]!, sorted[1]!), sorted[1]!];
    for (const r of rows) {
      const q = r.q_value as number;
      expect(q).toBeCloseTo(expectedQ[sorted.indexOf(r.p_value as number)]!, 15);
      expect(r.significant).toBe(q < 0.02);
    }
    const mir = rowOf(rows, 'miR-770-5p', 'Resistant');
    expect(mir.p_value as number).toBeLessThan(0.02);
    expect(mir.q_value as number).toBeGreaterThan(0.02);
    expect(mir.significant).toBe(false);
    const change = out.changes!.find((c) => c.feature === 'miR-770-5p')!;
    expect(change).toMatchObject({ significant: false, p: mir.p_value, q: mir.q_value });
    expect(change.rule).toMatch(/Benjamini-Hochberg q < 0.02/);
    expect(out.json.significance_rule).toBe(change.rule);
    expect(out.json.notes as string[]).toContainEqual(expect.stringMatching(/significant: q_value < alpha/));
  });
  it('at alpha 0.05 miR-770-5p passes on q; the figure marks q', () => {
    const out = run({ data }, { references: ['U6'] });
    const mir = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(mir.q_value as number).toBeLessThan(0.05);
    expect(mir.significant).toBe(true);
    expect(out.figures['fold-change']).toContain('q &lt; 0.05');
  });
});

describe('samples with the target not detected in some of a group', () => {
  const data = input('qpcr-long.csv');
  const censor = (sample: string, target = 'miR-770-5p') =>
    data.text.replace(
      new RegExp(`^(.*,${sample},[A-Za-z]+,${target},\\d),[\\d.]+$`, 'gm'),
      '$1,Undetermined',
    );
  it('counts them, flags the upward bias, warns, and computes the fold change from the detected ones', () => {
    const text = censor('R1');
    const out = run({ data: { ...data, text } }, { references: ['U6'] });
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    const flag =
      'not_detected_in_some: 1 of 3 samples not detected (Ct censored); fold change from detected samples only, biased towards higher expression';
    expect(r).toMatchObject({ n_samples: 2, n_samples_not_detected: 1, detection: 'not_detected_in_some' });
    expect(r.flags).toBe(flag);
    expect(out.warnings).toContain(`miR-770-5p Resistant: ${flag}`);
    // the same as analysing the file without R1's miR-770-5p wells
    const without = run(
      {
        data: {
          ...data,
          text: data.text
            .split('\n')
            .filter((l) => !/,R1,Resistant,miR-770-5p,/.test(l))
            .join('\n'),
        },
      },
      { references: ['U6'] },
    );
    const w = rowOf(without.json.results, 'miR-770-5p', 'Resistant');
    expect(w.n_samples_not_detected).toBe(0);
    expect(r.fold_change).toBe(w.fold_change);
    expect(r.p_value).toBe(w.p_value);
    // still a finite change, so still linked
    expect(out.changes!.map((c) => c.feature)).toContain('miR-770-5p');
    const other = rowOf(out.json.results, 'RNU48', 'Resistant');
    expect(other).toMatchObject({ n_samples_not_detected: 0, detection: 'detected', flags: '' });
    expect(tidyTableToCsv(out.tables.results!).split('\n')[0]).toContain(
      'n_samples,n_samples_not_detected,detection',
    );
  });
  it('a calibrator sample not detected is flagged on the comparison (fold change biased low)', () => {
    const out = run({ data: { ...data, text: censor('P2') } }, { references: ['U6'] });
    expect(rowOf(out.json.calibrator_results, 'miR-770-5p', 'Parental')).toMatchObject({
      n_samples_not_detected: 1,
      detection: 'not_detected_in_some',
    });
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r.detection).toBe('detected');
    expect(r.flags).toBe(
      'calibrator_not_detected_in_some: 1 of 3 Parental samples not detected (Ct censored); calibrator expression overestimated, fold change biased towards lower values',
    );
  });
  it('a reference that failed is not counted as the target not detected', () => {
    const out = run({ data: { ...data, text: censor('R1', 'U6') } }, { references: ['U6'] });
    const r = rowOf(out.json.results, 'miR-770-5p', 'Resistant');
    expect(r).toMatchObject({ n_samples: 2, n_samples_not_detected: 0, detection: 'detected' });
    expect(out.warnings.join('\n')).toMatch(/R1: no usable Ct for U6/);
  });
});
