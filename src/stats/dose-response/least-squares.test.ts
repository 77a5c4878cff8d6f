import { describe, expect, it } from 'vitest';
import { crossProduct, invertSymmetric, levenbergMarquardt, solveSymmetric } from './least-squares.js';

describe('Levenberg–Marquardt', () => {
  it('finds the least-squares exponential decay y = a·exp(−k t) from a poor start', () => {
    const t = [0, 1, 2, 3, 4, 5, 6];
    const y = t.map((v, i) => 80 * Math.exp(-0.45 * v) + [0.3, -0.2, 0.1, -0.4, 0.2, 0.1, -0.1][i]!);
    const model = (theta: readonly number[]) => ({
      residuals: t.map((v, i) => y[i]! - theta[0]! * Math.exp(-theta[1]! * v)),
      jacobian: t.map((v) => [Math.exp(-theta[1]! * v), -theta[0]! * v * Math.exp(-theta[1]! * v)]),
    });
    const fit = levenbergMarquardt(model, [10, 3]);
    expect(fit.converged).toBe(true);
    expect(fit.theta[0]).toBeCloseTo(80, 0);
    expect(fit.theta[1]).toBeCloseTo(0.45, 2);
    // the gradient Jᵀr vanishes at the optimum
    const { residuals, jacobian } = model(fit.theta);
    for (let j = 0; j < 2; j++)
      expect(Math.abs(residuals.reduce((s, r, i) => s + r * jacobian[i]![j]!, 0))).toBeLessThan(1e-6);
  });

  it('returns NaN rss instead of throwing when the model is not finite at the start', () => {
    const fit = levenbergMarquardt(() => ({ residuals: [NaN], jacobian: [[1]] }), [0]);
    expect(Number.isNaN(fit.rss)).toBe(true);
    expect(fit.converged).toBe(false);
  });
});

describe('small dense linear algebra', () => {
  const a = [
    [4, 1, 0.5],
    [1, 3, 0.2],
    [0.5, 0.2, 2],
  ];
  it('inverts a symmetric matrix and solves A x = b', () => {
    const inv = invertSymmetric(a)!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(a[i]!.reduce((s, v, k) => s + v * inv[k]![j]!, 0)).toBeCloseTo(i === j ? 1 : 0, 12);
    const x = solveSymmetric(a, [1, 2, 3])!;
    a.forEach((row, i) => expect(row.reduce((s, v, k) => s + v * x[k]!, 0)).toBeCloseTo([1, 2, 3][i]!, 12));
  });

  it('reports singular matrices as undefined', () => {
    expect(
      invertSymmetric([
        [1, 2],
        [2, 4],
      ]),
    ).toBeUndefined();
    expect(
      solveSymmetric(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 1],
      ),
    ).toBeUndefined();
    expect(
      crossProduct([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([
      [10, 14],
      [14, 20],
    ]);
  });
});
