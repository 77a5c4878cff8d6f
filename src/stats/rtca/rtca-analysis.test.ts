import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { tidyTableToCsv } from '../analysis-output.js';
import { mean, sd } from '../descriptive.js';
import { twoSampleTTest } from '../t-test.js';
import { RTCA_GROUP_METRICS, runRtcaAnalysis } from './rtca-analysis.js';

const referenceDir = '../shared/data/reference-stats/rtca';
const fixtures = 'test/fixtures/analysis/rtca';
const reference = JSON.parse(readFileSync(`${referenceDir}/rtca_metrics.json`, 'utf8'));
const referenceInput = {
  text: readFileSync(`${referenceDir}/cell_index.csv`, 'utf8'),
  file: 'cell_index.csv',
};
const wide = { text: readFileSync(`${fixtures}/cell-index-wide.csv`, 'utf8'), file: 'cell-index-wide.csv' };
const layout = { text: readFileSync(`${fixtures}/layout.csv`, 'utf8'), file: 'layout.csv' };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('runRtcaAnalysis on the R reference input', () => {
  const r = runRtcaAnalysis(referenceInput, { baseTime: 24, window: [24, 48] });

  it('reports every well metric of rtca_metrics.json at the README tolerances', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { json } = r.value;
    for (const expected of reference.results) {
      const w = json.wells.find((x) => x.well === expected.well)!;
      expect(w.base_time_h).toBe(expected.base_time_h);
      expect(w.ci_at_base).toBe(expected.ci_at_base);
      expect(rel(w.slope_per_h!, expected.slope_per_h)).toBeLessThan(1e-9);
      expect(rel(w.slope_r2!, expected.slope_r2)).toBeLessThan(1e-9);
      expect(rel(w.log_linear.doubling_time_h!, expected.dt_loglinear_h)).toBeLessThan(1e-9);
      expect(rel(w.exponential_nls.doubling_time_h!, expected.dt_nls_exponential_h)).toBeLessThan(1e-5);
      expect(rel(w.auc_total!, expected.auc_trapezoid_0_96)).toBeLessThan(1e-9);
    }
    // the normalised table carries NCI(t) for every reading
    const table = r.value.tables.normalised!;
    const col = (name: string) => table.columns.indexOf(name);
    for (const expected of reference.results)
      for (const [key, value] of Object.entries(expected.nci_at as Record<string, number>)) {
        const row = table.rows.find(
          (x) => x[col('well')] === expected.well && x[col('time_h')] === Number(key.slice(1)),
        )!;
        expect(rel(row[col('nci')] as number, value)).toBeLessThan(1e-9);
      }
  });

  it('takes groups from the long table, Parental as reference, and defaults to base 24 h, window 24–48 h', () => {
    const d = runRtcaAnalysis(referenceInput);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.json.base_time_h).toBe(24);
    expect(d.value.json.base_time_rule).toBe('default (24 h)');
    expect(d.value.json.window_h).toEqual([24, 48]);
    expect(d.value.json.reference_group).toBe('Parental');
    expect(d.value.json.groups.map((g) => [g.group, g.n_wells])).toEqual([
      ['Parental', 2],
      ['Resistant', 2],
    ]);
    const resistant = d.value.json.groups[1]!;
    const dts = (line: string) =>
      reference.results
        .filter((x: { well: string }) =>
          line === 'Parental' ? x.well.startsWith('A') : x.well.startsWith('B'),
        )
        .map((x: { dt_nls_exponential_h: number }) => x.dt_nls_exponential_h);
    const expected = twoSampleTTest(dts('Resistant'), dts('Parental'));
    expect(rel(resistant.metrics.dt_nls_exponential_h.mean!, mean(dts('Resistant')))).toBeLessThan(1e-5);
    expect(rel(resistant.vs_reference!.dt_nls_exponential_h.t!, expected.t)).toBeLessThan(1e-3);
    expect(resistant.vs_reference!.slope_per_h.p).toBeLessThan(0.05);
  });
});

describe('runRtcaAnalysis on a wide export with a layout and trastuzumab at 24 h', () => {
  const r = runRtcaAnalysis(wide, { layout, treatmentTime: 24 });

  it('normalises at the treatment time and compares every group with Parental', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { json, tables, warnings } = r.value;
    // the resistant wells were seeded sparser (CI 0.44–0.48 vs 0.67 at 24 h): warned, raw-CI metrics marked
    expect(warnings).toEqual([expect.stringMatching(/Resistant 0\.442, Resistant \+ trastuzumab 0\.479/)]);
    expect(json.base_time_rule).toBe('treatment time');
    expect(json.base_time_h).toBe(24);
    expect(json.window_h).toEqual([24, 48]);
    expect(json.treatment_time_h).toBe(24);
    expect(json.reference_group).toBe('Parental');
    expect(json.wells).toHaveLength(12);
    expect(json.wells.every((w) => w.exponential_nls.converged && w.n_window === 49)).toBe(true);
    expect(json.wells[3]).toMatchObject({ well: 'A04', treatment: 'trastuzumab 10 ug/mL' });
    const parental = json.groups.find((g) => g.group === 'Parental')!;
    const treated = json.groups.find((g) => g.group === 'Parental + trastuzumab')!;
    expect(parental.vs_reference).toBeNull();
    const slopes = json.wells.filter((w) => w.group === 'Parental').map((w) => w.slope_per_h!);
    expect(parental.metrics.slope_per_h).toEqual({ n: 3, mean: mean(slopes), sd: sd(slopes) });
    // trastuzumab slows the parental cells: longer doubling time, significant
    expect(treated.vs_reference!.dt_loglinear_h.difference!).toBeGreaterThan(10);
    expect(treated.vs_reference!.dt_loglinear_h.p!).toBeLessThan(0.001);
    expect(Object.keys(tables)).toEqual(['wells', 'groups', 'normalised']);
    expect(tables.normalised!.rows).toHaveLength(12 * 193);
    expect(tables.groups!.rows).toHaveLength(4 * 9);
    const groupsCsv = tidyTableToCsv(tables.groups!).split('\n');
    expect(groupsCsv[0]).toMatch(/^group,metric,scale,normalisation_independent,n,/);
    expect(groupsCsv.slice(1, 10).map((l) => l.split(',').slice(1, 4).join(','))).toEqual([
      'slope_nci_per_h,NCI,TRUE',
      'auc_nci_window,NCI,TRUE',
      'auc_nci_after_base,NCI,TRUE',
      'dt_loglinear_h,ln CI,TRUE',
      'dt_nls_exponential_h,raw CI,TRUE',
      'ci_at_base,raw CI,FALSE',
      'slope_per_h,raw CI,FALSE',
      'auc_window,raw CI,FALSE',
      'auc_total,raw CI,FALSE',
    ]);
    expect(json.group_metrics.map((m) => m.metric)).toEqual(RTCA_GROUP_METRICS);
    expect(treated.vs_reference!.slope_nci_per_h.normalisation_independent).toBe(true);
    expect(treated.vs_reference!.auc_total.normalisation_independent).toBe(false);
    expect(json.methods.seeding_density).toMatch(/raw-CI slope and AUC .* seeded/);
    // NCI metrics per well: the CI slope and window AUC divided by the base CI
    for (const w of json.wells) {
      expect(rel(w.slope_nci_per_h!, w.slope_per_h! / w.ci_at_base!)).toBeLessThan(1e-12);
      expect(rel(w.slope_nci_r2!, w.slope_r2!)).toBeLessThan(1e-12);
      expect(rel(w.auc_nci_window!, w.auc_window! / w.ci_at_base!)).toBeLessThan(1e-12);
    }
    const wellsHeader = tidyTableToCsv(tables.wells!).split('\n')[0];
    for (const column of [
      'dt_nls_exponential_h',
      'slope_nci_per_h',
      'slope_nci_r2',
      'auc_nci_window',
      'auc_nci_after_base',
    ])
      expect(wellsHeader).toContain(column);
  });

  it('draws both figures as valid SVG with the treatment marked', () => {
    if (!r.ok) throw new Error('analysis failed');
    const { figures } = r.value;
    expect(Object.keys(figures)).toEqual(['cell-index', 'normalised-cell-index']);
    for (const svg of Object.values(figures)) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain('treatment added (24 h)');
      expect(svg).toContain('Resistant + trastuzumab (n = 3)');
    }
  });

  it('does not mutate its inputs', () => {
    const options = { layout: { ...layout }, window: [24, 48] as [number, number], treatmentTime: 24 };
    const copy = JSON.stringify(options);
    runRtcaAnalysis(wide, options);
    expect(JSON.stringify(options)).toBe(copy);
  });
});

describe('runRtcaAnalysis on wells identical up to the seeding density', () => {
  // Parental and Dense grow alike; Dense wells were seeded twice as dense (CI × 2 at every reading)
  const times = Array.from({ length: 25 }, (_, i) => i * 2);
  const trace = (rate: number, lag: number) =>
    times.map((t) => 0.3 * Math.exp(rate * t) * (1 + 0.01 * Math.sin(t + lag)));
  const traces = [trace(0.03, 0), trace(0.031, 1), trace(0.029, 2)];
  const header = ['Time (Hour)', 'P1', 'P2', 'P3', 'D1', 'D2', 'D3'].join(',');
  const rows = times.map((t, i) =>
    [t, ...traces.map((c) => c[i]!), ...traces.map((c) => 2 * c[i]!)].join(','),
  );
  const data = { text: [header, ...rows].join('\n') + '\n', file: 'scaled.csv' };
  const layoutText = 'well,group\nP1,Parental\nP2,Parental\nP3,Parental\nD1,Dense\nD2,Dense\nD3,Dense\n';
  const r = runRtcaAnalysis(data, {
    layout: { text: layoutText, file: 'scaled-layout.csv' },
    baseTime: 12,
    window: [12, 36],
  });

  it('gives equal NCI slope/AUC and doubling times but a doubled raw slope and AUC', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { wells, groups, warnings } = r.value.json;
    for (let i = 0; i < 3; i++) {
      const p = wells[i]!;
      const d = wells[i + 3]!;
      expect(rel(d.slope_nci_per_h!, p.slope_nci_per_h!)).toBeLessThan(1e-9);
      expect(rel(d.slope_nci_r2!, p.slope_nci_r2!)).toBeLessThan(1e-9);
      expect(rel(d.auc_nci_window!, p.auc_nci_window!)).toBeLessThan(1e-9);
      expect(rel(d.auc_nci_after_base!, p.auc_nci_after_base!)).toBeLessThan(1e-9);
      expect(rel(d.log_linear.doubling_time_h!, p.log_linear.doubling_time_h!)).toBeLessThan(1e-9);
      expect(rel(d.exponential_nls.doubling_time_h!, p.exponential_nls.doubling_time_h!)).toBeLessThan(1e-6);
      expect(rel(d.slope_per_h!, 2 * p.slope_per_h!)).toBeLessThan(1e-9);
      expect(rel(d.auc_window!, 2 * p.auc_window!)).toBeLessThan(1e-9);
      expect(rel(d.auc_total!, 2 * p.auc_total!)).toBeLessThan(1e-9);
    }
    // the after-base area runs from 12 h to the end (48 h) and excludes the time before the base
    const p1 = wells[0]!;
    expect(p1.auc_nci_after_base!).toBeGreaterThan(36);
    expect(p1.auc_nci_after_base!).toBeLessThan(36 * 2.1);
    const dense = groups.find((g) => g.group === 'Dense')!.vs_reference!;
    for (const metric of [
      'slope_nci_per_h',
      'auc_nci_window',
      'auc_nci_after_base',
      'dt_loglinear_h',
    ] as const)
      expect(Math.abs(dense[metric].difference!)).toBeLessThan(1e-9);
    expect(Math.abs(dense.dt_nls_exponential_h.difference!)).toBeLessThan(1e-4);
    expect(dense.slope_per_h.p!).toBeLessThan(0.001);
    expect(dense.slope_per_h.normalisation_independent).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/differs from Parental .* Dense .* seeding density/)]);
  });
});

describe('runRtcaAnalysis problems', () => {
  it('returns issues for times outside the run and an unknown reference group', () => {
    const base = runRtcaAnalysis(wide, { baseTime: 120 });
    expect(!base.ok && base.issues).toEqual([expect.objectContaining({ field: '--base-time' })]);
    const windowed = runRtcaAnalysis(wide, { window: [48, 24] });
    expect(!windowed.ok && windowed.issues[0]).toMatchObject({ field: '--window' });
    const outside = runRtcaAnalysis(wide, { window: [24, 200], treatmentTime: -5 });
    expect(!outside.ok && outside.issues.map((i) => i.field)).toEqual(['--treatment-time', '--window']);
    const ref = runRtcaAnalysis(wide, { layout, referenceGroup: 'Sensitive' });
    expect(!ref.ok && ref.issues[0]!.message).toMatch(/not a group/);
  });

  it('returns the layout issues (empty group) and the data issues with file and line', () => {
    const bad = {
      text: readFileSync(`${fixtures}/bad-empty-group.csv`, 'utf8'),
      file: 'bad-empty-group.csv',
    };
    const r = runRtcaAnalysis(wide, { layout: bad });
    expect(!r.ok && r.issues[0]).toMatchObject({ file: 'bad-empty-group.csv', line: 9, field: 'group' });
    const text = runRtcaAnalysis({
      text: readFileSync(`${fixtures}/bad-text-in-number.csv`, 'utf8'),
      file: 'bad-text-in-number.csv',
    });
    expect(!text.ok && text.issues[0]).toMatchObject({
      file: 'bad-text-in-number.csv',
      line: 13,
      field: 'A03',
    });
  });

  it('warns about wells outside the layout and layout wells without readings', () => {
    const partial = { text: 'well,group\nA01,P\nA02,P\nZ09,Q\n', file: 'partial.csv' };
    const r = runRtcaAnalysis(wide, { layout: partial });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.json.wells).toHaveLength(2);
    expect(r.value.warnings.join('\n')).toMatch(/without readings \(ignored\): Z09/);
    expect(r.value.warnings.join('\n')).toMatch(/not in the layout \(not analysed\): A03/);
    const none = runRtcaAnalysis(wide, { layout: { text: 'well,group\nZ1,P\n', file: 'none.csv' } });
    expect(!none.ok && none.issues[0]).toMatchObject({ file: 'none.csv', line: 2, field: 'well' });
  });

  it('flags degenerate wells instead of failing: CI ≤ 0 and a short run', () => {
    const text = 'Time (h),A1,A2\n0,0.1,0\n2,0.2,0\n4,0.4,0\n6,0.8,0\n';
    const r = runRtcaAnalysis({ text, file: 'short.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.json.base_time_rule).toMatch(/first reading/);
    expect(r.value.json.window_h).toEqual([0, 6]);
    const a2 = r.value.json.wells[1]!;
    expect(a2.log_linear.doubling_time_h).toBeNull();
    expect(a2.flags.join()).toMatch(/≤ 0/);
    expect(r.value.warnings.some((w) => w.startsWith('well A2:'))).toBe(true);
    expect(r.value.json.wells[0]!.log_linear.doubling_time_h).toBeCloseTo(2, 9);
  });
});
