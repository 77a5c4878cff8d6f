import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, type Result } from '../model/index.js';
import { MAX_LINE, parseDocuments, type ReaderDocument } from './document-input.js';

const FIXTURES = 'test/fixtures/read';
const fixture = (name: string): string => readFileSync(`${FIXTURES}/${name}`, 'utf8');

function documents(result: Result<ReaderDocument[]>): ReaderDocument[] {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

function issues(result: Result<ReaderDocument[]>): string[] {
  if (result.ok) throw new Error('expected a failure');
  return result.issues.map(formatIssue);
}

/** Every section must be the slice of `text` its offset names. */
function expectConsistentSections(document: ReaderDocument): void {
  for (const section of document.sections)
    expect(document.text.slice(section.offset, section.offset + section.text.length)).toBe(section.text);
}

describe('parseDocuments: plain text', () => {
  it('reads the key: value header and names sections after headings', () => {
    const [doc, ...rest] = documents(
      parseDocuments(fixture('plain-with-header.txt'), 'in/plain-with-header.txt'),
    );
    expect(rest).toHaveLength(0);
    expect(doc!.format).toBe('text');
    expect(doc!.id).toBe('example_seed');
    expect(doc!.title).toBe('A short plain-text example');
    expect(doc!.meta).toEqual({ source: 'example_seed', title: 'A short plain-text example', year: '2024' });
    expect(doc!.line).toBe(4);
    expect(doc!.text.startsWith('\nAbstract\n')).toBe(true);
    expect(doc!.sections.map((s) => s.name)).toEqual(['Abstract', '1. Introduction']);
    expect(doc!.sections[0]!.text).toMatch(/^miR-770-5p expression .* \(Fig\. 2\)\.$/s);
    expectConsistentSections(doc!);
  });

  it('ends the header at the first line that is not key: value', () => {
    const [doc] = documents(parseDocuments('pmid: 123\nBackground: studies showed x.\n', 'a.txt'));
    expect(doc!.id).toBe('123');
    expect(doc!.meta).toEqual({ pmid: '123' });
    expect(doc!.text).toBe('Background: studies showed x.\n');
  });

  it('falls back to the file name for the id and keeps a file without header whole', () => {
    const text = readFileSync('../shared/seeds/003_c402468433c2f29f.txt', 'utf8');
    const [doc] = documents(parseDocuments(text, '/x/seeds/003_c402468433c2f29f.txt'));
    expect(doc!.id).toBe('003_c402468433c2f29f');
    expect(doc!.text).toBe(text);
    expect(doc!.sections.map((s) => s.name)).toContain(
      '2.1 Regulatory effect of miRNA on the estrogen receptor signaling pathway',
    );
    expectConsistentSections(doc!);
  });

  it('refuses a 10 MB single line with its line number (issue 6: bad input), in linear time', () => {
    const sentence =
      'miR-21 was 2.5-fold higher (p < 0.05) in resistant cells, e.g. SK-BR-3, vs. parental cells. ';
    const text = 'title: x\n' + sentence.repeat(Math.ceil(10_000_000 / sentence.length));
    const result = parseDocuments(text, 'long.txt');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: 'long.txt', line: 2 });
    expect(result.issues[0]!.message).toMatch(/line 2 is 10,000,\d{3} characters long/);
  });

  it('accepts a long line up to the limit', () => {
    const text = 'a'.repeat(MAX_LINE - 30) + '. miR-21 targets PTEN.';
    expect(documents(parseDocuments(text, 'ok.txt'))[0]!.text.length).toBe(text.length);
  });
});

describe('parseDocuments: MEDLINE', () => {
  it('reads one document per record, joining continuation lines', () => {
    const docs = documents(parseDocuments(fixture('medline-two-records.txt'), 'medline-two-records.txt'));
    expect(docs.map((d) => d.id)).toEqual(['90000001', '90000002']);
    const [first, second] = docs;
    expect(first!.format).toBe('medline');
    expect(first!.line).toBe(1);
    expect(second!.line).toBe(19);
    expect(first!.title).toBe(
      'miR-770-5p regulates HER2/EGFR/IGF1R bidirectional crosstalk and overcomes trastuzumab resistance in breast cancer cells.',
    );
    expect(first!.meta).toMatchObject({
      pmid: '90000001',
      doi: '10.55730/1300-0152.0000',
      year: '2024',
      journal: 'Turkish journal of biology',
      authors: 'Example A; Sample B',
    });
    expectConsistentSections(first!);
    expectConsistentSections(second!);
  });

  it('splits a flattened structured abstract at its upper-case labels', () => {
    const [first, second] = documents(parseDocuments(fixture('medline-two-records.txt'), 'm.txt'));
    expect(first!.sections.map((s) => s.name)).toEqual([
      'Title',
      'BACKGROUND/AIM',
      'MATERIALS AND METHODS',
      'RESULTS',
      'CONCLUSION',
    ]);
    expect(first!.sections[3]!.text).toBe(
      'miR-770-5p expression was significantly downregulated in trastuzumab-resistant BT-474 and SK-BR-3 cells (p < 0.05).',
    );
    expect(second!.sections.map((s) => s.name)).toEqual(['Title', 'Abstract']);
    expect(second!.sections[1]!.text).toContain('by targeting PTEN. Anti-miR-221');
  });

  it('rejects a record without PMID, naming the line where the record starts', () => {
    expect(issues(parseDocuments(fixture('bad-medline-no-pmid.txt'), 'bad-medline-no-pmid.txt'))).toEqual([
      'bad-medline-no-pmid.txt:5: PMID: MEDLINE record has no PMID',
    ]);
  });

  it('rejects a line that is neither a field nor a continuation', () => {
    const result = parseDocuments('PMID- 1\nTI  - A title.\nstray text\n', 'm.txt');
    expect(issues(result)).toEqual(['m.txt:3: not a MEDLINE field line ("TAG - value"): stray text']);
  });
});

describe('parseDocuments: PubMed XML', () => {
  it('reads each PubmedArticle with labelled abstract parts and inline markup kept as text', () => {
    const docs = documents(parseDocuments(fixture('pubmed-articles.xml'), 'pubmed-articles.xml'));
    expect(docs.map((d) => d.id)).toEqual(['90000011', '90000012']);
    const [first, second] = docs;
    expect(first!.format).toBe('pubmed-xml');
    expect(first!.line).toBe(4);
    expect(first!.title).toBe('miR-21 confers trastuzumab resistance in HER2-positive cells.');
    expect(first!.sections.map((s) => s.name)).toEqual(['Title', 'BACKGROUND', 'RESULTS']);
    expect(first!.sections[1]!.text).toBe('Trastuzumab resistance limits therapy of HER2+ breast cancer.');
    expect(first!.sections[2]!.text).toBe(
      'miR-21 was 2.5-fold higher in resistant cells (p < 0.05). Anti-miR-21 re-sensitised cells to trastuzumab.',
    );
    expect(first!.meta).toEqual({
      pmid: '90000011',
      title: first!.title,
      journal: 'Example journal of oncology',
      year: '2022',
      doi: '10.1000/example.11',
      authors: 'Example A; Sample B',
    });
    expect(second!.sections.map((s) => s.name)).toEqual(['Title', 'Abstract']);
    expect(second!.meta.doi).toBe('10.1000/example.12');
    expectConsistentSections(first!);
    expectConsistentSections(second!);
  });

  it('reports malformed XML with its line', () => {
    const [issue, ...more] = issues(parseDocuments(fixture('bad-xml.xml'), 'bad-xml.xml'));
    expect(more).toHaveLength(0);
    expect(issue).toMatch(/^bad-xml\.xml:7: xml: malformed XML/);
  });

  it('rejects XML that is not a PubmedArticleSet and an article without PMID', () => {
    expect(issues(parseDocuments('<html><body/></html>', 'page.html'))[0]).toMatch(
      /^page\.html:1: xml: expected a <PubmedArticleSet> root element, found <html>/,
    );
    const noPmid =
      '<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation/>\n</PubmedArticle>\n</PubmedArticleSet>';
    expect(issues(parseDocuments(noPmid, 'a.xml'))).toEqual([
      'a.xml:2: PMID: <PubmedArticle> has no MedlineCitation/PMID',
    ]);
  });
});

describe('parseDocuments: unusable files', () => {
  it('rejects an empty or blank file', () => {
    expect(issues(parseDocuments(fixture('empty.txt'), 'empty.txt'))).toEqual(['empty.txt:1: empty file']);
    expect(issues(parseDocuments(' \n\t\n', 'blank.txt'))).toEqual(['blank.txt:1: empty file']);
  });

  it('rejects a binary file with NUL bytes', () => {
    expect(issues(parseDocuments(fixture('binary.bin'), 'binary.bin'))).toEqual([
      'binary.bin:1: binary file (contains NUL bytes); expected text',
    ]);
    expect(issues(parseDocuments('text\nmore\0', 'b.txt'))[0]).toMatch(/^b\.txt:2: /);
  });

  it('does not mutate or depend on a byte-order mark', () => {
    const [doc] = documents(parseDocuments('\ufeffsource: s1\n\nText.', 'bom.txt'));
    expect(doc!.id).toBe('s1');
  });
});
