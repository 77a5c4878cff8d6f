import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { divergingLimit, doseMatrixHeatmap } from './synergy-figures.js';

const input = {
  title: 'ZIP synergy: Lapatinib + Trastuzumab',
  subtitle: 'mean 6.4',
  rowLabel: 'Lapatinib (µM)',
  columnLabel: 'Trastuzumab (µg/mL)',
  rowConcentrations: [0, 0.1, 1],
  columnConcentrations: [0, 3, 30],
  values: [
    [0, 0, 0],
    [0, 12.34, -3.2],
    [0, NaN, 25],
  ],
  scale: 'diverging' as const,
  legendLabel: 'ZIP synergy score',
  muted: (i: number, j: number) => i === 0 || j === 0,
};

describe('doseMatrixHeatmap', () => {
  const svg = doseMatrixHeatmap(input);

  it('is well-formed SVG with one printed value per scored cell, axis labels and a colour bar', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('>12.3<');
    expect(svg).toContain('>−3.2<');
    expect(svg).toContain('>25.0<');
    expect(svg).toContain('Trastuzumab (µg/mL)');
    expect(svg).toContain('Lapatinib (µM)');
    expect(svg).toContain('class="colour-bar"');
    expect(svg).toContain('Hatched: single-drug wells');
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('uses a symmetric colour limit of at least 10, rounded up to 5', () => {
    expect(divergingLimit([1, -3])).toBe(10);
    expect(divergingLimit([12.3, -3, NaN])).toBe(15);
    expect(svg).toMatch(/>−25<\/text>/);
  });

  it('draws a sequential response matrix without hatching', () => {
    const out = doseMatrixHeatmap({
      ...input,
      scale: 'sequential',
      muted: undefined,
      values: [
        [0, 10, 20],
        [5, 50, 70],
        [9, 60, 100],
      ],
    });
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toContain('Hatched');
    expect(out).toContain('>100.0<');
  });
});
