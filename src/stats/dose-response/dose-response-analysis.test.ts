import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DoseResponseJson } from './dose-response-analysis.js';
import { DOSE_RESPONSE_FLAGS, runDoseResponseAnalysis } from './dose-response-analysis.js';
import { parseDoseResponseTable, unitFromHeader } from './dose-response-parser.js';
import { ll4Value } from './log-logistic-fit.js';

const fixtures = 'test/fixtures/analysis/dose-response';
const reference = JSON.parse(
  readFileSync('../shared/data/reference-stats/dose_response/drc_ll4.json', 'utf8'),
);
const load = (name: string) => ({ text: readFileSync(`${fixtures}/${name}`, 'utf8'), file: name });
const analyse = (text: string, referenceGroup?: string) => {
  const result = runDoseResponseAnalysis({ text, file: 'mem.csv' }, referenceGroup ? { referenceGroup } : {});
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};
const rel = (a: number | null, b: number) => Math.abs(a! - b) / Math.abs(b);
const fit = (json: DoseResponseJson, group: string) => json.fits.find((f) => f.group === group)!;

/** a long table from LL.4 parameters (noiseless) at the given doses, `reps` rows per dose */
function curveRows(
  group: string,
  doses: number[],
  p: { b: number; c: number; d: number; e: number },
  reps = 1,
) {
  return doses.flatMap((x) =>
    Array.from({ length: reps }, () => `${group},${x},${ll4Value(x, p).toFixed(6)}`),
  );
}
const DOSES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];

describe('runDoseResponseAnalysis on the reference viability data (drc 3.0-1)', () => {
  const out = runDoseResponseAnalysis(load('viability.csv'), {});
  if (!out.ok) throw new Error('fixture must parse');
  const { json } = out.value;

  it('has the public JSON keys and the first group as default reference', () => {
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['fits', 'resistance_index']));
    for (const f of json.fits)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['group', 'ic50', 'ic50_ci', 'hill', 'top', 'bottom']),
      );
    expect(Object.keys(json.resistance_index)).toEqual(expect.arrayContaining(['value', 'ci']));
    expect(json.reference_group).toBe('MCF7_parental');
    expect(json.dose_unit).toBe('µM');
    expect(json.fits.map((f) => f.group)).toEqual(['MCF7_parental', 'MCF7_DoxR']);
  });

  it('per-group IC50 and delta CI from the separate fits, RI from the joint model, at 1e-3 of R', () => {
    for (const g of ['MCF7_parental', 'MCF7_DoxR']) {
      const r = reference.separate_fits[g];
      const f = fit(json, g);
      expect(rel(f.ic50, r.ed50_delta.Estimate)).toBeLessThan(1e-3);
      expect(rel(f.ic50_ci[0], r.ed50_delta.Lower)).toBeLessThan(1e-3);
      expect(rel(f.ic50_ci[1], r.ed50_delta.Upper)).toBeLessThan(1e-3);
      expect(rel(f.ic50_absolute, r.ed50_abs.Estimate)).toBeLessThan(1e-3);
      expect(rel(f.ic50_absolute_ci[0], r.ed50_abs.Lower)).toBeLessThan(1e-3);
      expect(rel(f.hill, r.coef['b:(Intercept)'])).toBeLessThan(1e-3);
      expect(f.hill_slope_prism).toBe(-f.hill!);
      expect(rel(f.top, r.coef['d:(Intercept)'])).toBeLessThan(1e-3);
      expect(rel(f.bottom, r.coef['c:(Intercept)'])).toBeLessThan(1e-3);
      expect(f.df_residual).toBe(29);
      expect(f.flags).toEqual([]);
      const fls = reference.ed50_fls_log_param.find((t: { _row: string }) => t._row === `e:${g}:50`);
      expect(rel(f.joint!.ic50_ci_log[0], fls.Lower)).toBeLessThan(1e-3);
    }
    const [ri] = reference.resistance_index_EDcomp;
    expect(json.resistance_index.group).toBe('MCF7_DoxR');
    expect(rel(json.resistance_index.value, ri.Estimate)).toBeLessThan(1e-3);
    expect(rel(json.resistance_index.ci[0], ri.Lower)).toBeLessThan(1e-3);
    expect(rel(json.resistance_index.ci[1], ri.Upper)).toBeLessThan(1e-3);
    expect(json.resistance_index.df_residual).toBe(58);
    expect(json.resistance_indices).toHaveLength(1);
    expect(json.joint_fit.df_residual).toBe(58);
  });

  it('writes tidy tables with every intermediate value and a dose–response figure', () => {
    const { tables, figures } = out.value;
    expect(tables.observations!.rows).toHaveLength(66);
    expect(tables.observations!.columns).toEqual([
      'line',
      'group',
      'dose',
      'replicate',
      'response',
      'fitted',
      'residual',
    ]);
    const first = tables.observations!.rows[0]!;
    expect(first[0]).toBe(2);
    expect((first[4] as number) - (first[5] as number)).toBeCloseTo(first[6] as number, 12);
    expect(tables.fits!.columns).toEqual(
      expect.arrayContaining(['se_e', 'ic50_log_lower', 'joint_ic50_lower', 'flags']),
    );
    expect(tables.fits!.rows).toHaveLength(2);
    expect(tables.resistance_index!.rows).toHaveLength(1);
    expect(tables.curve!.rows.length).toBeGreaterThan(300);
    expect(figures['dose-response']).toMatch(/^<svg[\s\S]*MCF7_DoxR[\s\S]*<\/svg>\n$/);
  });

  it('uses --reference-group and fails with a field when it is not in the file', () => {
    const swapped = analyse(load('viability.csv').text, 'MCF7_DoxR').json;
    expect(swapped.reference_group).toBe('MCF7_DoxR');
    expect(
      rel(swapped.resistance_index.value, 1 / reference.resistance_index_EDcomp[0].Estimate),
    ).toBeLessThan(1e-3);
    const missing = runDoseResponseAnalysis(load('viability.csv'), { referenceGroup: 'BT474_parental' });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.issues[0]).toMatchObject({ file: 'viability.csv', field: '--reference-group' });
    expect(analyse(load('viability.csv').text, 'mcf7_doxr').json.reference_group).toBe('MCF7_DoxR');
  });

  it('defaults to the parental group wherever it sits in the file: resistant rows first give the same RI', () => {
    const [header, ...rows] = load('viability.csv').text.trim().split('\n');
    const reordered = [
      header,
      ...rows.filter((r) => r.startsWith('MCF7_DoxR')),
      ...rows.filter((r) => r.startsWith('MCF7_parental')),
    ];
    const json = analyse(reordered.join('\n')).json;
    expect(json.fits.map((f) => f.group)).toEqual(['MCF7_DoxR', 'MCF7_parental']);
    expect(json.reference_group).toBe('MCF7_parental');
    expect(json.resistance_index.group).toBe('MCF7_DoxR');
    const [ri] = reference.resistance_index_EDcomp;
    expect(rel(json.resistance_index.value, ri.Estimate)).toBeLessThan(1e-3);
    expect(rel(json.resistance_index.ci[0], ri.Lower)).toBeLessThan(1e-3);
    expect(rel(json.resistance_index.ci[1], ri.Upper)).toBeLessThan(1e-3);
  });
});

describe('default reference group by name', () => {
  const p = { b: 1.2, c: 5, d: 100, e: 0.1 };
  const q = { ...p, e: 2 };
  const text = (first: string, second: string) =>
    ['group,dose,response', ...curveRows(first, DOSES, q), ...curveRows(second, DOSES, p)].join('\n');
  it.each([
    ['SKBR3 TrasR', 'SKBR3 parental'],
    ['MCF7-DoxR', 'MCF7-sensitive'],
    ['siRNA', 'control.siNT'],
    ['Treated', 'Vehicle'],
    ['Resistant', 'WT'],
  ])('%s before %s: the latter is the reference', (first, second) => {
    const json = analyse(text(first, second)).json;
    expect(json.reference_group).toBe(second);
    expect(json.resistance_index.value).toBeCloseTo(20, 4);
  });
  it('falls back to the first group when no name reads as a reference; a word must stand alone', () => {
    expect(analyse(text('LineA', 'LineB')).json.reference_group).toBe('LineA');
    expect(analyse(text('Resistant', 'uncontrolled')).json.reference_group).toBe('Resistant');
  });
});

describe('response scale', () => {
  it('refuses fractions (0–1) with an issue on the response column, rather than fitting "no dose effect"', () => {
    const out = runDoseResponseAnalysis(load('bad-fraction.csv'), {});
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toEqual([
      expect.objectContaining({ file: 'bad-fraction.csv', line: 2, field: 'response' }),
    ]);
    expect(out.issues[0]!.message).toMatch(/look like fractions .*% viability \(0–100\)/);
  });

  it('judges "no dose effect" relative to the untreated level (absorbance read-out, untreated ≈ 2.4)', () => {
    const od = curveRows('parental', DOSES, { b: 1, c: 0.1, d: 2.4, e: 0.05 }, 2);
    const flat = [2.4, 2.35, 2.43, 2.38, 2.41, 2.36, 2.44, 2.37, 2.42, 2.4, 2.36];
    const out = analyse(
      ['group,dose,response', ...od, ...DOSES.map((x, i) => `flat_line,${x},${flat[i]}`)].join('\n'),
    );
    const f = fit(out.json, 'parental');
    expect(f.flags).toEqual([DOSE_RESPONSE_FLAGS.absoluteNotReached]);
    expect(f.ic50).toBeCloseTo(0.05, 5);
    expect(fit(out.json, 'flat_line').flags).toContain(DOSE_RESPONSE_FLAGS.noEffect);
    expect(out.warnings).toContainEqual(
      expect.stringMatching(/^responses are not on a 0–100 % scale \(median untreated response 2\.40\)/),
    );
  });

  it('no scale warning for % viability', () => {
    const out = runDoseResponseAnalysis(load('viability.csv'), {});
    expect(out.ok && out.value.warnings.filter((w) => /scale/.test(w))).toEqual([]);
  });
});

describe('degenerate groups give flags and nulls, never exceptions', () => {
  const parental = curveRows('parental', DOSES, { b: 1.1, c: 5, d: 100, e: 0.08 }, 2);

  it('constant response: flat, no fit, IC50 null and shown as above the top dose', () => {
    const json = analyse(
      ['group,dose,response', ...parental, ...DOSES.map((x) => `flat,${x},100`)].join('\n'),
    ).json;
    const f = fit(json, 'flat');
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.flat);
    expect(f.ic50).toBeNull();
    expect(f.ic50_ci).toEqual([null, null]);
    expect(f.hill).toBeNull();
    expect(f.ic50_display).toBe('> 30');
    expect(json.resistance_index.value).toBeNull();
    expect(json.resistance_index.display).toBe('> 375');
    expect(json.warnings.some((w) => w.startsWith('flat: flat'))).toBe(true);
  });

  it('draws flat, no-df and no-effect groups together without NaN in the figure', () => {
    const y = [100, 97, 103, 99, 101, 96, 104, 98, 102, 100, 97];
    const text = [
      'group,dose,response',
      ...parental,
      ...DOSES.map((x) => `flat,${x},100`),
      ...DOSES.map((x, i) => `noisy,${x},${y[i]}`),
      'few,0.1,90',
      'few,1,50',
      'few,10,10',
    ].join('\n');
    const out = analyse(text);
    expect(out.json.fits.map((f) => f.ic50_display)).toEqual(['0.0800', '> 30', '> 30', '1.00']);
    expect(out.figures['dose-response']).not.toMatch(/NaN|undefined|Infinity/);
    expect(out.tables.curve!.rows.every((r) => Number.isFinite(r[2]))).toBe(true);
  });

  it('three points and four parameters: estimates without CIs, flagged', () => {
    const json = analyse(
      ['group,dose,response', 'few,0.1,90', 'few,1,50', 'few,10,10', ...parental].join('\n'),
    ).json;
    const f = fit(json, 'few');
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.noResidualDf);
    expect(f.df_residual).toBe(0);
    expect(f.ic50).toBeCloseTo(1, 6);
    expect(f.ic50_ci).toEqual([null, null]);
    expect(f.ic50_se).toBeNull();
  });

  it('four points and four parameters: the RI CI borrows the pooled variance, said on its row', () => {
    const noise = [1.5, -2, 0.5, -1, 2.5, -0.5, 1, -1.5, 0, 2, -2.5];
    const noisy = DOSES.map(
      (x, i) => `parental,${x},${(ll4Value(x, { b: 1.1, c: 5, d: 100, e: 0.08 }) + noise[i]!).toFixed(3)}`,
    );
    const text = ['group,dose,response', 'few,0,100', 'few,0.1,90', 'few,1,50', 'few,10,10', ...noisy];
    const json = analyse(text.join('\n')).json;
    expect(fit(json, 'few').df_residual).toBe(0);
    expect(fit(json, 'few').ic50_ci).toEqual([null, null]);
    expect(json.reference_group).toBe('parental');
    const ri = json.resistance_index;
    expect(ri.group).toBe('few');
    expect(ri.df_residual).toBe(7);
    expect(ri.ci[0]).toBeLessThan(ri.value!);
    expect(ri.flags).toEqual([
      "pooled variance: few alone has no residual degrees of freedom; its CI borrows the other groups' residual variance (drc joint model)",
    ]);
    expect(json.warnings).toContainEqual(
      expect.stringMatching(/^resistance index few\/parental: pooled variance: few alone/),
    );
    // a group with its own residual df has no such flag
    expect(analyse(load('viability.csv').text).json.resistance_index.flags).toEqual([]);
  });

  it('noisy data without effect: IC50 not identifiable, resistance index not estimable', () => {
    const y = [100, 97, 103, 99, 101, 96, 104, 98, 102, 100, 97];
    const rows = DOSES.map((x, i) => `noisy,${x},${y[i]}`);
    const json = analyse(['group,dose,response', ...parental, ...rows].join('\n')).json;
    const f = fit(json, 'noisy');
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.noEffect);
    expect(f.ic50).toBeNull();
    expect(json.resistance_index.value).toBeNull();
    expect(json.resistance_index.flags[0]).toMatch(/^not estimable/);
  });

  it('IC50 above the tested doses: value given, flagged extrapolated, shown as > max dose', () => {
    const rows = curveRows('resistant', DOSES, { b: 2, c: 10, d: 100, e: 40 });
    const json = analyse(['group,dose,response', ...parental, ...rows].join('\n')).json;
    const f = fit(json, 'resistant');
    expect(f.ic50).toBeCloseTo(40, 3);
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.extrapolatedHigh);
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.absoluteExtrapolated);
    expect(f.ic50_display).toBe('> 30');
    expect(json.resistance_index.value).toBeCloseTo(40 / 0.08, 1);
    expect(json.resistance_index.flags[0]).toMatch(/^extrapolated/);
  });

  it('a curve that never falls to 50 %: absolute IC50 null, relative IC50 kept', () => {
    const rows = curveRows('partial', DOSES, { b: 1, c: 60, d: 100, e: 0.5 });
    const f = fit(analyse(['group,dose,response', ...parental, ...rows].join('\n')).json, 'partial');
    expect(f.ic50).toBeCloseTo(0.5, 5);
    expect(f.ic50_absolute).toBeNull();
    expect(f.ic50_absolute_ci).toEqual([null, null]);
    expect(f.flags).toContain(DOSE_RESPONSE_FLAGS.absoluteNotReached);
  });

  it('a resistant line whose plateau is not reached: not identifiable, RI as a lower bound (trastuzumab fixture)', () => {
    const out = runDoseResponseAnalysis(load('trastuzumab-skbr3.csv'), {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const json = out.value.json;
    expect(json.dose_unit).toBe('µg/mL');
    const resistant = fit(json, 'SKBR3_TrasR');
    expect(resistant.ic50).toBeNull();
    expect(resistant.bottom).toBeNull();
    expect(resistant.ic50_display).toBe('> 100');
    expect(resistant.flags).toContain(DOSE_RESPONSE_FLAGS.unbounded);
    expect(json.resistance_indices.map((r) => r.group)).toEqual([
      'SKBR3_TrasR',
      'SKBR3_TrasR_miR-770-5p_mimic',
    ]);
    expect(json.resistance_index.display).toMatch(/^> \d/);
    expect(json.resistance_index.lower_bound).toBeCloseTo(100 / fit(json, 'SKBR3_parental').ic50!, 10);
    const rescued = json.resistance_indices[1]!;
    expect(rescued.value).toBeGreaterThan(1);
    expect(rescued.ci[0]).toBeLessThan(rescued.value!);
    expect(out.value.figures['dose-response']).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('a file with one group has an all-null resistance index', () => {
    const json = analyse(['group,dose,response', ...parental].join('\n')).json;
    expect(json.resistance_index).toMatchObject({ value: null, ci: [null, null], group: null });
    expect(json.resistance_indices).toEqual([]);
  });
});

describe('dose–response table issues (file, line, field)', () => {
  const issues = (name: string) => {
    const r = runDoseResponseAnalysis(load(name), {});
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.issues;
  };

  it('missing response column', () => {
    expect(issues('bad-missing-column.csv')[0]).toMatchObject({
      file: 'bad-missing-column.csv',
      line: 1,
      field: 'response',
    });
  });

  it('text in the dose column', () => {
    expect(issues('bad-text-in-number.csv')).toEqual([
      expect.objectContaining({ file: 'bad-text-in-number.csv', line: 11, field: 'dose_uM' }),
    ]);
  });

  it('a group whose responses are all empty', () => {
    const [issue] = issues('bad-empty-group.csv');
    expect(issue).toMatchObject({ file: 'bad-empty-group.csv', line: 68, field: 'response' });
    expect(issue!.message).toMatch(/MCF7_DoxR_miR-770-5p/);
  });

  it('a negative dose', () => {
    expect(issues('bad-negative-dose.csv')[0]).toMatchObject({ line: 6, field: 'dose_uM' });
  });

  it('leaves out rows with a missing response, with a warning naming the line', () => {
    const parsed = parseDoseResponseTable('line,dose_uM,viability_pct\na,0,100\na,1,NA\na,2,50\n', 'x.csv');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.observations).toHaveLength(2);
    expect(parsed.value.warnings[0]).toMatch(/^x\.csv:3: viability_pct: missing response/);
    expect(parsed.value.columns).toEqual({ group: 'line', dose: 'dose_uM', response: 'viability_pct' });
  });

  it('reads units from dose headers', () => {
    expect(unitFromHeader('dose_uM')).toBe('µM');
    expect(unitFromHeader('Dose (nM)')).toBe('nM');
    expect(unitFromHeader('conc_ug/mL')).toBe('µg/mL');
    expect(unitFromHeader('dose')).toBe('');
  });

  it('does not change its input text', () => {
    const input = load('viability.csv');
    const copy = { ...input };
    runDoseResponseAnalysis(input, {});
    expect(input).toEqual(copy);
  });
});
