/** `miresist scan` as a user runs it: byte-identical to targetscan_70.pl, precise errors, no partial output. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cliRunner } from './helpers/cli.js';

const ts = '../shared/data/targetscan';
const dir = mkdtempSync(join(tmpdir(), 'miresist-scan-'));
const scan = cliRunner('scan');

describe('miresist scan --format targetscan', () => {
  it('writes exactly what targetscan_70.pl wrote on its sample inputs, with a summary by site type', () => {
    const out = join(dir, 'sample.txt');
    const r = scan(
      '--families',
      `${ts}/miR_Family_info_sample.txt`,
      '--utrs',
      `${ts}/UTR_Sequences_sample.txt`,
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${ts}/targetscan_70_output.txt`, 'utf8'));
    expect(r.err).toMatch(/213 sites \(7mer-1a 49, 7mer-m8 47, 8mer-1a 23, 6mer 94\)/);
    const stdout = scan(
      '--families',
      `${ts}/miR_Family_info_sample.txt`,
      '--utrs',
      `${ts}/UTR_Sequences_sample.txt`,
      '--quiet',
    );
    expect(stdout.out).toBe(readFileSync(`${ts}/targetscan_70_output.txt`, 'utf8'));
  });

  it('reads gzip input and rejects a truncated gzip file without leaving an output file', () => {
    const utrs = readFileSync(`${ts}/UTR_Sequences_sample.txt`);
    const gz = gzipSync(utrs);
    writeFileSync(join(dir, 'utrs.txt.gz'), gz);
    const ok = join(dir, 'gz.txt');
    expect(
      scan('--families', `${ts}/miR_Family_info_sample.txt`, '--utrs', join(dir, 'utrs.txt.gz'), '--out', ok)
        .code,
    ).toBe(0);
    expect(readFileSync(ok, 'utf8')).toBe(readFileSync(`${ts}/targetscan_70_output.txt`, 'utf8'));
    writeFileSync(join(dir, 'cut.txt.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const out = join(dir, 'cut-out.txt');
    const r = scan(
      '--families',
      `${ts}/miR_Family_info_sample.txt`,
      '--utrs',
      join(dir, 'cut.txt.gz'),
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cut\.txt\.gz:\d+: truncated gzip file: input ends after line \d+/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.includes('partial'))).toBe(false);
  });

  it('names file, line and field for bad letters, empty sequences, duplicated ids and bad seeds', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'G1\t9606\tACGUACGUACGUACGUACGU\nG1\t9606\tACGU\n');
    const r = scan(
      '--families',
      `${ts}/miR_Family_info_sample.txt`,
      '--utrs',
      bad,
      '--out',
      join(dir, 'never.txt'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("bad.txt:2: species: duplicated species 9606 for gene 'G1'");
    expect(existsSync(join(dir, 'never.txt'))).toBe(false);
    writeFileSync(bad, 'G1\t9606\tACGUXACGU\n');
    expect(scan('--families', `${ts}/miR_Family_info_sample.txt`, '--utrs', bad).err).toContain(
      "bad.txt:1: sequence: character 'X' at position 5",
    );
    const fam = join(dir, 'fam.txt');
    writeFileSync(fam, 'let-7\tGAGGUAGU\t9606\n');
    expect(scan('--families', fam, '--utrs', bad).err).toContain(
      "fam.txt:1: seed: 'GAGGUAGU' is not a 7-nt seed",
    );
  });

  it('plain mode: miRNA names or FASTA × UTR FASTA or TargetScan rows, as tsv or json', () => {
    const fa = join(dir, 'utrs.fa');
    writeFileSync(
      fa,
      '>UTR1\nCCCCCCCCCCCCCCCCCCCCGACUAUAAGCUACCCC\n>UTR2\nACGUACGUACGUACGUACGUACGUAUAAGCUUACGU\n',
    );
    const tsv = scan('--mirna', 'microRNA-21', '--utrs', fa);
    expect(tsv.code, tsv.err).toBe(0);
    expect(tsv.out).toBe(
      'mirna\tseed\tutr\tsite_type\tutr_start\tutr_end\tsite_sequence\n' +
        'hsa-miR-21-5p\tAGCUUAU\tUTR1\t8mer-1a\t25\t32\tAUAAGCUA\n' +
        'hsa-miR-21-5p\tAGCUUAU\tUTR2\t7mer-m8\t25\t31\tAUAAGCU\n',
    );
    expect(tsv.err).toMatch(/× 2 miRNAs \(hsa-miR-21-3p, hsa-miR-21-5p\)/);
    const mirFa = join(dir, 'mir.fa');
    writeFileSync(mirFa, '>my-mir\nUAGCUUAUCAGACUGAUGUUGA\n');
    const json = JSON.parse(scan('--mirna', mirFa, '--utrs', fa, '--format', 'json', '--quiet').out);
    expect(json.map((s: { mirna: string; siteType: string }) => `${s.mirna} ${s.siteType}`)).toEqual([
      'my-mir 8mer-1a',
      'my-mir 7mer-m8',
    ]);
    const rows = scan(
      '--mirna',
      'miR-1-3p',
      '--utrs',
      `${ts}/UTR_Sequences_sample.txt`,
      '--species',
      '9606',
      '--quiet',
    );
    expect(rows.out.trimEnd().split('\n').length).toBeGreaterThan(1);
    const unknown = scan('--mirna', 'miR-9999', '--utrs', fa);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unresolved miRNA name 'miR-9999'/);
  });
});
