import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitStandardCurves, parseStandardCurve } from './standard-curve.js';

const REFERENCE_DIR = '../shared/data/reference-stats/qpcr';
/** relative error against R, as the reference README asks */
function expectClose(actual: number, expected: number, rel: number, label = ''): void {
  expect(
    Math.abs(actual - expected) / Math.abs(expected),
    `${label} ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(rel);
}

describe('standard curves vs pcr 1.2.2 pcr_standard', () => {
  const ref = JSON.parse(readFileSync(`${REFERENCE_DIR}/standard_curve.json`, 'utf8')) as {
    result: {
      gene: string;
      intercept: number;
      slope: number;
      r_squared: number;
      E_amplification: number;
      efficiency_percent: number;
    }[];
  };
  const points = parseStandardCurve(
    readFileSync(`${REFERENCE_DIR}/standard_curve.csv`, 'utf8'),
    'standard_curve.csv',
  );

  it('reads the wide table and fits slope, intercept, R², E and % efficiency to 1e-9', () => {
    expect(points.ok).toBe(true);
    if (!points.ok) return;
    const fitted = fitStandardCurves(points.value, 'standard_curve.csv');
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(fitted.value.fits.map((f) => f.target)).toEqual(ref.result.map((r) => r.gene));
    for (const [i, f] of fitted.value.fits.entries()) {
      const r = ref.result[i]!;
      expectClose(f.slope, r.slope, 1e-9, 'slope');
      expectClose(f.intercept, r.intercept, 1e-9, 'intercept');
      expectClose(f.rSquared, r.r_squared, 1e-9, 'r²');
      expectClose(f.efficiency, r.E_amplification, 1e-9, 'E');
      expectClose(f.efficiencyPercent, r.efficiency_percent, 1e-9, '%');
      expect(f.efficiencyAcceptable).toBe(true);
    }
    expect(fitted.value.warnings).toEqual([]);
  });

  it('reads the long form (target,amount,ct) to the same fit', () => {
    if (!points.ok) return;
    const long =
      'target,amount,ct\n' + points.value.map((p) => `${p.target},${p.amount},${p.ct}`).join('\n') + '\n';
    const parsed = parseStandardCurve(long, 'long.csv');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const fitted = fitStandardCurves(parsed.value, 'long.csv');
    if (!fitted.ok) throw new Error('fit failed');
    expectClose(fitted.value.fits[0]!.slope, ref.result[0]!.slope, 1e-9);
  });

  it('rejects a rising curve (slope ≥ 0) with file, line and target', () => {
    const rising = 'input_rel,U6\n1,30\n0.1,27\n0.01,24\n';
    const parsed = parseStandardCurve(rising, 'sc.csv');
    if (!parsed.ok) throw new Error('parse failed');
    const fitted = fitStandardCurves(parsed.value, 'sc.csv');
    expect(fitted.ok).toBe(false);
    if (!fitted.ok) expect(fitted.issues[0]).toMatchObject({ file: 'sc.csv', line: 2, field: 'U6' });
  });

  it('warns outside 90–110 % and leaves Undetermined points out', () => {
    const csv = 'input_rel,X\n1,20\n0.1,24\n0.01,28\n0.001,Undetermined\n';
    const parsed = parseStandardCurve(csv, 'sc.csv');
    if (!parsed.ok) throw new Error('parse failed');
    const fitted = fitStandardCurves(parsed.value, 'sc.csv');
    if (!fitted.ok) throw new Error('fit failed');
    expect(fitted.value.fits[0]!.n).toBe(3);
    expect(fitted.value.fits[0]!.efficiencyPercent).toBeCloseTo((10 ** 0.25 - 1) * 100, 10);
    expect(fitted.value.warnings.join('\n')).toMatch(/outside 90–110 %/);
    expect(fitted.value.warnings.join('\n')).toMatch(/1 dilution point/);
  });

  it('reports a text amount and too few points', () => {
    const bad = parseStandardCurve('input_rel,U6\nabc,20\n', 'sc.csv');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ line: 2, field: 'input_rel' });
    const few = parseStandardCurve('input_rel,U6\n1,20\n0.1,23.3\n', 'sc.csv');
    if (!few.ok) throw new Error('parse failed');
    expect(fitStandardCurves(few.value, 'sc.csv').ok).toBe(false);
  });
});
