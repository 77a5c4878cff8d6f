/** NetworkResponse → Cytoscape.js elements, style and legend; colours by entity kind and predicate. */
import type { NetworkEdge, NetworkNode, NetworkResponse } from '../../../src/api/contract.js';
import { predicateLabel } from './statement-format.js';

export type NodeKind = NetworkNode['kind'];

/** Fill colour per entity kind (shapes differ too, so colour is never the only cue). */
export const KIND_COLOURS: Record<NodeKind, string> = {
  mirna: '#c2334d',
  gene: '#2f6bd0',
  therapy: '#2b8a3e',
  pathway: '#c77c02',
};

/** Node shape per entity kind, in Cytoscape's names. */
export const KIND_SHAPES: Record<NodeKind, 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon'> = {
  mirna: 'ellipse',
  gene: 'round-rectangle',
  therapy: 'diamond',
  pathway: 'hexagon',
};

/** Line colour per predicate. */
export const PREDICATE_COLOURS: Record<string, string> = {
  targets: '#5c6670',
  confers_resistance: '#c01c28',
  sensitises: '#1a7f37',
  up_in_resistant: '#b5540b',
  down_in_resistant: '#6f42c1',
  predicts_response: '#0b7285',
  predicts_poor_response: '#a61e4d',
  regulates: '#1c5fb4',
  inhibits: '#343a40',
  activates: '#d9480f',
};
const OTHER_COLOUR = '#868e96';

/** Predicates drawn with a flat (repression) end instead of an arrow. */
const TEE_PREDICATES = new Set(['targets', 'inhibits']);

/** The line colour of a predicate (grey for one the app does not know). */
export function predicateColour(predicate: string): string {
  return PREDICATE_COLOURS[predicate] ?? OTHER_COLOUR;
}

/** The arrow head of a predicate: a flat tee for repression, a triangle otherwise. */
export function edgeArrow(predicate: string): 'tee' | 'triangle' {
  return TEE_PREDICATES.has(predicate) ? 'tee' : 'triangle';
}

/** Node diameter in px from its degree: hubs read larger, within 18–56 px. */
export function nodeSize(degree: number): number {
  return Math.round(Math.min(56, 18 + 6 * Math.sqrt(Math.max(0, degree))));
}

export interface CyNodeData {
  id: string;
  label: string;
  kind: NodeKind;
  degree: number;
  colour: string;
  shape: string;
  size: number;
}
export interface CyEdgeData {
  id: string;
  source: string;
  target: string;
  predicate: string;
  therapy: string;
  colour: string;
  arrow: string;
}
export interface CyElements {
  nodes: { data: CyNodeData }[];
  edges: { data: CyEdgeData }[];
}

/** Cytoscape elements for a network; edges whose ends are not among the nodes (a truncated answer) are left out. */
export function toCytoscapeElements(network: Pick<NetworkResponse, 'nodes' | 'edges'>): CyElements {
  const ids = new Set(network.nodes.map((n) => n.id));
  return {
    nodes: network.nodes.map((n) => ({
      data: {
        id: n.id,
        label: n.label,
        kind: n.kind,
        degree: n.degree,
        colour: KIND_COLOURS[n.kind] ?? OTHER_COLOUR,
        shape: KIND_SHAPES[n.kind] ?? 'ellipse',
        size: nodeSize(n.degree),
      },
    })),
    edges: network.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          predicate: e.predicate,
          therapy: e.therapy ?? '',
          colour: predicateColour(e.predicate),
          arrow: edgeArrow(e.predicate),
        },
      })),
  };
}

/** The Cytoscape stylesheet: every visual property comes from the element data built above. */
export function cytoscapeStyle() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        shape: 'data(shape)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': 11,
        // labels too small to read at the current zoom are hidden rather than drawn as noise
        'min-zoomed-font-size': 7,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        color: '#1d2125',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': 'data(colour)',
        'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'data(arrow)',
        'curve-style': 'bezier',
        opacity: 0.85,
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111111' } },
    { selector: 'edge:selected', style: { width: 4, opacity: 1 } },
  ];
}

/** "42 nodes · 57 edges" (singular for one). */
export function countLabel(nodes: number, edges: number): string {
  return `${nodes} ${nodes === 1 ? 'node' : 'nodes'} · ${edges} ${edges === 1 ? 'edge' : 'edges'}`;
}

/** Splits a network node id (`mirna:hsa-miR-21`) into kind and entity id; the id may itself hold colons. */
export function parseNodeId(nodeId: string): { kind: string; id: string } {
  const at = nodeId.indexOf(':');
  return at < 0 ? { kind: '', id: nodeId } : { kind: nodeId.slice(0, at), id: nodeId.slice(at + 1) };
}

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
}

/** Legend rows: the kinds and predicates present in this network, in vocabulary order. */
export function legendFor(network: Pick<NetworkResponse, 'nodes' | 'edges'>): {
  kinds: LegendEntry[];
  predicates: LegendEntry[];
} {
  const kinds = new Set(network.nodes.map((n) => n.kind));
  const predicates = new Set(network.edges.map((e) => e.predicate));
  const kindOrder = Object.keys(KIND_COLOURS) as NodeKind[];
  const predicateOrder = [
    ...Object.keys(PREDICATE_COLOURS),
    ...[...predicates].filter((p) => !(p in PREDICATE_COLOURS)).sort(),
  ];
  const kindNames: Record<NodeKind, string> = {
    mirna: 'miRNA',
    gene: 'gene',
    therapy: 'therapy',
    pathway: 'pathway',
  };
  return {
    kinds: kindOrder
      .filter((k) => kinds.has(k))
      .map((k) => ({ key: k, label: kindNames[k], colour: KIND_COLOURS[k] })),
    predicates: predicateOrder
      .filter((p) => predicates.has(p as NetworkEdge['predicate']))
      .map((p) => ({ key: p, label: predicateLabel(p), colour: predicateColour(p) })),
  };
}

/** The statements (edges) touching a node, for the side panel. */
export function edgesOf(network: Pick<NetworkResponse, 'edges'>, nodeId: string): NetworkEdge[] {
  return network.edges.filter((e) => e.source === nodeId || e.target === nodeId);
}

export const LAYOUTS = ['cose', 'concentric', 'circle', 'breadthfirst'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** Cytoscape layout options: no animation; concentric rings by degree so hubs sit in the middle. */
export function layoutOptions(name: LayoutName, nodeCount: number): Record<string, unknown> {
  switch (name) {
    case 'cose':
      return {
        name: 'cose',
        animate: false,
        randomize: true,
        nodeRepulsion: () => (nodeCount > 200 ? 12000 : 8000),
        idealEdgeLength: () => 60,
        numIter: nodeCount > 400 ? 600 : 1000,
        padding: 20,
      };
    case 'concentric':
      return {
        name: 'concentric',
        animate: false,
        concentric: (node: { degree: (includeLoops: boolean) => number }) => node.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 12,
        padding: 20,
      };
    case 'breadthfirst':
      return { name: 'breadthfirst', animate: false, directed: true, spacingFactor: 1.1, padding: 20 };
    default:
      return { name: 'circle', animate: false, padding: 20 };
  }
}
