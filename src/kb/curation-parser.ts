/**
 * Curation files (data/curation/<source_id>.tsv, format in data/curation/README.md) → statements.
 * Every failure is an Issue with file, line and field; nothing is half-loaded.
 */
import { createHash } from 'node:crypto';
import {
  Context,
  ExperimentType,
  PREDICATE_SIGNATURES,
  Predicate,
  Qualifiers,
  Source,
  THERAPY_PREDICATES,
  fail,
  formatContext,
  ok,
  statementKey,
  type EntityRef,
  type Evidence,
  type Issue,
  type Result,
  type Statement,
} from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';

export const CURATION_COLUMNS = [
  'subject',
  'predicate',
  'object',
  'therapy',
  'context',
  'qualifiers',
  'experiments',
  'section',
  'quote',
] as const;
type Column = (typeof CURATION_COLUMNS)[number];

export interface CurationRow {
  file: string;
  line: number;
  fields: Record<Column, string>;
}

export interface CurationFile {
  source: Source;
  rows: CurationRow[];
}

/** Splits a curation file into its source header and rows; checks layout only. */
export function parseCurationFile(text: string, file: string): Result<CurationFile> {
  const issues: Issue[] = [];
  const header: Record<string, string> = {};
  const rows: CurationRow[] = [];
  let sawColumns = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const meta = /^#@\s*([a-z_]+)\s*:\s*(.*)$/.exec(raw);
    if (meta) {
      header[meta[1]!] = meta[2]!.trim();
      return;
    }
    if (!raw.trim() || raw.startsWith('#')) return;
    const cells = raw.split('\t');
    if (!sawColumns) {
      sawColumns = true;
      if (cells.join('\t') !== CURATION_COLUMNS.join('\t')) {
        issues.push({
          file,
          line,
          field: 'header',
          message: `expected the columns: ${CURATION_COLUMNS.join(', ')}`,
        });
      }
      return;
    }
    if (cells.length !== CURATION_COLUMNS.length) {
      issues.push({
        file,
        line,
        field: 'row',
        message: `expected ${CURATION_COLUMNS.length} tab-separated fields, found ${cells.length}`,
      });
      return;
    }
    const fields = Object.fromEntries(CURATION_COLUMNS.map((c, i) => [c, cells[i]!.trim()])) as Record<
      Column,
      string
    >;
    rows.push({ file, line, fields });
  });
  if (!sawColumns) issues.push({ file, field: 'header', message: 'no column header row' });
  const source = Source.safeParse({ ...header, id: header.source_id });
  if (!source.success) {
    for (const issue of source.error.issues) {
      const field = issue.path[0] === 'id' ? 'source_id' : issue.path.join('.');
      issues.push({ file, line: 1, field: `#@${field}`, message: issue.message });
    }
  } else {
    const stem = file.replace(/^.*\//, '').replace(/\.tsv$/, '');
    if (source.data.id !== stem) {
      issues.push({
        file,
        line: 1,
        field: '#@source_id',
        message: `must equal the file name stem '${stem}'`,
      });
    }
  }
  return issues.length || !source.success ? fail(...issues) : ok({ source: source.data, rows });
}

/** `k=v;k=v` pairs; a segment without '=' continues the previous value (notes may contain ';'). */
function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const segment of text.split(';')) {
    const at = segment.indexOf('=');
    if (at < 0 && last !== undefined) {
      out[last] += ';' + segment;
    } else if (segment.trim()) {
      last = (at < 0 ? segment : segment.slice(0, at)).trim();
      out[last] = at < 0 ? '' : segment.slice(at + 1).trim();
    }
  }
  return out;
}

/** A statement id: stable across builds, derived from what makes a statement the same claim. */
export function statementId(key: string): string {
  return 'st_' + createHash('sha1').update(key).digest('hex').slice(0, 16);
}

/** The entities a name resolves to (a cluster or protein family gives several), or the issues saying why none. */
export interface Resolved {
  refs: EntityRef[];
  issues: Issue[];
}

/** Resolves a curated name as one of `kinds` (miRNA mentions, gene symbol/alias/protein name, therapy, `pathway:`). */
export function resolveEntities(
  names: ReferenceNames,
  text: string,
  kinds: EntityRef['kind'][],
  at: Omit<Issue, 'message'>,
): Resolved {
  const issue = (message: string): Resolved => ({ refs: [], issues: [{ ...at, message }] });
  if (!text) return issue('required');
  if (kinds.includes('pathway') && text.startsWith('pathway:')) {
    const r = names.pathway.resolve(text);
    return r.status === 'resolved'
      ? { refs: [{ kind: 'pathway', id: r.pathway.name }], issues: [] }
      : issue(`${r.reason}${r.candidates.length ? `; closest: ${r.candidates.join(', ')}` : ''}`);
  }
  const problems: string[] = [];
  if (kinds.includes('mirna')) {
    const mentions = names.mirnaMentions.resolveAll(text);
    const bad = mentions.filter((m) => m.resolution.status !== 'resolved');
    if (mentions.length && !bad.length) {
      const refs: EntityRef[] = [];
      for (const m of mentions) {
        if (m.resolution.status === 'resolved') refs.push({ kind: 'mirna', id: m.resolution.mirna.name });
      }
      const lof = mentions.find((m) => m.resolution.modifiers.lossOfFunction);
      if (lof) {
        return issue(
          `'${text}' names an inhibitor: write the miRNA itself with the inverted role and inverted=…`,
        );
      }
      return { refs: [...new Map(refs.map((r) => [r.id, r])).values()], issues: [] };
    }
    if (bad.length && mentions.length > bad.length) {
      return issue(
        bad
          .map((m) =>
            m.resolution.status === 'resolved'
              ? ''
              : `'${m.text}': ${m.resolution.reason}${m.resolution.candidates.length ? `; closest: ${m.resolution.candidates.join(', ')}` : ''}`,
          )
          .join('; '),
      );
    }
    const first = bad[0]?.resolution;
    if (first && first.status !== 'resolved' && (kinds.length === 1 || /mi[rR]|let-|micro/i.test(text))) {
      return issue(
        `${first.reason}${first.candidates.length ? `; closest: ${first.candidates.join(', ')}` : ''}`,
      );
    }
  }
  if (kinds.includes('gene')) {
    const r = names.gene.resolve(text);
    if (r.status === 'resolved')
      return { refs: r.genes.map((g) => ({ kind: 'gene', id: g.symbol })), issues: [] };
    problems.push(
      `${r.reason}${r.candidates.length ? `; candidates: ${r.candidates.slice(0, 6).join(', ')}` : ''}`,
    );
  }
  if (kinds.includes('therapy')) {
    const r = names.therapy.resolve(text);
    if (r.status === 'resolved') return { refs: [{ kind: 'therapy', id: r.therapy.name }], issues: [] };
    problems.push(`${r.reason}${r.candidates.length ? `; closest: ${r.candidates.join(', ')}` : ''}`);
  }
  return issue(problems.join('; ') || `cannot resolve '${text}' as ${kinds.join(' or ')}`);
}

/** Turns parsed curation files into merged, curated statements (evidence of identical claims merges). */
export function curationToStatements(files: CurationFile[], names: ReferenceNames): Result<Statement[]> {
  const issues: Issue[] = [];
  const byKey = new Map<string, Statement>();
  for (const { source, rows } of files) {
    for (const row of rows) {
      const at = (field: Column) => ({ file: row.file, line: row.line, field });
      const f = row.fields;
      const predicate = Predicate.safeParse(f.predicate);
      if (!predicate.success) {
        issues.push({
          ...at('predicate'),
          message: `'${f.predicate}' is not one of ${Predicate.options.join(', ')}`,
        });
        continue;
      }
      const signature = PREDICATE_SIGNATURES[predicate.data];
      const subjects = resolveEntities(names, f.subject, signature.subject, at('subject'));
      const objects = resolveEntities(names, f.object, signature.object, at('object'));
      issues.push(...subjects.issues, ...objects.issues);

      let therapy: string | undefined;
      if (THERAPY_PREDICATES.has(predicate.data)) {
        therapy = objects.refs[0]?.id;
        if (f.therapy) {
          const t = names.therapy.resolve(f.therapy);
          if (t.status !== 'resolved' || t.therapy.name !== therapy) {
            issues.push({
              ...at('therapy'),
              message: 'leave empty: for this predicate the object is the therapy',
            });
          }
        }
      } else if (f.therapy) {
        const t = names.therapy.resolve(f.therapy);
        if (t.status === 'resolved') therapy = t.therapy.name;
        else issues.push({ ...at('therapy'), message: `${t.reason}; closest: ${t.candidates.join(', ')}` });
      }

      const contextField = parseContextField(f.context, at('context'));
      const contexts = contextField.ok ? contextField.value : [];
      if (!contextField.ok) issues.push(...contextField.issues);
      const qualifiers = parseQualifiersField(f.qualifiers, at('qualifiers'));
      if (!qualifiers.ok) issues.push(...qualifiers.issues);
      const experiments = f.experiments
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      const badExperiment = experiments.find((e) => !ExperimentType.safeParse(e).success);
      if (badExperiment) {
        issues.push({
          ...at('experiments'),
          message: `'${badExperiment}' is not one of ${ExperimentType.options.join(', ')}`,
        });
      }
      if (!f.quote) issues.push({ ...at('quote'), message: 'required: the verbatim sentence' });
      if (!f.section) issues.push({ ...at('section'), message: 'required' });
      if (!qualifiers.ok || !subjects.refs.length || !objects.refs.length || badExperiment || !f.quote)
        continue;

      const evidence: Evidence = {
        source_id: source.id,
        section: f.section,
        quote: f.quote,
        experiments: experiments as ExperimentType[],
        locator: `${row.file.replace(/^.*\//, '')}:${row.line}`,
      };
      for (const subject of subjects.refs) {
        for (const object of objects.refs) {
          const draft = {
            subject,
            predicate: predicate.data,
            object,
            qualifiers: qualifiers.value,
            ...(therapy ? { therapy } : {}),
          };
          const key = statementKey(draft);
          const existing = byKey.get(key);
          if (existing) {
            if (
              !existing.evidence.some((e) => e.quote === evidence.quote && e.source_id === evidence.source_id)
            ) {
              existing.evidence.push(evidence);
            }
            for (const context of contexts) {
              if (!existing.contexts.some((c) => formatContext(c) === formatContext(context)))
                existing.contexts.push(context);
            }
          } else {
            byKey.set(key, {
              id: statementId(key),
              ...draft,
              contexts: [...contexts],
              evidence: [evidence],
              status: 'curated',
            });
          }
        }
      }
    }
  }
  return issues.length ? fail(...issues) : ok([...byKey.values()]);
}

/** A context field: contexts separated by `|`, each `key=value;key=value` (`cell_line=BT-474;subtype=her2-positive`). */
export function parseContextField(text: string, at: Omit<Issue, 'message'>): Result<Context[]> {
  const contexts: Context[] = [];
  const issues: Issue[] = [];
  for (const part of text ? text.split('|') : []) {
    const parsed = Context.safeParse(keyValues(part));
    if (parsed.success) contexts.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => ({ ...at, message: zodMessage(i) })));
  }
  return issues.length ? fail(...issues) : ok(contexts);
}

/** A qualifiers field, `key=value;key=value` (`mode=direct;inverted=inhibitor`); a note may contain `;`. */
export function parseQualifiersField(text: string, at: Omit<Issue, 'message'>): Result<Qualifiers> {
  const parsed = Qualifiers.safeParse(keyValues(text));
  return parsed.success
    ? ok(parsed.data)
    : fail(...parsed.error.issues.map((i) => ({ ...at, message: zodMessage(i) })));
}

function zodMessage(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
