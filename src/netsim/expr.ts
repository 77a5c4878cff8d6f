/** Logical rule expressions: the AST every netsim format parses into and every engine evaluates. */

/** Comparison of a node's level with a constant (multi-valued models: GINsim, SBML-qual). */
export type CmpOp = 'eq' | 'neq' | 'geq' | 'gt' | 'leq' | 'lt';

/**
 * A rule expression over node levels. `var` means "the node is active" (level ≥ 1); `cmp` compares a
 * level with a constant. Boolean models use only const/var/not/and/or.
 */
export type Expr =
  | { kind: 'const'; value: boolean }
  | { kind: 'var'; node: string }
  | { kind: 'cmp'; node: string; op: CmpOp; value: number }
  | { kind: 'not'; arg: Expr }
  | { kind: 'and'; args: Expr[] }
  | { kind: 'or'; args: Expr[] };

export const TRUE: Expr = { kind: 'const', value: true };
export const FALSE: Expr = { kind: 'const', value: false };

/** Reference to a node being active. */
export const v = (node: string): Expr => ({ kind: 'var', node });
/** Negation, folding double negation and constants. */
export function not(arg: Expr): Expr {
  if (arg.kind === 'const') return { kind: 'const', value: !arg.value };
  if (arg.kind === 'not') return arg.arg;
  return { kind: 'not', arg };
}
/** Conjunction, flattening nested conjunctions. */
export function and(...args: Expr[]): Expr {
  const flat = args.flatMap((a) => (a.kind === 'and' ? a.args : [a]));
  if (flat.length === 1) return flat[0]!;
  return { kind: 'and', args: flat };
}
/** Disjunction, flattening nested disjunctions. */
export function or(...args: Expr[]): Expr {
  const flat = args.flatMap((a) => (a.kind === 'or' ? a.args : [a]));
  if (flat.length === 1) return flat[0]!;
  return { kind: 'or', args: flat };
}

/** Names of the nodes an expression reads, in first-use order. */
export function exprInputs(expr: Expr, into: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'const':
      break;
    case 'var':
    case 'cmp':
      into.add(expr.node);
      break;
    case 'not':
      exprInputs(expr.arg, into);
      break;
    case 'and':
    case 'or':
      for (const a of expr.args) exprInputs(a, into);
  }
  return into;
}

/** True when the comparison `level op value` holds. */
export function compareLevel(level: number, op: CmpOp, value: number): boolean {
  switch (op) {
    case 'eq':
      return level === value;
    case 'neq':
      return level !== value;
    case 'geq':
      return level >= value;
    case 'gt':
      return level > value;
    case 'leq':
      return level <= value;
    case 'lt':
      return level < value;
  }
}

/** Evaluates an expression given each node's level (by name). */
export function evalExpr(expr: Expr, level: (node: string) => number): boolean {
  switch (expr.kind) {
    case 'const':
      return expr.value;
    case 'var':
      return level(expr.node) >= 1;
    case 'cmp':
      return compareLevel(level(expr.node), expr.op, expr.value);
    case 'not':
      return !evalExpr(expr.arg, level);
    case 'and':
      return expr.args.every((a) => evalExpr(a, level));
    case 'or':
      return expr.args.some((a) => evalExpr(a, level));
  }
}

/**
 * Kleene three-valued evaluation over a partial state: `undefined` level means unknown. Returns true,
 * false or undefined (unknown). Sound: a determined answer holds for every completion of the state.
 */
export function evalPartial(expr: Expr, level: (node: string) => number | undefined): boolean | undefined {
  switch (expr.kind) {
    case 'const':
      return expr.value;
    case 'var': {
      const l = level(expr.node);
      return l === undefined ? undefined : l >= 1;
    }
    case 'cmp': {
      const l = level(expr.node);
      return l === undefined ? undefined : compareLevel(l, expr.op, expr.value);
    }
    case 'not': {
      const a = evalPartial(expr.arg, level);
      return a === undefined ? undefined : !a;
    }
    case 'and': {
      let unknown = false;
      for (const a of expr.args) {
        const r = evalPartial(a, level);
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
    case 'or': {
      let unknown = false;
      for (const a of expr.args) {
        const r = evalPartial(a, level);
        if (r === true) return true;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    }
  }
}

/** Replaces node references by constants where `value(node)` is defined, folding constants. */
export function substitute(expr: Expr, value: (node: string) => number | undefined): Expr {
  switch (expr.kind) {
    case 'const':
      return expr;
    case 'var':
    case 'cmp': {
      const l = value(expr.node);
      if (l === undefined) return expr;
      return {
        kind: 'const',
        value: expr.kind === 'var' ? l >= 1 : compareLevel(l, expr.op, expr.value),
      };
    }
    case 'not':
      return not(substitute(expr.arg, value));
    case 'and': {
      const args: Expr[] = [];
      for (const a of expr.args) {
        const s = substitute(a, value);
        if (s.kind === 'const') {
          if (!s.value) return FALSE;
          continue;
        }
        args.push(s);
      }
      return args.length === 0 ? TRUE : and(...args);
    }
    case 'or': {
      const args: Expr[] = [];
      for (const a of expr.args) {
        const s = substitute(a, value);
        if (s.kind === 'const') {
          if (s.value) return TRUE;
          continue;
        }
        args.push(s);
      }
      return args.length === 0 ? FALSE : or(...args);
    }
  }
}

/** Renames node references (used by importers that map ids to names). */
export function renameNodes(expr: Expr, rename: (node: string) => string): Expr {
  switch (expr.kind) {
    case 'const':
      return expr;
    case 'var':
      return { kind: 'var', node: rename(expr.node) };
    case 'cmp':
      return { ...expr, node: rename(expr.node) };
    case 'not':
      return { kind: 'not', arg: renameNodes(expr.arg, rename) };
    case 'and':
    case 'or':
      return { kind: expr.kind, args: expr.args.map((a) => renameNodes(a, rename)) };
  }
}
