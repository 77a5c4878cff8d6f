/** A curator's edit of a queued proposal, as written (names, `key=value;…` fields), resolved like curation rows. */
import {
  PREDICATE_SIGNATURES,
  Predicate,
  fail,
  ok,
  type EntityRef,
  type Issue,
  type Result,
} from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import type { ProposalChanges, QueuedProposal } from './curation-queue.js';
import { parseContextField, parseQualifiersField, resolveEntities } from './curation-parser.js';

/** The edit as typed: any subset of the claim's parts; an empty therapy, context or qualifiers clears it. */
export interface ProposalEdit {
  subject?: string;
  predicate?: string;
  object?: string;
  therapy?: string;
  context?: string;
  qualifiers?: string;
}

/** Resolves an edit against the proposal it changes (subject and object kinds follow the new predicate). */
export function resolveProposalChanges(
  names: ReferenceNames,
  current: QueuedProposal,
  edit: ProposalEdit,
): Result<ProposalChanges> {
  const issues: Issue[] = [];
  const changes: ProposalChanges = {};
  if (Object.values(edit).every((v) => v === undefined))
    return fail({
      message:
        'nothing to change: give --subject, --predicate, --object, --therapy, --context or --qualifiers',
    });
  let predicate = current.predicate;
  if (edit.predicate !== undefined) {
    const parsed = Predicate.safeParse(edit.predicate.trim());
    if (parsed.success) predicate = changes.predicate = parsed.data;
    else
      issues.push({
        field: '--predicate',
        message: `'${edit.predicate}' is not one of ${Predicate.options.join(', ')}`,
      });
  }
  const one = (end: 'subject' | 'object', text: string): EntityRef | undefined => {
    const at = { field: `--${end}` };
    const resolved = resolveEntities(names, text.trim(), PREDICATE_SIGNATURES[predicate][end], at);
    issues.push(...resolved.issues);
    if (resolved.refs.length > 1) {
      issues.push({
        ...at,
        message: `'${text}' names ${resolved.refs.length} entities (${resolved.refs.map((r) => r.id).join(', ')}); a proposal links one`,
      });
      return undefined;
    }
    return resolved.refs[0];
  };
  if (edit.subject !== undefined) {
    const subject = one('subject', edit.subject);
    if (subject) changes.subject = subject;
  }
  if (edit.object !== undefined) {
    const object = one('object', edit.object);
    if (object) changes.object = object;
  }
  if (edit.therapy !== undefined) {
    if (!edit.therapy.trim()) changes.therapy = null;
    else {
      const r = names.therapy.resolve(edit.therapy.trim());
      if (r.status === 'resolved') changes.therapy = r.therapy.name;
      else
        issues.push({
          field: '--therapy',
          message: `${r.reason}${r.candidates.length ? `; closest: ${r.candidates.join(', ')}` : ''}`,
        });
    }
  }
  if (edit.context !== undefined) {
    const contexts = parseContextField(edit.context.trim(), { field: '--context' });
    if (contexts.ok) changes.contexts = contexts.value;
    else issues.push(...contexts.issues);
  }
  if (edit.qualifiers !== undefined) {
    const qualifiers = parseQualifiersField(edit.qualifiers.trim(), { field: '--qualifiers' });
    if (qualifiers.ok) changes.qualifiers = qualifiers.value;
    else issues.push(...qualifiers.issues);
  }
  return issues.length ? fail(...issues) : ok(changes);
}
