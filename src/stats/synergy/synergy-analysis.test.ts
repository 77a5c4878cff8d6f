import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSynergyAnalysis } from './synergy-analysis.js';
import { parseSynergyTable } from './synergy-parser.js';

const fixtures = 'test/fixtures/analysis/synergy';
const reference = JSON.parse(
  readFileSync('../shared/data/reference-stats/synergy/synergyfinder_scores.json', 'utf8'),
);
const load = (name: string) => ({ text: readFileSync(`${fixtures}/${name}`, 'utf8'), file: name });

describe('runSynergyAnalysis on the SynergyFinder reference block', () => {
  const out = runSynergyAnalysis(load('combination.csv'), {});
  if (!out.ok) throw new Error('fixture must parse');
  const { json, tables, figures } = out.value;
  const [block] = json.blocks;

  it('reports every well, the block summary and the single-drug fits', () => {
    expect(json.blocks).toHaveLength(1);
    expect(block).toMatchObject({ block_id: '1', drug1: 'Doxorubicin', drug2: 'AgentB', conc_unit1: 'uM' });
    expect(block!.wells).toHaveLength(30);
    const [summary] = reference.summary;
    expect(block!.summary.hsa.mean).toBeCloseTo(summary.HSA_synergy, 9);
    expect(block!.summary.bliss.mean).toBeCloseTo(summary.Bliss_synergy, 9);
    expect(block!.summary.bliss.p_text).toBe(summary.Bliss_synergy_p_value);
    expect(block!.summary.zip.p_text).toBe(summary.ZIP_synergy_p_value);
    expect(Math.abs(block!.summary.zip.mean! - summary.ZIP_synergy)).toBeLessThan(0.05);
    expect(Math.abs(block!.summary.loewe.mean! - summary.Loewe_synergy)).toBeLessThan(0.05);
    expect(block!.summary.hsa.interpretation).toBe('synergistic');
    expect(block!.single_drug_fits.drug1.b).toBeLessThan(0);
    expect(block!.single_drug_fits.drug1.median_effect!.n).toBe(5);
  });

  it('gives a Chou–Talalay CI for combination wells inside 0 < fa < 1 only', () => {
    const combos = block!.wells.filter((w) => w.conc1 > 0 && w.conc2 > 0);
    const full = combos.find((w) => w.response === 100)!;
    expect(full.ci).toBeNull();
    expect(combos.filter((w) => w.ci !== null)).toHaveLength(19);
    expect(block!.combination_index).toMatchObject({ n: 19, wells_without_ci: 1 });
    expect(block!.wells.filter((w) => w.conc1 === 0 || w.conc2 === 0).every((w) => w.ci === null)).toBe(true);
    expect(block!.flags).toContain('1 combination well(s) without a CI: inhibition outside (0, 100) %');
    // a CI is a ratio: summarised by its geometric mean and median, not the arithmetic mean
    const cis = combos.flatMap((w) => (w.ci === null ? [] : [w.ci]));
    const logMean = cis.reduce((a, c) => a + Math.log(c), 0) / cis.length;
    expect(block!.combination_index.geometric_mean).toBeCloseTo(Math.exp(logMean), 12);
    const sorted = [...cis].sort((a, b) => a - b);
    expect(block!.combination_index.median).toBe(sorted[9]);
    expect(block!.combination_index).not.toHaveProperty('mean');
    expect(json.conventions.combination_index).toMatch(/^geometric mean and median/);
    // synergy in the matrix is seen as CI < 1 around 0.1 µM doxorubicin
    expect(combos.find((w) => w.conc1 === 0.1 && w.conc2 === 1)!.ci).toBeLessThan(1);
  });

  it('writes wells, summary and single-drug tables, four synergy heatmaps and the response matrix', () => {
    expect(tables.wells!.rows).toHaveLength(30);
    expect(tables.wells!.columns).toEqual(
      expect.arrayContaining([
        'bliss_ref',
        'bliss',
        'hsa_ref',
        'loewe_ref',
        'zip_fit',
        'zip_ref',
        'zip',
        'ci',
      ]),
    );
    expect(tables.summary!.rows).toHaveLength(4);
    expect(tables.single_drug_fits!.rows).toHaveLength(2);
    expect(Object.keys(figures).sort()).toEqual([
      'response-matrix',
      'synergy-bliss',
      'synergy-hsa',
      'synergy-loewe',
      'synergy-zip',
    ]);
    for (const svg of Object.values(figures)) expect(svg).not.toMatch(/NaN|undefined/);
  });
});

describe('% viability input (SynergyFinder data_type = "viability")', () => {
  const inhibition = runSynergyAnalysis(load('combination.csv'), {});
  if (!inhibition.ok) throw new Error('fixture must parse');
  const [reference] = inhibition.value.json.blocks;

  it('converts viability to 100 − viability and gives the inhibition table’s scores', () => {
    const out = runSynergyAnalysis(load('combination-viability.csv'), { dataType: 'viability' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const { json } = out.value;
    expect(json).toMatchObject({ response: '% inhibition', input_data_type: 'viability' });
    expect(json.conventions.response).toMatch(/100 − % viability/);
    const [block] = json.blocks;
    for (const m of ['bliss', 'hsa', 'loewe', 'zip'] as const)
      expect(block!.summary[m].mean).toBeCloseTo(reference!.summary[m].mean!, 6);
    expect(block!.combination_index.geometric_mean).toBeCloseTo(
      reference!.combination_index.geometric_mean!,
      6,
    );
    const well = block!.wells.find((w) => w.conc1 === 0.1 && w.conc2 === 0)!;
    expect(well.input_response).toBeCloseTo(57.49, 10);
    expect(well.response).toBeCloseTo(42.51, 10);
    expect(out.value.tables.wells!.columns).toContain('input_response');
    expect(out.value.warnings.filter((w) => /data type/.test(w))).toEqual([]);
    expect(out.value.figures['response-matrix']).toMatch(/100 − % viability/);
  });

  it('says so when a viability table is read as inhibition (the default), instead of flipping signs silently', () => {
    const out = runSynergyAnalysis(load('combination-viability.csv'), {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.json.input_data_type).toBe('inhibition');
    const warning = out.value.warnings.find((w) => /data type/.test(w));
    expect(warning).toMatch(
      /^block 1: data type: .*untreated well reads 100 %.*looks like % viability; pass --data-type viability$/,
    );
    expect(out.value.json.blocks[0]!.flags).toContain(warning!.replace('block 1: ', ''));
  });

  it('and when an inhibition table is read as viability', () => {
    const out = runSynergyAnalysis(load('combination.csv'), { dataType: 'viability' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.warnings).toContainEqual(
      expect.stringMatching(/untreated well reads 0 % and responses rise .*pass --data-type inhibition$/),
    );
  });

  it('no data-type warning for inhibition tables read as inhibition', () => {
    expect(inhibition.value.warnings.filter((w) => /data type|--data-type/.test(w))).toEqual([]);
    const two = runSynergyAnalysis(load('combination-two-blocks.csv'), {});
    expect(two.ok && two.value.warnings.filter((w) => /data type|--data-type/.test(w))).toEqual([]);
  });

  it('a response header naming viability warns when read as inhibition', () => {
    const text = load('combination-viability.csv').text.replace(',response,', ',viability,');
    const parsed = parseSynergyTable(text, 'v.csv');
    expect(parsed.ok && parsed.value.warnings).toContainEqual(
      expect.stringMatching(
        /^v\.csv: the response column 'viability' reads as % viability .*--data-type viability/,
      ),
    );
    const right = parseSynergyTable(text, 'v.csv', { dataType: 'viability' });
    expect(right.ok && right.value.warnings.filter((w) => /data-type/.test(w))).toEqual([]);
    expect(right.ok && right.value.blocks[0]!.response[0]![0]).toBe(0);
  });
});

describe('SynergyFinder long tables with several blocks and replicates', () => {
  it('averages replicate wells, names figures by block and warns', () => {
    const out = runSynergyAnalysis(load('combination-two-blocks.csv'), {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const second = out.value.json.blocks[1]!;
    expect(second).toMatchObject({ drug1: 'Lapatinib', drug2: 'Trastuzumab', conc_unit2: 'ug/mL' });
    expect(second.wells.every((w) => w.replicates === 2 || (w.conc1 === 0 && w.conc2 === 0))).toBe(true);
    expect(out.value.warnings).toContain(
      "block 2: replicate wells averaged (SynergyFinder's replicate bootstrap is not reproduced)",
    );
    expect(Object.keys(out.value.figures)).toContain('synergy-zip-2');
    expect(out.value.figures['synergy-zip-2']).toMatch(/Trastuzumab \(µg\/mL\)/);
  });
});

describe('degenerate matrices give flags, not exceptions', () => {
  it('an inactive second drug: no Loewe reference and no CI, flagged; Bliss and HSA still 0', () => {
    const rows = ['block_id,drug1,drug2,conc1,conc2,response'];
    for (const a of [0, 0.1, 1, 10])
      for (const b of [0, 1, 10, 100])
        rows.push(`1,A,Inactive,${a},${b},${a === 0 ? 0 : ((100 * a) / (a + 1)).toFixed(2)}`);
    const out = runSynergyAnalysis({ text: rows.join('\n'), file: 'inactive.csv' }, {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const [block] = out.value.json.blocks;
    expect(block!.summary.bliss.mean).toBeCloseTo(0, 12);
    expect(block!.summary.loewe.mean).toBeNull();
    expect(block!.flags).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no Chou–Talalay CI/),
        expect.stringMatching(/^Loewe reference not found/),
      ]),
    );
    for (const svg of Object.values(out.value.figures)) expect(svg).not.toMatch(/NaN|undefined/);
  });
});

describe('synergy table issues (file, line, field)', () => {
  const issues = (name: string) => {
    const r = runSynergyAnalysis(load(name), {});
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.issues;
  };

  it('missing column', () => {
    expect(issues('bad-missing-column.csv')).toEqual([
      expect.objectContaining({ file: 'bad-missing-column.csv', line: 1, field: 'conc2' }),
    ]);
  });

  it('text in the response column, and nothing else', () => {
    expect(issues('bad-text-in-number.csv')).toEqual([
      expect.objectContaining({ file: 'bad-text-in-number.csv', line: 11, field: 'response' }),
    ]);
  });

  it('a block whose responses are all empty', () => {
    const [issue] = issues('bad-empty-group.csv');
    expect(issue).toMatchObject({ file: 'bad-empty-group.csv', line: 32, field: 'response' });
    expect(issue!.message).toMatch(/block 2 has no responses/);
  });

  it('an incomplete dose matrix names the missing well', () => {
    const [issue] = issues('bad-incomplete-matrix.csv');
    expect(issue).toMatchObject({ line: 2, field: 'conc1' });
    expect(issue!.message).toMatch(/0\.1 × 3/);
  });

  it('mixed drugs within a block, negative concentrations and missing zero wells', () => {
    const head = 'block_id,drug1,drug2,conc1,conc2,response\n';
    const mixed = parseSynergyTable(`${head}1,A,B,0,0,0\n1,C,B,1,0,10\n`, 'm.csv');
    expect(mixed.ok ? [] : mixed.issues).toEqual([expect.objectContaining({ line: 3, field: 'drug1' })]);
    const negative = parseSynergyTable(`${head}1,A,B,-1,0,0\n`, 'n.csv');
    expect(negative.ok ? [] : negative.issues).toEqual([
      expect.objectContaining({ line: 2, field: 'conc1' }),
    ]);
    const noZero = parseSynergyTable(`${head}1,A,B,1,0,5\n1,A,B,2,0,9\n1,A,B,3,0,12\n`, 'z.csv');
    expect(noZero.ok ? [] : noZero.issues[0]!.message).toMatch(/no conc1 = 0 wells/);
  });
});
