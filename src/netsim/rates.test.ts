import { describe, expect, it } from 'vitest';
import { and, evalExpr, not, or, v, type Expr } from './expr.js';
import {
  attr,
  cond,
  evalRateExpr,
  exprToRate,
  foldConstants,
  formatRateExpr,
  num,
  param,
  rateExprReads,
  rateSource,
  rateToExpr,
  type RateBinaryOp,
  type RateExpr,
} from './rates.js';
import { seededRng, type Rng } from './rng.js';

const node = (name: string): RateExpr => ({ kind: 'node', node: name });
const bin = (op: RateBinaryOp, left: RateExpr, right: RateExpr): RateExpr => ({
  kind: 'binary',
  op,
  left,
  right,
});
const NODES = ['A', 'B', 'C'];
const PARAMS: Record<string, number> = { k: 2.5, zero: 0 };
const ATTRS: Record<string, RateExpr> = { tmp: bin('||', node('A'), node('C')) };
const LOGIC: Expr = and(v('A'), not(v('B')));

const OPS: RateBinaryOp[] = ['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '^'];
/** A random expression over A, B, C, $k, $zero, @tmp and @logic. */
function randomExpr(rng: Rng, depth: number): RateExpr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  if (depth === 0 || rng() < 0.25) {
    const r = rng();
    if (r < 0.4) return node(pick(NODES));
    if (r < 0.6) return num(pick([0, 1, 2, 0.5, -1, 3e-3]));
    if (r < 0.8) return param(pick(Object.keys(PARAMS)));
    return attr(pick(['tmp', 'logic']));
  }
  const r = rng();
  if (r < 0.15) return { kind: 'unary', op: pick(['-', '+', '!'] as const), arg: randomExpr(rng, depth - 1) };
  if (r < 0.3)
    return cond(randomExpr(rng, depth - 1), randomExpr(rng, depth - 1), randomExpr(rng, depth - 1));
  return bin(pick(OPS), randomExpr(rng, depth - 1), randomExpr(rng, depth - 1));
}

const states = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => Uint8Array.from(NODES, (_, i) => (bits >> i) & 1));
const scopeOf = (s: Uint8Array) => ({
  node: (name: string) => s[NODES.indexOf(name)],
  param: (name: string) => PARAMS[name],
  attr: (name: string) => (name === 'logic' ? exprToRate(LOGIC) : ATTRS[name]),
});
const compile = (expr: RateExpr) =>
  new Function(
    's',
    `return ${rateSource(expr, {
      index: (name) => NODES.indexOf(name),
      param: (name) => PARAMS[name],
      attr: (name) => ATTRS[name],
      logic: LOGIC,
    })};`,
  ) as (s: Uint8Array) => number;

describe('rate expressions', () => {
  it('evaluate with C semantics: logical results are 1/0, non-zero is true, && and || short-circuit', () => {
    const s = scopeOf(Uint8Array.of(1, 0, 1));
    const ev = (e: RateExpr) => evalRateExpr(e, s);
    expect(ev(bin('&&', node('A'), param('k')))).toBe(1);
    expect(ev(bin('||', node('B'), num(0)))).toBe(0);
    expect(ev(bin('^', node('A'), node('C')))).toBe(0);
    expect(ev(bin('^', node('A'), node('B')))).toBe(1);
    expect(ev(bin('<=', param('k'), num(2.5)))).toBe(1);
    expect(ev(bin('/', num(1), num(4)))).toBe(0.25);
    expect(ev({ kind: 'unary', op: '!', arg: param('k') })).toBe(0);
    expect(ev(cond(attr('tmp'), param('k'), num(7)))).toBe(2.5);
    expect(ev(cond(attr('logic'), num(1), num(0)))).toBe(1);
    // the guarded division is never evaluated
    expect(ev(bin('&&', node('B'), bin('/', num(1), num(0))))).toBe(0);
    expect(() => ev(param('missing'))).toThrow(/undefined parameter '\$missing'/);
    expect(() => ev(node('Q'))).toThrow(/unknown node 'Q'/);
    const cyclic = { ...s, attr: (name: string) => (name === 'x' ? attr('x') : undefined) };
    expect(() => evalRateExpr(attr('x'), cyclic)).toThrow(/refers to itself/);
  });

  it('compile to JavaScript that agrees with the reference evaluator on 400 random expressions in every state', () => {
    const rng = seededRng(2024);
    for (let trial = 0; trial < 400; trial++) {
      const expr = randomExpr(rng, 4);
      const fn = compile(expr);
      for (const s of states) {
        const expected = evalRateExpr(expr, scopeOf(s));
        const got = fn(s);
        if (Number.isNaN(expected)) expect(got).toBeNaN();
        else expect([formatRateExpr(expr), got]).toEqual([formatRateExpr(expr), expected]);
      }
    }
  });

  it('compile only numbers and indices into the source, whatever the names', () => {
    const source = rateSource(bin('*', param('evil"); process.exit(1); ("'), node('A')), {
      index: () => 0,
      param: () => 3,
      attr: () => undefined,
    });
    expect(source).toBe('((3)*s[0])');
    expect(() =>
      rateSource(param('nope'), { index: () => 0, param: () => undefined, attr: () => undefined }),
    ).toThrow(/undefined parameter/);
  });

  it('list what they read, through every kind of name', () => {
    const e = cond(bin('&&', node('A'), attr('logic')), bin('*', param('k'), node('B')), param('k'));
    expect(rateExprReads(e)).toEqual({ nodes: ['A', 'B'], params: ['k'], attrs: ['logic'] });
  });

  it('convert to and from Boolean rules; XOR and ?: expand, arithmetic is refused with a reason', () => {
    const rule = or(and(v('A'), not(v('B'))), v('C'));
    const back = rateToExpr(exprToRate(rule));
    expect(back).toEqual({ ok: true, value: rule });
    const xor = rateToExpr(bin('^', node('A'), node('B')));
    const ternary = rateToExpr(cond(node('A'), node('B'), node('C')));
    if (!xor.ok || !ternary.ok) throw new Error('expected Boolean');
    for (const s of states) {
      const level = (name: string) => s[NODES.indexOf(name)]!;
      expect(evalExpr(xor.value, level)).toBe((s[0]! ^ s[1]!) === 1);
      expect(evalExpr(ternary.value, level)).toBe(s[0] ? s[1] === 1 : s[2] === 1);
    }
    expect(rateToExpr(bin('+', node('A'), node('B')))).toEqual({
      ok: false,
      message: "operator '+' is not Boolean (use !, &, |, ^ and ?:)",
    });
    expect(rateToExpr(param('k'))).toMatchObject({ ok: false, message: /\$k/ });
    expect(rateToExpr(param('k'), (p) => PARAMS[p])).toEqual({
      ok: true,
      value: { kind: 'const', value: true },
    });
  });

  it('fold constant parts, taking the branch of a constant test', () => {
    const e = cond(bin('<', param('k'), num(10)), bin('*', param('k'), node('A')), node('B'));
    expect(foldConstants(e, (p) => PARAMS[p])).toEqual(bin('*', num(2.5), node('A')));
    expect(foldConstants(e, () => undefined)).toEqual(e);
  });

  it('print with the fewest parentheses that keep the tree', () => {
    expect(formatRateExpr(bin('&&', bin('||', node('A'), node('B')), node('C')))).toBe('(A | B) & C');
    expect(formatRateExpr(bin('||', bin('&&', node('A'), node('B')), node('C')))).toBe('A & B | C');
    expect(formatRateExpr(bin('-', num(1), bin('-', num(2), num(3))))).toBe('1 - (2 - 3)');
    expect(formatRateExpr(bin('-', bin('-', num(1), num(2)), num(3)))).toBe('1 - 2 - 3');
    expect(formatRateExpr(cond(attr('logic'), param('u_X'), num(0)))).toBe('@logic ? $u_X : 0');
    expect(formatRateExpr({ kind: 'unary', op: '-', arg: num(-2) })).toBe('-(-2)');
    expect(formatRateExpr({ kind: 'unary', op: '!', arg: bin('&&', node('A'), node('B')) })).toBe('!(A & B)');
  });
});
