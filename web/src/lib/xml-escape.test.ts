import { describe, expect, it } from 'vitest';
import { escapeXml } from './xml-escape.js';
import { safeFileName, textDataUrl } from './download.js';

describe('escapeXml', () => {
  it('escapes markup characters so <script> stays text', () => {
    expect(escapeXml('<script>alert("x")</script> & \'y\'')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;',
    );
  });

  it('escapes an existing entity once more (text is text)', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('drops characters XML 1.0 forbids but keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne\uFFFF\uD800f😀')).toBe('abc\td\nef😀');
  });
});

describe('downloads', () => {
  it('encodes text into a data URL', () => {
    expect(textDataUrl('a,b\r\n<&>#', 'text/csv')).toBe(
      'data:text/csv;charset=utf-8,a%2Cb%0D%0A%3C%26%3E%23',
    );
  });

  it('makes safe file names', () => {
    expect(safeFileName('fold changes / miR-21', 'csv')).toBe('fold-changes-miR-21.csv');
    expect(safeFileName('<<>>', 'svg')).toBe('download.svg');
  });
});
