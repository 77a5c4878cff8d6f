import { readFileSync } from 'node:fs';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { describe, expect, it } from 'vitest';
import { tTwoSidedP } from '../t-test.js';
import { ed50Ratio, ed50Summary, jointModel, standardErrors } from './effective-dose.js';
import type { Ll4Params } from './log-logistic-fit.js';
import { fitLl4, ll4StartingValues, ll4Value } from './log-logistic-fit.js';

const dir = '../shared/data/reference-stats/dose_response';
const reference = JSON.parse(readFileSync(`${dir}/drc_ll4.json`, 'utf8'));
const rows = readFileSync(`${dir}/viability.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map(([line, dose, , viability]) => ({
    line: line!.replace(/"/g, ''),
    dose: Number(dose),
    y: Number(viability),
  }));
const data = (line: string) => {
  const r = rows.filter((o) => o.line === line);
  return { dose: r.map((o) => o.dose), y: r.map((o) => o.y) };
};
const GROUPS = ['MCF7_parental', 'MCF7_DoxR'] as const;
const README_RELATIVE = 1e-3;

let worst = 0;
/** relative error vs R, recording the largest seen */
const close = (actual: number, expected: number, rel = README_RELATIVE, what = '') => {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  worst = Math.max(worst, error);
  expect(error, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
};
const rss = (dose: number[], y: number[], p: Ll4Params) =>
  y.reduce((s, v, i) => s + (v - ll4Value(dose[i]!, p)) ** 2, 0);
const rParams = (coef: Record<string, number>, suffix: string): Ll4Params => ({
  b: coef[`b:${suffix}`]!,
  c: coef[`c:${suffix}`]!,
  d: coef[`d:${suffix}`]!,
  e: coef[`e:${suffix}`]!,
});

const fits = Object.fromEntries(GROUPS.map((g) => [g, fitLl4(data(g).dose, data(g).y)])) as Record<
  (typeof GROUPS)[number],
  ReturnType<typeof fitLl4>
>;

describe('LL.4 separate fits vs drc 3.0-1 drm(LL.4())', () => {
  it.each(GROUPS)(
    '%s: coefficients, SEs, rse, df, logLik and AIC at 1e-3; RSS at least as low as drc',
    (g) => {
      const r = reference.separate_fits[g];
      const fit = fits[g];
      const rp = rParams(r.coef, '(Intercept)');
      (['b', 'c', 'd', 'e'] as const).forEach((name, k) => {
        close(fit.params[name], rp[name], README_RELATIVE, `${g} ${name}`);
        close(fit.se[name], r.se[k], README_RELATIVE, `${g} se ${name}`);
      });
      expect(fit.df).toBe(r.df_residual);
      close(fit.rse, r.rse, README_RELATIVE, 'rse');
      close(fit.logLik, r.loglik, README_RELATIVE, 'logLik');
      close(fit.aic, r.aic, README_RELATIVE, 'AIC');
      const { dose, y } = data(g);
      expect(fit.rss).toBeLessThanOrEqual(rss(dose, y, rp) * (1 + 1e-7));
      expect(fit.converged).toBe(true);
    },
  );

  it.each(GROUPS)('%s: ED50 relative and absolute with delta-method CIs (drc ED)', (g) => {
    const r = reference.separate_fits[g];
    const ed = ed50Summary(fits[g]);
    for (const [ours, theirs] of [
      [ed.relative, r.ed50_delta],
      [ed.absolute, r.ed50_abs],
    ] as const) {
      close(ours.estimate, theirs.Estimate, README_RELATIVE, `${g} estimate`);
      close(ours.se, theirs['Std. Error'], README_RELATIVE, `${g} se`);
      close(ours.lower, theirs.Lower, README_RELATIVE, `${g} lower`);
      close(ours.upper, theirs.Upper, README_RELATIVE, `${g} upper`);
    }
    // the absolute ED50 solves f(x) = 50
    expect(ll4Value(ed.absolute.estimate, fits[g].params)).toBeCloseTo(50, 10);
  });
});

describe('joint model (drm with curveid) vs drc: shared residual variance', () => {
  const joint = jointModel(GROUPS.map((g) => fits[g]));
  const byName = (g: string) => joint.curves[GROUPS.indexOf(g as (typeof GROUPS)[number])]!;

  it('has the joint rse and df, the joint coefficients and their SEs at 1e-3', () => {
    const [[rse, df]] = reference.joint_fit.rse as [[number, number]];
    close(joint.rse, rse, README_RELATIVE, 'joint rse');
    expect(joint.df).toBe(df);
    expect(joint.df).toBe(reference.joint_fit.df_residual);
    for (const g of GROUPS) {
      const rp = rParams(reference.joint_fit.coefficients, g);
      const se = standardErrors(byName(g));
      for (const name of ['b', 'c', 'd', 'e'] as const) {
        close(byName(g).params[name], rp[name], README_RELATIVE, `joint ${g} ${name}`);
        const row = reference.joint_fit.coef_table.find((t: { _row: string }) => t._row === `${name}:${g}`);
        close(se[name], row['Std. Error'], README_RELATIVE, `joint ${g} se ${name}`);
      }
    }
  });

  it('has the coefficient table t-values at 1e-3; p-values as exact two-sided t tail areas', () => {
    for (const row of reference.joint_fit.coef_table as (Record<string, number> & { _row: string })[]) {
      const [name, g] = row._row.split(':') as ['b' | 'c' | 'd' | 'e', string];
      const curve = byName(g);
      const t = curve.params[name] / standardErrors(curve)[name];
      close(t, row['t-value']!, README_RELATIVE, `t ${row._row}`);
      // drc adds pt(−|t|) and 1 − pt(|t|): the second term cancels to 0 (or a multiple of 2⁻⁵³) below ~1e-15,
      // so its tiniest p-values are half the two-sided value; the formula reproduces R's digits from R's t
      const rT = Math.abs(row['t-value']!);
      const drcStyle = tCdf(-rT, joint.df) + (1 - tCdf(rT, joint.df));
      expect(Math.abs(drcStyle - row['p-value']!)).toBeLessThanOrEqual(
        1e-6 * row['p-value']! + Math.pow(2, -52),
      );
      const p = tTwoSidedP(t, joint.df);
      if (row['p-value']! > 1e-12)
        expect(Math.abs(Math.log(p) - Math.log(row['p-value']!)) / -Math.log(row['p-value']!)).toBeLessThan(
          1e-3,
        );
      else expect(p).toBeLessThan(1e-12);
    }
  });

  it('reproduces ED(relative, delta), ED(absolute, delta) and LL2.4 ED(fls) of the joint model', () => {
    for (const g of GROUPS) {
      const ed = ed50Summary(byName(g));
      const pick = (table: Record<string, number>[]) =>
        table.find((t) => t._row === (`e:${g}:50` as unknown))!;
      for (const [ours, theirs] of [
        [ed.relative, pick(reference.ed50_relative_delta)],
        [ed.absolute, pick(reference.ed50_absolute_delta)],
      ] as const) {
        close(ours.estimate, theirs.Estimate!, README_RELATIVE, `${g} joint estimate`);
        close(ours.se, theirs['Std. Error']!, README_RELATIVE, `${g} joint se`);
        close(ours.lower, theirs.Lower!, README_RELATIVE, `${g} joint lower`);
        close(ours.upper, theirs.Upper!, README_RELATIVE, `${g} joint upper`);
      }
      const fls = pick(reference.ed50_fls_log_param);
      close(ed.relativeLogScale.estimate, fls.Estimate!, README_RELATIVE, `${g} fls estimate`);
      close(ed.relativeLogScale.lower, fls.Lower!, README_RELATIVE, `${g} fls lower`);
      close(ed.relativeLogScale.upper, fls.Upper!, README_RELATIVE, `${g} fls upper`);
      // the log-scale interval is asymmetric around e, the delta one symmetric
      expect(ed.relativeLogScale.upper - ed.relative.estimate).toBeGreaterThan(
        ed.relative.estimate - ed.relativeLogScale.lower,
      );
    }
  });

  it('reproduces EDcomp (resistance index DoxR / parental) with its delta-method CI', () => {
    const ri = ed50Ratio(byName('MCF7_DoxR'), byName('MCF7_parental'), joint.df);
    const [r] = reference.resistance_index_EDcomp;
    close(ri.estimate, r.Estimate, README_RELATIVE, 'RI');
    close(ri.lower, r.Lower, README_RELATIVE, 'RI lower');
    close(ri.upper, r.Upper, README_RELATIVE, 'RI upper');
  });

  it('the full delta method for the absolute ED50 (c and d uncertainty propagated) differs from drc’s', () => {
    const ed = ed50Summary(byName('MCF7_DoxR'));
    expect(ed.absolutePropagated.estimate).toBe(ed.absolute.estimate);
    expect(Math.abs(ed.absolutePropagated.se - ed.absolute.se) / ed.absolute.se).toBeGreaterThan(0.1);
  });
});

describe('LL.4 edge cases (drc_ll4.json edge_cases)', () => {
  const doses = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];

  it('three points and four parameters: the exact interpolation drc reports, df 0 and no SEs', () => {
    const fit = fitLl4([0.1, 1, 10], [90, 50, 10]);
    const [b, c, d, e] = reference.edge_cases.three_points_four_params.value as number[];
    close(fit.params.b, b!, README_RELATIVE, 'b');
    close(fit.params.c, c!, README_RELATIVE, 'c');
    close(fit.params.d, d!, README_RELATIVE, 'd');
    close(fit.params.e, e!, README_RELATIVE, 'e');
    expect(fit.df).toBe(0);
    expect(fit.rss).toBeLessThan(1e-12);
    expect(Number.isNaN(fit.rse)).toBe(true);
    expect(Object.values(fit.se).every(Number.isNaN)).toBe(true);
    const ed = ed50Summary(fit);
    expect(Number.isNaN(ed.relative.lower)).toBe(true);
  });

  it('constant response (drc: "0 (non-NA) cases") gives a finite flat curve, not an exception', () => {
    const fit = fitLl4(
      doses,
      doses.map(() => 100),
    );
    expect(reference.edge_cases.constant_response.ok).toBe(false);
    expect(fit.rss).toBe(0);
    expect(doses.every((x) => Math.abs(ll4Value(x, fit.params) - 100) < 1e-9)).toBe(true);
  });

  it('noisy no-effect data: a residual sum of squares no higher than drc’s', () => {
    const y = [100, 97, 103, 99, 101, 96, 104, 98, 102, 100, 97];
    const fit = fitLl4(doses, y);
    const r = reference.edge_cases.no_effect_noisy.value.coef;
    expect(fit.rss).toBeLessThanOrEqual(rss(doses, y, rParams(r, '(Intercept)')) * (1 + 1e-7));
  });
});

describe('LL.4 model details', () => {
  it('uses the dose-0 limit: d for a falling curve, c for a rising one', () => {
    expect(ll4Value(0, { b: 1.2, c: 5, d: 100, e: 1 })).toBe(100);
    expect(ll4Value(0, { b: -1.2, c: 5, d: 100, e: 1 })).toBe(5);
    expect(ll4Value(1, { b: -1.2, c: 5, d: 100, e: 1 })).toBeCloseTo(52.5, 12);
  });

  it('self-starts with asymptotes just outside the data and the logit slope', () => {
    const start = ll4StartingValues([0.1, 1, 10], [90, 50, 10]);
    expect(start.c).toBeCloseTo(9.92, 12);
    expect(start.d).toBeCloseTo(90.08, 12);
    expect(start.e).toBeCloseTo(1, 12);
  });

  it('holds fixed parameters and counts only the free ones in df', () => {
    const { dose, y } = data('MCF7_parental');
    const fit = fitLl4(dose, y, { fixed: { c: 0, d: 100 } });
    expect(fit.params.c).toBe(0);
    expect(fit.params.d).toBe(100);
    expect(fit.free).toEqual(['b', 'e']);
    expect(fit.df).toBe(dose.length - 2);
    expect(Number.isNaN(fit.se.c)).toBe(true);
    expect(fit.se.e).toBeGreaterThan(0);
    // the constrained optimum is no better than the free one
    expect(fit.rss).toBeGreaterThanOrEqual(fits.MCF7_parental.rss);
  });

  it('does not mutate its inputs', () => {
    const { dose, y } = data('MCF7_DoxR');
    const before = JSON.stringify([dose, y]);
    fitLl4(dose, y);
    expect(JSON.stringify([dose, y])).toBe(before);
  });

  it('reports the largest relative error vs drc seen in this file', () => {
    expect(worst).toBeLessThan(README_RELATIVE);
    console.log(`LL.4 vs drc: max relative error ${worst.toExponential(2)}`);
  });
});
