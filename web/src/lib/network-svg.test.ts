import { describe, expect, it } from 'vitest';
import { buildNetworkSvg, type Position } from './network-svg.js';
import { networkFixture } from './test-fixtures.js';

const positions = new Map<string, Position>([
  ['mirna:hsa-miR-21', { x: 0, y: 0 }],
  ['gene:PTEN', { x: 100, y: 0 }],
  ['therapy:tamoxifen', { x: 0, y: 100 }],
  ['pathway:PI3K/AKT <script>', { x: 100, y: 100 }],
]);

describe('buildNetworkSvg', () => {
  const svg = buildNetworkSvg(networkFixture(), positions);

  it('draws each placed node with its label and each edge between placed nodes', () => {
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect((svg.match(/<line [^>]*marker-end/g) ?? []).length).toBe(2);
    expect(svg).toContain('>hsa-miR-21</text>');
    expect(svg).toContain('<circle'); // the miRNA
    expect(svg).toContain('<rect x='); // the gene
    expect((svg.match(/<polygon/g) ?? []).length).toBeGreaterThanOrEqual(2); // therapy and pathway
  });

  it('escapes labels and titles', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(svg.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
  });

  it('has a viewBox around the positions and a legend', () => {
    expect(svg).toMatch(/viewBox="-40 -40 /);
    expect(svg).toContain('>Legend</text>');
    expect(svg).toContain('>confers resistance to</text>');
  });

  it('leaves out nodes without a position', () => {
    const partial = buildNetworkSvg(networkFixture(), new Map([['gene:PTEN', { x: 5, y: 5 }]]));
    expect(partial).toContain('>PTEN</text>');
    expect(partial).not.toContain('<line x1=');
  });
});
