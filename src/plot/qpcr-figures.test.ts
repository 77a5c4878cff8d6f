import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  foldChangeFigure,
  genormFigure,
  normfinderFigure,
  richText,
  standardCurveFigure,
  type FoldChangeBar,
} from './qpcr-figures.js';

const wellFormed = (svg: string) => {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
};

const bars: FoldChangeBar[] = [
  {
    target: 'miR-770-5p',
    group: 'Parental',
    isCalibrator: true,
    foldChange: 1,
    low: 0.84,
    high: 1.19,
    points: [
      { sample: 'P1', value: 1 },
      { sample: 'P2', value: 0.97 },
      { sample: 'P3', value: 1.04 },
    ],
  },
  {
    target: 'miR-770-5p',
    group: 'Resistant',
    isCalibrator: false,
    foldChange: 0.185,
    low: 0.148,
    high: 0.231,
    p: 0.0105,
    points: [
      { sample: 'R1', value: 0.19 },
      { sample: 'R2', value: 0.13 },
      { sample: 'R3', value: 0.25 },
    ],
  },
];
const options = { groups: ['Parental', 'Resistant'], targets: ['miR-770-5p'], title: 'miR-770-5p' };

describe('fold-change figure', () => {
  it('draws bars, one point per sample, error bars, the calibrator line and a significance mark', () => {
    const svg = foldChangeFigure(bars, { ...options, footnote: ['2^{−ΔΔCt}; error bars 2^{−(ΔΔCt ± s)}'] });
    wellFormed(svg);
    expect(svg.match(/<rect [^>]*fill-opacity="0.85"/g)).toHaveLength(2);
    expect(svg.match(/<circle [^>]*r="3.3"/g)).toHaveLength(6);
    expect(svg).toContain('>*</text>');
    expect(svg).toContain('Parental (calibrator)');
    expect(svg).toContain('<tspan baseline-shift="super" font-size="75%">−ΔΔCt</tspan>');
  });
  it('switches to a log2 axis for large changes and marks ns', () => {
    const big = bars.map((b) =>
      b.isCalibrator ? b : { ...b, foldChange: 40, low: 30, high: 50, p: 0.2, points: [] },
    );
    const svg = foldChangeFigure(big, options);
    wellFormed(svg);
    expect(svg).toContain('>64</text>');
    expect(svg).toContain('>ns</text>');
    expect(foldChangeFigure(big, { ...options, scale: 'linear' })).not.toContain('>64</text>');
  });
  it('draws n/a for a group without a result rather than failing', () => {
    const missing = bars.map((b) =>
      b.isCalibrator ? b : { ...b, foldChange: NaN, low: NaN, high: NaN, p: NaN, points: [] },
    );
    const svg = foldChangeFigure(missing, options);
    wellFormed(svg);
    expect(svg).toContain('>n/a</text>');
  });
  it('draws n.d. for a group in which the target was not detected', () => {
    const nd = bars.map((b) =>
      b.isCalibrator
        ? b
        : { ...b, foldChange: NaN, low: NaN, high: NaN, p: NaN, notDetected: true, points: [] },
    );
    const svg = foldChangeFigure(nd, options);
    wellFormed(svg);
    expect(svg).toContain('>n.d.</text>');
    expect(svg).not.toContain('>n/a</text>');
  });
  it('marks significance by q when the bar carries one', () => {
    const adjusted = bars.map((b) => (b.isCalibrator ? b : { ...b, p: 0.0105, q: 0.0621 }));
    const svg = foldChangeFigure(adjusted, options);
    expect(svg).toContain('>ns</text>');
    expect(svg).not.toContain('>*</text>');
  });
  it('escapes text and sets superscripts', () => {
    expect(richText(0, 0, 'a<b ^{x&y}')).toContain(
      'a&lt;b <tspan baseline-shift="super" font-size="75%">x&amp;y</tspan>',
    );
  });
});

describe('stability and standard-curve figures', () => {
  it('geNorm: average M per exclusion step and V bars with the threshold', () => {
    const svg = genormFigure({
      steps: [
        { genes: ['U6', 'RNU48', 'RNU44', 'miR-16-5p'], averageM: 0.46, removed: 'miR-16-5p' },
        { genes: ['U6', 'RNU48', 'RNU44'], averageM: 0.41, removed: 'RNU44' },
        { genes: ['U6', 'RNU48'], averageM: 0.21 },
      ],
      pairwise: [
        { label: 'V2/3', v: 0.168 },
        { label: 'V3/4', v: 0.124 },
      ],
    });
    wellFormed(svg);
    for (const label of ['miR-16-5p', 'RNU44', 'U6 + RNU48', 'V2/3', 'V3/4', 'V = 0.15'])
      expect(svg).toContain(label);
  });
  it('NormFinder: most stable gene first', () => {
    const svg = normfinderFigure({ genes: ['U6', 'RNU44'], rho: [0.38, 0.24] });
    wellFormed(svg);
    expect(svg.indexOf('>RNU44<')).toBeLessThan(svg.indexOf('>U6<'));
  });
  it('standard curve: points, fitted lines and efficiencies in the legend', () => {
    const svg = standardCurveFigure({
      curves: [
        {
          target: 'U6',
          slope: -3.324,
          intercept: 17.108,
          rSquared: 0.99999,
          efficiencyPercent: 99.9,
          points: [1, 0.1, 0.01, 0.001].map((a) => ({ amount: a, ct: 17.108 - 3.324 * Math.log10(a) })),
        },
      ],
    });
    wellFormed(svg);
    expect(svg).toContain('U6: E = 99.9 %, R² = 1.0000, slope −3.324');
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });
});
