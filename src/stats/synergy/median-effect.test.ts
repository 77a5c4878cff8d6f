import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  combinationIndex,
  doseForEffect,
  fixedRatioCombinationIndex,
  interpretCombinationIndex,
  medianEffectFit,
} from './median-effect.js';

const reference = JSON.parse(
  readFileSync('../shared/data/reference-stats/synergy/chou_talalay_ci.json', 'utf8'),
);
const CLOSED_FORM = 1e-9;
let worst = 0;
const close = (actual: number, expected: number, what: string) => {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  worst = Math.max(worst, error);
  expect(error, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(CLOSED_FORM);
};

describe('Chou–Talalay median effect and CI vs medianeffect 0.9.1 (Chou 1994 data)', () => {
  const { paclitaxel, cisplatin, combo } = reference.inputs;
  const fit1 = medianEffectFit(paclitaxel.D, paclitaxel.fa)!;
  const fit2 = medianEffectFit(cisplatin.D, cisplatin.fa)!;
  const result = fixedRatioCombinationIndex(
    { totalDose: combo.D_total, fa: combo.fa, ratio: combo.ratio },
    fit1,
    fit2,
    reference.ci_at_fa.map((r: { fa: number }) => r.fa),
  );

  it('fits m, Dm, r and the intercept b of each median-effect plot at 1e-9', () => {
    for (const [ours, theirs, name] of [
      [fit1, reference.params.paclitaxel, 'paclitaxel'],
      [fit2, reference.params.cisplatin, 'cisplatin'],
      [result.combination!, reference.params.combo, 'combo'],
    ] as const)
      for (const key of ['m', 'Dm', 'r', 'b'] as const) close(ours[key], theirs[key], `${name} ${key}`);
  });

  it('gives calc_ci at the observed combination points and at chosen fa at 1e-9', () => {
    result.atObserved.forEach((r, i) => {
      expect(r.fa).toBe(reference.ci_at_observed[i].fa);
      close(r.ci, reference.ci_at_observed[i].CI, `observed ${r.fa}`);
    });
    result.atFa.forEach((r, i) => close(r.ci, reference.ci_at_fa[i].CI, `fa ${r.fa}`));
    console.log(`Chou–Talalay vs medianeffect: max relative error ${worst.toExponential(2)}`);
  });

  it('inverts the median-effect equation and returns NaN outside 0 < fa < 1', () => {
    expect(doseForEffect(fit1, 0.5)).toBeCloseTo(fit1.Dm, 15);
    expect(doseForEffect(fit1, 0)).toBeNaN();
    expect(doseForEffect(fit1, 1)).toBeNaN();
    expect(combinationIndex(0.001, 0.1, 1.2, fit1, fit2)).toBeNaN();
    expect(interpretCombinationIndex(0.6)).toBe('synergism');
    expect(interpretCombinationIndex(1)).toBe('nearly additive');
    expect(interpretCombinationIndex(NaN)).toBe('');
  });

  it('needs two usable points (D > 0, 0 < fa < 1) at two doses', () => {
    expect(medianEffectFit([0, 1, 2], [0, 1, 0.5])).toBeUndefined();
    expect(medianEffectFit([1, 1], [0.2, 0.4])).toBeUndefined();
    expect(medianEffectFit([0, 1, 2, 4], [0, 0.2, 0.5, 0.8])!.n).toBe(3);
  });
});
