/** Store migrations (STYLE.md: version what you save). Each runs on SQLite and PostgreSQL. */
import { SqliteAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The store format this code writes and reads; recorded in meta.format_version and in every export. */
export const STORE_FORMAT_VERSION = 1;

const m001: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('source')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('authors', 'text')
      .addColumn('year', 'text')
      .addColumn('journal', 'text')
      .addColumn('doi', 'text')
      .addColumn('pmid', 'text')
      .addColumn('kind', 'text')
      .execute();
    await db.schema
      .createTable('mirna')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('accession', 'text')
      .addColumn('accessions', 'text', (c) => c.notNull())
      .addColumn('members', 'text', (c) => c.notNull())
      .addColumn('sequence', 'text')
      .addColumn('seed', 'text')
      .addColumn('precursors', 'text', (c) => c.notNull())
      .addColumn('family', 'text')
      .execute();
    await db.schema
      .createTable('mirna_member')
      .addColumn('mirna_name', 'text', (c) => c.notNull())
      .addColumn('member', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mirna_member_member').on('mirna_member').column('member').execute();
    await db.schema
      .createTable('gene')
      .addColumn('symbol', 'text', (c) => c.primaryKey())
      .addColumn('entrez_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('therapy')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('class', 'text', (c) => c.notNull())
      .addColumn('parents', 'text', (c) => c.notNull())
      .addColumn('synonyms', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('pathway')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('name_index')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('name_index_key').on('name_index').column('key').execute();
    await db.schema
      .createIndex('name_index_entity')
      .on('name_index')
      .columns(['kind', 'entity_id'])
      .execute();
    await db.schema
      .createTable('statement')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('predicate', 'text', (c) => c.notNull())
      .addColumn('object_kind', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('therapy', 'text')
      .addColumn('qualifiers', 'text', (c) => c.notNull())
      .addColumn('contexts', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('curator', 'text')
      .addColumn('curated_at', 'text')
      .execute();
    // each index matches the ORDER BY of the queries that use it, so a page is read in index order and stops early
    await db.schema
      .createIndex('statement_subject')
      .on('statement')
      .columns(['subject_id', 'predicate', 'object_id', 'id'])
      .execute();
    await db.schema
      .createIndex('statement_object')
      .on('statement')
      .columns(['object_id', 'predicate', 'subject_id', 'id'])
      .execute();
    await db.schema
      .createIndex('statement_therapy')
      .on('statement')
      .columns(['therapy', 'subject_id', 'predicate', 'object_id', 'id'])
      .execute();
    const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await db.schema
      .createTable('evidence')
      .addColumn('id', isSqlite ? 'integer' : 'serial', (c) =>
        isSqlite ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statement.id').onDelete('cascade'))
      .addColumn('source_id', 'text', (c) => c.notNull().references('source.id'))
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('experiments', 'text', (c) => c.notNull())
      .addColumn('locator', 'text')
      .execute();
    await db.schema.createIndex('evidence_statement').on('evidence').column('statement_id').execute();
    await db.schema
      .createTable('statement_context')
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statement.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('statement_context_kv')
      .on('statement_context')
      .columns(['key', 'value'])
      .execute();
    await db.schema
      .createIndex('statement_context_statement')
      .on('statement_context')
      .column('statement_id')
      .execute();
  },
};

/** Users' 3'UTR sets and the seed sites predicted in them: their own tables, never mixed with curated evidence. */
const m002: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('utr')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('utr_id', 'text', (c) => c.notNull())
      .addColumn('gene', 'text', (c) => c.notNull())
      .addColumn('sequence', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('utr_source').on('utr').columns(['source', 'utr_id']).execute();
    await db.schema
      .createTable('predicted_site')
      .addColumn('mirna', 'text', (c) => c.notNull())
      .addColumn('gene', 'text', (c) => c.notNull())
      .addColumn('site_type', 'text', (c) => c.notNull())
      .addColumn('utr_start', 'integer', (c) => c.notNull())
      .addColumn('utr_end', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('utr_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('predicted_site_mirna_gene')
      .on('predicted_site')
      .columns(['mirna', 'gene'])
      .execute();
    await db.schema.createIndex('predicted_site_gene').on('predicted_site').column('gene').execute();
  },
};

/** The reader's curation queue (issue 6): proposals keep their id (users type `curate accept 12`) across builds. */
const m003: Migration = {
  async up(db: Kysely<unknown>) {
    const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await db.schema
      .createTable('proposal')
      .addColumn('id', isSqlite ? 'integer' : 'serial', (c) =>
        isSqlite ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('predicate', 'text', (c) => c.notNull())
      .addColumn('object_kind', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('therapy', 'text')
      .addColumn('qualifiers', 'text', (c) => c.notNull())
      .addColumn('contexts', 'text', (c) => c.notNull())
      .addColumn('statement_key', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_record', 'text', (c) => c.notNull())
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('sentence_start', 'integer', (c) => c.notNull())
      .addColumn('sentence_end', 'integer', (c) => c.notNull())
      .addColumn('trigger_text', 'text', (c) => c.notNull())
      .addColumn('subject_text', 'text', (c) => c.notNull())
      .addColumn('object_text', 'text', (c) => c.notNull())
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text')
      .addColumn('statement_id', 'text')
      .execute();
    await db.schema.createIndex('proposal_status').on('proposal').columns(['status', 'id']).execute();
    await db.schema
      .createIndex('proposal_statement_key')
      .on('proposal')
      .columns(['statement_key', 'source_id'])
      .execute();
  },
};

/** Migrations in code, so the compiled CLI needs no migration folder. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ '001_initial': m001, '002_predicted_sites': m002, '003_reader_queue': m003 }),
};
