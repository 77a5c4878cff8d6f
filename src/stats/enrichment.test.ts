import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, checkOraCounts, overRepresentation } from './enrichment.js';

const dir = '../shared/data/reference-stats';
const csv = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head!.split(',').map((h) => h.replace(/"/g, ''));
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v.replace(/"/g, '')])));
};
/** relative error, the comparison the reference README asks for */
const close = (actual: number, expected: number, rel: number) =>
  expect(
    Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300),
    `${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(rel);

describe('over-representation vs R 4.2.2 (phyper, fisher.test, p.adjust BH)', () => {
  const inputs = csv(`${dir}/enrichment/ora_input.csv`);
  const expected = csv(`${dir}/enrichment/ora_results.csv`);
  const results = inputs.map((r) =>
    overRepresentation({ N: Number(r.N), K: Number(r.K), n: Number(r.n), x: Number(r.x) }),
  );

  it('equals the closed-form values to 1e-9', () => {
    results.forEach((ours, i) => {
      const r = expected[i]!;
      close(ours.expected, Number(r.expected), 1e-9);
      close(ours.foldEnrichment, Number(r.fold_enrichment), 1e-9);
      close(ours.pUpper, Number(r.p_hyper_upper), 1e-9);
      close(ours.pUpper, Number(r.p_fisher_greater), 1e-9);
      close(ours.pTwoSided, Number(r.p_fisher_two_sided), 1e-9);
      close(ours.sampleOddsRatio, Number(r.or_sample), 1e-9);
    });
    const q = benjaminiHochberg(results.map((r) => r.pUpper));
    q.forEach((value, i) => close(value, Number(expected[i]!.q_BH), 1e-9));
  });

  it('equals the conditional MLE odds ratio and its exact CI (root finding as R uniroot)', () => {
    results.forEach((ours, i) => {
      const r = expected[i]!;
      close(ours.oddsRatio, Number(r.or_cond_mle), 1e-9);
      close(ours.ci95[0], Number(r.ci95_lo), 1e-9);
      close(ours.ci95[1], Number(r.ci95_hi), 1e-9);
    });
  });

  it('handles BH with missing p-values as R does, and impossible tables with a message', () => {
    const edge = JSON.parse(readFileSync(`${dir}/de/limma_edge_cases.json`, 'utf8')).p_adjust_BH_with_NA;
    const q = benjaminiHochberg(
      edge.input.map((v: number | string | null) => (typeof v === 'number' ? v : NaN)),
    );
    edge.output.forEach((v: number | string | null, i: number) =>
      typeof v === 'number' ? close(q[i]!, v, 1e-12) : expect(q[i]).toBeNaN(),
    );
    expect(checkOraCounts({ N: 100, K: 10, n: 5, x: 6 })).toMatch(/overlap x=6 exceeds min\(K, n\)=5/);
    expect(() => overRepresentation({ N: 10, K: 20, n: 5, x: 1 })).toThrow(/exceeds the universe/);
    const none = overRepresentation({ N: 100, K: 10, n: 10, x: 0 });
    expect(none.oddsRatio).toBe(0);
    expect(none.ci95[0]).toBe(0);
    expect(none.pUpper).toBe(1);
  });
});
