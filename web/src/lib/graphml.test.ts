import { describe, expect, it } from 'vitest';
import { buildGraphml } from './graphml.js';
import { networkFixture } from './test-fixtures.js';

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

describe('buildGraphml', () => {
  const xml = buildGraphml(networkFixture());

  it('declares the keys for kind, label, predicate and therapy', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml ')).toBe(true);
    for (const key of ['kind', 'label', 'predicate', 'therapy'])
      expect(xml).toMatch(
        new RegExp(`<key id="${key}" for="(node|edge)" attr.name="${key}" attr.type="string"/>`),
      );
    expect(xml).toContain('<graph id="miresist" edgedefault="directed">');
  });

  it('writes every node and the edges whose ends exist', () => {
    expect(count(xml, /<node id=/g)).toBe(4);
    expect(count(xml, /<\/node>/g)).toBe(4);
    expect(count(xml, /<edge id=/g)).toBe(2);
    expect(xml).not.toContain('gene:MISSING');
    expect(xml).toContain('<edge id="st_1" source="mirna:hsa-miR-21" target="gene:PTEN">');
    expect(xml).toContain('<data key="therapy">tamoxifen</data>');
  });

  it('escapes text and attributes, so <script> is data', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<node id="pathway:PI3K/AKT &lt;script&gt;">');
    expect(xml).toContain(
      '<data key="label">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</data>',
    );
  });

  it('is well formed: balanced tags and no bare ampersands', () => {
    const opened = count(xml, /<(graphml|graph|node|edge|data)[\s>]/g);
    const closed = count(xml, /<\/(graphml|graph|node|edge|data)>/g);
    expect(opened).toBe(closed);
    expect(xml.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
    // text between tags has no raw < (every < starts a tag)
    expect(xml.match(/<(?![?/A-Za-z])/g)).toBeNull();
  });
});
