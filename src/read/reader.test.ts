import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { names } from '../../test/helpers/reference-names.js';
import { parseDocuments } from './document-input.js';
import { parseCellLineTable } from './entity-recognizer.js';
import { createReader, documentSource } from './reader.js';

const reader = createReader(names, parseCellLineTable(readFileSync('data/cell-lines.tsv', 'utf8')));

function read(text: string) {
  const docs = parseDocuments(text, 'example.txt');
  if (!docs.ok) throw new Error('parse failed');
  return reader.read(docs.value[0]!).statements;
}
const claims = (text: string): string[] =>
  read(text).map(
    (s) =>
      `${s.subject.id} ${s.predicate} ${s.object.id}${s.qualifiers.inverted ? ` (${s.qualifiers.inverted})` : ''}`,
  );

describe('entity recognition', () => {
  const mentions = (text: string) =>
    reader.recognise(text).map((m) => `${m.type}:${text.slice(m.start, m.end)}=${m.ids.join('+')}`);

  it('finds miRNAs in every nomenclature form with their own spans', () => {
    expect(mentions('hsa-miR-770-5p, microRNA-21, MiR-342 and let-7a')).toEqual([
      'mirna:hsa-miR-770-5p=hsa-miR-770-5p',
      'mirna:microRNA-21=hsa-miR-21',
      'mirna:MiR-342=hsa-miR-342',
      'mirna:let-7a=hsa-let-7a',
    ]);
  });

  it('expands elliptical lists item by item and keeps families as families', () => {
    expect(mentions('miR-10b, -21 and -34a')).toEqual([
      'mirna:miR-10b=hsa-miR-10b',
      'mirna:-21=hsa-miR-21',
      'mirna:-34a=hsa-miR-34a',
    ]);
    expect(mentions('miR-200a, b and c')).toEqual([
      'mirna:miR-200a=hsa-miR-200a',
      'mirna:b=hsa-miR-200b',
      'mirna:c=hsa-miR-200c',
    ]);
    const family = reader.recognise('the miR-200 family');
    expect(family).toHaveLength(1);
    expect(family[0]).toMatchObject({ type: 'mirna', family: true, ids: ['hsa-miR-200 family'] });
  });

  it('expands clusters to their members', () => {
    const ids = reader.recognise('miR-221/222 cluster').map((m) => m.ids[0]);
    expect(ids).toEqual(['hsa-miR-221', 'hsa-miR-222']);
  });

  it('does not read an article after a list comma as a miRNA letter', () => {
    expect(mentions('miR-18a, a member of the family')).toEqual(['mirna:miR-18a=hsa-miR-18a']);
  });

  it('marks inhibitors written into the name, and only on the items they cover', () => {
    const ms = reader.recognise('anti-miR-21 and -155 but not miR-10b; antagomir-155');
    expect(ms.map((m) => [m.ids[0], m.lossOfFunction ?? ''])).toEqual([
      ['hsa-miR-21', 'inhibitor'],
      ['hsa-miR-155', 'inhibitor'],
      ['hsa-miR-10b', ''],
      ['hsa-miR-155', 'antagomir'],
    ]);
  });

  it('grounds genes by symbol, protein name and alias, and not ordinary words', () => {
    expect(mentions('ERα, Bcl-2, survivin, P-gp and programmed cell death 4 in Cells that CAN grow')).toEqual(
      [
        'gene:ERα=ESR1',
        'gene:Bcl-2=BCL2',
        'gene:survivin=BIRC5',
        'gene:P-gp=ABCB1',
        'gene:programmed cell death 4=PDCD4',
      ],
    );
  });

  it('finds therapies (names, abbreviations, classes), cell lines and subtypes', () => {
    expect(
      mentions(
        'DOX and 5-FU, anthracyclines; MCF7/ADR and SK-BR-3 cells; triple-negative breast cancer, HER2-positive',
      ),
    ).toEqual([
      'therapy:DOX=doxorubicin',
      'therapy:5-FU=fluorouracil',
      'therapy:anthracyclines=anthracyclines',
      'cell_line:MCF7=MCF-7',
      'therapy:ADR=doxorubicin',
      'cell_line:SK-BR-3=SK-BR-3',
      'subtype:triple-negative breast cancer=tnbc',
      'subtype:HER2-positive=her2-positive',
    ]);
  });
});

describe('therapy relations (issue 6 examples)', () => {
  it('inverts loss-of-function claims', () => {
    expect(claims('Transfection of anti-miR-21 re-sensitised BT-474 cells to trastuzumab.')).toEqual([
      'hsa-miR-21 confers_resistance trastuzumab (inhibitor)',
    ]);
    expect(claims('Knockdown of miR-375 induced resistance to tamoxifen in MCF-7 cells.')).toEqual([
      'hsa-miR-375 sensitises tamoxifen (knockdown)',
    ]);
    expect(claims('miR-181a inhibitors rendered cells resistant to doxorubicin.')).toEqual([
      'hsa-miR-181a sensitises doxorubicin (inhibitor)',
    ]);
  });

  it('reads gain of function as stated', () => {
    expect(claims('Overexpression of miR-770-5p sensitized the resistant cells to trastuzumab.')).toEqual([
      'hsa-miR-770-5p sensitises trastuzumab',
    ]);
    expect(claims('miR-221 conferred resistance to tamoxifen.')).toEqual([
      'hsa-miR-221 confers_resistance tamoxifen',
    ]);
  });

  it('reads chemo-/radio- forms, IC50 changes and comparative sensitivity', () => {
    expect(claims('miR-21 promoted chemoresistance of MCF-7 cells to doxorubicin.')).toEqual([
      'hsa-miR-21 confers_resistance doxorubicin',
    ]);
    expect(claims('miR-34a mimics decreased the IC50 of docetaxel in MDA-MB-231 cells.')).toEqual([
      'hsa-miR-34a sensitises docetaxel',
    ]);
    expect(claims('Cells overexpressing miR-222 were less sensitive to tamoxifen.')).toEqual([
      'hsa-miR-222 confers_resistance tamoxifen',
    ]);
    expect(claims('miR-195 enhanced the chemosensitivity of breast cancer cells to doxorubicin.')).toEqual([
      'hsa-miR-195 sensitises doxorubicin',
    ]);
    expect(claims('miR-21 did not increase the IC50 of paclitaxel.')).toEqual([]);
  });

  it('second reading: capitals, anaphoric loss, contrasts, per-gene changes, therapies not borrowed', () => {
    expect(claims('Anti-miR-21 re-sensitised cells to trastuzumab.')).toEqual([
      'hsa-miR-21 confers_resistance trastuzumab (inhibitor)',
    ]);
    expect(claims('Antagomir-21 re-sensitised cells to trastuzumab.')).toEqual([
      'hsa-miR-21 confers_resistance trastuzumab (antagomir)',
    ]);
    expect(
      claims(
        'miR-21 was upregulated in resistant cells. Inhibition of this miRNA restored sensitivity to trastuzumab.',
      ),
    ).toEqual(['hsa-miR-21 confers_resistance trastuzumab (inhibitor)']);
    expect(
      claims(
        'miR-21 was elevated in tumours, whereas HER2 amplification conferred resistance to trastuzumab.',
      ),
    ).toEqual([]);
    expect(claims('Unlike miR-200c, miR-141 conferred resistance to doxorubicin.')).toEqual([
      'hsa-miR-141 confers_resistance doxorubicin',
    ]);
    expect(claims('EGFR was upregulated and ERα was downregulated in tamoxifen-resistant cells.')).toEqual([
      'EGFR up_in_resistant tamoxifen',
      'ESR1 down_in_resistant tamoxifen',
    ]);
    expect(claims('Patients received trastuzumab. miR-21 overexpression promoted radioresistance.')).toEqual([
      'hsa-miR-21 confers_resistance radiotherapy',
    ]);
    expect(claims('Cells were treated with tamoxifen. miR-21 conferred resistance to gefitinib.')).toEqual(
      [],
    );
    expect(
      claims(
        'miR-21 was upregulated in MCF-7 cells. Tamoxifen reduced their proliferation and induced resistance.',
      ),
    ).toEqual([]);
    const [t] = read('Tamoxifen was used. We show that miR-21 targets PTEN at the corresponding site.');
    expect(t!.therapy).toBeUndefined();
  });

  it('skips relations in a "sentence" too long to be prose, in linear time', () => {
    const text =
      'miR-21 conferred resistance to tamoxifen, ' + 'miR-21, PTEN, tamoxifen, '.repeat(10_000) + '.';
    expect(read(text)).toEqual([]);
  });

  it('drops negated claims', () => {
    expect(claims('miR-21 did not affect the sensitivity of cells to paclitaxel.')).toEqual([]);
    expect(claims('miR-21 did not confer resistance to paclitaxel.')).toEqual([]);
  });

  it('expands coordinated therapies and genes', () => {
    expect(claims('miR-200c sensitised MDA-MB-231 cells to doxorubicin and paclitaxel.')).toEqual([
      'hsa-miR-200c sensitises doxorubicin',
      'hsa-miR-200c sensitises paclitaxel',
    ]);
    expect(claims('miR-21 directly targets PTEN and PDCD4.')).toEqual([
      'hsa-miR-21 targets PTEN',
      'hsa-miR-21 targets PDCD4',
    ]);
  });

  it('follows "this miRNA" / "it" into the next sentence', () => {
    expect(
      claims(
        'miR-451 is downregulated in tamoxifen-resistant MCF-7 cells. Overexpression of this miRNA restored tamoxifen sensitivity.',
      ),
    ).toEqual(['hsa-miR-451a down_in_resistant tamoxifen', 'hsa-miR-451a sensitises tamoxifen']);
    expect(claims('We studied miR-221 in MCF-7 cells. It conferred resistance to tamoxifen.')).toEqual([
      'hsa-miR-221 confers_resistance tamoxifen',
    ]);
    // no anaphor: the next sentence's claim is not the previous miRNA's
    expect(
      claims('We studied miR-221 in MCF-7 cells. Fulvestrant conferred resistance to tamoxifen.'),
    ).toEqual([]);
  });

  it('follows "this miRNA" / "they" into the next sentence for targets too', () => {
    expect(
      claims(
        'MiR-21 plays a role in tamoxifen resistance. This miRNA can target and inhibit PDCD4 and PTEN.',
      ),
    ).toEqual([
      'hsa-miR-21 confers_resistance tamoxifen',
      'hsa-miR-21 targets PDCD4',
      'hsa-miR-21 targets PTEN',
    ]);
    expect(claims('We measured miR-221 and miR-222. They directly target the 3′UTR of ESR1.')).toEqual([
      'hsa-miR-221 targets ESR1',
      'hsa-miR-222 targets ESR1',
    ]);
  });

  it('does not read a pathway named by a gene as a target', () => {
    expect(claims('miR-21 activates the PI3K/Akt signaling pathway by targeting PTEN.')).toEqual([
      'hsa-miR-21 targets PTEN',
    ]);
  });

  it('reads expression in resistant cells, not expression elsewhere', () => {
    expect(
      claims('miR-770-5p expression was significantly downregulated in trastuzumab-resistant BT-474 cells.'),
    ).toEqual(['hsa-miR-770-5p down_in_resistant trastuzumab']);
    expect(claims('miR-221 was upregulated in HER2-positive tumours treated with tamoxifen.')).toEqual([]);
    expect(
      claims('miR-342 levels were higher in tamoxifen-sensitive cells than in tamoxifen-resistant cells.'),
    ).toEqual(['hsa-miR-342 down_in_resistant tamoxifen']);
    expect(
      claims('miR-221 levels were higher in tamoxifen-resistant cells than in parental MCF-7 cells.'),
    ).toEqual(['hsa-miR-221 up_in_resistant tamoxifen']);
  });

  it('reads biomarker claims with the level that predicts', () => {
    const [s] = read(
      'High serum miR-21 levels were associated with poor response to neoadjuvant chemotherapy in patients.',
    );
    expect(s).toMatchObject({
      subject: { id: 'hsa-miR-21' },
      predicate: 'predicts_poor_response',
      object: { id: 'chemotherapy' },
      qualifiers: { level: 'high' },
    });
  });

  it('asserts a therapy only where the sentence or the one before names it (curation rule)', () => {
    expect(claims('Tamoxifen is widely used. Cells were grown. miR-21 confers drug resistance.')).toEqual([]);
    expect(claims('Tamoxifen is widely used. miR-21 confers drug resistance.')).toEqual([
      'hsa-miR-21 confers_resistance tamoxifen',
    ]);
  });

  it('records the sentence, its offsets, section, contexts and trigger', () => {
    const text =
      'title: Example\n\nAbstract\n\nIn SK-BR-3 cells, anti-miR-21 re-sensitised cells to trastuzumab.';
    const docs = parseDocuments(text, 'example.txt');
    if (!docs.ok) throw new Error('parse');
    const doc = docs.value[0]!;
    const [s] = reader.read(doc).statements;
    expect(s!.quote).toBe('In SK-BR-3 cells, anti-miR-21 re-sensitised cells to trastuzumab.');
    expect(doc.text.slice(s!.start, s!.end)).toBe(s!.quote);
    expect(s).toMatchObject({
      source_id: 'example',
      section: 'Abstract',
      trigger: 're-sensitised',
      subject_text: 'miR-21',
      object_text: 'trastuzumab',
      contexts: [{ cell_line: 'SK-BR-3' }],
    });
  });
});

describe('documentSource', () => {
  it('names PubMed records by PMID and plain files by their header or stem', () => {
    const docs = parseDocuments('PMID- 123\nTI  - A title.\nAB  - Text.\n', 'x.medline');
    if (!docs.ok) throw new Error('parse');
    expect(documentSource(docs.value[0]!)).toMatchObject({ id: 'PMID:123', pmid: '123', title: 'A title.' });
    const plain = parseDocuments('source: my paper 1\n\nmiR-21.', 'x.txt');
    if (!plain.ok) throw new Error('parse');
    expect(documentSource(plain.value[0]!).id).toBe('my_paper_1');
  });
});
