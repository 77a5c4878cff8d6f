/**
 * Runs the resistance model for a context, therapies and miRNA mimics/inhibitors, and explains each outcome as
 * the chain of cited rules that produced it (perturbation → nodes → phenotype).
 */
import { compileNetwork, stateRecord, synchronousStep, type CompiledNetwork } from './compile.js';
import { evalExpr, type Expr } from './expr.js';
import { applyPerturbations, booleanRule, type Perturbation } from './network.js';
import { PHENOTYPES, type ModelEdge, type ResistanceModel } from './resistance-model.js';

export interface ResistanceQuery {
  context: string;
  /** drug node names */
  drugs: string[];
  /** canonical miRNA names */
  mimics: string[];
  inhibitors: string[];
  /** further fixed nodes (knockouts / over-expression) */
  fixed?: Record<string, number>;
  /** nodes to explain besides the phenotypes */
  explain?: string[];
}

/** Why a node has its value: a perturbation, a context input, basal expression, or its rule's decisive inputs. */
export interface Explanation {
  node: string;
  value: number;
  reason: 'perturbation' | 'context' | 'input' | 'basal' | 'rule' | 'explained-above';
  perturbation?: string;
  because: { edge: ModelEdge; cause: Explanation }[];
}

export interface ResistanceOutcome {
  context: string;
  perturbations: Perturbation[];
  attractor: { kind: 'fixed' | 'cycle'; states: Record<string, number>[] };
  /** each node's mean level over the attractor (0 or 1 at a fixed point) */
  values: Record<string, number>;
  phenotypes: Record<string, number>;
  /** synchronous steps from the context's initial state to the attractor */
  steps: number;
  explanations: Record<string, Explanation>;
}

/** The perturbations a query asks for, checked against the model. */
export function queryPerturbations(model: ResistanceModel, query: ResistanceQuery): Perturbation[] {
  const out: Perturbation[] = [];
  const nodeOfMirna = (mirna: string) => {
    const node = model.mirnaNodes.get(mirna);
    if (!node) throw new Error(`${mirna} has no curated target in the model, so it is not a model node`);
    return node;
  };
  for (const drug of query.drugs) out.push({ node: drug, level: 1, kind: 'drug', label: `${drug} on` });
  for (const m of query.mimics)
    out.push({ node: nodeOfMirna(m), level: 1, kind: 'mimic', label: `${m} mimic` });
  for (const m of query.inhibitors)
    out.push({ node: nodeOfMirna(m), level: 0, kind: 'inhibitor', label: `${m} inhibitor` });
  for (const [node, level] of Object.entries(query.fixed ?? {}))
    out.push({ node, level, kind: level === 0 ? 'knockout' : 'overexpression', label: `${node}=${level}` });
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.node)) throw new Error(`${p.node} is perturbed twice`);
    seen.add(p.node);
  }
  return out;
}

/** The context's initial state: its inputs, and miRNAs the knowledge graph finds up in cells resistant to its therapy. */
export function contextInitialState(model: ResistanceModel, contextId: string): Record<string, number> {
  const context = model.contexts.get(contextId);
  if (!context)
    throw new Error(`unknown context '${contextId}'; known: ${[...model.contexts.keys()].join(', ')}`);
  const initial: Record<string, number> = { ...context.inputs };
  if (context.resistantTo)
    for (const fact of model.expression)
      if (fact.therapy === context.resistantTo)
        initial[model.mirnaNodes.get(fact.mirna)!] = fact.direction === 'up' ? 1 : 0;
  return initial;
}

function runToAttractor(compiled: CompiledNetwork, initial: Uint8Array) {
  const seen = new Map<string, number>();
  const trajectory: Uint8Array[] = [];
  let state = initial;
  for (let step = 0; step < 100_000; step++) {
    const key = state.join('');
    const first = seen.get(key);
    if (first !== undefined) return { cycle: trajectory.slice(first), steps: first };
    seen.set(key, step);
    trajectory.push(state);
    state = synchronousStep(compiled, state);
  }
  throw new Error('no attractor within 100000 synchronous steps');
}

/** Names of the miRNAs a context switches on from the store's expression statements. */
export function contextMirnasOn(model: ResistanceModel, contextId: string): string[] {
  return Object.entries(contextInitialState(model, contextId))
    .filter(([node, level]) => level === 1 && model.nodes.get(node)?.role === 'mirna')
    .map(([node]) => model.nodes.get(node)!.description);
}

/** Simulates one query: synchronous updates from the context's initial state until an attractor. */
export function simulateResistance(model: ResistanceModel, query: ResistanceQuery): ResistanceOutcome {
  const perturbations = queryPerturbations(model, query);
  const initialRecord = contextInitialState(model, query.context);
  const perturbed = applyPerturbations(model.network, perturbations);
  const compiled = compileNetwork(perturbed);
  const initial = new Uint8Array(compiled.names.length);
  for (const [node, level] of Object.entries(initialRecord)) initial[compiled.index.get(node)!] = level;
  for (const p of perturbations) initial[compiled.index.get(p.node)!] = p.level;
  const { cycle, steps } = runToAttractor(compiled, initial);
  const values: Record<string, number> = {};
  compiled.names.forEach(
    (name, i) => (values[name] = cycle.reduce((sum, s) => sum + s[i]!, 0) / cycle.length),
  );
  const phenotypes: Record<string, number> = {};
  for (const p of PHENOTYPES) if (p in values) phenotypes[p] = values[p]!;
  const explanations: Record<string, Explanation> = {};
  const state = stateRecord(compiled, cycle[0]!);
  for (const p of [...PHENOTYPES.filter((n) => compiled.index.has(n)), ...(query.explain ?? [])]) {
    if (!compiled.index.has(p)) throw new Error(`unknown node '${p}'`);
    explanations[p] = explainNode(
      model,
      state,
      p,
      perturbations,
      new Set(Object.keys(initialRecord)),
      new Set<string>(),
    );
  }
  return {
    context: query.context,
    perturbations,
    attractor: {
      kind: cycle.length === 1 ? 'fixed' : 'cycle',
      states: cycle.map((s) => stateRecord(compiled, s)),
    },
    values,
    phenotypes,
    steps,
    explanations,
  };
}

/** The literals of a rule that decide its value in a state (all of an AND that holds, one false conjunct, …). */
export function decisiveLiterals(expr: Expr, state: Record<string, number>, want: boolean): string[] {
  switch (expr.kind) {
    case 'const':
      return [];
    case 'var':
    case 'cmp':
      return [expr.node];
    case 'not':
      return decisiveLiterals(expr.arg, state, !want);
    case 'and':
    case 'or': {
      const holds = (e: Expr): boolean => evalExpr(e, (n) => state[n] ?? 0);
      const allNeeded = (expr.kind === 'and') === want;
      if (allNeeded) return expr.args.flatMap((a) => decisiveLiterals(a, state, want));
      // One argument suffices: the one with the fewest decisive literals.
      const candidates = expr.args
        .filter((a) => holds(a) === want)
        .map((a) => decisiveLiterals(a, state, want))
        .sort((a, b) => a.length - b.length);
      return candidates[0] ?? [];
    }
  }
}

/** Explains a node's value in a state, recursively, each step with the cited edge. */
export function explainNode(
  model: ResistanceModel,
  state: Record<string, number>,
  node: string,
  perturbations: readonly Perturbation[],
  contextInputs: ReadonlySet<string>,
  explained = new Set<string>(),
): Explanation {
  const value = state[node] ?? 0;
  const perturbation = perturbations.find((p) => p.node === node);
  if (perturbation)
    return { node, value, reason: 'perturbation', perturbation: perturbation.label!, because: [] };
  if (explained.has(node)) return { node, value, reason: 'explained-above', because: [] };
  explained.add(node);
  const netNode = model.network.nodes.find((n) => n.name === node)!;
  const rule = booleanRule(netNode.fn)!;
  const row = model.nodes.get(node);
  if (row && (row.role === 'input' || row.role === 'drug' || row.role === 'mirna'))
    return {
      node,
      value,
      reason: contextInputs.has(node) ? 'context' : 'input',
      because: [],
    };
  // A miRNA that is simply absent (off, not set by context or perturbation) is not a cause worth printing.
  const literals = [...new Set(decisiveLiterals(rule, state, value >= 1))].filter(
    (n) =>
      !(
        model.nodes.get(n)?.role === 'mirna' &&
        (state[n] ?? 0) === 0 &&
        !contextInputs.has(n) &&
        !perturbations.some((p) => p.node === n)
      ),
  );
  if (literals.length === 0) return { node, value, reason: 'basal', because: [] };
  return {
    node,
    value,
    reason: 'rule',
    because: literals.map((regulator) => ({
      edge: model.edges.find((e) => e.regulator === regulator && e.target === node)!,
      cause: explainNode(model, state, regulator, perturbations, contextInputs, explained),
    })),
  };
}

/** Plain-text tree of an explanation, phenotype first, each edge with its source and quote. */
export function formatExplanation(explanation: Explanation, indent = ''): string[] {
  const label = (e: Explanation) =>
    `${e.node} = ${e.value}` +
    (e.reason === 'perturbation'
      ? `  ← ${e.perturbation}`
      : e.reason === 'context'
        ? '  (context)'
        : e.reason === 'input'
          ? '  (not set: off)'
          : e.reason === 'basal'
            ? '  (basal)'
            : e.reason === 'explained-above'
              ? '  (see above)'
              : '');
  const lines = indent === '' ? [label(explanation)] : [];
  for (const { edge, cause } of explanation.because) {
    const arrow = edge.sign === '+' ? '→' : '⊣';
    lines.push(`${indent}  ${label(cause)}  ${arrow} ${explanation.node}`);
    const cite = edge.quote
      ? `“${edge.quote}” — ${edge.source}${edge.note?.includes('indirect') ? ' (indirect effect)' : ''}`
      : `${edge.source}${edge.note ? `: ${edge.note}` : ''}`;
    lines.push(`${indent}      ${cite}`);
    lines.push(...formatExplanation(cause, `${indent}  `));
  }
  return lines;
}
