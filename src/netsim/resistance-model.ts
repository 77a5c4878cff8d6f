/**
 * The miResist resistance model: cited base rules (data/models) + miRNA repression edges generated from the
 * knowledge graph's curated `targets` statements, so a new curated statement changes the model on rebuild.
 */
import { fail, ok, type Issue, type Result } from '../model/index.js';
import { and, not, type Expr } from './expr.js';
import { parseBnetExpr } from './formats/bnet-format.js';
import { booleanFunction, type LogicalNetwork, type NetworkNode } from './network.js';
import { parseAssignments, parseTsvTable } from './tsv-table.js';

export const MODEL_ROLES = [
  'input',
  'drug',
  'receptor',
  'signalling',
  'cell-cycle',
  'apoptosis',
  'dna-repair',
  'efflux',
  'emt',
  'phenotype',
  'mirna',
] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** The phenotype outputs the issue names; `screen` ranks by the first two. */
export const PHENOTYPES = ['Proliferation', 'Apoptosis', 'DNA_repair', 'Drug_efflux'] as const;

export interface ModelNodeRow {
  node: string;
  role: ModelRole;
  genes: string[];
  therapy?: string;
  /** absent for inputs and drugs (they keep their level) */
  rule?: Expr;
  description: string;
  line: number;
}

/** One cited edge: a regulator's effect on a target, with the sentence or paper it rests on. */
export interface ModelEdge {
  regulator: string;
  target: string;
  sign: '+' | '-';
  source: string;
  quote?: string;
  note?: string;
  /** the curated statement an edge was generated from (miRNA edges) */
  statementId?: string;
}

export interface ModelContext {
  id: string;
  subtype: string;
  inputs: Record<string, number>;
  resistantTo?: string;
  source?: string;
  quote?: string;
  description: string;
}

export interface ResistanceModelSpec {
  nodes: ModelNodeRow[];
  edges: ModelEdge[];
  contexts: ModelContext[];
}

/** A curated `targets` statement, reduced to what the model needs. */
export interface MirnaTargetFact {
  mirna: string;
  gene: string;
  statementId: string;
  source: string;
  quote: string;
  /** the statement's mode qualifier: indirect targets are modelled as repression too (ADR 007) */
  mode?: 'direct' | 'indirect';
}

/** A curated `up_in_resistant` / `down_in_resistant` statement about a miRNA. */
export interface MirnaExpressionFact {
  mirna: string;
  therapy: string;
  direction: 'up' | 'down';
  statementId: string;
  source: string;
  quote: string;
}

export interface ResistanceModel {
  network: LogicalNetwork;
  edges: ModelEdge[];
  nodes: Map<string, ModelNodeRow>;
  /** canonical miRNA name → node */
  mirnaNodes: Map<string, string>;
  /** therapy name → drug node */
  drugNodes: Map<string, string>;
  contexts: Map<string, ModelContext>;
  expression: MirnaExpressionFact[];
}

const NODE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Each node a rule reads, with the sign(s) it acts with (+ outside negations, − inside an odd number). */
export function literalSigns(expr: Expr, positive = true, into = new Map<string, Set<'+' | '-'>>()) {
  switch (expr.kind) {
    case 'const':
      break;
    case 'var':
    case 'cmp': {
      const signs = into.get(expr.node) ?? new Set();
      signs.add(positive ? '+' : '-');
      into.set(expr.node, signs);
      break;
    }
    case 'not':
      literalSigns(expr.arg, !positive, into);
      break;
    case 'and':
    case 'or':
      for (const a of expr.args) literalSigns(a, positive, into);
  }
  return into;
}

/** Parses the three model tables and checks every rule regulator has a cited edge of the same sign. */
export function parseResistanceModel(files: {
  nodes: { text: string; file: string };
  edges: { text: string; file: string };
  contexts: { text: string; file: string };
}): Result<ResistanceModelSpec> {
  const issues: Issue[] = [];
  const nodes: ModelNodeRow[] = [];
  const nodeTable = parseTsvTable(files.nodes.text, files.nodes.file, [
    'node',
    'role',
    'genes',
    'therapy',
    'rule',
    'description',
  ]);
  if (!nodeTable.ok) return nodeTable;
  for (const { line, cells } of nodeTable.value) {
    const at = (field: string, message: string) =>
      issues.push({ file: files.nodes.file, line, field, message });
    const node = cells.node!;
    if (!NODE_NAME.test(node)) at('node', `invalid node name '${node}'`);
    const role = cells.role as ModelRole;
    if (!MODEL_ROLES.includes(role) || role === 'mirna') at('role', `unknown role '${cells.role}'`);
    let rule: Expr | undefined;
    if (role === 'input' || role === 'drug') {
      if (cells.rule) at('rule', `${role} nodes keep their level and take no rule`);
    } else {
      if (!cells.rule) at('rule', 'missing rule');
      else {
        const parsed = parseBnetExpr(cells.rule, files.nodes.file, line);
        if (parsed.ok) rule = parsed.value;
        else issues.push(...parsed.issues.map((i) => ({ ...i, field: 'rule' })));
      }
    }
    if (role === 'drug' && !cells.therapy) at('therapy', 'drug nodes name the therapy they stand for');
    if (nodes.some((n) => n.node === node)) at('node', `node '${node}' listed twice`);
    nodes.push({
      node,
      role,
      genes: cells.genes ? cells.genes.split(';').map((g) => g.trim()) : [],
      ...(cells.therapy ? { therapy: cells.therapy } : {}),
      ...(rule ? { rule } : {}),
      description: cells.description ?? '',
      line,
    });
  }
  const known = new Set(nodes.map((n) => n.node));

  const edges: ModelEdge[] = [];
  const edgeLines = new Map<string, number>();
  const edgeTable = parseTsvTable(files.edges.text, files.edges.file, [
    'regulator',
    'target',
    'sign',
    'source',
    'quote',
    'note',
  ]);
  if (!edgeTable.ok) return edgeTable;
  for (const { line, cells } of edgeTable.value) {
    const at = (field: string, message: string) =>
      issues.push({ file: files.edges.file, line, field, message });
    if (!known.has(cells.regulator!)) at('regulator', `unknown node '${cells.regulator}'`);
    if (!known.has(cells.target!)) at('target', `unknown node '${cells.target}'`);
    if (cells.sign !== '+' && cells.sign !== '-') at('sign', `expected + or -, got '${cells.sign}'`);
    if (!cells.source) at('source', 'every edge cites a source');
    const key = `${cells.regulator}>${cells.target}`;
    if (edgeLines.has(key)) at('target', `edge ${cells.regulator} → ${cells.target} listed twice`);
    edgeLines.set(key, line);
    edges.push({
      regulator: cells.regulator!,
      target: cells.target!,
      sign: cells.sign as '+' | '-',
      source: cells.source!,
      ...(cells.quote ? { quote: cells.quote } : {}),
      ...(cells.note ? { note: cells.note } : {}),
    });
  }

  // Every regulator in a rule is cited with the sign it acts with; every cited edge is in a rule.
  const used = new Set<string>();
  for (const node of nodes) {
    if (!node.rule) continue;
    for (const [regulator, signs] of literalSigns(node.rule)) {
      if (!known.has(regulator)) {
        issues.push({
          file: files.nodes.file,
          line: node.line,
          field: 'rule',
          message: `unknown node '${regulator}'`,
        });
        continue;
      }
      const key = `${regulator}>${node.node}`;
      used.add(key);
      const edge = edges.find((e) => e.regulator === regulator && e.target === node.node);
      if (!edge)
        issues.push({
          file: files.nodes.file,
          line: node.line,
          field: 'rule',
          message: `${regulator} → ${node.node} has no cited edge in ${files.edges.file}`,
        });
      else if (signs.size > 1 || !signs.has(edge.sign))
        issues.push({
          file: files.edges.file,
          line: edgeLines.get(key),
          field: 'sign',
          message: `${regulator} acts on ${node.node} with sign ${[...signs].join('/')} in the rule, not ${edge.sign}`,
        });
    }
  }
  for (const [key, line] of edgeLines)
    if (!used.has(key))
      issues.push({
        file: files.edges.file,
        line,
        field: 'target',
        message: `edge ${key.replace('>', ' → ')} is in no rule`,
      });

  const contexts: ModelContext[] = [];
  const contextTable = parseTsvTable(files.contexts.text, files.contexts.file, [
    'context',
    'subtype',
    'inputs',
    'resistant_to',
    'source',
    'quote',
    'description',
  ]);
  if (!contextTable.ok) return contextTable;
  for (const { line, cells } of contextTable.value) {
    const where = { file: files.contexts.file, line, field: 'inputs' };
    const inputs = parseAssignments(cells.inputs ?? '', where);
    if (!inputs.ok) {
      issues.push(...inputs.issues);
      continue;
    }
    for (const name of Object.keys(inputs.value)) {
      const node = nodes.find((n) => n.node === name);
      if (!node || node.role !== 'input')
        issues.push({ ...where, message: `'${name}' is not an input node` });
    }
    contexts.push({
      id: cells.context!,
      subtype: cells.subtype ?? '',
      inputs: inputs.value,
      ...(cells.resistant_to ? { resistantTo: cells.resistant_to } : {}),
      ...(cells.source ? { source: cells.source } : {}),
      ...(cells.quote ? { quote: cells.quote } : {}),
      description: cells.description ?? '',
    });
  }
  return issues.length ? fail(...issues) : ok({ nodes, edges, contexts });
}

/** Node name of a miRNA: its canonical name with every non-identifier character replaced by `_`. */
export function mirnaNodeName(mirna: string): string {
  return mirna.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Builds the executable network: base rules, then `& !miRNA` for every curated target that a node stands for. */
export function assembleResistanceModel(
  spec: ResistanceModelSpec,
  targets: readonly MirnaTargetFact[],
  expression: readonly MirnaExpressionFact[] = [],
): ResistanceModel {
  const geneToNodes = new Map<string, string[]>();
  for (const node of spec.nodes)
    for (const gene of node.genes) geneToNodes.set(gene, [...(geneToNodes.get(gene) ?? []), node.node]);

  const mirnaNodes = new Map<string, string>();
  const repressors = new Map<string, string[]>();
  const edges = [...spec.edges];
  for (const fact of [...targets].sort(
    (a, b) => a.mirna.localeCompare(b.mirna) || a.gene.localeCompare(b.gene),
  )) {
    for (const target of geneToNodes.get(fact.gene) ?? []) {
      const mirnaNode = mirnaNodeName(fact.mirna);
      mirnaNodes.set(fact.mirna, mirnaNode);
      const list = repressors.get(target) ?? [];
      if (!list.includes(mirnaNode)) list.push(mirnaNode);
      repressors.set(target, list);
      if (!edges.some((e) => e.regulator === mirnaNode && e.target === target))
        edges.push({
          regulator: mirnaNode,
          target,
          sign: '-',
          source: fact.source,
          quote: fact.quote,
          note: `curated: ${fact.mirna} targets ${fact.gene}${fact.mode === 'indirect' ? ' (indirect, as the source states)' : ''}`,
          statementId: fact.statementId,
        });
    }
  }

  const nodes: NetworkNode[] = spec.nodes.map((row) => {
    const selfRule: Expr = { kind: 'var', node: row.node };
    const base = row.rule ?? selfRule;
    const mirnas = repressors.get(row.node) ?? [];
    const repressed = mirnas.map((m) => not({ kind: 'var', node: m }));
    const rule =
      mirnas.length === 0
        ? base
        : base.kind === 'const' && base.value
          ? and(...repressed)
          : and(base, ...repressed);
    return {
      name: row.node,
      maxLevel: 1,
      fn: booleanFunction(rule),
      role: row.role,
      label: row.description,
      evidence: edges
        .filter((e) => e.target === row.node)
        .map((e) => ({
          from: e.regulator,
          sign: e.sign === '+' ? 'activation' : 'inhibition',
          source: e.source,
          ...(e.quote ? { quote: e.quote } : {}),
        })),
    };
  });
  for (const [mirna, node] of [...mirnaNodes].sort((a, b) => a[1].localeCompare(b[1])))
    nodes.push({
      name: node,
      maxLevel: 1,
      fn: booleanFunction({ kind: 'var', node }),
      role: 'mirna',
      label: mirna,
    });

  const drugNodes = new Map<string, string>();
  for (const row of spec.nodes) if (row.role === 'drug' && row.therapy) drugNodes.set(row.therapy, row.node);
  const nodeRows = new Map(spec.nodes.map((n) => [n.node, n]));
  for (const [mirna, node] of mirnaNodes)
    nodeRows.set(node, { node, role: 'mirna', genes: [], description: mirna, line: 0 });
  return {
    network: { name: 'miresist-resistance', nodes },
    edges,
    nodes: nodeRows,
    mirnaNodes,
    drugNodes,
    contexts: new Map(spec.contexts.map((c) => [c.id, c])),
    expression: expression.filter((e) => mirnaNodes.has(e.mirna)),
  };
}
