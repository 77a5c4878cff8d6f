import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFasta } from './fasta-parser.js';
import { plainScanner } from './plain-scan.js';
import { parseUtrSequences } from './targetscan-inputs.js';

const ts = '../shared/data/targetscan';
const text = (path: string) => {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('plain mode (miRNA × UTR, one species)', () => {
  it('finds the same sites as targetscan_70.pl for miRNAs with those family seeds', async () => {
    const mirnas = [
      { name: 'hsa-miR-1-3p', sequence: 'UGGAAUGUAAAGAAGUAUGUAU' },
      { name: 'hsa-let-7a-5p', sequence: 'UGAGGUAGUAGGUUGUAUAGUU' },
    ];
    const familyRows = text(`${ts}/targetscan_input_miR_Family_info_human_8.0.txt`)
      .split('\n')
      .map((l) => l.split('\t'));
    const familyOf = new Map(
      mirnas.map((m) => [familyRows.find((f) => f[1] === m.sequence.slice(1, 8))![0]!, m.name]),
    );
    const expected = text(`${ts}/targetscan_70_output_sample_human_allfamilies.txt.gz`)
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((f) => familyOf.has(f[1]!))
      .map((f) => `${familyOf.get(f[1]!)} ${f[0]} ${f[8]} ${f[5]}-${f[6]}`)
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    const scan = plainScanner(mirnas);
    const found: string[] = [];
    for await (const set of parseUtrSequences(
      text(`${ts}/UTR_Sequences_sample_human_only.txt`).split('\n'),
      'utrs',
    )) {
      for (const s of scan({ id: set.gene, sequence: set.utrs[0]!.alignment })) {
        found.push(`${s.mirna} ${s.utr} ${s.siteType} ${s.start}-${s.end}`);
      }
    }
    expect(found.sort()).toEqual(expected);
  });

  it('reports offset 6mers (seed nt 3–8) only where asked, outside the 14-nt mask and canonical sites', () => {
    const mir21 = { name: 'hsa-miR-21-5p', sequence: 'UAGCUUAUCAGACUGAUGUUGA' };
    const utr = { id: 'U', sequence: 'CCCCCCCCCCCCCCCCCCCC' + 'GAUAAGCGG' + 'CCCCAUAAGCUACC' };
    expect(plainScanner([mir21])(utr).map((s) => s.siteType)).toEqual(['8mer-1a']);
    const withOffset = plainScanner([mir21], { offset6mer: true })(utr);
    expect(withOffset.map((s) => [s.siteType, s.start, s.site])).toEqual([
      ['offset-6mer', 22, 'AUAAGC'],
      ['8mer-1a', 34, 'AUAAGCUA'],
    ]);
  });
});

describe('FASTA parser', () => {
  it('reads multi-line records, upper-cases and writes T as U', async () => {
    const records = await collect(parseFasta(['>a first', 'acgt', 'ACGU', '', '>b', 'NNNN'], 'x.fa'));
    expect(records.map((r) => [r.id, r.description, r.sequence])).toEqual([
      ['a', 'first', 'ACGUACGU'],
      ['b', '', 'NNNN'],
    ]);
  });
  it('rejects empty sequences, bad letters and duplicated ids with file and line', async () => {
    await expect(collect(parseFasta(['>a', '>b', 'ACGU'], 'x.fa'))).rejects.toThrow(
      'x.fa:1: sequence: empty sequence',
    );
    await expect(collect(parseFasta(['>a', 'ACGUZ'], 'x.fa'))).rejects.toThrow(
      "x.fa:1: sequence: character 'Z' at position 5",
    );
    await expect(collect(parseFasta(['>a', 'ACGU', '>a', 'ACGU'], 'x.fa'))).rejects.toThrow(
      "x.fa:3: header: duplicated id 'a' (first on line 1)",
    );
    await expect(collect(parseFasta(['ACGU'], 'x.fa'))).rejects.toThrow(
      'x.fa:1: sequence: sequence before the first > header',
    );
  });
});
