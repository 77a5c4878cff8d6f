import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-splitter.js';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const withoutCitation = (sentence: string): string => sentence.replace(/(?<=[.!?])[\d,–-]+$/, '');

describe('splitSentences: offsets', () => {
  it('returns spans whose text is the input slice, trimmed', () => {
    const input = '  First one.  Second one?\nThird!  ';
    const spans = splitSentences(input);
    expect(spans.map((s) => s.text)).toEqual(['First one.', 'Second one?', 'Third!']);
    for (const s of spans) expect(input.slice(s.start, s.end)).toBe(s.text);
    expect(spans[0]!.start).toBe(2);
  });

  it('returns nothing for blank text and one sentence without final punctuation', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n ')).toEqual([]);
    expect(texts('no full stop here')).toEqual(['no full stop here']);
  });
});

describe('splitSentences: abbreviations', () => {
  it.each([
    ['et al.', 'As shown by Smith et al. in 2019, miR-21 rises. Next.'],
    ['e.g.', 'Some cell lines, e.g. SK-BR-3, resist. Next.'],
    ['i.e.', 'The resistant state, i.e. Trastuzumab escape, persists. Next.'],
    ['Fig.', 'Expression fell (Fig. 2). Next.'],
    ['Fig. with capital after', 'As in Fig. 2A the levels fell. Next.'],
    ['Figs.', 'See Figs. 3 and 4 for the blots. Next.'],
    ['vs.', 'Resistant vs. Parental cells differed. Next.'],
    ['approx.', 'Approx. 450,000 deaths occur each year. Next.'],
    ['ca.', 'It fell by ca. 40 % in all lines. Next.'],
    ['No.', 'Supported by Project No. 2019WS064 of Shandong. Next.'],
    ['species', 'Plasmids were grown in E. coli and S. aureus was a control. Next.'],
  ])('does not split after %s', (_, input) => {
    expect(texts(input)).toHaveLength(2);
    expect(texts(input)[1]).toBe('Next.');
  });

  it('still ends a sentence at a full stop after an ordinary word', () => {
    expect(texts('Cells were lysed. Proteins were blotted. miR-21 rose.')).toEqual([
      'Cells were lysed.',
      'Proteins were blotted.',
      'miR-21 rose.',
    ]);
  });
});

describe('splitSentences: numbers and citations', () => {
  it('keeps decimals and fold changes inside the sentence', () => {
    expect(texts('The difference was significant (p < 0.05). It rose 2.5-fold in 0.5 Gy. Done.')).toEqual([
      'The difference was significant (p < 0.05).',
      'It rose 2.5-fold in 0.5 Gy.',
      'Done.',
    ]);
  });

  it('keeps a number followed by a capitalised unit as a decimal', () => {
    expect(texts('Cells received 2.5 Gy of radiation. Next.')).toEqual([
      'Cells received 2.5 Gy of radiation.',
      'Next.',
    ]);
  });

  it('splits after superscript-style citation numbers glued to the full stop', () => {
    expect(texts('by targeting PTEN.55 Another miRNA acts too.')).toEqual([
      'by targeting PTEN.55',
      'Another miRNA acts too.',
    ]);
    expect(texts('mediates resistance.12,13 The second.')).toEqual([
      'mediates resistance.12,13',
      'The second.',
    ]);
    expect(texts('in breast cancer.45-47 It also.')).toEqual(['in breast cancer.45-47', 'It also.']);
    expect(texts('also named ERBB2.3,5 The HER2-enriched subtype.')).toEqual([
      'also named ERBB2.3,5',
      'The HER2-enriched subtype.',
    ]);
  });

  it('keeps bracketed citations with their sentence', () => {
    expect(texts('Data indicate [2] that miRNAs act. They bind [12]. Next [3,4].')).toEqual([
      'Data indicate [2] that miRNAs act.',
      'They bind [12].',
      'Next [3,4].',
    ]);
    expect(texts('They bind.[12] Next.')).toEqual(['They bind.[12]', 'Next.']);
  });
});

describe('splitSentences: miRNA names', () => {
  it('splits after a miRNA name ending a sentence and before one starting it', () => {
    expect(
      texts('It is repressed by miR-21-5p. miR-155 was not. PTEN.55 miR-21, another one, acts.'),
    ).toEqual(['It is repressed by miR-21-5p.', 'miR-155 was not.', 'PTEN.55', 'miR-21, another one, acts.']);
  });

  it('does not split before an ordinary lower-case word', () => {
    expect(texts('It binds the 3 UTR. and then more text.')).toHaveLength(1);
  });
});

describe('splitSentences: run-in labels', () => {
  it('separates a run-in abstract label from its sentence', () => {
    expect(texts('Results: miR-770-5p was down. Conclusion: In conclusion, it helps.')).toEqual([
      'Results:',
      'miR-770-5p was down.',
      'Conclusion:',
      'In conclusion, it helps.',
    ]);
    expect(texts('Background/aim: Studies showed it.')).toEqual(['Background/aim:', 'Studies showed it.']);
  });

  it('leaves other colons alone', () => {
    expect(texts('ERRγ: oestrogen-related receptor gamma.')).toEqual([
      'ERRγ: oestrogen-related receptor gamma.',
    ]);
  });
});

describe('splitSentences: line breaks and layout', () => {
  it('continues a sentence across single line breaks', () => {
    const input =
      'Breast cancer is one of the most prevalent cancer \ntypes worldwide.1 In spite of \nthis, it varies.';
    expect(texts(input).map(collapse)).toEqual([
      'Breast cancer is one of the most prevalent cancer types worldwide.1',
      'In spite of this, it varies.',
    ]);
  });

  it('ends a sentence at a blank line', () => {
    expect(texts('A paragraph without a full stop\n\nAnother paragraph.')).toEqual([
      'A paragraph without a full stop',
      'Another paragraph.',
    ]);
  });

  it('re-joins a sentence broken by a page break (blank line, lower-case continuation)', () => {
    const input =
      'The subtype is defined by amplification in the locus of \n\nthe HER2 gene. Though aggressive.';
    expect(texts(input).map(collapse)).toEqual([
      'The subtype is defined by amplification in the locus of the HER2 gene.',
      'Though aggressive.',
    ]);
  });

  it('does not join a heading to the paragraph below it', () => {
    expect(texts('2.1 Regulatory effect of miRNA\n\nmiRNA mimics restore it.')).toEqual([
      '2.1 Regulatory effect of miRNA',
      'miRNA mimics restore it.',
    ]);
  });

  it('ends a sentence at a heading line without a blank line around it', () => {
    expect(texts('The last sentence.\nRADIOTHERAPY RESISTANCE\nSeveral miRNAs act.')).toEqual([
      'The last sentence.',
      'RADIOTHERAPY RESISTANCE',
      'Several miRNAs act.',
    ]);
    expect(texts('The last sentence.\n2.2 Apoptosis pathways\nApoptosis matters.')).toEqual([
      'The last sentence.',
      '2.2 Apoptosis pathways',
      'Apoptosis matters.',
    ]);
  });

  it('starts a new sentence at a list item', () => {
    expect(texts('- [1] Zhu B. A title [J]. (In Chinese)\n- [2] Yang Y. Another [J].')).toEqual([
      '- [1] Zhu B. A title [J].',
      '(In Chinese)',
      '- [2] Yang Y. Another [J].',
    ]);
  });

  it('handles Windows line endings', () => {
    expect(texts('One line\r\ncontinues here.\r\n\r\nNew paragraph.').map(collapse)).toEqual([
      'One line continues here.',
      'New paragraph.',
    ]);
  });

  it('splits a 10 MB single line without quadratic work', () => {
    const sentence =
      'miR-21 was 2.5-fold higher (p < 0.05) in resistant cells, e.g. SK-BR-3, vs. parental.12 ';
    const count = Math.ceil(10_000_000 / sentence.length);
    const spans = splitSentences(sentence.repeat(count));
    expect(spans).toHaveLength(count);
    expect(spans[count - 1]!.text).toBe(sentence.trim());
  });

  it('handles a 10 MB line with no punctuation at all', () => {
    const text = 'word '.repeat(2_000_000);
    expect(splitSentences(text)).toHaveLength(1);
  });
});

// The curated quotes (data/curation/<seed>.tsv, column `quote`) are sentences of the seed papers; each should
// fall inside exactly one sentence of the split. Quotes that deliberately span two sentences would be listed
// here with a reason; at present there are none.
const SPANNING_QUOTES: Record<string, string> = {};

describe('splitSentences: curated quotes in the seed papers', () => {
  it('puts at least 95 % of the curated quotes in exactly one sentence', () => {
    const curation = 'data/curation';
    let total = 0;
    let contained = 0;
    let exact = 0;
    const misses: string[] = [];
    for (const name of readdirSync(curation).filter((f) => f.endsWith('.tsv'))) {
      const seedId = name.replace(/\.tsv$/, '');
      const seed = readFileSync(`../shared/seeds/${seedId}.txt`, 'utf8');
      const sentences = splitSentences(seed).map((s) => collapse(s.text));
      const rows = readFileSync(`${curation}/${name}`, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim() && !line.startsWith('#'));
      const column = rows[0]!.split('\t').indexOf('quote');
      expect(column).toBeGreaterThanOrEqual(0);
      for (const row of rows.slice(1)) {
        const quote = collapse(row.split('\t')[column] ?? '');
        if (!quote || SPANNING_QUOTES[quote]) continue;
        total++;
        const hits = sentences.filter((s) => s.includes(quote));
        if (hits.length === 1) contained++;
        else misses.push(`${seedId}: ${hits.length} sentences contain "${quote}"`);
        // A splitter that never splits would contain every quote; whole-sentence matches show it splits.
        if (hits.some((s) => withoutCitation(s) === withoutCitation(quote))) exact++;
      }
    }
    const share = contained / total;
    console.log(
      `curated quotes inside exactly one sentence: ${contained}/${total} (${(100 * share).toFixed(1)} %); ` +
        `equal to a whole sentence: ${exact}/${total}` +
        (misses.length ? `\n${misses.join('\n')}` : ''),
    );
    expect(total).toBeGreaterThan(300);
    expect(share).toBeGreaterThanOrEqual(0.95);
    expect(exact / total).toBeGreaterThanOrEqual(0.95);
  });
});
