import { describe, expect, it } from 'vitest';
import { createSourceLookup, firstAuthor, sourceLinks } from './source-labels.js';

const sources = [
  {
    id: '000_32c76e4c60258c72',
    title: 'miR-770-5p regulates HER2/EGFR/IGF1R bidirectional crosstalk',
    authors: 'Noyan S, Gurdal H, Gur Dedeoglu B',
    year: '2020',
    doi: '10.21873/anticanres.14000',
    pmid: '32234893',
  },
  { id: '003_c402468433c2f29f', title: 'Research Progress on miRNA and Tamoxifen Resistance' },
];

describe('createSourceLookup', () => {
  it('labels known sources by first author and year', () => {
    const lookup = createSourceLookup(sources);
    expect(lookup('000_32c76e4c60258c72')).toMatchObject({
      short: 'Noyan et al. 2020',
      year: '2020',
      known: true,
    });
    expect(lookup('003_c402468433c2f29f').short).toBe('Research Progress on miRNA and Tamoxifen Resistance');
  });

  it('reads an unknown id as itself', () => {
    expect(createSourceLookup([])('PMID:1')).toEqual({
      id: 'PMID:1',
      title: 'PMID:1',
      short: 'PMID:1',
      known: false,
    });
  });
});

describe('firstAuthor', () => {
  it('takes the family name of the first author', () => {
    expect(firstAuthor('Noyan S, Gurdal H')).toBe('Noyan');
    expect(firstAuthor('Gur Dedeoglu B')).toBe('Gur Dedeoglu');
    expect(firstAuthor(undefined)).toBeUndefined();
  });
});

describe('sourceLinks', () => {
  it('builds DOI and PubMed links from identifiers only', () => {
    expect(sourceLinks(sources[0]!)).toEqual([
      { label: 'doi:10.21873/anticanres.14000', href: 'https://doi.org/10.21873/anticanres.14000' },
      { label: 'PMID 32234893', href: 'https://pubmed.ncbi.nlm.nih.gov/32234893/' },
    ]);
    expect(sourceLinks({ id: 'x', title: 'x', pmid: 'javascript:alert(1)' })).toEqual([]);
  });
});
