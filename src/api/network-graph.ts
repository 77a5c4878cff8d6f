/** Statements as a graph for the network view: one node per entity, one edge per statement. */
import { formatContext, type Statement } from '../model/index.js';
import type { NetworkEdge, NetworkNode, NetworkResponse } from './contract.js';

const nodeId = (ref: Statement['subject']): string => `${ref.kind}:${ref.id}`;

/** Nodes and edges of the statements, at most `limit` edges (the best-supported first). */
export function buildNetwork(
  statements: readonly Statement[],
  limit: number,
): Pick<NetworkResponse, 'nodes' | 'edges' | 'truncated'> {
  const ranked = [...statements].sort(
    (a, b) => b.evidence.length - a.evidence.length || a.id.localeCompare(b.id),
  );
  const kept = ranked.slice(0, limit);
  const nodes = new Map<string, NetworkNode>();
  const edges: NetworkEdge[] = [];
  for (const s of kept) {
    for (const ref of [s.subject, s.object]) {
      const id = nodeId(ref);
      const node = nodes.get(id) ?? { id, kind: ref.kind, label: ref.id.replace(/^hsa-/, ''), degree: 0 };
      node.degree++;
      nodes.set(id, node);
    }
    edges.push({
      id: s.id,
      source: nodeId(s.subject),
      target: nodeId(s.object),
      predicate: s.predicate,
      ...(s.therapy ? { therapy: s.therapy } : {}),
      evidence: [...new Set(s.evidence.flatMap((e) => e.experiments))].sort(),
      sources: [...new Set(s.evidence.map((e) => e.source_id))].sort(),
      contexts: s.contexts.map(formatContext),
      quotes: s.evidence.length,
    });
  }
  return { nodes: [...nodes.values()], edges, truncated: kept.length < statements.length };
}

/** The values each filter can take over the whole graph: predicates, therapies, experiment types, contexts. */
export function networkFacets(statements: readonly Statement[]): NetworkResponse['facets'] {
  const predicates = new Set<string>();
  const therapies = new Set<string>();
  const evidence = new Set<string>();
  const contexts = new Set<string>();
  for (const s of statements) {
    predicates.add(s.predicate);
    if (s.therapy) therapies.add(s.therapy);
    if (s.object.kind === 'therapy') therapies.add(s.object.id);
    for (const e of s.evidence) for (const x of e.experiments) evidence.add(x);
    for (const c of s.contexts)
      for (const [key, value] of Object.entries(c)) if (value !== undefined) contexts.add(`${key}=${value}`);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return {
    predicates: sorted(predicates),
    therapies: sorted(therapies),
    evidence: sorted(evidence),
    contexts: sorted(contexts),
  };
}
