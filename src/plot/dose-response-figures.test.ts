import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DoseResponseFigureGroup } from './dose-response-figures.js';
import { doseResponseFigure } from './dose-response-figures.js';

const curve = (e: number) =>
  Array.from({ length: 50 }, (_, i) => {
    const dose = Math.pow(10, -3 + (i * 5) / 49);
    return { dose, response: 5 + 95 / (1 + Math.pow(dose / e, 1.2)) };
  });
const group = (
  name: string,
  e: number,
  extra: Partial<DoseResponseFigureGroup> = {},
): DoseResponseFigureGroup => ({
  name,
  points: [0, 0.01, 0.1, 1, 10].map((dose) => ({
    dose,
    mean: 5 + 95 / (1 + Math.pow(dose / e, 1.2)),
    sd: 2,
    n: 3,
  })),
  curve: curve(e),
  ic50: e,
  ic50Response: 52.5,
  ic50Text: String(e),
  ic50CiText: `${e * 0.9}–${e * 1.1}`,
  hillText: '−1.2',
  flagged: false,
  ...extra,
});

describe('doseResponseFigure', () => {
  const svg = doseResponseFigure({
    doseUnit: 'µM',
    responseLabel: 'Viability (%)',
    groups: [group('BT474_parental', 0.08), group('BT474_TrasR', 1.4, { flagged: true })],
    resistanceIndices: [{ group: 'BT474_TrasR', value: '17.5 (13.2–21.8)' }],
    referenceGroup: 'BT474_parental',
  });

  it('is well-formed standalone SVG with the table, legend, resistance index and axis labels', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('Dose (µM)');
    expect(svg).toContain('IC50 (µM)');
    expect(svg).toContain('Resistance index vs BT474_parental');
    expect(svg).toContain('17.5 (13.2–21.8)');
    expect(svg).toContain('BT474_TrasR †');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('puts dose 0 left of an axis break and draws one IC50 drop line per group', () => {
    expect(svg).toMatch(/>0<\/text>/);
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(2);
  });

  it('omits the drop line when the IC50 is not identifiable, and copes with a group without a fit', () => {
    const out = doseResponseFigure({
      doseUnit: '',
      responseLabel: 'Viability (%)',
      groups: [
        group('a', 0.1),
        group('flat', 1, {
          curve: [],
          ic50: undefined,
          ic50Response: undefined,
          ic50Text: '> 10',
          ic50CiText: '',
        }),
      ],
      resistanceIndices: [],
    });
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out.match(/stroke-dasharray="4 3"/g)).toHaveLength(1);
    expect(out).toContain('&gt; 10');
    expect(out).toContain('>Dose</text>');
  });
});
