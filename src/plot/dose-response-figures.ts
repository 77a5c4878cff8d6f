/**
 * Dose–response figure as in pharmacology papers: mean ± SD per dose, fitted LL.4 curves on a log10 dose axis with
 * dose 0 shown left of an axis break, IC50 drop lines, and an IC50 table (with resistance indices) beside the plot.
 */
import {
  el,
  FONT,
  leftAxis,
  linearScale,
  linePath,
  logScale,
  PALETTE,
  svgDocument,
  text,
  ticks,
} from './svg-kit.js';

export interface DoseResponseFigureGroup {
  name: string;
  /** per-dose summaries of the observations */
  points: { dose: number; mean: number; sd: number; n: number }[];
  /** fitted curve at positive doses (empty when there is no fit) */
  curve: { dose: number; response: number }[];
  /** relative IC50 for the drop line (omit when not identifiable) */
  ic50?: number;
  /** fitted response at the IC50 */
  ic50Response?: number;
  /** as printed in the table: `0.0853`, `> 30`, `not identifiable` */
  ic50Text: string;
  ic50CiText: string;
  hillText: string;
  /** the fit carries a QC flag (marked with † in the table) */
  flagged: boolean;
}

export interface DoseResponseFigureInput {
  doseUnit: string;
  responseLabel: string;
  groups: DoseResponseFigureGroup[];
  /** reference group and one row per other group: `16.7 (13.2–20.1)`, `> 69.9` */
  resistanceIndices: { group: string; value: string }[];
  referenceGroup?: string;
  title?: string;
}

const CHAR = 6.3;
const MAX_NAME = 30;
const textWidth = (s: string, size = 11) => s.length * CHAR * (size / 11);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The dose–response figure as a standalone SVG document. */
export function doseResponseFigure(input: DoseResponseFigureInput): string {
  const unit = input.doseUnit ? ` (${input.doseUnit})` : '';
  const margin = { top: 44, left: 72, bottom: 58 };
  const plotWidth = 420;
  const plotHeight = 320;
  const bottom = margin.top + plotHeight;
  const zeroX = margin.left + 16;
  const logLeft = margin.left + 48;
  const right = margin.left + plotWidth;

  const positive = input.groups.flatMap((g) => g.points.map((p) => p.dose).filter((d) => d > 0));
  const hasZero = input.groups.some((g) => g.points.some((p) => p.dose === 0));
  const lo = positive.length ? Math.min(...positive) : 0.1;
  const hi = positive.length ? Math.max(...positive) : 10;
  // a third of a decade of padding keeps the lowest and highest doses off the axis ends
  const x = logScale([lo, hi], [hasZero ? logLeft : margin.left + 8, right]).domain([lo / 2, hi * 2]);
  const [domainLo, domainHi] = x.domain() as [number, number];
  const ys = input.groups.flatMap((g) => [
    ...g.points.flatMap((p) => [p.mean - p.sd, p.mean + p.sd]),
    ...g.curve.map((c) => c.response).filter((v) => v >= -50 && v <= 200),
  ]);
  const y = linearScale([Math.min(0, ...ys), Math.max(100, ...ys)], [bottom, margin.top], 0.02);
  const xOf = (dose: number) => (dose === 0 ? zeroX : x(dose));

  const parts: string[] = [];
  parts.push(leftAxis(y, { label: input.responseLabel, at: margin.left, grid: [margin.left, right] }));
  parts.push(bottomLogAxis(x, bottom, `Dose${unit}`, hasZero ? zeroX : undefined, margin.left, right));
  parts.push(
    el('line', {
      x1: margin.left,
      x2: right,
      y1: y(50),
      y2: y(50),
      stroke: '#bbb',
      'stroke-dasharray': '2 3',
    }),
  );

  const offsets = input.groups.map((_, i) => (i - (input.groups.length - 1) / 2) * 3);
  input.groups.forEach((g, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const curve = g.curve
      .filter((c) => c.dose >= domainLo && c.dose <= domainHi)
      .map((c): [number, number] => [
        x(c.dose),
        y(Math.max(y.domain()[0]!, Math.min(y.domain()[1]!, c.response))),
      ]);
    parts.push(linePath(curve, { stroke: color, 'stroke-width': 2 }));
    if (g.ic50 !== undefined && g.ic50Response !== undefined && g.ic50 >= domainLo && g.ic50 <= domainHi) {
      const px = x(g.ic50);
      parts.push(
        el('line', {
          x1: px,
          x2: px,
          y1: y(g.ic50Response),
          y2: bottom,
          stroke: color,
          'stroke-width': 1.2,
          'stroke-dasharray': '4 3',
        }),
      );
    }
    for (const p of g.points) {
      const px = xOf(p.dose) + offsets[i]!;
      if (p.sd > 0) {
        const y1 = y(p.mean - p.sd);
        const y2 = y(p.mean + p.sd);
        parts.push(el('line', { x1: px, x2: px, y1, y2, stroke: color, 'stroke-width': 1.2 }));
        for (const yy of [y1, y2])
          parts.push(el('line', { x1: px - 3, x2: px + 3, y1: yy, y2: yy, stroke: color }));
      }
      parts.push(marker(px, y(p.mean), i, color));
    }
  });

  const table = ic50Table(input, right + 28, margin.top);
  const width = Math.max(right + 28 + table.width + 16, 640);
  const height = Math.max(bottom + margin.bottom, table.bottom + 16);
  const title = input.title ?? 'Dose–response (four-parameter log-logistic fits)';
  parts.unshift(text(margin.left, 24, title, { 'font-size': 14, 'font-weight': 'bold' }));
  parts.push(table.svg);
  return svgDocument(
    Math.ceil(width),
    Math.ceil(height),
    title,
    parts,
    'Points: mean ± SD of replicates; lines: LL.4 fits; dashed drop lines: relative IC50.',
  );
}

/** Open and filled markers alternate with colour so groups stay distinct in greyscale. */
function marker(cx: number, cy: number, index: number, color: string): string {
  const shape = index % 3;
  if (shape === 0) return el('circle', { cx, cy, r: 3.8, fill: color, stroke: '#fff', 'stroke-width': 0.8 });
  if (shape === 1)
    return el('rect', {
      x: cx - 3.5,
      y: cy - 3.5,
      width: 7,
      height: 7,
      fill: color,
      stroke: '#fff',
      'stroke-width': 0.8,
    });
  return el('path', {
    d: `M${cx},${cy - 4.5}L${cx + 4.2},${cy + 3.2}L${cx - 4.2},${cy + 3.2}Z`,
    fill: color,
    stroke: '#fff',
    'stroke-width': 0.8,
  });
}

/** A log10 bottom axis with decade labels, and when `zeroX` is set a '0' tick left of a break (//). */
function bottomLogAxis(
  x: ReturnType<typeof logScale>,
  at: number,
  label: string,
  zeroX: number | undefined,
  left: number,
  right: number,
): string {
  const [r0, r1] = x.range() as [number, number];
  const parts = [el('line', { x1: r0, x2: r1, y1: at, y2: at, stroke: '#222' })];
  const [d0, d1] = x.domain() as [number, number];
  for (const t of ticks(x.copy().domain([d0 / 10, d1 * 10]))) {
    if (t.value < d0 * 0.999 || t.value > d1 * 1.001) continue;
    const px = x(t.value);
    parts.push(el('line', { x1: px, x2: px, y1: at, y2: at + (t.major ? 5 : 3), stroke: '#222' }));
    if (t.label) parts.push(text(px, at + 17, t.label, { 'text-anchor': 'middle' }));
  }
  if (zeroX !== undefined) {
    parts.push(el('line', { x1: left, x2: zeroX + 10, y1: at, y2: at, stroke: '#222' }));
    parts.push(el('line', { x1: zeroX, x2: zeroX, y1: at, y2: at + 5, stroke: '#222' }));
    parts.push(text(zeroX, at + 17, '0', { 'text-anchor': 'middle' }));
    const bx = (zeroX + 10 + r0) / 2;
    for (const dx of [-3, 3])
      parts.push(el('line', { x1: bx + dx - 3, x2: bx + dx + 3, y1: at + 5, y2: at - 5, stroke: '#222' }));
  }
  parts.push(text((left + right) / 2, at + 38, label, { 'text-anchor': 'middle', 'font-size': 12 }));
  return el('g', { class: 'axis axis-x' }, ...parts);
}

/** The IC50 table: swatch, group, IC50, 95 % CI, HillSlope; then the resistance indices and a note. */
function ic50Table(
  input: DoseResponseFigureInput,
  x0: number,
  y0: number,
): { svg: string; width: number; bottom: number } {
  const unit = input.doseUnit ? ` (${input.doseUnit})` : '';
  const names = input.groups.map((g) => clip(g.name, MAX_NAME) + (g.flagged ? ' †' : ''));
  const riNames = input.resistanceIndices.map((r) => clip(r.group, MAX_NAME));
  const nameWidth =
    Math.max(textWidth('Group'), ...names.map((n) => textWidth(n)), ...riNames.map((n) => textWidth(n))) + 10;
  const ic50Width =
    Math.max(textWidth(`IC50${unit}`), ...input.groups.map((g) => textWidth(g.ic50Text))) + 12;
  const ciWidth = Math.max(textWidth('95% CI'), ...input.groups.map((g) => textWidth(g.ic50CiText))) + 12;
  const hillWidth = textWidth('HillSlope') + 4;
  const cols = [
    x0 + 18,
    x0 + 18 + nameWidth,
    x0 + 18 + nameWidth + ic50Width,
    x0 + 18 + nameWidth + ic50Width + ciWidth,
  ];
  const width = cols[3]! - x0 + hillWidth;
  const parts: string[] = [];
  const header = { 'font-weight': 'bold' };
  let yy = y0 + 8;
  parts.push(text(cols[0]!, yy, 'Group', header));
  parts.push(text(cols[1]!, yy, `IC50${unit}`, header));
  parts.push(text(cols[2]!, yy, '95% CI', header));
  parts.push(text(cols[3]!, yy, 'HillSlope', header));
  parts.push(el('line', { x1: x0, x2: x0 + width, y1: yy + 6, y2: yy + 6, stroke: '#222' }));
  input.groups.forEach((g, i) => {
    yy += 19;
    const color = PALETTE[i % PALETTE.length]!;
    parts.push(el('line', { x1: x0, x2: x0 + 12, y1: yy - 4, y2: yy - 4, stroke: color, 'stroke-width': 2 }));
    parts.push(marker(x0 + 6, yy - 4, i, color));
    parts.push(text(cols[0]!, yy, names[i]!));
    parts.push(text(cols[1]!, yy, g.ic50Text));
    parts.push(text(cols[2]!, yy, g.ic50CiText || '—'));
    parts.push(text(cols[3]!, yy, g.hillText || '—'));
  });
  parts.push(el('line', { x1: x0, x2: x0 + width, y1: yy + 7, y2: yy + 7, stroke: '#222' }));
  if (input.resistanceIndices.length) {
    yy += 30;
    const versus = input.referenceGroup ? ` vs ${clip(input.referenceGroup, 28)}` : '';
    parts.push(text(x0, yy, `Resistance index${versus}`, header));
    yy += 15;
    parts.push(text(x0, yy, 'IC50 ratio (95% CI)', { 'font-size': 10, fill: '#555' }));
    for (const ri of input.resistanceIndices) {
      yy += 17;
      parts.push(text(cols[0]!, yy, clip(ri.group, MAX_NAME)));
      parts.push(text(cols[1]!, yy, ri.value));
    }
  }
  const notes = [
    'IC50: relative (midpoint of fitted top and bottom);',
    'CI: delta method. HillSlope as in Prism (−b).',
    'Points: mean ± SD; dashed lines: IC50.',
  ];
  if (input.groups.some((g) => g.flagged)) notes.push('† QC flag: see the fits table.');
  yy += 14;
  for (const note of notes) {
    yy += 15;
    parts.push(text(x0, yy, note, { 'font-size': 10, fill: '#555' }));
  }
  return {
    svg: el('g', { class: 'ic50-table', 'font-family': FONT }, ...parts),
    width: Math.max(width, 250),
    bottom: yy,
  };
}
