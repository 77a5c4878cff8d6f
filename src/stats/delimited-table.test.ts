import { describe, expect, it } from 'vitest';
import { parseDelimitedTable, parseNumber, TableReader } from './delimited-table.js';

describe('lab tables', () => {
  it('guesses the delimiter and keeps line numbers through blank lines and quoted line breaks', () => {
    for (const [text, delimiter] of [
      ['a,b\n1,2\n\n"x\ny",3\n', ','],
      ['a\tb\n1\t2\n\n"x\ny"\t3\n', '\t'],
      ['a;b\n1;2\n\n"x\ny";3\n', ';'],
    ] as const) {
      const r = parseDelimitedTable(text, 'f.csv');
      expect(r.ok, delimiter).toBe(true);
      if (!r.ok) continue;
      expect(r.value.columns).toEqual(['a', 'b']);
      expect(r.value.rows.map((row) => row.line)).toEqual([2, 5]);
      expect(r.value.rows[1]!.cells).toEqual({ a: 'x\ny', b: '3' });
    }
  });

  it('reports empty files, duplicated column names and ragged rows with their lines', () => {
    expect(parseDelimitedTable('\n\n', 'e.csv')).toMatchObject({ ok: false, issues: [{ file: 'e.csv' }] });
    const dup = parseDelimitedTable('a,A\n1,2\n', 'd.csv');
    expect(dup).toMatchObject({
      ok: false,
      issues: [{ line: 1, field: 'A', message: 'duplicated column name' }],
    });
    const ragged = parseDelimitedTable('a,b\n1,2,3\n', 'r.csv');
    expect(ragged).toMatchObject({ ok: false, issues: [{ line: 2 }] });
  });

  it('reads numbers, missing tokens and refuses text, naming line and column', () => {
    const r = parseDelimitedTable('ct,dose\n27.1,1\nUndetermined,2\nabc,-1\n', 'q.csv');
    if (!r.ok) throw new Error('parse');
    const reader = new TableReader(r.value);
    const ct = reader.requireColumn('Ct', 'Cq');
    const values = r.value.rows.map((row) => reader.number(row, ct, { missing: ['Undetermined'] }));
    expect(values.slice(0, 2)).toEqual([27.1, NaN]);
    r.value.rows.forEach((row) => reader.number(row, 'dose', { min: 0 }));
    reader.requireColumn('group');
    expect(reader.issues).toEqual([
      {
        file: 'q.csv',
        line: 4,
        field: 'ct',
        message: "'abc' is not a number (expected a number or 'Undetermined')",
      },
      { file: 'q.csv', line: 4, field: 'dose', message: '-1 is < 0' },
      expect.objectContaining({
        line: 1,
        field: 'group',
        message: expect.stringContaining('missing column'),
      }),
    ]);
  });

  it('accepts decimal commas but refuses a possible thousands separator', () => {
    expect(parseNumber('1,5')).toBe(1.5);
    expect(parseNumber('0,0125')).toBe(0.0125);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('1,000')).toBeUndefined();
    expect(parseNumber('12 uM')).toBeUndefined();
    const r = parseDelimitedTable('dose\n"1,000"\n', 't.csv');
    if (!r.ok) throw new Error('parse');
    const reader = new TableReader(r.value);
    reader.number(r.value.rows[0]!, 'dose');
    expect(reader.issues[0]!.message).toMatch(/thousands separator/);
  });
});
