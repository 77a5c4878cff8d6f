/** Kysely table types of the miResist store; JSON columns are text so both SQLite and PostgreSQL hold them. */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface SourceTable {
  id: string;
  title: string;
  authors: string | null;
  year: string | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
  kind: string | null;
}

export interface MirnaTable {
  name: string;
  kind: string;
  accession: string | null;
  accessions: string;
  members: string;
  sequence: string | null;
  seed: string | null;
  precursors: string;
  family: string | null;
}

export interface GeneTable {
  symbol: string;
  entrez_id: string;
  name: string;
  aliases: string;
}

export interface TherapyTable {
  name: string;
  kind: string;
  class: string;
  parents: string;
  synonyms: string;
}

export interface PathwayTable {
  name: string;
  aliases: string;
  description: string;
}

/** Every name and alias of every entity, keyed by its lookup key (lowercase, no spacing or hyphens). */
export interface NameIndexTable {
  key: string;
  label: string;
  kind: string;
  entity_id: string;
}

/** The claim columns `statement` and `proposal` rows share (qualifiers and contexts as JSON). */
export interface ClaimColumns {
  subject_kind: string;
  subject_id: string;
  predicate: string;
  object_kind: string;
  object_id: string;
  therapy: string | null;
  qualifiers: string;
  contexts: string;
}

export interface StatementTable extends ClaimColumns {
  id: string;
  status: string;
  curator: string | null;
  curated_at: string | null;
}

export interface EvidenceTable {
  id: Generated<number>;
  statement_id: string;
  source_id: string;
  section: string;
  quote: string;
  experiments: string;
  locator: string | null;
}

/** One row per context key/value of a statement, for filtering by subtype, cell line, sample type … */
export interface StatementContextTable {
  statement_id: string;
  key: string;
  value: string;
}

/** Which current mature miRNAs each stored miRNA entity covers (arm-unknown names, families). */
export interface MirnaMemberTable {
  mirna_name: string;
  member: string;
}

/** A user's 3'UTR (loaded with `kb load-utrs`), under the name of its set. */
export interface UtrTable {
  source: string;
  utr_id: string;
  gene: string;
  sequence: string;
}

/** A canonical seed site (`has_site`: miRNA → gene) predicted in a loaded UTR. */
export interface PredictedSiteTable {
  mirna: string;
  gene: string;
  site_type: string;
  utr_start: number;
  utr_end: number;
  source: string;
  utr_id: string;
}

/**
 * A statement the reader proposed (`miresist read`), queued for a curator. Accepting it makes it a curated statement
 * or extra evidence of one (`statement_id`); rows survive `kb build`.
 */
export interface ProposalTable extends ClaimColumns {
  id: Generated<number>;
  /** `statementKey` of the claim: what it merges with */
  statement_key: string;
  source_id: string;
  /** JSON of the source record, so that accepting can create the source */
  source_record: string;
  section: string;
  quote: string;
  sentence_start: number;
  sentence_end: number;
  trigger_text: string;
  subject_text: string;
  object_text: string;
  /** the input file as given to `miresist read` */
  file: string;
  status: string;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  /** the statement it became or merged into, once accepted */
  statement_id: string | null;
}

export interface Database {
  proposal: ProposalTable;
  utr: UtrTable;
  predicted_site: PredictedSiteTable;
  mirna_member: MirnaMemberTable;
  meta: MetaTable;
  source: SourceTable;
  mirna: MirnaTable;
  gene: GeneTable;
  therapy: TherapyTable;
  pathway: PathwayTable;
  name_index: NameIndexTable;
  statement: StatementTable;
  evidence: EvidenceTable;
  statement_context: StatementContextTable;
}
