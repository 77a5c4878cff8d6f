/** Logical networks (Boolean or multi-valued), the shared shape of every format and engine in netsim. */
import type { Issue } from '../model/index.js';
import { exprInputs, type Expr } from './expr.js';

/** One term of a node's function: the node tends to `level` when `condition` holds (first true term wins). */
export interface FunctionTerm {
  level: number;
  condition: Expr;
}

/** A node's logical function: the level of the first term whose condition holds, else `defaultLevel`. */
export interface NodeFunction {
  defaultLevel: number;
  terms: FunctionTerm[];
}

/** Citation of a rule or edge (seed quote or named paper), carried for explanations. */
export interface EdgeEvidence {
  /** the regulator node */
  from: string;
  sign: 'activation' | 'inhibition';
  source: string;
  quote?: string;
}

export interface NetworkNode {
  name: string;
  /** 1 for Boolean nodes; >1 for multi-valued nodes (levels 0..maxLevel) */
  maxLevel: number;
  fn: NodeFunction;
  /** free-text description or role (e.g. "input", "output", "mirna", "drug") */
  role?: string;
  label?: string;
  evidence?: EdgeEvidence[];
}

export interface LogicalNetwork {
  name?: string;
  nodes: NetworkNode[];
  /** what an importer noticed and repaired (e.g. undeclared nodes added as inputs) */
  notes?: string[];
}

/** Adds every node that rules read but nobody declares as a free input (rule = itself), as BBM/PyBoolNet do. */
export function declareMissingInputs(net: LogicalNetwork): LogicalNetwork {
  const declared = new Set(net.nodes.map((n) => n.name));
  const missing: string[] = [];
  for (const node of net.nodes)
    for (const input of functionInputs(node.fn))
      if (!declared.has(input)) {
        declared.add(input);
        missing.push(input);
      }
  if (missing.length === 0) return net;
  return {
    ...net,
    nodes: [
      ...net.nodes,
      ...missing.map((name) => ({
        name,
        maxLevel: 1,
        role: 'input',
        fn: booleanFunction({ kind: 'var', node: name }),
      })),
    ],
    notes: [...(net.notes ?? []), `undeclared nodes added as free inputs: ${missing.join(', ')}`],
  };
}

/** A Boolean node function from a rule expression. */
export function booleanFunction(rule: Expr): NodeFunction {
  return { defaultLevel: 0, terms: [{ level: 1, condition: rule }] };
}

/** A constant function (used for perturbations and fixed inputs). */
export function constantFunction(level: number): NodeFunction {
  return { defaultLevel: level, terms: [] };
}

/** The rule of a Boolean node (`undefined` for a function with levels other than 0/1). */
export function booleanRule(fn: NodeFunction): Expr | undefined {
  if (fn.terms.length === 0) return { kind: 'const', value: fn.defaultLevel >= 1 };
  if (fn.defaultLevel === 0 && fn.terms.length === 1 && fn.terms[0]!.level === 1)
    return fn.terms[0]!.condition;
  if (fn.defaultLevel === 1 && fn.terms.length === 1 && fn.terms[0]!.level === 0)
    return { kind: 'not', arg: fn.terms[0]!.condition };
  return undefined;
}

/** True when every node is Boolean. */
export function isBooleanNetwork(net: LogicalNetwork): boolean {
  return net.nodes.every((n) => n.maxLevel === 1);
}

/** Names of the nodes a node's function reads. */
export function functionInputs(fn: NodeFunction): Set<string> {
  const inputs = new Set<string>();
  for (const t of fn.terms) exprInputs(t.condition, inputs);
  return inputs;
}

/** Checks names are unique, every referenced node exists and levels are in range. */
export function checkNetwork(net: LogicalNetwork, file?: string): Issue[] {
  const issues: Issue[] = [];
  const names = new Map<string, NetworkNode>();
  for (const node of net.nodes) {
    if (names.has(node.name)) issues.push({ file, field: node.name, message: 'duplicate node name' });
    names.set(node.name, node);
    if (!Number.isInteger(node.maxLevel) || node.maxLevel < 1)
      issues.push({
        file,
        field: node.name,
        message: `max level must be an integer ≥ 1, got ${node.maxLevel}`,
      });
  }
  for (const node of net.nodes) {
    const levels = [node.fn.defaultLevel, ...node.fn.terms.map((t) => t.level)];
    for (const l of levels)
      if (!Number.isInteger(l) || l < 0 || l > node.maxLevel)
        issues.push({ file, field: node.name, message: `level ${l} outside 0..${node.maxLevel}` });
    for (const input of functionInputs(node.fn))
      if (!names.has(input))
        issues.push({ file, field: node.name, message: `rule reads unknown node '${input}'` });
  }
  return issues;
}

/** Kinds of perturbation; all of them fix a node's level (STYLE: mimic = forced on, inhibitor = forced off). */
export type PerturbationKind = 'knockout' | 'overexpression' | 'fixed' | 'mimic' | 'inhibitor' | 'drug';

export interface Perturbation {
  node: string;
  level: number;
  kind: PerturbationKind;
  /** what the user asked for, e.g. "miR-770-5p mimic" or "trastuzumab ⊣ ERBB2" */
  label?: string;
}

/** A copy of the network with each perturbed node's function replaced by its fixed level. */
export function applyPerturbations(
  net: LogicalNetwork,
  perturbations: readonly Perturbation[],
): LogicalNetwork {
  if (perturbations.length === 0) return net;
  const fixed = new Map(perturbations.map((p) => [p.node, p.level]));
  const known = new Set(net.nodes.map((n) => n.name));
  for (const p of perturbations)
    if (!known.has(p.node)) throw new Error(`perturbation of unknown node '${p.node}'`);
  return {
    ...net,
    nodes: net.nodes.map((node) => {
      const level = fixed.get(node.name);
      if (level === undefined) return node;
      if (level < 0 || level > node.maxLevel)
        throw new Error(`perturbation level ${level} of '${node.name}' outside 0..${node.maxLevel}`);
      return { ...node, fn: constantFunction(level) };
    }),
  };
}
