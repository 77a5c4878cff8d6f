/**
 * The curation queue (issue 6): statements the reader proposed wait here until a curator accepts them (they become
 * curated statements, or extra evidence of an identical one), rejects them or edits them. All writes are transactions.
 */
import { basename } from 'node:path';
import { SqliteAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  Context,
  EntityRef,
  PREDICATE_SIGNATURES,
  Predicate,
  Qualifiers,
  Source,
  THERAPY_PREDICATES,
  ValidationError,
  formatContext,
  statementKey,
  type Evidence,
  type Issue,
  type Mirna,
  type Statement,
} from '../model/index.js';
import type { ProposedStatement, ReadResult } from '../read/proposal.js';
import type { Curation } from './curation-loader.js';
import { statementId } from './curation-parser.js';
import type { Database, ProposalTable } from './schema.js';
import {
  contextRows,
  evidenceRow,
  insertAll,
  insertMirnas,
  insertSources,
  insertStatements,
  json,
  claimColumns,
  claimOfRow,
  mirnaNameRows,
  type Claim,
  type StatementCuration,
} from './store-writes.js';

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export type ProposalRow = Selectable<ProposalTable>;

/** What `miresist read` hands the queue: one input file's read result. */
export interface ReadBatch {
  file: string;
  /** the queue needs the source and the statements (not the reader's counts) */
  result: Pick<ReadResult, 'source' | 'statements'>;
}

/** A proposal as the queue holds it. */
export interface QueuedProposal extends ProposedStatement {
  id: number;
  status: ProposalStatus;
  /** the input file as given to `miresist read` */
  file: string;
  /** the source record accepting creates when the store lacks it */
  source: Source;
  created_at: string;
  reviewed_by?: string;
  reviewed_at?: string;
  /** the reason given when rejected */
  review_note?: string;
  /** the statement it became or merged into (accepted proposals only) */
  statement_id?: string;
}

export interface ProposalFilter {
  /** all statuses when absent */
  status?: ProposalStatus;
  source?: string;
  predicate?: Predicate;
  limit?: number;
}

export interface AddProposalsReport {
  /** proposals queued now, and their ids */
  added: number;
  ids: number[];
  /** proposals identical to one already queued (same claim, source and quote; any status) */
  duplicates: number;
  /** proposals whose claim is already curated with this very quote of this source */
  alreadyCurated: number;
}

/** A claim's parts a curator may change; names are already resolved to entity ids by the caller. */
export interface ProposalChanges {
  subject?: EntityRef;
  predicate?: Predicate;
  object?: EntityRef;
  /** null clears it */
  therapy?: string | null;
  contexts?: Context[];
  qualifiers?: Qualifiers;
}

export interface Review {
  curator: string;
  /** ISO time; now when absent */
  at?: string;
}

export interface AcceptOptions {
  /** the miRNA entity of a subject the store lacks (a family mention), so that queries by name find it */
  mirnaEntity?: (name: string) => Mirna | undefined;
}

export interface AcceptedProposal {
  id: number;
  statement_id: string;
  /** true when the claim was already a statement and the quote became extra evidence of it */
  merged: boolean;
  /** false when that statement already had this quote of this source */
  evidenceAdded: boolean;
}

/** The statement a proposal is or would be merged into. */
export interface MergeTarget {
  statement_id: string;
  exists: boolean;
  status?: string;
  evidence: number;
  /** the statement already has this quote of this source */
  hasQuote: boolean;
}

/** The claim as a statement states it: for therapy predicates the therapy is the object; no empty qualifiers. */
export function normaliseClaim<T extends Claim>(claim: T): T {
  const therapy = THERAPY_PREDICATES.has(claim.predicate) ? claim.object.id : claim.therapy || undefined;
  const qualifiers = Object.fromEntries(
    Object.entries(claim.qualifiers).filter(([, value]) => value !== undefined && value !== ''),
  ) as Qualifiers;
  const { therapy: _drop, ...rest } = claim;
  return { ...rest, ...(therapy ? { therapy } : {}), qualifiers } as T;
}

/** Issues with a claim: schema of each part, and the predicate's subject and object kinds. */
function claimIssues(claim: Claim, at: Omit<Issue, 'message' | 'field'>, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  const issue = (field: string, message: string) => issues.push({ ...at, field: prefix + field, message });
  const predicate = Predicate.safeParse(claim.predicate);
  if (!predicate.success)
    issue('predicate', `'${String(claim.predicate)}' is not one of ${Predicate.options.join(', ')}`);
  for (const end of ['subject', 'object'] as const) {
    const ref = EntityRef.safeParse(claim[end]);
    if (!ref.success) issue(end, `not an entity reference: ${ref.error.issues[0]?.message ?? ''}`);
    else if (predicate.success) {
      const kinds = PREDICATE_SIGNATURES[predicate.data][end];
      if (!kinds.includes(ref.data.kind))
        issue(
          end,
          `${predicate.data} takes a ${kinds.join(' or ')} ${end}, not the ${ref.data.kind} '${ref.data.id}'`,
        );
    }
  }
  if (claim.therapy !== undefined && typeof claim.therapy !== 'string')
    issue('therapy', 'must be a therapy name');
  if (!Array.isArray(claim.contexts)) issue('contexts', 'must be a list of contexts');
  else
    claim.contexts.forEach((c, i) => {
      const parsed = Context.safeParse(c);
      if (!parsed.success) issue(`contexts.${i}`, parsed.error.issues.map((x) => x.message).join('; '));
    });
  const qualifiers = Qualifiers.safeParse(claim.qualifiers);
  if (!qualifiers.success) issue('qualifiers', qualifiers.error.issues.map((x) => x.message).join('; '));
  return issues;
}

/** Issues with one proposal of a read result (the reader is code, but the queue takes nothing unchecked). */
function proposalIssues(p: ProposedStatement, source: Source, file: string, index: number): Issue[] {
  const at = { file };
  const prefix = `proposal ${index + 1} of ${source.id}: `;
  const issues = claimIssues(p, at, prefix);
  const issue = (field: string, message: string) => issues.push({ ...at, field: prefix + field, message });
  if (p.source_id !== source.id)
    issue('source_id', `'${p.source_id}' differs from the document's source '${source.id}'`);
  if (typeof p.quote !== 'string' || !p.quote.trim()) issue('quote', 'required: the sentence');
  if (!Number.isInteger(p.start) || !Number.isInteger(p.end) || p.start < 0 || p.end < p.start)
    issue('start', `sentence offsets must be 0 ≤ start ≤ end, got ${p.start}–${p.end}`);
  for (const field of ['section', 'trigger', 'subject_text', 'object_text'] as const)
    if (typeof p[field] !== 'string') issue(field, 'must be text');
  return issues;
}

const proposalKey = (key: string, sourceId: string, quote: string): string =>
  `${key}\u0000${sourceId}\u0000${quote}`;

/** Values for `where x in (…)` in slices that stay under every driver's bound-parameter limit. */
function* slices<T>(values: T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}

/** Queues the read results in one transaction; duplicates and already-curated quotes are counted, not queued. */
export async function addProposals(
  db: Kysely<Database>,
  batches: ReadBatch[],
  now = new Date().toISOString(),
): Promise<AddProposalsReport> {
  return db.transaction().execute(async (trx) => {
    const report: AddProposalsReport = { added: 0, ids: [], duplicates: 0, alreadyCurated: 0 };
    const issues: Issue[] = [];
    // one batch (file) at a time: a bad proposal in a later file rolls back the earlier files too
    for (const { file, result } of batches) {
      const source = Source.safeParse(result.source);
      if (!source.success) {
        issues.push(
          ...source.error.issues.map((i) => ({
            file,
            field: `source.${i.path.join('.')}`,
            message: i.message,
          })),
        );
        continue;
      }
      const batchIssues = result.statements.flatMap((p, i) => proposalIssues(p, source.data, file, i));
      if (batchIssues.length) {
        issues.push(...batchIssues);
        continue;
      }
      const drafts = result.statements.map((p) => {
        const claim = normaliseClaim(p);
        return { p: claim, key: statementKey(claim) };
      });
      const queued = await queuedKeys(trx, [...new Set(drafts.map((d) => d.key))]);
      const curated = await curatedQuotes(trx, [...new Set(drafts.map((d) => statementId(d.key)))]);
      const rows: Omit<ProposalRow, 'id'>[] = [];
      for (const { p, key } of drafts) {
        const unique = proposalKey(key, p.source_id, p.quote);
        if (queued.has(unique)) {
          report.duplicates++;
          continue;
        }
        queued.add(unique);
        if (curated.has(proposalKey(statementId(key), p.source_id, p.quote))) {
          report.alreadyCurated++;
          continue;
        }
        rows.push(proposalRow(p, key, source.data, file, now));
      }
      for (const slice of slices(rows, 1000)) {
        const inserted = await trx.insertInto('proposal').values(slice).returning('id').execute();
        report.ids.push(...inserted.map((r) => Number(r.id)));
      }
      report.added += rows.length;
    }
    if (issues.length) throw new ValidationError(issues);
    report.ids.sort((a, b) => a - b);
    return report;
  });
}

function proposalRow(
  p: ProposedStatement,
  key: string,
  source: Source,
  file: string,
  now: string,
): Omit<ProposalRow, 'id'> {
  return {
    ...claimColumns(p),
    statement_key: key,
    source_id: p.source_id,
    source_record: json(source),
    section: p.section,
    quote: p.quote,
    sentence_start: p.start,
    sentence_end: p.end,
    trigger_text: p.trigger,
    subject_text: p.subject_text,
    object_text: p.object_text,
    file,
    status: 'pending',
    created_at: now,
    reviewed_by: null,
    reviewed_at: null,
    review_note: null,
    statement_id: null,
  };
}

/** Claim/source/quote keys of every queued proposal (any status) with these statement keys. */
async function queuedKeys(trx: Transaction<Database>, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const slice of slices(keys)) {
    const rows = await trx
      .selectFrom('proposal')
      .select(['statement_key', 'source_id', 'quote'])
      .where('statement_key', 'in', slice)
      .execute();
    for (const r of rows) out.add(proposalKey(r.statement_key, r.source_id, r.quote));
  }
  return out;
}

/** Statement/source/quote keys of the evidence of these statements, where they are curated. */
async function curatedQuotes(trx: Transaction<Database>, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const slice of slices(ids)) {
    const rows = await trx
      .selectFrom('evidence as e')
      .innerJoin('statement as s', 's.id', 'e.statement_id')
      .select(['e.statement_id', 'e.source_id', 'e.quote'])
      .where('s.status', '=', 'curated')
      .where('s.id', 'in', slice)
      .execute();
    for (const r of rows) out.add(proposalKey(r.statement_id, r.source_id, r.quote));
  }
  return out;
}

/** A stored row as a proposal (JSON columns were validated when written). */
export function toQueuedProposal(row: ProposalRow): QueuedProposal {
  return {
    id: Number(row.id),
    status: row.status as ProposalStatus,
    ...claimOfRow(row),
    source_id: row.source_id,
    source: JSON.parse(row.source_record) as Source,
    section: row.section,
    quote: row.quote,
    start: Number(row.sentence_start),
    end: Number(row.sentence_end),
    trigger: row.trigger_text,
    subject_text: row.subject_text,
    object_text: row.object_text,
    file: row.file,
    created_at: row.created_at,
    ...(row.reviewed_by ? { reviewed_by: row.reviewed_by } : {}),
    ...(row.reviewed_at ? { reviewed_at: row.reviewed_at } : {}),
    ...(row.review_note ? { review_note: row.review_note } : {}),
    ...(row.statement_id ? { statement_id: row.statement_id } : {}),
  };
}

/** Queued proposals in id order. */
export async function listProposals(
  db: Kysely<Database>,
  filter: ProposalFilter = {},
): Promise<QueuedProposal[]> {
  let query = db.selectFrom('proposal').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.source) query = query.where('source_id', '=', filter.source);
  if (filter.predicate) query = query.where('predicate', '=', filter.predicate);
  query = query.orderBy('id');
  if (filter.limit) query = query.limit(filter.limit);
  return (await query.execute()).map(toQueuedProposal);
}

/** One proposal by id. */
export async function getProposal(db: Kysely<Database>, id: number): Promise<QueuedProposal | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = await db.selectFrom('proposal').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toQueuedProposal(row);
}

/** Every stored proposal row (to carry the queue into a rebuilt store). */
export async function proposalRows(db: Kysely<Database>): Promise<ProposalRow[]> {
  return db.selectFrom('proposal').selectAll().orderBy('id').execute();
}

/** The statement this proposal is or would be part of, and whether it exists yet. */
export async function mergeTarget(db: Kysely<Database>, p: QueuedProposal): Promise<MergeTarget> {
  const id = p.statement_id ?? statementId(statementKey(p));
  const statement = await db.selectFrom('statement').select('status').where('id', '=', id).executeTakeFirst();
  if (!statement) return { statement_id: id, exists: false, evidence: 0, hasQuote: false };
  const evidence = await db
    .selectFrom('evidence')
    .select(['source_id', 'quote'])
    .where('statement_id', '=', id)
    .execute();
  return {
    statement_id: id,
    exists: true,
    status: statement.status,
    evidence: evidence.length,
    hasQuote: evidence.some((e) => e.source_id === p.source_id && e.quote === p.quote),
  };
}

type Verb = 'accept' | 'reject' | 'edit';
const PAST: Record<Verb, string> = { accept: 'accepted', reject: 'rejected', edit: 'edited' };

/** The rows of these ids, all pending; otherwise a ValidationError naming every unknown or reviewed id. */
async function pendingRows(trx: Transaction<Database>, ids: number[], verb: Verb): Promise<ProposalRow[]> {
  const wanted = [...new Set(ids)];
  const issues: Issue[] = [];
  const valid = wanted.filter((id) => {
    if (Number.isSafeInteger(id) && id > 0) return true;
    issues.push({ field: 'id', message: `'${id}' is not a proposal id (a positive whole number)` });
    return false;
  });
  // PostgreSQL: lock the rows, so that two curators accepting one proposal at once cannot both add its evidence
  // (SQLite serialises writers by itself and has no FOR UPDATE)
  const query = trx.selectFrom('proposal').selectAll().where('id', 'in', valid);
  const sqlite = trx.getExecutor().adapter instanceof SqliteAdapter;
  const rows = valid.length ? await (sqlite ? query : query.forUpdate()).execute() : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (const id of valid) {
    const row = byId.get(id);
    if (!row)
      issues.push({
        field: 'id',
        message: `no proposal #${id} in the queue (see \`miresist curate list --status all\`)`,
      });
    else if (row.status !== 'pending')
      issues.push({
        field: 'id',
        message:
          `proposal #${id} is already ${row.status}` +
          (row.reviewed_by
            ? ` by ${row.reviewed_by}${row.reviewed_at ? ` at ${row.reviewed_at}` : ''}`
            : '') +
          `; only pending proposals can be ${PAST[verb]}`,
      });
  }
  if (issues.length) throw new ValidationError(issues);
  return valid.map((id) => byId.get(id)!);
}

/** The evidence a proposal gives its statement; the locator names the reader's input file and sentence span. */
export function proposalEvidence(p: QueuedProposal): Evidence {
  return {
    source_id: p.source_id,
    section: p.section,
    quote: p.quote,
    experiments: [],
    locator: `reader:${basename(p.file)}:${p.start}-${p.end}`,
  };
}

/** What merging evidence into a statement adds: the quote unless that source already gives it, and new contexts. */
export function mergeAddition(
  statement: { evidence: Pick<Evidence, 'source_id' | 'quote'>[]; contexts: Context[] },
  evidence: Evidence,
  contexts: Context[],
): { evidence?: Evidence; contexts: Context[] } {
  const known = new Set(statement.contexts.map(formatContext));
  const added: Context[] = [];
  for (const c of contexts) {
    if (known.has(formatContext(c))) continue;
    known.add(formatContext(c));
    added.push(c);
  }
  const hasQuote = statement.evidence.some(
    (e) => e.source_id === evidence.source_id && e.quote === evidence.quote,
  );
  return { ...(hasQuote ? {} : { evidence }), contexts: added };
}

/** A new curated statement made of one proposal. */
function proposalStatement(p: QueuedProposal, id: string): Statement {
  return {
    id,
    subject: p.subject,
    predicate: p.predicate,
    object: p.object,
    ...(p.therapy ? { therapy: p.therapy } : {}),
    contexts: p.contexts,
    qualifiers: p.qualifiers,
    evidence: [proposalEvidence(p)],
    status: 'curated',
  };
}

/** Accepts pending proposals, all or none: each becomes a curated statement or extra evidence of its statement. */
export async function acceptProposals(
  db: Kysely<Database>,
  ids: number[],
  review: Review,
  options: AcceptOptions = {},
): Promise<AcceptedProposal[]> {
  const at = review.at ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const accepted: AcceptedProposal[] = [];
    for (const row of await pendingRows(trx, ids, 'accept')) {
      const p = toQueuedProposal(row);
      const id = statementId(row.statement_key);
      const source = await trx
        .selectFrom('source')
        .select('id')
        .where('id', '=', p.source.id)
        .executeTakeFirst();
      if (!source) await insertSources(trx, [p.source]);
      if (p.subject.kind === 'mirna' && options.mirnaEntity)
        await addMirnaEntity(trx, p.subject.id, options.mirnaEntity);
      const existing = await trx
        .selectFrom('statement')
        .select(['contexts', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
      let evidenceAdded = true;
      if (existing) {
        const evidence = await trx
          .selectFrom('evidence')
          .select(['source_id', 'quote'])
          .where('statement_id', '=', id)
          .execute();
        const contexts = JSON.parse(existing.contexts) as Context[];
        const addition = mergeAddition({ evidence, contexts }, proposalEvidence(p), p.contexts);
        evidenceAdded = Boolean(addition.evidence);
        if (addition.evidence) await insertAll(trx, 'evidence', [evidenceRow(id, addition.evidence)]);
        if (addition.contexts.length) {
          await trx
            .updateTable('statement')
            .set({ contexts: json([...contexts, ...addition.contexts]) })
            .where('id', '=', id)
            .execute();
          await insertAll(trx, 'statement_context', contextRows(id, addition.contexts));
        }
        if (existing.status !== 'curated')
          await trx
            .updateTable('statement')
            .set({ status: 'curated', curator: review.curator, curated_at: at })
            .where('id', '=', id)
            .execute();
      } else {
        await insertStatements(
          trx,
          [proposalStatement(p, id)],
          new Map([[id, { curator: review.curator, curated_at: at }]]),
        );
      }
      await trx
        .updateTable('proposal')
        .set({ status: 'accepted', reviewed_by: review.curator, reviewed_at: at, statement_id: id })
        .where('id', '=', p.id)
        .execute();
      accepted.push({ id: p.id, statement_id: id, merged: Boolean(existing), evidenceAdded });
    }
    return accepted;
  });
}

/** Adds a miRNA entity (and its names) the store lacks, e.g. a family first named by an accepted proposal. */
async function addMirnaEntity(
  trx: Transaction<Database>,
  name: string,
  entity: (name: string) => Mirna | undefined,
): Promise<void> {
  const known = await trx.selectFrom('mirna').select('name').where('name', '=', name).executeTakeFirst();
  if (known) return;
  const mirna = entity(name);
  if (mirna?.name !== name) return;
  await insertMirnas(trx, [mirna]);
  await insertAll(trx, 'name_index', mirnaNameRows(mirna) as unknown as Record<string, unknown>[]);
}

/** Rejects pending proposals, all or none, with an optional reason. */
export async function rejectProposals(
  db: Kysely<Database>,
  ids: number[],
  review: Review & { reason?: string },
): Promise<number[]> {
  const at = review.at ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = await pendingRows(trx, ids, 'reject');
    for (const row of rows)
      await trx
        .updateTable('proposal')
        .set({
          status: 'rejected',
          reviewed_by: review.curator,
          reviewed_at: at,
          review_note: review.reason || null,
        })
        .where('id', '=', row.id)
        .execute();
    return rows.map((r) => Number(r.id));
  });
}

/** Changes a pending proposal's claim (validated against the model and the predicate's signature). */
export async function editProposal(
  db: Kysely<Database>,
  id: number,
  changes: ProposalChanges,
): Promise<QueuedProposal> {
  return db.transaction().execute(async (trx) => {
    const [row] = await pendingRows(trx, [id], 'edit');
    const current = toQueuedProposal(row!);
    const predicate = changes.predicate ?? current.predicate;
    if (changes.therapy && THERAPY_PREDICATES.has(predicate)) {
      const object = changes.object ?? current.object;
      if (changes.therapy !== object.id)
        throw new ValidationError([
          {
            field: 'therapy',
            message: `leave it out: for ${predicate} the object (${object.id}) is the therapy`,
          },
        ]);
    }
    const therapy = changes.therapy === undefined ? current.therapy : (changes.therapy ?? undefined);
    const claim = normaliseClaim({
      subject: changes.subject ?? current.subject,
      predicate,
      object: changes.object ?? current.object,
      ...(therapy ? { therapy } : {}),
      contexts: changes.contexts ?? current.contexts,
      qualifiers: changes.qualifiers ?? current.qualifiers,
    });
    const issues = claimIssues(claim, {}, `proposal #${id}: `);
    if (issues.length) throw new ValidationError(issues);
    await trx
      .updateTable('proposal')
      .set({ ...claimColumns(claim), statement_key: statementKey(claim) })
      .where('id', '=', id)
      .execute();
    const updated = await trx
      .selectFrom('proposal')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toQueuedProposal(updated);
  });
}

/**
 * Curation plus the accepted proposals of a store being rebuilt (in the order they were accepted): each merges into
 * its statement as evidence, or becomes a curated statement with its curator and time. Inputs are not mutated.
 */
export function mergeAcceptedProposals(
  curation: Curation,
  rows: ProposalRow[],
): { curation: Curation; curators: Map<string, StatementCuration> } {
  const statements = new Map(curation.statements.map((s) => [s.id, s]));
  const sources = new Map(curation.sources.map((s) => [s.id, s]));
  const curators = new Map<string, StatementCuration>();
  const accepted = rows
    .filter((r) => r.status === 'accepted')
    .sort((a, b) => (a.reviewed_at ?? '').localeCompare(b.reviewed_at ?? '') || Number(a.id) - Number(b.id));
  for (const row of accepted) {
    const p = toQueuedProposal(row);
    const id = statementId(row.statement_key);
    if (!sources.has(p.source.id)) sources.set(p.source.id, p.source);
    const existing = statements.get(id);
    if (!existing) {
      statements.set(id, proposalStatement(p, id));
      curators.set(id, {
        curator: row.reviewed_by ?? 'unknown',
        curated_at: row.reviewed_at ?? row.created_at,
      });
      continue;
    }
    const addition = mergeAddition(existing, proposalEvidence(p), p.contexts);
    if (addition.evidence || addition.contexts.length)
      statements.set(id, {
        ...existing,
        evidence: addition.evidence ? [...existing.evidence, addition.evidence] : existing.evidence,
        contexts: [...existing.contexts, ...addition.contexts],
      });
  }
  return {
    curation: { ...curation, sources: [...sources.values()], statements: [...statements.values()] },
    curators,
  };
}
