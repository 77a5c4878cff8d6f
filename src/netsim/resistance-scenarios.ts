/** Scenarios: the seeds' qualitative claims as executable checks on the resistance model (data/scenarios). */
import { fail, ok, type Issue, type Result } from '../model/index.js';
import { PHENOTYPES, type ResistanceModel } from './resistance-model.js';
import {
  simulateResistance,
  type Explanation,
  type ResistanceOutcome,
  type ResistanceQuery,
} from './resistance-simulation.js';
import { parseTsvTable } from './tsv-table.js';

/** `NODE=level`, or `NODE<base` / `NODE>base` against the same run without the miRNA perturbations. */
export type Expectation =
  { node: string; kind: 'equals'; level: number } | { node: string; kind: 'below-base' | 'above-base' };

export interface Scenario {
  id: string;
  context: string;
  therapies: string[];
  mimics: string[];
  inhibitors: string[];
  expect: Expectation[];
  /** check: must hold; gap: a claim the model is known not to reproduce (reported, never counted as passing) */
  status: 'check' | 'gap';
  claim: string;
  source: string;
  quote: string;
  note?: string;
  line: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  passed: boolean;
  /** one line per expectation, saying what was expected and what the model gave */
  checks: { node: string; expectation: string; actual: string; holds: boolean }[];
  outcome: ResistanceOutcome;
  baseline?: ResistanceOutcome;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses a scenario table; errors name file, line and field. */
export function parseScenarios(text: string, file: string): Result<Scenario[]> {
  const table = parseTsvTable(text, file, [
    'id',
    'context',
    'therapy',
    'mimic',
    'inhibit',
    'expect',
    'status',
    'claim',
    'source',
    'quote',
    'note',
  ]);
  if (!table.ok) return table;
  const issues: Issue[] = [];
  const scenarios: Scenario[] = [];
  const ids = new Set<string>();
  for (const { line, cells } of table.value) {
    const at = (field: string, message: string) => issues.push({ file, line, field, message });
    if (!cells.id) at('id', 'missing id');
    if (ids.has(cells.id!)) at('id', `duplicate id '${cells.id}'`);
    ids.add(cells.id!);
    if (cells.status !== 'check' && cells.status !== 'gap')
      at('status', `expected check or gap, got '${cells.status}'`);
    if (!cells.source || !cells.quote)
      at('quote', 'every scenario carries its claim’s source and verbatim quote');
    if (cells.status === 'gap' && !cells.note)
      at('note', 'a gap says why the model does not reproduce the claim');
    const expect: Expectation[] = [];
    for (const part of list(cells.expect)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=\s*(\d+)|<\s*base|>\s*base)$/.exec(part);
      if (!m) {
        at('expect', `expected NODE=level, NODE<base or NODE>base, got '${part}'`);
        continue;
      }
      expect.push(
        m[3] !== undefined
          ? { node: m[1]!, kind: 'equals', level: Number(m[3]) }
          : { node: m[1]!, kind: m[2]!.startsWith('<') ? 'below-base' : 'above-base' },
      );
    }
    if (expect.length === 0) at('expect', 'no expectation');
    scenarios.push({
      id: cells.id!,
      context: cells.context!,
      therapies: list(cells.therapy),
      mimics: list(cells.mimic),
      inhibitors: list(cells.inhibit),
      expect,
      status: cells.status as 'check' | 'gap',
      claim: cells.claim ?? '',
      source: cells.source ?? '',
      quote: cells.quote ?? '',
      ...(cells.note ? { note: cells.note } : {}),
      line,
    });
  }
  return issues.length ? fail(...issues) : ok(scenarios);
}

/** The drug node of a therapy name (exact therapy names as in resistance-nodes.tsv). */
export function drugNodeOf(model: ResistanceModel, therapy: string): string {
  const node = model.drugNodes.get(therapy);
  if (!node)
    throw new Error(
      `therapy '${therapy}' is not a drug of the model; drugs: ${[...model.drugNodes.keys()].join(', ')}`,
    );
  return node;
}

/** Checks that a scenario names only contexts, drugs, miRNAs and nodes of the model. */
export function checkScenario(model: ResistanceModel, scenario: Scenario, file: string): Issue[] {
  const issues: Issue[] = [];
  const at = (field: string, message: string) => issues.push({ file, line: scenario.line, field, message });
  if (!model.contexts.has(scenario.context)) at('context', `unknown context '${scenario.context}'`);
  for (const t of scenario.therapies)
    if (!model.drugNodes.has(t)) at('therapy', `'${t}' is not a drug of the model`);
  for (const [field, list] of [
    ['mimic', scenario.mimics],
    ['inhibit', scenario.inhibitors],
  ] as const)
    for (const m of list)
      if (!model.mirnaNodes.has(m)) at(field, `'${m}' has no curated target in the model`);
  const nodes = new Set(model.network.nodes.map((n) => n.name));
  for (const e of scenario.expect) if (!nodes.has(e.node)) at('expect', `unknown node '${e.node}'`);
  return issues;
}

/** Runs one scenario (and its baseline when an expectation is relative). */
export function runScenario(model: ResistanceModel, scenario: Scenario): ScenarioResult {
  const query: ResistanceQuery = {
    context: scenario.context,
    drugs: scenario.therapies.map((t) => drugNodeOf(model, t)),
    mimics: scenario.mimics,
    inhibitors: scenario.inhibitors,
    explain: [...new Set(scenario.expect.map((e) => e.node))].filter(
      (n) => !(PHENOTYPES as readonly string[]).includes(n),
    ),
  };
  const outcome = simulateResistance(model, query);
  const needsBase = scenario.expect.some((e) => e.kind !== 'equals');
  const baseline = needsBase
    ? simulateResistance(model, { ...query, mimics: [], inhibitors: [], explain: [] })
    : undefined;
  const checks = scenario.expect.map((e) => {
    const value = outcome.values[e.node]!;
    if (e.kind === 'equals')
      return {
        node: e.node,
        expectation: `${e.node}=${e.level}`,
        actual: `${e.node}=${value}`,
        holds: value === e.level,
      };
    const base = baseline!.values[e.node]!;
    const holds = e.kind === 'below-base' ? value < base : value > base;
    return {
      node: e.node,
      expectation: `${e.node} ${e.kind === 'below-base' ? '<' : '>'} baseline`,
      actual: `${e.node}=${value} (baseline ${base})`,
      holds,
    };
  });
  return {
    scenario,
    passed: checks.every((c) => c.holds),
    checks,
    outcome,
    ...(baseline ? { baseline } : {}),
  };
}

export interface ScreenEntry {
  mirna: string;
  perturbation: 'mimic' | 'inhibitor';
  proliferation: number;
  apoptosis: number;
  deltaProliferation: number;
  deltaApoptosis: number;
  /** ΔApoptosis − ΔProliferation: > 0 re-sensitises, < 0 promotes resistance */
  score: number;
  effect: 're-sensitises' | 'promotes resistance' | 'no change';
  /** why the phenotype that moved (Proliferation if it did, else Apoptosis) has its value */
  explanation: Explanation;
  outcome: ResistanceOutcome;
}

/** Every single miRNA mimic and inhibitor in the model under a therapy and context, ranked by effect on the phenotypes. */
export function screenMirnas(
  model: ResistanceModel,
  context: string,
  drugs: string[],
): { baseline: ResistanceOutcome; entries: ScreenEntry[] } {
  const baseline = simulateResistance(model, { context, drugs, mimics: [], inhibitors: [] });
  const entries: ScreenEntry[] = [];
  for (const mirna of [...model.mirnaNodes.keys()].sort())
    for (const perturbation of ['mimic', 'inhibitor'] as const) {
      const outcome = simulateResistance(model, {
        context,
        drugs,
        mimics: perturbation === 'mimic' ? [mirna] : [],
        inhibitors: perturbation === 'inhibitor' ? [mirna] : [],
      });
      const proliferation = outcome.phenotypes.Proliferation!;
      const apoptosis = outcome.phenotypes.Apoptosis!;
      const deltaProliferation = proliferation - baseline.phenotypes.Proliferation!;
      const deltaApoptosis = apoptosis - baseline.phenotypes.Apoptosis!;
      const score = deltaApoptosis - deltaProliferation;
      entries.push({
        mirna,
        perturbation,
        proliferation,
        apoptosis,
        deltaProliferation,
        deltaApoptosis,
        score,
        effect: score > 0 ? 're-sensitises' : score < 0 ? 'promotes resistance' : 'no change',
        explanation: outcome.explanations[deltaProliferation !== 0 ? 'Proliferation' : 'Apoptosis']!,
        outcome,
      });
    }
  entries.sort(
    (a, b) =>
      b.score - a.score || a.mirna.localeCompare(b.mirna) || a.perturbation.localeCompare(b.perturbation),
  );
  return { baseline, entries };
}

/** The context resistant to a drug node's therapy, if the model has one (`screen`'s default). */
export function contextResistantTo(model: ResistanceModel, drugNode: string): string | undefined {
  const therapy = [...model.drugNodes].find(([, node]) => node === drugNode)?.[0];
  return [...model.contexts.values()].find((c) => c.resistantTo === therapy)?.id;
}
