import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseCharOffset,
  parseScaiCorpus,
  scaiGoldMentions,
  scaiGoldRelations,
  scaiOffsetWarnings,
  spanText,
  type ScaiDocument,
} from './scai-corpus.js';

const DIR = '../shared/corpora/scai-mirna';
const load = (name: string): ScaiDocument[] => {
  const r = parseScaiCorpus(readFileSync(`${DIR}/${name}`, 'utf8'), name);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
};

const wrap = (sentences: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<corpus source="t">\n<document id="d0" origId="123">\n${sentences}\n</document>\n</corpus>\n`;

describe('parseCharOffset', () => {
  it('reads inclusive ends into half-open spans, discontinuous parts too', () => {
    expect(parseCharOffset('24-32')).toEqual([[24, 33]]);
    expect(parseCharOffset('0-3,10-12')).toEqual([
      [0, 4],
      [10, 13],
    ]);
    expect(parseCharOffset('5-3')).toBeUndefined();
    expect(parseCharOffset('a-b')).toBeUndefined();
    expect(
      spanText('miR-21 and PTEN', [
        [0, 3],
        [11, 15],
      ]),
    ).toBe('miR PTEN');
  });
});

describe('parseScaiCorpus on small inputs', () => {
  it('orders sentences by abstract position, places them in the document text and keeps pairs', () => {
    const xml = wrap(
      [
        '<sentence id="d0.s0" origId="123.s2" text="miR-21 targets PTEN. ">',
        '  <entity charOffset="0-5" id="d0.s0.e0" text="miR-21" type="Specific_miRNAs"/>',
        '  <entity charOffset="15-18" id="d0.s0.e1" text="PTEN" type="Genes/Proteins"/>',
        '  <pair e1="d0.s0.e1" e2="d0.s0.e0" id="d0.s0.p0" interaction="True" type="Specific_miRNAs-Genes/Proteins"/>',
        '</sentence>',
        '<sentence id="d0.s1" origId="123.s0" text="Title &amp; more."/>',
      ].join('\n'),
    );
    const r = parseScaiCorpus(xml, 'x.xml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [doc] = r.value;
    expect(doc!.origId).toBe('123');
    expect(doc!.sentences.map((s) => s.id)).toEqual(['d0.s1', 'd0.s0']);
    expect(doc!.text).toBe('Title & more.\nmiR-21 targets PTEN. ');
    expect(doc!.sentences[1]!.offset).toBe(14);
    expect(doc!.sentences[1]!.line).toBe(4);
    const [mirna] = scaiGoldMentions(r.value);
    expect(mirna!.sentenceSpans).toEqual([[0, 6]]);
    expect(mirna!.documentSpans).toEqual([[14, 20]]);
    const rels = scaiGoldRelations(r.value);
    expect(rels).toHaveLength(1);
    // miRNA end first although the XML lists the gene as e1
    expect([rels[0]!.mirna.text, rels[0]!.partner.text, rels[0]!.predicate]).toEqual([
      'miR-21',
      'PTEN',
      'mirna_gene',
    ]);
  });

  it('accepts discontinuous spans joined by a space', () => {
    const xml = wrap(
      [
        '<sentence id="d0.s0" origId="123.s0" text="miR-21 and -155 rise.">',
        '  <entity charOffset="0-2,11-14" id="d0.s0.e0" text="miR -155" type="Specific_miRNAs"/>',
        '</sentence>',
      ].join('\n'),
    );
    const r = parseScaiCorpus(xml, 'x.xml');
    expect(r.ok && r.value[0]!.sentences[0]!.entities[0]!.spans).toEqual([
      [0, 3],
      [11, 15],
    ]);
  });

  it('trims whitespace a span has beyond its text, and says so', () => {
    const xml = wrap(
      [
        '<sentence id="d0.s0" origId="123.s0" text="TNF-α  family and CFH ">',
        '  <entity charOffset="0-5" id="d0.s0.e0" text="TNF-α" type="Genes/Proteins"/>',
        '  <entity charOffset="18-21" id="d0.s0.e1" text="CFH " type="Genes/Proteins"/>',
        '</sentence>',
      ].join('\n'),
    );
    const r = parseScaiCorpus(xml, 'x.xml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [tnf, cfh] = r.value[0]!.sentences[0]!.entities;
    expect(tnf).toMatchObject({ text: 'TNF-α', spans: [[0, 5]], offsetStatus: 'trimmed' });
    expect(cfh).toMatchObject({ text: 'CFH', spans: [[18, 21]], offsetStatus: 'trimmed' });
    expect(scaiOffsetWarnings(r.value, 'x.xml')).toEqual([
      expect.objectContaining({ file: 'x.xml', line: 5, field: 'entity.charOffset' }),
      expect.objectContaining({ file: 'x.xml', line: 6, field: 'entity.charOffset' }),
    ]);
  });

  it('returns issues with file, line and field for bad input', () => {
    const bad = wrap(
      [
        '<sentence id="d0.s0" origId="123.s0" text="miR-21 targets PTEN.">',
        '  <entity charOffset="0-4" id="d0.s0.e0" text="miR-21" type="Specific_miRNAs"/>',
        '  <entity charOffset="15-18" id="d0.s0.e1" text="PTEN" type="Gene"/>',
        '  <entity charOffset="15-99" id="d0.s0.e2" text="PTEN" type="Genes/Proteins"/>',
        '  <entity id="d0.s0.e3" text="PTEN" type="Genes/Proteins"/>',
        '  <pair e1="d0.s0.e0" e2="d0.s0.e9" id="d0.s0.p0" interaction="True" type="Specific_miRNAs-Genes/Proteins"/>',
        '  <pair e1="d0.s0.e0" e2="d0.s0.e0" id="d0.s0.p1" interaction="maybe" type="x"/>',
        '</sentence>',
      ].join('\n'),
    );
    const r = parseScaiCorpus(bad, 'bad.xml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['bad.xml', 5, 'entity.charOffset'],
      ['bad.xml', 6, 'entity.type'],
      ['bad.xml', 7, 'entity.charOffset'],
      ['bad.xml', 8, 'entity.charOffset'],
      ['bad.xml', 9, 'pair.e1/e2'],
      ['bad.xml', 10, 'pair.interaction'],
    ]);
    expect(r.issues[0]!.message).toContain("covers 'miR-2'");
  });

  it('reports malformed XML and an empty corpus', () => {
    const r = parseScaiCorpus('<corpus>\n<document id="a">\n</corpus>', 'm.xml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'm.xml', field: 'xml' });
    const e = parseScaiCorpus('<corpus source="x"></corpus>', 'e.xml');
    expect(e.ok).toBe(false);
  });
});

describe('the distributed SCAI corpus', () => {
  const train = load('miRNA-Train-Corpus.xml');
  const test = load('miRNA-Test-Corpus.xml');
  const trainFixed = load('miRNA_train_fixed.xml');
  const testFixed = load('miRNA_test_fixed.xml');

  const counts = (docs: ScaiDocument[]) => {
    const sentences = docs.flatMap((d) => d.sentences);
    const entities = sentences.flatMap((s) => s.entities);
    const pairs = sentences.flatMap((s) => s.pairs);
    return {
      documents: docs.length,
      sentences: sentences.length,
      entities: entities.length,
      pairs: pairs.length,
      truePairs: pairs.filter((p) => p.interaction).length,
      trimmed: entities.filter((e) => e.offsetStatus === 'trimmed').length,
    };
  };

  it('has the counts of the files (the ORIGIN pair counts; README v1.0 of 2012 differs slightly)', () => {
    // SCAI README (corpus v1.0, 2012): train 1877 sentences, 5828 entities, 1996 pairs, 497 positive;
    // test 788 / 2480 / 867 / 312. The distributed XML is a later revision of the same 201 + 100 abstracts.
    expect(counts(train)).toEqual({
      documents: 201,
      sentences: 1864,
      entities: 5835,
      pairs: 2001,
      truePairs: 567,
      trimmed: 1,
    });
    expect(counts(test)).toEqual({
      documents: 100,
      sentences: 780,
      entities: 2483,
      pairs: 868,
      truePairs: 320,
      trimmed: 1,
    });
  });

  it("miRExplore's _fixed copies differ only in interaction flags", () => {
    expect({ ...counts(trainFixed), truePairs: 0 }).toEqual({ ...counts(train), truePairs: 0 });
    expect(counts(trainFixed).truePairs).toBe(566);
    expect(counts(testFixed).truePairs).toBe(338);
    const spans = (docs: ScaiDocument[]) =>
      docs.flatMap((d) => d.sentences.flatMap((s) => s.entities.map((e) => `${e.id}:${e.spans.join(';')}`)));
    expect(spans(trainFixed)).toEqual(spans(train));
    expect(spans(testFixed)).toEqual(spans(test));
  });

  it('every mention span, sentence- and document-relative, covers its text', () => {
    for (const docs of [train, test]) {
      const byId = new Map(docs.map((d) => [d.id, d]));
      const mentions = scaiGoldMentions(docs, [
        'Specific_miRNAs',
        'Non-Specific_miRNAs',
        'Genes/Proteins',
        'Diseases',
        'Species',
        'Relation_Trigger',
      ]);
      const bad = mentions.filter((m) => spanText(byId.get(m.docId)!.text, m.documentSpans) !== m.text);
      expect(bad).toEqual([]);
    }
    expect(scaiOffsetWarnings(train, 'train.xml')[0]!.message).toContain('complement factor H');
    expect(scaiOffsetWarnings(test, 'test.xml')[0]!.message).toContain('tumor necrosis factor-α');
  });

  it('has 529 / 376 Specific_miRNAs mentions and 195 / 123 true Specific_miRNAs–gene pairs', () => {
    expect(scaiGoldMentions(train)).toHaveLength(529);
    expect(scaiGoldMentions(test)).toHaveLength(376);
    const trainRels = scaiGoldRelations(train);
    const testRels = scaiGoldRelations(test);
    expect(trainRels).toHaveLength(195);
    expect(testRels).toHaveLength(123);
    expect(new Set(testRels.map((r) => r.pairType))).toEqual(new Set(['Specific_miRNAs-Genes/Proteins']));
    expect(
      testRels.every((r) => r.mirna.type === 'Specific_miRNAs' && r.partner.type === 'Genes/Proteins'),
    ).toBe(true);
    // wider selections add the other positive pair types of the file
    expect(scaiGoldRelations(test, { includeNonSpecific: true })).toHaveLength(123 + 16);
    expect(scaiGoldRelations(test, { includeNonSpecific: true, partners: ['gene', 'disease'] })).toHaveLength(
      320,
    );
  });
});
