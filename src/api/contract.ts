/**
 * The HTTP API's contract: zod schemas of every request and response. The server validates with them, the OpenAPI
 * document is generated from them, and the web app imports their types. Imports nothing but zod and src/model.
 */
import { z } from 'zod';
import {
  Context,
  EntityRef,
  EXPERIMENT_TYPES,
  PREDICATES,
  Gene,
  Mirna,
  Predicate,
  Qualifiers,
  Source,
  Statement,
  Therapy,
} from '../model/index.js';

// ---------- shared ----------

/** RFC 9457 problem details: every error the API returns, as `application/problem+json`. */
export const Problem = z
  .object({
    type: z.string().describe('a URI naming the problem type, or about:blank'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** validation problems: where (file, line, field) and what */
    issues: z
      .array(
        z.object({
          file: z.string().optional(),
          line: z.number().optional(),
          field: z.string().optional(),
          message: z.string(),
        }),
      )
      .optional(),
    /** unresolved names: what the name could have meant */
    candidates: z.array(z.string()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const StatementSchema = Statement.meta({ id: 'Statement' });

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  store: z.object({ kind: z.enum(['sqlite', 'postgres']), description: z.string() }),
  format_version: z.string().optional(),
  counts: z.record(z.string(), z.number()),
  uptime_s: z.number(),
  writes_enabled: z.boolean().describe('false when the operator configured no API token'),
});
export type Health = z.infer<typeof Health>;

// ---------- search and entities ----------

export const SearchQuery = z.object({
  q: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const SearchHit = z.object({
  kind: z.enum(['mirna', 'gene', 'therapy', 'pathway', 'evidence']),
  id: z.string(),
  label: z.string(),
  statement_id: z.string().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResponse = z.object({ query: z.string(), hits: z.array(SearchHit) });
export type SearchResponse = z.infer<typeof SearchResponse>;

export const NameParam = z.object({ name: z.string().min(1).max(200) });

export const PredictedSite = z.object({
  mirna: z.string(),
  gene: z.string(),
  site_type: z.string(),
  utr_start: z.number(),
  utr_end: z.number(),
  source: z.string(),
  utr_id: z.string(),
});
export type PredictedSite = z.infer<typeof PredictedSite>;

export const MirnaReport = z
  .object({
    query: z.string(),
    resolution: z.object({ via: z.string(), form: z.string(), notes: z.array(z.string()) }),
    mirna: Mirna,
    related: z.array(z.string()),
    targets: z.array(StatementSchema),
    resistance: z.array(StatementSchema),
    sensitisation: z.array(StatementSchema),
    expression: z.array(StatementSchema),
    biomarker: z.array(StatementSchema),
    other: z.array(StatementSchema),
    utrSources: z.array(z.string()),
    siteEvidence: z.record(z.string(), z.array(PredictedSite)),
    sources: z.array(Source).describe('the sources the statements cite'),
  })
  .meta({ id: 'MirnaReport' });
export type MirnaReport = z.infer<typeof MirnaReport>;

export const MirnaRole = z.object({
  mirna: z.string(),
  statements: z.array(StatementSchema),
  mechanisms: z.array(StatementSchema),
  otherTargets: z.array(StatementSchema),
});
export type MirnaRole = z.infer<typeof MirnaRole>;

export const TherapyReport = z
  .object({
    query: z.string(),
    therapy: Therapy,
    covered: z.array(z.string()),
    classes: z.array(z.string()),
    resistance: z.array(MirnaRole),
    sensitisation: z.array(MirnaRole),
    expression: z.array(MirnaRole),
    biomarker: z.array(MirnaRole),
    drugTargets: z.array(StatementSchema),
    classStatements: z.array(StatementSchema),
    sources: z.array(Source),
  })
  .meta({ id: 'TherapyReport' });
export type TherapyReport = z.infer<typeof TherapyReport>;

export const GeneReport = z
  .object({
    query: z.string(),
    via: z.string(),
    gene: Gene,
    targetedBy: z.array(StatementSchema),
    therapyRoles: z.array(StatementSchema),
    therapies: z.array(StatementSchema),
    signalling: z.array(StatementSchema),
    expression: z.array(StatementSchema),
    sources: z.array(Source),
  })
  .meta({ id: 'GeneReport' });
export type GeneReport = z.infer<typeof GeneReport>;

// ---------- statements, network, export ----------

const csv = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
  );

/** A comma-separated list of one vocabulary's words. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  csv.pipe(z.array(z.enum(values)).optional());

/** Filters shared by statements, network and export. Comma-separated lists mean "any of". */
export const StatementFilterQuery = z.object({
  predicate: csvOf(PREDICATES).describe('predicates, e.g. confers_resistance,sensitises'),
  therapy: csv.describe('therapy names or synonyms; a class covers its members'),
  context: z
    .string()
    .regex(/^[a-z_]+=[^=]+$/)
    .optional()
    .describe('key=value, e.g. subtype=her2-positive'),
  evidence: csvOf(EXPERIMENT_TYPES).describe('experiment types, e.g. luciferase-reporter,western-blot'),
  source: csv.describe('source ids'),
  entity: csv.describe('statements touching any of these entities (any name)'),
  status: z.enum(['curated', 'proposed', 'rejected']).default('curated'),
});
export type StatementFilterQuery = z.input<typeof StatementFilterQuery>;

export const StatementsQuery = StatementFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const StatementsResponse = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  statements: z.array(StatementSchema),
  sources: z.array(Source),
});
export type StatementsResponse = z.infer<typeof StatementsResponse>;

export const NetworkQuery = StatementFilterQuery.extend({
  center: csv.describe('start from these entities (any name); the whole graph when absent'),
  depth: z.coerce.number().int().min(1).max(3).default(1),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const NetworkNode = z.object({
  id: z.string().describe('kind:id, e.g. mirna:hsa-miR-21'),
  kind: z.enum(['mirna', 'gene', 'therapy', 'pathway']),
  label: z.string(),
  degree: z.number().int(),
});
export const NetworkEdge = z.object({
  id: z.string().describe('the statement id'),
  source: z.string(),
  target: z.string(),
  predicate: Predicate,
  therapy: z.string().optional(),
  evidence: z.array(z.string()).describe('experiment types over all evidence'),
  sources: z.array(z.string()),
  contexts: z.array(z.string()).describe('key=value'),
  quotes: z.number().int(),
});
export const NetworkResponse = z.object({
  nodes: z.array(NetworkNode),
  edges: z.array(NetworkEdge),
  truncated: z.boolean(),
  facets: z.object({
    predicates: z.array(z.string()),
    therapies: z.array(z.string()),
    evidence: z.array(z.string()),
    contexts: z.array(z.string()),
  }),
});
export type NetworkResponse = z.infer<typeof NetworkResponse>;
export type NetworkNode = z.infer<typeof NetworkNode>;
export type NetworkEdge = z.infer<typeof NetworkEdge>;

export const ExportQuery = StatementFilterQuery.extend({
  format: z.enum(['tsv', 'json', 'graphml', 'sif']).default('tsv'),
});

// ---------- model: simulate and screen ----------

export const ModelInfo = z.object({
  contexts: z.array(
    z.object({
      id: z.string(),
      subtype: z.string(),
      description: z.string(),
      resistantTo: z.string().optional(),
      mirnasOn: z.array(z.string()),
    }),
  ),
  therapies: z.array(z.object({ therapy: z.string(), node: z.string() })),
  mirnas: z.array(z.object({ mirna: z.string(), node: z.string() })),
  nodes: z.array(z.string()),
  phenotypes: z.array(z.string()),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const SimulateRequest = z.object({
  context: z.string().min(1),
  therapies: z.array(z.string().min(1)).max(10).default([]),
  mimics: z.array(z.string().min(1)).max(20).default([]),
  inhibitors: z.array(z.string().min(1)).max(20).default([]),
  fix: z.record(z.string(), z.union([z.literal(0), z.literal(1)])).default({}),
  explain: z.array(z.string()).max(20).default([]),
});
export type SimulateRequest = z.input<typeof SimulateRequest>;

export const ExplanationStep = z.object({
  node: z.string(),
  value: z.number(),
  depth: z.number().int(),
  reason: z.string(),
  /** the edge from this node to the one above it in the chain */
  edge: z
    .object({
      regulator: z.string(),
      target: z.string(),
      sign: z.enum(['+', '-']),
      source: z.string(),
      quote: z.string().optional(),
      statementId: z.string().optional(),
    })
    .optional(),
  perturbation: z.string().optional(),
});
export type ExplanationStep = z.infer<typeof ExplanationStep>;

export const SimulateResponse = z.object({
  context: z.string(),
  perturbations: z.array(
    z.object({ node: z.string(), level: z.number(), kind: z.string(), label: z.string().optional() }),
  ),
  attractor: z.object({ kind: z.enum(['fixed', 'cycle']), size: z.number().int() }),
  steps: z.number().int(),
  values: z.record(z.string(), z.number()),
  phenotypes: z.record(z.string(), z.number()),
  /** per explained node: the chain, flattened depth-first (depth 0 = the node) */
  explanations: z.record(z.string(), z.array(ExplanationStep)),
  /** the same chains as indented text lines, as the CLI prints them */
  explanationText: z.record(z.string(), z.array(z.string())),
});
export type SimulateResponse = z.infer<typeof SimulateResponse>;

export const ScreenRequest = z.object({
  therapies: z.array(z.string().min(1)).min(1).max(10),
  context: z.string().optional(),
});
export const ScreenResponse = z.object({
  context: z.string(),
  therapies: z.array(z.string()),
  baseline: z.record(z.string(), z.number()),
  entries: z.array(
    z.object({
      mirna: z.string(),
      perturbation: z.enum(['mimic', 'inhibitor']),
      proliferation: z.number(),
      apoptosis: z.number(),
      deltaProliferation: z.number(),
      deltaApoptosis: z.number(),
      score: z.number(),
      effect: z.enum(['re-sensitises', 'promotes resistance', 'no change']),
      explanationText: z.array(z.string()),
    }),
  ),
});
export type ScreenResponse = z.infer<typeof ScreenResponse>;

// ---------- analyses (multipart upload) ----------

export const ANALYSES = ['qpcr', 'reference-genes', 'rtca', 'dose-response', 'synergy', 'de'] as const;
export const AnalysisParam = z.object({ kind: z.enum(ANALYSES) });
export type AnalysisKind = (typeof ANALYSES)[number];

export const TidyTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type TidyTable = z.infer<typeof TidyTable>;

export const AnalysisResponse = z.object({
  analysis: z.string(),
  /** the JSON document `miresist analyse … --json` prints */
  result: z.record(z.string(), z.unknown()),
  tables: z.record(z.string(), TidyTable),
  /** SVG documents by name */
  figures: z.record(z.string(), z.string()),
  warnings: z.array(z.string()),
});
export type AnalysisResponse = z.infer<typeof AnalysisResponse>;

// ---------- long jobs: target scan and enrichment ----------

export const ScanJobRequest = z.object({
  mirnas: z.array(z.string().min(1)).min(1).max(50).describe('miRNA names (any nomenclature)'),
  utrs: z.string().min(1).describe("3'UTRs as FASTA text (ids = gene symbols)"),
  offset6mer: z.boolean().default(false),
});
export const EnrichJobRequest = z.object({
  mirnas: z.array(z.string().min(1)).min(1).max(50),
  source: z.enum(['curated', 'predicted']).default('curated'),
  utrs: z.string().optional().describe('with source predicted: FASTA text'),
  siteTypes: z.array(z.string()).default(['8mer-1a', '7mer-m8', '7mer-1a']),
});
export const JobParam = z.object({ id: z.string().min(1) });
export const Job = z.object({
  id: z.string(),
  kind: z.enum(['scan', 'enrich']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), unit: z.string() }),
  created_at: z.string(),
  finished_at: z.string().optional(),
  result: z.unknown().optional(),
  error: Problem.optional(),
});
export type Job = z.infer<typeof Job>;

// ---------- curation queue ----------

export const ProposalsQuery = z.object({
  status: z.enum(['pending', 'accepted', 'rejected']).optional(),
  source: z.string().optional(),
  predicate: Predicate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const Proposal = z
  .object({
    id: z.number().int(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    subject: EntityRef,
    predicate: Predicate,
    object: EntityRef,
    therapy: z.string().optional(),
    contexts: z.array(Context),
    qualifiers: Qualifiers,
    source_id: z.string(),
    section: z.string(),
    quote: z.string(),
    start: z.number(),
    end: z.number(),
    trigger: z.string(),
    subject_text: z.string(),
    object_text: z.string(),
    file: z.string(),
    source: Source,
    created_at: z.string(),
    reviewed_by: z.string().optional(),
    reviewed_at: z.string().optional(),
    review_note: z.string().optional(),
    statement_id: z.string().optional(),
  })
  .meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof Proposal>;
export const ProposalsResponse = z.object({ proposals: z.array(Proposal) });
export const ProposalParam = z.object({ id: z.coerce.number().int().min(1) });
export const ProposalDetail = z.object({
  proposal: Proposal,
  mergeTarget: z.object({
    statement_id: z.string(),
    exists: z.boolean(),
    status: z.string().optional(),
    evidence: z.number(),
    hasQuote: z.boolean(),
  }),
});
export type ProposalDetail = z.infer<typeof ProposalDetail>;
export const ReviewRequest = z.object({
  curator: z.string().min(1).max(100),
  reason: z.string().max(2000).optional().describe('rejections only'),
});
export const AcceptResponse = z.object({
  id: z.number(),
  statement_id: z.string(),
  merged: z.boolean(),
  evidenceAdded: z.boolean(),
});
export const RejectResponse = z.object({ id: z.number(), status: z.literal('rejected') });
export const EditRequest = z
  .object({
    subject: z.string().optional().describe('any miRNA name'),
    predicate: z.string().optional(),
    object: z.string().optional().describe('any gene or therapy name'),
    therapy: z.string().optional().describe('empty clears it'),
    context: z
      .string()
      .optional()
      .describe('curation-file syntax, e.g. subtype=her2-positive;system=in-vitro'),
    qualifiers: z.string().optional().describe('curation-file syntax, e.g. mode=direct'),
  })
  .strict();
