/**
 * A small kit for publication figures as standalone SVG: scales (d3-scale), axes with nice ticks (linear and
 * log10), marks, a colour-blind-safe palette (Okabe & Ito 2008) and a diverging blue–white–red ramp. Pure strings.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { escapeXml } from '../netsim/formats/xml-tree.js';

export { escapeXml };

/** Okabe–Ito palette (colour-blind safe), black last. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

export const FONT = 'Helvetica, Arial, DejaVu Sans, sans-serif';

/** Compact number for labels: up to 3 significant digits, no trailing zeros, exponent for very small/large. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NA' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits))).replace('-', '−');
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && !(typeof v === 'number' && !Number.isFinite(v)))
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : escapeXml(String(v))}"`)
    .join('');
}

const round = (v: number): string => String(Math.round(v * 100) / 100);

/** An SVG element with attributes and optional children/text. */
export function el(tag: string, a: Attrs, ...children: string[]): string {
  return children.length ? `<${tag}${attrs(a)}>${children.join('')}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

/** A text element (content escaped). */
export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, 'font-family': FONT, 'font-size': 11, fill: '#222', ...a }, escapeXml(content));
}

/** A polyline path through the points, broken where a point is not finite. */
export function linePath(points: readonly [number, number][], a: Attrs = {}): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(x)},${round(y)}`;
    pen = true;
  }
  return d ? el('path', { d, fill: 'none', stroke: '#222', 'stroke-width': 1.5, ...a }) : '';
}

/** A complete SVG document with a white background, a title for accessibility, and a description. */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  body: string[],
  description = '',
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeXml(title)}</title>` +
    (description ? `<desc>${escapeXml(description)}</desc>` : '') +
    el('rect', { x: 0, y: 0, width, height, fill: '#fff' }) +
    body.join('') +
    '</svg>\n'
  );
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Scale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** A linear scale over [min, max] padded by `pad` (fraction) and niced, mapped to [r0, r1]. */
export function linearScale(
  domain: [number, number],
  range: [number, number],
  pad = 0.05,
): ScaleLinear<number, number> {
  let [lo, hi] = domain;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const span = hi - lo;
  return scaleLinear()
    .domain([lo - span * pad, hi + span * pad])
    .range(range)
    .nice();
}

/** A log10 scale over positive [min, max], extended to whole decades. */
export function logScale(
  domain: [number, number],
  range: [number, number],
): ScaleLogarithmic<number, number> {
  const lo = Math.pow(10, Math.floor(Math.log10(domain[0])));
  const hi = Math.pow(10, Math.ceil(Math.log10(domain[1])));
  return scaleLog()
    .domain([lo, hi === lo ? hi * 10 : hi])
    .range(range);
}

function isLog(scale: Scale): scale is ScaleLogarithmic<number, number> {
  return typeof (scale as ScaleLogarithmic<number, number>).base === 'function';
}

/** Tick positions and labels: nice linear ticks, or decades (with unlabelled minor ticks) on a log scale. */
export function ticks(scale: Scale, count = 6): { value: number; label: string; major: boolean }[] {
  if (isLog(scale)) {
    const [lo, hi] = scale.domain() as [number, number];
    const out: { value: number; label: string; major: boolean }[] = [];
    for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) {
      const v = Math.pow(10, e);
      out.push({ value: v, label: formatNumber(v), major: true });
      if (e < Math.round(Math.log10(hi)))
        for (let k = 2; k <= 9; k++) out.push({ value: k * v, label: '', major: false });
    }
    return out;
  }
  return scale.ticks(count).map((v) => ({ value: v, label: formatNumber(v), major: true }));
}

export interface AxisOptions {
  label: string;
  /** pixel position of the axis line (y for a bottom axis, x for a left axis) */
  at: number;
  /** extent of the other dimension, for light grid lines; omit for none */
  grid?: [number, number];
  count?: number;
}

/** A bottom axis. */
export function bottomAxis(scale: Scale, o: AxisOptions): string {
  const [r0, r1] = scale.range() as [number, number];
  const parts = [el('line', { x1: r0, x2: r1, y1: o.at, y2: o.at, stroke: '#222' })];
  for (const t of ticks(scale, o.count)) {
    const x = scale(t.value);
    if (x < Math.min(r0, r1) - 0.5 || x > Math.max(r0, r1) + 0.5) continue;
    if (o.grid && t.major)
      parts.push(el('line', { x1: x, x2: x, y1: o.grid[0], y2: o.grid[1], stroke: '#eee' }));
    parts.push(el('line', { x1: x, x2: x, y1: o.at, y2: o.at + (t.major ? 5 : 3), stroke: '#222' }));
    if (t.label) parts.push(text(x, o.at + 17, t.label, { 'text-anchor': 'middle' }));
  }
  parts.push(text((r0 + r1) / 2, o.at + 36, o.label, { 'text-anchor': 'middle', 'font-size': 12 }));
  return el('g', { class: 'axis axis-x' }, ...parts);
}

/** A left axis. */
export function leftAxis(scale: Scale, o: AxisOptions): string {
  const [r0, r1] = scale.range() as [number, number];
  const parts = [el('line', { x1: o.at, x2: o.at, y1: r0, y2: r1, stroke: '#222' })];
  for (const t of ticks(scale, o.count)) {
    const y = scale(t.value);
    if (y < Math.min(r0, r1) - 0.5 || y > Math.max(r0, r1) + 0.5) continue;
    if (o.grid && t.major)
      parts.push(el('line', { x1: o.grid[0], x2: o.grid[1], y1: y, y2: y, stroke: '#eee' }));
    parts.push(el('line', { x1: o.at - (t.major ? 5 : 3), x2: o.at, y1: y, y2: y, stroke: '#222' }));
    if (t.label) parts.push(text(o.at - 8, y + 4, t.label, { 'text-anchor': 'end' }));
  }
  const cy = (r0 + r1) / 2;
  parts.push(
    text(o.at - 46, cy, o.label, {
      'text-anchor': 'middle',
      'font-size': 12,
      transform: `rotate(-90 ${o.at - 46} ${cy})`,
    }),
  );
  return el('g', { class: 'axis axis-y' }, ...parts);
}

/** A legend of coloured swatches (or lines) at (x, y), one entry per row. */
export function legend(
  x: number,
  y: number,
  entries: { label: string; color: string; shape?: 'square' | 'line' | 'circle' }[],
): string {
  return el(
    'g',
    { class: 'legend' },
    ...entries.map((e, i) => {
      const cy = y + i * 16;
      const mark =
        e.shape === 'line'
          ? el('line', { x1: x, x2: x + 14, y1: cy, y2: cy, stroke: e.color, 'stroke-width': 2 })
          : e.shape === 'circle'
            ? el('circle', { cx: x + 7, cy, r: 4, fill: e.color })
            : el('rect', { x, y: cy - 5, width: 12, height: 10, fill: e.color });
      return mark + text(x + 19, cy + 4, e.label);
    }),
  );
}

/** Blue–white–red diverging colour for v in [−limit, limit] (ColorBrewer RdBu end points). */
export function divergingColor(v: number, limit: number): string {
  if (!Number.isFinite(v)) return '#cccccc';
  const t = Math.max(-1, Math.min(1, limit > 0 ? v / limit : 0));
  const mix = (a: number[], b: number[], f: number) => a.map((c, i) => Math.round(c + (b[i]! - c) * f));
  const white = [247, 247, 247];
  const rgb = t >= 0 ? mix(white, [178, 24, 43], t) : mix(white, [33, 102, 172], -t);
  return `rgb(${rgb.join(',')})`;
}

/** Significance stars from a p-value (GraphPad convention: ns, *, **, ***, ****). */
export function significanceMark(p: number): string {
  if (!Number.isFinite(p)) return '';
  if (p < 1e-4) return '****';
  if (p < 1e-3) return '***';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  return 'ns';
}
