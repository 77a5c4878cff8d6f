/** `miresist analyse …` end to end: sample files → CSV + SVG + JSON; malformed files → file:line: column errors, no output. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'miresist-analyse-'));
const db = join(dir, 'store.sqlite');
const cli = cliRunner('--db', db);
const F = 'test/fixtures/analysis';

beforeAll(() => {
  const built = cli('kb', 'build');
  expect(built.code, built.err).toBe(0);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function outputsOf(out: string): string[] {
  return readdirSync(out).sort();
}

function expectFigureAndTable(out: string, analysis: string): void {
  const files = outputsOf(out);
  expect(files).toContain(`${analysis}.json`);
  expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
  const svgs = files.filter((f) => f.endsWith('.svg'));
  expect(svgs.length).toBeGreaterThan(0);
  for (const svg of svgs) {
    const text = readFileSync(join(out, svg), 'utf8');
    expect(text.startsWith('<svg'), svg).toBe(true);
    expect(text, svg).toMatch(/<\/svg>\s*$/);
    expect(text, svg).not.toMatch(/NaN|undefined/);
  }
  expect(files.some((f) => f.includes('.partial-'))).toBe(false);
}

describe('miresist analyse qpcr', () => {
  it('computes Livak fold changes with the issue JSON shape and links miR-770-5p to seed 000', () => {
    const out = join(dir, 'qpcr');
    const r = cli(
      'analyse',
      'qpcr',
      `${F}/qpcr/qpcr-long.csv`,
      '--reference',
      'U6',
      '--calibrator',
      'Parental',
      '--therapy',
      'trastuzumab',
      '--json',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      results: {
        target: string;
        group: string;
        fold_change: number;
        fold_change_low: number;
        fold_change_high: number;
        p_value: number;
      }[];
      knowledge: { links: { feature: string; verdict: string; message: string }[] };
    };
    const mir = json.results.find((x) => x.target === 'miR-770-5p' && x.group === 'Resistant')!;
    expect(mir.fold_change).toBeLessThan(0.3);
    expect(mir.fold_change_low).toBeLessThan(mir.fold_change);
    expect(mir.fold_change_high).toBeGreaterThan(mir.fold_change);
    expect(mir.p_value).toBeLessThan(0.05);
    const link = json.knowledge.links.find((l) => l.feature === 'miR-770-5p')!;
    expect(link.verdict).toBe('consistent');
    expect(link.message).toContain('seed 000');
    expectFigureAndTable(out, 'qpcr');
    expect(outputsOf(out)).toContain('knowledge.csv');
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toContain('miR-770-5p');
  });

  it('prints a text summary with the knowledge-graph lines', () => {
    const r = cli(
      'analyse',
      'qpcr',
      `${F}/qpcr/qpcr-long.csv`,
      '--reference',
      'U6',
      '--therapy',
      'trastuzumab',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('results:');
    expect(r.out).toMatch(/miR-770-5p down in Resistant vs Parental: consistent with seed 000/);
  });

  it('reads a QuantStudio export with a sample map and a CFX export', () => {
    for (const file of ['quantstudio-results.txt', 'cfx-quantification-cq-results.csv']) {
      const r = cli(
        'analyse',
        'qpcr',
        `${F}/qpcr/${file}`,
        '--sample-map',
        `${F}/qpcr/sample-map.csv`,
        '--reference',
        'U6',
        '--reference',
        'RNU48',
        '--calibrator',
        'Parental',
        '--json',
        '--no-knowledge',
      );
      expect(r.code, `${file}: ${r.err}`).toBe(0);
      const json = JSON.parse(r.out) as { results: { target: string; fold_change: number }[] };
      expect(json.results.find((x) => x.target === 'miR-770-5p')!.fold_change).toBeLessThan(0.3);
    }
  });

  it('reads a zipped RDML file', () => {
    const r = cli(
      'analyse',
      'qpcr',
      `${F}/qpcr/qpcr-plate.rdml`,
      '--reference',
      'U6',
      '--json',
      '--no-knowledge',
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      input: { format: string };
      results: { target: string; fold_change: number }[];
    };
    expect(json.input.format).toBe('rdml');
    expect(json.results.find((x) => x.target === 'miR-770-5p')!.fold_change).toBeCloseTo(0.1851, 3);
  });

  it('runs Pfaffl with a standard curve', () => {
    const out = join(dir, 'pfaffl');
    const r = cli(
      'analyse',
      'qpcr',
      `${F}/qpcr/qpcr-long.csv`,
      '--reference',
      'U6',
      '--method',
      'pfaffl',
      '--standard-curve',
      `${F}/qpcr/standard-curve.csv`,
      '--json',
      '--out',
      out,
      '--no-knowledge',
    );
    expect(r.code, r.err).toBe(0);
    expect(outputsOf(out)).toContain('standard-curve.svg');
  });

  it('analyses reference-gene stability', () => {
    const out = join(dir, 'stability');
    const r = cli('analyse', 'reference-genes', `${F}/qpcr/reference-candidates.csv`, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(outputsOf(out)).toEqual(expect.arrayContaining(['genorm.svg', 'normfinder.svg']));
  });
});

describe('miresist analyse rtca | dose-response | synergy | de', () => {
  it('rtca', () => {
    const out = join(dir, 'rtca');
    const r = cli(
      'analyse',
      'rtca',
      `${F}/rtca/cell-index-wide.csv`,
      '--layout',
      `${F}/rtca/layout.csv`,
      '--treatment-time',
      '24',
      '--window',
      '24,48',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('wells:');
    expectFigureAndTable(out, 'rtca');
  });

  it('dose-response has the issue JSON shape', () => {
    const out = join(dir, 'dose');
    const r = cli('analyse', 'dose-response', `${F}/dose-response/viability.csv`, '--json', '--out', out);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      fits: {
        group: string;
        ic50: number;
        ic50_ci: [number, number];
        hill: number;
        top: number;
        bottom: number;
      }[];
      resistance_index: { value: number; ci: [number, number] };
    };
    expect(json.fits.length).toBeGreaterThanOrEqual(2);
    for (const f of json.fits) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['group', 'ic50', 'ic50_ci', 'hill', 'top', 'bottom']),
      );
      expect(f.ic50_ci[0]).toBeLessThan(f.ic50);
      expect(f.ic50_ci[1]).toBeGreaterThan(f.ic50);
    }
    expect(json.resistance_index.value).toBeGreaterThan(1);
    expect(json.resistance_index.ci).toHaveLength(2);
    expectFigureAndTable(out, 'dose-response');
  });

  it('synergy', () => {
    const out = join(dir, 'synergy');
    const r = cli('analyse', 'synergy', `${F}/synergy/combination.csv`, '--out', out);
    expect(r.code, r.err).toBe(0);
    expectFigureAndTable(out, 'synergy');
  });

  it('synergy reads % viability with --data-type viability (same scores as % inhibition)', () => {
    const scores = (file: string, ...extra: string[]) => {
      const r = cli('analyse', 'synergy', file, '--json', ...extra);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { blocks: { summary: Record<string, { mean: number }> }[] }).blocks[0]!
        .summary;
    };
    const inhibition = scores(`${F}/synergy/combination.csv`);
    const viability = scores(`${F}/synergy/combination-viability.csv`, '--data-type', 'viability');
    for (const m of ['zip', 'bliss', 'hsa', 'loewe'])
      expect(viability[m]!.mean).toBeCloseTo(inhibition[m]!.mean, 6);
    const unflagged = cli('analyse', 'synergy', `${F}/synergy/combination-viability.csv`);
    expect(unflagged.out).toMatch(/looks like % viability; pass --data-type viability/);
  });

  it('de with limma links significant miRNAs', () => {
    const out = join(dir, 'de');
    const r = cli(
      'analyse',
      'de',
      `${F}/de/mirna-log2.csv`,
      '--samples',
      `${F}/de/samples.csv`,
      '--reference-group',
      'Parental',
      '--therapy',
      'trastuzumab',
      '--json',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { knowledge: { links: { feature: string; verdict: string }[] } };
    expect(json.knowledge.links.find((l) => l.feature === 'hsa-miR-770-5p')?.verdict).toBe('consistent');
    expectFigureAndTable(out, 'de');
  });
});

describe('malformed input: file:line: column: message, and no partial output', () => {
  const q = `${F}/qpcr`;
  const cases: { name: string; args: string[]; error: string }[] = [
    {
      name: 'qpcr duplicated well',
      args: ['qpcr', `${q}/bad-duplicate-well.csv`, '--reference', 'U6'],
      error: `${q}/bad-duplicate-well.csv:9: well: duplicated well`,
    },
    {
      name: 'qpcr empty group',
      args: ['qpcr', `${q}/bad-empty-group.csv`, '--reference', 'U6'],
      error: `${q}/bad-empty-group.csv:20: group: empty value`,
    },
    {
      name: 'qpcr missing column',
      args: ['qpcr', `${q}/bad-missing-column.csv`, '--reference', 'U6'],
      error: `${q}/bad-missing-column.csv:1: ct: missing column`,
    },
    {
      name: 'qpcr text in Ct',
      args: ['qpcr', `${q}/bad-text-in-number.csv`, '--reference', 'U6'],
      error: `${q}/bad-text-in-number.csv:7: ct: 'n.d.' is not a number`,
    },
    {
      name: 'dose-response empty group',
      args: ['dose-response', `${F}/dose-response/bad-empty-group.csv`],
      error: `${F}/dose-response/bad-empty-group.csv:68: response: group 'MCF7_DoxR_miR-770-5p' has no usable responses`,
    },
    {
      name: 'dose-response missing column',
      args: ['dose-response', `${F}/dose-response/bad-missing-column.csv`],
      error: `${F}/dose-response/bad-missing-column.csv:1: response: missing column`,
    },
    {
      name: 'dose-response negative dose',
      args: ['dose-response', `${F}/dose-response/bad-negative-dose.csv`],
      error: `${F}/dose-response/bad-negative-dose.csv:6: dose_uM: -0.001 is < 0`,
    },
    {
      name: 'dose-response text in dose',
      args: ['dose-response', `${F}/dose-response/bad-text-in-number.csv`],
      error: `${F}/dose-response/bad-text-in-number.csv:11: dose_uM: '0.01 uM' is not a number`,
    },
    {
      name: 'synergy empty block',
      args: ['synergy', `${F}/synergy/bad-empty-group.csv`],
      error: `${F}/synergy/bad-empty-group.csv:32: response: block 2 has no responses`,
    },
    {
      name: 'synergy incomplete matrix',
      args: ['synergy', `${F}/synergy/bad-incomplete-matrix.csv`],
      error: `${F}/synergy/bad-incomplete-matrix.csv:2: conc1: block 1: the dose matrix is incomplete`,
    },
    {
      name: 'synergy missing column',
      args: ['synergy', `${F}/synergy/bad-missing-column.csv`],
      error: `${F}/synergy/bad-missing-column.csv:1: conc2: missing column`,
    },
    {
      name: 'synergy text in response',
      args: ['synergy', `${F}/synergy/bad-text-in-number.csv`],
      error: `${F}/synergy/bad-text-in-number.csv:11: response: 'high' is not a number`,
    },
    {
      name: 'rtca missing time column',
      args: ['rtca', `${F}/rtca/bad-missing-column.csv`],
      error: `${F}/rtca/bad-missing-column.csv:1: Time (Hour): missing column`,
    },
    {
      name: 'rtca text in cell index',
      args: ['rtca', `${F}/rtca/bad-text-in-number.csv`],
      error: `${F}/rtca/bad-text-in-number.csv:13: A03: 'OVRFLW' is not a number`,
    },
    {
      name: 'rtca duplicated well',
      args: ['rtca', `${F}/rtca/bad-duplicate-well.csv`],
      error: `${F}/rtca/bad-duplicate-well.csv:17: well: well A02 at 2 h already on line 11`,
    },
    {
      name: 'rtca layout with an empty group',
      args: ['rtca', `${F}/rtca/cell-index-wide.csv`, '--layout', `${F}/rtca/bad-empty-group.csv`],
      error: `${F}/rtca/bad-empty-group.csv:9: group: empty value`,
    },
    {
      name: 'de text in expression',
      args: ['de', `${F}/de/bad-text-in-number.csv`, '--samples', `${F}/de/samples.csv`],
      error: `${F}/de/bad-text-in-number.csv:4: R1: 'high' is not a number`,
    },
    {
      name: 'de samples without group column',
      args: ['de', `${F}/de/mirna-log2.csv`, '--samples', `${F}/de/bad-missing-column.csv`],
      error: `${F}/de/bad-missing-column.csv:1: group: missing column`,
    },
    {
      name: 'de samples with an empty group',
      args: ['de', `${F}/de/mirna-log2.csv`, '--samples', `${F}/de/bad-empty-group.csv`],
      error: `${F}/de/bad-empty-group.csv:5: group: empty value`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = join(dir, `bad-${c.name.replace(/\W+/g, '-')}`);
      const r = cli('analyse', ...c.args, '--out', out);
      expect(r.code, r.out).toBe(2);
      expect(r.err).toContain('nothing was changed');
      expect(r.err).toContain(c.error);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).some((f) => f.includes('.partial-'))).toBe(false);
    });
  }

  it('a binary file, an empty file and a directory are refused clearly', () => {
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(cli('analyse', 'dose-response', binary).err).toMatch(/binary file/);
    expect(cli('analyse', 'dose-response', empty).err).toMatch(/empty/);
    expect(cli('analyse', 'dose-response', dir).err).toMatch(/is a directory/);
  });

  it('reads UTF-16 exports (little- and big-endian, with a byte-order mark)', () => {
    const text = readFileSync(`${F}/dose-response/viability.csv`, 'utf8');
    const le = join(dir, 'utf16le.csv');
    const be = join(dir, 'utf16be.csv');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const ic50 = (file: string) => {
      const r = cli('analyse', 'dose-response', file, '--json');
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { fits: { ic50: number }[] }).fits.map((f) => f.ic50);
    };
    expect(ic50(le)).toEqual(ic50(`${F}/dose-response/viability.csv`));
    expect(ic50(be)).toEqual(ic50(le));
  });

  it('bad options name the flag', () => {
    const r = cli('analyse', 'qpcr', `${F}/qpcr/qpcr-long.csv`, '--reference', 'U6', '--method', 'delta');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--method/);
    expect(cli('analyse', 'qpcr', `${F}/qpcr/qpcr-long.csv`).err).toMatch(/--reference/);
  });
});
