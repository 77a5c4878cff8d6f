/** Differential-expression figures: volcano plot, MA plot and a heatmap of the top features (row z-scores), with non-overlapping feature labels. */
import {
  bottomAxis,
  divergingColor,
  el,
  formatNumber,
  leftAxis,
  linearScale,
  svgDocument,
  text,
} from './svg-kit.js';

export interface DePoint {
  feature: string;
  log2fc: number;
  p: number;
  q: number;
  aveExpr: number;
  direction: 'up' | 'down' | 'ns';
}

export interface DeFigureInput {
  points: readonly DePoint[];
  group: string;
  referenceGroup: string;
  /** e.g. `limma moderated t` */
  methodLabel: string;
  alpha: number;
  minAbsLog2Fc: number;
  /** most features labelled (default 12) */
  maxLabels?: number;
  /** x label of the MA plot, e.g. `Average log2 expression` */
  averageLabel?: string;
}

/** Okabe–Ito vermillion (up), blue (down) and grey (not significant). */
export const DE_COLORS = { up: '#D55E00', down: '#0072B2', ns: '#A3A3A3' } as const;

const LABEL_FONT = 10;
const labelWidth = (s: string) => s.length * LABEL_FONT * 0.58;

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Where a leader line from the point meets its label box. */
const leaderEnd = (p: { x: number; y: number }, box: Box) => ({
  x: Math.min(Math.max(p.x, box.x0), box.x1),
  y: Math.min(Math.max(p.y, box.y0), box.y1),
});

/** Whether the leader line from p to its label box passes through another label's box (sampled). */
function leaderCrosses(p: { x: number; y: number }, box: Box, other: Box): boolean {
  const end = leaderEnd(p, box);
  for (let k = 1; k < 12; k++) {
    const x = p.x + ((end.x - p.x) * k) / 12;
    const y = p.y + ((end.y - p.y) * k) / 12;
    if (x > other.x0 && x < other.x1 && y > other.y0 && y < other.y1) return true;
  }
  return false;
}

/**
 * Greedy label placement: for each point (most important first) the candidate position around it with no overlap
 * with placed labels (and `fixed` text boxes) or labelled points, covering the fewest points and `avoid` boxes
 * (threshold lines); a label that fits nowhere is left out.
 */
export function placeLabels(
  targets: readonly { label: string; x: number; y: number }[],
  obstacles: readonly { x: number; y: number }[],
  bounds: Box,
  avoid: readonly Box[] = [],
  fixed: readonly Box[] = [],
): string[] {
  const placed: Box[] = [...fixed];
  const leaders: { from: { x: number; y: number }; to: Box }[] = [];
  const marks: string[] = [];
  const pointBox = (p: { x: number; y: number }, r = 3.5): Box => ({
    x0: p.x - r,
    x1: p.x + r,
    y0: p.y - r,
    y1: p.y + r,
  });
  const labelled = targets.map((t) => pointBox(t));
  for (const t of targets) {
    const w = labelWidth(t.label);
    const h = LABEL_FONT + 1;
    let best: { box: Box; score: number; leader: boolean } | undefined;
    for (const [ring, distance] of [6, 16, 28, 42].entries()) {
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, -1],
        [0, 1],
        [1, -1],
        [-1, -1],
        [1, 1],
        [-1, 1],
      ] as const) {
        const cx = t.x + dx * distance;
        const cy = t.y + dy * (distance * 0.8 + (dy ? h / 2 : 0));
        const x0 = dx > 0 ? cx : dx < 0 ? cx - w : cx - w / 2;
        const box: Box = { x0, x1: x0 + w, y0: cy - h / 2, y1: cy + h / 2 };
        if (box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1) continue;
        if (placed.some((b) => overlaps(b, box)) || labelled.some((b) => overlaps(b, box))) continue;
        if (ring > 0 && placed.some((b) => leaderCrosses(t, box, b))) continue;
        if (leaders.some((l) => leaderCrosses(l.from, l.to, box))) continue;
        const covered =
          obstacles.filter((o) => overlaps(pointBox(o, 2.5), box)).length +
          avoid.filter((a) => overlaps(a, box)).length;
        const score = covered * 10 + ring;
        if (!best || score < best.score) best = { box, score, leader: ring > 0 };
      }
      if (best && best.score < 10) break;
    }
    if (!best) continue;
    placed.push(best.box);
    const b = best.box;
    if (best.leader) {
      leaders.push({ from: t, to: b });
      const end = leaderEnd(t, b);
      marks.push(el('line', { x1: t.x, y1: t.y, x2: end.x, y2: end.y, stroke: '#777', 'stroke-width': 0.7 }));
    }
    marks.push(text(b.x0, b.y1 - 2, t.label, { 'font-size': LABEL_FONT }));
  }
  return marks;
}

/** The features to name on a plot: significant ones by p, else the smallest p-values. */
function labelTargets(points: readonly DePoint[], max: number): DePoint[] {
  const byP = points.filter((p) => Number.isFinite(p.p)).sort((a, b) => a.p - b.p);
  const significant = byP.filter((p) => p.direction !== 'ns');
  return (significant.length ? significant : byP).slice(0, significant.length ? max : Math.min(5, max));
}

function directionLegend(x: number, y: number, input: DeFigureInput): string {
  const count = (d: DePoint['direction']) => input.points.filter((p) => p.direction === d).length;
  const entries = [
    { label: `higher in ${input.group} (${count('up')})`, color: DE_COLORS.up },
    { label: `lower in ${input.group} (${count('down')})`, color: DE_COLORS.down },
    { label: `not significant (${count('ns')})`, color: DE_COLORS.ns },
  ];
  const rule = `q < ${formatNumber(input.alpha)}${input.minAbsLog2Fc > 0 ? ` and |log2 FC| ≥ ${formatNumber(input.minAbsLog2Fc)}` : ''}`;
  return el(
    'g',
    { class: 'legend' },
    ...entries.map(
      (e, i) =>
        el('circle', { cx: x + 5, cy: y + i * 17, r: 4, fill: e.color }) +
        text(x + 15, y + i * 17 + 4, e.label),
    ),
    text(x, y + 3 * 17 + 6, rule, { 'font-size': 10, fill: '#555' }),
    text(x, y + 3 * 17 + 20, input.methodLabel, { 'font-size': 10, fill: '#555' }),
  );
}

const legendWidth = (input: DeFigureInput) =>
  Math.max(150, labelWidth(`higher in ${input.group} (000)`) * 1.12, labelWidth(input.methodLabel));

function pointMarks(points: readonly { p: DePoint; x: number; y: number }[]): string[] {
  const order = [...points].sort((a, b) => Number(a.p.direction !== 'ns') - Number(b.p.direction !== 'ns'));
  return order.map(({ p, x, y }) =>
    el('circle', {
      cx: x,
      cy: y,
      r: p.direction === 'ns' ? 2.8 : 3.4,
      fill: DE_COLORS[p.direction],
      'fill-opacity': p.direction === 'ns' ? 0.65 : 0.9,
      stroke: p.direction === 'ns' ? undefined : '#fff',
      'stroke-width': 0.5,
    }),
  );
}

/** Volcano plot: log2 fold change against −log10 p, significance thresholds dashed, top features named. */
export function volcanoFigure(input: DeFigureInput): string {
  const plotW = 430;
  const plotH = 380;
  const margin = { top: 42, left: 62, bottom: 52 };
  const width = margin.left + plotW + 24 + legendWidth(input) + 10;
  const height = margin.top + plotH + margin.bottom;
  const [x0, x1, y0, y1] = [margin.left, margin.left + plotW, margin.top + plotH, margin.top];
  const finite = input.points.filter((p) => Number.isFinite(p.log2fc) && Number.isFinite(p.p) && p.p > 0);
  const maxAbs = Math.max(input.minAbsLog2Fc * 1.2, ...finite.map((p) => Math.abs(p.log2fc)), 0.5);
  const maxY = Math.max(...finite.map((p) => -Math.log10(p.p)), 2);
  const x = linearScale([-maxAbs, maxAbs], [x0, x1], 0.06);
  const y = linearScale([0, maxY * 1.06], [y0, y1], 0);
  const body: string[] = [
    bottomAxis(x, {
      label: `log2 fold change (${input.group} / ${input.referenceGroup})`,
      at: y0,
      grid: [y1, y0],
    }),
    leftAxis(y, { label: '−log10 p', at: x0, grid: [x0, x1] }),
  ];
  const dashed = { stroke: '#555', 'stroke-dasharray': '5 4', 'stroke-width': 0.9 };
  const lines: Box[] = [];
  const fixed: Box[] = [];
  if (input.minAbsLog2Fc > 0)
    for (const v of [-input.minAbsLog2Fc, input.minAbsLog2Fc]) {
      body.push(el('line', { x1: x(v), x2: x(v), y1: y1, y2: y0, ...dashed }));
      lines.push({ x0: x(v) - 1, x1: x(v) + 1, y0: y1, y1: y0 });
    }
  // the BH threshold on the p scale: the largest p still passing q < alpha
  const passing = finite.filter((p) => p.q < input.alpha);
  if (passing.length) {
    // drawn between the largest passing p and the next larger p, so every point above the line passes
    const pPass = Math.max(...passing.map((p) => p.p));
    const failing = finite.filter((p) => !(p.q < input.alpha) && p.p >= pPass).map((p) => p.p);
    const pCut = failing.length ? Math.sqrt(pPass * Math.min(...failing)) : pPass;
    const py = y(-Math.log10(pCut));
    const qLabel = `q = ${formatNumber(input.alpha)}`;
    body.push(el('line', { x1: x0, x2: x1, y1: py, y2: py, ...dashed }));
    body.push(text(x1 - 4, py - 4, qLabel, { 'text-anchor': 'end', 'font-size': 10, fill: '#444' }));
    lines.push({ x0, x1, y0: py - 1, y1: py + 1 });
    fixed.push({ x0: x1 - 6 - labelWidth(qLabel), x1, y0: py - 15, y1: py - 1 });
  }
  const positioned = finite.map((p) => ({ p, x: x(p.log2fc), y: y(-Math.log10(p.p)) }));
  body.push(...pointMarks(positioned));
  const targets = labelTargets(finite, input.maxLabels ?? 12).map((p) => ({
    label: p.feature,
    x: x(p.log2fc),
    y: y(-Math.log10(p.p)),
  }));
  body.push(
    ...placeLabels(targets, positioned, { x0: x0 + 2, x1: x1 - 2, y0: y1 + 2, y1: y0 - 2 }, lines, fixed),
  );
  body.push(
    text(x0, 20, `${input.group} vs ${input.referenceGroup}`, { 'font-size': 13, 'font-weight': 'bold' }),
  );
  body.push(directionLegend(x1 + 24, y1 + 8, input));
  return svgDocument(
    width,
    height,
    `Volcano plot: ${input.group} vs ${input.referenceGroup}`,
    body,
    `${input.points.length} features; ${input.methodLabel}`,
  );
}

/** MA plot: log2 fold change against average expression, coloured by significance. */
export function maFigure(input: DeFigureInput): string {
  const plotW = 430;
  const plotH = 340;
  const margin = { top: 42, left: 62, bottom: 52 };
  const width = margin.left + plotW + 24 + legendWidth(input) + 10;
  const height = margin.top + plotH + margin.bottom;
  const [x0, x1, y0, y1] = [margin.left, margin.left + plotW, margin.top + plotH, margin.top];
  const finite = input.points.filter((p) => Number.isFinite(p.log2fc) && Number.isFinite(p.aveExpr));
  const xs = finite.map((p) => p.aveExpr);
  const maxAbs = Math.max(input.minAbsLog2Fc * 1.2, ...finite.map((p) => Math.abs(p.log2fc)), 0.5);
  const x = linearScale([Math.min(...xs), Math.max(...xs)], [x0, x1], 0.05);
  const y = linearScale([-maxAbs, maxAbs], [y0, y1], 0.06);
  const body: string[] = [
    bottomAxis(x, { label: input.averageLabel ?? 'Average log2 expression', at: y0, grid: [y1, y0] }),
    leftAxis(y, { label: `log2 FC (${input.group} / ${input.referenceGroup})`, at: x0, grid: [x0, x1] }),
    el('line', { x1: x0, x2: x1, y1: y(0), y2: y(0), stroke: '#666' }),
  ];
  const lines: Box[] = [{ x0, x1, y0: y(0) - 1, y1: y(0) + 1 }];
  if (input.minAbsLog2Fc > 0)
    for (const v of [-input.minAbsLog2Fc, input.minAbsLog2Fc]) {
      lines.push({ x0, x1, y0: y(v) - 1, y1: y(v) + 1 });
      body.push(
        el('line', {
          x1: x0,
          x2: x1,
          y1: y(v),
          y2: y(v),
          stroke: '#555',
          'stroke-dasharray': '5 4',
          'stroke-width': 0.9,
        }),
      );
    }
  const positioned = finite.map((p) => ({ p, x: x(p.aveExpr), y: y(p.log2fc) }));
  body.push(...pointMarks(positioned));
  const targets = labelTargets(finite, input.maxLabels ?? 12).map((p) => ({
    label: p.feature,
    x: x(p.aveExpr),
    y: y(p.log2fc),
  }));
  body.push(...placeLabels(targets, positioned, { x0: x0 + 2, x1: x1 - 2, y0: y1 + 2, y1: y0 - 2 }, lines));
  body.push(
    text(x0, 20, `MA plot: ${input.group} vs ${input.referenceGroup}`, {
      'font-size': 13,
      'font-weight': 'bold',
    }),
  );
  body.push(directionLegend(x1 + 24, y1 + 8, input));
  return svgDocument(
    width,
    height,
    `MA plot: ${input.group} vs ${input.referenceGroup}`,
    body,
    input.methodLabel,
  );
}

export interface HeatmapInput {
  title: string;
  features: readonly string[];
  /** sample columns in display order, with their group */
  samples: readonly { name: string; group: string }[];
  /** values[feature][sample] (log2 scale) */
  values: readonly (readonly number[])[];
  /** groups in colour order */
  groups: readonly string[];
  /** second title line, e.g. what the colours are */
  subtitle?: string;
}

/** neutral greys for the sample groups, so they are not read as the up/down colours */
const GROUP_GREYS = ['#BDBDBD', '#4D4D4D', '#8C8C8C', '#1A1A1A'];

/** Heatmap of row z-scores (blue–white–red, ±2 SD), samples grouped, group bar on top, features named. */
export function expressionHeatmapFigure(input: HeatmapInput): string {
  const cellW = 30;
  const cellH = 15;
  const nameWidth = Math.max(60, ...input.features.map((f) => labelWidth(f) * 1.1));
  // sample names are written at −60°: their height sets the space above the grid
  const topPad = 62 + Math.max(20, ...input.samples.map((smp) => labelWidth(smp.name) * 0.87));
  const left = 20;
  const gridW = cellW * input.samples.length;
  const gridH = cellH * input.features.length;
  const width = left + gridW + 8 + nameWidth + 16;
  const height = topPad + gridH + 70;
  const body: string[] = [text(left, 20, input.title, { 'font-size': 13, 'font-weight': 'bold' })];
  if (input.subtitle) body.push(text(left, 36, input.subtitle, { 'font-size': 10.5, fill: '#555' }));
  const groupColor = (g: string) => GROUP_GREYS[input.groups.indexOf(g) % GROUP_GREYS.length] ?? '#444';
  input.samples.forEach((s, j) => {
    const cx = left + j * cellW;
    body.push(el('rect', { x: cx, y: topPad - 12, width: cellW, height: 9, fill: groupColor(s.group) }));
    body.push(
      text(cx + cellW / 2 + 3, topPad - 16, s.name, {
        'font-size': 10,
        transform: `rotate(-60 ${cx + cellW / 2 + 3} ${topPad - 16})`,
      }),
    );
  });
  input.values.forEach((row, i) => {
    const finite = row.filter(Number.isFinite);
    const m = finite.reduce((a, b) => a + b, 0) / finite.length;
    const s = Math.sqrt(finite.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(finite.length - 1, 1));
    row.forEach((v, j) => {
      const z = s > 0 ? (v - m) / s : 0;
      body.push(
        el('rect', {
          x: left + j * cellW,
          y: topPad + i * cellH,
          width: cellW,
          height: cellH,
          fill: divergingColor(Number.isFinite(v) ? z : NaN, 2),
          stroke: '#fff',
          'stroke-width': 0.5,
        }),
      );
    });
    body.push(
      text(left + gridW + 6, topPad + i * cellH + cellH / 2 + 3.5, input.features[i]!, {
        'font-size': LABEL_FONT,
      }),
    );
  });
  const ly = topPad + gridH + 22;
  const steps = 40;
  const barW = Math.min(160, gridW + nameWidth - 20);
  for (let k = 0; k < steps; k++)
    body.push(
      el('rect', {
        x: left + (k * barW) / steps,
        y: ly,
        width: barW / steps + 0.5,
        height: 9,
        fill: divergingColor(-2 + (4 * (k + 0.5)) / steps, 2),
      }),
    );
  for (const v of [-2, 0, 2])
    body.push(
      text(left + ((v + 2) / 4) * barW, ly + 21, formatNumber(v), {
        'text-anchor': 'middle',
        'font-size': 10,
      }),
    );
  body.push(text(left + barW + 10, ly + 8, 'row z-score', { 'font-size': 10 }));
  let gx = left;
  const gy = ly + 40;
  for (const g of input.groups) {
    body.push(el('rect', { x: gx, y: gy - 8, width: 10, height: 9, fill: groupColor(g) }));
    body.push(text(gx + 14, gy, g, { 'font-size': 10 }));
    gx += 14 + labelWidth(g) + 16;
  }
  return svgDocument(
    Math.max(width, gx + 10),
    height,
    input.title,
    body,
    `${input.features.length} features`,
  );
}
