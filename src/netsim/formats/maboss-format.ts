/** MaBoSS 2.x network (`.bnd`) and configuration (`.cfg`) files, as the MaBoSS reference card and its grammar define them (MaBoSS 2.5). */
import { fail, ok, type Issue, type Result } from '../../model/index.js';
import { and, not, or, substitute, v, type Expr } from '../expr.js';
import { booleanFunction, booleanRule, type LogicalNetwork, type NetworkNode } from '../network.js';
import {
  DEFAULT_RATE_DOWN,
  DEFAULT_RATE_UP,
  evalRateExpr,
  exprToRate,
  foldConstants,
  formatRateExpr,
  num,
  rateExprReads,
  rateSource,
  rateToExpr,
  sameRateExpr,
  type RateBinaryOp,
  type RateExpr,
} from '../rates.js';
import {
  MABOSS_DEFAULT_SETTINGS,
  mabossFromNetwork,
  type InitialGroup,
  type MabossModel,
  type MabossSettings,
  type NodeRates,
} from '../stochastic.js';

// ---------------------------------------------------------------------------------------------------------------
// Lexer (shared by .bnd and .cfg): C-like tokens, // and /* */ comments, and # comment lines.

type TokenKind = 'ident' | 'var' | 'num' | 'str' | 'op' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  value: number;
  line: number;
  column: number;
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPS = new Set([...'&|!(){}[];,.:=?+-*/<>^@']);
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const VARIABLE = /\$[A-Za-z0-9_]+/y;
const NUMBER = /(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/y;
/** Words that are operators or keywords in MaBoSS (case-insensitive), so never node names. */
const KEYWORDS = new Set(['NOT', 'AND', 'OR', 'XOR', 'NODE']);

/** A parse failure at a token; caught at the file boundary and returned as an issue. */
class SyntaxFailure extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (kind: TokenKind, text: string, start: number, value = 0): Token => ({
    kind,
    text,
    value,
    line,
    column: start - lineStart + 1,
  });
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (text.startsWith('//', i) || (c === '#' && text.slice(lineStart, i).trim() === '')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0)
        throw new SyntaxFailure({
          file,
          line,
          message: `comment opened at column ${i - lineStart + 1} is never closed (missing '*/')`,
        });
      for (let k = i; k < end; k++)
        if (text[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      i = end + 2;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      const newline = text.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end))
        throw new SyntaxFailure({
          file,
          line,
          message: `string opened at column ${i - lineStart + 1} is not closed on its line`,
        });
      tokens.push(at('str', text.slice(i + 1, end), i));
      i = end + 1;
      continue;
    }
    const match = (re: RegExp): string | undefined => {
      re.lastIndex = i;
      return re.exec(text)?.[0];
    };
    const word = match(IDENT);
    if (word !== undefined) {
      tokens.push(at('ident', word, i));
      i += word.length;
      continue;
    }
    const variable = match(VARIABLE);
    if (variable !== undefined) {
      tokens.push(at('var', variable.slice(1), i));
      i += variable.length;
      continue;
    }
    const number = match(NUMBER);
    if (number !== undefined) {
      tokens.push(at('num', number, i, Number(number)));
      i += number.length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push(at('op', two, i));
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push(at('op', c, i));
      i++;
      continue;
    }
    throw new SyntaxFailure({
      file,
      line,
      message: `unexpected character '${c}' at column ${i - lineStart + 1}`,
    });
  }
  tokens.push(at('eof', '', i));
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------------
// Expression parser: MaBoSS's grammar (C precedence; && and || nest to the right, XOR binds loosest).

class TokenStream {
  pos = 0;
  /** the field issues are reported under (e.g. `X.rate_up`, `max_time`) */
  field: string | undefined;
  constructor(
    readonly tokens: Token[],
    readonly file: string,
    /** constants TRUE/FALSE (configuration files; in networks only where no node has that name) */
    readonly isConstant: (word: string) => boolean,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }
  fail(message: string, token: Token = this.peek()): never {
    throw new SyntaxFailure({ file: this.file, line: token.line, field: this.field, message });
  }
  describe(token: Token): string {
    return token.kind === 'eof' ? 'end of file' : `'${token.kind === 'var' ? '$' : ''}${token.text}'`;
  }
  unexpected(token: Token = this.peek(), expected?: string): never {
    this.fail(
      `${expected ? `expected ${expected}, found` : 'unexpected'} ${this.describe(token)} at column ${token.column}`,
      token,
    );
  }
  isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === text;
  }
  isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }
  expectOp(text: string, what = `'${text}'`): Token {
    if (!this.isOp(text)) this.unexpected(this.peek(), what);
    return this.next();
  }
  expectName(what: string): Token {
    const token = this.peek();
    if (token.kind !== 'ident' || KEYWORDS.has(token.text.toUpperCase())) this.unexpected(token, what);
    return this.next();
  }

  expression(): RateExpr {
    const test = this.xor();
    if (!this.isOp('?')) return test;
    this.next();
    const then = this.expression();
    this.expectOp(':', "':' of the conditional");
    return { kind: 'cond', test, then, else: this.expression() };
  }
  private binary(op: RateBinaryOp, left: RateExpr, right: RateExpr): RateExpr {
    return { kind: 'binary', op, left, right };
  }
  private xor(): RateExpr {
    let left = this.or();
    while (this.isOp('^') || this.isWord('XOR')) {
      this.next();
      left = this.binary('^', left, this.or());
    }
    return left;
  }
  private or(): RateExpr {
    const left = this.and();
    if (!(this.isOp('||') || this.isOp('|') || this.isWord('OR'))) return left;
    this.next();
    return this.binary('||', left, this.or());
  }
  private and(): RateExpr {
    const left = this.equality();
    if (!(this.isOp('&&') || this.isOp('&') || this.isWord('AND'))) return left;
    this.next();
    return this.binary('&&', left, this.and());
  }
  private leftChain(operators: readonly string[], operand: () => RateExpr): RateExpr {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || !operators.includes(token.text)) return left;
      this.next();
      left = this.binary(token.text as RateBinaryOp, left, operand());
    }
  }
  private equality(): RateExpr {
    return this.leftChain(['==', '!='], () => this.relational());
  }
  private relational(): RateExpr {
    return this.leftChain(['<', '<=', '>', '>='], () => this.additive());
  }
  private additive(): RateExpr {
    return this.leftChain(['+', '-'], () => this.multiplicative());
  }
  private multiplicative(): RateExpr {
    return this.leftChain(['*', '/'], () => this.unary());
  }
  private unary(): RateExpr {
    if (this.isOp('!') || this.isWord('NOT')) {
      this.next();
      return { kind: 'unary', op: '!', arg: this.unary() };
    }
    if (this.isOp('-') || this.isOp('+')) {
      const sign = this.next().text as '-' | '+';
      // "-2" is a negative literal, so that printed negative constants read back unchanged
      if (sign === '-' && this.peek().kind === 'num') return num(-this.next().value);
      return { kind: 'unary', op: sign, arg: this.unary() };
    }
    return this.primary();
  }
  private primary(): RateExpr {
    const token = this.peek();
    if (token.kind === 'num') {
      this.next();
      return num(token.value);
    }
    if (token.kind === 'var') {
      this.next();
      return { kind: 'param', name: token.text };
    }
    if (this.isOp('@')) {
      this.next();
      const name = this.peek();
      if (name.kind !== 'ident') this.unexpected(name, "a node variable name after '@'");
      this.next();
      return { kind: 'attr', name: name.text };
    }
    if (this.isOp('(')) {
      const open = this.next();
      const inner = this.expression();
      if (!this.isOp(')'))
        this.fail(
          `missing ')' for '(' at column ${open.column}, found ${this.describe(this.peek())} at column ${this.peek().column}`,
          this.peek(),
        );
      this.next();
      return inner;
    }
    if (token.kind === 'ident' && !KEYWORDS.has(token.text.toUpperCase())) {
      this.next();
      if (this.isOp('('))
        this.fail(`function calls (${token.text}(…)) are not supported at column ${token.column}`, token);
      const upper = token.text.toUpperCase();
      if ((upper === 'TRUE' || upper === 'FALSE') && this.isConstant(token.text))
        return num(upper === 'TRUE' ? 1 : 0);
      return { kind: 'node', node: token.text };
    }
    this.unexpected(token, 'an operand');
  }
}

/** Parses one expression in MaBoSS syntax (as in a `rate_up = …;` right-hand side, without the `;`). */
export function parseMabossExpr(text: string, file = '<expr>', field?: string): Result<RateExpr> {
  try {
    const stream: TokenStream = new TokenStream(tokenize(text, file), file, () => true);
    stream.field = field;
    const expr = stream.expression();
    if (stream.peek().kind !== 'eof') stream.unexpected();
    return ok(expr);
  } catch (error) {
    if (error instanceof SyntaxFailure) return fail(error.issue);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// .bnd: node blocks.

interface BndItem {
  line: number;
  expr?: RateExpr;
  text?: string;
}
interface BndNode {
  name: string;
  line: number;
  items: Map<string, BndItem>;
}

function readBnd(text: string, file: string): Result<BndNode[]> {
  try {
    const tokens = tokenize(text, file);
    const declared = new Set(
      tokens
        .filter((t, i) => t.kind === 'ident' && tokens[i - 1]?.text.toUpperCase() === 'NODE')
        .map((t) => t.text),
    );
    const stream: TokenStream = new TokenStream(tokens, file, (word) => !declared.has(word));
    const nodes: BndNode[] = [];
    const seen = new Map<string, number>();
    const issues: Issue[] = [];
    while (stream.peek().kind !== 'eof') {
      stream.field = undefined;
      if (stream.isOp(';')) {
        stream.next();
        continue;
      }
      let node: BndNode;
      if (stream.isWord('NODE')) {
        stream.next();
        const name = stream.expectName('a node name after "Node"');
        node = { name: name.text, line: name.line, items: new Map() };
        const open = stream.expectOp('{', `'{' after node ${name.text}`);
        for (;;) {
          const token = stream.peek();
          stream.field = name.text;
          if (token.kind === 'eof')
            stream.fail(
              `block of node '${name.text}' opened at line ${open.line} is never closed (missing '}')`,
              token,
            );
          if (stream.isOp('}')) {
            stream.next();
            break;
          }
          if (token.kind === 'ident' && token.text.toUpperCase() === 'NODE')
            stream.fail(
              `missing '}' before 'Node' at column ${token.column} (block of node '${name.text}' opened at line ${open.line})`,
              token,
            );
          const attr = stream.expectName(`a node variable (e.g. logic, rate_up) or '}'`);
          stream.field = `${name.text}.${attr.text}`;
          stream.expectOp('=', `'=' after ${attr.text}`);
          const value = stream.peek();
          let item: BndItem;
          if (value.kind === 'str') {
            stream.next();
            item = { line: attr.line, text: value.text };
          } else item = { line: attr.line, expr: stream.expression() };
          stream.expectOp(';', `';' after ${name.text}.${attr.text}`);
          if (node.items.has(attr.text))
            issues.push({
              file,
              line: attr.line,
              field: stream.field,
              message: `${attr.text} is set twice (first at line ${node.items.get(attr.text)!.line})`,
            });
          node.items.set(attr.text, item);
        }
      } else if (stream.peek().kind === 'ident' && stream.isOp(':', 1)) {
        // MaBoSS's short form `X : logic;`
        const name = stream.expectName('a node name');
        stream.next();
        stream.field = `${name.text}.logic`;
        const expr = stream.expression();
        if (stream.isOp(';')) stream.next();
        node = { name: name.text, line: name.line, items: new Map([['logic', { line: name.line, expr }]]) };
      } else stream.unexpected(stream.peek(), "'Node NAME { … }'");
      if (seen.has(node.name))
        issues.push({
          file,
          line: node.line,
          field: node.name,
          message: `node '${node.name}' is defined twice (first at line ${seen.get(node.name)})`,
        });
      else {
        seen.set(node.name, node.line);
        nodes.push(node);
      }
    }
    if (issues.length) return fail(...issues);
    if (nodes.length === 0)
      return fail({ file, message: 'no nodes found (expected Node NAME { … } blocks)' });
    return ok(nodes);
  } catch (error) {
    if (error instanceof SyntaxFailure) return fail(error.issue);
    throw error;
  }
}

const NODE_VARIABLES_WITH_MEANING = new Set(['logic', 'rate_up', 'rate_down', 'description', 'is_internal']);

interface BuiltNetwork {
  network: LogicalNetwork;
  rates: Record<string, NodeRates>;
  attributes: Record<string, Record<string, RateExpr>>;
  internal: string[];
  notes: string[];
  /** where each node variable was set, for issues found later */
  lines: Map<string, number>;
}

/** Replaces `@name` variables by their expressions (not `@logic`); undefined when one is missing or cyclic. */
function inlineAttributes(
  expr: RateExpr,
  attrs: Record<string, RateExpr>,
  seen: readonly string[] = [],
): RateExpr | undefined {
  const rec = (e: RateExpr): RateExpr | undefined => inlineAttributes(e, attrs, seen);
  switch (expr.kind) {
    case 'attr': {
      const target = attrs[expr.name];
      if (target === undefined || seen.includes(expr.name)) return undefined;
      return inlineAttributes(target, attrs, [...seen, expr.name]);
    }
    case 'unary': {
      const arg = rec(expr.arg);
      return arg && { ...expr, arg };
    }
    case 'binary': {
      const left = rec(expr.left);
      const right = rec(expr.right);
      return left && right && { ...expr, left, right };
    }
    case 'cond': {
      const test = rec(expr.test);
      const then = rec(expr.then);
      const otherwise = rec(expr.else);
      return test && then && otherwise && { ...expr, test, then, else: otherwise };
    }
    default:
      return expr;
  }
}

/**
 * The Boolean rule of a node without logic, read from its rates as MaBoSS's `-l` does: it turns on where
 * rate_up > 0 and stays on where rate_down = 0. Undefined when the rates are arithmetic, not Boolean.
 */
function ruleFromRates(
  name: string,
  rates: NodeRates,
  params: (p: string) => number | undefined,
): Expr | undefined {
  const up = rateToExpr(foldConstants(rates.up, params), params);
  const down = rateToExpr(foldConstants(rates.down, params), params);
  if (!up.ok || !down.ok) return undefined;
  return substitute(or(and(not(v(name)), up.value), and(v(name), not(down.value))), () => undefined);
}

interface BuildContext {
  file: string;
  known: ReadonlySet<string>;
  /** parameter values; undefined when reading the network alone (then only logic needs them) */
  params: ((name: string) => number | undefined) | undefined;
  issues: Issue[];
  notes: string[];
  lines: Map<string, number>;
}

/** Checks one node variable: every node it reads exists and, when parameters are known, every parameter too. */
function checkItem(node: string, name: string, item: BndItem, ctx: BuildContext): void {
  const field = `${node}.${name}`;
  ctx.lines.set(field, item.line);
  if (!item.expr) return;
  const reads = rateExprReads(item.expr);
  const problem = (message: string) => ctx.issues.push({ file: ctx.file, line: item.line, field, message });
  for (const ref of reads.nodes)
    if (!ctx.known.has(ref)) problem(`unknown node '${ref}' (no Node ${ref} { … } block)`);
  if (ctx.params)
    for (const p of reads.params)
      if (ctx.params(p) === undefined)
        problem(`undefined parameter '$${p}' (define it in the .cfg: $${p} = …;)`);
}

/** A node of the network with its rates, extra variables and whether the .bnd marks it internal. */
function buildNode(
  node: BndNode,
  ctx: BuildContext,
): { networkNode: NetworkNode; rates: NodeRates; attrs: Record<string, RateExpr>; internal: boolean } {
  const { file, issues } = ctx;
  const paramValue = ctx.params ?? (() => undefined);
  const hasLogic = node.items.has('logic');
  const attrs: Record<string, RateExpr> = {};
  for (const [name, item] of node.items) {
    checkItem(node.name, name, item, ctx);
    const isRate = name === 'rate_up' || name === 'rate_down';
    if (isRate && !hasLogic && item.expr && rateExprReads(item.expr).attrs.includes('logic'))
      issues.push({
        file,
        line: item.line,
        field: `${node.name}.${name}`,
        message: `reads @logic, but node ${node.name} has no logic`,
      });
    if (item.text !== undefined && name !== 'description')
      ctx.notes.push(`${node.name}.${name}: text node variable ignored`);
    if (item.expr && !NODE_VARIABLES_WITH_MEANING.has(name)) attrs[name] = item.expr;
  }
  const logicItem = node.items.get('logic');
  let rule: Expr | undefined;
  if (logicItem?.expr) {
    const converted = rateToExpr(logicItem.expr, paramValue);
    if (converted.ok) rule = converted.value;
    else
      issues.push({
        file,
        line: logicItem.line,
        field: `${node.name}.logic`,
        message: `logic is not a Boolean expression: it ${converted.message}`,
      });
  }
  const up = node.items.get('rate_up')?.expr;
  const down = node.items.get('rate_down')?.expr;
  // MaBoSS's defaults: @logic ? 1 : 0 and @logic ? 0 : 1 with a logic, rate 0 without one
  const rates: NodeRates = {
    up: up ?? (hasLogic ? DEFAULT_RATE_UP : num(0)),
    down: down ?? (hasLogic ? DEFAULT_RATE_DOWN : num(0)),
  };
  const isInput = !hasLogic && up === undefined && down === undefined;
  if (!hasLogic && !isInput) {
    const inlinedUp = inlineAttributes(rates.up, attrs);
    const inlinedDown = inlineAttributes(rates.down, attrs);
    rule =
      inlinedUp && inlinedDown
        ? ruleFromRates(node.name, { up: inlinedUp, down: inlinedDown }, paramValue)
        : undefined;
    if (rule === undefined)
      ctx.notes.push(
        `${node.name}: no logic, and its rates are not Boolean; its network rule (for attractor tools) keeps its value, its rates drive simulations`,
      );
  }
  let internal = false;
  const internalItem = node.items.get('is_internal');
  if (internalItem?.expr)
    try {
      internal =
        evalRateExpr(internalItem.expr, {
          node: () => undefined,
          param: paramValue,
          attr: () => undefined,
        }) !== 0;
    } catch (error) {
      issues.push({
        file,
        line: internalItem.line,
        field: `${node.name}.is_internal`,
        message: `is_internal must be a constant: ${(error as Error).message}`,
      });
    }
  const label = node.items.get('description')?.text;
  return {
    networkNode: {
      name: node.name,
      maxLevel: 1,
      fn: booleanFunction(rule ?? v(node.name)),
      ...(isInput ? { role: 'input' } : {}),
      ...(label !== undefined ? { label } : {}),
    },
    rates,
    attrs,
    internal,
  };
}

function buildNetwork(
  nodes: BndNode[],
  file: string,
  params: ((name: string) => number | undefined) | undefined,
): Result<BuiltNetwork> {
  const ctx: BuildContext = {
    file,
    known: new Set(nodes.map((n) => n.name)),
    params,
    issues: [],
    notes: [],
    lines: new Map(),
  };
  const out: NetworkNode[] = [];
  const rates: Record<string, NodeRates> = {};
  const attributes: Record<string, Record<string, RateExpr>> = {};
  const internal: string[] = [];
  for (const node of nodes) {
    const built = buildNode(node, ctx);
    out.push(built.networkNode);
    rates[node.name] = built.rates;
    if (Object.keys(built.attrs).length) attributes[node.name] = built.attrs;
    if (built.internal) internal.push(node.name);
  }
  if (ctx.issues.length) return fail(...ctx.issues);
  const notes = ctx.notes;
  return ok({
    network: { nodes: out, ...(notes.length ? { notes } : {}) },
    rates,
    attributes,
    internal,
    notes,
    lines: ctx.lines,
  });
}

/** Parses a MaBoSS `.bnd` network into a Boolean network (rates are not needed, so parameters may stay undefined). */
export function parseMabossBnd(text: string, file = '<bnd>'): Result<LogicalNetwork> {
  const nodes = readBnd(text, file);
  if (!nodes.ok) return nodes;
  const built = buildNetwork(nodes.value, file, undefined);
  return built.ok ? ok(built.value.network) : built;
}

// ---------------------------------------------------------------------------------------------------------------
// .cfg: parameters, initial states, internal nodes and run settings.

/** What a MaBoSS configuration file sets. */
export type MabossConfig = Pick<
  MabossModel,
  'params' | 'initial' | 'internal' | 'reference' | 'settings' | 'notes'
>;

/** Settings MaBoSS reads that change nothing here (one thread; no trajectory display or stationary-distribution clustering). */
const SETTINGS_WITHOUT_EFFECT = new Set([
  'thread_count',
  'display_traj',
  'statdist_traj_count',
  'statdist_cluster_threshold',
  'statdist_similarity_cache_max_size',
  'use_glibcrandgen',
  'use_mt_rng',
]);

interface CfgValue {
  line: number;
  field: string;
  expr: RateExpr;
}
type CfgDecl =
  | (CfgValue & { kind: 'var'; name: string })
  | (CfgValue & { kind: 'setting' })
  | (CfgValue & { kind: 'node'; node: string; attr: string })
  | {
      kind: 'group';
      line: number;
      field: string;
      nodes: string[];
      states: { weight: RateExpr; values: RateExpr[] }[];
    };

/** The statements of a configuration, in file order (syntax only). */
function readCfgStatements(text: string, file: string): Result<CfgDecl[]> {
  const decls: CfgDecl[] = [];
  try {
    const stream: TokenStream = new TokenStream(tokenize(text, file), file, () => true);
    const list = <T>(item: () => T): T[] => {
      const items = [item()];
      while (stream.isOp(',')) {
        stream.next();
        items.push(item());
      }
      return items;
    };
    while (stream.peek().kind !== 'eof') {
      stream.field = undefined;
      const token = stream.peek();
      if (stream.isOp(';')) {
        stream.next();
        continue;
      }
      if (token.kind === 'var') {
        stream.next();
        const field = (stream.field = `$${token.text}`);
        stream.expectOp('=', `'=' after ${field}`);
        decls.push({ kind: 'var', line: token.line, field, name: token.text, expr: stream.expression() });
      } else if (stream.isOp('[')) {
        stream.next();
        const nodes = list(() => stream.expectName('a node name').text);
        stream.expectOp(']', "']' closing the node list");
        stream.field = `[${nodes.join(', ')}]`;
        stream.expectOp('.', "'.istate'");
        const attr = stream.expectName("'istate'");
        if (attr.text.toLowerCase() !== 'istate')
          stream.fail(`a node list takes only .istate, not .${attr.text}`, attr);
        const field = (stream.field = `[${nodes.join(', ')}].istate`);
        stream.expectOp('=', "'='");
        const states = list(() => {
          const weight = stream.expression();
          stream.expectOp('[', "'[' opening a state of the node list");
          const values = list(() => stream.expression());
          stream.expectOp(']', "']' closing the state");
          return { weight, values };
        });
        decls.push({ kind: 'group', line: token.line, field, nodes, states });
      } else if (token.kind === 'ident') {
        stream.next();
        if (stream.isOp('.')) {
          stream.next();
          const attr = stream.expectName('a node attribute (istate, is_internal, refstate)');
          const field = (stream.field = `${token.text}.${attr.text}`);
          stream.expectOp('=', `'=' after ${field}`);
          const expr = stream.expression();
          decls.push({
            kind: 'node',
            line: token.line,
            field,
            node: token.text,
            attr: attr.text.toLowerCase(),
            expr,
          });
        } else {
          stream.field = token.text;
          stream.expectOp('=', `'=' after ${token.text}`);
          decls.push({ kind: 'setting', line: token.line, field: token.text, expr: stream.expression() });
        }
      } else stream.unexpected(token, 'a setting, $variable, NODE.attribute or [NODES].istate');
      stream.expectOp(';', `';' after ${stream.field} = …`);
    }
  } catch (error) {
    if (error instanceof SyntaxFailure) return fail(error.issue);
    throw error;
  }
  return ok(decls);
}

/** Evaluates configuration values: `$variables` in any order, each once, circular definitions reported. */
class CfgEvaluator {
  readonly params: Record<string, number> = {};
  private readonly evaluating: string[] = [];
  constructor(
    private readonly vars: Map<string, CfgValue>,
    private readonly file: string,
    private readonly issues: Issue[],
  ) {
    for (const name of vars.keys()) this.param(name);
  }

  /** A value, or undefined after recording why it has none. */
  value(statement: CfgValue): number | undefined {
    try {
      return evalRateExpr(statement.expr, {
        node: (name) => {
          throw new Error(`node '${name}' cannot be used in a configuration value`);
        },
        param: (name) => this.param(name),
        attr: (name) => {
          throw new Error(`node variable '@${name}' cannot be used in a configuration value`);
        },
      });
    } catch (error) {
      const { line, field } = statement;
      this.issues.push({ file: this.file, line, field, message: (error as Error).message });
      return undefined;
    }
  }

  private param(name: string): number | undefined {
    if (name in this.params) return this.params[name];
    const decl = this.vars.get(name);
    if (!decl) return undefined;
    if (this.evaluating.includes(name)) {
      const cycle = [...this.evaluating.slice(this.evaluating.indexOf(name)), name];
      throw new Error(`circular definition: ${cycle.map((x) => `$${x}`).join(' → ')}`);
    }
    this.evaluating.push(name);
    const value = this.value(decl);
    this.evaluating.pop();
    if (value !== undefined) this.params[name] = value;
    // NaN stands for "already reported" so that dependants do not report it again
    return value ?? Number.NaN;
  }
}

function readSettings(
  decls: CfgValue[],
  ev: CfgEvaluator,
  file: string,
  issues: Issue[],
  notes: string[],
): MabossSettings {
  const settings: MabossSettings = { ...MABOSS_DEFAULT_SETTINGS, other: {} };
  let physicalRandom = true;
  let seed = 0;
  for (const decl of decls) {
    const value = ev.value(decl);
    if (value === undefined) continue;
    const key = decl.field.toLowerCase();
    const check = (valid: boolean, expected: string) => {
      if (!valid)
        issues.push({ file, line: decl.line, field: decl.field, message: `${expected}, got ${value}` });
      return value;
    };
    const positive = value > 0 && Number.isFinite(value);
    if (key === 'time_tick' || key === 'timetick')
      settings.timeTick = check(positive, 'time_tick must be positive');
    else if (key === 'max_time') settings.maxTime = check(positive, 'max_time must be positive');
    else if (key === 'sample_count')
      settings.sampleCount = check(Number.isInteger(value) && value >= 1, 'must be a positive integer');
    else if (key === 'discrete_time') settings.discreteTime = value !== 0;
    else if (key === 'use_physrandgen') physicalRandom = value !== 0;
    else if (key === 'seed_pseudorandom')
      seed = check(
        Number.isInteger(value) && value >= 0 && value <= 0xffffffff,
        'must be an integer from 0 to 2³²−1',
      );
    else {
      settings.other[key] = value;
      notes.push(
        SETTINGS_WITHOUT_EFFECT.has(key)
          ? `${decl.field} = ${value}: no effect here (single-threaded; no trajectory display or stationary-distribution clustering)`
          : `${decl.field} = ${value}: unknown setting, ignored`,
      );
    }
  }
  // MaBoSS uses /dev/urandom unless use_physrandgen = 0; then seed_pseudorandom seeds its generator
  if (!physicalRandom) settings.seed = seed;
  return settings;
}

/** A node list's initial states, normalised; undefined after recording why they are invalid. */
function readGroup(
  g: Extract<CfgDecl, { kind: 'group' }>,
  ev: CfgEvaluator,
  file: string,
  issues: Issue[],
  notes: string[],
): InitialGroup | undefined {
  const { line, field } = g;
  const before = issues.length;
  const problem = (message: string) => issues.push({ file, line, field, message });
  const duplicate = g.nodes.find((node, i) => g.nodes.indexOf(node) !== i);
  if (duplicate) problem(`${duplicate} is listed twice`);
  const states = g.states.map((st, i) => {
    const probability = ev.value({ line, field, expr: st.weight });
    const values = st.values.map((expr) => ev.value({ line, field, expr }));
    if (probability !== undefined && !(probability >= 0 && Number.isFinite(probability)))
      problem(`probability ${probability} of state ${i + 1} is negative`);
    if (values.length !== g.nodes.length)
      problem(`state ${i + 1} gives ${values.length} value(s) for ${g.nodes.length} node(s)`);
    if (values.some((x) => x !== undefined && x !== 0 && x !== 1))
      problem(`state ${i + 1} has a value other than 0 or 1`);
    return { probability: probability ?? 0, values: values.map((x) => x ?? 0) };
  });
  if (issues.length > before) return undefined;
  const total = states.reduce((sum, st) => sum + st.probability, 0);
  if (!(total > 0)) {
    problem('the probabilities of the initial states sum to 0');
    return undefined;
  }
  if (Math.abs(total - 1) > 1e-9)
    notes.push(`${file}:${line}: ${field} probabilities sum to ${total}; normalised to 1 as MaBoSS does`);
  return {
    nodes: g.nodes,
    states: states.map((st) => ({ probability: st.probability / total, values: st.values })),
  };
}

/** Initial states, internal and reference nodes, applied in file order (a later istate replaces an earlier one). */
function readNodeAttributes(
  decls: CfgDecl[],
  known: ReadonlySet<string>,
  ev: CfgEvaluator,
  file: string,
  issues: Issue[],
  notes: string[],
): Pick<MabossConfig, 'initial' | 'internal' | 'reference'> {
  const probabilities: Record<string, number> = {};
  const groups: InitialGroup[] = [];
  /** the line of the joint initial state each grouped node belongs to */
  const groupLine = new Map<string, number>();
  const internal = new Set<string>();
  const reference: Record<string, number> = {};
  const setSingle = (node: string, line: number, field: string, p: number | undefined) => {
    if (groupLine.has(node))
      issues.push({
        file,
        line,
        field,
        message: `${node} already has a joint initial state with other nodes (line ${groupLine.get(node)})`,
      });
    else if (p === undefined) delete probabilities[node];
    else probabilities[node] = p;
  };
  for (const d of decls) {
    if (d.kind === 'var' || d.kind === 'setting') continue;
    const unknown = (d.kind === 'node' ? [d.node] : d.nodes).filter((node) => !known.has(node));
    if (unknown.length) {
      issues.push({ file, line: d.line, field: d.field, message: `unknown node '${unknown[0]}'` });
      continue;
    }
    if (d.kind === 'group') {
      const group = readGroup(d, ev, file, issues, notes);
      if (!group) continue;
      if (group.nodes.length === 1) {
        const on = group.states.filter((st) => st.values[0] === 1);
        setSingle(
          group.nodes[0]!,
          d.line,
          d.field,
          on.reduce((sum, st) => sum + st.probability, 0),
        );
        continue;
      }
      const taken = group.nodes.find((node) => groupLine.has(node));
      if (taken) {
        issues.push({
          file,
          line: d.line,
          field: d.field,
          message: `${taken} is already in a joint initial state (line ${groupLine.get(taken)})`,
        });
        continue;
      }
      for (const node of group.nodes) {
        delete probabilities[node];
        groupLine.set(node, d.line);
      }
      groups.push(group);
      continue;
    }
    const value = ev.value(d);
    if (value === undefined) continue;
    // MaBoSS: a negative istate means random (½), any other non-zero value means 1
    if (d.attr === 'istate') setSingle(d.node, d.line, d.field, value < 0 ? undefined : value !== 0 ? 1 : 0);
    else if (d.attr === 'is_internal') {
      if (value !== 0) internal.add(d.node);
      else internal.delete(d.node);
    } else if (d.attr === 'refstate') {
      if (value < 0) delete reference[d.node];
      else reference[d.node] = value !== 0 ? 1 : 0;
    } else if (d.attr === 'in_graph') notes.push(`${d.field}: no effect here`);
    else
      issues.push({
        file,
        line: d.line,
        field: d.field,
        message: `unknown node attribute '${d.attr}' (expected istate, is_internal or refstate)`,
      });
  }
  if (Object.keys(reference).length)
    notes.push('refstate: Hamming distances to the reference state are not computed');
  return { initial: { probabilities, groups }, internal: [...internal], reference };
}

/**
 * Parses a MaBoSS `.cfg` against the node names of its network. Joint initial-state weights are normalised as
 * MaBoSS does (p_i / Σp), with a note when they do not sum to 1; negative weights or a zero sum are errors.
 */
export function parseMabossCfg(
  text: string,
  nodeNames: readonly string[],
  file = '<cfg>',
): Result<MabossConfig> {
  const statements = readCfgStatements(text, file);
  if (!statements.ok) return statements;
  const decls = statements.value;
  const issues: Issue[] = [];
  const notes: string[] = [];
  const vars = new Map<string, CfgValue>();
  for (const d of decls) if (d.kind === 'var') vars.set(d.name, d);
  const ev = new CfgEvaluator(vars, file, issues);
  const settingDecls = decls.filter((d): d is CfgValue & { kind: 'setting' } => d.kind === 'setting');
  const settings = readSettings(settingDecls, ev, file, issues, notes);
  const nodes = readNodeAttributes(decls, new Set(nodeNames), ev, file, issues, notes);
  if (issues.length) return fail(...issues);
  return ok({ params: ev.params, settings, notes, ...nodes });
}

// ---------------------------------------------------------------------------------------------------------------
// The whole model.

/** Where the two files of a MaBoSS model come from. */
export interface MabossSources {
  bndFile?: string;
  /** the configuration's text; without it parameters are undefined and every setting is MaBoSS's default */
  cfg?: string;
  cfgFile?: string;
}

/**
 * Parses a MaBoSS model (network + optional configuration) ready to simulate: every node, parameter and node
 * variable a rate reads must resolve. Issues name file, line and field (`X.rate_up`, `[A, B].istate`).
 */
export function parseMaboss(bnd: string, sources: MabossSources = {}): Result<MabossModel> {
  const bndFile = sources.bndFile ?? '<bnd>';
  const nodes = readBnd(bnd, bndFile);
  if (!nodes.ok) return nodes;
  const names = nodes.value.map((n) => n.name);
  let config: MabossConfig = {
    params: {},
    initial: { probabilities: {}, groups: [] },
    internal: [],
    reference: {},
    settings: { ...MABOSS_DEFAULT_SETTINGS, other: {} },
    notes: [],
  };
  if (sources.cfg !== undefined) {
    const parsed = parseMabossCfg(sources.cfg, names, sources.cfgFile ?? '<cfg>');
    if (!parsed.ok) return parsed;
    config = parsed.value;
  }
  const built = buildNetwork(nodes.value, bndFile, (name) => config.params[name]);
  if (!built.ok) return built;
  const { network, rates, attributes, lines } = built.value;
  // Compile each rate once here so that a missing or cyclic @variable is reported with its line.
  const issues: Issue[] = [];
  const index = new Map(names.map((name, i) => [name, i]));
  for (const node of network.nodes) {
    const attrs = attributes[node.name] ?? {};
    for (const [which, expr] of [
      ['rate_up', rates[node.name]!.up],
      ['rate_down', rates[node.name]!.down],
    ] as const)
      try {
        rateSource(expr, {
          index: (n) => index.get(n)!,
          param: (p) => config.params[p],
          attr: (a) => attrs[a],
          logic: booleanRule(node.fn),
        });
      } catch (error) {
        const field = `${node.name}.${which}`;
        issues.push({
          file: bndFile,
          line: lines.get(field) ?? nodes.value.find((n) => n.name === node.name)!.line,
          field,
          message: (error as Error).message,
        });
      }
  }
  if (issues.length) return fail(...issues);
  const internal = [...new Set([...built.value.internal, ...config.internal])];
  return ok({
    network,
    rates,
    attributes,
    params: config.params,
    initial: config.initial,
    internal,
    reference: config.reference,
    settings: config.settings,
    notes: [...built.value.notes, ...config.notes],
  });
}

/** A model with a configuration's parameters, initial states, internal and reference nodes and settings in place of its own. */
export function applyMabossConfig(model: MabossModel, config: MabossConfig): MabossModel {
  return {
    ...model,
    params: { ...model.params, ...config.params },
    initial: config.initial,
    internal: config.internal,
    reference: config.reference,
    settings: config.settings,
    notes: [...model.notes, ...config.notes],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writers.

const MABOSS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checkName(name: string): string {
  if (!MABOSS_NAME.test(name) || KEYWORDS.has(name.toUpperCase()))
    throw new Error(`'${name}' is not a MaBoSS name (letters, digits and _, not a keyword)`);
  return name;
}
function checkParam(name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`'$${name}' is not a MaBoSS variable (letters, digits and _)`);
  return name;
}
const numberText = (value: number): string => formatRateExpr(num(value));

/** Writes the network part of a MaBoSS model: logic, non-default rates and extra node variables. */
export function formatMabossBnd(model: MabossModel): string {
  const blocks: string[] = [];
  for (const node of model.network.nodes) {
    const rule = node.maxLevel === 1 ? booleanRule(node.fn) : undefined;
    if (rule === undefined)
      throw new Error(`node '${node.name}' is multi-valued and cannot be written as MaBoSS (Boolean)`);
    const rates = model.rates[node.name];
    if (!rates) throw new Error(`node '${node.name}' has no rates`);
    const attrs = model.attributes[node.name] ?? {};
    const usesLogic = [rates.up, rates.down, ...Object.values(attrs)].some((e) =>
      rateExprReads(e).attrs.includes('logic'),
    );
    const writeLogic = usesLogic || !(rule.kind === 'var' && rule.node === node.name);
    const lines = [`Node ${checkName(node.name)} {`];
    if (node.label !== undefined) lines.push(`  description = "${node.label.replace(/["\n]/g, ' ')}";`);
    if (writeLogic) lines.push(`  logic = ${formatRateExpr(exprToRate(rule))};`);
    const defaults = writeLogic ? [DEFAULT_RATE_UP, DEFAULT_RATE_DOWN] : [num(0), num(0)];
    if (!sameRateExpr(rates.up, defaults[0]!)) lines.push(`  rate_up = ${formatRateExpr(rates.up)};`);
    if (!sameRateExpr(rates.down, defaults[1]!)) lines.push(`  rate_down = ${formatRateExpr(rates.down)};`);
    for (const [name, expr] of Object.entries(attrs))
      lines.push(`  ${checkName(name)} = ${formatRateExpr(expr)};`);
    lines.push('}');
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

/** Writes the configuration part of a MaBoSS model: parameters, settings, initial states, internal and reference nodes. */
export function formatMabossCfg(model: MabossModel): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(model.params))
    lines.push(`$${checkParam(name)} = ${numberText(value)};`);
  const s = model.settings;
  lines.push(
    `time_tick = ${numberText(s.timeTick)};`,
    `max_time = ${numberText(s.maxTime)};`,
    `sample_count = ${numberText(s.sampleCount)};`,
    `discrete_time = ${s.discreteTime ? 1 : 0};`,
  );
  if (s.seed !== undefined) lines.push('use_physrandgen = 0;', `seed_pseudorandom = ${numberText(s.seed)};`);
  for (const [name, value] of Object.entries(s.other))
    lines.push(`${checkName(name)} = ${numberText(value)};`);
  for (const node of model.network.nodes) {
    const p = model.initial.probabilities[node.name];
    if (p === undefined) continue;
    lines.push(
      p === 0 || p === 1
        ? `${node.name}.istate = ${p};`
        : `[${node.name}].istate = ${numberText(Number((1 - p).toPrecision(15)))} [0], ${numberText(p)} [1];`,
    );
  }
  for (const g of model.initial.groups)
    lines.push(
      `[${g.nodes.map(checkName).join(', ')}].istate = ${g.states
        .map((st) => `${numberText(st.probability)} [${st.values.join(', ')}]`)
        .join(', ')};`,
    );
  for (const name of model.internal) lines.push(`${checkName(name)}.is_internal = 1;`);
  for (const [name, value] of Object.entries(model.reference))
    lines.push(`${checkName(name)}.refstate = ${value};`);
  return lines.join('\n') + '\n';
}

/** Both MaBoSS files for a Boolean network with MaBoSS's default rates; throws for multi-valued networks. */
export function networkToMaboss(net: LogicalNetwork): { bnd: string; cfg: string } {
  const model = mabossFromNetwork(net);
  if (!model.ok) throw new Error(model.issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  return { bnd: formatMabossBnd(model.value), cfg: formatMabossCfg(model.value) };
}

/** The `.bnd` of a Boolean network with MaBoSS's default rates (the registry's writer; see networkToMaboss for the .cfg). */
export function formatNetworkAsBnd(net: LogicalNetwork): string {
  return networkToMaboss(net).bnd;
}
