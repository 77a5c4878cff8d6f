import { describe, expect, it } from 'vitest';
import { formatIssue } from '../model/index.js';
import { names } from '../../test/helpers/reference-names.js';
import { CURATION_COLUMNS, curationToStatements, parseCurationFile } from './curation-parser.js';

const header = ['#@source_id: demo', '#@title: Demo paper', CURATION_COLUMNS.join('\t')];
const file = (...rows: string[][]) => [...header, ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
const row = (over: Partial<Record<(typeof CURATION_COLUMNS)[number], string>> = {}) =>
  CURATION_COLUMNS.map(
    (c) =>
      ({
        subject: 'miR-21',
        predicate: 'confers_resistance',
        object: 'tamoxifen',
        therapy: '',
        context: '',
        qualifiers: '',
        experiments: '',
        section: 'Results',
        quote: 'miR-21 conferred resistance to tamoxifen.',
        ...over,
      })[c],
  );

const problems = (text: string): string[] => {
  const parsed = parseCurationFile(text, 'data/curation/demo.tsv');
  if (!parsed.ok) return parsed.issues.map(formatIssue);
  const statements = curationToStatements([parsed.value], names);
  return statements.ok ? [] : statements.issues.map(formatIssue);
};

describe('curation files', () => {
  it('turns rows into statements, expanding lists and merging evidence of the same claim', () => {
    const parsed = parseCurationFile(
      file(
        row({
          subject: 'miR-221/222',
          predicate: 'targets',
          object: 'ERα',
          therapy: 'TAM',
          qualifiers: 'mode=direct',
          experiments: 'luciferase-reporter',
        }),
        row({
          subject: 'miR-221',
          predicate: 'targets',
          object: 'ESR1',
          therapy: 'tamoxifen',
          qualifiers: 'mode=direct',
          quote: 'Another sentence.',
        }),
        row({
          context: 'subtype=luminal-a;cell_line=MCF-7|system=patients',
          qualifiers: 'note=a; note with semicolons',
        }),
      ),
      'demo.tsv',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = curationToStatements([parsed.value], names);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const targets = result.value.filter((s) => s.predicate === 'targets');
    expect(targets.map((s) => s.subject.id)).toEqual(['hsa-miR-221', 'hsa-miR-222']);
    expect(targets[0]!.object).toEqual({ kind: 'gene', id: 'ESR1' });
    expect(targets[0]!.therapy).toBe('tamoxifen');
    expect(targets[0]!.evidence.map((e) => e.quote)).toHaveLength(2);
    expect(targets[0]!.evidence[0]!.locator).toBe('demo.tsv:4');
    const role = result.value.find((s) => s.predicate === 'confers_resistance')!;
    expect(role.therapy).toBe('tamoxifen');
    expect(role.contexts).toEqual([{ subtype: 'luminal-a', cell_line: 'MCF-7' }, { system: 'patients' }]);
    expect(role.qualifiers.note).toBe('a; note with semicolons');
  });

  it('rejects each bad field with file:line: field: message', () => {
    expect(problems(file(row({ predicate: 'causes' })))).toEqual([
      "data/curation/demo.tsv:4: predicate: 'causes' is not one of targets, confers_resistance, sensitises, up_in_resistant, down_in_resistant, predicts_response, predicts_poor_response, regulates, inhibits, activates",
    ]);
    expect(problems(file(row({ subject: 'miR-9999' })))[0]).toMatch(
      /^data\/curation\/demo\.tsv:4: subject: no miRBase 22 entry matches 'miR-9999'; closest: /,
    );
    expect(problems(file(row({ object: 'aspirin-like' })))[0]).toMatch(
      /^data\/curation\/demo\.tsv:4: object: no therapy named 'aspirin-like'/,
    );
    expect(problems(file(row({ predicate: 'targets', object: 'p27' })))).toEqual([]);
    expect(problems(file(row({ predicate: 'targets', object: 'NOTAGENE1' })))[0]).toMatch(
      /demo\.tsv:4: object: no gene symbol/,
    );
    expect(problems(file(row({ context: 'subtype=luminal-c' })))[0]).toMatch(
      /demo\.tsv:4: context: subtype: /,
    );
    expect(problems(file(row({ qualifiers: 'mode=sideways' })))[0]).toMatch(
      /demo\.tsv:4: qualifiers: mode: /,
    );
    expect(problems(file(row({ qualifiers: 'colour=red' })))[0]).toMatch(/demo\.tsv:4: qualifiers: .*colour/);
    expect(problems(file(row({ experiments: 'qpcr, telepathy' })))[0]).toMatch(
      /demo\.tsv:4: experiments: 'telepathy' is not one of/,
    );
    expect(problems(file(row({ quote: '' })))).toEqual([
      'data/curation/demo.tsv:4: quote: required: the verbatim sentence',
    ]);
    expect(problems(file(row({ therapy: 'doxorubicin' })))[0]).toMatch(/demo\.tsv:4: therapy: leave empty/);
    expect(problems(file(row({ subject: 'anti-miR-21' })))[0]).toMatch(/names an inhibitor/);
    expect(
      problems(
        file(row({ predicate: 'regulates', subject: 'PTEN', object: 'pathway:Unicorn signalling' })),
      )[0],
    ).toMatch(/object: no pathway named 'Unicorn signalling'/);
  });

  it('rejects layout problems: missing header fields, wrong column count, wrong source id', () => {
    expect(problems(file(row()).replace('\tquote\n', '\n'))).toContain(
      'data/curation/demo.tsv:3: header: expected the columns: subject, predicate, object, therapy, context, qualifiers, experiments, section, quote',
    );
    expect(problems(file(row().slice(0, 5)))).toEqual([
      'data/curation/demo.tsv:4: row: expected 9 tab-separated fields, found 5',
    ]);
    expect(problems(file(row()).replace('#@title: Demo paper\n', ''))).toEqual([
      'data/curation/demo.tsv:1: #@title: Invalid input: expected string, received undefined',
    ]);
    expect(problems(file(row()).replace('source_id: demo', 'source_id: other'))).toEqual([
      "data/curation/demo.tsv:1: #@source_id: must equal the file name stem 'demo'",
    ]);
  });
});
