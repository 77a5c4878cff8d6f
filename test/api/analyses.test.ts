/** Lab-data analyses over HTTP: multipart uploads of the fixture files → tables, SVG figures, problems. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResponse } from '../../src/api/contract.js';
import { sqliteBackend } from '../helpers/backends.js';
import { apiFixture, expectProblem, multipart, type ApiFixture } from './helpers.js';

const F = 'test/fixtures/analysis';
const backend = sqliteBackend();
let fx: ApiFixture;

beforeAll(async () => {
  fx = await apiFixture(backend);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
});

const upload = async (
  kind: string,
  files: Parameters<typeof multipart>[0],
  fields: Record<string, string> = {},
  app = fx.app,
) => app.inject({ method: 'POST', url: `/api/analyses/${kind}`, ...(await multipart(files, fields)) });

const analysed = async (...args: Parameters<typeof upload>): Promise<AnalysisResponse> => {
  const r = await upload(...args);
  expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = r.json<AnalysisResponse>();
  // the stats core names the reference-gene analysis after what it measures
  expect(body.analysis).toBe(args[0] === 'reference-genes' ? 'reference-stability' : args[0]);
  return body;
};

/** Tables with rows, every row as wide as its columns; figures that are whole SVG documents. */
function expectTablesAndFigures(a: AnalysisResponse, tables: string[], figures: number): void {
  expect(Object.keys(a.tables)).toEqual(expect.arrayContaining(tables));
  for (const [name, table] of Object.entries(a.tables)) {
    expect(table.columns.length, name).toBeGreaterThan(0);
    for (const row of table.rows) expect(row, name).toHaveLength(table.columns.length);
  }
  for (const name of tables) expect(a.tables[name]!.rows.length, name).toBeGreaterThan(0);
  expect(Object.keys(a.figures).length).toBeGreaterThanOrEqual(figures);
  for (const [name, svg] of Object.entries(a.figures)) {
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml'), name).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>'), name).toBe(true);
    expect(svg, name).not.toMatch(/NaN|undefined/);
  }
}

const column = (a: AnalysisResponse, table: string, name: string) => {
  const t = a.tables[table]!;
  const i = t.columns.indexOf(name);
  expect(i, `${table}.${name} in ${t.columns.join(',')}`).toBeGreaterThanOrEqual(0);
  return t.rows.map((row) => row[i]);
};

describe('POST /api/analyses/{kind}: good uploads', () => {
  it('qpcr: Livak fold changes of miR-770-5p vs U6, a figure, links to the knowledge graph', async () => {
    const a = await analysed(
      'qpcr',
      { file: `${F}/qpcr/qpcr-long.csv` },
      { reference: 'U6', calibrator: 'Parental', therapy: 'trastuzumab' },
    );
    expectTablesAndFigures(a, ['results'], 1);
    expect(column(a, 'results', 'target')).toContain('miR-770-5p');
    expect(column(a, 'results', 'target')).not.toContain('U6');
    for (const fc of column(a, 'results', 'fold_change'))
      expect(typeof fc === 'number' || fc === null).toBe(true);
    expect(a.result['reference_genes']).toEqual(['U6']);
    expect(a.result['calibrator']).toBe('Parental');
    expect(a.tables.knowledge?.rows.length ?? 0).toBeGreaterThan(0);
  });

  it('qpcr with the Pfaffl method and a standard curve', async () => {
    const a = await analysed(
      'qpcr',
      { file: `${F}/qpcr/qpcr-long.csv`, standardCurve: `${F}/qpcr/standard-curve.csv` },
      { reference: 'U6', method: 'pfaffl' },
    );
    expect(a.result['method']).toBe('pfaffl');
    expectTablesAndFigures(a, ['results'], 1);
  });

  it('reference-genes: stability of the candidates', async () => {
    const a = await analysed('reference-genes', { file: `${F}/qpcr/reference-candidates.csv` });
    expectTablesAndFigures(a, ['stability'], 2);
  });

  it('dose-response: a fit per group and a resistance index > 1', async () => {
    const a = await analysed('dose-response', { file: `${F}/dose-response/viability.csv` });
    expectTablesAndFigures(a, ['fits', 'resistance_index'], 1);
    expect(a.tables.fits!.rows.length).toBeGreaterThanOrEqual(2);
    const ri = a.result['resistance_index'] as { value: number };
    expect(ri.value).toBeGreaterThan(1);
  });

  it('rtca with its plate layout part', async () => {
    const a = await analysed(
      'rtca',
      { file: `${F}/rtca/cell-index-wide.csv`, layout: `${F}/rtca/layout.csv` },
      { treatmentTime: '24', window: '24,48' },
    );
    expectTablesAndFigures(a, ['wells', 'groups'], 2);
    expect(a.tables.wells!.rows).toHaveLength(12);
  });

  it('synergy: the four reference models', async () => {
    const a = await analysed('synergy', { file: `${F}/synergy/combination.csv` });
    expectTablesAndFigures(a, ['summary'], 4);
    for (const model of ['zip', 'bliss', 'hsa', 'loewe'])
      expect(Object.keys(a.figures)).toContain(`synergy-${model}`);
  });

  it('de: limma with the samples part', async () => {
    const a = await analysed(
      'de',
      { file: `${F}/de/mirna-log2.csv`, samples: `${F}/de/samples.csv` },
      { referenceGroup: 'Parental', therapy: 'trastuzumab' },
    );
    expectTablesAndFigures(a, ['results'], 1);
  });
});

describe('POST /api/analyses/{kind}: problems', () => {
  it('answers a text cell in a numeric column with 422 and the file and line', async () => {
    const cases: [string, string, Record<string, string>, number, string][] = [
      ['qpcr', `${F}/qpcr/bad-text-in-number.csv`, { reference: 'U6' }, 7, 'ct'],
      ['dose-response', `${F}/dose-response/bad-text-in-number.csv`, {}, 11, 'dose_uM'],
    ];
    for (const [kind, file, fields, line, field] of cases) {
      const p = expectProblem(await upload(kind, { file }, fields), 422);
      expect(p.issues, file).toContainEqual(
        expect.objectContaining({ file: 'bad-text-in-number.csv', line, field }),
      );
    }
    for (const [kind, file] of [
      ['synergy', `${F}/synergy/bad-text-in-number.csv`],
      ['rtca', `${F}/rtca/bad-text-in-number.csv`],
    ]) {
      const p = expectProblem(await upload(kind!, { file: file! }), 422);
      const issue = p.issues?.find((i) => i.file === 'bad-text-in-number.csv');
      expect(issue, JSON.stringify(p)).toBeDefined();
      expect(issue!.line).toBeGreaterThan(1);
    }
  });

  it('answers a qpcr upload without a reference with 422 naming the field reference', async () => {
    const p = expectProblem(await upload('qpcr', { file: `${F}/qpcr/qpcr-long.csv` }), 422);
    expect(p.issues?.map((i) => i.field)).toContain('reference');
  });

  it('answers a bad option value with 422 naming the option', async () => {
    const p = expectProblem(
      await upload('qpcr', { file: `${F}/qpcr/qpcr-long.csv` }, { reference: 'U6', method: 'delta' }),
      422,
    );
    expect(p.issues?.map((i) => i.field)).toContain('method');
  });

  it('answers an upload without the file part with 422 naming file', async () => {
    const p = expectProblem(await upload('qpcr', {}, { reference: 'U6' }), 422);
    expect(p.issues?.map((i) => i.field)).toContain('file');
  });

  it('answers an unknown file part with 400 and an unknown analysis with 400', async () => {
    expectProblem(await upload('qpcr', { data: `${F}/qpcr/qpcr-long.csv` }, { reference: 'U6' }), 400);
    const p = expectProblem(await upload('pca', { file: `${F}/qpcr/qpcr-long.csv` }), 400);
    expect(p.issues?.map((i) => i.field)).toContain('params.kind');
  });

  it('answers a binary upload with 422', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]);
    expectProblem(await upload('dose-response', { file: { name: 'data.xlsx', bytes } }), 422);
  });

  it('answers a JSON body or a plain-text body with 415', async () => {
    const json = await fx.app.inject({
      method: 'POST',
      url: '/api/analyses/qpcr',
      payload: { reference: 'U6', file: 'well,ct' },
    });
    expectProblem(json, 415);
    const text = await fx.app.inject({
      method: 'POST',
      url: '/api/analyses/dose-response',
      payload: readFileSync(`${F}/dose-response/viability.csv`),
      headers: { 'content-type': 'text/csv' },
    });
    expectProblem(text, 415);
  });

  it('answers a file over the upload limit with a 413 problem', async () => {
    const small = await fx.server({ limits: { uploadBytes: 1024 } });
    expect(readFileSync(`${F}/qpcr/qpcr-long.csv`).length).toBeGreaterThan(1024);
    const p = expectProblem(
      await upload('qpcr', { file: `${F}/qpcr/qpcr-long.csv` }, { reference: 'U6' }, small),
      413,
    );
    expect(p.instance).toBe('/api/analyses/qpcr');
    // and the same server still analyses what fits
    const head = readFileSync(`${F}/dose-response/viability.csv`, 'utf8').split('\n').slice(0, 10).join('\n');
    const r = await upload(
      'dose-response',
      { file: { name: 'head.csv', bytes: Buffer.from(head) } },
      {},
      small,
    );
    expect(r.statusCode).not.toBe(413);
  });
});
