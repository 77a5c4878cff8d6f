/** `miresist read` and `miresist curate` as a user runs them: real processes, a real store file. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, TSV_COLUMNS, type QueuedProposal } from '../src/kb/index.js';
import type { ProposedStatement } from '../src/read/proposal.js';
import { cliRunner } from './helpers/cli.js';

const FIXTURES = 'test/fixtures/read';
const ROUNDTRIP = `${FIXTURES}/roundtrip.txt`;
const ROUNDTRIP_QUOTE = 'Transfection of anti-miR-21 re-sensitised BT-474 cells to trastuzumab.';

const dir = mkdtempSync(join(tmpdir(), 'miresist-read-'));
const db = join(dir, 'kb.sqlite');
const run = cliRunner('--db', db);
const queue = (): string => {
  const r = run('curate', 'list', '--status', 'all', '--json');
  expect(r.code, r.err).toBe(0);
  return r.out;
};
const listed = (...args: string[]): QueuedProposal[] => {
  const r = run('curate', 'list', '--json', ...args);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { proposals: QueuedProposal[] }).proposals;
};
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(() => {
  const built = run('kb', 'build');
  expect(built.code, built.err).toBe(0);
});

describe('miresist read: bad input', () => {
  it('refuses a binary, an empty, a Latin-1, an invalid-XML file and a 10 MB single line with file:line; queues nothing', () => {
    const long = join(dir, 'one-line.txt');
    const sentence = 'Knockdown of miR-375 induced tamoxifen resistance in MCF-7 cells. ';
    writeFileSync(long, sentence.repeat(Math.ceil(10_000_000 / sentence.length)));
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('title: x\n\nmiR-21 confers resistance in caf\xe9 cells.\n', 'latin1'));
    const before = queue();
    const cases: [string, RegExp][] = [
      [latin1, /:3: not valid UTF-8/],
      [`${FIXTURES}/binary.bin`, /:1: binary file \(NUL byte\), not a text reader input file/],
      [`${FIXTURES}/empty.txt`, /:1: empty file/],
      [`${FIXTURES}/bad-xml.xml`, /:7: xml: malformed XML .*PubmedArticl/],
      [long, /:1: line 1 is 10,0\d\d,\d{3} characters long; the reader takes .* up to 1,000,000 characters/],
    ];
    for (const [file, message] of cases) {
      // a good file beside the bad one is not queued either
      const r = run('read', ROUNDTRIP, file);
      expect(r.code, `${file}: ${r.err}`).toBe(2);
      expect(r.err).toMatch(new RegExp(`${escape(file)}:\\d+: `));
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/nothing was changed/);
      expect(r.err).not.toContain(ROUNDTRIP);
      expect(queue()).toBe(before);
    }
    const all = run('read', `${FIXTURES}/binary.bin`, `${FIXTURES}/empty.txt`, join(dir, 'missing.txt'));
    expect(all.code).toBe(2);
    expect(all.err).toMatch(/3 problem\(s\); nothing was changed/);
    expect(all.err).toMatch(/missing\.txt: cannot read reader input file/);
    expect(run('read', '--format', 'tsv', ROUNDTRIP).err).toMatch(
      /--format: tsv prints proposals: use it with --dry-run/,
    );
    expect(queue()).toBe(before);
  });
});

describe('miresist read: the reader proposes, curators accept', () => {
  it('prints proposals with the export columns on a dry run and touches no store', () => {
    const absent = join(dir, 'absent.sqlite');
    const dry = cliRunner('--db', absent);
    const r = dry('read', '--dry-run', '--format', 'tsv', ROUNDTRIP);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('subject\tpredicate\tobject\ttherapy\tcontext\tsource\tquote');
    expect(lines[0]).toBe(TSV_COLUMNS.join('\t'));
    expect(lines.slice(1).every((l) => l.split('\t').length === 7)).toBe(true);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^hsa-miR-21\\tconfers_resistance\\ttrastuzumab\\ttrastuzumab\\t[^\\t]*\\tPMID:90000041\\t${escape(ROUNDTRIP_QUOTE)}$`,
        ),
      ),
    );
    const json = dry('read', '--dry-run', '--json', ROUNDTRIP);
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out) as {
      dryRun: boolean;
      documents: number;
      proposals: ProposedStatement[];
    };
    expect(report).toMatchObject({ dryRun: true, documents: 1 });
    expect(report.proposals.map((p) => p.quote)).toContain(ROUNDTRIP_QUOTE);
    expect(existsSync(absent)).toBe(false);
  });

  it('round-trips: read → curate show → accept → export with the quote; reading again queues nothing', () => {
    const read = run('read', ROUNDTRIP);
    expect(read.code, read.err).toBe(0);
    expect(read.out).toMatch(
      /^read 1 document \(\d+ sentences?\) from 1 file: \d+ proposed statements?\n {2}\d+ queued/,
    );
    const proposal = listed().find(
      (p) =>
        p.subject.id === 'hsa-miR-21' &&
        p.predicate === 'confers_resistance' &&
        p.object.id === 'trastuzumab',
    );
    expect(proposal, read.out).toBeDefined();
    expect(proposal).toMatchObject({ status: 'pending', quote: ROUNDTRIP_QUOTE, source_id: 'PMID:90000041' });
    const show = run('curate', 'show', String(proposal!.id));
    expect(show.code, show.err).toBe(0);
    expect(show.out).toContain(`proposal #${proposal!.id} · pending · read from ${ROUNDTRIP}`);
    expect(show.out).toMatch(/sentence: Transfection of .*\{trastuzumab\}\./);
    expect(show.out).toMatch(/statement st_[0-9a-f]{16}: (new|exists)/);
    const accept = run('curate', 'accept', String(proposal!.id), '--curator', 'tester');
    expect(accept.code, accept.err).toBe(0);
    expect(accept.out).toMatch(
      new RegExp(`^accepted #${proposal!.id} → .*st_[0-9a-f]{16}.*\\(curator tester\\)`),
    );
    const exported = run('export', '--format', 'tsv').out.split('\n');
    expect(exported).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^hsa-miR-21\\tconfers_resistance\\ttrastuzumab\\ttrastuzumab\\t[^\\t]*\\tPMID:90000041\\t${escape(ROUNDTRIP_QUOTE)}$`,
        ),
      ),
    );
    expect(listed('--status', 'accepted').find((p) => p.id === proposal!.id)).toMatchObject({
      reviewed_by: 'tester',
    });
    const again = run('read', '--json', ROUNDTRIP);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ dryRun: false, added: 0, ids: [] });
    expect(JSON.parse(again.out).duplicates).toBeGreaterThan(0);
  });
});

describe('miresist curate over a queue filled through the store', () => {
  const source = { id: 'PMID:90000042', title: 'A curate CLI example', pmid: '90000042' };
  const base = {
    contexts: [],
    qualifiers: {},
    source_id: source.id,
    section: 'Abstract',
    start: 0,
  };
  const mergeQuote = 'MiR-221 conferred tamoxifen resistance on MCF-7 cells.';
  const newQuote = 'High miR-770-5p predicted response to lapatinib.';
  const rejectQuote = 'miR-21 was mentioned near docetaxel.';
  const proposals: ProposedStatement[] = [
    {
      ...base,
      subject: { kind: 'mirna', id: 'hsa-miR-221' },
      predicate: 'confers_resistance',
      object: { kind: 'therapy', id: 'tamoxifen' },
      contexts: [{ cell_line: 'MCF-7' }],
      quote: mergeQuote,
      end: mergeQuote.length,
      trigger: 'conferred … resistance',
      subject_text: 'MiR-221',
      object_text: 'tamoxifen',
    },
    {
      ...base,
      subject: { kind: 'mirna', id: 'hsa-miR-770-5p' },
      predicate: 'predicts_response',
      object: { kind: 'therapy', id: 'lapatinib' },
      qualifiers: { level: 'high' },
      quote: newQuote,
      end: newQuote.length,
      trigger: 'predicted response',
      subject_text: 'miR-770-5p',
      object_text: 'lapatinib',
    },
    {
      ...base,
      subject: { kind: 'mirna', id: 'hsa-miR-21' },
      predicate: 'sensitises',
      object: { kind: 'therapy', id: 'docetaxel' },
      quote: rejectQuote,
      end: rejectQuote.length,
      trigger: 'near',
      subject_text: 'miR-21',
      object_text: 'docetaxel',
    },
  ];
  let ids: number[];

  beforeAll(async () => {
    const store = await KnowledgeStore.open({ kind: 'sqlite', path: db });
    try {
      ids = (
        await store.addProposals([
          { file: 'papers/curate-example.txt', result: { source, statements: proposals } },
        ])
      ).ids;
    } finally {
      await store.close();
    }
    expect(ids).toHaveLength(3);
  });
  afterEach(() => {
    delete process.env.MIRESIST_CURATOR;
  });

  it('lists and shows proposals with the sentence marked and what accepting would merge into', () => {
    const text = run('curate', 'list', '--source', source.id);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(
      `#${ids[0]}  pending   hsa-miR-221 confers_resistance tamoxifen  — PMID:90000042, Abstract`,
    );
    expect(text.out).toContain(`“${newQuote}”`);
    expect(listed('--predicate', 'predicts_response', '--source', source.id).map((p) => p.id)).toEqual([
      ids[1],
    ]);
    const merge = run('curate', 'show', `#${ids[0]}`);
    expect(merge.code, merge.err).toBe(0);
    expect(merge.out).toContain('sentence: [MiR-221] conferred {tamoxifen} resistance on MCF-7 cells.');
    expect(merge.out).toContain('trigger: conferred … resistance');
    expect(merge.out).toContain('subject: MiR-221 → mirna hsa-miR-221');
    expect(merge.out).toContain(
      `source: PMID:90000042 “A curate CLI example”, section Abstract, characters 0–${mergeQuote.length}`,
    );
    expect(merge.out).toMatch(
      /statement st_[0-9a-f]{16}: exists \(curated, \d+ pieces? of evidence\) — accepting adds this quote as extra evidence/,
    );
    const fresh = JSON.parse(run('curate', 'show', String(ids[1]), '--json').out);
    expect(fresh.proposal).toMatchObject({
      id: ids[1],
      qualifiers: { level: 'high' },
      file: 'papers/curate-example.txt',
    });
    expect(fresh.statement).toMatchObject({ exists: false, evidence: 0, hasQuote: false });
    const unknown = run('curate', 'show', '99999');
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringMatching(/id: no proposal #99999 in the queue/),
    ]);
  });

  it('edits with names resolved as in curation files, and reports bad edits by option', () => {
    const edit = run(
      'curate',
      'edit',
      String(ids[1]),
      '--subject',
      'microRNA-770-5p',
      '--object',
      'Tykerb',
      '--context',
      'cell_line=SK-BR-3|subtype=her2-positive',
      '--qualifiers',
      'level=high;sample_type=serum',
    );
    expect(edit.code, edit.err).toBe(0);
    expect(edit.out).toContain('hsa-miR-770-5p predicts_response lapatinib (level=high, sample_type=serum)');
    expect(edit.out).toContain('context: cell_line=SK-BR-3 | subtype=her2-positive');
    const before = queue();
    const bad = (args: string[], message: RegExp) => {
      const r = run('curate', 'edit', String(ids[1]), ...args);
      expect(r.code, r.out).toBe(2);
      expect(r.err).toMatch(message);
    };
    bad(['--subject', 'PTEN'], /--subject: /);
    bad(['--subject', 'anti-miR-21'], /--subject: 'anti-miR-21' names an inhibitor/);
    bad(['--predicate', 'causes'], /--predicate: 'causes' is not one of targets, /);
    bad(['--object', 'tamoxifenn'], /--object: .*closest: tamoxifen/);
    bad(['--context', 'tissue=lung'], /--context: /);
    bad(['--qualifiers', 'level=sky-high'], /--qualifiers: level: /);
    bad(['--predicate', 'targets'], /targets takes a gene object, not the therapy 'lapatinib'/);
    bad([], /nothing to change/);
    expect(queue()).toBe(before);
  });

  it('accepts (curator from the environment) and rejects, all or none, and the export shows accepted quotes', () => {
    const reject = run(
      'curate',
      'reject',
      String(ids[2]),
      '--curator',
      'carol',
      '--reason',
      'no claim is made',
    );
    expect(reject.code, reject.err).toBe(0);
    expect(reject.out).toBe(`rejected #${ids[2]} (curator carol; reason: no claim is made)\n`);
    const before = queue();
    const mixed = run('curate', 'accept', String(ids[0]), String(ids[2]));
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(
      new RegExp(
        `id: proposal #${ids[2]} is already rejected by carol .*only pending proposals can be accepted`,
      ),
    );
    expect(run('curate', 'accept', String(ids[0]), '99999').err).toMatch(/no proposal #99999/);
    expect(run('curate', 'accept', 'twelve').err).toMatch(/'twelve' is not a proposal id/);
    expect(queue()).toBe(before);
    process.env.MIRESIST_CURATOR = 'env-curator';
    const accept = run('curate', 'accept', String(ids[0]), String(ids[1]), '--json');
    expect(accept.code, accept.err).toBe(0);
    const report = JSON.parse(accept.out);
    expect(report.curator).toBe('env-curator');
    expect(report.accepted.map((a: { merged: boolean }) => a.merged)).toEqual([true, false]);
    const accepted = listed('--status', 'accepted', '--source', source.id);
    expect(accepted.map((p) => [p.id, p.reviewed_by])).toEqual([
      [ids[0], 'env-curator'],
      [ids[1], 'env-curator'],
    ]);
    expect(listed('--status', 'rejected', '--source', source.id)).toMatchObject([
      { id: ids[2], review_note: 'no claim is made' },
    ]);
    const exported = run('export', '--format', 'tsv').out;
    expect(exported).toContain(`\tPMID:90000042\t${mergeQuote}\n`);
    expect(exported).toMatch(
      /hsa-miR-770-5p\tpredicts_response\tlapatinib\tlapatinib\tcell_line=SK-BR-3\|subtype=her2-positive\tPMID:90000042\tHigh miR-770-5p/,
    );
    expect(exported).not.toContain(rejectQuote);
  });

  it('keeps the queue and the accepted statements through `kb build`', () => {
    const before = queue();
    const exported = run('export', '--format', 'tsv').out;
    const built = run('kb', 'build');
    expect(built.code, built.err).toBe(0);
    expect(built.out).toMatch(
      /curation queue: \d+ proposals kept \(\d+ accepted, merged into the statements\)/,
    );
    expect(queue()).toBe(before);
    expect(run('export', '--format', 'tsv').out).toBe(exported);
  });
});
