/** `miresist model convert` as a user runs it: formats by file ending, notes on stderr, precise errors, exit 2. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBnet, parseBnet } from '../src/netsim/index.js';
import { functionDifferences } from './helpers/network-equivalence.js';
import { cliRunner } from './helpers/cli.js';

const models = '../shared/data/models';
const dir = mkdtempSync(join(tmpdir(), 'miresist-convert-'));
const convert = cliRunner('model', 'convert');

describe('miresist model convert', () => {
  it('round-trips a .bnet model through SBML-qual and back without loss', () => {
    const source = `${models}/emt_mirna/sullivan2023_emt_switch.bnet`;
    const sbml = join(dir, 'sullivan.sbml');
    const back = join(dir, 'sullivan.bnet');
    const first = convert(source, sbml);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain(`wrote 12 nodes as sbml to ${sbml}`);
    expect(readFileSync(sbml, 'utf8')).toContain('<qual:listOfTransitions>');
    const second = convert(sbml, back);
    expect(second.code, second.err).toBe(0);
    const original = parseBnet(readFileSync(source, 'utf8'));
    if (!original.ok) throw new Error('fixture does not parse');
    expect(readFileSync(back, 'utf8')).toBe(formatBnet(original.value));
  });

  it('writes MaBoSS .bnd with its .cfg beside it, and reads the .bnd back to the same rules', () => {
    const source = `${models}/emt_mirna/sullivan2023_emt_switch.bnet`;
    const bnd = join(dir, 'sullivan.bnd');
    const r = convert(source, bnd);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`as maboss to ${bnd} + ${join(dir, 'sullivan.cfg')}`);
    expect(readFileSync(join(dir, 'sullivan.cfg'), 'utf8')).toMatch(/max_time = /);
    const back = join(dir, 'sullivan-from-bnd.bnet');
    expect(convert(bnd, back).code).toBe(0);
    const original = parseBnet(readFileSync(source, 'utf8'));
    const again = parseBnet(readFileSync(back, 'utf8'));
    if (!original.ok || !again.ok) throw new Error('fixture does not parse');
    expect(again.value.nodes.length).toBe(original.value.nodes.length);
    expect(functionDifferences(original.value, again.value)).toEqual([]);
  });

  it('converts GINsim models: Boolean ones to .bnet, multi-valued ones to .sbml with notes on stderr', () => {
    const sahin = convert(`${models}/sahin2009_erbb_g1s/ErbB2_model.zginml`, join(dir, 'sahin.bnet'));
    expect(sahin.code, sahin.err).toBe(0);
    expect(readFileSync(join(dir, 'sahin.bnet'), 'utf8')).toMatch(/^EGF, 1$/m);
    const selvaggio = `${models}/emt_mirna/selvaggio2020_Selvaggio_etal_2019.zginml`;
    const sbml = convert(selvaggio, join(dir, 'selvaggio.sbml'));
    expect(sbml.code, sbml.err).toBe(0);
    expect(sbml.err).toContain('note: node FA: logical parameters ignored');
    expect(readFileSync(join(dir, 'selvaggio.sbml'), 'utf8')).toContain('qual:id="FA"');
    const refused = convert(selvaggio, join(dir, 'selvaggio.bnet'));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'selvaggio.bnet: bnet holds Boolean networks only; multi-valued nodes: FAK_SRC (0..2), ECad_AJ (0..2), AJ (0..2), FA (0..3); write .sbml instead',
    );
    expect(existsSync(join(dir, 'selvaggio.bnet'))).toBe(false);
  });

  it('exits 2 with file:line and field for an invalid input, and writes nothing', () => {
    const out = join(dir, 'never.bnet');
    const bbm = convert(`${models}/sahin2009_erbb_g1s/bbm096_model.sbml`, out);
    expect(bbm.code).toBe(2);
    expect(bbm.err).toMatch(
      /bbm096_model\.sbml:1: transition tr_v_EGF: missing qual:listOfFunctionTerms: .*\(column \d+\)/,
    );
    const bad = join(dir, 'bad.sbml');
    writeFileSync(bad, '<?xml version="1.0"?>\n<sbml level="3">\n  <model>\n</sbml>\n');
    const malformed = convert(bad, out);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/bad\.sbml:4: xml: malformed XML/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.includes('partial'))).toBe(false);
  });

  it('refuses import-only and unknown output formats', () => {
    const source = `${models}/emt_mirna/sullivan2023_emt_switch.bnet`;
    const ginml = convert(source, join(dir, 'out.zginml'));
    expect(ginml.code).toBe(2);
    expect(ginml.err).toContain('out.zginml: zginml is import-only; write one of .bnet, .sbml, .xml');
    const unknown = convert(source, join(dir, 'out.txt'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/out\.txt: unknown model format; expected one of \.bnet, \.sbml/);
  });
});
