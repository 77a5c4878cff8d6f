/**
 * Dose-matrix heatmaps for drug combinations, as SynergyFinder's 2-D plots: one cell per conc1 × conc2 well, the
 * value printed in each cell, a colour bar, drug names with units on the axes. Synergy uses a symmetric
 * blue–white–red scale (red = synergy); the raw response matrix a white-to-blue sequential scale.
 */
import { divergingColor, el, escapeXml, FONT, formatNumber, svgDocument, text } from './svg-kit.js';

export interface DoseMatrixHeatmapInput {
  title: string;
  /** second title line, e.g. the block mean and p-value */
  subtitle?: string;
  /** drug 1 (rows, bottom to top) and drug 2 (columns, left to right) with units */
  rowLabel: string;
  columnLabel: string;
  rowConcentrations: number[];
  columnConcentrations: number[];
  /** values[i][j] at rowConcentrations[i] × columnConcentrations[j]; NaN = no value (grey) */
  values: number[][];
  /** 'diverging': symmetric around 0; 'sequential': 0 to 100 */
  scale: 'diverging' | 'sequential';
  legendLabel: string;
  /** cells shown hatched and without a number (e.g. single-drug wells, where synergy is 0 by definition) */
  muted?: (i: number, j: number) => boolean;
  /** digits after the decimal point in cells */
  decimals?: number;
}

const SEQUENTIAL_END = [8, 48, 107];

function sequentialColor(v: number): string {
  if (!Number.isFinite(v)) return '#cccccc';
  const t = Math.max(0, Math.min(1, v / 100));
  const start = [247, 251, 255];
  return `rgb(${start.map((c, k) => Math.round(c + (SEQUENTIAL_END[k]! - c) * t)).join(',')})`;
}

/** Relative luminance of an `rgb(r,g,b)` colour, to choose black or white cell text. */
function isDark(color: string): boolean {
  const m = /rgb\((\d+),(\d+),(\d+)\)/.exec(color);
  if (!m) return false;
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b < 140;
}

/** Symmetric colour limit: at least 10, rounded up to a multiple of 5 above the largest |value|. */
export function divergingLimit(values: readonly number[]): number {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  return Math.max(10, Math.ceil(largest / 5) * 5);
}

/** A conc1 × conc2 heatmap as a standalone SVG document. */
export function doseMatrixHeatmap(input: DoseMatrixHeatmapInput): string {
  const rows = input.rowConcentrations.length;
  const columns = input.columnConcentrations.length;
  const cell = Math.max(44, Math.min(70, Math.floor(420 / Math.max(rows, columns))));
  const left = 96;
  const top = input.subtitle ? 66 : 48;
  const gridWidth = cell * columns;
  const gridHeight = cell * rows;
  const decimals = input.decimals ?? 1;
  const all = input.values.flat();
  const limit = input.scale === 'diverging' ? divergingLimit(all) : 100;
  const color = (v: number) => (input.scale === 'diverging' ? divergingColor(v, limit) : sequentialColor(v));
  const parts: string[] = [
    el(
      'defs',
      {},
      el(
        'pattern',
        { id: 'muted', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        el('rect', { x: 0, y: 0, width: 6, height: 6, fill: '#f2f2f2' }),
        el('line', { x1: 0, x2: 0, y1: 0, y2: 6, stroke: '#dddddd', 'stroke-width': 2 }),
      ),
    ),
    text(left, 24, input.title, { 'font-size': 14, 'font-weight': 'bold' }),
  ];
  if (input.subtitle) parts.push(text(left, 44, input.subtitle, { 'font-size': 11, fill: '#444' }));
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++) {
      const v = input.values[i]![j]!;
      const x = left + j * cell;
      const y = top + (rows - 1 - i) * cell;
      const muted = input.muted?.(i, j) ?? false;
      const fill = muted ? 'url(#muted)' : color(v);
      parts.push(el('rect', { x, y, width: cell, height: cell, fill, stroke: '#fff', 'stroke-width': 1 }));
      if (!muted && Number.isFinite(v)) {
        const label = v.toFixed(decimals).replace('-', '−');
        parts.push(
          text(x + cell / 2, y + cell / 2 + 4, label, {
            'text-anchor': 'middle',
            'font-size': cell >= 56 ? 12 : 11,
            fill: isDark(fill) ? '#fff' : '#222',
          }),
        );
      }
    }
  parts.push(
    el('rect', { x: left, y: top, width: gridWidth, height: gridHeight, fill: 'none', stroke: '#888' }),
  );
  input.columnConcentrations.forEach((c, j) =>
    parts.push(
      text(left + j * cell + cell / 2, top + gridHeight + 16, formatNumber(c), { 'text-anchor': 'middle' }),
    ),
  );
  input.rowConcentrations.forEach((c, i) =>
    parts.push(
      text(left - 8, top + (rows - 1 - i) * cell + cell / 2 + 4, formatNumber(c), { 'text-anchor': 'end' }),
    ),
  );
  parts.push(
    text(left + gridWidth / 2, top + gridHeight + 38, input.columnLabel, {
      'text-anchor': 'middle',
      'font-size': 12,
    }),
  );
  const cy = top + gridHeight / 2;
  parts.push(
    text(left - 62, cy, input.rowLabel, {
      'text-anchor': 'middle',
      'font-size': 12,
      transform: `rotate(-90 ${left - 62} ${cy})`,
    }),
  );
  const bar = colourBar(left + gridWidth + 28, top, Math.max(gridHeight, 160), input, limit, color);
  parts.push(bar.svg);
  const width = Math.max(left + gridWidth + 28 + bar.width + 12, left + input.title.length * 9.2 + 16);
  const hasMuted = input.muted !== undefined;
  if (hasMuted)
    parts.push(
      text(
        left,
        top + gridHeight + 58,
        'Hatched: single-drug wells (no combination; score 0 by definition).',
        {
          'font-size': 10,
          fill: '#555',
        },
      ),
    );
  const height = top + gridHeight + (hasMuted ? 68 : 52);
  return svgDocument(
    Math.ceil(width),
    Math.ceil(height),
    input.title,
    parts,
    `${input.legendLabel} for each ${input.rowLabel} × ${input.columnLabel} well.`,
  );
}

function colourBar(
  x: number,
  top: number,
  height: number,
  input: DoseMatrixHeatmapInput,
  limit: number,
  color: (v: number) => string,
): { svg: string; width: number } {
  const lo = input.scale === 'diverging' ? -limit : 0;
  const hi = limit;
  const steps = 40;
  const barHeight = Math.min(height, 220);
  const parts: string[] = [];
  for (let k = 0; k < steps; k++) {
    const v = hi - ((k + 0.5) / steps) * (hi - lo);
    parts.push(
      el('rect', {
        x,
        y: top + (k * barHeight) / steps,
        width: 14,
        height: barHeight / steps + 0.5,
        fill: color(v),
      }),
    );
  }
  parts.push(el('rect', { x, y: top, width: 14, height: barHeight, fill: 'none', stroke: '#888' }));
  const tickValues =
    input.scale === 'diverging' ? [-limit, -limit / 2, 0, limit / 2, limit] : [0, 25, 50, 75, 100];
  for (const v of tickValues) {
    const y = top + ((hi - v) / (hi - lo)) * barHeight;
    parts.push(el('line', { x1: x + 14, x2: x + 18, y1: y, y2: y, stroke: '#222' }));
    parts.push(text(x + 21, y + 4, formatNumber(v)));
  }
  const labelX = x + 58;
  const cy = top + barHeight / 2;
  parts.push(
    el(
      'text',
      {
        x: labelX,
        y: cy,
        'font-family': FONT,
        'font-size': 11,
        fill: '#222',
        'text-anchor': 'middle',
        transform: `rotate(90 ${labelX} ${cy})`,
      },
      escapeXml(input.legendLabel),
    ),
  );
  if (input.scale === 'diverging') {
    parts.push(text(x, top + barHeight + 16, 'red: synergy', { 'font-size': 10, fill: '#b2182b' }));
    parts.push(text(x, top + barHeight + 29, 'blue: antagonism', { 'font-size': 10, fill: '#2166ac' }));
  }
  return { svg: el('g', { class: 'colour-bar' }, ...parts), width: 96 };
}
