/**
 * The knowledge store: one Kysely schema on an embedded SQLite file (default) or PostgreSQL (DATABASE_URL).
 * Builds replace the whole content atomically: SQLite builds a new file and renames it over the old one;
 * PostgreSQL replaces the content inside one transaction.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import {
  StoreError,
  type EntityRef,
  type Gene,
  type Mirna,
  type Pathway,
  type Predicate,
  type Source,
  type Statement,
  type Therapy,
} from '../model/index.js';
import type { ReadBatch } from './curation-queue.js';
import {
  acceptProposals,
  addProposals,
  editProposal,
  getProposal,
  listProposals,
  mergeTarget,
  proposalRows,
  rejectProposals,
  type AcceptedProposal,
  type AcceptOptions,
  type AddProposalsReport,
  type MergeTarget,
  type ProposalChanges,
  type ProposalFilter,
  type ProposalRow,
  type QueuedProposal,
  type Review,
} from './curation-queue.js';
import { migrationProvider, STORE_FORMAT_VERSION } from './migrations.js';
import type { Database, NameIndexTable, PredictedSiteTable, UtrTable } from './schema.js';
import {
  insertAll,
  insertMirnas,
  insertSources,
  insertStatements,
  json,
  claimOfRow,
  type StatementCuration,
} from './store-writes.js';

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Everything a build writes. */
export interface StoreContent {
  sources: Source[];
  statements: Statement[];
  mirnas: Mirna[];
  genes: Gene[];
  therapies: Therapy[];
  pathways: Pathway[];
  names: NameIndexTable[];
  meta: Record<string, string>;
  /** loaded UTR sets carried into this build, with their sites predicted for this build's curated miRNAs */
  utrs?: UtrTable[];
  sites?: PredictedSiteTable[];
  /** the curation queue carried into this build, ids kept */
  proposals?: ProposalRow[];
  /** curator and time of statements that came from accepted proposals, by statement id */
  curation?: ReadonlyMap<string, StatementCuration>;
}

export interface StatementFilter {
  /** statements whose subject is one of these entity ids */
  subjects?: string[];
  /** statements whose object is one of these entity ids */
  objects?: string[];
  /** statements whose subject or object is one of these ids */
  touching?: string[];
  therapies?: string[];
  predicates?: Predicate[];
  sources?: string[];
  context?: { key: string; value: string };
  statuses?: Statement['status'][];
  limit?: number;
}

export interface SearchHit {
  kind: EntityRef['kind'] | 'evidence';
  id: string;
  label: string;
  /** for evidence hits: the statement the quote supports */
  statement_id?: string;
}

export const describeStore = (config: StoreConfig): string =>
  config.kind === 'sqlite'
    ? `SQLite file ${config.path}`
    : `PostgreSQL ${config.url.replace(/\/\/[^@/]*@/, '//***@')}`;

function createDb(config: StoreConfig, sqlitePath?: string, readonly = false): Kysely<Database> {
  if (config.kind === 'sqlite') {
    const database = new SQLite(sqlitePath ?? config.path, { readonly, fileMustExist: readonly });
    database.pragma('foreign_keys = ON');
    // a 64 MiB page cache and memory-mapped reads keep interactive queries off the read() path on large stores
    database.pragma('cache_size = -65536');
    database.pragma('mmap_size = 1073741824');
    if (!readonly) database.pragma('journal_mode = DELETE');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  }
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 8 }) }),
  });
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error;
}

async function writeContent(trx: Transaction<Database>, content: StoreContent): Promise<void> {
  for (const table of [
    'proposal',
    'predicted_site',
    'utr',
    'evidence',
    'statement_context',
    'statement',
    'name_index',
    'mirna_member',
    'mirna',
    'gene',
    'therapy',
    'pathway',
    'source',
    'meta',
  ] as const) {
    await trx.deleteFrom(table).execute();
  }
  const meta = {
    ...content.meta,
    format_version: String(STORE_FORMAT_VERSION),
    built_at: new Date().toISOString(),
  };
  await insertAll(
    trx,
    'meta',
    Object.entries(meta).map(([key, value]) => ({ key, value })),
  );
  await insertSources(trx, content.sources);
  await insertMirnas(trx, content.mirnas);
  await insertAll(
    trx,
    'gene',
    content.genes.map((g) => ({
      symbol: g.symbol,
      entrez_id: g.entrez_id,
      name: g.name,
      aliases: json(g.aliases),
    })),
  );
  await insertAll(
    trx,
    'therapy',
    content.therapies.map((t) => ({
      name: t.name,
      kind: t.kind,
      class: t.class,
      parents: json(t.parents),
      synonyms: json(t.synonyms),
    })),
  );
  await insertAll(
    trx,
    'pathway',
    content.pathways.map((p) => ({ name: p.name, aliases: json(p.aliases), description: p.description })),
  );
  await insertAll(trx, 'name_index', content.names as unknown as Record<string, unknown>[]);
  await insertStatements(trx, content.statements, content.curation);
  await insertAll(trx, 'utr', (content.utrs ?? []) as unknown as Record<string, unknown>[]);
  await insertAll(trx, 'predicted_site', (content.sites ?? []) as unknown as Record<string, unknown>[]);
  const proposals = content.proposals ?? [];
  await insertAll(trx, 'proposal', proposals as unknown as Record<string, unknown>[]);
  // rows keep their ids; PostgreSQL's serial must then continue after the highest (SQLite's AUTOINCREMENT does)
  if (proposals.length && trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select setval(pg_get_serial_sequence('proposal', 'id'), (select max(id) from proposal))`.execute(
      trx,
    );
}

/** The miResist knowledge store. */
export class KnowledgeStore {
  private constructor(
    readonly db: Kysely<Database>,
    readonly config: StoreConfig,
  ) {}

  /** Whether there is a store to open: an SQLite file, or a PostgreSQL database holding miResist's `meta` table. */
  static async exists(config: StoreConfig): Promise<boolean> {
    if (config.kind === 'sqlite') return existsSync(config.path);
    const db = createDb(config);
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
        where table_schema = current_schema() and table_name = 'meta'`.execute(db);
      return (rows[0]?.n ?? 0) > 0;
    } finally {
      await db.destroy();
    }
  }

  /** Opens an existing store for reading and curation; a missing or foreign store is a StoreError. */
  static async open(config: StoreConfig): Promise<KnowledgeStore> {
    if (config.kind === 'sqlite') {
      if (!existsSync(config.path)) {
        throw new StoreError(`no store at ${config.path}: run \`miresist kb build\` first`);
      }
      if (statSync(config.path).isDirectory())
        throw new StoreError(`${config.path} is a directory, not a store file`);
    }
    let db: Kysely<Database> | undefined;
    try {
      db = createDb(config);
      const rows = await db.selectFrom('meta').select(['key', 'value']).execute();
      // stores written by an older miresist gain the tables added since (migrations only add)
      if (rows.length) await migrate(db);
      const version = Number(rows.find((r) => r.key === 'format_version')?.value);
      if (!version) throw new StoreError(`${describeStore(config)} has no miResist format version`);
      if (version > STORE_FORMAT_VERSION) {
        throw new StoreError(
          `${describeStore(config)} has format ${version}; this miresist reads up to ${STORE_FORMAT_VERSION}`,
        );
      }
      return new KnowledgeStore(db, config);
    } catch (error) {
      await db?.destroy().catch(() => undefined);
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot read the store (${describeStore(config)}): ${(error as Error).message}`);
    }
  }

  /**
   * Replaces the store's whole content in one transaction. On SQLite a new file is built beside the old one and
   * renamed over it only after the transaction commits, so a failed build leaves the previous store as it was.
   */
  static async build(config: StoreConfig, content: StoreContent): Promise<void> {
    if (config.kind === 'sqlite') {
      mkdirSync(dirname(config.path), { recursive: true });
      const temp = `${config.path}.building-${process.pid}`;
      rmSync(temp, { force: true });
      const db = createDb(config, temp);
      try {
        await migrate(db);
        await db.transaction().execute((trx) => writeContent(trx, content));
        await db.destroy();
        renameSync(temp, config.path);
      } catch (error) {
        await db.destroy().catch(() => undefined);
        rmSync(temp, { force: true });
        throw error;
      }
      return;
    }
    const db = createDb(config);
    try {
      await migrate(db);
      await db.transaction().execute((trx) => writeContent(trx, content));
      // fresh planner statistics after a bulk load, or PostgreSQL may sort whole therapies instead of paging an index
      await sql`analyze`.execute(db);
    } finally {
      await db.destroy();
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** meta key/values: format_version, built_at, release notes, counts. */
  async meta(): Promise<Record<string, string>> {
    const rows = await this.db.selectFrom('meta').select(['key', 'value']).execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Entities whose name or alias has this lookup key (exact). */
  async lookupKey(key: string): Promise<NameIndexTable[]> {
    return this.db.selectFrom('name_index').selectAll().where('key', '=', key).execute();
  }

  async mirna(name: string): Promise<Mirna | undefined> {
    const row = await this.db.selectFrom('mirna').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return undefined;
    return {
      name: row.name,
      kind: row.kind as Mirna['kind'],
      ...(row.accession ? { accession: row.accession } : {}),
      accessions: JSON.parse(row.accessions) as string[],
      members: JSON.parse(row.members) as string[],
      ...(row.sequence ? { sequence: row.sequence } : {}),
      ...(row.seed ? { seed: row.seed } : {}),
      precursors: JSON.parse(row.precursors) as string[],
      ...(row.family ? { family: row.family } : {}),
    };
  }

  /** Stored miRNA entities sharing a mature product with these (a mature's arm-unknown name and family, …). */
  async relatedMirnas(members: string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('mirna_member')
      .select('mirna_name')
      .distinct()
      .where('member', 'in', nonEmpty(members))
      .execute();
    return rows.map((r) => r.mirna_name).sort();
  }

  async gene(symbol: string): Promise<Gene | undefined> {
    const row = await this.db.selectFrom('gene').selectAll().where('symbol', '=', symbol).executeTakeFirst();
    return row
      ? {
          symbol: row.symbol,
          entrez_id: row.entrez_id,
          name: row.name,
          aliases: JSON.parse(row.aliases) as string[],
        }
      : undefined;
  }

  async therapy(name: string): Promise<Therapy | undefined> {
    const row = await this.db.selectFrom('therapy').selectAll().where('name', '=', name).executeTakeFirst();
    return row
      ? {
          name: row.name,
          kind: row.kind as Therapy['kind'],
          class: row.class as Therapy['class'],
          parents: JSON.parse(row.parents) as string[],
          synonyms: JSON.parse(row.synonyms) as string[],
        }
      : undefined;
  }

  async sources(): Promise<Source[]> {
    const rows = await this.db.selectFrom('source').selectAll().orderBy('id').execute();
    return rows.map((r) => {
      const source: Source = { id: r.id, title: r.title };
      for (const key of ['authors', 'year', 'journal', 'doi', 'pmid'] as const)
        if (r[key]) source[key] = r[key];
      if (r.kind) source.kind = r.kind as Source['kind'];
      return source;
    });
  }

  /**
   * Statements matching a filter, each with all its evidence. Ordered by the filter's leading column (subject, object
   * or therapy), then predicate and the other end, so that a `limit`ed page is read straight off an index.
   */
  async statements(filter: StatementFilter = {}): Promise<Statement[]> {
    if (filter.touching) {
      const { touching, ...rest } = filter;
      const [asSubject, asObject] = [
        await this.statements({ ...rest, subjects: touching }),
        await this.statements({ ...rest, objects: touching }),
      ];
      const merged = new Map([...asSubject, ...asObject].map((s) => [s.id, s]));
      return [...merged.values()].slice(0, filter.limit ?? Infinity);
    }
    let query = this.db.selectFrom('statement').selectAll();
    if (filter.subjects) query = query.where('subject_id', 'in', nonEmpty(filter.subjects));
    if (filter.objects) query = query.where('object_id', 'in', nonEmpty(filter.objects));
    if (filter.therapies) query = query.where('therapy', 'in', nonEmpty(filter.therapies));
    if (filter.predicates) query = query.where('predicate', 'in', nonEmpty(filter.predicates));
    if (filter.statuses) query = query.where('status', 'in', nonEmpty(filter.statuses));
    if (filter.context) {
      const { key, value } = filter.context;
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('statement_context')
          .select('statement_id')
          .where('key', '=', key)
          .where('value', '=', value),
      );
    }
    if (filter.sources) {
      const sources = nonEmpty(filter.sources);
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('evidence').select('statement_id').where('source_id', 'in', sources),
      );
    }
    const order: ('subject_id' | 'object_id' | 'therapy' | 'predicate' | 'id')[] = filter.subjects
      ? ['subject_id', 'predicate', 'object_id', 'id']
      : filter.objects
        ? ['object_id', 'predicate', 'subject_id', 'id']
        : filter.therapies
          ? ['therapy', 'subject_id', 'predicate', 'object_id', 'id']
          : ['subject_id', 'predicate', 'object_id', 'id'];
    for (const column of order) query = query.orderBy(column);
    if (filter.limit) query = query.limit(filter.limit);
    // one round trip: the page of statements joined to its evidence, in page order then evidence insertion order
    let joined = this.db
      .selectFrom(query.as('s'))
      .leftJoin('evidence as e', 'e.statement_id', 's.id')
      .selectAll('s')
      .select(['e.id as evidence_id', 'e.source_id', 'e.section', 'e.quote', 'e.experiments', 'e.locator']);
    for (const column of order) joined = joined.orderBy(`s.${column}`);
    const rows = await joined.orderBy('e.id').execute();
    const statements = new Map<string, Statement>();
    for (const r of rows) {
      let statement = statements.get(r.id);
      if (!statement) {
        statement = {
          id: r.id,
          ...claimOfRow(r),
          evidence: [],
          status: r.status as Statement['status'],
        };
        statements.set(r.id, statement);
      }
      if (r.evidence_id !== null && r.source_id !== null) {
        statement.evidence.push({
          source_id: r.source_id,
          section: r.section ?? '',
          quote: r.quote ?? '',
          experiments: JSON.parse(r.experiments ?? '[]') as Statement['evidence'][number]['experiments'],
          ...(r.locator ? { locator: r.locator } : {}),
        });
      }
    }
    return [...statements.values()];
  }

  /**
   * The statements around some entities, `depth` hops out (1: their own statements; 2: also the statements of the
   * entities those reach, e.g. a miRNA's targets' regulators). Capped at `limit` statements (a page, for views).
   */
  async neighbourhood(ids: string[], depth = 1, limit = 200): Promise<Statement[]> {
    const seen = new Map<string, Statement>();
    let frontier = new Set(ids);
    const visited = new Set<string>();
    for (let hop = 0; hop < depth && frontier.size && seen.size < limit; hop++) {
      const batch = [...frontier].filter((id) => !visited.has(id));
      batch.forEach((id) => visited.add(id));
      const found = await this.statements({
        touching: batch,
        statuses: ['curated'],
        limit: limit - seen.size,
      });
      frontier = new Set();
      for (const s of found) {
        seen.set(s.id, s);
        for (const id of [s.subject.id, s.object.id]) if (!visited.has(id)) frontier.add(id);
      }
    }
    return [...seen.values()];
  }

  /** Names and aliases starting with the text (shortest first; `prefer`'s kind before others), then evidence sentences. */
  async search(
    text: string,
    key: string,
    limit = 20,
    options: { prefer?: EntityRef['kind'] } = {},
  ): Promise<SearchHit[]> {
    let query = this.db
      .selectFrom('name_index')
      .select(['kind', 'entity_id', 'label'])
      .where('key', 'like', `${escapeLike(key)}%`);
    // SQLite's LIKE ignores case, so it cannot use the key index; a binary range over it can (keys are lower case)
    if (this.config.kind === 'sqlite')
      query = query.where('key', '>=', key).where('key', '<', `${key}\uffff`);
    if (options.prefer) query = query.orderBy(sql`case when kind = ${options.prefer} then 0 else 1 end`);
    const names = await query
      .orderBy(sql`length(key)`)
      .orderBy('label')
      .limit(limit * 4)
      .execute();
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    for (const n of names) {
      const id = `${n.kind}:${n.entity_id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({ kind: n.kind as EntityRef['kind'], id: n.entity_id, label: n.label });
      if (hits.length >= limit) return hits;
    }
    const quotes = await this.db
      .selectFrom('evidence')
      .select(['statement_id', 'quote'])
      .where(sql`lower(quote)`, 'like', `%${escapeLike(text.toLowerCase())}%`)
      .orderBy('id')
      .limit(limit - hits.length)
      .execute();
    for (const q of quotes)
      hits.push({ kind: 'evidence', id: q.statement_id, label: q.quote, statement_id: q.statement_id });
    return hits;
  }

  /** Replaces one named UTR set and its predicted sites, in one transaction. */
  async replaceUtrSet(source: string, utrs: UtrTable[], sites: PredictedSiteTable[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('predicted_site').where('source', '=', source).execute();
      await trx.deleteFrom('utr').where('source', '=', source).execute();
      await insertAll(trx, 'utr', utrs as unknown as Record<string, unknown>[]);
      await insertAll(trx, 'predicted_site', sites as unknown as Record<string, unknown>[]);
    });
  }

  /** Every loaded UTR (to carry them into a rebuilt store). */
  async utrs(): Promise<UtrTable[]> {
    return this.db.selectFrom('utr').selectAll().orderBy('source').orderBy('utr_id').execute();
  }

  /** Names of the loaded UTR sets with their UTR counts. */
  async utrSources(): Promise<{ source: string; utrs: number }[]> {
    const rows = await this.db
      .selectFrom('utr')
      .select(['source', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('source')
      .orderBy('source')
      .execute();
    return rows.map((r) => ({ source: r.source, utrs: Number(r.n) }));
  }

  /** Predicted sites of these mature miRNAs in these genes. */
  async predictedSites(mirnas: string[], genes: string[]): Promise<PredictedSiteTable[]> {
    if (!mirnas.length || !genes.length) return [];
    return this.db
      .selectFrom('predicted_site')
      .selectAll()
      .where('mirna', 'in', mirnas)
      .where('gene', 'in', genes)
      .orderBy('gene')
      .orderBy('mirna')
      .orderBy('utr_start')
      .execute();
  }

  /** Queues read results in one transaction (all or nothing); duplicates and already-curated quotes are skipped. */
  async addProposals(batches: ReadBatch[]): Promise<AddProposalsReport> {
    return addProposals(this.db, batches);
  }

  /** Queued proposals in id order (all statuses unless filtered). */
  async proposals(filter: ProposalFilter = {}): Promise<QueuedProposal[]> {
    return listProposals(this.db, filter);
  }

  async proposal(id: number): Promise<QueuedProposal | undefined> {
    return getProposal(this.db, id);
  }

  /** The statement a proposal is or would be part of, and whether it exists. */
  async proposalMergeTarget(proposal: QueuedProposal): Promise<MergeTarget> {
    return mergeTarget(this.db, proposal);
  }

  /** Accepts one pending proposal: a new curated statement, or extra evidence of the identical statement. */
  async acceptProposal(
    id: number,
    curator: string,
    at?: string,
    options?: AcceptOptions,
  ): Promise<AcceptedProposal> {
    return (await this.acceptProposals([id], { curator, ...(at ? { at } : {}) }, options))[0]!;
  }

  /** Accepts pending proposals in one transaction; any unknown or already reviewed id fails them all. */
  async acceptProposals(ids: number[], review: Review, options?: AcceptOptions): Promise<AcceptedProposal[]> {
    return acceptProposals(this.db, ids, review, options);
  }

  async rejectProposal(id: number, curator: string, reason?: string, at?: string): Promise<void> {
    await this.rejectProposals([id], { curator, ...(reason ? { reason } : {}), ...(at ? { at } : {}) });
  }

  /** Rejects pending proposals in one transaction; any unknown or already reviewed id fails them all. */
  async rejectProposals(ids: number[], review: Review & { reason?: string }): Promise<number[]> {
    return rejectProposals(this.db, ids, review);
  }

  /** Changes a pending proposal's claim; returns it as stored. */
  async editProposal(id: number, changes: ProposalChanges): Promise<QueuedProposal> {
    return editProposal(this.db, id, changes);
  }

  /** Every proposal row, to carry the queue into a rebuilt store. */
  async proposalRows(): Promise<ProposalRow[]> {
    return proposalRows(this.db);
  }

  /** How many rows each table holds. */
  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of [
      'source',
      'statement',
      'evidence',
      'mirna',
      'gene',
      'therapy',
      'pathway',
      'name_index',
      'utr',
      'predicted_site',
      'proposal',
    ] as const) {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }
}

const nonEmpty = (values: string[]): string[] => (values.length ? values : ['\u0000']);
const escapeLike = (text: string): string => text.replace(/[%_\\]/g, '');
