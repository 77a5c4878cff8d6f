/**
 * Links the per-miRNA changes of a lab-data analysis to the knowledge graph: for each significant miRNA, the curated
 * therapy statements about it, and whether the measured direction agrees with them (issue 5, item 9).
 * Expected direction in resistant cells follows the predicate vocabulary (docs/glossary.md): up_in_resistant and
 * confers_resistance (gain makes cells less responsive) → up; down_in_resistant and sensitises → down; biomarker
 * statements describe patients' samples, not resistant versus parental cells, and are listed without a verdict.
 */
import { THERAPY_PREDICATES, UnresolvedNameError, formatContext, type Statement } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import {
  readsAsReferenceGroup,
  type AnalysisOutput,
  type FeatureChange,
  type TidyTable,
} from '../stats/analysis-output.js';
import type { KnowledgeStore } from './knowledge-store.js';

export type Agreement = 'consistent' | 'contradicts' | 'not_judged';
export type Verdict =
  | 'consistent'
  | 'contradicts'
  | 'mixed'
  | 'no_curated_knowledge'
  | 'not_a_mirna'
  /** the comparison group's name reads as parental/control: the resistant-vs-parental reading would be inverted */
  | 'orientation_unclear';

export interface LinkedStatement {
  statement_id: string;
  subject: string;
  predicate: Statement['predicate'];
  therapy: string;
  /** the direction this statement leads one to expect in resistant cells; null for biomarker statements */
  expected: 'up' | 'down' | null;
  agreement: Agreement;
  /** direct expression evidence (up/down_in_resistant) weighs more than a functional role */
  kind: 'expression' | 'role' | 'biomarker';
  contexts: string[];
  source_id: string;
  source_label: string;
  quote: string;
}

export interface KnowledgeLink {
  feature: string;
  /** canonical miRNA name, when the feature resolves to one */
  mirna: string | null;
  group: string;
  reference_group: string;
  direction: 'up' | 'down';
  log2_fold_change: number;
  p_value: number | null;
  q_value: number | null;
  significant: boolean;
  verdict: Verdict;
  statements: LinkedStatement[];
  /** one line a person reads, e.g. "miR-770-5p down in Resistant vs Parental: consistent with seed 000 …" */
  message: string;
}

export interface KnowledgeLinkOptions {
  /** restrict to statements about this therapy (and its classes / members); all therapies when absent */
  therapy?: string;
  /** link every change, not only the significant ones */
  includeNonSignificant?: boolean;
}

const EXPECTED: Partial<
  Record<Statement['predicate'], { expected: 'up' | 'down'; kind: 'expression' | 'role' }>
> = {
  up_in_resistant: { expected: 'up', kind: 'expression' },
  down_in_resistant: { expected: 'down', kind: 'expression' },
  confers_resistance: { expected: 'up', kind: 'role' },
  sensitises: { expected: 'down', kind: 'role' },
};

/** A short label for a source id: the seed papers (`NNN_<hash>`) read as `seed NNN`. */
export function sourceLabel(sourceId: string): string {
  const seed = /^(\d{3})_[0-9a-f]{16}$/.exec(sourceId);
  return seed ? `seed ${seed[1]}` : sourceId;
}

/** Judges one statement against a measured direction (pure). */
export function judgeStatement(
  statement: Statement,
  direction: 'up' | 'down',
): Pick<LinkedStatement, 'expected' | 'agreement' | 'kind'> {
  const rule = EXPECTED[statement.predicate];
  if (!rule) return { expected: null, agreement: 'not_judged', kind: 'biomarker' };
  return {
    expected: rule.expected,
    agreement: rule.expected === direction ? 'consistent' : 'contradicts',
    kind: rule.kind,
  };
}

/** The overall verdict from the judged statements (pure): any disagreement with agreement elsewhere is "mixed". */
export function overallVerdict(judged: readonly Pick<LinkedStatement, 'agreement'>[]): Verdict {
  const agree = judged.some((s) => s.agreement === 'consistent');
  const disagree = judged.some((s) => s.agreement === 'contradicts');
  if (agree && disagree) return 'mixed';
  if (disagree) return 'contradicts';
  if (agree) return 'consistent';
  return 'no_curated_knowledge';
}

function contextSummary(statements: readonly LinkedStatement[]): string {
  const lines = [...new Set(statements.flatMap((s) => s.contexts))]
    .flatMap((c) => c.split(';'))
    .filter((c) => c.startsWith('cell_line='))
    .map((c) => c.slice('cell_line='.length));
  return [...new Set(lines)].join('/');
}

function describe(link: Omit<KnowledgeLink, 'message'>): string {
  const head = `${link.feature} ${link.direction} in ${link.group} vs ${link.reference_group}`;
  if (link.verdict === 'not_a_mirna') return `${head}: not a miRNA name miResist knows; not linked`;
  if (link.verdict === 'orientation_unclear')
    return (
      `${head}: no verdict — '${link.group}' reads as the parental/control group, but the comparison is read as ` +
      `resistant vs parental; name the parental group as the calibrator/reference group`
    );
  if (link.verdict === 'no_curated_knowledge')
    return link.statements.length
      ? `${head}: curated only as a biomarker (${link.statements.map((s) => `${s.predicate} ${s.therapy}`).join('; ')})`
      : `${head}: no curated therapy statement`;
  const judged = link.statements.filter((s) => s.agreement !== 'not_judged');
  const part = (agreement: Agreement) => {
    const list = judged.filter((s) => s.agreement === agreement);
    if (!list.length) return '';
    const bySource = new Map<string, LinkedStatement[]>();
    for (const s of list) bySource.set(s.source_label, [...(bySource.get(s.source_label) ?? []), s]);
    const sources = [...bySource.entries()].map(([label, ss]) => {
      const therapies = [...new Set(ss.map((s) => s.therapy))].join(', ');
      const cells = contextSummary(ss);
      return `${label} (${[therapies, cells].filter(Boolean).join(', ')}: ${[...new Set(ss.map((s) => s.predicate))].join(', ')})`;
    });
    return `${agreement === 'consistent' ? 'consistent with' : 'CONTRADICTS'} ${sources.join('; ')}`;
  };
  const quote = judged.find((s) => s.kind === 'expression')?.quote ?? judged[0]?.quote;
  return `${head}: ${[part('consistent'), part('contradicts')].filter(Boolean).join('; ')}${quote ? ` — “${quote}”` : ''}`;
}

/** What the knowledge graph says about each (significant) miRNA change; unresolvable names are reported, not dropped. */
export async function linkChangesToKnowledge(
  store: KnowledgeStore,
  names: ReferenceNames,
  changes: readonly FeatureChange[],
  options: KnowledgeLinkOptions = {},
): Promise<KnowledgeLink[]> {
  let therapies: Set<string> | undefined;
  if (options.therapy) {
    const resolved = names.therapy.resolve(options.therapy);
    if (resolved.status !== 'resolved')
      throw new UnresolvedNameError(options.therapy, 'therapy', resolved.candidates, resolved.reason);
    const name = resolved.therapy.name;
    therapies = new Set([name, ...names.therapy.descendants(name), ...names.therapy.ancestors(name)]);
  }
  const links: KnowledgeLink[] = [];
  for (const change of changes) {
    if (!change.significant && !options.includeNonSignificant) continue;
    const direction = change.log2FoldChange >= 0 ? 'up' : 'down';
    const base = {
      feature: change.feature,
      group: change.group,
      reference_group: change.referenceGroup,
      direction,
      log2_fold_change: change.log2FoldChange,
      p_value: Number.isFinite(change.p) ? change.p : null,
      q_value: change.q !== undefined && Number.isFinite(change.q) ? change.q : null,
      significant: change.significant,
    } as const;
    const resolution = names.mirna.resolve(change.feature);
    if (resolution.status !== 'resolved') {
      const link = { ...base, mirna: null, verdict: 'not_a_mirna' as const, statements: [] };
      links.push({ ...link, message: describe(link) });
      continue;
    }
    const mirna = (await store.mirna(resolution.mirna.name)) ?? resolution.mirna;
    const related = (await store.relatedMirnas(mirna.members)).filter((n) => n !== mirna.name);
    const statements = (await store.statements({ subjects: [mirna.name, ...related], statuses: ['curated'] }))
      .filter((s) => THERAPY_PREDICATES.has(s.predicate))
      .filter((s) => !therapies || therapies.has(s.object.id) || (s.therapy && therapies.has(s.therapy)));
    const linked: LinkedStatement[] = statements.flatMap((s) =>
      s.evidence.map((e) => ({
        statement_id: s.id,
        subject: s.subject.id,
        predicate: s.predicate,
        therapy: s.object.kind === 'therapy' ? s.object.id : (s.therapy ?? s.object.id),
        ...judgeStatement(s, direction),
        contexts: s.contexts.map(formatContext),
        source_id: e.source_id,
        source_label: sourceLabel(e.source_id),
        quote: e.quote,
      })),
    );
    const inverted = readsAsReferenceGroup(change.group) && !readsAsReferenceGroup(change.referenceGroup);
    const verdict: Verdict = inverted ? 'orientation_unclear' : overallVerdict(linked);
    const link = { ...base, mirna: mirna.name, verdict, statements: linked };
    links.push({ ...link, message: describe(link) });
  }
  return links;
}

/** The knowledge links as a tidy table: one row per linked statement (or one per feature without any). */
export function knowledgeTable(links: KnowledgeLink[]): TidyTable {
  const columns = [
    'feature',
    'mirna',
    'group',
    'reference_group',
    'direction',
    'log2_fold_change',
    'p_value',
    'q_value',
    'verdict',
    'statement_id',
    'predicate',
    'therapy',
    'expected',
    'agreement',
    'contexts',
    'source_id',
    'quote',
  ];
  const rows = links.flatMap((l) => {
    const head = [
      l.feature,
      l.mirna,
      l.group,
      l.reference_group,
      l.direction,
      l.log2_fold_change,
      l.p_value,
      l.q_value,
      l.verdict,
    ];
    if (!l.statements.length) return [[...head, null, null, null, null, null, null, null, null]];
    return l.statements.map((s) => [
      ...head,
      s.statement_id,
      s.predicate,
      s.therapy,
      s.expected,
      s.agreement,
      s.contexts.join(' | '),
      s.source_id,
      s.quote,
    ]);
  });
  return { columns, rows };
}

/** An analysis's JSON document and tidy tables, with the knowledge links when they were looked up. */
export function analysisDocument(
  output: AnalysisOutput,
  knowledge?: { links: KnowledgeLink[]; note?: string; therapy?: string },
): { json: Record<string, unknown>; tables: Record<string, TidyTable> } {
  const json: Record<string, unknown> = {
    analysis: output.analysis,
    ...(output.json as Record<string, unknown>),
    warnings: output.warnings,
  };
  const tables = { ...output.tables };
  if (knowledge) {
    json['knowledge'] = {
      therapy: knowledge.therapy ?? null,
      note: knowledge.note ?? null,
      links: knowledge.links,
    };
    tables['knowledge'] = knowledgeTable(knowledge.links);
  }
  return { json, tables };
}
