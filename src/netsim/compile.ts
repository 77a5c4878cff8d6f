/** Compiles a logical network to per-node JavaScript functions over a level vector, so rules run at native speed. */
import type { CmpOp, Expr } from './expr.js';
import { functionInputs, type LogicalNetwork, type NodeFunction } from './network.js';

/** A node's target level given the current state (levels indexed as in `names`). */
export type TargetFunction = (state: Uint8Array) => number;

export interface CompiledNetwork {
  names: string[];
  index: Map<string, number>;
  maxLevels: Uint8Array;
  /** per node: its target level in a state */
  targets: TargetFunction[];
  /** per node: indices of the nodes its function reads */
  inputs: number[][];
  /** per node: indices of the nodes whose functions read it */
  dependents: number[][];
  isBoolean: boolean;
}

const CMP: Record<CmpOp, string> = { eq: '===', neq: '!==', geq: '>=', gt: '>', leq: '<=', lt: '<' };

/**
 * JavaScript source of a boolean expression over `s` (a Uint8Array). Only integer indices and
 * numeric constants reach the source, never user text, so the generated code cannot inject anything.
 */
export function exprSource(expr: Expr, index: (node: string) => number): string {
  switch (expr.kind) {
    case 'const':
      return expr.value ? 'true' : 'false';
    case 'var':
      return `(s[${index(expr.node)}]!==0)`;
    case 'cmp':
      return `(s[${index(expr.node)}]${CMP[expr.op]}${Number(expr.value) | 0})`;
    case 'not':
      return `!${exprSource(expr.arg, index)}`;
    case 'and':
      return expr.args.length === 0 ? 'true' : `(${expr.args.map((a) => exprSource(a, index)).join('&&')})`;
    case 'or':
      return expr.args.length === 0 ? 'false' : `(${expr.args.map((a) => exprSource(a, index)).join('||')})`;
  }
}

function functionSource(fn: NodeFunction, index: (node: string) => number): string {
  let body = `return ${fn.defaultLevel | 0};`;
  for (let t = fn.terms.length - 1; t >= 0; t--) {
    const term = fn.terms[t]!;
    body = `if(${exprSource(term.condition, index)})return ${term.level | 0};` + body;
  }
  // Rule source is generated from the AST above (indices and integers only).
  return body;
}

/** Compiles every node function; throws when a rule reads an unknown node. */
export function compileNetwork(net: LogicalNetwork): CompiledNetwork {
  const names = net.nodes.map((n) => n.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const lookup = (node: string): number => {
    const i = index.get(node);
    if (i === undefined) throw new Error(`rule reads unknown node '${node}'`);
    return i;
  };
  const targets = net.nodes.map(
    (node) => new Function('s', functionSource(node.fn, lookup)) as TargetFunction,
  );
  const inputs = net.nodes.map((node) => [...functionInputs(node.fn)].map(lookup));
  const dependents: number[][] = names.map(() => []);
  inputs.forEach((ins, i) => ins.forEach((j) => dependents[j]!.push(i)));
  return {
    names,
    index,
    maxLevels: Uint8Array.from(net.nodes.map((n) => n.maxLevel)),
    targets,
    inputs,
    dependents,
    isBoolean: net.nodes.every((n) => n.maxLevel === 1),
  };
}

/** The synchronous successor: every node moves to its target level (multi-valued nodes move one step). */
export function synchronousStep(net: CompiledNetwork, state: Uint8Array, out = new Uint8Array(state.length)) {
  for (let i = 0; i < state.length; i++) out[i] = stepToward(state[i]!, net.targets[i]!(state));
  return out;
}

/** Multi-valued nodes move one level at a time toward their target (GINsim/BoolNet convention). */
export function stepToward(current: number, target: number): number {
  return target > current ? current + 1 : target < current ? current - 1 : current;
}

/** A state as a name → level record. */
export function stateRecord(net: CompiledNetwork, state: Uint8Array): Record<string, number> {
  const record: Record<string, number> = {};
  net.names.forEach((n, i) => (record[n] = state[i]!));
  return record;
}
