/** GINsim GINML 2.1 and 2.2 regulatory graphs (GINsim 2.9/3.0 file format; Chaouiya et al. 2012, Methods Mol Biol 804): import only. */
import { unzipSync } from 'fflate';
import { fail, ok, type Issue, type Result } from '../../model/index.js';
import { and, not, or, type Expr } from '../expr.js';
import {
  checkNetwork,
  type FunctionTerm,
  type LogicalNetwork,
  type NetworkNode,
  type NodeFunction,
} from '../network.js';
import { freeInputFunction, levelTest } from './level-functions.js';
import { attr, childNamed, childrenNamed, parseXml, type XmlElement } from './xml-tree.js';

/** The entry of a `.zginml` archive that holds the regulatory graph. */
export const GINML_ENTRY = 'GINsim-data/regulatoryGraph.ginml';
const SUPPORTED_VERSIONS = ['2.1', '2.2'];

interface GinmlNode {
  id: string;
  maxLevel: number;
  baseLevel: number;
  element: XmlElement;
}

/** One interaction: the regulator's levels in [min, max] make it active (GINsim multi-arcs split a range). */
interface Arc {
  id: string;
  from: string;
  to: string;
  min: number;
  max: number;
  /** the GINML 2.2 edge carries several thresholds (`effects`), so this arc's id is not unique to it */
  isSharedEdge: boolean;
}

/** Reads a GINsim `.zginml` archive (a zip holding GINsim-data/regulatoryGraph.ginml). */
export function parseZginml(bytes: Uint8Array, file = '<zginml>'): Result<LogicalNetwork> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] ?? 0xff) <= 0x07;
  if (!isZip) {
    const start = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
    return fail({
      file,
      field: 'zip',
      message:
        'not a zip archive (a .zginml file is the zip GINsim saves)' +
        (start.startsWith('<') ? '; it looks like plain GINML XML: name it .ginml' : ''),
    });
  }
  const entries: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        entries.push(entry.name);
        return entry.name === GINML_ENTRY;
      },
    });
  } catch (error) {
    return fail({ file, field: 'zip', message: `corrupt zip archive: ${(error as Error).message}` });
  }
  const graph = files[GINML_ENTRY];
  if (!graph)
    return fail({
      file,
      field: 'zip',
      message: `no ${GINML_ENTRY} in the archive (it holds: ${entries.join(', ') || 'nothing'})`,
    });
  return parseGinml(new TextDecoder().decode(graph), `${file}!${GINML_ENTRY}`);
}

/** Reads a GINML regulatory graph; errors name file, line and the node or edge. */
export function parseGinml(text: string, file = '<ginml>'): Result<LogicalNetwork> {
  const parsed = parseXml(text, file);
  if (!parsed.ok) return parsed;
  const { root, doctype } = parsed.value;
  const issues: Issue[] = [];
  const notes: string[] = [];
  const issue = (element: XmlElement, field: string, message: string): Issue => ({
    file,
    line: element.line,
    field,
    message,
  });

  const version = doctype ? /GINML_(\d+)_(\d+)\.dtd/i.exec(doctype) : null;
  if (doctype && version && !SUPPORTED_VERSIONS.includes(`${version[1]}.${version[2]}`))
    return fail({
      file,
      line: 1,
      field: 'DOCTYPE',
      message: `GINML ${version[1]}.${version[2]} is not supported (GINML ${SUPPORTED_VERSIONS.join(' and ')} are)`,
    });
  if (!version) notes.push('no GINML version in the DOCTYPE; read as GINML 2.1/2.2 by content');
  if (root.local !== 'gxl') return fail(issue(root, 'gxl', `root element is <${root.name}>, expected <gxl>`));
  const graph = childNamed(root, 'graph');
  if (!graph) return fail(issue(root, 'gxl', 'no <graph> element'));
  const graphClass = attr(graph, 'class');
  if (graphClass !== undefined && graphClass !== 'regulatory')
    return fail(issue(graph, 'graph', `graph class '${graphClass}' is not a regulatory graph`));

  const ctx: ReadContext = {
    issue,
    issues,
    integer(element, name, field, min, fallback) {
      const raw = attr(element, name);
      if (raw === undefined) return fallback;
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
        issues.push(issue(element, field, `${name} '${raw}' is not an integer ≥ ${min}`));
        return undefined;
      }
      return value;
    },
  };
  const nodes = readNodes(graph, ctx);
  const arcs = readArcs(graph, nodes, ctx);
  if (issues.length) return fail(...issues);

  const order = graphOrder(graph, nodes, issue, issues);
  const result: NetworkNode[] = [];
  for (const id of order) {
    const node = nodes.get(id)!;
    const el = node.element;
    const field = `node ${id}`;
    const name = attr(el, 'name');
    const label = name !== undefined && name !== id ? { label: name } : {};
    const values = childrenNamed(el, 'value');
    const parameters = childrenNamed(el, 'parameter');
    if (attr(el, 'input') === 'true') {
      if (values.length || parameters.length)
        notes.push(`input node ${id}: its logical function is ignored (GINsim keeps input levels)`);
      result.push({
        name: id,
        maxLevel: node.maxLevel,
        fn: freeInputFunction(id, node.maxLevel),
        role: 'input',
        ...label,
      });
      continue;
    }
    const incoming = arcs.filter((a) => a.to === id);
    let fn: NodeFunction | undefined;
    if (values.length) {
      if (parameters.length)
        notes.push(`node ${id}: logical parameters ignored; its logical functions (exp) define it`);
      if (node.baseLevel !== 0)
        notes.push(`node ${id}: basevalue ignored; its logical functions (exp) define it`);
      fn = functionFromValues(node, values, incoming, nodes, { field, issue, issues, notes });
    } else fn = functionFromParameters(node, parameters, incoming, nodes, { field, issue, issues, notes });
    if (fn) result.push({ name: id, maxLevel: node.maxLevel, fn, ...label });
  }
  if (issues.length) return fail(...issues);
  if (result.length === 0) return fail(issue(graph, 'graph', 'no nodes'));
  const graphId = attr(graph, 'id');
  const net: LogicalNetwork = {
    ...(graphId ? { name: graphId } : {}),
    nodes: result,
    ...(notes.length ? { notes } : {}),
  };
  const structural = checkNetwork(net, file);
  return structural.length ? fail(...structural) : ok(net);
}

type IssueAt = (element: XmlElement, field: string, message: string) => Issue;

/** Where the reader collects located issues, and its integer-attribute reader. */
interface ReadContext {
  issue: IssueAt;
  issues: Issue[];
  /** the attribute as an integer ≥ min, `fallback` when absent, undefined (with an issue) when malformed */
  integer(
    element: XmlElement,
    name: string,
    field: string,
    min: number,
    fallback?: number,
  ): number | undefined;
}

/** The graph's nodes with their level range and basal level. */
function readNodes(graph: XmlElement, ctx: ReadContext): Map<string, GinmlNode> {
  const nodes = new Map<string, GinmlNode>();
  for (const el of childrenNamed(graph, 'node')) {
    const id = attr(el, 'id');
    if (!id) {
      ctx.issues.push(ctx.issue(el, 'node', 'node without id'));
      continue;
    }
    const field = `node ${id}`;
    if (nodes.has(id)) {
      ctx.issues.push(ctx.issue(el, field, 'declared twice'));
      continue;
    }
    const maxLevel = ctx.integer(el, 'maxvalue', field, 1, 1);
    const baseLevel = ctx.integer(el, 'basevalue', field, 0, 0);
    if (maxLevel === undefined || baseLevel === undefined) continue;
    if (baseLevel > maxLevel)
      ctx.issues.push(ctx.issue(el, field, `basevalue ${baseLevel} exceeds maxvalue ${maxLevel}`));
    nodes.set(id, { id, maxLevel, baseLevel, element: el });
  }

  return nodes;
}

/** The graph's interactions: one arc per edge, or per threshold of a GINML 2.2 `effects` edge. */
function readArcs(graph: XmlElement, nodes: Map<string, GinmlNode>, ctx: ReadContext): Arc[] {
  const arcs: Arc[] = [];
  for (const el of childrenNamed(graph, 'edge')) {
    const from = attr(el, 'from');
    const to = attr(el, 'to');
    const id = attr(el, 'id') ?? `${from}:${to}`;
    const field = `edge ${id}`;
    const unknown = [from, to].filter((n) => n === undefined || !nodes.has(n));
    if (unknown.length) {
      ctx.issues.push(
        ctx.issue(
          el,
          field,
          unknown.map((n) => (n === undefined ? 'missing from/to' : `unknown node '${n}'`)).join('; '),
        ),
      );
      continue;
    }
    const source = nodes.get(from!)!;
    const effects = attr(el, 'effects');
    if (effects !== undefined) {
      const thresholds: number[] = [];
      for (const part of effects.trim().split(/\s+/)) {
        const m = /^(\d+):\w+$/.exec(part);
        if (!m || Number(m[1]) < 1 || Number(m[1]) > source.maxLevel) {
          ctx.issues.push(
            ctx.issue(el, field, `effect '${part}' is not 'level:sign' with level in 1..${source.maxLevel}`),
          );
          continue;
        }
        thresholds.push(Number(m[1]));
      }
      thresholds.sort((a, b) => a - b);
      thresholds.forEach((t, k) =>
        arcs.push({
          id,
          from: from!,
          to: to!,
          min: t,
          max: (thresholds[k + 1] ?? source.maxLevel + 1) - 1,
          isSharedEdge: thresholds.length > 1,
        }),
      );
      continue;
    }
    const min = ctx.integer(el, 'minvalue', field, 1, 1);
    const rawMax = attr(el, 'maxvalue');
    const max =
      rawMax === undefined || rawMax === 'max' ? source.maxLevel : ctx.integer(el, 'maxvalue', field, 1);
    if (min === undefined || max === undefined) continue;
    if (min > max || max > source.maxLevel) {
      ctx.issues.push(
        ctx.issue(el, field, `interval [${min}, ${max}] outside ${from}'s levels 1..${source.maxLevel}`),
      );
      continue;
    }
    arcs.push({ id, from: from!, to: to!, min, max, isSharedEdge: false });
  }
  return arcs;
}

interface NodeContext {
  field: string;
  issue: IssueAt;
  issues: Issue[];
  notes: string[];
}

/** GINsim's node order (`nodeorder`), then any node it leaves out, in document order. */
function graphOrder(
  graph: XmlElement,
  nodes: Map<string, GinmlNode>,
  issue: IssueAt,
  issues: Issue[],
): string[] {
  const listed = (attr(graph, 'nodeorder') ?? '').split(/\s+/).filter((n) => n !== '');
  const unknown = listed.filter((n) => !nodes.has(n));
  if (unknown.length) issues.push(issue(graph, 'nodeorder', `unknown node(s): ${unknown.join(', ')}`));
  const order = [...new Set(listed.filter((n) => nodes.has(n)))];
  for (const id of nodes.keys()) if (!order.includes(id)) order.push(id);
  return order;
}

/** The condition "the regulator's level lies in the arc's interval". */
function arcActive(arc: Arc, nodes: Map<string, GinmlNode>): Expr {
  const maxLevel = nodes.get(arc.from)!.maxLevel;
  if (arc.max === maxLevel) return levelTest(arc.from, 'geq', arc.min, maxLevel);
  if (arc.min === arc.max) return levelTest(arc.from, 'eq', arc.min, maxLevel);
  return and(levelTest(arc.from, 'geq', arc.min, maxLevel), levelTest(arc.from, 'leq', arc.max, maxLevel));
}

/** Terms ordered by level, highest first, one disjunction per level; level-0 terms fold into the default. */
function groupedTerms(conditions: { level: number; condition: Expr }[]): FunctionTerm[] {
  const byLevel = new Map<number, Expr[]>();
  for (const c of conditions)
    if (c.level > 0) byLevel.set(c.level, [...(byLevel.get(c.level) ?? []), c.condition]);
  return [...byLevel.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([level, conds]) => ({ level, condition: conds.length === 1 ? conds[0]! : or(...conds) }));
}

/**
 * GINML logical parameters (Thomas' formalism): the node tends to a parameter's value when exactly its set of
 * interactions is active; basevalue is the parameter of the empty set; every other combination gives 0.
 */
function functionFromParameters(
  node: GinmlNode,
  parameters: XmlElement[],
  incoming: Arc[],
  nodes: Map<string, GinmlNode>,
  ctx: NodeContext,
): NodeFunction | undefined {
  const before = ctx.issues.length;
  const byId = new Map<string, Arc>();
  for (const arc of incoming) if (!arc.isSharedEdge) byId.set(arc.id, arc);
  const seen = new Set<string>();
  const conditions: { level: number; condition: Expr }[] = [];
  let hasEmptySet = false;
  for (const p of parameters) {
    const level = Number(attr(p, 'val'));
    if (!Number.isInteger(level) || level < 0 || level > node.maxLevel) {
      ctx.issues.push(
        ctx.issue(p, ctx.field, `parameter val '${attr(p, 'val')}' outside 0..${node.maxLevel}`),
      );
      continue;
    }
    const ids = (attr(p, 'idActiveInteractions') ?? '').split(/\s+/).filter((s) => s !== '');
    const active = new Set<Arc>();
    for (const aid of ids) {
      const arc = byId.get(aid);
      if (arc) active.add(arc);
      else if (incoming.some((a) => a.id === aid))
        ctx.issues.push(
          ctx.issue(
            p,
            ctx.field,
            `interaction '${aid}' has several thresholds (effects); parameters cannot name one`,
          ),
        );
      else
        ctx.issues.push(
          ctx.issue(p, ctx.field, `unknown interaction '${aid}' (no edge with that id into ${node.id})`),
        );
    }
    const key = [...active]
      .map((a) => incoming.indexOf(a))
      .sort((a, b) => a - b)
      .join(',');
    if (seen.has(key)) {
      ctx.issues.push(
        ctx.issue(p, ctx.field, `two parameters for the same active interactions (${ids.join(' ')})`),
      );
      continue;
    }
    seen.add(key);
    if (active.size === 0) hasEmptySet = true;
    conditions.push({ level, condition: exactlyActive(active, incoming, nodes) });
  }
  if (ctx.issues.length > before) return undefined;
  if (!hasEmptySet && node.baseLevel > 0)
    conditions.push({ level: node.baseLevel, condition: exactlyActive(new Set(), incoming, nodes) });
  return { defaultLevel: 0, terms: groupedTerms(conditions) };
}

function exactlyActive(active: Set<Arc>, incoming: Arc[], nodes: Map<string, GinmlNode>): Expr {
  const parts = incoming.map((arc) => (active.has(arc) ? arcActive(arc, nodes) : not(arcActive(arc, nodes))));
  return parts.length === 0 ? { kind: 'const', value: true } : and(...parts);
}

/**
 * GINML 2.2 logical functions: each `value` holds `exp` formulas (GINsim syntax: `!`, `&`, `|`, parentheses,
 * `X` for "X at or above the lowest threshold of its edge into this node", `X:k` for "X ≥ k"); several exps of
 * one value are alternatives; when functions of several values hold, the highest value wins.
 */
function functionFromValues(
  node: GinmlNode,
  values: XmlElement[],
  incoming: Arc[],
  nodes: Map<string, GinmlNode>,
  ctx: NodeContext,
): NodeFunction | undefined {
  const before = ctx.issues.length;
  const conditions: { level: number; condition: Expr }[] = [];
  const withoutEdge = new Set<string>();
  for (const value of values) {
    const level = Number(attr(value, 'val'));
    if (!Number.isInteger(level) || level < 0 || level > node.maxLevel) {
      ctx.issues.push(
        ctx.issue(value, ctx.field, `value val '${attr(value, 'val')}' outside 0..${node.maxLevel}`),
      );
      continue;
    }
    const exps = childrenNamed(value, 'exp');
    if (exps.length === 0) {
      ctx.issues.push(ctx.issue(value, ctx.field, `value ${level} has no <exp>`));
      continue;
    }
    for (const exp of exps) {
      const source = attr(exp, 'str') ?? '';
      const resolve = (name: string, threshold: number | undefined, column: number): Result<Expr> => {
        const regulator = nodes.get(name);
        if (!regulator) return fail(expIssue(`reads unknown node '${name}' at column ${column}`));
        const edgeMin = Math.min(...incoming.filter((a) => a.from === name).map((a) => a.min));
        if (threshold === undefined && !Number.isFinite(edgeMin)) withoutEdge.add(name);
        const k = threshold ?? (Number.isFinite(edgeMin) ? edgeMin : 1);
        if (k < 1 || k > regulator.maxLevel)
          return fail(
            expIssue(`'${name}:${k}' at column ${column}: ${name} has levels 0..${regulator.maxLevel}`),
          );
        return ok(levelTest(name, 'geq', k, regulator.maxLevel));
      };
      const expIssue = (message: string) =>
        ctx.issue(exp, ctx.field, `value ${level}: exp '${source}': ${message}`);
      const parsedExp = parseGinsimExpression(source, resolve, expIssue);
      if (!parsedExp.ok) {
        ctx.issues.push(...parsedExp.issues);
        continue;
      }
      conditions.push({ level, condition: parsedExp.value });
    }
  }
  if (ctx.issues.length > before) return undefined;
  if (withoutEdge.size)
    ctx.notes.push(
      `node ${node.id}: exp reads ${[...withoutEdge].join(', ')} without an edge; threshold 1 assumed`,
    );
  return { defaultLevel: 0, terms: groupedTerms(conditions) };
}

/** Parses a GINsim logical-function string; names resolve through `resolve` (which applies thresholds). */
function parseGinsimExpression(
  text: string,
  resolve: (name: string, threshold: number | undefined, column: number) => Result<Expr>,
  issue: (message: string) => Issue,
): Result<Expr> {
  const tokens: { text: string; column: number }[] = [];
  const re = /\s*(?:([A-Za-z0-9_]+(?::\d+)?)|([!&|()])|(\S))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    const token = m[1] ?? m[2] ?? m[3];
    if (token === undefined) break;
    const column = m.index + m[0].length - token.length + 1;
    if (m[3] !== undefined) return fail(issue(`unexpected '${token}' at column ${column}`));
    tokens.push({ text: token, column });
  }
  let pos = 0;
  const expr = (): Result<Expr> => {
    const args: Expr[] = [];
    for (;;) {
      const t = conj();
      if (!t.ok) return t;
      args.push(t.value);
      if (tokens[pos]?.text !== '|') return ok(args.length === 1 ? args[0]! : or(...args));
      pos++;
    }
  };
  const conj = (): Result<Expr> => {
    const args: Expr[] = [];
    for (;;) {
      const f = factor();
      if (!f.ok) return f;
      args.push(f.value);
      if (tokens[pos]?.text !== '&') return ok(args.length === 1 ? args[0]! : and(...args));
      pos++;
    }
  };
  const factor = (): Result<Expr> => {
    const token = tokens[pos];
    if (!token) return fail(issue('ends where an operand was expected'));
    pos++;
    if (token.text === '!') {
      const arg = factor();
      return arg.ok ? ok(not(arg.value)) : arg;
    }
    if (token.text === '(') {
      const inner = expr();
      if (!inner.ok) return inner;
      if (tokens[pos]?.text !== ')') return fail(issue(`missing ')' for '(' at column ${token.column}`));
      pos++;
      return inner;
    }
    if (/^[A-Za-z0-9_]/.test(token.text)) {
      const [name, level] = token.text.split(':');
      return resolve(name!, level === undefined ? undefined : Number(level), token.column);
    }
    return fail(issue(`unexpected '${token.text}' at column ${token.column}`));
  };
  if (tokens.length === 0) return fail(issue('empty'));
  const result = expr();
  if (!result.ok) return result;
  const rest = tokens[pos];
  if (rest) return fail(issue(`unexpected '${rest.text}' at column ${rest.column}`));
  return result;
}
