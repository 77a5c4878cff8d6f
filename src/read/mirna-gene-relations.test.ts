import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EntityMention } from './entity-recognizer.js';
import { mirnaGeneRelations, type MirnaGeneRelation } from './mirna-gene-relations.js';
import { parseScaiCorpus, scaiGoldRelations } from './scai-corpus.js';

/** Mentions by their text (`'miR-21'`, or `'PTEN#2'` for the second occurrence), in sentence offsets. */
function mentions(sentence: string, spec: Record<string, 'mirna' | 'gene'>): EntityMention[] {
  return Object.entries(spec).map(([key, type]) => {
    const [text, nth = '1'] = key.split('#') as [string, string?];
    let at = -1;
    for (let n = 0; n < Number(nth); n++) at = sentence.indexOf(text, at + 1);
    if (at < 0) throw new Error(`'${text}' not in '${sentence}'`);
    return { type, start: at, end: at + text.length, text, ids: [text] };
  });
}

const pairsOf = (rs: MirnaGeneRelation[], negated = false): string[] =>
  rs
    .filter((r) => r.negated === negated)
    .map((r) => `${r.mirna.text}@${r.mirna.start}>${r.gene.text}@${r.gene.start}`)
    .sort();
const names = (rs: MirnaGeneRelation[], negated = false): string[] =>
  rs
    .filter((r) => r.negated === negated)
    .map((r) => `${r.mirna.text}>${r.gene.text}`)
    .sort();

describe('mirnaGeneRelations', () => {
  it('reads an active trigger, with `directly` making the targeting direct', () => {
    const s = 'miR-21 directly targets PTEN in breast cancer cells.';
    const [r, ...rest] = mirnaGeneRelations(s, mentions(s, { 'miR-21': 'mirna', PTEN: 'gene' }));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      trigger: 'targets',
      direct: true,
      negated: false,
      direction: 'mirna_regulates_gene',
    });
  });

  it('expands coordinated genes and coordinated miRNAs', () => {
    const a = 'miR-21 can target and inhibit PTEN and PDCD4, leading to Akt activation.';
    expect(
      names(mirnaGeneRelations(a, mentions(a, { 'miR-21': 'mirna', PTEN: 'gene', PDCD4: 'gene' }))),
    ).toEqual(['miR-21>PDCD4', 'miR-21>PTEN']);
    const b = 'miR-21 and miR-221 suppress PTEN.';
    expect(
      names(mirnaGeneRelations(b, mentions(b, { 'miR-21': 'mirna', 'miR-221': 'mirna', PTEN: 'gene' }))),
    ).toEqual(['miR-21>PTEN', 'miR-221>PTEN']);
    const c =
      'miR-15a and miR-16-1 function by targeting multiple oncogenes, including BCL2, MCL1, and WNT3A.';
    const m = mentions(c, {
      'miR-15a': 'mirna',
      'miR-16-1': 'mirna',
      BCL2: 'gene',
      MCL1: 'gene',
      WNT3A: 'gene',
    });
    expect(mirnaGeneRelations(c, m)).toHaveLength(6);
  });

  it('reads `X is a target of miR-Y`, passives and `regulation of X by miR-Y`', () => {
    const a = 'We showed that PTEN is a direct target of miR-21.';
    const ra = mirnaGeneRelations(a, mentions(a, { 'miR-21': 'mirna', PTEN: 'gene' }));
    expect(names(ra)).toEqual(['miR-21>PTEN']);
    expect(ra[0]).toMatchObject({ direction: 'mirna_regulates_gene', direct: true });
    const b = 'High-mobility group A2 is negatively regulated by the let-7 family in vitro.';
    expect(
      names(mirnaGeneRelations(b, mentions(b, { 'let-7': 'mirna', 'High-mobility group A2': 'gene' }))),
    ).toEqual(['let-7>High-mobility group A2']);
    const c = 'Regulation of TBP by miR-146a may contribute to HD pathogenesis.';
    expect(names(mirnaGeneRelations(c, mentions(c, { 'miR-146a': 'mirna', TBP: 'gene' })))).toEqual([
      'miR-146a>TBP',
    ]);
    const d =
      'Similar results were obtained by depletion of PTBP1 in cells, a recognized miR-124 target gene.';
    expect(names(mirnaGeneRelations(d, mentions(d, { 'miR-124': 'mirna', PTBP1: 'gene' })))).toEqual([
      'miR-124>PTBP1',
    ]);
  });

  it('flags negated statements instead of dropping them', () => {
    const a = 'miR-200c did not affect ZEB1 expression.';
    const ra = mirnaGeneRelations(a, mentions(a, { 'miR-200c': 'mirna', ZEB1: 'gene' }));
    expect(names(ra)).toEqual([]);
    expect(names(ra, true)).toEqual(['miR-200c>ZEB1']);
    const b = 'ZEB1 was not a target of miR-200c.';
    expect(names(mirnaGeneRelations(b, mentions(b, { 'miR-200c': 'mirna', ZEB1: 'gene' })), true)).toEqual([
      'miR-200c>ZEB1',
    ]);
    const c = 'Overexpression of miR-34a reduced Bcl-2 but not survivin.';
    const rc = mirnaGeneRelations(c, mentions(c, { 'miR-34a': 'mirna', 'Bcl-2': 'gene', survivin: 'gene' }));
    expect(names(rc)).toEqual(['miR-34a>Bcl-2']);
    expect(names(rc, true)).toEqual(['miR-34a>survivin']);
    const d = 'Pre-miR-630 (but not pre-miR-181a) blocks the pathways that converge on p53 activation.';
    const rd = mirnaGeneRelations(d, mentions(d, { 'miR-630': 'mirna', 'miR-181a': 'mirna', p53: 'gene' }));
    expect(names(rd)).toEqual(['miR-630>p53']);
    expect(names(rd, true)).toEqual(['miR-181a>p53']);
    const e = 'This miRNA can not only directly target ERα but also regulate HDAC1.';
    expect(names(mirnaGeneRelations(e, [...mentions(e, { ERα: 'gene', HDAC1: 'gene' })]))).toEqual([]);
    const f = 'miR-34a can not only inhibit proliferation but also reduce the expression level of PD-L1.';
    expect(names(mirnaGeneRelations(f, mentions(f, { 'miR-34a': 'mirna', 'PD-L1': 'gene' })))).toEqual([
      'miR-34a>PD-L1',
    ]);
  });

  it('pairs each gene with the nearer of two miRNAs', () => {
    const a = 'miR-21 targets PTEN, whereas miR-200c targets ZEB1.';
    const m = mentions(a, { 'miR-21': 'mirna', PTEN: 'gene', 'miR-200c': 'mirna', ZEB1: 'gene' });
    expect(names(mirnaGeneRelations(a, m))).toEqual(['miR-200c>ZEB1', 'miR-21>PTEN']);
    const b = 'miR-9 targets REST and miR-9* targets CoREST.';
    const mb = mentions(b, { 'miR-9': 'mirna', 'miR-9*': 'mirna', REST: 'gene', CoREST: 'gene' });
    expect(names(mirnaGeneRelations(b, mb))).toEqual(['miR-9*>CoREST', 'miR-9>REST']);
    const c =
      'miR-107 levels fell as BACE1 rose, and the miR-107 binding sites lie in the 3′-UTR of BACE1 mRNA.';
    const mc = mentions(c, { 'miR-107': 'mirna', 'miR-107#2': 'mirna', BACE1: 'gene', 'BACE1#2': 'gene' });
    expect(pairsOf(mirnaGeneRelations(c, mc))).not.toContain('miR-107@0>BACE1@86');
  });

  it('skips an apposition to the subject, and a mention inside it does not act', () => {
    const s = 'miR-18a, a member of the miR-17-92 family, can target and inhibit AIB1.';
    const m = mentions(s, { 'miR-18a': 'mirna', 'miR-17-92 family': 'mirna', AIB1: 'gene' });
    expect(names(mirnaGeneRelations(s, m))).toEqual(['miR-18a>AIB1']);
  });

  it('reads relative clauses, axes and correlations', () => {
    const a = 'miR-375, which targets IGF1R, is downregulated in resistant cells.';
    expect(names(mirnaGeneRelations(a, mentions(a, { 'miR-375': 'mirna', IGF1R: 'gene' })))).toEqual([
      'miR-375>IGF1R',
    ]);
    const b = 'The miR-21–PTEN axis promotes resistance.';
    expect(names(mirnaGeneRelations(b, mentions(b, { 'miR-21': 'mirna', PTEN: 'gene' })))).toEqual([
      'miR-21>PTEN',
    ]);
    const c = 'An inverse correlation between let-7 and HMGA2 expression was evident.';
    const [rc] = mirnaGeneRelations(c, mentions(c, { 'let-7': 'mirna', HMGA2: 'gene' }));
    expect(rc).toMatchObject({ direction: 'association', trigger: 'correlation' });
  });

  it('tells who regulates whom', () => {
    const a = 'IFN-beta treatment reduced miR-21 expression in glioma cells.';
    const [ra] = mirnaGeneRelations(a, mentions(a, { 'miR-21': 'mirna', 'IFN-beta': 'gene' }));
    expect(ra?.direction).toBe('gene_regulates_mirna');
    const b = 'miR-21 expression is negatively regulated by STAT3 activation.';
    const [rb] = mirnaGeneRelations(b, mentions(b, { 'miR-21': 'mirna', STAT3: 'gene' }));
    expect(rb?.direction).toBe('gene_regulates_mirna');
    const c = 'PTEN protein levels increased markedly upon miR-21 inhibition.';
    const [rc] = mirnaGeneRelations(c, mentions(c, { 'miR-21': 'mirna', PTEN: 'gene' }));
    expect(rc?.direction).toBe('mirna_regulates_gene');
  });

  it("finds nothing where a miRNA and a gene merely co-occur, or where the gene is another one's", () => {
    const cases: [string, Record<string, 'mirna' | 'gene'>][] = [
      [
        'miR-21 is highly expressed in tumours, and PTEN is mutated in 30% of them.',
        { 'miR-21': 'mirna', PTEN: 'gene' },
      ],
      ['We measured miR-21 and PTEN in 40 tumours.', { 'miR-21': 'mirna', PTEN: 'gene' }],
      [
        'miR-770-5p overexpression reduced AKT levels through HER2 signalling.',
        { 'miR-770-5p': 'mirna', AKT: 'gene', HER2: 'gene' },
      ],
    ];
    for (const [s, spec] of cases) {
      const genes = mirnaGeneRelations(s, mentions(s, spec)).map((r) => r.gene.text);
      expect(genes, s).toEqual(s.includes('AKT') ? ['AKT'] : []);
    }
  });

  it('calls a change of the miRNA next to a gene an association, not targeting', () => {
    const s = 'Here we found that miR-21 was elevated in patients with HER2-positive disease.';
    const rs = mirnaGeneRelations(s, mentions(s, { 'miR-21': 'mirna', HER2: 'gene' }));
    expect(rs.filter((r) => r.direction === 'mirna_regulates_gene')).toEqual([]);
  });

  it('keeps the coordinates of the mentions given (document offsets with the sentence start)', () => {
    const doc = 'First sentence here. miR-21 targets PTEN.';
    const start = doc.indexOf('miR-21');
    const m = mentions(doc, { 'miR-21': 'mirna', PTEN: 'gene' });
    const [r] = mirnaGeneRelations(doc.slice(start), m, start);
    expect(r).toMatchObject({ mirna: { start }, gene: { start: doc.indexOf('PTEN') } });
    expect(doc.slice(r!.triggerStart, r!.triggerEnd)).toBe('targets');
  });

  it('stays linear on a long sentence full of mentions', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `PTEN${i} regulated` : `miR-${i} targets`));
    const s = parts.join(' and ');
    const m: EntityMention[] = [];
    let at = 0;
    for (const p of parts) {
      const name = p.split(' ')[0]!;
      m.push({
        type: name.startsWith('miR') ? 'mirna' : 'gene',
        start: at,
        end: at + name.length,
        text: name,
        ids: [],
      });
      at += p.length + ' and '.length;
    }
    // speed is measured by bench:read, not asserted here; the long sentence must simply be handled
    expect(mirnaGeneRelations(s, m).length).toBeGreaterThan(0);
  });
});

describe('mirnaGeneRelations on the SCAI train split (gold entities)', () => {
  it('finds most gold miRNA–gene pairs with few spurious ones', () => {
    const file = '../shared/corpora/scai-mirna/miRNA-Train-Corpus.xml';
    const parsed = parseScaiCorpus(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    const gold = new Set(
      scaiGoldRelations(parsed.value).map(
        (g) => `${g.sentenceId}\t${g.mirna.sentenceSpans[0]![0]}\t${g.partner.sentenceSpans[0]![0]}`,
      ),
    );
    let tp = 0;
    let fp = 0;
    for (const d of parsed.value)
      for (const s of d.sentences) {
        const ms: EntityMention[] = s.entities.flatMap((e) =>
          e.type === 'Specific_miRNAs' || e.type === 'Genes/Proteins'
            ? [
                {
                  type: e.type === 'Specific_miRNAs' ? ('mirna' as const) : ('gene' as const),
                  start: e.spans[0]![0],
                  end: e.spans[e.spans.length - 1]![1],
                  text: e.text,
                  ids: [],
                },
              ]
            : [],
        );
        const seen = new Set<string>();
        for (const r of mirnaGeneRelations(s.text, ms)) {
          const key = `${s.id}\t${r.mirna.start}\t${r.gene.start}`;
          if (r.negated || seen.has(key)) continue;
          seen.add(key);
          if (gold.has(key)) tp++;
          else fp++;
        }
      }
    const fn = gold.size - tp;
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(f1).toBeGreaterThan(0.8);
  });
});
