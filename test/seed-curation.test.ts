/** The bundled curation of the three seed papers: valid, verbatim, and complete for the claims the issue names. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCurationDir, loadCurationDir, parseCurationFile } from '../src/kb/index.js';
import { formatIssue } from '../src/model/index.js';
import { names } from './helpers/reference-names.js';

const seeds = '../shared/seeds';
const collapse = (text: string) => text.replace(/\s+/g, ' ');

describe('seed curation', () => {
  const result = loadCurationDir(bundledCurationDir(), names);

  it('validates without a single problem', () => {
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it('holds well over 130 statements from the three seed papers', () => {
    if (!result.ok) throw new Error('invalid curation');
    expect(result.value.sources.map((s) => s.id).sort()).toEqual([
      '000_32c76e4c60258c72',
      '003_c402468433c2f29f',
      '004_15e884493d10a7f1',
    ]);
    expect(result.value.statements.length).toBeGreaterThan(130);
  });

  it('quotes every sentence verbatim from its source', () => {
    for (const file of readdirSync(bundledCurationDir()).filter((f) => f.endsWith('.tsv'))) {
      const parsed = parseCurationFile(readFileSync(join(bundledCurationDir(), file), 'utf8'), file);
      if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
      const source = collapse(readFileSync(join(seeds, `${parsed.value.source.id}.txt`), 'utf8'));
      const missing = parsed.value.rows
        .filter((r) => !source.includes(r.fields.quote))
        .map((r) => `${file}:${r.line}`);
      expect(missing, 'quotes not found verbatim').toEqual([]);
    }
  });

  it('covers the claims the seeds are known for', () => {
    if (!result.ok) throw new Error('invalid curation');
    const has = (subject: string, predicate: string, object: string) =>
      result.value.statements.some(
        (s) => s.subject.id === subject && s.predicate === predicate && s.object.id === object,
      );
    expect(has('hsa-miR-770-5p', 'sensitises', 'trastuzumab')).toBe(true);
    expect(has('hsa-miR-770-5p', 'down_in_resistant', 'trastuzumab')).toBe(true);
    expect(has('hsa-miR-770-5p', 'targets', 'IGF1R')).toBe(true);
    expect(has('hsa-miR-770-5p', 'targets', 'MTOR')).toBe(true);
    expect(has('hsa-miR-221', 'targets', 'ESR1')).toBe(true);
    expect(has('hsa-miR-222', 'targets', 'ESR1')).toBe(true);
    expect(has('hsa-miR-21', 'targets', 'PTEN')).toBe(true);
    expect(has('hsa-miR-375', 'targets', 'IGF1R')).toBe(true);
    expect(has('hsa-miR-451a', 'targets', 'YWHAZ')).toBe(true);
    expect(has('hsa-miR-21', 'confers_resistance', 'tamoxifen')).toBe(true);
    // the drug-efflux list of seed 004: every listed miRNA is covered
    const efflux = collapse(readFileSync(join(seeds, '004_15e884493d10a7f1.txt'), 'utf8'));
    expect(efflux).toMatch(/miR-7, miR-127, miR-134/);
    for (const m of ['hsa-miR-7', 'hsa-miR-127', 'hsa-miR-134']) {
      expect(
        result.value.statements.some((s) => s.subject.id === m),
        m,
      ).toBe(true);
    }
  });
});
