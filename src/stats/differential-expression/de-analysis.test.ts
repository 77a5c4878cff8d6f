import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { tidyTableToCsv } from '../analysis-output.js';
import { runDifferentialExpression, type DeOptions } from './de-analysis.js';

const referenceDir = '../shared/data/reference-stats/de';
const fixtures = 'test/fixtures/analysis/de';
const fixture = (name: string) => ({ text: readFileSync(`${fixtures}/${name}`, 'utf8'), file: name });
const csv = (path: string): Record<string, string>[] => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head!.split(',').map((h) => h.replace(/"/g, ''));
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v.replace(/"/g, '')])));
};
const rel = (a: number | null, b: number) => Math.abs(a! - b) / Math.abs(b);
const defaults: DeOptions = { method: 'limma', counts: false, alpha: 0.05, minAbsLog2Fc: 1 };
const log2 = fixture('mirna-log2.csv');
const samples = fixture('samples.csv');

describe('runDifferentialExpression on the reference log2 table (limma 3.54.1, Welch, BH)', () => {
  const r = runDifferentialExpression(log2, { ...defaults, samples });
  const expected = csv(`${referenceDir}/limma_welch_results.csv`);
  const summary = JSON.parse(readFileSync(`${referenceDir}/limma_summary.json`, 'utf8'));

  it('reports every reference column in its JSON and results table', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { json, tables } = r.value;
    expect(r.value.analysis).toBe('de');
    expect(json.reference_group).toBe('Parental');
    expect(json.group).toBe('Resistant');
    expect(json.n_features).toBe(30);
    expect(rel(json.prior.df, summary.df_prior)).toBeLessThan(1e-7);
    expect(rel(json.prior.s2, summary.s2_prior)).toBeLessThan(1e-7);
    const table = tables.results!;
    const cell = (feature: string, column: string) =>
      table.rows.find((row) => row[1] === feature)![table.columns.indexOf(column)] as number;
    for (const e of expected) {
      const res = json.results.find((x) => x.feature === e.mirna)!;
      expect(rel(res.log2fc, Number(e.logFC))).toBeLessThan(1e-9);
      expect(rel(res.ave_expr, Number(e.AveExpr))).toBeLessThan(1e-9);
      expect(rel(res.t, Number(e.t_mod))).toBeLessThan(1e-7);
      expect(rel(res.p_value, Number(e.p_mod))).toBeLessThan(1e-7);
      expect(rel(res.q_value, Number(e.q_mod_BH))).toBeLessThan(1e-7);
      expect(rel(res.b_statistic, Number(e.B))).toBeLessThan(1e-7);
      expect(rel(res.limma.s2, Number(e.s2))).toBeLessThan(1e-9);
      expect(rel(res.limma.s2_post, Number(e.s2_post))).toBeLessThan(1e-7);
      expect(rel(res.limma.df_total, Number(e.df_total))).toBeLessThan(1e-7);
      expect(rel(res.welch.t, Number(e.welch_t))).toBeLessThan(1e-9);
      expect(rel(res.welch.df, Number(e.welch_df))).toBeLessThan(1e-9);
      expect(rel(res.welch.p, Number(e.welch_p))).toBeLessThan(1e-9);
      expect(rel(res.welch.q, Number(e.welch_q_BH))).toBeLessThan(1e-9);
      expect(rel(cell(e.mirna!, 'B'), Number(e.B))).toBeLessThan(1e-7);
      expect(rel(cell(e.mirna!, 'welch_q'), Number(e.welch_q_BH))).toBeLessThan(1e-9);
    }
  });

  it('calls miR-770-5p down and miR-221-3p up in resistant cells, sorted by p, as FeatureChanges', () => {
    if (!r.ok) throw new Error('analysis failed');
    const { json, changes } = r.value;
    expect(json.results.map((x) => x.rank)).toEqual(json.results.map((_, i) => i + 1));
    const p = json.results.map((x) => x.p_value!);
    expect(p).toEqual([...p].sort((a, b) => a - b));
    const called = json.results.filter((x) => x.significant).map((x) => [x.feature, x.direction]);
    expect(called).toEqual([
      ['hsa-miR-221-3p', 'up'],
      ['hsa-miR-770-5p', 'down'],
      ['hsa-miR-200c-3p', 'down'],
      ['hsa-miR-1007', 'up'],
    ]);
    // significant means q < alpha AND |log2 FC| >= the minimum
    for (const x of json.results) expect(x.significant).toBe(x.q_value! < 0.05 && Math.abs(x.log2fc!) >= 1);
    expect(json.n_significant).toEqual({ up: 2, down: 2 });
    const mir770 = changes!.find((c) => c.feature === 'hsa-miR-770-5p')!;
    expect(mir770).toMatchObject({ group: 'Resistant', referenceGroup: 'Parental', significant: true });
    expect(mir770.log2FoldChange).toBeCloseTo(-2.1404, 10);
    expect(mir770.rule).toMatch(/q < 0.05 and \|log2 FC\| ≥ 1/);
    expect(changes).toHaveLength(30);
  });

  it('switches the calls to Welch with method welch, and loosens them with a smaller fold-change rule', () => {
    const welch = runDifferentialExpression(log2, { ...defaults, samples, method: 'welch' });
    expect(welch.ok).toBe(true);
    if (!welch.ok) return;
    const w = welch.value.json.results;
    expect(w.filter((x) => x.significant).map((x) => x.feature)).toEqual([
      'hsa-miR-200c-3p',
      'hsa-miR-770-5p',
    ]);
    expect(w.every((x) => x.b_statistic === null && x.p_value === x.welch.p)).toBe(true);
    const loose = runDifferentialExpression(log2, { ...defaults, samples, minAbsLog2Fc: 0, alpha: 0.1 });
    const byR = expected.filter((e) => Number(e.q_mod_BH) < 0.1).map((e) => e.mirna);
    expect(
      loose.ok &&
        loose.value.json.results
          .filter((x) => x.significant)
          .map((x) => x.feature)
          .sort(),
    ).toEqual(byR.sort());
  });

  it('draws volcano, MA and heatmap figures as valid SVG naming the significant miRNAs', () => {
    if (!r.ok) throw new Error('analysis failed');
    expect(Object.keys(r.value.figures)).toEqual(['volcano', 'ma', 'heatmap']);
    for (const svg of Object.values(r.value.figures)) expect(XMLValidator.validate(svg)).toBe(true);
    for (const name of ['hsa-miR-770-5p', 'hsa-miR-221-3p', 'hsa-miR-200c-3p', 'hsa-miR-1007'])
      expect(r.value.figures.volcano).toContain(`>${name}<`);
    expect(r.value.figures.volcano).toContain('q = 0.05');
  });

  it('takes groups from an option or, with a warning, from the sample names', () => {
    const groups = { P1: 'sensitive', P2: 'sensitive', P3: 'sensitive', R1: 'TR', R2: 'TR', R3: 'TR' };
    const copy = JSON.stringify(groups);
    const byOption = runDifferentialExpression(log2, { ...defaults, groups });
    expect(byOption.ok && [byOption.value.json.reference_group, byOption.value.json.group]).toEqual([
      'sensitive',
      'TR',
    ]);
    expect(JSON.stringify(groups)).toBe(copy);
    const inferred = runDifferentialExpression(log2, { ...defaults, referenceGroup: 'R' });
    expect(inferred.ok).toBe(true);
    if (!inferred.ok) return;
    expect(inferred.value.warnings[0]).toMatch(/no sample sheet/);
    expect(inferred.value.json.reference_group).toBe('R');
    expect(inferred.value.json.results.find((x) => x.feature === 'hsa-miR-770-5p')!.log2fc).toBeCloseTo(
      2.1404,
      10,
    );
  });
});

describe('runDifferentialExpression on counts (voom)', () => {
  const r = runDifferentialExpression(fixture('mirna-counts.csv'), { ...defaults, samples, counts: true });
  const voom = JSON.parse(readFileSync(`${referenceDir}/voom_counts.json`, 'utf8'));

  it('matches voom + lmFit + eBayes + topTable', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { json, tables } = r.value;
    expect(Object.values(json.voom!.lib_size)).toEqual(voom.lib_size);
    for (const e of voom.topTable) {
      const res = json.results.find((x) => x.feature === e.mirna)!;
      expect(rel(res.log2fc, e.logFC)).toBeLessThan(1e-9);
      expect(rel(res.ave_expr, e.AveExpr)).toBeLessThan(1e-9);
      expect(rel(res.t, e.t)).toBeLessThan(1e-7);
      expect(rel(res.p_value, e['P.Value'])).toBeLessThan(1e-7);
      expect(rel(res.q_value, e['adj.P.Val'])).toBeLessThan(1e-7);
      expect(rel(res.b_statistic, e.B)).toBeLessThan(1e-7);
    }
    // the voom table: logCPM and weights per observation
    const v = tables.voom!;
    const col = (c: string) => v.columns.indexOf(c);
    const first = v.rows.filter((row) => row[col('feature')] === 'hsa-miR-770-5p');
    first.forEach((row, j) => {
      expect(rel(row[col('weight')] as number, voom.weights_row1[j])).toBeLessThan(1e-9);
      const sample = row[col('sample')] as string;
      expect(rel(row[col('log_cpm')] as number, voom.logCPM[0][sample])).toBeLessThan(1e-12);
    });
    expect(json.prior.df_infinite).toBe(true);
    expect(tidyTableToCsv(tables.results!)).toContain('Inf');
  });

  it('rejects negative or missing counts', () => {
    const bad = runDifferentialExpression(
      { text: 'mirna,P1,P2,R1,R2\nmiR-1,5,-1,3,4\nmiR-2,5,NA,3,4\n', file: 'c.csv' },
      { ...defaults, counts: true },
    );
    expect(!bad.ok && bad.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'P2'],
      [3, 'P2'],
    ]);
  });
});

describe('runDifferentialExpression problems are issues with file, line and field', () => {
  it('bad-missing-column.csv: a sample sheet without a group column', () => {
    const r = runDifferentialExpression(log2, { ...defaults, samples: fixture('bad-missing-column.csv') });
    expect(!r.ok && r.issues[0]).toMatchObject({ file: 'bad-missing-column.csv', line: 1, field: 'group' });
  });

  it('bad-empty-group.csv: a sample with an empty group', () => {
    const r = runDifferentialExpression(log2, { ...defaults, samples: fixture('bad-empty-group.csv') });
    expect(!r.ok && r.issues).toEqual([
      { file: 'bad-empty-group.csv', line: 5, field: 'group', message: 'empty value' },
    ]);
  });

  it('bad-text-in-number.csv: text in an expression cell', () => {
    const r = runDifferentialExpression(fixture('bad-text-in-number.csv'), { ...defaults, samples });
    expect(!r.ok && r.issues).toEqual([
      expect.objectContaining({ file: 'bad-text-in-number.csv', line: 4, field: 'R1' }),
    ]);
    expect(!r.ok && r.issues[0]!.message).toMatch(/'high' is not a number/);
  });

  it('a duplicated feature id', () => {
    const text = 'mirna,P1,P2,R1,R2\nmiR-21,1,2,3,4\nmiR-21,1,2,3,5\n';
    const r = runDifferentialExpression({ text, file: 'd.csv' }, defaults);
    expect(!r.ok && r.issues[0]).toMatchObject({ file: 'd.csv', line: 3, field: 'mirna' });
  });

  it('samples missing from the table, and table columns missing from the sheet', () => {
    const sheet = {
      text: 'sample,group\nP1,Parental\nP2,Parental\nP3,Parental\nR1,Resistant\nR2,Resistant\nR9,Resistant\n',
      file: 's.csv',
    };
    const r = runDifferentialExpression(log2, { ...defaults, samples: sheet });
    expect(!r.ok && r.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['s.csv', 7, 'sample'],
      ['mirna-log2.csv', 1, 'R3'],
    ]);
  });

  it('a group with one sample, three groups, an unknown reference group, bad options', () => {
    const one = { P1: 'A', P2: 'A', P3: 'A', R1: 'A', R2: 'A', R3: 'B' };
    const r1 = runDifferentialExpression(log2, { ...defaults, groups: one });
    expect(!r1.ok && r1.issues[0]!.message).toMatch(/group 'B' has 1 sample/);
    const three = { P1: 'A', P2: 'A', P3: 'B', R1: 'B', R2: 'C', R3: 'C' };
    const r3 = runDifferentialExpression(log2, { ...defaults, groups: three });
    expect(!r3.ok && r3.issues[0]!.message).toMatch(/exactly two groups, found 3/);
    const ref = runDifferentialExpression(log2, { ...defaults, samples, referenceGroup: 'WT' });
    expect(!ref.ok && ref.issues[0]).toMatchObject({ field: '--reference-group' });
    const opts = runDifferentialExpression(log2, { ...defaults, samples, alpha: 2, minAbsLog2Fc: -1 });
    expect(!opts.ok && opts.issues.map((i) => i.field)).toEqual(['--alpha', '--min-abs-log2fc']);
  });

  it('keeps going with missing values and constant rows, with warnings', () => {
    const text =
      'mirna,P1,P2,P3,R1,R2,R3\n' +
      'miR-a,7,7,7,7,7,7\n' +
      'miR-b,5.1,NA,5.3,6.2,6.4,6.1\n' +
      'miR-c,8,8.2,8.1,,,\n' +
      'miR-d,4.1,4.3,4.2,4.4,4.0,4.2\n' +
      'miR-e,9.1,9.3,9.0,7.2,7.5,7.1\n';
    const r = runDifferentialExpression({ text, file: 'gaps.csv' }, defaults);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byName = Object.fromEntries(r.value.json.results.map((x) => [x.feature, x]));
    expect(byName['miR-c']!.p_value).toBeNull();
    expect(byName['miR-a']!.t).toBe(0);
    expect(byName['miR-e']!.direction).toBe('down');
    expect(r.value.warnings.join('\n')).toMatch(/zero sample variances/);
    expect(r.value.warnings.join('\n')).toMatch(/without values in both groups: miR-c/);
    expect(r.value.json.results.at(-1)!.feature).toBe('miR-c');
  });

  it('warns when a log2 table looks like counts', () => {
    const r = runDifferentialExpression(fixture('mirna-counts.csv'), { ...defaults, samples });
    expect(r.ok && r.value.warnings.join()).toMatch(/look like counts/);
  });
});
