/** GraphML 1.0 (graphml.graphdrawing.org) text of a network, readable by Cytoscape desktop, yEd and igraph. */
import type { NetworkResponse } from '../../../src/api/contract.js';
import { escapeXml } from './xml-escape.js';

interface KeyDef {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: 'string' | 'int';
}

const KEYS: KeyDef[] = [
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'degree', for: 'node', name: 'degree', type: 'int' },
  { id: 'predicate', for: 'edge', name: 'predicate', type: 'string' },
  { id: 'therapy', for: 'edge', name: 'therapy', type: 'string' },
  { id: 'evidence', for: 'edge', name: 'evidence', type: 'string' },
  { id: 'sources', for: 'edge', name: 'sources', type: 'string' },
  { id: 'contexts', for: 'edge', name: 'contexts', type: 'string' },
  { id: 'quotes', for: 'edge', name: 'quotes', type: 'int' },
];

function data(key: string, value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  return `      <data key="${escapeXml(key)}">${escapeXml(value)}</data>\n`;
}

/** The network as a directed GraphML graph; list attributes are `;`-joined; edges keep their statement ids. */
export function buildGraphml(network: Pick<NetworkResponse, 'nodes' | 'edges'>): string {
  const ids = new Set(network.nodes.map((n) => n.id));
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ',
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  ];
  for (const key of KEYS)
    parts.push(`  <key id="${key.id}" for="${key.for}" attr.name="${key.name}" attr.type="${key.type}"/>\n`);
  parts.push('  <graph id="miresist" edgedefault="directed">\n');
  for (const node of network.nodes) {
    parts.push(`    <node id="${escapeXml(node.id)}">\n`);
    parts.push(data('kind', node.kind), data('label', node.label), data('degree', node.degree));
    parts.push('    </node>\n');
  }
  for (const edge of network.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    parts.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">\n`,
    );
    parts.push(
      data('predicate', edge.predicate),
      data('therapy', edge.therapy),
      data('evidence', edge.evidence.join(';')),
      data('sources', edge.sources.join(';')),
      data('contexts', edge.contexts.join(' | ')),
      data('quotes', edge.quotes),
    );
    parts.push('    </edge>\n');
  }
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}
