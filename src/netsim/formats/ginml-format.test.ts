import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { functionDifferences } from '../../../test/helpers/network-equivalence.js';
import { formatIssue, type Result } from '../../model/index.js';
import { compileNetwork, stepToward } from '../compile.js';
import { evalExpr } from '../expr.js';
import { booleanRule, functionInputs, type LogicalNetwork } from '../network.js';
import { parseBnet } from './bnet-format.js';
import { GINML_ENTRY, parseGinml, parseZginml } from './ginml-format.js';
import { formatForPath } from './index.js';
import { allStates, targetLevel } from './level-functions.js';

const models = '../shared/data/models';
const bytes = (path: string) => new Uint8Array(readFileSync(join(models, path)));
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};
const zginml = (path: string) => value(parseZginml(bytes(path), path));
const bnet = (path: string) => value(parseBnet(readFileSync(join(models, path), 'utf8'), path));
const errors = (r: Result<unknown>): string[] => {
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues.map(formatIssue);
};
const level = (net: LogicalNetwork, node: string, state: Record<string, number>) =>
  targetLevel(net.nodes.find((n) => n.name === node)!.fn, (n) => state[n] ?? 0);
const innerGinml = (path: string) => new TextDecoder().decode(unzipSync(bytes(path))[GINML_ENTRY]);

/** All fixed points of a Boolean network by exhaustive search, as the sorted names of the active nodes. */
function booleanFixedPoints(net: LogicalNetwork): string[][] {
  const compiled = compileNetwork(net);
  const n = compiled.names.length;
  const state = new Uint8Array(n);
  const found: string[][] = [];
  for (let code = 0; code < 2 ** n; code++) {
    for (let i = 0; i < n; i++) state[i] = (code >> i) & 1;
    if (compiled.targets.every((target, i) => target(state) === state[i]))
      found.push(compiled.names.filter((_, i) => state[i] === 1).sort());
  }
  return found;
}

const GINML_21 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE gxl SYSTEM "http://gin.univ-mrs.fr/GINsim/GINML_2_1.dtd">
<gxl xmlns:xlink="http://www.w3.org/1999/xlink">
  <graph id="multi" class="regulatory" nodeorder="A B C">
    <node id="A" basevalue="0" maxvalue="2">
      <parameter idActiveInteractions="C_A_0" val="2"/>
    </node>
    <node id="B" basevalue="1" maxvalue="2">
      <parameter idActiveInteractions="A_B_0" val="2"/>
      <parameter idActiveInteractions="A_B_1 C_B_0" val="1"/>
    </node>
    <node id="C" basevalue="0" maxvalue="1">
      <parameter idActiveInteractions="B_C_0" val="1"/>
    </node>
    <edge id="C_A_0" from="C" to="A" minvalue="1" sign="positive"/>
    <edge id="A_B_0" from="A" to="B" minvalue="1" maxvalue="1" sign="positive"/>
    <edge id="A_B_1" from="A" to="B" minvalue="2" sign="negative"/>
    <edge id="C_B_0" from="C" to="B" minvalue="1" sign="positive"/>
    <edge id="B_C_0" from="B" to="C" minvalue="2" sign="positive"/>
  </graph>
</gxl>
`;

const GINML_22 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE gxl SYSTEM "http://ginsim.org/GINML_2_2.dtd">
<gxl xmlns:xlink="http://www.w3.org/1999/xlink">
  <graph class="regulatory" id="functions" nodeorder="S X Y W">
    <node id="S" maxvalue="1" input="true"/>
    <node id="X" name="the X" maxvalue="2">
      <value val="1"><exp str="S"/></value>
      <value val="2"><exp str="S &amp; X:2"/><exp str="S &amp; Y"/></value>
    </node>
    <node id="Y" maxvalue="1">
      <value val="1"><exp str="X:2 | (X &amp; !W)"/></value>
    </node>
    <node id="W" maxvalue="1">
      <value val="1"><exp str="X"/></value>
    </node>
    <edge id="S:X" from="S" to="X" minvalue="1" sign="positive"/>
    <edge id="X:X" from="X" to="X" minvalue="2" sign="positive"/>
    <edge id="Y:X" from="Y" to="X" minvalue="1" sign="positive"/>
    <edge id="X:Y" from="X" to="Y" effects="1:positive 2:positive"/>
    <edge id="W:Y" from="W" to="Y" minvalue="1" sign="negative"/>
    <edge id="X:W" from="X" to="W" minvalue="2" sign="positive"/>
  </graph>
</gxl>
`;

describe('GINML import: the shared GINsim models', () => {
  it('reads the Sahin ErbB2 model (GINML 2.1 logical parameters) with the rules of sahin_from_ginml.bnet', () => {
    expect(innerGinml('sahin2009_erbb_g1s/ErbB2_model.zginml')).toContain('GINML_2_1.dtd');
    const net = zginml('sahin2009_erbb_g1s/ErbB2_model.zginml');
    expect(net.name).toBe('ErbB2');
    expect(net.nodes).toHaveLength(20);
    expect(net.nodes.map((n) => n.name).slice(0, 3)).toEqual(['MEK1', 'CDK4', 'p21']);
    expect(functionDifferences(net, bnet('sahin2009_erbb_g1s/sahin_from_ginml.bnet'))).toEqual([]);
    // basevalue is the parameter of "no interaction active": p27 = 1 then, and EGF is a constant 1
    expect(level(net, 'p27', {})).toBe(1);
    expect(level(net, 'p27', { CDK4: 1 })).toBe(0);
    expect(level(net, 'EGF', {})).toBe(1);
  });

  it('gives the Sahin model exactly the fixed point of sahin_from_ginml.bnet.fixedpoints.txt', () => {
    const expected = readFileSync(
      join(models, 'sahin2009_erbb_g1s/sahin_from_ginml.bnet.fixedpoints.txt'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => line.split(';').sort());
    expect(booleanFixedPoints(zginml('sahin2009_erbb_g1s/ErbB2_model.zginml'))).toEqual(expected);
  });

  it('reads Selvaggio 2020 (GINML 2.2, multi-valued) as PyBoolNet booleanized it, node by node', () => {
    expect(innerGinml('emt_mirna/selvaggio2020_Selvaggio_etal_2019.zginml')).toContain('GINML_2_2.dtd');
    const net = zginml('emt_mirna/selvaggio2020_Selvaggio_etal_2019.zginml');
    expect(net.nodes).toHaveLength(51);
    expect(net.nodes.filter((n) => n.maxLevel > 1).map((n) => [n.name, n.maxLevel])).toEqual([
      ['FAK_SRC', 2],
      ['ECad_AJ', 2],
      ['AJ', 2],
      ['FA', 3],
    ]);
    expect(net.notes).toEqual(['node FA: logical parameters ignored; its logical functions (exp) define it']);
    const booleanized = bnet('emt_mirna/selvaggio2020_pyboolnet.bnet');
    const rules = new Map(booleanized.nodes.map((n) => [n.name, booleanRule(n.fn)!]));
    const maxLevels = new Map(net.nodes.map((n) => [n.name, n.maxLevel]));
    // Van Ham booleanization: X_bk holds when X ≥ k; multi-valued nodes move one level per step.
    const base = (name: string) => {
      const m = /^(.*)_b(\d)$/.exec(name);
      return m && (maxLevels.get(m[1]!) ?? 1) > 1 ? { node: m[1]!, k: Number(m[2]) } : { node: name, k: 1 };
    };
    let compared = 0;
    for (const node of net.nodes) {
      const bits =
        node.maxLevel === 1 ? [node.name] : [...Array(node.maxLevel)].map((_, i) => `${node.name}_b${i + 1}`);
      const read = new Set([node.name, ...functionInputs(node.fn)]);
      for (const bit of bits)
        for (const input of functionInputs({
          defaultLevel: 0,
          terms: [{ level: 1, condition: rules.get(bit)! }],
        }))
          read.add(base(input).node);
      const vars = [...read].map((name) => ({ name, maxLevel: maxLevels.get(name)! }));
      for (const state of allStates(vars)) {
        const levelOf = (n: string) => state.get(n)!;
        const current = levelOf(node.name);
        const next = stepToward(current, targetLevel(node.fn, levelOf));
        bits.forEach((bit, i) => {
          const bitLevel = (name: string) => {
            const b = base(name);
            return levelOf(b.node) >= b.k ? 1 : 0;
          };
          expect(
            evalExpr(rules.get(bit)!, bitLevel),
            `${bit} at ${JSON.stringify(Object.fromEntries(state))}`,
          ).toBe(next >= i + 1);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('reads Coolen 2012 miR-9 (GINML 2.2) cleanly: its six rules and GINsim names as labels', () => {
    expect(innerGinml('misc_mirna/coolen2012_mir9_zebra_miR9_22jul2011.zginml')).toContain('GINML_2_2.dtd');
    const net = zginml('misc_mirna/coolen2012_mir9_zebra_miR9_22jul2011.zginml');
    expect(net.notes).toBeUndefined();
    const expected = value(
      parseBnet(
        'targets, factors\nmiR9, !Her6 & !N\nHer6, !miR9 & !N\nZic5, !miR9 & !N\nHuC, !miR9 & !P\nP, Her6 | Zic5\nN, HuC\n',
      ),
    );
    expect(functionDifferences(net, expected)).toEqual([]);
    expect(net.nodes.map((n) => n.label)).toEqual([
      'miR-9',
      'her6',
      'zic5',
      'elavl3/HuC',
      'Progenitor',
      'Neural Precursor',
    ]);
  });
});

describe('GINML import: semantics', () => {
  it('GINML 2.1: multi-arc edges are level intervals; a parameter needs exactly its interactions active', () => {
    const net = value(parseGinml(GINML_21, 'multi.ginml'));
    expect(net.nodes.map((n) => [n.name, n.maxLevel])).toEqual([
      ['A', 2],
      ['B', 2],
      ['C', 1],
    ]);
    expect(level(net, 'A', { C: 1 })).toBe(2);
    expect(level(net, 'A', { C: 0 })).toBe(0);
    const b: [number, number, number][] = [
      [0, 0, 1], // no interaction active: basevalue
      [1, 0, 2], // A_B_0
      [1, 1, 0], // A_B_0 + C_B_0: no parameter
      [2, 1, 1], // A_B_1 + C_B_0
      [2, 0, 0], // A_B_1 alone
      [0, 1, 0], // C_B_0 alone
    ];
    for (const [a, c, expected] of b) expect(level(net, 'B', { A: a, C: c }), `A=${a} C=${c}`).toBe(expected);
    expect([0, 1, 2].map((l) => level(net, 'C', { B: l }))).toEqual([0, 0, 1]);
  });

  it('GINML 2.2: exp thresholds (X is X at its edge threshold, X:k is X ≥ k), inputs, highest value wins', () => {
    const net = value(parseGinml(GINML_22, 'functions.ginml'));
    expect(net.nodes.find((n) => n.name === 'S')).toMatchObject({ role: 'input' });
    expect(level(net, 'S', { S: 1 })).toBe(1);
    expect(net.nodes.find((n) => n.name === 'X')?.label).toBe('the X');
    expect(level(net, 'X', { S: 1 })).toBe(1);
    expect(level(net, 'X', { S: 1, X: 2 })).toBe(2);
    expect(level(net, 'X', { S: 1, Y: 1 })).toBe(2);
    expect(level(net, 'X', { S: 0, Y: 1 })).toBe(0);
    // Y: X:2 | (X & !W) with X → Y thresholds 1 and 2
    expect(level(net, 'Y', { X: 1 })).toBe(1);
    expect(level(net, 'Y', { X: 1, W: 1 })).toBe(0);
    expect(level(net, 'Y', { X: 2, W: 1 })).toBe(1);
    // W: bare X with the X → W edge at threshold 2
    expect([0, 1, 2].map((l) => level(net, 'W', { X: l }))).toEqual([0, 0, 1]);
  });

  it('notes what it repairs or ignores: no DOCTYPE, functions of inputs, basevalue beside exp, exp without edge', () => {
    const noDoctype = value(parseGinml(GINML_21.replace(/<!DOCTYPE[^>]*>\n/, ''), 'g.ginml'));
    expect(noDoctype.notes).toEqual(['no GINML version in the DOCTYPE; read as GINML 2.1/2.2 by content']);
    const text = GINML_22.replace(
      '<node id="S" maxvalue="1" input="true"/>',
      '<node id="S" maxvalue="1" input="true"><value val="1"><exp str="Y"/></value></node>',
    )
      .replace('<node id="W" maxvalue="1">', '<node id="W" maxvalue="1" basevalue="1">')
      .replace('<exp str="X"/>', '<exp str="X | S"/>');
    const net = value(parseGinml(text, 'g.ginml'));
    expect(net.notes).toEqual([
      'input node S: its logical function is ignored (GINsim keeps input levels)',
      'node W: basevalue ignored; its logical functions (exp) define it',
      'node W: exp reads S without an edge; threshold 1 assumed',
    ]);
    expect(level(net, 'S', { Y: 1 })).toBe(0);
    expect([level(net, 'W', { S: 1 }), level(net, 'W', { X: 1 }), level(net, 'W', { X: 2 })]).toEqual([
      1, 0, 1,
    ]);
  });

  it('is the registry entry for .zginml (bytes, import only) and .ginml (text)', () => {
    const z = formatForPath('ErbB2_model.zginml')!;
    expect(z).toMatchObject({ id: 'zginml', isBinary: true });
    expect(z.format).toBeUndefined();
    expect(z.parse(bytes('sahin2009_erbb_g1s/ErbB2_model.zginml'), 'x.zginml').ok).toBe(true);
    expect(errors(z.parse('read as text by mistake', 'x.zginml'))[0]).toMatch(
      /^x\.zginml: zip: not a zip archive/,
    );
    const plain = formatForPath('graph.GINML')!;
    expect(plain).toMatchObject({ id: 'ginml', isBinary: false });
    expect(plain.format).toBeUndefined();
    const net = value(
      plain.parse(innerGinml('misc_mirna/coolen2012_mir9_zebra_miR9_22jul2011.zginml'), 'g.ginml'),
    );
    expect(net.nodes).toHaveLength(6);
  });
});

describe('GINML failure paths name file, line and field', () => {
  it('a .zginml that is not a zip, a corrupt zip, a zip without the regulatory graph', () => {
    expect(errors(parseZginml(strToU8('hello, not a zip'), 'x.zginml'))).toEqual([
      'x.zginml: zip: not a zip archive (a .zginml file is the zip GINsim saves)',
    ]);
    expect(errors(parseZginml(strToU8(GINML_21), 'x.zginml'))).toEqual([
      'x.zginml: zip: not a zip archive (a .zginml file is the zip GINsim saves); it looks like plain GINML XML: name it .ginml',
    ]);
    const archive = bytes('misc_mirna/coolen2012_mir9_zebra_miR9_22jul2011.zginml');
    expect(errors(parseZginml(archive.subarray(0, 40), 'x.zginml'))).toEqual([
      expect.stringMatching(/^x\.zginml: zip: corrupt zip archive: /),
    ]);
    const other = zipSync({ 'GINsim-data/mutant': strToU8('') });
    expect(errors(parseZginml(other, 'x.zginml'))).toEqual([
      'x.zginml: zip: no GINsim-data/regulatoryGraph.ginml in the archive (it holds: GINsim-data/mutant)',
    ]);
  });

  it('malformed XML inside the archive is located in the archive entry', () => {
    const broken = zipSync({ [GINML_ENTRY]: strToU8('<gxl>\n<graph>\n</gxl>') });
    expect(errors(parseZginml(broken, 'x.zginml'))).toEqual([
      expect.stringMatching(
        /^x\.zginml!GINsim-data\/regulatoryGraph\.ginml:3: xml: malformed XML at column \d+/,
      ),
    ]);
  });

  it('an edge to an unknown node', () => {
    const text = GINML_21.replace('from="B" to="C"', 'from="B" to="Ghost"');
    const line = text.split('\n').findIndex((l) => l.includes('Ghost')) + 1;
    expect(errors(parseGinml(text, 'g.ginml'))).toEqual([
      `g.ginml:${line}: edge B_C_0: unknown node 'Ghost'`,
    ]);
  });

  it('an unsupported GINML version, a graph that is not regulatory', () => {
    expect(errors(parseGinml(GINML_21.replace('GINML_2_1.dtd', 'GINML_3_0.dtd'), 'g.ginml'))).toEqual([
      'g.ginml:1: DOCTYPE: GINML 3.0 is not supported (GINML 2.1 and 2.2 are)',
    ]);
    expect(
      errors(parseGinml(GINML_21.replace('class="regulatory"', 'class="dynamical"'), 'g.ginml')),
    ).toEqual(["g.ginml:4: graph: graph class 'dynamical' is not a regulatory graph"]);
  });

  it('parameters naming unknown interactions or several-threshold edges; values out of range', () => {
    expect(
      errors(
        parseGinml(
          GINML_21.replace('idActiveInteractions="C_A_0"', 'idActiveInteractions="C_A_9"'),
          'g.ginml',
        ),
      ),
    ).toEqual(["g.ginml:6: node A: unknown interaction 'C_A_9' (no edge with that id into A)"]);
    expect(
      errors(
        parseGinml(
          GINML_21.replace(
            'val="2"/>\n    </node>\n    <node id="B"',
            'val="3"/>\n    </node>\n    <node id="B"',
          ),
          'g.ginml',
        ),
      ),
    ).toEqual(["g.ginml:6: node A: parameter val '3' outside 0..2"]);
    const shared = GINML_22.replace(
      '<value val="1"><exp str="X:2 | (X &amp; !W)"/></value>',
      '<parameter idActiveInteractions="X:Y" val="1"/>',
    );
    expect(errors(parseGinml(shared, 'g.ginml'))).toEqual([
      "g.ginml:11: node Y: interaction 'X:Y' has several thresholds (effects); parameters cannot name one",
    ]);
  });

  it('exp strings with syntax errors, unknown nodes or thresholds above the regulator', () => {
    const bad = (exp: string) => errors(parseGinml(GINML_22.replace('X:2 | (X &amp; !W)', exp), 'g.ginml'));
    expect(bad('(X &amp; W')).toEqual([
      "g.ginml:11: node Y: value 1: exp '(X & W': missing ')' for '(' at column 1",
    ]);
    expect(bad('X &amp; Ghost')).toEqual([
      "g.ginml:11: node Y: value 1: exp 'X & Ghost': reads unknown node 'Ghost' at column 5",
    ]);
    expect(bad('X:3')).toEqual([
      "g.ginml:11: node Y: value 1: exp 'X:3': 'X:3' at column 1: X has levels 0..2",
    ]);
    expect(bad('X + W')).toEqual(["g.ginml:11: node Y: value 1: exp 'X + W': unexpected '+' at column 3"]);
  });
});
