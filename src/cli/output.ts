/** Text rendering of statements and reports for the terminal. */
import { formatContext, type Statement } from '../model/index.js';

/** The parts of a statement (or of a proposed one) that its one-line form shows. */
type StatementHead = Pick<Statement, 'subject' | 'predicate' | 'object' | 'therapy' | 'qualifiers'>;

const qualifierText = (s: StatementHead): string => {
  const parts = Object.entries(s.qualifiers)
    .filter(([key]) => key !== 'note')
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

/** `subject predicate object [therapy] (qualifiers)` on one line. */
export function statementLine(s: StatementHead): string {
  const therapy = s.therapy && s.therapy !== s.object.id ? ` [${s.therapy}]` : '';
  return `${s.subject.id} ${s.predicate} ${s.object.id}${therapy}${qualifierText(s)}`;
}

/** The statement's evidence: each quote with its source, section, experiments and contexts. */
export function evidenceLines(s: Statement, indent = '      '): string[] {
  const lines: string[] = [];
  if (s.contexts.length) lines.push(`${indent}context: ${s.contexts.map(formatContext).join(' | ')}`);
  if (s.qualifiers.note) lines.push(`${indent}note: ${s.qualifiers.note}`);
  for (const e of s.evidence) {
    lines.push(`${indent}“${e.quote}”`);
    const experiments = e.experiments.length ? ` · ${e.experiments.join(', ')}` : '';
    lines.push(`${indent}  — ${e.source_id}, ${e.section}${experiments}`);
  }
  return lines;
}

/** A titled block of statements with their evidence; empty groups print "none". */
export function statementBlock(title: string, statements: Statement[]): string[] {
  const lines = [`${title} (${statements.length})`];
  if (!statements.length) lines.push('  none curated');
  for (const s of statements) lines.push(`  • ${statementLine(s)}`, ...evidenceLines(s));
  return lines;
}

/** Prints a value as JSON or as text lines. */
export function emit(json: boolean, value: unknown, text: () => string[]): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : text().join('\n') + '\n');
}
