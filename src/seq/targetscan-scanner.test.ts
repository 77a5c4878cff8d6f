import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFamilyInfo, parseUtrSequences, SequenceInputError } from './targetscan-inputs.js';
import {
  formatTargetScanRow,
  indexFamilies,
  scanUtrSet,
  seedMatch,
  TARGETSCAN_HEADER,
  type GroupCounter,
} from './targetscan-scanner.js';

const ts = '../shared/data/targetscan';
const lines = (path: string) => {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n');
};

async function scan(familyFile: string, utrFile: string): Promise<string[]> {
  const index = indexFamilies(parseFamilyInfo(lines(familyFile), familyFile));
  const counter: GroupCounter = { value: 0 };
  const out = [TARGETSCAN_HEADER];
  for await (const set of parseUtrSequences(lines(utrFile), utrFile)) {
    out.push(...scanUtrSet(set, index, counter).map((row) => formatTargetScanRow(row)));
  }
  return out;
}

describe('TargetScan 7 exactness', () => {
  it('equals targetscan_70.pl on the aligned multi-species sample, line for line (group numbers included)', async () => {
    const ours = await scan(`${ts}/miR_Family_info_sample.txt`, `${ts}/UTR_Sequences_sample.txt`);
    const theirs = lines(`${ts}/targetscan_70_output.txt`).filter(Boolean);
    expect(ours.length).toBe(theirs.length);
    expect([...ours].sort()).toEqual([...theirs].sort());
    expect(ours).toEqual(theirs);
  });

  it('equals targetscan_70.pl on the human rows × all 2,064 human families', async () => {
    const ours = await scan(
      `${ts}/targetscan_input_miR_Family_info_human_8.0.txt`,
      `${ts}/UTR_Sequences_sample_human_only.txt`,
    );
    const theirs = lines(`${ts}/targetscan_70_output_sample_human_allfamilies.txt.gz`).filter(Boolean);
    expect(ours.length).toBe(theirs.length);
    expect([...ours].sort()).toEqual([...theirs].sort());
  });

  it('derives the seed match as the reverse complement of seed nt 2–8', () => {
    expect(seedMatch('GAGGUAG')).toBe('CUACCUC');
  });
});

describe('TargetScan input errors', () => {
  const families = (text: string) => () => parseFamilyInfo(text.split('\n'), 'fam.txt');
  const utrs = async (text: string) => {
    const out = [];
    for await (const set of parseUtrSequences(text.split('\n'), 'utr.txt')) out.push(set);
    return out;
  };
  it('rejects a seed that is not 7 nt, and duplicated families', () => {
    expect(families('let-7\tGAGGUA\t9606')).toThrow(
      "fam.txt:1: seed: 'GAGGUA' is not a 7-nt seed (A, C, G, U/T)",
    );
    expect(families('a\tGAGGUAG\t9606\na\tGAGGUAG\t9606')).toThrow(
      "fam.txt:2: family: duplicated family id 'a' (first on line 1)",
    );
    expect(families('a\tGAGGUAG\t')).toThrow('fam.txt:1: species: no species ids');
  });
  it('rejects letters outside ACGUTN, empty sequences and duplicated ids', async () => {
    await expect(utrs('G1\t9606\tACGUX')).rejects.toThrow(
      "utr.txt:1: sequence: character 'X' at position 5 is not one of A C G U T N -",
    );
    await expect(utrs('G1\t9606\t')).rejects.toThrow('utr.txt:1: sequence: empty sequence');
    expect((await utrs('G1\t9606\tACGU\nG1\t10090\t----'))[0]!.utrs).toHaveLength(2);
    await expect(utrs('G1\t9606\tACGU\nG2\t9606\tACGU\nG1\t9606\tACGU')).rejects.toThrow(
      "utr.txt:3: gene: duplicated gene id 'G1' (its rows started on line 1)",
    );
    await expect(utrs('G1\t9606\tACGU\nG1\t9606\tACGU')).rejects.toThrow(SequenceInputError);
  });
});
