import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionDifferences } from '../../../test/helpers/network-equivalence.js';
import { formatIssue, type Result } from '../../model/index.js';
import type { LogicalNetwork } from '../network.js';
import { formatBnet, parseBnet } from './bnet-format.js';
import { formatForPath } from './index.js';
import { targetLevel } from './level-functions.js';
import { formatSbmlQual, parseSbmlQual, type SbmlQualReadOptions } from './sbml-qual-format.js';

const models = '../shared/data/models';
const read = (path: string) => readFileSync(join(models, path), 'utf8');
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};
const sbml = (path: string, options?: SbmlQualReadOptions) => value(parseSbmlQual(read(path), path, options));
const bnet = (path: string) => value(parseBnet(read(path), path));
const errors = (text: string, options?: SbmlQualReadOptions): string[] => {
  const r = parseSbmlQual(text, 'bad.sbml', options);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues.map(formatIssue);
};
const roundTrip = (net: LogicalNetwork) => value(parseSbmlQual(formatSbmlQual(net), 'out.sbml'));
const level = (net: LogicalNetwork, node: string, state: Record<string, number>) =>
  targetLevel(net.nodes.find((n) => n.name === node)!.fn, (n) => state[n] ?? 0);
const allBnetFiles = (dir: string): string[] =>
  readdirSync(join(models, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bnet'))
    .map((f) => join(dir, f))
    .sort();
const BBM = [
  'emt_mirna/bbm206',
  'emt_mirna/bbm279',
  'emt_mirna/bbm281',
  'misc_mirna/bbm088',
  'misc_mirna/bbm107',
  'misc_mirna/bbm200',
  'misc_mirna/bbm201',
  'misc_mirna/bbm202',
  'misc_mirna/bbm203',
  'sahin2009_erbb_g1s/bbm096',
];

/** A minimal SBML-qual document around the given species and transitions. */
const doc = (species: string, transitions = '', level = 3) => `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version1/core" level="${level}" version="1"
      xmlns:qual="http://www.sbml.org/sbml/level3/version1/qual/version1" qual:required="true">
  <model id="m">
    <qual:listOfQualitativeSpecies>
${species}
    </qual:listOfQualitativeSpecies>
    <qual:listOfTransitions>
${transitions}
    </qual:listOfTransitions>
  </model>
</sbml>`;
const sp = (id: string, extra = 'qual:maxLevel="1" qual:constant="false"') =>
  `      <qual:qualitativeSpecies qual:id="${id}" ${extra}/>`;
const tr = (id: string, output: string, math: string, inputs = '', defaultLevel = 0, level = 1) => `
      <qual:transition qual:id="${id}">
        <qual:listOfInputs>${inputs}</qual:listOfInputs>
        <qual:listOfOutputs>
          <qual:output qual:qualitativeSpecies="${output}" qual:transitionEffect="assignmentLevel"/>
        </qual:listOfOutputs>
        <qual:listOfFunctionTerms>
          <qual:defaultTerm qual:resultLevel="${defaultLevel}"/>
          <qual:functionTerm qual:resultLevel="${level}">
            <math xmlns="http://www.w3.org/1998/Math/MathML">${math}</math>
          </qual:functionTerm>
        </qual:listOfFunctionTerms>
      </qual:transition>`;

describe('SBML-qual import', () => {
  it('reads the specification example: multi-valued A, thresholds referenced through input ids', () => {
    const net = sbml('sbml_qual_examples/sbml_qual_spec_example.sbml');
    expect(net.nodes.map((n) => [n.name, n.maxLevel])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 1],
    ]);
    // A: 2 when (1 ≤ A < 2) or C < 1; 1 when A < 1 and C ≥ 1; else 0
    expect(level(net, 'A', { A: 0, C: 0 })).toBe(2);
    expect(level(net, 'A', { A: 1, C: 1 })).toBe(2);
    expect(level(net, 'A', { A: 0, C: 1 })).toBe(1);
    expect(level(net, 'A', { A: 2, C: 1 })).toBe(0);
    expect(level(net, 'B', { A: 1 })).toBe(1);
    expect(level(net, 'B', { A: 0 })).toBe(0);
    expect(level(net, 'C', { B: 1 })).toBe(1);
  });

  it('reads the Sahin model as BoolNet exports it: the same rules as the Sahin .bnet', () => {
    const net = sbml('sbml_qual_examples/sahin2009_boolnet_export.sbml');
    expect(net.nodes).toHaveLength(20);
    expect(functionDifferences(net, bnet('sahin2009_erbb_g1s/sahin2009_erbb_g1s.bnet'))).toEqual([]);
  });

  it('refuses BBM exports with a transition lacking listOfFunctionTerms, naming file, line, column and transition', () => {
    const message = errors(read('sbml_qual_examples/sahin2009_erbb_bbm096.sbml'));
    expect(message).toHaveLength(1);
    expect(message[0]).toMatch(
      /^bad\.sbml:1: transition tr_v_EGF: missing qual:listOfFunctionTerms: SBML-qual 1\.0 requires one in every transition .*\(column \d+\)$/,
    );
    // bbm206 lacks them in five transitions: each one is reported
    expect(errors(read('emt_mirna/bbm206_model.sbml'))).toHaveLength(5);
  });

  it('reads the BBM exports that do have every listOfFunctionTerms, equal to their .bnet twins', () => {
    for (const model of ['emt_mirna/bbm281', 'misc_mirna/bbm088'])
      expect(functionDifferences(sbml(`${model}_model.sbml`), bnet(`${model}_model.bnet`)), model).toEqual(
        [],
      );
  });

  it("with missingFunctionTerms 'free-input', every BBM export equals its .bnet twin, with a note", () => {
    for (const model of BBM) {
      const net = sbml(`${model}_model.sbml`, { missingFunctionTerms: 'free-input' });
      expect(functionDifferences(net, bnet(`${model}_model.bnet`)), model).toEqual([]);
    }
    const sahin = sbml('sbml_qual_examples/sahin2009_erbb_bbm096.sbml', {
      missingFunctionTerms: 'free-input',
    });
    expect(sahin.notes).toEqual([
      'transitions without qual:listOfFunctionTerms (invalid SBML-qual) read as free inputs: v_EGF',
    ]);
    expect(sahin.nodes.find((n) => n.name === 'v_EGF')?.role).toBe('input');
  });

  it('reads xor, implies, true/false, a bare ci, comparisons written level-first, and several outputs', () => {
    const species = ['A', 'B', 'C', 'X', 'Y', 'Z', 'T', 'F', 'W'].map((s) => sp(s)).join('\n');
    const net = value(
      parseSbmlQual(
        doc(
          species,
          tr('t1', 'X', '<apply><xor/><ci>A</ci><ci>B</ci><ci>C</ci></apply>') +
            tr('t2', 'Y', '<apply><implies/><ci>A</ci><ci>B</ci></apply>') +
            tr('t3', 'Z', '<apply><lt/><cn type="integer">0</cn><ci>A</ci></apply>') +
            tr('t4', 'T', '<true/>') +
            tr('t5', 'F', '<false/>'),
        ).replace(
          '<qual:output qual:qualitativeSpecies="T" qual:transitionEffect="assignmentLevel"/>',
          '<qual:output qual:qualitativeSpecies="T" qual:transitionEffect="assignmentLevel"/>' +
            '<qual:output qual:qualitativeSpecies="W" qual:transitionEffect="assignmentLevel"/>',
        ),
        'ok.sbml',
      ),
    );
    for (const [a, b, c] of [
      [0, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
      [0, 1, 1],
    ] as const) {
      expect(level(net, 'X', { A: a, B: b, C: c })).toBe((a + b + c) % 2);
      expect(level(net, 'Y', { A: a, B: b })).toBe(!a || b ? 1 : 0);
      expect(level(net, 'Z', { A: a })).toBe(a);
    }
    expect(level(net, 'T', {})).toBe(1);
    expect(level(net, 'W', {})).toBe(1);
    expect(level(net, 'F', {})).toBe(0);
    // A, B and C have no transition: free inputs
    expect(level(net, 'A', { A: 1 })).toBe(1);
    expect(net.notes).toEqual(['species without a transition kept as free inputs: A, B, C']);
  });

  it('reads constant species at their initial level and infers a missing maxLevel from the levels used', () => {
    const net = value(
      parseSbmlQual(
        doc(
          [
            sp('K', 'qual:maxLevel="2" qual:constant="true" qual:initialLevel="2"'),
            sp('M', 'qual:constant="false"'),
          ].join('\n'),
          tr('tM', 'M', '<apply><geq/><ci>K</ci><cn>2</cn></apply>', '', 0, 3),
        ),
        'ok.sbml',
      ),
    );
    const k = net.nodes.find((n) => n.name === 'K')!;
    expect(k.fn).toEqual({ defaultLevel: 2, terms: [] });
    expect(net.nodes.find((n) => n.name === 'M')!.maxLevel).toBe(3);
    expect(net.notes).toContain('qual:maxLevel missing; inferred from the levels used: M = 3');
    expect(level(net, 'M', { K: 2 })).toBe(3);
  });

  it('writes Boolean species with several function terms as one rule, so .bnet can hold them', () => {
    const text = doc(
      [sp('A'), sp('B'), sp('X')].join('\n'),
      tr('tX', 'X', '<ci>A</ci>', '', 0, 0).replace(
        '</qual:listOfFunctionTerms>',
        `<qual:functionTerm qual:resultLevel="1">
            <math xmlns="http://www.w3.org/1998/Math/MathML"><ci>B</ci></math>
          </qual:functionTerm>
        </qual:listOfFunctionTerms>`,
      ),
    );
    const net = value(parseSbmlQual(text, 'ok.sbml'));
    expect(formatBnet(net)).toContain('X, !A & B\n');
    expect([level(net, 'X', { A: 1, B: 1 }), level(net, 'X', { B: 1 }), level(net, 'X', {})]).toEqual([
      0, 1, 0,
    ]);
  });

  it('is the registry entry for .sbml and .xml files', () => {
    expect(formatForPath('model.sbml')?.id).toBe('sbml');
    expect(formatForPath('MODEL.XML')?.id).toBe('sbml');
    const parsed = formatForPath('x.sbml')!.parse(
      read('sbml_qual_examples/sbml_qual_spec_example.sbml'),
      'x.sbml',
    );
    expect(parsed.ok).toBe(true);
  });
});

describe('SBML-qual failure paths name file, line and field', () => {
  it('an input naming an undeclared qualitativeSpecies', () => {
    const text = doc(
      sp('A'),
      tr(
        'tA',
        'A',
        '<apply><eq/><ci>A</ci><cn>1</cn></apply>',
        '<qual:input qual:qualitativeSpecies="Ghost" qual:transitionEffect="none"/>',
      ),
    );
    const line = text.split('\n').findIndex((l) => l.includes('Ghost')) + 1;
    expect(errors(text)).toEqual([
      `bad.sbml:${line}: transition tA: input 'Ghost' is not a declared qualitativeSpecies`,
    ]);
  });

  it('malformed XML', () => {
    expect(errors('<sbml level="3">\n  <model>\n</sbml>')).toEqual([
      expect.stringMatching(/^bad\.sbml:3: xml: malformed XML at column \d+: Expected closing tag 'model'/),
    ]);
    expect(errors('')).toEqual([expect.stringMatching(/^bad\.sbml:1: xml: malformed XML/)]);
  });

  it('documents that are not SBML-qual Level 3', () => {
    expect(errors('<gxl/>')).toEqual(['bad.sbml:1: sbml: root element is <gxl>, expected <sbml> (column 1)']);
    expect(errors(doc(sp('A'), '', 2))).toEqual(['bad.sbml:2: sbml: SBML level 2: SBML-qual needs Level 3']);
    expect(errors('<sbml level="3">\n<model id="m"/></sbml>')).toEqual([
      'bad.sbml:2: model: no qual:listOfQualitativeSpecies: not an SBML-qual model',
    ]);
  });

  it('function terms without a default term, with unsupported or unknown MathML, or out-of-range levels', () => {
    const noDefault = doc(sp('A'), tr('tA', 'A', '<ci>A</ci>')).replace(
      '<qual:defaultTerm qual:resultLevel="0"/>',
      '',
    );
    expect(errors(noDefault)).toEqual([
      expect.stringMatching(
        /^bad\.sbml:\d+: transition tA: qual:listOfFunctionTerms has no qual:defaultTerm$/,
      ),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<apply><plus/><ci>A</ci><cn>1</cn></apply>')))).toEqual([
      expect.stringMatching(/transition tA: unsupported MathML operator <plus>$/),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<piecewise/>')))).toEqual([
      expect.stringMatching(/transition tA: unsupported MathML <piecewise>$/),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<ci>Nobody</ci>')))).toEqual([
      expect.stringMatching(/transition tA: MathML reads unknown qualitativeSpecies 'Nobody'$/),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<apply><geq/><ci>A</ci><cn>2</cn></apply>')))).toEqual([
      expect.stringMatching(/transition tA: compares 'A' with 2, outside its levels 0\.\.1$/),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<apply><geq/><ci>A</ci><cn>0.5</cn></apply>')))).toEqual([
      expect.stringMatching(/transition tA: <cn> '0\.5' is not an integer level$/),
    ]);
    expect(errors(doc(sp('A'), tr('tA', 'A', '<ci>A</ci>', '', 0, 2)))).toEqual([
      expect.stringMatching(/transition tA: result level 2 exceeds qual:maxLevel 1 of 'A'$/),
    ]);
  });

  it('outputs that produce rather than assign, constant or twice-set outputs, constants without a level', () => {
    expect(
      errors(doc(sp('A'), tr('tA', 'A', '<true/>').replace('"assignmentLevel"', '"production"'))),
    ).toEqual([
      expect.stringMatching(
        /transition tA: output transitionEffect 'production' .* expected assignmentLevel$/,
      ),
    ]);
    expect(errors(doc(sp('A'), tr('t1', 'A', '<true/>') + tr('t2', 'A', '<false/>')))).toEqual([
      expect.stringMatching(/transition t2: 'A' is already the output of transition t1$/),
    ]);
    expect(errors(doc(sp('A', 'qual:maxLevel="1" qual:constant="true"')))).toEqual([
      expect.stringMatching(/qualitativeSpecies A: constant species without qual:initialLevel$/),
    ]);
    expect(
      errors(
        doc(
          sp('A', 'qual:maxLevel="1" qual:constant="true" qual:initialLevel="1"'),
          tr('tA', 'A', '<true/>'),
        ),
      ),
    ).toEqual([expect.stringMatching(/transition tA: output 'A' is a constant species$/)]);
    expect(errors(doc(sp('A', 'qual:maxLevel="one"')))).toEqual([
      expect.stringMatching(/qualitativeSpecies A: qual:maxLevel 'one' is not an integer ≥ 1$/),
    ]);
  });
});

describe('SBML-qual export', () => {
  it('round-trips the specification example exactly', () => {
    const net = sbml('sbml_qual_examples/sbml_qual_spec_example.sbml');
    const again = roundTrip(net);
    expect(again.nodes.map((n) => [n.name, n.maxLevel, n.fn])).toEqual(
      net.nodes.map((n) => [n.name, n.maxLevel, n.fn]),
    );
  });

  it('round-trips every shared .bnet model without loss (same .bnet text after SBML-qual and back)', () => {
    const files = allBnetFiles('.');
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const net = bnet(file);
      const again = roundTrip(net);
      expect(formatBnet(again), file).toBe(formatBnet(net));
      expect(functionDifferences(again, net), file).toEqual([]);
    }
  });

  it('writes a valid SBML L3V1 qual document: namespaces, compartment, signed inputs, thresholds, terms', () => {
    const net = value(parseBnet('targets, factors\nA, B & !C\nB, A | (B & !A) | (!B & A)\nC, C\n'));
    const text = formatSbmlQual(net);
    expect(text).toContain('xmlns="http://www.sbml.org/sbml/level3/version1/core"');
    expect(text).toContain('xmlns:qual="http://www.sbml.org/sbml/level3/version1/qual/version1"');
    expect(text).toContain('level="3" version="1" qual:required="true"');
    expect(text).toContain('<compartment id="default" constant="true"/>');
    expect(text).toMatch(
      /qual:qualitativeSpecies="B" qual:transitionEffect="none" qual:sign="positive" qual:thresholdLevel="1"/,
    );
    expect(text).toMatch(/qual:qualitativeSpecies="C" qual:transitionEffect="none" qual:sign="negative"/);
    expect(text).toContain('<qual:defaultTerm qual:resultLevel="0"/>');
    // C keeps its level (free input): no transition for it
    expect(text).not.toContain('tr_C');
    const xor = value(parseBnet('targets, factors\nX, A & !B | !A & B\n'));
    expect(formatSbmlQual(xor)).toMatch(
      /qual:qualitativeSpecies="A" qual:transitionEffect="none" qual:sign="dual"/,
    );
  });

  it('makes overlapping terms of different levels exclusive, keeping first-true-wins meaning', () => {
    const net: LogicalNetwork = {
      nodes: [
        {
          name: 'M',
          maxLevel: 2,
          fn: {
            defaultLevel: 0,
            terms: [
              { level: 2, condition: { kind: 'var', node: 'A' } },
              { level: 1, condition: { kind: 'var', node: 'B' } },
              { level: 2, condition: { kind: 'var', node: 'B' } },
            ],
          },
        },
        { name: 'A', maxLevel: 1, fn: { defaultLevel: 0, terms: [] } },
        { name: 'B', maxLevel: 1, fn: { defaultLevel: 1, terms: [] } },
      ],
    };
    const text = formatSbmlQual(net);
    const terms = text.split('<qual:functionTerm ').slice(1);
    expect(terms).toHaveLength(3);
    expect(terms[1]).toContain('<not/>');
    expect(functionDifferences(roundTrip(net), net)).toEqual([]);
    expect(level(roundTrip(net), 'M', { A: 1, B: 1 })).toBe(2);
    expect(level(roundTrip(net), 'M', { A: 0, B: 1 })).toBe(1);
  });

  it('exports constant functions as a transition with only its default term', () => {
    const net = value(parseBnet('targets, factors\nE, 1\nF, 0\nG, E\n'));
    const again = roundTrip(net);
    expect(again.nodes.map((n) => n.fn)).toEqual(net.nodes.map((n) => n.fn));
    const k: LogicalNetwork = { nodes: [{ name: 'K', maxLevel: 3, fn: { defaultLevel: 2, terms: [] } }] };
    expect(roundTrip(k).nodes[0]!.fn).toEqual({ defaultLevel: 2, terms: [] });
  });

  it('gives names that are not SBML SIds a sanitised unique id, keeping the name in qual:name', () => {
    const net: LogicalNetwork = {
      name: 'miR-21 <model> & co',
      nodes: [
        {
          name: 'miR-21',
          maxLevel: 1,
          fn: { defaultLevel: 0, terms: [{ level: 1, condition: { kind: 'var', node: '3p' } }] },
        },
        { name: 'miR_21', maxLevel: 1, fn: { defaultLevel: 1, terms: [] } },
        { name: '3p', maxLevel: 1, fn: { defaultLevel: 0, terms: [] }, label: 'three prime' },
      ],
    };
    const text = formatSbmlQual(net);
    expect(text).toContain('qual:id="miR_21_2" qual:name="miR-21"');
    expect(text).toContain('qual:id="_3p" qual:name="3p"');
    expect(text).toContain('<model id="miR_21__model____co" name="miR-21 &lt;model&gt; &amp; co">');
    const again = roundTrip(net);
    expect(again.name).toBe('miR-21 <model> & co');
    expect(again.nodes.map((n) => [n.name, n.label])).toEqual([
      ['miR_21_2', 'miR-21'],
      ['miR_21', undefined],
      ['_3p', '3p'],
    ]);
    expect(level(again, 'miR_21_2', { _3p: 1 })).toBe(1);
  });

  it('does not mutate the network it writes', () => {
    const net = sbml('sbml_qual_examples/sbml_qual_spec_example.sbml');
    const copy = structuredClone(net);
    formatSbmlQual(net);
    expect(net).toEqual(copy);
  });
});
