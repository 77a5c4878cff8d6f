import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv } from './csv.js';

describe('tableToCsv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = tableToCsv({
      columns: ['target', 'note', 'fold_change', 'significant'],
      rows: [
        ['miR-770-5p', 'down, in "resistant" cells', 0.25, true],
        ['U6', 'line one\nline two', null, false],
        ['miR-21', '<script>alert(1)</script>', -1.5e-7, null],
      ],
    });
    expect(csv).toBe(
      'target,note,fold_change,significant\r\n' +
        'miR-770-5p,"down, in ""resistant"" cells",0.25,true\r\n' +
        'U6,"line one\nline two",,false\r\n' +
        'miR-21,<script>alert(1)</script>,-1.5e-7,\r\n',
    );
  });

  it('writes non-finite numbers as R does', () => {
    expect(csvField(Number.NaN)).toBe('NA');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('Inf');
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe('-Inf');
  });

  it('handles an empty table', () => {
    expect(tableToCsv({ columns: [], rows: [] })).toBe('\r\n');
  });
});
