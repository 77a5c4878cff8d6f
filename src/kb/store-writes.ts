/** Row writers shared by builds and curation: batched inserts, statements with evidence and contexts, sources, miRNAs. */
import type { Transaction } from 'kysely';
import type { Context, EntityRef, Mirna, Predicate, Qualifiers, Source, Statement } from '../model/index.js';
import { lookupKey } from '../names/index.js';
import type { ClaimColumns, Database, NameIndexTable } from './schema.js';

export const json = (value: unknown): string => JSON.stringify(value);

/** Rows per insert so that a batch stays under every driver's bound-parameter limit. */
const batchSize = (columns: number): number => Math.max(1, Math.floor(30_000 / columns));

/** Inserts rows in batches. */
export async function insertAll<T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const size = batchSize(Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size) {
    // rows are built from typed content; Kysely cannot type a table chosen at run time
    const values = rows.slice(i, i + size) as Parameters<ReturnType<typeof trx.insertInto<T>>['values']>[0];
    await trx.insertInto(table).values(values).execute();
  }
}

/** The claim a statement or a proposal makes. */
export type Claim = Pick<
  Statement,
  'subject' | 'predicate' | 'object' | 'therapy' | 'contexts' | 'qualifiers'
>;

export const claimColumns = (c: Claim): ClaimColumns => ({
  subject_kind: c.subject.kind,
  subject_id: c.subject.id,
  predicate: c.predicate,
  object_kind: c.object.kind,
  object_id: c.object.id,
  therapy: c.therapy ?? null,
  qualifiers: json(c.qualifiers),
  contexts: json(c.contexts),
});

/** A stored claim read back (its parts were validated by zod when written). */
export const claimOfRow = (r: ClaimColumns): Claim => ({
  subject: { kind: r.subject_kind as EntityRef['kind'], id: r.subject_id },
  predicate: r.predicate as Predicate,
  object: { kind: r.object_kind as EntityRef['kind'], id: r.object_id },
  ...(r.therapy ? { therapy: r.therapy } : {}),
  contexts: JSON.parse(r.contexts) as Context[],
  qualifiers: JSON.parse(r.qualifiers) as Qualifiers,
});

/** Who made a statement curated and when (curation files leave both empty; accepted proposals set them). */
export interface StatementCuration {
  curator: string;
  curated_at: string;
}

/** One `statement_context` row per key/value of each context. */
export const contextRows = (statementId: string, contexts: Statement['contexts']) =>
  contexts.flatMap((c) =>
    Object.entries(c)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => ({ statement_id: statementId, key, value: String(value) })),
  );

/** The evidence row of one piece of evidence. */
export const evidenceRow = (statementId: string, e: Statement['evidence'][number]) => ({
  statement_id: statementId,
  source_id: e.source_id,
  section: e.section,
  quote: e.quote,
  experiments: json(e.experiments),
  locator: e.locator ?? null,
});

/** Writes statements with their evidence and context rows; `curation` gives a statement its curator and time. */
export async function insertStatements(
  trx: Transaction<Database>,
  statements: Statement[],
  curation: ReadonlyMap<string, StatementCuration> = new Map(),
): Promise<void> {
  await insertAll(
    trx,
    'statement',
    statements.map((s) => ({
      id: s.id,
      ...claimColumns(s),
      status: s.status,
      curator: curation.get(s.id)?.curator ?? null,
      curated_at: curation.get(s.id)?.curated_at ?? null,
    })),
  );
  await insertAll(
    trx,
    'evidence',
    statements.flatMap((s) => s.evidence.map((e) => evidenceRow(s.id, e))),
  );
  await insertAll(
    trx,
    'statement_context',
    statements.flatMap((s) => contextRows(s.id, s.contexts)),
  );
}

/** Source rows. */
export async function insertSources(trx: Transaction<Database>, sources: Source[]): Promise<void> {
  await insertAll(
    trx,
    'source',
    sources.map((s) => ({
      id: s.id,
      title: s.title,
      authors: s.authors ?? null,
      year: s.year ?? null,
      journal: s.journal ?? null,
      doi: s.doi ?? null,
      pmid: s.pmid ?? null,
      kind: s.kind ?? null,
    })),
  );
}

/** miRNA entity rows with the mature products each covers. */
export async function insertMirnas(trx: Transaction<Database>, mirnas: Mirna[]): Promise<void> {
  await insertAll(
    trx,
    'mirna',
    mirnas.map((m) => ({
      name: m.name,
      kind: m.kind,
      accession: m.accession ?? null,
      accessions: json(m.accessions),
      members: json(m.members),
      sequence: m.sequence ?? null,
      seed: m.seed ?? null,
      precursors: json(m.precursors),
      family: m.family ?? null,
    })),
  );
  await insertAll(
    trx,
    'mirna_member',
    mirnas.flatMap((m) => m.members.map((member) => ({ mirna_name: m.name, member }))),
  );
}

/** The name-index rows of a miRNA entity: its name with and without `hsa-`, and its accession. */
export function mirnaNameRows(m: Mirna): NameIndexTable[] {
  return [m.name, m.name.replace(/^hsa-/, ''), ...(m.accession ? [m.accession] : [])].flatMap((label) => {
    const key = lookupKey(label);
    return key ? [{ key, label, kind: 'mirna', entity_id: m.name }] : [];
  });
}
