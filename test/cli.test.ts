/** The miresist CLI as a user runs it: real process, real store file. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { TSV_COLUMNS } from '../src/kb/index.js';
import { cliRunner } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'miresist-cli-'));
const db = join(dir, 'kb.sqlite');
const run = cliRunner('--db', db);

describe('miresist CLI', () => {
  beforeAll(() => {
    const built = run('kb', 'build');
    expect(built.code, built.err).toBe(0);
    expect(built.out).toMatch(/Built SQLite file .*kb\.sqlite in \d+ ms/);
  });

  it('answers `therapy tamoxifen` with miRNAs, mechanisms and quotes', () => {
    const r = run('therapy', 'tamoxifen');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^tamoxifen {2}\[agent, endocrine\]/);
    expect(r.out).toMatch(/Confer resistance \(\d+ miRNAs\)/);
    expect(r.out).toMatch(/Sensitise \(\d+ miRNAs\)/);
    expect(r.out).toMatch(/● hsa-miR-221\n/);
    expect(r.out).toMatch(/mechanism: hsa-miR-221 targets ESR1 \[tamoxifen\]/);
    expect(r.out).toMatch(/“By binding to the 3' untranslated region of ER α mRNA/);
  });

  it('prints JSON for every query with --json', () => {
    for (const args of [
      ['mirna', 'miR-21'],
      ['therapy', '4-OHT'],
      ['gene', 'HER2'],
      ['search', 'PTEN'],
      ['kb', 'info'],
    ]) {
      const r = run(...args, '--json');
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      expect(() => JSON.parse(r.out), args.join(' ')).not.toThrow();
    }
    const mirna = JSON.parse(run('mirna', 'hsa-miR-770-5p', '--json').out);
    expect(mirna.mirna).toMatchObject({
      name: 'hsa-miR-770-5p',
      accession: 'MIMAT0003948',
      seed: expect.stringMatching(/^[ACGU]{7}$/),
    });
  });

  it('shows identity with sequence and seed for a mature miRNA', () => {
    const r = run('mirna', 'miR-770-5p');
    expect(r.out).toMatch(/hsa-miR-770-5p {2}\[mature\] {2}MIMAT0003948/);
    expect(r.out).toMatch(/seed \(nt 2–8\) [ACGU]{7}/);
    expect(r.out).toMatch(/Sensitises to \(\d+\)/);
  });

  it('exports TSV with the public header and every statement with a quote', () => {
    const r = run('export', '--format', 'tsv');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(TSV_COLUMNS.join('\t'));
    expect(lines[0]).toBe('subject\tpredicate\tobject\ttherapy\tcontext\tsource\tquote');
    expect(lines.length).toBeGreaterThan(130);
    expect(lines.slice(1).every((l) => l.split('\t').length === 7 && l.split('\t')[6]!.length > 10)).toBe(
      true,
    );
  });

  it('exports GraphML that is well-formed and SIF with three columns', () => {
    const graphml = run('export', '--format', 'graphml').out;
    expect(XMLValidator.validate(graphml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(graphml);
    expect(doc.graphml.graph.edge.length).toBeGreaterThan(130);
    const sif = run('export', '--format', 'sif').out.trimEnd().split('\n');
    expect(sif.every((l) => l.split('\t').length === 3)).toBe(true);
    const out = join(dir, 'kb.json');
    expect(run('export', '--format', 'json', '--out', out).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).formatVersion).toBe(1);
  });

  it('gives clear errors: unknown names with candidates, missing store, bad curation', () => {
    const unknown = run('mirna', 'miR-9999');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unresolved miRNA name 'miR-9999' .*closest: /);
    const therapy = run('therapy', 'tamoxifenn');
    expect(therapy.err).toMatch(/closest: tamoxifen/);
    const missing = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--db', join(dir, 'none.sqlite'), 'therapy', 'tamoxifen'],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no store at .*none\.sqlite: run `miresist kb build` first/);
    const bad = mkdtempSync(join(tmpdir(), 'miresist-cur-'));
    cpSync('data/curation', bad, { recursive: true });
    const f = join(bad, '003_c402468433c2f29f.tsv');
    writeFileSync(f, readFileSync(f, 'utf8') + 'miR-21\tcauses\ttamoxifen\t\t\t\t\tX\tQuote.\n');
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n').length;
    const before = run('export', '--format', 'sif').out;
    const failed = run('kb', 'build', '--curation', bad);
    expect(failed.code).toBe(2);
    expect(failed.err).toContain(`003_c402468433c2f29f.tsv:${lines}: predicate: 'causes' is not one of`);
    expect(failed.err).toMatch(/nothing was changed/);
    expect(run('export', '--format', 'sif').out).toBe(before);
  });

  it('enriches curated targets of a miRNA set in the resistance pathway sets', () => {
    const r = run('enrich', '--mirna', 'miR-221', 'miR-222', 'miR-21', '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.source).toBe('curated');
    const er = report.rows.find((row: { set: string }) => row.set === 'ER signalling');
    expect(er.overlap).toContain('ESR1');
    expect(er.pUpper).toBeLessThan(0.05);
    expect(report.rows.every((row: { q: number; pUpper: number }) => row.q >= row.pUpper)).toBe(true);
    const text = run('enrich', '--mirna', 'miR-21');
    expect(text.out).toMatch(/curated targets of hsa-miR-21: \d+ genes in a universe of 20598/);
  });

  it('loads a UTR set and shows, for each curated target, whether a canonical site exists', () => {
    const fa = join(dir, 'utrs.fa');
    writeFileSync(
      fa,
      `>PTEN\n${'C'.repeat(20)}AUAAGCUA${'C'.repeat(20)}\n>PDCD4\n${'C'.repeat(40)}\n>NOTAGENE99\nACGUACGU\n`,
    );
    const loaded = run('kb', 'load-utrs', fa, '--name', 'demo');
    expect(loaded.code, loaded.err).toBe(0);
    expect(loaded.out).toMatch(
      /loaded 'demo': 2 UTRs; 1 canonical sites of \d+ curated mature miRNAs; 1 UTR ids did not resolve/,
    );
    const report = run('mirna', 'miR-21');
    expect(report.out).toMatch(
      /Seed sites in the loaded UTRs \(demo\), predicted:\n(.|\n)*PTEN: miR-21-5p 8mer-1a 21–28/,
    );
    expect(report.out).toMatch(/PDCD4: no canonical site/);
  });
});
