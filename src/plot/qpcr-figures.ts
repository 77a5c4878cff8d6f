/**
 * RT-qPCR figures as standalone SVG: relative-expression bars with sample points, asymmetric error bars and
 * significance brackets; geNorm average M per exclusion step with V_n/n+1 bars (Vandesompele 2002 threshold
 * 0.15); NormFinder ρ per gene; standard curves (Ct vs input on a log axis) with fitted lines and efficiencies.
 */
import {
  bottomAxis,
  el,
  escapeXml,
  FONT,
  formatNumber,
  leftAxis,
  legend,
  linePath,
  linearScale,
  logScale,
  PALETTE,
  significanceMark,
  svgDocument,
  text,
  type Scale,
} from './svg-kit.js';

const CALIBRATOR_COLOR = '#A6A6A6';
const CHAR_WIDTH = 6.3;

/** One bar of the fold-change figure. */
export interface FoldChangeBar {
  target: string;
  group: string;
  isCalibrator: boolean;
  foldChange: number;
  low: number;
  high: number;
  /** p of the comparison with the calibrator (absent for the calibrator) */
  p?: number;
  /** BH-adjusted p of the comparison; when given, the significance mark uses it instead of `p` */
  q?: number;
  /** no sample of the group amplified the target: the empty bar is labelled `n.d.` rather than `n/a` */
  notDetected?: boolean;
  /** per-sample relative expression */
  points: { sample: string; value: number }[];
}

export interface FoldChangeFigureOptions {
  /** group order, calibrator first */
  groups: string[];
  /** target order */
  targets: string[];
  title: string;
  yLabel?: string;
  /** footnote lines under the plot (method, error bars, test) */
  footnote?: string[];
  /** log2 axis with bars from 1, linear from 0, or auto (log2 when values span more than 16-fold) */
  scale?: 'auto' | 'linear' | 'log2';
}

/** Bars of fold change per target (clusters) and group, with sample points, error bars and significance. */
export function foldChangeFigure(bars: readonly FoldChangeBar[], o: FoldChangeFigureOptions): string {
  const barWidth = 36;
  const barGap = 8;
  const clusterGap = 34;
  const clusterWidth = o.groups.length * barWidth + (o.groups.length - 1) * barGap;
  const rotate = o.targets.some((t) => t.length * CHAR_WIDTH > clusterWidth + clusterGap - 6);
  const legendLabels = [...o.groups.map((g, i) => (i === 0 ? `${g} (calibrator)` : g)), 'sample'];
  const legendWidth = Math.max(...legendLabels.map((l) => l.length * CHAR_WIDTH + 30), 80);
  const plotWidth = Math.max(200, o.targets.length * (clusterWidth + clusterGap) + clusterGap);
  const left = 78;
  const width = Math.max(480, left + plotWidth + legendWidth + 24, left + o.title.length * 8.4);
  const footnote = (o.footnote ?? []).flatMap((line) => wrap(line, Math.floor((width - 24) / 5.6)));
  const labelDrop = rotate ? 24 + Math.max(...o.targets.map((t) => t.length)) * 3.7 : 30;
  const m = { top: 48, right: width - left - plotWidth, bottom: labelDrop + 14 + footnote.length * 14, left };
  const plotHeight = 290;
  const height = m.top + plotHeight + m.bottom;
  const values = bars.flatMap((b) => [b.foldChange, b.low, b.high, ...b.points.map((p) => p.value)]);
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  const lo = finite.length ? Math.min(...finite, 1) : 0.5;
  const hi = finite.length ? Math.max(...finite, 1) : 2;
  const log2 = o.scale === 'log2' || (o.scale !== 'linear' && hi / lo > 16);
  const bottomY = m.top + plotHeight;
  const bracketRoom = (o.groups.length - 1) * 0.09;
  const y: Scale = log2
    ? log2Scale([lo / 1.3, hi * Math.pow(2, 0.3 + bracketRoom * 6)], [bottomY, m.top])
    : linearScale([0, hi * (1.12 + bracketRoom)], [bottomY, m.top], 0);
  const baseline = log2 ? y(1) : y(0);
  const color = (group: string) =>
    group === o.groups[0] ? CALIBRATOR_COLOR : PALETTE[(o.groups.indexOf(group) - 1) % PALETTE.length]!;
  const parts: string[] = [];
  parts.push(
    log2
      ? log2Axis(y, m.left, [m.left, m.left + plotWidth])
      : leftAxis(y, { label: '', at: m.left, grid: [m.left, m.left + plotWidth] }),
  );
  const yLabel = o.yLabel ?? (log2 ? 'Relative expression (log2 scale)' : 'Relative expression');
  const labelX = m.left - (log2 ? 54 : 50);
  const labelY = m.top + plotHeight / 2;
  parts.push(
    richText(labelX, labelY, yLabel, {
      'text-anchor': 'middle',
      'font-size': 12,
      transform: `rotate(-90 ${labelX} ${labelY})`,
    }),
  );
  parts.push(el('line', { x1: m.left, x2: m.left + plotWidth, y1: bottomY, y2: bottomY, stroke: '#222' }));
  parts.push(
    el('line', {
      x1: m.left,
      x2: m.left + plotWidth,
      y1: y(1),
      y2: y(1),
      stroke: '#555',
      'stroke-dasharray': '4 3',
    }),
  );
  o.targets.forEach((target, ti) => {
    const used = o.targets.length * (clusterWidth + clusterGap) + clusterGap;
    const x0 = m.left + (plotWidth - used) / 2 + clusterGap + ti * (clusterWidth + clusterGap);
    const centre = (gi: number) => x0 + gi * (barWidth + barGap) + barWidth / 2;
    const tops: number[] = [];
    o.groups.forEach((group, gi) => {
      const bar = bars.find((b) => b.target === target && b.group === group);
      const cx = centre(gi);
      if (!bar || !Number.isFinite(bar.foldChange)) {
        tops[gi] = baseline;
        if (bar)
          parts.push(
            text(cx, baseline - 6, bar.notDetected ? 'n.d.' : 'n/a', {
              'text-anchor': 'middle',
              'font-size': 10,
              fill: '#777',
            }),
          );
        return;
      }
      const yv = y(bar.foldChange);
      parts.push(
        el('rect', {
          x: cx - barWidth / 2,
          y: Math.min(yv, baseline),
          width: barWidth,
          height: Math.max(Math.abs(baseline - yv), 0.8),
          fill: color(group),
          'fill-opacity': 0.85,
          stroke: '#333',
          'stroke-width': 0.8,
        }),
      );
      if (Number.isFinite(bar.low) && Number.isFinite(bar.high) && bar.low > 0) {
        const [ya, yb] = [y(bar.low), y(bar.high)];
        parts.push(el('line', { x1: cx, x2: cx, y1: ya, y2: yb, stroke: '#111', 'stroke-width': 1.3 }));
        for (const yy of [ya, yb])
          parts.push(
            el('line', { x1: cx - 7, x2: cx + 7, y1: yy, y2: yy, stroke: '#111', 'stroke-width': 1.3 }),
          );
      }
      const n = bar.points.length;
      bar.points.forEach((p, i) => {
        if (!(p.value > 0) || !Number.isFinite(p.value)) return;
        const dx = n > 1 ? (i - (n - 1) / 2) * Math.min(7, (barWidth - 12) / (n - 1)) : 0;
        parts.push(
          el('circle', {
            cx: cx + dx,
            cy: y(p.value),
            r: 3.3,
            fill: '#1a1a1a',
            'fill-opacity': 0.8,
            stroke: '#fff',
            'stroke-width': 0.8,
          }),
        );
      });
      const candidates = [bar.foldChange, bar.high, ...bar.points.map((p) => p.value)].filter(
        (v) => Number.isFinite(v) && v > 0,
      );
      tops[gi] = Math.min(baseline, ...candidates.map((v) => y(v)));
    });
    // brackets from the calibrator to each group, stacked above the taller of the two
    let level = Math.min(...tops) - 12;
    o.groups.slice(1).forEach((group, k) => {
      const bar = bars.find((b) => b.target === target && b.group === group);
      const p = bar?.q ?? bar?.p;
      if (!bar || p === undefined || !Number.isFinite(p)) return;
      const gi = k + 1;
      const yb = Math.min(level, Math.min(tops[0]!, tops[gi]!) - 12);
      const [xa, xb] = [centre(0), centre(gi)];
      parts.push(
        linePath(
          [
            [xa, yb + 5],
            [xa, yb],
            [xb, yb],
            [xb, yb + 5],
          ],
          { 'stroke-width': 1 },
        ),
      );
      const mark = significanceMark(p);
      parts.push(
        text((xa + xb) / 2, yb - (mark === 'ns' ? 4 : 2), mark, {
          'text-anchor': 'middle',
          'font-size': mark === 'ns' ? 11 : 14,
          'font-weight': mark === 'ns' ? 'normal' : 'bold',
        }),
      );
      level = yb - 20;
    });
    const lx = x0 + clusterWidth / 2;
    parts.push(
      rotate
        ? text(lx, bottomY + 16, target, {
            'text-anchor': 'end',
            'font-size': 12,
            transform: `rotate(-35 ${lx} ${bottomY + 16})`,
          })
        : text(lx, bottomY + 20, target, {
            'text-anchor': 'middle',
            'font-size': 12,
            'font-style': 'normal',
          }),
    );
  });
  parts.push(text(m.left, 24, o.title, { 'font-size': 14, 'font-weight': 'bold' }));
  parts.push(
    legend(m.left + plotWidth + 18, m.top + 8, [
      ...o.groups.map((g, i) => ({ label: i === 0 ? `${g} (calibrator)` : g, color: color(g) })),
      { label: 'sample', color: '#1a1a1a', shape: 'circle' as const },
    ]),
  );
  footnote.forEach((line, i) =>
    parts.push(
      richText(12, height - 10 - (footnote.length - 1 - i) * 14, line, { 'font-size': 10, fill: '#444' }),
    ),
  );
  return svgDocument(width, height, o.title, parts, footnote.join(' ').replace(/\^\{([^}]*)\}/g, '^($1)'));
}

/** Text where `^{…}` is set as a superscript (e.g. `2^{−ΔΔCt}`). */
export function richText(
  x: number,
  y: number,
  content: string,
  a: Record<string, string | number> = {},
): string {
  const parts = content.split(/(\^\{[^}]*\})/).map((piece) => {
    const sup = /^\^\{([^}]*)\}$/.exec(piece);
    return sup
      ? `<tspan baseline-shift="super" font-size="75%">${escapeXml(sup[1]!)}</tspan>`
      : escapeXml(piece);
  });
  return el('text', { x, y, 'font-family': FONT, 'font-size': 11, fill: '#222', ...a }, ...parts);
}

/** Splits a line at spaces into lines of at most `max` characters (markup `^{…}` not counted). */
function wrap(line: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  const visible = (t: string) => t.replace(/\^\{([^}]*)\}/g, '$1').length;
  for (const word of line.split(' ')) {
    if (current && visible(`${current} ${word}`) > max) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** A log2 scale over [lo, hi] extended to whole powers of two. */
function log2Scale(domain: [number, number], range: [number, number]): Scale {
  const s = logScale([1, 10], range);
  const lo = Math.pow(2, Math.floor(Math.log2(domain[0])));
  const hi = Math.pow(2, Math.ceil(Math.log2(domain[1])));
  return s.domain([lo, hi === lo ? hi * 2 : hi]);
}

/** A left axis with ticks at powers of two (labelled 0.25, 0.5, 1, 2, …). */
function log2Axis(scale: Scale, at: number, grid: [number, number]): string {
  const [lo, hi] = scale.domain() as [number, number];
  const [r0, r1] = scale.range() as [number, number];
  const parts = [el('line', { x1: at, x2: at, y1: r0, y2: r1, stroke: '#222' })];
  const span = Math.log2(hi) - Math.log2(lo);
  const step = span > 10 ? 2 : 1;
  for (let e = Math.round(Math.log2(lo)); e <= Math.round(Math.log2(hi)); e += step) {
    const yv = scale(Math.pow(2, e));
    parts.push(el('line', { x1: grid[0], x2: grid[1], y1: yv, y2: yv, stroke: '#eee' }));
    parts.push(el('line', { x1: at - 5, x2: at, y1: yv, y2: yv, stroke: '#222' }));
    const value = Math.pow(2, e);
    parts.push(text(at - 8, yv + 4, e < -9 ? `2^${e}` : formatNumber(value, 4), { 'text-anchor': 'end' }));
  }
  return el('g', { class: 'axis axis-y' }, ...parts);
}

export interface GenormFigureData {
  /** stepwise exclusion: genes in, their average M, the gene removed after the step */
  steps: { genes: string[]; averageM: number; removed?: string }[];
  /** V_n/n+1 */
  pairwise: { label: string; v: number }[];
  /** V threshold (Vandesompele 2002: 0.15) */
  threshold?: number;
  title?: string;
}

/** geNorm: average M of the remaining genes at each exclusion step, and the pairwise variation bars. */
export function genormFigure(d: GenormFigureData): string {
  const threshold = d.threshold ?? 0.15;
  const labels = d.steps.map((s) => s.removed ?? s.genes.join(' + '));
  const longest = Math.max(...labels.map((l) => l.length), 4);
  const m = { top: 56, right: 24, bottom: 40 + longest * 3.7, left: 70 };
  const panelA = Math.max(220, labels.length * 70);
  const panelB = Math.max(160, d.pairwise.length * 62 + 40);
  const gap = 90;
  const plotHeight = 230;
  const width = m.left + panelA + gap + panelB + m.right;
  const height = m.top + plotHeight + m.bottom + 10;
  const bottomY = m.top + plotHeight;
  const parts: string[] = [];
  const title = d.title ?? 'geNorm reference-gene stability';
  parts.push(text(m.left, 24, title, { 'font-size': 14, 'font-weight': 'bold' }));
  // panel A: average M per step
  const mValues = d.steps.map((s) => s.averageM).filter(Number.isFinite);
  const yA = linearScale([0, Math.max(0.55, ...mValues) * 1.1], [bottomY, m.top], 0);
  parts.push(
    leftAxis(yA, { label: 'Average expression stability M', at: m.left, grid: [m.left, m.left + panelA] }),
  );
  parts.push(el('line', { x1: m.left, x2: m.left + panelA, y1: bottomY, y2: bottomY, stroke: '#222' }));
  const xA = (i: number) => m.left + ((i + 0.5) * panelA) / labels.length;
  const y05 = yA(0.5);
  parts.push(
    el('line', {
      x1: m.left,
      x2: m.left + panelA,
      y1: y05,
      y2: y05,
      stroke: PALETTE[1],
      'stroke-dasharray': '5 3',
    }),
    text(m.left + panelA - 4, y05 - 5, 'M = 0.5', {
      'text-anchor': 'end',
      'font-size': 10,
      fill: PALETTE[1],
    }),
  );
  parts.push(
    linePath(
      d.steps.map((s, i) => [xA(i), yA(s.averageM)]),
      { stroke: PALETTE[0], 'stroke-width': 2 },
    ),
  );
  d.steps.forEach((s, i) => {
    parts.push(el('circle', { cx: xA(i), cy: yA(s.averageM), r: 4.5, fill: PALETTE[0], stroke: '#fff' }));
    parts.push(text(xA(i) + 8, yA(s.averageM) - 7, formatNumber(s.averageM), { 'font-size': 10 }));
    parts.push(el('line', { x1: xA(i), x2: xA(i), y1: bottomY, y2: bottomY + 5, stroke: '#222' }));
    parts.push(
      text(xA(i), bottomY + 15, labels[i]!, {
        'text-anchor': 'end',
        transform: `rotate(-35 ${xA(i)} ${bottomY + 15})`,
      }),
    );
  });
  parts.push(
    text(m.left + panelA / 2, height - 12, '← least stable excluded first · most stable pair →', {
      'text-anchor': 'middle',
      'font-size': 11,
      fill: '#444',
    }),
  );
  parts.push(text(m.left - 50, m.top - 14, 'A', { 'font-size': 14, 'font-weight': 'bold' }));
  // panel B: pairwise variation
  const bx = m.left + panelA + gap;
  parts.push(text(bx - 50, m.top - 14, 'B', { 'font-size': 14, 'font-weight': 'bold' }));
  const vValues = d.pairwise.map((p) => p.v).filter(Number.isFinite);
  const yB = linearScale([0, Math.max(threshold * 1.3, ...vValues) * 1.1], [bottomY, m.top], 0);
  parts.push(leftAxis(yB, { label: 'Pairwise variation V', at: bx, grid: [bx, bx + panelB] }));
  parts.push(el('line', { x1: bx, x2: bx + panelB, y1: bottomY, y2: bottomY, stroke: '#222' }));
  const slot = panelB / Math.max(1, d.pairwise.length);
  d.pairwise.forEach((p, i) => {
    const cx = bx + (i + 0.5) * slot;
    const yv = Number.isFinite(p.v) ? yB(p.v) : bottomY;
    parts.push(
      el('rect', {
        x: cx - Math.min(20, slot / 3),
        y: yv,
        width: Math.min(40, (2 * slot) / 3),
        height: bottomY - yv,
        fill: p.v < threshold ? PALETTE[2] : PALETTE[4],
        stroke: '#333',
        'stroke-width': 0.8,
      }),
    );
    parts.push(text(cx, yv - 5, formatNumber(p.v), { 'text-anchor': 'middle', 'font-size': 10 }));
    parts.push(text(cx, bottomY + 17, p.label, { 'text-anchor': 'middle' }));
  });
  const yt = yB(threshold);
  parts.push(
    el('line', { x1: bx, x2: bx + panelB, y1: yt, y2: yt, stroke: '#B00020', 'stroke-dasharray': '5 3' }),
    text(bx + panelB - 2, yt - 5, `V = ${threshold}`, {
      'text-anchor': 'end',
      'font-size': 10,
      fill: '#B00020',
    }),
  );
  return svgDocument(
    width,
    height,
    title,
    parts,
    `geNorm average M of the remaining genes as the least stable is excluded (A); pairwise variation V_n/n+1 with the ${threshold} cut-off (B).`,
  );
}

export interface NormFinderFigureData {
  genes: string[];
  rho: number[];
  title?: string;
}

/** NormFinder stability value per gene, most stable at the top. */
export function normfinderFigure(d: NormFinderFigureData): string {
  const order = d.genes.map((g, i) => ({ g, r: d.rho[i]! })).sort((a, b) => a.r - b.r);
  const longest = Math.max(...d.genes.map((g) => g.length), 4);
  const m = { top: 50, right: 60, bottom: 56, left: Math.max(70, longest * CHAR_WIDTH + 20) };
  const rowHeight = 30;
  const plotWidth = 340;
  const plotHeight = order.length * rowHeight;
  const width = m.left + plotWidth + m.right;
  const height = m.top + plotHeight + m.bottom;
  const title = d.title ?? 'NormFinder stability';
  const finite = order.map((o) => o.r).filter(Number.isFinite);
  const x = linearScale([0, Math.max(...finite, 0.1) * 1.08], [m.left, m.left + plotWidth], 0);
  const parts: string[] = [text(m.left, 24, title, { 'font-size': 14, 'font-weight': 'bold' })];
  parts.push(
    bottomAxis(x, {
      label: 'Stability value ρ (lower = more stable)',
      at: m.top + plotHeight,
      grid: [m.top, m.top + plotHeight],
    }),
  );
  order.forEach((o, i) => {
    const yv = m.top + i * rowHeight + 5;
    const w = Number.isFinite(o.r) ? x(o.r) - m.left : 0;
    parts.push(
      el('rect', {
        x: m.left,
        y: yv,
        width: w,
        height: rowHeight - 10,
        fill: i === 0 ? PALETTE[2] : PALETTE[0],
        'fill-opacity': i === 0 ? 0.95 : 0.7,
        stroke: '#333',
        'stroke-width': 0.8,
      }),
    );
    parts.push(text(m.left - 8, yv + rowHeight / 2, o.g, { 'text-anchor': 'end', 'font-size': 12 }));
    parts.push(text(m.left + w + 5, yv + rowHeight / 2, formatNumber(o.r), { 'font-size': 10 }));
  });
  parts.push(el('line', { x1: m.left, x2: m.left, y1: m.top, y2: m.top + plotHeight, stroke: '#222' }));
  return svgDocument(
    width,
    height,
    title,
    parts,
    `NormFinder ρ per candidate; ${order[0]?.g ?? ''} is the most stable.`,
  );
}

export interface StandardCurveFigureData {
  curves: {
    target: string;
    slope: number;
    intercept: number;
    rSquared: number;
    efficiencyPercent: number;
    points: { amount: number; ct: number }[];
  }[];
  title?: string;
}

/** Ct against input amount (log10 axis) per target, with the fitted line, efficiency, R² and slope. */
export function standardCurveFigure(d: StandardCurveFigureData): string {
  const m = { top: 50, right: 24, bottom: 60, left: 70 };
  const plotWidth = 420;
  const plotHeight = 300;
  const width = m.left + plotWidth + m.right;
  const height = m.top + plotHeight + m.bottom;
  const amounts = d.curves.flatMap((c) => c.points.map((p) => p.amount)).filter((a) => a > 0);
  const cts = d.curves.flatMap((c) => c.points.map((p) => p.ct)).filter(Number.isFinite);
  const x = logScale([Math.min(...amounts), Math.max(...amounts)], [m.left, m.left + plotWidth]);
  const ctHi = Math.max(...cts);
  const ctLo = Math.min(...cts);
  const y = linearScale(
    [ctLo - (ctHi - ctLo) * 0.05, ctHi + (ctHi - ctLo) * 0.08],
    [m.top + plotHeight, m.top],
    0,
  );
  const title = d.title ?? 'Standard curves';
  const parts: string[] = [text(m.left, 24, title, { 'font-size': 14, 'font-weight': 'bold' })];
  parts.push(
    bottomAxis(x, {
      label: 'Relative input amount (log scale)',
      at: m.top + plotHeight,
      grid: [m.top, m.top + plotHeight],
    }),
  );
  parts.push(leftAxis(y, { label: 'Ct', at: m.left, grid: [m.left, m.left + plotWidth] }));
  const [xa, xb] = x.domain() as [number, number];
  d.curves.forEach((c, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const lo = Math.min(...c.points.map((p) => p.amount));
    const hi = Math.max(...c.points.map((p) => p.amount));
    const fit = (a: number) => c.intercept + c.slope * Math.log10(a);
    parts.push(
      linePath(
        [
          [x(Math.max(xa, lo / 2)), y(fit(Math.max(xa, lo / 2)))],
          [x(Math.min(xb, hi * 2)), y(fit(Math.min(xb, hi * 2)))],
        ],
        { stroke: colour, 'stroke-width': 1.6 },
      ),
    );
    for (const p of c.points)
      parts.push(
        el('circle', { cx: x(p.amount), cy: y(p.ct), r: 4, fill: colour, stroke: '#fff', 'stroke-width': 1 }),
      );
  });
  const entries = d.curves.map((c, i) => ({
    label: `${c.target}: E = ${c.efficiencyPercent.toFixed(1)} %, R² = ${c.rSquared.toFixed(4)}, slope ${formatNumber(c.slope, 4)}`,
    color: PALETTE[i % PALETTE.length]!,
    shape: 'line' as const,
  }));
  const legendWidth = Math.max(...entries.map((e) => e.label.length)) * CHAR_WIDTH + 24;
  parts.push(legend(Math.max(m.left + 10, m.left + plotWidth - legendWidth), m.top + 12, entries));
  return svgDocument(
    width,
    height,
    title,
    parts,
    'Ct against log10 input per target; lines are the least-squares fits Ct = a + b·log10(amount); E = 10^(−1/b).',
  );
}
