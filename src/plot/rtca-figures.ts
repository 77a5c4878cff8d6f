/** Real-time cell analysis figures: cell-index curves per well coloured by group, group means bold, treatment, normalisation time and growth window marked. */
import {
  bottomAxis,
  el,
  formatNumber,
  leftAxis,
  linePath,
  linearScale,
  PALETTE,
  svgDocument,
  text,
} from './svg-kit.js';

export interface CellIndexCurve {
  well: string;
  group: string;
  /** one value per time (NaN = no reading) */
  values: readonly number[];
}

export interface CellIndexFigureInput {
  title: string;
  yLabel: string;
  times: readonly number[];
  curves: readonly CellIndexCurve[];
  /** groups in legend order (colours follow this order) */
  groups: readonly string[];
  treatmentTime?: number;
  /** e.g. `trastuzumab added`; default `treatment` */
  treatmentLabel?: string;
  baseTime?: number;
  window?: [number, number];
  /** a horizontal reference line, e.g. 1 for the normalised cell index */
  referenceLine?: number;
}

const PLOT_WIDTH = 520;
const HEIGHT = 420;
const MARGIN = { top: 46, bottom: 52, left: 64 };
/** rough width of 11 px sans-serif text, to size the legend column */
const textWidth = (s: string) => s.length * 6.4;

/** Ticks every 1, 2, 3, 4, 6, 12, 24 or 48 h: the day-based steps RTCA plots are read in. */
function hourTicks(t0: number, t1: number): number[] {
  const step = [1, 2, 3, 4, 6, 12, 24, 48, 96].find((s) => (t1 - t0) / s <= 9) ?? Math.ceil((t1 - t0) / 9);
  const out: number[] = [];
  for (let v = Math.ceil(t0 / step) * step; v <= t1 + 1e-9; v += step) out.push(v);
  return out;
}

/** Mean over wells at each time, ignoring missing readings. */
function groupMean(curves: readonly CellIndexCurve[], nTimes: number): number[] {
  return Array.from({ length: nTimes }, (_, i) => {
    const v = curves.map((c) => c.values[i]!).filter(Number.isFinite);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  });
}

/** Cell index (or normalised cell index) against time, one thin line per well and a bold mean per group. */
export function cellIndexFigure(input: CellIndexFigureInput): string {
  const legendWidth = Math.max(
    150,
    ...input.groups.map((g) => textWidth(`${g} (n = 00)`)),
    input.window ? textWidth('growth window 000–000 h') : 0,
  );
  const width = MARGIN.left + PLOT_WIDTH + 18 + 26 + legendWidth + 12;
  const x0 = MARGIN.left;
  const x1 = MARGIN.left + PLOT_WIDTH;
  const y0 = HEIGHT - MARGIN.bottom;
  const y1 = MARGIN.top;
  const all = input.curves.flatMap((c) => c.values.filter(Number.isFinite));
  const tMin = Math.min(...input.times);
  const tMax = Math.max(...input.times);
  const yMax = all.length ? Math.max(...all, input.referenceLine ?? -Infinity) : 1;
  const yMin = all.length ? Math.min(0, ...all) : 0;
  const x = Object.assign(linearScale([tMin, tMax], [x0, x1], 0).domain([tMin, tMax]), {
    ticks: () => hourTicks(tMin, tMax),
  });
  const y = linearScale([yMin, yMax + 0.04 * (yMax - yMin)], [y0, y1], 0);
  const color = (group: string) => PALETTE[input.groups.indexOf(group) % PALETTE.length] ?? '#444';
  const body: string[] = [];

  if (input.window) {
    const [a, b] = input.window.map((v) => Math.min(Math.max(x(v), x0), x1)) as [number, number];
    body.push(el('rect', { x: a, y: y1, width: Math.max(0, b - a), height: y0 - y1, fill: '#f1f1f1' }));
  }
  body.push(bottomAxis(x, { label: 'Time (h)', at: y0, grid: [y1, y0] }));
  body.push(leftAxis(y, { label: input.yLabel, at: x0, grid: [x0, x1] }));
  if (input.referenceLine !== undefined)
    body.push(
      el('line', {
        x1: x0,
        x2: x1,
        y1: y(input.referenceLine),
        y2: y(input.referenceLine),
        stroke: '#888',
        'stroke-width': 1,
      }),
    );

  // unique per figure so that several figures can share one HTML page
  const clipId = `clip-${hash(input.title + input.yLabel)}`;
  body.push(
    el('clipPath', { id: clipId }, el('rect', { x: x0, y: y1 - 2, width: x1 - x0, height: y0 - y1 + 4 })),
  );
  const traces: string[] = [];
  for (const c of input.curves)
    traces.push(
      linePath(
        input.times.map((t, i) => [x(t), y(c.values[i]!)]),
        { stroke: color(c.group), 'stroke-width': 0.9, 'stroke-opacity': 0.45 },
      ),
    );
  for (const g of input.groups) {
    const members = input.curves.filter((c) => c.group === g);
    if (members.length < 2) continue;
    const m = groupMean(members, input.times.length);
    traces.push(
      linePath(
        input.times.map((t, i) => [x(t), y(m[i]!)]),
        { stroke: color(g), 'stroke-width': 2.6 },
      ),
    );
  }
  body.push(el('g', { 'clip-path': `url(#${clipId})` }, ...traces));

  const markers: { time: number; label: string; dash: string }[] = [];
  const sameTime =
    input.treatmentTime !== undefined &&
    input.baseTime !== undefined &&
    Math.abs(input.treatmentTime - input.baseTime) < 1e-9;
  if (input.treatmentTime !== undefined)
    markers.push({
      time: input.treatmentTime,
      label: `${input.treatmentLabel ?? 'treatment'} (${formatNumber(input.treatmentTime)} h)`,
      dash: '6 4',
    });
  if (input.baseTime !== undefined && !sameTime)
    markers.push({
      time: input.baseTime,
      label: `normalised at ${formatNumber(input.baseTime)} h`,
      dash: '2 3',
    });
  markers.forEach((m, k) => {
    const px = x(m.time);
    if (px < x0 - 0.5 || px > x1 + 0.5) return;
    body.push(
      el('line', { x1: px, x2: px, y1: y1 - 4 - 13 * k, y2: y0, stroke: '#333', 'stroke-dasharray': m.dash }),
    );
    const anchor = px > (x0 + x1) / 2 ? 'end' : 'start';
    body.push(
      text(px + (anchor === 'start' ? 4 : -4), y1 - 7 - 13 * k, m.label, {
        'text-anchor': anchor,
        'font-size': 10.5,
      }),
    );
  });

  body.push(text(x0, 18, input.title, { 'font-size': 13, 'font-weight': 'bold' }));
  body.push(figureLegend(x1 + 18, y1 + 6, input, color, sameTime));
  return svgDocument(
    width,
    HEIGHT,
    input.title,
    body,
    `${input.yLabel} against time for ${input.curves.length} wells`,
  );
}

function figureLegend(
  x: number,
  y: number,
  input: CellIndexFigureInput,
  color: (g: string) => string,
  sameTime: boolean,
): string {
  const rows: string[] = [];
  let cy = y;
  const line = (stroke: string, width: number, dash?: string, opacity?: number) =>
    el('line', {
      x1: x,
      x2: x + 20,
      y1: cy,
      y2: cy,
      stroke,
      'stroke-width': width,
      'stroke-dasharray': dash,
      'stroke-opacity': opacity,
    });
  for (const g of input.groups) {
    const n = input.curves.filter((c) => c.group === g).length;
    rows.push(line(color(g), 2.6), text(x + 26, cy + 4, `${g} (n = ${n})`));
    cy += 17;
  }
  cy += 4;
  rows.push(line('#666', 0.9, undefined, 0.7), text(x + 26, cy + 4, 'single wells', { fill: '#555' }));
  cy += 17;
  rows.push(line('#666', 2.6), text(x + 26, cy + 4, 'group mean', { fill: '#555' }));
  cy += 17;
  if (input.treatmentTime !== undefined) {
    rows.push(
      line('#333', 1, '6 4'),
      text(x + 26, cy + 4, sameTime ? 'treatment, normalisation' : 'treatment'),
    );
    cy += 17;
  }
  if (input.baseTime !== undefined && !sameTime) {
    rows.push(line('#333', 1, '2 3'), text(x + 26, cy + 4, 'normalisation time'));
    cy += 17;
  }
  if (input.window) {
    rows.push(
      el('rect', { x, y: cy - 6, width: 20, height: 12, fill: '#f1f1f1', stroke: '#ccc' }),
      text(
        x + 26,
        cy + 4,
        `growth window ${formatNumber(input.window[0])}–${formatNumber(input.window[1])} h`,
      ),
    );
  }
  return el('g', { class: 'legend' }, ...rows);
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
