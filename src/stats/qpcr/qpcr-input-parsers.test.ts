import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  detectQpcrFormat,
  parseCfxCqResults,
  parseLongQpcrTable,
  parseQpcrPlate,
  parseQuantStudioResults,
  parseSampleMap,
  type SampleMap,
} from './qpcr-input-parsers.js';
import { normaliseWell, type QpcrPlate } from './qpcr-measurement.js';
import { parseRdml } from './rdml-parser.js';

const F = 'test/fixtures/analysis/qpcr';
const read = (name: string) => readFileSync(`${F}/${name}`, 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(`${F}/${name}`));

function value<T>(r: { ok: true; value: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
  return r.value;
}
const map: SampleMap = value(parseSampleMap(read('sample-map.csv'), 'sample-map.csv'));
const long = value(parseLongQpcrTable(read('qpcr-long.csv'), 'qpcr-long.csv'));
/** well|target → Ct text, to compare plates read from different formats */
const cts = (p: QpcrPlate) =>
  Object.fromEntries(
    p.wells.map((w) => [`${w.well}|${w.target}`, [w.sample, w.group, Number.isNaN(w.ct) ? 'NA' : w.ct]]),
  );

describe('format detection', () => {
  it('recognises each fixture from its content', () => {
    expect(detectQpcrFormat(read('qpcr-long.csv'))).toBe('long');
    expect(detectQpcrFormat(read('cfx-quantification-cq-results.csv'))).toBe('cfx');
    expect(detectQpcrFormat(read('quantstudio-results.txt'))).toBe('quantstudio');
    expect(detectQpcrFormat('', bytes('qpcr-plate.rdml'))).toBe('rdml');
    expect(detectQpcrFormat('<?xml version="1.0"?>\n<rdml version="1.2">')).toBe('rdml');
    expect(detectQpcrFormat('a,b\n1,2\n')).toBeUndefined();
  });
});

describe('long table', () => {
  it('reads 54 reactions with wells, replicates and no-Ct tokens', () => {
    expect(long.wells).toHaveLength(54);
    expect(long.wells[0]).toEqual({
      line: 2,
      well: 'A1',
      sample: 'P1',
      group: 'Parental',
      target: 'miR-770-5p',
      replicate: 1,
      ct: 27.05,
      rawCt: '27.05',
    });
    const und = long.wells.find((w) => w.rawCt === 'Undetermined')!;
    expect([und.sample, und.target, Number.isNaN(und.ct)]).toEqual(['R1', 'miR-770-5p', true]);
  });
  it('reports a sample placed in two groups', () => {
    const text = 'sample,group,target,ct\nP1,A,U6,20\nP1,B,U6,20.1\n';
    const r = parseLongQpcrTable(text, 'x.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'x.csv', line: 3, field: 'group' });
  });
  it('reports a duplicated replicate number of one sample × target', () => {
    const r = parseLongQpcrTable('sample,group,target,replicate,ct\nP1,A,U6,1,20\nP1,A,U6,1,20.1\n', 'x.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 3, field: 'replicate' });
  });
});

describe('Bio-Rad CFX "Quantification Cq Results"', () => {
  const cfx = value(parseCfxCqResults(read('cfx-quantification-cq-results.csv'), 'cfx.csv', map));
  it('reads the unnamed index column, NaN Cq, and takes groups from the sample map', () => {
    expect(cfx.format).toBe('cfx');
    expect(cts(cfx)).toEqual(cts(long));
  });
  it('sets NTC wells aside and warns about the one that amplified', () => {
    expect(cfx.skipped.map((s) => [s.well, s.reason])).toEqual([
      ['B7', 'negative control (NTC)'],
      ['D7', 'negative control (NTC)'],
      ['F7', 'negative control (NTC)'],
    ]);
    expect(cfx.warnings.join('\n')).toMatch(/D7 \(U6\) amplified at Ct 37\.92/);
  });
  it('without a sample map, every well lacks a group (file, line, field)', () => {
    const r = parseCfxCqResults(read('cfx-quantification-cq-results.csv'), 'cfx.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(54);
      expect(r.issues[0]).toMatchObject({ file: 'cfx.csv', line: 2, field: 'group' });
    }
  });
  it('uses the Biological Set Name when present', () => {
    const text = read('cfx-quantification-cq-results.csv')
      .split('\n')
      .map((l) => l.replace(/,(P\d),,/, ',$1,Parental,').replace(/,(R\d),,/, ',$1,Resistant,'))
      .join('\n');
    expect(cts(value(parseCfxCqResults(text, 'cfx.csv')))).toEqual(cts(long));
  });
  it('reports a duplicated well × fluor and text in the Cq column', () => {
    const lines = read('cfx-quantification-cq-results.csv').split('\n');
    const dup = [...lines.slice(0, 3), lines[1]!, ...lines.slice(3)].join('\n');
    const r = parseCfxCqResults(dup, 'cfx.csv', map);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({ line: 4, field: 'Well', message: expect.stringMatching(/A1/) });
    const text = lines.map((l, i) => (i === 4 ? l.replace(',27.16,', ',n/d,') : l)).join('\n');
    const t = parseCfxCqResults(text, 'cfx.csv', map);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.issues[0]).toMatchObject({ line: 5, field: 'Cq' });
  });
});

describe('QuantStudio results export', () => {
  const qs = value(parseQuantStudioResults(read('quantstudio-results.txt'), 'qs.txt', map));
  it('reads the header block, the [Results] table up to the next section, and Undetermined', () => {
    expect(qs.metadata['Instrument Type']).toBe('QuantStudio™ 5 System');
    expect(qs.metadata['Passive Reference']).toBe('ROX');
    expect(cts(qs)).toEqual(cts(long));
    expect(qs.wells[0]!.line).toBe(22);
    expect(qs.skipped).toHaveLength(3);
  });
  it('leaves out omitted wells and reports a missing CT column', () => {
    const omitted = read('quantstudio-results.txt').replace('1\tA1\tfalse', '1\tA1\ttrue');
    const p = value(parseQuantStudioResults(omitted, 'qs.txt', map));
    expect(p.wells).toHaveLength(53);
    expect(p.skipped.find((s) => s.well === 'A1')!.reason).toMatch(/omitted/);
    const noCt = read('quantstudio-results.txt').replace('\tCT\t', '\tValue\t');
    const r = parseQuantStudioResults(noCt, 'qs.txt', map);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'qs.txt', line: 21, field: 'CT' });
  });
});

describe('RDML', () => {
  it('reads the zipped rdml_data.xml: groups from sample annotations, NTC set aside, −1 = no Cq', () => {
    const p = value(parseRdml(bytes('qpcr-plate.rdml'), 'plate.rdml'));
    expect(p.format).toBe('rdml');
    expect(cts(p)).toEqual(cts(long));
    expect(p.metadata).toMatchObject({
      rdmlVersion: '1.2',
      instrument: 'Bio-Rad CFX96',
      referenceTargets: 'U6,RNU48',
    });
    expect(p.skipped).toHaveLength(3);
    const xml = strFromU8(unzipSync(bytes('qpcr-plate.rdml'))['rdml_data.xml']!);
    const firstReact = xml.split('\n').findIndex((l) => l.includes('<react ')) + 1;
    expect(p.wells[0]!.line).toBe(firstReact);
  });
  it('reads the XML text too, lets a sample map override groups, and reports bad XML with its line', () => {
    const xml = strFromU8(unzipSync(bytes('qpcr-plate.rdml'))['rdml_data.xml']!);
    expect(cts(value(parseRdml(xml, 'plate.xml', map)))).toEqual(cts(long));
    const broken = xml.replace('<react id="2">', '<react id="2">\n<sample id="P1">');
    const r = parseRdml(broken, 'plate.xml');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({ file: 'plate.xml', field: 'XML', line: expect.any(Number) });
    const zipped = zipSync({ 'other.txt': strToU8('x') });
    expect(parseRdml(zipped, 'empty.rdml').ok).toBe(false);
  });
  it('goes through parseQpcrPlate with bytes', () => {
    const p = value(parseQpcrPlate({ text: '', file: 'plate.rdml', bytes: bytes('qpcr-plate.rdml') }));
    expect(p.wells).toHaveLength(54);
  });
});

describe('sample map', () => {
  it('treats A01 and A1 as the same well', () => {
    expect(normaliseWell('A01')).toBe('A1');
    expect(normaliseWell(' h 12 ')).toBe('H12');
    expect(normaliseWell('Z0')).toBeUndefined();
    expect(map.entries[0]).toMatchObject({ well: 'A1', sample: 'P1', group: 'Parental' });
  });
  it('reports a well mapped twice and a bad well name', () => {
    const r = parseSampleMap(
      'well,sample,group\nA1,P1,Parental\nA01,P2,Parental\nX,P3,Parental\n',
      'map.csv',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ file: 'map.csv', line: 3, field: 'well' });
      expect(r.issues[1]).toMatchObject({ file: 'map.csv', line: 4, field: 'well' });
    }
  });
  it('reports data wells the map does not cover', () => {
    const partial: SampleMap = { ...map, entries: map.entries.filter((e) => e.well !== 'C5') };
    const r = parseCfxCqResults(read('cfx-quantification-cq-results.csv'), 'cfx.csv', partial);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({
        file: 'cfx.csv',
        line: 25,
        field: 'Well',
        message: expect.stringMatching(/C5/),
      });
    }
  });
});

describe('malformed fixtures give issues with file, line and field', () => {
  const cases: [string, number, string, RegExp][] = [
    ['bad-missing-column.csv', 1, 'ct', /missing column/],
    ['bad-text-in-number.csv', 7, 'ct', /'n\.d\.' is not a number/],
    ['bad-empty-group.csv', 20, 'group', /empty/],
    ['bad-duplicate-well.csv', 9, 'well', /duplicated well: A4/],
  ];
  for (const [file, line, field, message] of cases)
    it(file, () => {
      const r = parseQpcrPlate({ text: read(file), file: `${F}/${file}` });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues[0]).toMatchObject({
          file: `${F}/${file}`,
          line,
          field,
          message: expect.stringMatching(message),
        });
    });
});
