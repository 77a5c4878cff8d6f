/** Level arithmetic shared by the multi-valued formats (SBML-qual, GINML): level tests, free inputs, enumeration. */
import { and, compareLevel, evalExpr, not, or, substitute, type CmpOp, type Expr } from '../expr.js';
import {
  booleanFunction,
  booleanRule,
  functionInputs,
  type NetworkNode,
  type NodeFunction,
} from '../network.js';

/**
 * The test `level(node) op value` in its simplest form: a constant when it always or never holds, `var` when
 * it means "active" (level ≥ 1), `not var` when it means level 0, otherwise the comparison itself.
 */
export function levelTest(node: string, op: CmpOp, value: number, maxLevel: number): Expr {
  const holds: boolean[] = [];
  for (let l = 0; l <= maxLevel; l++) holds.push(compareLevel(l, op, value));
  if (holds.every((h) => h)) return { kind: 'const', value: true };
  if (holds.every((h) => !h)) return { kind: 'const', value: false };
  if (!holds[0] && holds.slice(1).every((h) => h)) return { kind: 'var', node };
  if (holds[0] && holds.slice(1).every((h) => !h)) return not({ kind: 'var', node });
  return { kind: 'cmp', node, op, value };
}

/** The function of a free input: the node keeps its level (rule = itself). */
export function freeInputFunction(node: string, maxLevel: number): NodeFunction {
  const terms = [];
  for (let l = maxLevel; l >= 1; l--) terms.push({ level: l, condition: levelTest(node, 'eq', l, maxLevel) });
  return { defaultLevel: 0, terms };
}

/**
 * A Boolean node's function as one rule (default 0, one term at level 1), so that .bnet can hold it; functions
 * already in a form `booleanRule` reads are returned unchanged.
 */
export function asBooleanFunction(fn: NodeFunction): NodeFunction {
  if (booleanRule(fn) !== undefined) return fn;
  let rule: Expr = { kind: 'const', value: fn.defaultLevel >= 1 };
  for (let i = fn.terms.length - 1; i >= 0; i--) {
    const { level, condition } = fn.terms[i]!;
    rule = level >= 1 ? or(condition, rule) : and(not(condition), rule);
  }
  return booleanFunction(substitute(rule, () => undefined));
}

/** The level a node function gives in a state (first true term wins, else the default level). */
export function targetLevel(fn: NodeFunction, level: (node: string) => number): number {
  for (const term of fn.terms) if (evalExpr(term.condition, level)) return term.level;
  return fn.defaultLevel;
}

/** True when the node reads only itself and keeps every level: a free input. */
export function isFreeInput(node: NetworkNode): boolean {
  const inputs = functionInputs(node.fn);
  if ([...inputs].some((i) => i !== node.name)) return false;
  for (let l = 0; l <= node.maxLevel; l++) if (targetLevel(node.fn, () => l) !== l) return false;
  return true;
}

/** A variable to enumerate: its name and highest level. */
export interface LevelVariable {
  name: string;
  maxLevel: number;
}

/** How many states the variables span. */
export function stateCount(variables: readonly LevelVariable[]): number {
  return variables.reduce((n, v) => n * (v.maxLevel + 1), 1);
}

/** Every assignment of levels to the variables (the same Map object, updated in place). */
export function* allStates(variables: readonly LevelVariable[]): Generator<Map<string, number>> {
  const state = new Map(variables.map((v) => [v.name, 0]));
  for (;;) {
    yield state;
    let i = 0;
    for (; i < variables.length; i++) {
      const v = variables[i]!;
      const next = state.get(v.name)! + 1;
      if (next <= v.maxLevel) {
        state.set(v.name, next);
        break;
      }
      state.set(v.name, 0);
    }
    if (i === variables.length) return;
  }
}
