/** Statement exports: TSV (one row per evidence), JSON (versioned), GraphML and SIF (open in Cytoscape). */
import { formatContext, type Source, type Statement } from '../model/index.js';
import type { ProposedStatement } from '../read/proposal.js';
import { normaliseClaim } from './curation-queue.js';
import { STORE_FORMAT_VERSION } from './migrations.js';

export const EXPORT_FORMATS = ['tsv', 'json', 'graphml', 'sif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The TSV export's columns, in this order (a public interface). */
export const TSV_COLUMNS = [
  'subject',
  'predicate',
  'object',
  'therapy',
  'context',
  'source',
  'quote',
] as const;

const cell = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');

/** One row of the TSV export, by column. */
export type TsvRow = Record<(typeof TSV_COLUMNS)[number], string>;

/** The TSV header line, then one line per row (tabs and line breaks inside cells become spaces). */
export function* toTsvLines(rows: Iterable<TsvRow>): Generator<string> {
  yield TSV_COLUMNS.join('\t') + '\n';
  for (const row of rows) yield TSV_COLUMNS.map((c) => cell(row[c])).join('\t') + '\n';
}

/** One line per statement × evidence, header first. */
export function* toTsv(statements: Iterable<Statement>): Generator<string> {
  yield* toTsvLines(statementRows(statements));
}

function* statementRows(statements: Iterable<Statement>): Generator<TsvRow> {
  for (const s of statements) {
    const context = s.contexts.map(formatContext).join('|');
    for (const e of s.evidence) {
      yield {
        subject: s.subject.id,
        predicate: s.predicate,
        object: s.object.id,
        therapy: s.therapy ?? '',
        context,
        source: e.source_id,
        quote: e.quote,
      };
    }
  }
}

/** Proposed statements in the export's TSV columns (`miresist read --dry-run --format tsv`). */
export function* proposalsToTsv(proposals: Iterable<ProposedStatement>): Generator<string> {
  yield* toTsvLines(proposalTsvRows(proposals));
}

function* proposalTsvRows(proposals: Iterable<ProposedStatement>): Generator<TsvRow> {
  for (const p of proposals) {
    const claim = normaliseClaim(p);
    yield {
      subject: claim.subject.id,
      predicate: claim.predicate,
      object: claim.object.id,
      therapy: claim.therapy ?? '',
      context: claim.contexts.map(formatContext).join('|'),
      source: claim.source_id,
      quote: claim.quote,
    };
  }
}

/** A versioned JSON document of sources and statements. */
export function toJson(statements: Statement[], sources: Source[]): string {
  return (
    JSON.stringify(
      { formatVersion: STORE_FORMAT_VERSION, generatedAt: new Date().toISOString(), sources, statements },
      null,
      2,
    ) + '\n'
  );
}

const xml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids C0 control characters other than tab, newline and carriage return
    .replace(/\p{Cc}/gu, (ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ch : ''));

/** GraphML with node kind/label and edge predicate, therapy, qualifiers, evidence count, sources and first quote. */
export function* toGraphml(statements: Statement[]): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  const keys: [string, 'node' | 'edge', string, string][] = [
    ['label', 'node', 'name', 'string'],
    ['kind', 'node', 'kind', 'string'],
    ['predicate', 'edge', 'interaction', 'string'],
    ['therapy', 'edge', 'therapy', 'string'],
    ['qualifiers', 'edge', 'qualifiers', 'string'],
    ['contexts', 'edge', 'contexts', 'string'],
    ['evidence', 'edge', 'evidence_count', 'int'],
    ['sources', 'edge', 'sources', 'string'],
    ['quote', 'edge', 'quote', 'string'],
    ['statement', 'edge', 'statement_id', 'string'],
  ];
  for (const [id, target, name, type] of keys) {
    yield `  <key id="${id}" for="${target}" attr.name="${name}" attr.type="${type}"/>\n`;
  }
  yield '  <graph id="miresist" edgedefault="directed">\n';
  const nodes = new Map<string, string>();
  for (const s of statements)
    for (const ref of [s.subject, s.object]) nodes.set(`${ref.kind}:${ref.id}`, ref.kind);
  for (const [id, kind] of nodes) {
    const label = id.slice(kind.length + 1);
    yield `    <node id="${xml(id)}"><data key="label">${xml(label)}</data><data key="kind">${kind}</data></node>\n`;
  }
  for (const s of statements) {
    const qualifiers = Object.entries(s.qualifiers)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(';');
    const data: [string, string][] = [
      ['predicate', s.predicate],
      ['therapy', s.therapy ?? ''],
      ['qualifiers', qualifiers],
      ['contexts', s.contexts.map(formatContext).join('|')],
      ['evidence', String(s.evidence.length)],
      ['sources', [...new Set(s.evidence.map((e) => e.source_id))].join(';')],
      ['quote', s.evidence[0]?.quote ?? ''],
      ['statement', s.id],
    ];
    yield (
      `    <edge id="${s.id}" source="${xml(`${s.subject.kind}:${s.subject.id}`)}" target="${xml(`${s.object.kind}:${s.object.id}`)}">` +
      data.map(([k, v]) => `<data key="${k}">${xml(v)}</data>`).join('') +
      '</edge>\n'
    );
  }
  yield '  </graph>\n</graphml>\n';
}

/** Simple Interaction Format: `subject<TAB>predicate<TAB>object`, one line per statement. */
export function* toSif(statements: Iterable<Statement>): Generator<string> {
  for (const s of statements) yield `${cell(s.subject.id)}\t${s.predicate}\t${cell(s.object.id)}\n`;
}
