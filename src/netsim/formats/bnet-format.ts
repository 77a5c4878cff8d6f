/** BoolNet `.bnet` rules (BoolNet 2.1.7 loadNetwork; PyBoolNet's header-less variant): `target, factors` per line. */
import { fail, ok, type Issue, type Result } from '../../model/index.js';
import type { Expr } from '../expr.js';
import { and, not, or } from '../expr.js';
import {
  booleanFunction,
  booleanRule,
  checkNetwork,
  declareMissingInputs,
  type LogicalNetwork,
} from '../network.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

type Token = { kind: 'name' | 'op' | 'const'; text: string; column: number };

function tokenize(text: string, file: string, line: number): Result<Token[]> {
  const tokens: Token[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_.]*)|([!&|()])|(\d+)|(\S))/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    const column = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length + 1;
    if (m[1] !== undefined) {
      const lower = m[1].toLowerCase();
      if (lower === 'true' || lower === 'false')
        tokens.push({ kind: 'const', text: lower === 'true' ? '1' : '0', column });
      else tokens.push({ kind: 'name', text: m[1], column });
    } else if (m[2] !== undefined) tokens.push({ kind: 'op', text: m[2], column });
    else if (m[3] !== undefined) {
      if (m[3] !== '0' && m[3] !== '1')
        return fail({
          file,
          line,
          field: 'factors',
          message: `constant '${m[3]}' at column ${column}: only 0 and 1 are Boolean`,
        });
      tokens.push({ kind: 'const', text: m[3], column });
    } else if (m[4] !== undefined && m[4].trim() !== '')
      return fail({
        file,
        line,
        field: 'factors',
        message: `unexpected '${m[4]}' at column ${column} (BoolNet temporal operators and functions are not supported)`,
      });
  }
  return ok(tokens);
}

/** Parses a rule in BoolNet syntax (`!`, `&`, `|`, parentheses, 0/1). */
export function parseBnetExpr(text: string, file = '<rule>', line = 1): Result<Expr> {
  const lexed = tokenize(text, file, line);
  if (!lexed.ok) return lexed;
  const tokens = lexed.value;
  let pos = 0;
  const issue = (message: string): Issue => ({ file, line, field: 'factors', message });
  const peek = (): Token | undefined => tokens[pos];
  // Precedence as in BoolNet: ! binds tightest, then &, then |.
  function parseOr(): Result<Expr> {
    const first = parseAnd();
    if (!first.ok) return first;
    const args = [first.value];
    while (peek()?.text === '|') {
      pos++;
      const next = parseAnd();
      if (!next.ok) return next;
      args.push(next.value);
    }
    return ok(args.length === 1 ? args[0]! : or(...args));
  }
  function parseAnd(): Result<Expr> {
    const first = parseUnary();
    if (!first.ok) return first;
    const args = [first.value];
    while (peek()?.text === '&') {
      pos++;
      const next = parseUnary();
      if (!next.ok) return next;
      args.push(next.value);
    }
    return ok(args.length === 1 ? args[0]! : and(...args));
  }
  function parseUnary(): Result<Expr> {
    const token = peek();
    if (token === undefined) return fail(issue('rule ends where an operand was expected'));
    if (token.text === '!') {
      pos++;
      const arg = parseUnary();
      return arg.ok ? ok(not(arg.value)) : arg;
    }
    if (token.text === '(') {
      pos++;
      const inner = parseOr();
      if (!inner.ok) return inner;
      if (peek()?.text !== ')') return fail(issue(`missing ')' for '(' at column ${token.column}`));
      pos++;
      return inner;
    }
    if (token.kind === 'name') {
      pos++;
      return ok({ kind: 'var', node: token.text });
    }
    if (token.kind === 'const') {
      pos++;
      return ok({ kind: 'const', value: token.text === '1' });
    }
    return fail(issue(`unexpected '${token.text}' at column ${token.column}`));
  }
  const expr = parseOr();
  if (!expr.ok) return expr;
  const rest = peek();
  if (rest !== undefined) return fail(issue(`unexpected '${rest.text}' at column ${rest.column}`));
  return expr;
}

/** Parses a `.bnet` file into a Boolean network; errors name file, line and field. */
export function parseBnet(text: string, file = '<bnet>'): Result<LogicalNetwork> {
  const issues: Issue[] = [];
  const nodes: LogicalNetwork['nodes'] = [];
  const lines = text.split(/\r?\n/);
  let sawHeader = false;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const comma = line.indexOf(',');
    if (!sawHeader && nodes.length === 0 && /^targets\s*,\s*factors(\s*,.*)?$/i.test(line)) {
      sawHeader = true;
      if (/,\s*probabilit/i.test(line))
        issues.push({
          file,
          line: lineNo,
          field: 'header',
          message: 'probabilistic BoolNet networks are not supported',
        });
      return;
    }
    if (comma < 0) {
      issues.push({ file, line: lineNo, field: 'target', message: "expected 'target, factors'" });
      return;
    }
    const target = line.slice(0, comma).trim();
    if (!NAME.test(target)) {
      issues.push({ file, line: lineNo, field: 'target', message: `invalid node name '${target}'` });
      return;
    }
    const rule = parseBnetExpr(line.slice(comma + 1).trim(), file, lineNo);
    if (!rule.ok) {
      issues.push(...rule.issues);
      return;
    }
    if (nodes.some((n) => n.name === target)) {
      issues.push({ file, line: lineNo, field: 'target', message: `node '${target}' defined twice` });
      return;
    }
    nodes.push({ name: target, maxLevel: 1, fn: booleanFunction(rule.value) });
  });
  if (issues.length) return fail(...issues);
  if (nodes.length === 0) return fail({ file, message: 'no rules found' });
  // Nodes read but never declared are free inputs, as in BBM and PyBoolNet exports.
  const net = declareMissingInputs({ nodes });
  const structural = checkNetwork(net, file);
  return structural.length ? fail(...structural) : ok(net);
}

/** BoolNet syntax of a rule, with the fewest parentheses that keep its meaning. */
export function formatBnetExpr(expr: Expr, parent: 'or' | 'and' | 'not' | 'top' = 'top'): string {
  switch (expr.kind) {
    case 'const':
      return expr.value ? '1' : '0';
    case 'var':
      return expr.node;
    case 'cmp':
      throw new Error(`multi-valued comparison on '${expr.node}' cannot be written as .bnet`);
    case 'not':
      return `!${formatBnetExpr(expr.arg, 'not')}`;
    case 'and': {
      const text = expr.args.map((a) => formatBnetExpr(a, 'and')).join(' & ');
      return parent === 'not' ? `(${text})` : text;
    }
    case 'or': {
      const text = expr.args.map((a) => formatBnetExpr(a, 'or')).join(' | ');
      return parent === 'and' || parent === 'not' ? `(${text})` : text;
    }
  }
}

/** Writes a Boolean network as `.bnet`; multi-valued networks are refused. */
export function formatBnet(net: LogicalNetwork): string {
  const lines = ['targets, factors'];
  for (const node of net.nodes) {
    const rule = node.maxLevel === 1 ? booleanRule(node.fn) : undefined;
    if (rule === undefined)
      throw new Error(`node '${node.name}' is multi-valued and cannot be written as .bnet`);
    lines.push(`${node.name}, ${formatBnetExpr(rule)}`);
  }
  return lines.join('\n') + '\n';
}
