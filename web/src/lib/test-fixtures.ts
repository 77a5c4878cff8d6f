/** Shared fixtures of the web lib tests: real statements and a network shaped like the API's answers. */
import type { MirnaReport, NetworkResponse } from '../../../src/api/contract.js';

type Statement = MirnaReport['targets'][number];

/** hsa-miR-21 targets PTEN [tamoxifen], as curated from seed 004. */
export function statementFixture(overrides: Partial<Statement> = {}): Statement {
  return {
    id: 'st_0123456789abcdef',
    subject: { kind: 'mirna', id: 'hsa-miR-21' },
    predicate: 'targets',
    object: { kind: 'gene', id: 'PTEN' },
    therapy: 'tamoxifen',
    contexts: [{ subtype: 'er-positive', system: 'in-vitro' }],
    qualifiers: { mode: 'direct' },
    evidence: [
      {
        source_id: '004_15e884493d10a7f1',
        section: 'microRNAs in Resistance to Endocrine Therapy',
        quote:
          'miR-21 decreases the sensitivity of ER+ breast cancer cells to tamoxifen by targeting PTEN.61',
        experiments: ['luciferase-reporter', 'western-blot'],
      },
      {
        source_id: '003_c402468433c2f29f',
        section: '2.2 Impact of miRNA on apoptosis',
        quote: 'This miRNA can target and inhibit multiple tumor suppressor genes, such as PDCD4 and PTEN.',
        experiments: ['western-blot', 'qpcr'],
      },
    ],
    status: 'curated',
    ...overrides,
  };
}

/** A small network: miR-21 → PTEN, miR-21 confers resistance to tamoxifen, a hostile label, an orphan edge. */
export function networkFixture(): NetworkResponse {
  return {
    nodes: [
      { id: 'mirna:hsa-miR-21', kind: 'mirna', label: 'hsa-miR-21', degree: 2 },
      { id: 'gene:PTEN', kind: 'gene', label: 'PTEN', degree: 1 },
      { id: 'therapy:tamoxifen', kind: 'therapy', label: 'tamoxifen', degree: 1 },
      {
        id: 'pathway:PI3K/AKT <script>',
        kind: 'pathway',
        label: '<script>alert("x")</script> & co',
        degree: 0,
      },
    ],
    edges: [
      {
        id: 'st_1',
        source: 'mirna:hsa-miR-21',
        target: 'gene:PTEN',
        predicate: 'targets',
        therapy: 'tamoxifen',
        evidence: ['luciferase-reporter'],
        sources: ['004_15e884493d10a7f1'],
        contexts: ['subtype=er-positive'],
        quotes: 2,
      },
      {
        id: 'st_2',
        source: 'mirna:hsa-miR-21',
        target: 'therapy:tamoxifen',
        predicate: 'confers_resistance',
        evidence: [],
        sources: ['003_c402468433c2f29f'],
        contexts: [],
        quotes: 1,
      },
      {
        id: 'st_3',
        source: 'mirna:hsa-miR-21',
        target: 'gene:MISSING',
        predicate: 'targets',
        evidence: [],
        sources: [],
        contexts: [],
        quotes: 1,
      },
    ],
    truncated: true,
    facets: {
      predicates: ['targets', 'confers_resistance'],
      therapies: ['tamoxifen'],
      evidence: [],
      contexts: [],
    },
  };
}
