import { describe, expect, it } from 'vitest';
import { names } from '../../test/helpers/reference-names.js';
import { overRepresentation } from '../stats/enrichment.js';
import { loadGeneSets, predictedEnrichment } from './enrichment-analysis.js';

describe('predicted-target enrichment', () => {
  it('counts targets, universe and overlaps from seed sites, and warns about 3′UTR length bias', async () => {
    const site = 'AUAAGCUA'; // 8mer-1a for miR-21-5p
    const pad = 'C'.repeat(30);
    const utrs = [
      { id: 'PTEN', sequence: pad + site + pad },
      { id: 'PDCD4', sequence: pad + site + pad },
      { id: 'BCL2', sequence: pad + pad },
      { id: 'TP53', sequence: pad + pad },
      { id: 'GAPDH', sequence: pad + site + pad },
      { id: 'NOT_A_GENE_XYZ', sequence: pad + site + pad },
    ];
    async function* source() {
      yield* utrs;
    }
    const sets = [
      { name: 'toy', source: 'test', genes: ['PTEN', 'BCL2', 'TP53'] },
      { name: 'absent', source: 'test', genes: ['ZZZ1'] },
    ];
    const report = await predictedEnrichment(
      names,
      [{ name: 'hsa-miR-21-5p', sequence: 'UAGCUUAUCAGACUGAUGUUGA' }],
      source(),
      sets,
      ['8mer-1a'],
    );
    expect(report.universe).toBe(5);
    expect(report.targets).toEqual(['GAPDH', 'PDCD4', 'PTEN']);
    expect(report.rows).toHaveLength(1);
    const row = report.rows[0]!;
    expect(row).toMatchObject({ set: 'toy', N: 5, K: 3, n: 3, x: 1, overlap: ['PTEN'] });
    expect(row.pUpper).toBe(overRepresentation({ N: 5, K: 3, n: 3, x: 1 }).pUpper);
    expect(report.notes.join(' ')).toMatch(/3'UTR length bias/);
    expect(report.notes.join(' ')).toMatch(/1 UTR ids did not resolve/);
    expect(report.notes.join(' ')).toMatch(/not tested \(no member in the universe\): absent/);
  });

  it('bundles the nine resistance pathway sets', () => {
    expect(loadGeneSets().map((s) => s.name)).toEqual([
      'ERBB/HER2 signalling',
      'PI3K/AKT/mTOR',
      'MAPK/ERK',
      'ER signalling',
      'apoptosis',
      'DNA damage repair',
      'ABC drug efflux',
      'EMT',
      'G1/S cell cycle',
    ]);
  });
});
