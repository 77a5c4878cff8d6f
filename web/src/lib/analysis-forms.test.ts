import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_DEFINITIONS,
  analysisDefinition,
  analysisFormFields,
  analysisFormProblems,
  formatCell,
  initialOptionValues,
  previewTable,
  titleFromKey,
} from './analysis-forms.js';

const qpcr = analysisDefinition('qpcr')!;
const rtca = analysisDefinition('rtca')!;

describe('analysis definitions', () => {
  it('covers every analysis the API runs', () => {
    expect(ANALYSIS_DEFINITIONS.map((d) => d.kind)).toEqual([
      'qpcr',
      'reference-genes',
      'rtca',
      'dose-response',
      'synergy',
      'de',
    ]);
    expect(analysisDefinition('nope')).toBeUndefined();
  });

  it('starts selects at their first choice and leaves files out of the values', () => {
    expect(initialOptionValues(qpcr)).toEqual({
      reference: '',
      calibrator: '',
      method: 'livak',
      format: '',
      therapy: '',
    });
  });
});

describe('analysisFormProblems', () => {
  it('asks for the file and required fields, and checks patterns', () => {
    expect(analysisFormProblems(qpcr, initialOptionValues(qpcr), false)).toEqual([
      'File: choose a file to analyse.',
      'Reference targets: required.',
    ]);
    expect(analysisFormProblems(rtca, { window: '24-72', baseTime: 'x' }, true)).toEqual([
      'Normalisation time (h): expected a number.',
      'Time window (h): expected two numbers, A,B.',
    ]);
    expect(analysisFormProblems(rtca, { window: '24, 72', baseTime: '24' }, true)).toEqual([]);
  });
});

describe('analysisFormFields', () => {
  it('sends trimmed non-empty values, normalised lists and checkboxes only when on', () => {
    expect(
      analysisFormFields(qpcr, {
        reference: ' U6, , RNU48 ',
        calibrator: '',
        method: 'livak',
        format: '',
        therapy: 'x',
      }),
    ).toEqual([
      ['reference', 'U6,RNU48'],
      ['method', 'livak'],
      ['therapy', 'x'],
    ]);
    expect(analysisFormFields(rtca, { window: '24 : 72' })).toEqual([['window', '24,72']]);
    const de = analysisDefinition('de')!;
    expect(analysisFormFields(de, { counts: 'false', method: 'limma' })).toEqual([['method', 'limma']]);
    expect(analysisFormFields(de, { counts: 'true', method: 'welch' })).toEqual([
      ['method', 'welch'],
      ['counts', 'true'],
    ]);
  });
});

describe('tables', () => {
  it('previews the first rows and counts the rest', () => {
    const rows = Array.from({ length: 250 }, (_, i) => [i]);
    const preview = previewTable({ columns: ['i'], rows });
    expect(preview.rows).toHaveLength(200);
    expect(preview.hidden).toBe(50);
  });

  it('formats cells', () => {
    expect(formatCell(0.123456)).toBe('0.1235');
    expect(formatCell(12)).toBe('12');
    expect(formatCell(0.00001234)).toBe('1.234e-5');
    expect(formatCell(null)).toBe('');
    expect(formatCell(true)).toBe('yes');
    expect(formatCell(Number.NaN)).toBe('NA');
    expect(formatCell('<b>x</b>')).toBe('<b>x</b>');
    expect(titleFromKey('fold_changes-table')).toBe('fold changes table');
  });
});
