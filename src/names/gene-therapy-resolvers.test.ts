import { describe, expect, it } from 'vitest';
import { names } from '../../test/helpers/reference-names.js';

const gene = (text: string) => {
  const r = names.gene.resolve(text);
  return r.status === 'resolved'
    ? r.genes.map((g) => g.symbol).join(',')
    : `${r.status}:${r.candidates.join(',')}`;
};
const therapy = (text: string) => {
  const r = names.therapy.resolve(text);
  return r.status === 'resolved' ? r.therapy.name : `unresolved:${r.candidates.join(',')}`;
};

describe('gene names', () => {
  it('resolves the protein names biologists write', () => {
    const expected: Record<string, string> = {
      HER2: 'ERBB2',
      'HER2/neu': 'ERBB2',
      neu: 'ERBB2',
      ERα: 'ESR1',
      'ER α': 'ESR1',
      'ER-alpha': 'ESR1',
      'oestrogen receptor': 'ESR1',
      'P-gp': 'ABCB1',
      MDR1: 'ABCB1',
      BCRP: 'ABCG2',
      MRP1: 'ABCC1',
      survivin: 'BIRC5',
      Survivin: 'BIRC5',
      '14-3-3ζ': 'YWHAZ',
      p27Kip1: 'CDKN1B',
      p21: 'CDKN1A',
      'YB-1': 'YBX1',
      'Raf-1': 'RAF1',
      TrkB: 'NTRK2',
      AIB1: 'NCOA3',
      ERRγ: 'ESRRG',
      metadherin: 'MTDH',
      'cyclin J': 'CCNJ',
      Bmi1: 'BMI1',
      'PD-L1': 'CD274',
      mTOR: 'MTOR',
      'Bcl-2': 'BCL2',
      'Cyclin D1': 'CCND1',
      PTEN: 'PTEN',
      Pten: 'PTEN',
      'E-cadherin': 'CDH1',
    };
    for (const [text, symbol] of Object.entries(expected)) expect(gene(text), text).toBe(symbol);
  });

  it('expands protein families to their members', () => {
    expect(gene('ERK')).toBe('MAPK3,MAPK1');
    expect(gene('AKT')).toBe('AKT1,AKT2,AKT3');
  });

  it('resolves unique NCBI aliases and reports ambiguous ones with candidates', () => {
    expect(gene('HEL-S-3')).toBe('YWHAZ');
    expect(gene('C-K-RAS')).toBe('KRAS');
    expect(gene('p16')).toMatch(/^(CDKN2A|ambiguous)/);
    expect(gene('NOTAGENE123')).toMatch(/^unresolved/);
  });
});

describe('therapy names', () => {
  it('maps synonyms and abbreviations to canonical lowercase names', () => {
    const expected: Record<string, string> = {
      adriamycin: 'doxorubicin',
      ADR: 'doxorubicin',
      DOX: 'doxorubicin',
      taxol: 'paclitaxel',
      PTX: 'paclitaxel',
      '4-OHT': 'tamoxifen',
      TAM: 'tamoxifen',
      '5-FU': 'fluorouracil',
      '5-fluorouracil': 'fluorouracil',
      Herceptin: 'trastuzumab',
      IR: 'radiotherapy',
      irradiation: 'radiotherapy',
      radiation: 'radiotherapy',
      'endocrine therapy': 'endocrine therapy',
      anthracyclines: 'anthracyclines',
      anthracycline: 'anthracyclines',
      'anti-HER2 therapy': 'anti-her2 therapy',
      Tamoxifen: 'tamoxifen',
    };
    for (const [text, name] of Object.entries(expected)) expect(therapy(text), text).toBe(name);
  });

  it('knows class membership both ways', () => {
    expect(names.therapy.ancestors('tamoxifen')).toEqual([
      'selective estrogen receptor modulators',
      'endocrine therapy',
    ]);
    expect(names.therapy.descendants('anthracyclines')).toEqual(
      expect.arrayContaining(['doxorubicin', 'epirubicin']),
    );
    expect(names.therapy.descendants('chemotherapy')).toEqual(
      expect.arrayContaining(['paclitaxel', 'cisplatin', 'anthracyclines']),
    );
  });

  it('does not match short abbreviations case-insensitively', () => {
    expect(therapy('ir')).toMatch(/^unresolved/);
    expect(therapy('aspirin-like')).toMatch(/^unresolved/);
  });
});
