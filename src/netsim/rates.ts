/** Transition-rate expressions of MaBoSS 2.x node variables (Stoll et al. 2017; MaBoSS 2.5 reference card grammar). */
import type { Expr } from './expr.js';
import { and, not, or } from './expr.js';
import { exprSource } from './compile.js';

/** Unary operators: arithmetic sign and logical negation. */
export type RateUnaryOp = '-' | '+' | '!';
/** Binary operators, with C semantics: comparisons and logical operators give 1 or 0, non-zero is true. */
export type RateBinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||' | '^';

/**
 * An arithmetic and logical expression over node states (0/1), external parameters (`$name`) and the
 * owning node's variables (`@logic`, `@name`), as MaBoSS evaluates `rate_up`, `rate_down` and `logic`.
 */
export type RateExpr =
  | { kind: 'num'; value: number }
  | { kind: 'param'; name: string }
  | { kind: 'node'; node: string }
  | { kind: 'attr'; name: string }
  | { kind: 'unary'; op: RateUnaryOp; arg: RateExpr }
  | { kind: 'binary'; op: RateBinaryOp; left: RateExpr; right: RateExpr }
  | { kind: 'cond'; test: RateExpr; then: RateExpr; else: RateExpr };

/** A number literal. */
export const num = (value: number): RateExpr => ({ kind: 'num', value });
/** `$name`. */
export const param = (name: string): RateExpr => ({ kind: 'param', name });
/** `@name`, a variable of the node that owns the expression (`@logic` is its logic). */
export const attr = (name: string): RateExpr => ({ kind: 'attr', name });
/** `test ? then : else`. */
export const cond = (test: RateExpr, then: RateExpr, otherwise: RateExpr): RateExpr => ({
  kind: 'cond',
  test,
  then,
  else: otherwise,
});

/** MaBoSS's default rates of a node with a logic: up at rate 1 while the logic holds, down at rate 1 while not. */
export const DEFAULT_RATE_UP: RateExpr = cond(attr('logic'), num(1), num(0));
export const DEFAULT_RATE_DOWN: RateExpr = cond(attr('logic'), num(0), num(1));

/** Calls `visit` on every sub-expression, depth first. */
export function walkRateExpr(expr: RateExpr, visit: (e: RateExpr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'unary':
      walkRateExpr(expr.arg, visit);
      break;
    case 'binary':
      walkRateExpr(expr.left, visit);
      walkRateExpr(expr.right, visit);
      break;
    case 'cond':
      walkRateExpr(expr.test, visit);
      walkRateExpr(expr.then, visit);
      walkRateExpr(expr.else, visit);
      break;
    default:
  }
}

/** The names a rate expression reads, by kind, in first-use order. */
export function rateExprReads(expr: RateExpr): { nodes: string[]; params: string[]; attrs: string[] } {
  const nodes = new Set<string>();
  const params = new Set<string>();
  const attrs = new Set<string>();
  walkRateExpr(expr, (e) => {
    if (e.kind === 'node') nodes.add(e.node);
    else if (e.kind === 'param') params.add(e.name);
    else if (e.kind === 'attr') attrs.add(e.name);
  });
  return { nodes: [...nodes], params: [...params], attrs: [...attrs] };
}

/** What an evaluation needs to resolve the names of an expression. */
export interface RateScope {
  /** a node's level; undefined for an unknown node */
  node(name: string): number | undefined;
  param(name: string): number | undefined;
  /** the owning node's variable `@name` (`logic` included), undefined when it has none */
  attr(name: string): RateExpr | undefined;
}

/** What a compilation needs: node indices instead of levels, and the owning node's Boolean rule for `@logic`. */
export interface RateCompileScope {
  /** a node's index in the state vector; throws for an unknown node */
  index(node: string): number;
  param(name: string): number | undefined;
  attr(name: string): RateExpr | undefined;
  logic?: Expr;
}

const truth = (x: number): boolean => x !== 0;

/** Evaluates an expression (reference semantics; the simulator runs the compiled form). Throws on unknown names. */
export function evalRateExpr(expr: RateExpr, scope: RateScope, seen: readonly string[] = []): number {
  const ev = (e: RateExpr): number => evalRateExpr(e, scope, seen);
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'param': {
      const value = scope.param(expr.name);
      if (value === undefined) throw new Error(`undefined parameter '$${expr.name}'`);
      return value;
    }
    case 'node': {
      const value = scope.node(expr.node);
      if (value === undefined) throw new Error(`unknown node '${expr.node}'`);
      return value;
    }
    case 'attr': {
      if (seen.includes(expr.name)) throw new Error(`node variable '@${expr.name}' refers to itself`);
      const target = scope.attr(expr.name);
      if (target === undefined) throw new Error(`undefined node variable '@${expr.name}'`);
      return evalRateExpr(target, scope, [...seen, expr.name]);
    }
    case 'unary': {
      const a = ev(expr.arg);
      return expr.op === '-' ? -a : expr.op === '+' ? a : truth(a) ? 0 : 1;
    }
    case 'binary': {
      const a = ev(expr.left);
      // && and || short-circuit as in C, so a guarded division by zero is never evaluated
      if (expr.op === '&&') return truth(a) && truth(ev(expr.right)) ? 1 : 0;
      if (expr.op === '||') return truth(a) || truth(ev(expr.right)) ? 1 : 0;
      const b = ev(expr.right);
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
        case '^':
          return truth(a) !== truth(b) ? 1 : 0;
      }
      break;
    }
    case 'cond':
      return truth(ev(expr.test)) ? ev(expr.then) : ev(expr.else);
  }
  throw new Error('unreachable');
}

const literal = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error(`rate constant ${value} is not a finite number`);
  return `(${String(value)})`;
};

/**
 * JavaScript source computing an expression over `s` (a Uint8Array of node states). Parameters are inlined as
 * numbers and nodes as indices, so no user text reaches the source (as in compile.ts). `@logic` compiles the
 * owning node's Boolean rule; other `@name` variables are inlined. Throws on unknown names or cyclic variables.
 */
export function rateSource(expr: RateExpr, scope: RateCompileScope, seen: readonly string[] = []): string {
  const src = (e: RateExpr): string => rateSource(e, scope, seen);
  switch (expr.kind) {
    case 'num':
      return literal(expr.value);
    case 'param': {
      const value = scope.param(expr.name);
      if (value === undefined) throw new Error(`undefined parameter '$${expr.name}'`);
      return literal(value);
    }
    case 'node':
      return `s[${scope.index(expr.node) | 0}]`;
    case 'attr': {
      if (seen.includes(expr.name)) throw new Error(`node variable '@${expr.name}' refers to itself`);
      if (expr.name === 'logic' && scope.logic !== undefined)
        return `(${exprSource(scope.logic, scope.index)}?1:0)`;
      const target = scope.attr(expr.name);
      if (target === undefined) throw new Error(`undefined node variable '@${expr.name}'`);
      return rateSource(target, scope, [...seen, expr.name]);
    }
    case 'unary':
      return expr.op === '!' ? `(${src(expr.arg)}===0?1:0)` : `(${expr.op}${src(expr.arg)})`;
    case 'binary': {
      const a = src(expr.left);
      const b = src(expr.right);
      switch (expr.op) {
        case '+':
        case '-':
        case '*':
        case '/':
          return `(${a}${expr.op}${b})`;
        case '<':
        case '<=':
        case '>':
        case '>=':
          return `(${a}${expr.op}${b}?1:0)`;
        case '==':
          return `(${a}===${b}?1:0)`;
        case '!=':
          return `(${a}!==${b}?1:0)`;
        case '&&':
          return `(${a}!==0&&${b}!==0?1:0)`;
        case '||':
          return `(${a}!==0||${b}!==0?1:0)`;
        case '^':
          return `((${a}!==0)!==(${b}!==0)?1:0)`;
      }
      break;
    }
    case 'cond':
      return `(${src(expr.test)}!==0?${src(expr.then)}:${src(expr.else)})`;
  }
  throw new Error('unreachable');
}

/**
 * Replaces every sub-expression that reads no node and no node variable by its value (parameters from
 * `paramValue`), and a conditional with a constant test by the branch it takes. Undefined parameters stay.
 */
export function foldConstants(expr: RateExpr, paramValue: (name: string) => number | undefined): RateExpr {
  const reads = rateExprReads(expr);
  if (
    reads.nodes.length === 0 &&
    reads.attrs.length === 0 &&
    reads.params.every((p) => paramValue(p) !== undefined)
  )
    return num(evalRateExpr(expr, { node: () => undefined, param: paramValue, attr: () => undefined }));
  switch (expr.kind) {
    case 'unary':
      return { ...expr, arg: foldConstants(expr.arg, paramValue) };
    case 'binary':
      return {
        ...expr,
        left: foldConstants(expr.left, paramValue),
        right: foldConstants(expr.right, paramValue),
      };
    case 'cond': {
      const test = foldConstants(expr.test, paramValue);
      if (test.kind === 'num') return foldConstants(test.value !== 0 ? expr.then : expr.else, paramValue);
      return {
        ...expr,
        test,
        then: foldConstants(expr.then, paramValue),
        else: foldConstants(expr.else, paramValue),
      };
    }
    default:
      return expr;
  }
}

/** A Boolean rule as a rate expression (`!`, `&&`, `||`, 0/1); multi-valued comparisons are refused. */
export function exprToRate(expr: Expr): RateExpr {
  switch (expr.kind) {
    case 'const':
      return num(expr.value ? 1 : 0);
    case 'var':
      return { kind: 'node', node: expr.node };
    case 'cmp':
      throw new Error(`multi-valued comparison on '${expr.node}' has no MaBoSS form`);
    case 'not':
      return { kind: 'unary', op: '!', arg: exprToRate(expr.arg) };
    case 'and':
    case 'or': {
      const op = expr.kind === 'and' ? '&&' : '||';
      if (expr.args.length === 0) return num(expr.kind === 'and' ? 1 : 0);
      // right-nested, as MaBoSS's grammar nests && and ||
      return expr.args
        .map(exprToRate)
        .reduceRight((right, left) => ({ kind: 'binary', op, left, right }) as RateExpr);
    }
  }
}

/**
 * A rate expression read as a Boolean rule, or a message saying why it is not one. Parameters become constants
 * through `paramValue` (non-zero is true); XOR and `c ? a : b` are expanded into and/or/not.
 */
export function rateToExpr(
  expr: RateExpr,
  paramValue: (name: string) => number | undefined = () => undefined,
): { ok: true; value: Expr } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const rec = (e: RateExpr): { ok: true; value: Expr } | { ok: false; message: string } => {
    switch (e.kind) {
      case 'num':
        return { ok: true, value: { kind: 'const', value: e.value !== 0 } };
      case 'param': {
        const value = paramValue(e.name);
        return value === undefined
          ? fail(`reads parameter '$${e.name}', which no configuration defines`)
          : { ok: true, value: { kind: 'const', value: value !== 0 } };
      }
      case 'node':
        return { ok: true, value: { kind: 'var', node: e.node } };
      case 'attr':
        return fail(`node variables (@${e.name}) cannot be used in a logic`);
      case 'unary': {
        if (e.op !== '!') return fail(`arithmetic '${e.op}' is not Boolean`);
        const a = rec(e.arg);
        return a.ok ? { ok: true, value: not(a.value) } : a;
      }
      case 'binary': {
        if (e.op !== '&&' && e.op !== '||' && e.op !== '^')
          return fail(`operator '${e.op}' is not Boolean (use !, &, |, ^ and ?:)`);
        const a = rec(e.left);
        if (!a.ok) return a;
        const b = rec(e.right);
        if (!b.ok) return b;
        if (e.op === '&&') return { ok: true, value: and(a.value, b.value) };
        if (e.op === '||') return { ok: true, value: or(a.value, b.value) };
        return { ok: true, value: or(and(a.value, not(b.value)), and(not(a.value), b.value)) };
      }
      case 'cond': {
        const c = rec(e.test);
        if (!c.ok) return c;
        const a = rec(e.then);
        if (!a.ok) return a;
        const b = rec(e.else);
        if (!b.ok) return b;
        return { ok: true, value: or(and(c.value, a.value), and(not(c.value), b.value)) };
      }
    }
  };
  return rec(expr);
}

// Operator precedence of MaBoSS's grammar (C's), loosest first; used to print the fewest parentheses.
const LEVEL: Record<RateBinaryOp, number> = {
  '^': 2,
  '||': 3,
  '&&': 4,
  '==': 5,
  '!=': 5,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  '+': 7,
  '-': 7,
  '*': 8,
  '/': 8,
};
const UNARY_LEVEL = 9;
const PRIMARY_LEVEL = 10;
/** MaBoSS nests && and || to the right and every other binary operator to the left. */
const RIGHT_NESTED = new Set<RateBinaryOp>(['&&', '||']);
const SYMBOL: Record<RateBinaryOp, string> = {
  '^': '^',
  '||': '|',
  '&&': '&',
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
};

function level(expr: RateExpr): number {
  switch (expr.kind) {
    case 'cond':
      return 1;
    case 'binary':
      return LEVEL[expr.op];
    case 'unary':
      return UNARY_LEVEL;
    case 'num':
      return expr.value < 0 ? UNARY_LEVEL : PRIMARY_LEVEL;
    default:
      return PRIMARY_LEVEL;
  }
}

/** MaBoSS syntax of an expression (`!`, `&`, `|`, `^`, `? :`), with the fewest parentheses that keep its tree. */
export function formatRateExpr(expr: RateExpr): string {
  const wrap = (e: RateExpr, min: number): string => {
    const text = formatRateExpr(e);
    return level(e) >= min ? text : `(${text})`;
  };
  switch (expr.kind) {
    case 'num':
      if (!Number.isFinite(expr.value)) throw new Error(`rate constant ${expr.value} is not a finite number`);
      return String(expr.value);
    case 'param':
      return `$${expr.name}`;
    case 'node':
      return expr.node;
    case 'attr':
      return `@${expr.name}`;
    case 'unary': {
      const arg = wrap(expr.arg, UNARY_LEVEL);
      // "-2" reads as a negative literal and "- -x" should not look like "--", so both get parentheses
      const bracket =
        expr.op !== '!' && (arg.startsWith('-') || arg.startsWith('+') || expr.arg.kind === 'num');
      return bracket ? `${expr.op}(${arg})` : `${expr.op}${arg}`;
    }
    case 'binary': {
      const l = LEVEL[expr.op];
      const right = RIGHT_NESTED.has(expr.op);
      return `${wrap(expr.left, right ? l + 1 : l)} ${SYMBOL[expr.op]} ${wrap(expr.right, right ? l : l + 1)}`;
    }
    case 'cond':
      return `${wrap(expr.test, 2)} ? ${formatRateExpr(expr.then)} : ${wrap(expr.else, 1)}`;
  }
}

/** Structural equality of two expressions. */
export function sameRateExpr(a: RateExpr, b: RateExpr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
