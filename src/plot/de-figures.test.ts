import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  DE_COLORS,
  expressionHeatmapFigure,
  maFigure,
  placeLabels,
  volcanoFigure,
  type DePoint,
} from './de-figures.js';

/** label boxes as drawn: text at (x, baseline) with the width the placer assumed */
const boxes = (marks: string[]) =>
  marks
    .filter((m) => m.startsWith('<text'))
    .map((m) => {
      const x = Number(/ x="([^"]+)"/.exec(m)![1]);
      const y = Number(/ y="([^"]+)"/.exec(m)![1]);
      const label = />([^<]*)</.exec(m)![1]!;
      return { x0: x, x1: x + label.length * 5.8, y0: y - 9, y1: y + 2 };
    });

describe('label placement', () => {
  it('places crowded labels without overlaps, inside the bounds', () => {
    const targets = Array.from({ length: 12 }, (_, i) => ({
      label: `hsa-miR-${100 + i}-5p`,
      x: 200 + (i % 3) * 6,
      y: 200 + i * 4,
    }));
    const marks = placeLabels(targets, targets, { x0: 0, x1: 500, y0: 0, y1: 400 });
    const placed = boxes(marks);
    expect(placed.length).toBeGreaterThanOrEqual(8);
    for (const [i, a] of placed.entries()) {
      expect(a.x0).toBeGreaterThanOrEqual(0);
      expect(a.x1).toBeLessThanOrEqual(500.5);
      for (const b of placed.slice(i + 1))
        expect(a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5).toBe(false);
    }
  });

  it('leaves out a label that fits nowhere', () => {
    expect(
      placeLabels([{ label: 'a-very-long-feature-name', x: 10, y: 10 }], [], {
        x0: 0,
        x1: 30,
        y0: 0,
        y1: 20,
      }),
    ).toEqual([]);
  });
});

describe('differential-expression figures', () => {
  const points: DePoint[] = [
    { feature: 'hsa-miR-770-5p', log2fc: -2.1, p: 3e-6, q: 5e-5, aveExpr: 9.4, direction: 'down' },
    { feature: 'hsa-miR-221-3p', log2fc: 2.2, p: 2e-6, q: 5e-5, aveExpr: 10.6, direction: 'up' },
    { feature: 'hsa-miR-1001', log2fc: 0.1, p: 0.8, q: 0.9, aveExpr: 7, direction: 'ns' },
    { feature: 'hsa-miR-1002', log2fc: NaN, p: NaN, q: NaN, aveExpr: 5, direction: 'ns' },
  ];
  const input = {
    points,
    group: 'Resistant',
    referenceGroup: 'Parental',
    methodLabel: 'limma moderated t',
    alpha: 0.05,
    minAbsLog2Fc: 1,
  };

  it('draws a valid volcano and MA plot with coloured significant points and named features', () => {
    for (const svg of [volcanoFigure(input), maFigure(input)]) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain(`fill="${DE_COLORS.up}"`);
      expect(svg).toContain(`fill="${DE_COLORS.down}"`);
      expect(svg).toContain('>hsa-miR-770-5p<');
      expect(svg).not.toContain('>hsa-miR-1001<');
      expect(svg).toContain('higher in Resistant (1)');
      expect(svg).not.toContain('NaN');
    }
    expect(volcanoFigure(input)).toContain('log2 fold change (Resistant / Parental)');
  });

  it('names the smallest p-values when nothing is significant', () => {
    const none = { ...input, points: points.map((p) => ({ ...p, q: 0.5, direction: 'ns' as const })) };
    const svg = volcanoFigure(none);
    expect(svg).toContain('>hsa-miR-221-3p<');
    expect(svg).not.toContain('q = 0.05');
  });

  it('colours the heatmap by row z-score (high red, low blue, missing grey)', () => {
    const svg = expressionHeatmapFigure({
      title: 'Top features',
      features: ['miR-a'],
      samples: [
        { name: 'P1', group: 'Parental' },
        { name: 'P2', group: 'Parental' },
        { name: 'R1', group: 'Resistant' },
        { name: 'R2', group: 'Resistant' },
      ],
      values: [[1, 2, 9, NaN]],
      groups: ['Parental', 'Resistant'],
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    const fills = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="30" height="15" fill="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(fills).toHaveLength(4);
    const rgb = (s: string) => s.slice(4, -1).split(',').map(Number);
    const [low, , high] = fills.map((f) => (f!.startsWith('rgb') ? rgb(f!) : f));
    expect((high as number[])[0]).toBeGreaterThan((high as number[])[2]!);
    expect((low as number[])[2]).toBeGreaterThan((low as number[])[0]!);
    expect(fills[3]).toBe('#cccccc');
  });
});
