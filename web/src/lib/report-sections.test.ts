import { describe, expect, it } from 'vitest';
import type { MirnaReport } from '../../../src/api/contract.js';
import { mirnaSections, roleCounts, siteEvidenceFor } from './report-sections.js';
import { statementFixture } from './test-fixtures.js';

function report(overrides: Partial<MirnaReport> = {}): MirnaReport {
  return {
    query: 'miR-21',
    resolution: { via: 'exact', form: 'arm_unknown', notes: [] },
    mirna: { name: 'hsa-miR-21', kind: 'arm_unknown', accessions: [], members: [], precursors: [] },
    related: [],
    targets: [statementFixture()],
    resistance: [],
    sensitisation: [],
    expression: [],
    biomarker: [],
    other: [],
    utrSources: [],
    siteEvidence: {},
    sources: [],
    ...overrides,
  };
}

describe('mirnaSections', () => {
  it('lists the sections in page order', () => {
    expect(mirnaSections(report()).map((s) => s.title)).toEqual([
      'Targets',
      'Confers resistance',
      'Sensitises',
      'Expression in resistant cells',
      'Biomarker roles',
      'Other statements',
    ]);
  });
});

describe('siteEvidenceFor', () => {
  it('says when no UTRs are loaded', () => {
    expect(siteEvidenceFor(report(), 'PTEN')).toEqual({ state: 'no-utrs' });
  });

  it('says when loaded UTRs hold no site', () => {
    expect(siteEvidenceFor(report({ utrSources: ['targetscan-7.2'] }), 'PTEN')).toEqual({
      state: 'no-site',
      utrSources: ['targetscan-7.2'],
    });
  });

  it('names the UTR only when it is not the gene symbol', () => {
    const site = {
      mirna: 'hsa-miR-770-5p',
      gene: 'IGF1R',
      site_type: '7mer-m8',
      utr_start: 41,
      utr_end: 47,
      source: 'test-utrs',
      utr_id: 'IGF1R',
    };
    const evidence = siteEvidenceFor({ utrSources: ['test-utrs'], siteEvidence: { IGF1R: [site] } }, 'IGF1R');
    expect(evidence).toMatchObject({ text: '7mer-m8 at 41–47 (test-utrs)' });
  });

  it('lists the sites', () => {
    const site = {
      mirna: 'hsa-miR-21-5p',
      gene: 'PTEN',
      site_type: '8mer-1a',
      utr_start: 120,
      utr_end: 127,
      source: 'targetscan-7.2',
      utr_id: 'ENST00000371953',
    };
    const evidence = siteEvidenceFor(
      report({ utrSources: ['targetscan-7.2'], siteEvidence: { PTEN: [site] } }),
      'PTEN',
    );
    expect(evidence).toEqual({
      state: 'sites',
      sites: [site],
      text: '8mer-1a at 120–127 in ENST00000371953 (targetscan-7.2)',
    });
  });
});

describe('roleCounts', () => {
  it('counts miRNAs and statements', () => {
    const s = statementFixture();
    expect(roleCounts([{ mirna: 'a', statements: [s, s], mechanisms: [], otherTargets: [] }])).toEqual({
      mirnas: 1,
      statements: 2,
    });
  });
});
