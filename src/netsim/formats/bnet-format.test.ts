import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../model/index.js';
import { booleanRule } from '../network.js';
import { formatBnet, formatBnetExpr, parseBnet, parseBnetExpr } from './bnet-format.js';

describe('.bnet reader and writer', () => {
  it('reads BoolNet rules with and without the header, comments and constants', () => {
    const net = parseBnet('# a comment\ntargets, factors\nA, !B & (C | 1)\nB, A\nC, C # input\n', 'm.bnet');
    expect(net.ok).toBe(true);
    if (!net.ok) return;
    expect(net.value.nodes.map((n) => n.name)).toEqual(['A', 'B', 'C']);
    expect(formatBnetExpr(booleanRule(net.value.nodes[0]!.fn)!)).toBe('!B & (C | 1)');
    expect(parseBnet('A, B\nB, A\n').ok).toBe(true);
  });

  it('gives & precedence over | and round-trips with the fewest parentheses', () => {
    const expr = parseBnetExpr('A | B & !C | !(A & B)');
    expect(expr.ok && formatBnetExpr(expr.value)).toBe('A | B & !C | !(A & B)');
    const text = 'targets, factors\nA, (A | B) & !(B | A)\nB, !A\n';
    const net = parseBnet(text);
    expect(net.ok && formatBnet(net.value)).toBe(text);
  });

  it('adds nodes that rules read but nobody declares as free inputs, with a note', () => {
    const net = parseBnet('A, B & X\nB, A\n');
    expect(net.ok).toBe(true);
    if (!net.ok) return;
    expect(net.value.nodes.at(-1)).toMatchObject({ name: 'X', role: 'input' });
    expect(net.value.notes).toEqual(['undeclared nodes added as free inputs: X']);
  });

  it('reports file, line, field and column for bad rules', () => {
    const net = parseBnet('targets, factors\nA, B &\nB, (A\nC, A + B\nD, 2\n1x, A\nE, 1\nE, 0\n', 'bad.bnet');
    expect(net.ok).toBe(false);
    if (net.ok) return;
    expect(net.issues.map(formatIssue)).toEqual([
      'bad.bnet:2: factors: rule ends where an operand was expected',
      "bad.bnet:3: factors: missing ')' for '(' at column 1",
      "bad.bnet:4: factors: unexpected '+' at column 3 (BoolNet temporal operators and functions are not supported)",
      "bad.bnet:5: factors: constant '2' at column 1: only 0 and 1 are Boolean",
      "bad.bnet:6: target: invalid node name '1x'",
      "bad.bnet:8: target: node 'E' defined twice",
    ]);
    expect(parseBnet('', 'empty.bnet')).toMatchObject({ ok: false, issues: [{ message: 'no rules found' }] });
  });
});
