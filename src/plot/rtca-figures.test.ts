import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cellIndexFigure } from './rtca-figures.js';

describe('cell-index figure', () => {
  const times = Array.from({ length: 97 }, (_, i) => i);
  const curve = (rate: number, shift: number) => times.map((t) => 0.1 * Math.exp(rate * t) + shift);
  const input = {
    title: 'Cell index',
    yLabel: 'Cell index',
    times,
    curves: [
      { well: 'A01', group: 'Parental', values: curve(0.03, 0) },
      { well: 'A02', group: 'Parental', values: curve(0.031, 0.01) },
      { well: 'B01', group: 'Resistant', values: curve(0.02, 0).map((v, i) => (i === 50 ? NaN : v)) },
    ],
    groups: ['Parental', 'Resistant'],
    treatmentTime: 24,
    treatmentLabel: 'trastuzumab added',
    baseTime: 20,
    window: [24, 48] as [number, number],
  };

  it('is valid SVG with day-based time ticks, the treatment and base time marked, and a legend', () => {
    const svg = cellIndexFigure(input);
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const tick of ['>0<', '>12<', '>24<', '>48<', '>96<']) expect(svg).toContain(tick);
    expect(svg).toContain('trastuzumab added (24 h)');
    expect(svg).toContain('normalised at 20 h');
    expect(svg).toContain('growth window 24–48 h');
    expect(svg).toContain('Parental (n = 2)');
    expect(svg).not.toContain('NaN');
    // two thin well lines + one bold mean for Parental; Resistant has one well, so no mean line
    expect(svg.match(/stroke-width="2.6"/g)!.length).toBe(1 + 2 + 1);
  });

  it('merges the treatment and normalisation markers when they coincide, and widens for long group names', () => {
    const long = { ...input, baseTime: 24, groups: ['Parental', 'Trastuzumab-resistant BT-474 clone 7'] };
    const svg = cellIndexFigure({
      ...long,
      curves: input.curves.map((c) => ({ ...c, group: c.group === 'Resistant' ? long.groups[1]! : c.group })),
    });
    expect(svg).toContain('treatment, normalisation');
    expect(svg).not.toContain('normalised at');
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThan(Number(/width="(\d+)"/.exec(cellIndexFigure(input))![1]));
  });
});
