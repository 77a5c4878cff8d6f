import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCellIndexTable, parseRtcaLayout, parseWindowOption, wellKey } from './cell-index-parser.js';

const fixtures = 'test/fixtures/analysis/rtca';
const read = (name: string) => readFileSync(`${fixtures}/${name}`, 'utf8');

describe('cell-index tables', () => {
  it('reads a wide RTCA export, ignoring the sweep (Time Interval) column', () => {
    const r = parseCellIndexTable(read('cell-index-wide.csv'), 'cell-index-wide.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe('wide');
    expect(r.value.times).toHaveLength(193);
    expect(r.value.times[0]).toBe(0);
    expect(r.value.times[192]).toBe(96);
    expect(r.value.wells.map((w) => w.well)).toEqual([
      'A01',
      'A02',
      'A03',
      'A04',
      'A05',
      'A06',
      'B01',
      'B02',
      'B03',
      'B04',
      'B05',
      'B06',
    ]);
    expect(r.value.wells[0]!.cellIndex[0]).toBe(0.0436);
  });

  it('reads tab-separated exports with elapsed h:mm:ss times, sorts rows and keeps missing readings as NaN', () => {
    const text = 'Time\tA1\tA2\n0:30:00\t0.12\t0.11\n0:00:00\t0.10\tNA\n1:00:00\t0.15\t\n';
    const r = parseCellIndexTable(text, 'export.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.times).toEqual([0, 0.5, 1]);
    expect(r.value.wells[0]!.cellIndex).toEqual([0.1, 0.12, 0.15]);
    expect(r.value.wells[1]!.cellIndex.map(Number.isNaN)).toEqual([true, false, true]);
  });

  it('reads long tables with a group column', () => {
    const text = 'time_h,well,cell_index,line\n0,A01,0.1,Parental\n1,A01,0.2,Parental\n0,B01,0.1,Resistant\n';
    const r = parseCellIndexTable(text, 'long.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe('long');
    expect(r.value.wells.map((w) => [w.well, w.group])).toEqual([
      ['A01', 'Parental'],
      ['B01', 'Resistant'],
    ]);
    expect(Number.isNaN(r.value.wells[1]!.cellIndex[1])).toBe(true);
  });

  it('reports a missing time column on the header line', () => {
    const r = parseCellIndexTable(read('bad-missing-column.csv'), 'bad-missing-column.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ file: 'bad-missing-column.csv', line: 1, field: 'Time (Hour)' });
    expect(r.issues[0]!.message).toMatch(/missing column/);
  });

  it('reports text in a cell-index column with line and well', () => {
    const r = parseCellIndexTable(read('bad-text-in-number.csv'), 'bad-text-in-number.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      expect.objectContaining({ file: 'bad-text-in-number.csv', line: 13, field: 'A03' }),
    ]);
    expect(r.issues[0]!.message).toMatch(/'OVRFLW' is not a number/);
  });

  it('reports a duplicated well reading and a repeated time', () => {
    const r = parseCellIndexTable(read('bad-duplicate-well.csv'), 'bad-duplicate-well.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ file: 'bad-duplicate-well.csv', line: 17, field: 'well' });
    expect(r.issues[0]!.message).toMatch(/duplicated well/);
    const wide = parseCellIndexTable('Time (h),A1\n0,0.1\n0,0.2\n', 'w.csv');
    expect(!wide.ok && wide.issues[0]).toMatchObject({ line: 3, field: 'Time (h)' });
  });

  it('reports a file with no data', () => {
    expect(parseCellIndexTable('Time (h),A1\n', 'empty.csv').ok).toBe(false);
    expect(parseCellIndexTable('', 'empty.csv').ok).toBe(false);
  });
});

describe('plate layouts', () => {
  it('reads well, group and treatment', () => {
    const r = parseRtcaLayout(read('layout.csv'), 'layout.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.entries).toHaveLength(12);
    expect(r.value.entries[3]).toMatchObject({
      well: 'A04',
      group: 'Parental + trastuzumab',
      treatment: 'trastuzumab 10 ug/mL',
      line: 5,
    });
  });

  it('reports an empty group with line and field', () => {
    const r = parseRtcaLayout(read('bad-empty-group.csv'), 'bad-empty-group.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { file: 'bad-empty-group.csv', line: 9, field: 'group', message: 'empty value' },
    ]);
  });

  it('reports a well listed twice and a missing group column', () => {
    const twice = parseRtcaLayout('well,group\nA1,P\nA01,R\n', 'l.csv');
    expect(!twice.ok && twice.issues[0]).toMatchObject({ line: 3, field: 'well' });
    const noGroup = parseRtcaLayout('well,colour\nA1,red\n', 'l.csv');
    expect(!noGroup.ok && noGroup.issues[0]).toMatchObject({ line: 1, field: 'group' });
  });

  it('matches well names written with or without a leading zero', () => {
    expect(wellKey('A01')).toBe(wellKey('a1'));
    expect(wellKey('H12')).not.toBe(wellKey('H1'));
  });

  it('parses a --window option', () => {
    expect(parseWindowOption('24,48')).toEqual({ ok: true, value: [24, 48] });
    expect(parseWindowOption('24').ok).toBe(false);
  });
});
