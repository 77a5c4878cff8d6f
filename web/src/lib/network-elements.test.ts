import { describe, expect, it } from 'vitest';
import {
  countLabel,
  edgesOf,
  legendFor,
  nodeSize,
  parseNodeId,
  predicateColour,
  toCytoscapeElements,
} from './network-elements.js';
import { networkFixture } from './test-fixtures.js';

describe('toCytoscapeElements', () => {
  it('maps nodes and edges with their style data', () => {
    const elements = toCytoscapeElements(networkFixture());
    expect(elements.nodes).toHaveLength(4);
    expect(elements.nodes[0]!.data).toMatchObject({
      id: 'mirna:hsa-miR-21',
      kind: 'mirna',
      shape: 'ellipse',
    });
    expect(elements.edges.map((e) => e.data.id)).toEqual(['st_1', 'st_2']);
    expect(elements.edges[0]!.data).toMatchObject({
      predicate: 'targets',
      arrow: 'tee',
      therapy: 'tamoxifen',
    });
    expect(elements.edges[1]!.data).toMatchObject({
      arrow: 'triangle',
      therapy: '',
      colour: predicateColour('confers_resistance'),
    });
  });

  it('does not change its input', () => {
    const network = networkFixture();
    const copy = structuredClone(network);
    toCytoscapeElements(network);
    expect(network).toEqual(copy);
  });
});

describe('helpers', () => {
  it('counts nodes and edges', () => {
    expect(countLabel(42, 57)).toBe('42 nodes · 57 edges');
    expect(countLabel(1, 1)).toBe('1 node · 1 edge');
    expect(countLabel(0, 0)).toBe('0 nodes · 0 edges');
  });

  it('splits node ids at the first colon', () => {
    expect(parseNodeId('mirna:hsa-miR-21')).toEqual({ kind: 'mirna', id: 'hsa-miR-21' });
    expect(parseNodeId('pathway:a:b')).toEqual({ kind: 'pathway', id: 'a:b' });
    expect(parseNodeId('odd')).toEqual({ kind: '', id: 'odd' });
  });

  it('grows nodes with degree within bounds', () => {
    expect(nodeSize(0)).toBe(18);
    expect(nodeSize(4)).toBe(30);
    expect(nodeSize(1000)).toBe(56);
  });

  it('lists the legend entries present', () => {
    const legend = legendFor(networkFixture());
    expect(legend.kinds.map((k) => k.key)).toEqual(['mirna', 'gene', 'therapy', 'pathway']);
    expect(legend.predicates.map((p) => p.label)).toEqual(['targets', 'confers resistance to']);
  });

  it('finds the edges of a node', () => {
    expect(edgesOf(networkFixture(), 'gene:PTEN').map((e) => e.id)).toEqual(['st_1']);
  });
});
