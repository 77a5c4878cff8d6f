/** The bundled resistance model and its CLI: cited data, seed scenarios, simulate, screen, rebuild-driven miRNA nodes. */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResistanceModelSpec } from '../src/kb/index.js';
import { booleanRule, formatBnetExpr, parseBnet, parseScenarios } from '../src/netsim/index.js';
import { cliRunner } from './helpers/cli.js';

const seeds = '../shared/seeds';
const collapse = (text: string) => text.replace(/\s+/g, ' ');
const seedText = (id: string) => collapse(readFileSync(join(seeds, `${id}.txt`), 'utf8'));
const isSeed = (source: string) => existsSync(join(seeds, `${source}.txt`));

const dir = mkdtempSync(join(tmpdir(), 'miresist-model-'));
const db = join(dir, 'kb.sqlite');
const run = cliRunner('--db', db);

describe('bundled resistance model data', () => {
  const spec = readResistanceModelSpec();

  it('has the nodes the issue names, drugs as inputs, and every edge cited', () => {
    const nodes = new Set(spec.nodes.map((n) => n.node));
    for (const n of [
      'ERBB2',
      'EGFR',
      'ERBB3',
      'IGF1R',
      'ESR1',
      'PI3K',
      'AKT',
      'MTOR',
      'PTEN',
      'RAS',
      'RAF',
      'MEK',
      'ERK',
      'CCND1',
      'CDK4',
      'CDK6',
      'CDKN1A',
      'CDKN1B',
      'RB1',
      'E2F',
      'BCL2',
      'MCL1',
      'BAX',
      'BIRC5',
      'ABCB1',
      'ABCG2',
      'BRCA1',
      'RAD51',
      'ATM',
      'ZEB1',
      'CDH1',
      'Proliferation',
      'Apoptosis',
      'DNA_repair',
      'Drug_efflux',
    ])
      expect(nodes, n).toContain(n);
    const drugs = Object.fromEntries(
      spec.nodes.filter((n) => n.role === 'drug').map((n) => [n.therapy, n.node]),
    );
    expect(Object.keys(drugs).sort()).toEqual(
      [
        'cisplatin',
        'docetaxel',
        'doxorubicin',
        'lapatinib',
        'paclitaxel',
        'radiotherapy',
        'tamoxifen',
        'trastuzumab',
      ].sort(),
    );
    for (const e of spec.edges) expect(e.source.length, `${e.regulator} → ${e.target}`).toBeGreaterThan(5);
  });

  it('quotes seeds verbatim wherever an edge, context or scenario cites a seed', () => {
    const scenarios = parseScenarios(
      readFileSync('data/scenarios/seed-claims.tsv', 'utf8'),
      'data/scenarios/seed-claims.tsv',
    );
    if (!scenarios.ok) throw new Error(JSON.stringify(scenarios.issues));
    const cited = [
      ...spec.edges.map((e) => ({ source: e.source, quote: e.quote, what: `${e.regulator} → ${e.target}` })),
      ...spec.contexts.map((c) => ({ source: c.source ?? '', quote: c.quote, what: c.id })),
      ...scenarios.value.map((s) => ({ source: s.source, quote: s.quote, what: s.id })),
    ];
    let seedQuotes = 0;
    for (const c of cited) {
      if (!isSeed(c.source)) {
        expect(c.quote ?? '', `${c.what}: a named paper is cited without a quote`).toBe('');
        continue;
      }
      expect(c.quote, c.what).toBeTruthy();
      expect(seedText(c.source), c.what).toContain(collapse(c.quote!));
      seedQuotes++;
    }
    expect(seedQuotes).toBeGreaterThan(40);
  });
});

describe('resistance model CLI', () => {
  beforeAll(() => {
    const built = run('kb', 'build');
    expect(built.code, built.err).toBe(0);
  });

  it('passes every scenario check and reports the documented gaps', () => {
    const r = run('scenarios', '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(26);
    expect(report.results.find((x: { id: string }) => x.id === 'mir770-resensitises')).toMatchObject({
      passed: true,
      status: 'check',
    });
    const text = run('scenarios');
    expect(text.out).toMatch(
      /^PASS mir770-resensitises: her2-resistant \+ trastuzumab \+ hsa-miR-770-5p mimic/m,
    );
    expect(text.out).toMatch(/\d+\/\d+ checks pass; \d+ documented gap\(s\)/);
  });

  it('fails (exit 1) and explains when a scenario does not hold', () => {
    const file = join(dir, 'wrong.tsv');
    cpSync('data/scenarios/seed-claims.tsv', file);
    appendFileSync(
      file,
      'wrong\ther2-resistant\ttrastuzumab\t\t\tProliferation=0\tcheck\tdeliberately wrong\t000_32c76e4c60258c72\tq\t\n',
    );
    const r = run('scenarios', '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL wrong: /m);
    expect(r.out).toMatch(/✗ Proliferation=0: Proliferation=1/);
    expect(r.out).toMatch(/Proliferation = 1\n\s+E2F = 1 {2}→ Proliferation/);
  });

  it('simulates the seed claim: miR-770-5p mimic turns AKT, ERK, IGF1R, MTOR and Proliferation off under trastuzumab', () => {
    const base = JSON.parse(
      run('simulate', '--context', 'her2-resistant', '--therapy', 'Herceptin', '--json').out,
    );
    expect(base.phenotypes.Proliferation).toBe(1);
    const r = run(
      'simulate',
      '--context',
      'her2-resistant',
      '--therapy',
      'trastuzumab',
      '--mimic',
      'miR-770-5p',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const outcome = JSON.parse(r.out);
    expect(outcome.values).toMatchObject({ AKT: 0, ERK: 0, IGF1R: 0, MTOR: 0, Proliferation: 0 });
    expect(outcome.perturbations).toContainEqual(
      expect.objectContaining({ node: 'hsa_miR_770_5p', level: 1, kind: 'mimic' }),
    );
    const text = run(
      'simulate',
      '--context',
      'her2-resistant',
      '--therapy',
      'trastuzumab',
      '--mimic',
      'hsa-miR-770-5p',
    );
    expect(text.out).toMatch(/hsa_miR_770_5p = 1 {2}← hsa-miR-770-5p mimic {2}⊣ (AKT|ERK)/);
    expect(text.out).toMatch(
      /“Previously we found that overexpression of miR-770-5p downregulated AKT and ERK/,
    );
    expect(text.out).toMatch(/\(indirect effect\)/);
    expect(text.out, 'absent miRNAs are not listed as causes').not.toMatch(
      /hsa_miR_\w+ = 0 {2}\(not set: off\)/,
    );
    const akt = run(
      'simulate',
      '--context',
      'her2-resistant',
      '--therapy',
      'trastuzumab',
      '--explain',
      'AKT',
      '--explain',
      'Apoptosis',
    );
    expect(akt.out).toMatch(/why AKT = 1:\n {2}AKT = 1\n {4}PI3K = 1 {2}→ AKT/);
  });

  it('screens every miRNA and lists the miR-770-5p mimic among the re-sensitisers, with its explanation', () => {
    const r = run('screen', '--therapy', 'trastuzumab', '--context', 'her2-resistant', '--json');
    expect(r.code, r.err).toBe(0);
    const screen = JSON.parse(r.out);
    const entry = screen.entries.find(
      (e: { mirna: string; perturbation: string }) =>
        e.mirna === 'hsa-miR-770-5p' && e.perturbation === 'mimic',
    );
    expect(entry).toMatchObject({ effect: 're-sensitises', deltaProliferation: -1 });
    expect(entry.explanation.node).toBe('Proliferation');
    expect(screen.entries.length).toBe(
      2 * new Set(screen.entries.map((e: { mirna: string }) => e.mirna)).size,
    );
    const text = run('screen', '--therapy', 'trastuzumab');
    expect(text.out).toMatch(/context her2-resistant/);
    expect(text.out).toMatch(/hsa-miR-770-5p +mimic +-1 +0 +re-sensitises/);
  });

  it('gives exit 2 with a clear message for an unknown context, miRNA or node', () => {
    const context = run('simulate', '--context', 'nowhere', '--therapy', 'trastuzumab');
    expect(context.code).toBe(2);
    expect(context.err).toMatch(/unknown context 'nowhere'; known: her2, her2-resistant/);
    const mirna = run('simulate', '--context', 'her2', '--mimic', 'miR-1');
    expect(mirna.code).toBe(2);
    expect(mirna.err).toMatch(/hsa-miR-1 has no curated target among the model's nodes/);
    const level = run('simulate', '--context', 'her2', '--fix', 'AKT=2');
    expect(level.code).toBe(2);
    expect(level.err).toMatch(/AKT is Boolean: 0 or 1, not 2/);
    const klass = run('simulate', '--context', 'her2', '--therapy', 'anthracyclines');
    expect(klass.code).toBe(2);
    expect(klass.err).toMatch(
      /anthracyclines is not a drug node of the model; it is a class: choose one of .*doxorubicin/,
    );
  });

  it('exports the generated model, miRNA nodes included, as .bnet that reads back', () => {
    const out = join(dir, 'resistance.bnet');
    const r = run('model', 'export-resistance', out);
    expect(r.code, r.err).toBe(0);
    const parsed = parseBnet(readFileSync(out, 'utf8'), out);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const igf1r = parsed.value.nodes.find((n) => n.name === 'IGF1R')!;
    expect(formatBnetExpr(booleanRule(igf1r.fn)!)).toMatch(/^IGF1 & .*!hsa_miR_770_5p/);
    expect(parsed.value.nodes.map((n) => n.name)).toContain('hsa_miR_770_5p');
  });

  it('grows a miRNA node when a new curated targets statement is built in', () => {
    const curation = join(dir, 'curation');
    cpSync('data/curation', curation, { recursive: true });
    const file = join(
      curation,
      readdirSync(curation).find((f) => f.startsWith('000_'))!,
    );
    appendFileSync(
      file,
      'miR-770-5p\ttargets\tEGFR\t\t\t\twestern-blot\tAbstract: Results\tHowever, miR-770-5p overexpression resulted in decreased phosphorylation of AKT and ERK, indicating its suppressive role in EGFR/HER2 signaling.\n',
    );
    const before = JSON.parse(
      run('simulate', '--context', 'her2-resistant', '--mimic', 'miR-770-5p', '--json').out,
    );
    expect(before.values.EGFR).toBe(1);
    const rebuilt = run('kb', 'build', '--curation', curation);
    expect(rebuilt.code, rebuilt.err).toBe(0);
    const after = JSON.parse(
      run('simulate', '--context', 'her2-resistant', '--mimic', 'miR-770-5p', '--json').out,
    );
    expect(after.values.EGFR).toBe(0);
    run('kb', 'build');
  });
});
