/** A standalone SVG 1.1 drawing of a laid-out network (node positions from Cytoscape), with a legend. */
import type { NetworkResponse } from '../../../src/api/contract.js';
import {
  KIND_COLOURS,
  edgeArrow,
  legendFor,
  nodeSize,
  predicateColour,
  type NodeKind,
} from './network-elements.js';
import { escapeXml } from './xml-escape.js';

export interface Position {
  x: number;
  y: number;
}

const MARGIN = 40;
const LEGEND_ROW = 18;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function shape(kind: NodeKind, x: number, y: number, size: number, colour: string): string {
  const r = size / 2;
  const fill = `fill="${colour}" stroke="#ffffff" stroke-width="1"`;
  switch (kind) {
    case 'gene':
      return `<rect x="${round(x - r)}" y="${round(y - r)}" width="${round(size)}" height="${round(size)}" rx="${round(r / 3)}" ${fill}/>`;
    case 'therapy':
      return `<polygon points="${[
        [x, y - r],
        [x + r, y],
        [x, y + r],
        [x - r, y],
      ]
        .map(([px, py]) => `${round(px!)},${round(py!)}`)
        .join(' ')}" ${fill}/>`;
    case 'pathway':
      return `<polygon points="${Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${round(x + r * Math.cos(a))},${round(y + r * Math.sin(a))}`;
      }).join(' ')}" ${fill}/>`;
    default:
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" ${fill}/>`;
  }
}

function markerId(predicate: string): string {
  return `end-${predicate.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * The network drawn at the given positions: edges (trimmed to the node borders, with arrow or tee ends), nodes shaped
 * and coloured by kind, labels, and a legend. Nodes without a position are left out, with their edges.
 */
export function buildNetworkSvg(
  network: Pick<NetworkResponse, 'nodes' | 'edges'>,
  positions: ReadonlyMap<string, Position>,
): string {
  const nodes = network.nodes.filter((n) => positions.has(n.id));
  const placed = new Map(nodes.map((n) => [n.id, n]));
  const edges = network.edges.filter((e) => placed.has(e.source) && placed.has(e.target));
  const legend = legendFor({ nodes, edges });

  const xs = nodes.map((n) => positions.get(n.id)!.x);
  const ys = nodes.map((n) => positions.get(n.id)!.y);
  const minX = (xs.length ? Math.min(...xs) : 0) - MARGIN;
  const minY = (ys.length ? Math.min(...ys) : 0) - MARGIN;
  const graphWidth = (xs.length ? Math.max(...xs) : 0) + MARGIN - minX;
  const graphHeight = (ys.length ? Math.max(...ys) : 0) + MARGIN + 14 - minY;
  const legendRows = legend.kinds.length + legend.predicates.length + 1;
  const width = Math.max(graphWidth, 260);
  const height = graphHeight + legendRows * LEGEND_ROW + 20;

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${round(width)}" height="${round(height)}" viewBox="${round(minX)} ${round(minY)} ${round(width)} ${round(height)}">`,
    '<title>miResist network</title>',
    '<defs>',
  ];
  for (const p of new Set(edges.map((e) => e.predicate))) {
    const colour = predicateColour(p);
    out.push(
      edgeArrow(p) === 'tee'
        ? `<marker id="${markerId(p)}" viewBox="0 0 4 10" refX="2" refY="5" markerWidth="3" markerHeight="7" orient="auto"><rect x="0" y="0" width="4" height="10" fill="${colour}"/></marker>`
        : `<marker id="${markerId(p)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`,
    );
  }
  out.push('</defs>');
  out.push(
    `<rect x="${round(minX)}" y="${round(minY)}" width="${round(width)}" height="${round(height)}" fill="#ffffff"/>`,
  );

  out.push('<g class="edges" fill="none">');
  for (const e of edges) {
    const a = positions.get(e.source)!;
    const b = positions.get(e.target)!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const rs = nodeSize(placed.get(e.source)!.degree) / 2;
    const rt = nodeSize(placed.get(e.target)!.degree) / 2 + 2;
    const title = `${e.source} ${e.predicate} ${e.target}${e.therapy ? ` [${e.therapy}]` : ''}`;
    out.push(
      `<line x1="${round(a.x + (dx * rs) / length)}" y1="${round(a.y + (dy * rs) / length)}" x2="${round(b.x - (dx * rt) / length)}" y2="${round(b.y - (dy * rt) / length)}" stroke="${predicateColour(e.predicate)}" stroke-width="1.6" marker-end="url(#${markerId(e.predicate)})"><title>${escapeXml(title)}</title></line>`,
    );
  }
  out.push('</g>');

  // labels get a white halo so edges passing behind them stay readable
  out.push(
    `<g class="nodes" ${FONT} font-size="11" text-anchor="middle" stroke-linejoin="round" paint-order="stroke">`,
  );
  for (const n of nodes) {
    const { x, y } = positions.get(n.id)!;
    const size = nodeSize(n.degree);
    out.push(
      `<g>${shape(n.kind, x, y, size, KIND_COLOURS[n.kind] ?? '#868e96')}<text x="${round(x)}" y="${round(y + size / 2 + 12)}" fill="#1d2125" stroke="#ffffff" stroke-width="3">${escapeXml(n.label)}</text></g>`,
    );
  }
  out.push('</g>');

  let ly = minY + graphHeight + 10;
  const lx = minX + 12;
  out.push(`<g class="legend" ${FONT} font-size="11" fill="#1d2125">`);
  out.push(`<text x="${round(lx)}" y="${round(ly)}" font-weight="bold">Legend</text>`);
  for (const k of legend.kinds) {
    ly += LEGEND_ROW;
    out.push(shape(k.key as NodeKind, lx + 6, ly - 4, 12, k.colour));
    out.push(`<text x="${round(lx + 20)}" y="${round(ly)}">${escapeXml(k.label)}</text>`);
  }
  for (const p of legend.predicates) {
    ly += LEGEND_ROW;
    out.push(
      `<line x1="${round(lx)}" y1="${round(ly - 4)}" x2="${round(lx + 14)}" y2="${round(ly - 4)}" stroke="${p.colour}" stroke-width="2"/>`,
    );
    out.push(`<text x="${round(lx + 20)}" y="${round(ly)}">${escapeXml(p.label)}</text>`);
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}
