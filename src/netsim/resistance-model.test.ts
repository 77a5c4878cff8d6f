import { describe, expect, it } from 'vitest';
import { formatIssue } from '../model/index.js';
import { assembleResistanceModel, parseResistanceModel, type MirnaTargetFact } from './resistance-model.js';
import { simulateResistance } from './resistance-simulation.js';
import { parseScenarios, runScenario } from './resistance-scenarios.js';

const header = 'node\trole\tgenes\ttherapy\trule\tdescription\n';
const nodes =
  header +
  'Ligand\tinput\t\t\t\tligand\n' +
  'Drug\tdrug\t\tdrugx\t\tdrug\n' +
  'R\treceptor\tRGENE\t\tLigand & !Drug\treceptor\n' +
  'K\tsignalling\tKA;KB\t\tR\tkinase\n' +
  'Proliferation\tphenotype\t\t\tK\tgrowth\n' +
  'Apoptosis\tphenotype\t\t\t!K\tdeath\n';
const edges =
  'regulator\ttarget\tsign\tsource\tquote\tnote\n' +
  'Ligand\tR\t+\tPaper A 2001\t\t\n' +
  'Drug\tR\t-\tPaper B 2002\t\t\n' +
  'R\tK\t+\tPaper C 2003\t\t\n' +
  'K\tProliferation\t+\tPaper D 2004\t\t\n' +
  'K\tApoptosis\t-\tPaper E 2005\t\t\n';
const contexts =
  'context\tsubtype\tinputs\tresistant_to\tsource\tquote\tdescription\n' +
  'on\tx\tLigand=1\t\t\t\tligand present\n';
const files = (n = nodes, e = edges, c = contexts) => ({
  nodes: { text: n, file: 'nodes.tsv' },
  edges: { text: e, file: 'edges.tsv' },
  contexts: { text: c, file: 'contexts.tsv' },
});
const fact = (mirna: string, gene: string): MirnaTargetFact => ({
  mirna,
  gene,
  statementId: `s-${mirna}-${gene}`,
  source: 'seed',
  quote: `${mirna} targets ${gene}.`,
});

describe('resistance model tables', () => {
  it('parses nodes, cited edges and contexts', () => {
    const spec = parseResistanceModel(files());
    expect(spec.ok).toBe(true);
    if (!spec.ok) return;
    expect(spec.value.nodes.map((n) => n.node)).toEqual([
      'Ligand',
      'Drug',
      'R',
      'K',
      'Proliferation',
      'Apoptosis',
    ]);
    expect(spec.value.contexts[0]!.inputs).toEqual({ Ligand: 1 });
  });

  it('rejects a rule regulator without a cited edge, naming file, line and field', () => {
    const spec = parseResistanceModel(files(nodes, edges.replace('R\tK\t+\tPaper C 2003\t\t\n', '')));
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    expect(spec.issues.map(formatIssue)).toContain('nodes.tsv:5: rule: R → K has no cited edge in edges.tsv');
  });

  it('rejects an edge whose sign contradicts the rule, and an edge in no rule', () => {
    const spec = parseResistanceModel(
      files(nodes, edges.replace('Drug\tR\t-', 'Drug\tR\t+') + 'Ligand\tK\t+\tPaper F\t\t\n'),
    );
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    const messages = spec.issues.map(formatIssue);
    expect(messages).toContain('edges.tsv:3: sign: Drug acts on R with sign - in the rule, not +');
    expect(messages).toContain('edges.tsv:7: target: edge Ligand → K is in no rule');
  });

  it('rejects an uncited edge, a context that sets a non-input, and a bad rule', () => {
    const spec = parseResistanceModel(
      files(
        nodes.replace('Ligand & !Drug', 'Ligand & (!Drug'),
        edges.replace('Paper E 2005', ''),
        contexts.replace('Ligand=1', 'K=1'),
      ),
    );
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    const messages = spec.issues.map(formatIssue).join('\n');
    expect(messages).toMatch(/nodes\.tsv:4: rule: missing '\)'/);
    expect(messages).toMatch(/edges\.tsv:6: source: every edge cites a source/);
    expect(messages).toMatch(/contexts\.tsv:2: inputs: 'K' is not an input node/);
  });
});

describe('miRNA nodes from curated targets', () => {
  const spec = parseResistanceModel(files());
  if (!spec.ok) throw new Error('fixture');

  it('adds a repressing miRNA node for every curated target a node stands for, citing the statement', () => {
    const model = assembleResistanceModel(spec.value, [
      fact('hsa-miR-1', 'KB'),
      fact('hsa-miR-2', 'UNRELATED'),
    ]);
    expect([...model.mirnaNodes]).toEqual([['hsa-miR-1', 'hsa_miR_1']]);
    expect(model.edges.at(-1)).toMatchObject({
      regulator: 'hsa_miR_1',
      target: 'K',
      sign: '-',
      statementId: 's-hsa-miR-1-KB',
    });
    const base = simulateResistance(model, { context: 'on', drugs: [], mimics: [], inhibitors: [] });
    const mimic = simulateResistance(model, {
      context: 'on',
      drugs: [],
      mimics: ['hsa-miR-1'],
      inhibitors: [],
    });
    expect(base.phenotypes).toMatchObject({ Proliferation: 1, Apoptosis: 0 });
    expect(mimic.phenotypes).toMatchObject({ Proliferation: 0, Apoptosis: 1 });
    expect(mimic.explanations.Proliferation).toMatchObject({
      node: 'Proliferation',
      value: 0,
      because: [
        { edge: { regulator: 'K' }, cause: { node: 'K', because: [{ cause: { reason: 'perturbation' } }] } },
      ],
    });
  });

  it('changes the model when a new curated target arrives (no code change)', () => {
    const before = assembleResistanceModel(spec.value, []);
    const after = assembleResistanceModel(spec.value, [fact('hsa-miR-9', 'RGENE')]);
    expect(before.network.nodes).toHaveLength(6);
    expect(after.network.nodes).toHaveLength(7);
    const drugged = simulateResistance(after, { context: 'on', drugs: ['Drug'], mimics: [], inhibitors: [] });
    expect(drugged.phenotypes.Proliferation).toBe(0);
    expect(() =>
      simulateResistance(before, { context: 'on', drugs: [], mimics: ['hsa-miR-9'], inhibitors: [] }),
    ).toThrow(/no curated target in the model/);
  });

  it('runs scenarios with absolute and baseline-relative expectations; a wrong expectation fails', () => {
    const model = assembleResistanceModel(spec.value, [fact('hsa-miR-1', 'KA')]);
    const table =
      'id\tcontext\ttherapy\tmimic\tinhibit\texpect\tstatus\tclaim\tsource\tquote\tnote\n' +
      'a\ton\t\thsa-miR-1\t\tProliferation<base;Apoptosis=1\tcheck\tc\ts\tq\t\n' +
      'b\ton\tdrugx\t\t\tProliferation=1\tcheck\tc\ts\tq\t\n';
    const scenarios = parseScenarios(table, 'sc.tsv');
    expect(scenarios.ok).toBe(true);
    if (!scenarios.ok) return;
    const [a, b] = scenarios.value.map((s) => runScenario(model, s));
    expect(a!.passed).toBe(true);
    expect(a!.checks[0]).toMatchObject({ expectation: 'Proliferation < baseline', holds: true });
    expect(b!.passed).toBe(false);
    expect(b!.checks[0]).toMatchObject({ actual: 'Proliferation=0', holds: false });
  });

  it('rejects malformed scenario rows with file:line: field', () => {
    const bad =
      'id\tcontext\ttherapy\tmimic\tinhibit\texpect\tstatus\tclaim\tsource\tquote\tnote\n' +
      'a\ton\t\t\t\tProliferation~1\tmaybe\tc\t\t\t\n';
    const parsed = parseScenarios(bad, 'sc.tsv');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const messages = parsed.issues.map(formatIssue);
    expect(messages).toContain("sc.tsv:2: status: expected check or gap, got 'maybe'");
    expect(messages).toContain(
      "sc.tsv:2: expect: expected NODE=level, NODE<base or NODE>base, got 'Proliferation~1'",
    );
    expect(messages).toContain(
      'sc.tsv:2: quote: every scenario carries its claim’s source and verbatim quote',
    );
  });
});
