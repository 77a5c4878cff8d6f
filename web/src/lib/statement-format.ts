/** How statements read on screen: predicate wording, contexts, qualifiers, evidence experiments, entity links. */
import type { MirnaReport } from '../../../src/api/contract.js';

type Statement = MirnaReport['targets'][number];
type Context = Statement['contexts'][number];
type EntityRef = Statement['subject'];
type EntityKind = EntityRef['kind'];

/** Predicate → the words a sentence uses (`hsa-miR-21 confers resistance to tamoxifen`). */
export const PREDICATE_LABELS: Record<Statement['predicate'], string> = {
  targets: 'targets',
  confers_resistance: 'confers resistance to',
  sensitises: 'sensitises to',
  up_in_resistant: 'is up in cells resistant to',
  down_in_resistant: 'is down in cells resistant to',
  predicts_response: 'predicts response to',
  predicts_poor_response: 'predicts poor response to',
  regulates: 'regulates',
  inhibits: 'inhibits',
  activates: 'activates',
};

/** A predicate name as words; unknown names (a newer server) read with underscores as spaces. */
export function predicateLabel(predicate: string): string {
  return (PREDICATE_LABELS as Record<string, string>)[predicate] ?? predicate.replace(/_/g, ' ');
}

// the order of src/model/context.ts, so `subtype=…;cell_line=…` matches the CLI and the curation files
const CONTEXT_KEYS = ['subtype', 'cell_line', 'sample_type', 'species', 'system'] as const;

/** One context as `subtype=her2-positive;cell_line=BT-474`. */
export function formatContext(context: Context): string {
  return CONTEXT_KEYS.filter((key) => context[key] !== undefined)
    .map((key) => `${key}=${context[key]}`)
    .join(';');
}

/** Every context of a statement, `|`-separated; '' when it holds everywhere stated. */
export function formatContexts(contexts: Context[]): string {
  return contexts
    .map(formatContext)
    .filter((text) => text !== '')
    .join(' | ');
}

/** The experiment types over all evidence of a statement, each once, in first-seen order. */
export function evidenceExperiments(statement: Pick<Statement, 'evidence'>): string[] {
  return [...new Set(statement.evidence.flatMap((e) => e.experiments))];
}

/** An experiment type as words: `luciferase-reporter` → `luciferase reporter`, `qpcr` → `qPCR`. */
export function experimentLabel(type: string): string {
  const special: Record<string, string> = {
    qpcr: 'qPCR',
    ngs: 'NGS',
    ihc: 'IHC',
    ish: 'ISH',
    rtca: 'RTCA',
  };
  return special[type] ?? type.replace(/-/g, ' ');
}

/** Qualifiers worth a chip (everything but the free-text note), e.g. `mode: direct`, `from an inhibitor claim`. */
export function qualifierChips(qualifiers: Statement['qualifiers']): string[] {
  const chips: string[] = [];
  if (qualifiers.mode) chips.push(`mode: ${qualifiers.mode}`);
  if (qualifiers.inverted) chips.push(`role inverted from a ${qualifiers.inverted} claim`);
  if (qualifiers.level) chips.push(`level: ${qualifiers.level}`);
  if (qualifiers.sample_type) chips.push(`sample: ${qualifiers.sample_type}`);
  if (qualifiers.endpoint) chips.push(`endpoint: ${qualifiers.endpoint}`);
  if (qualifiers.sign) chips.push(qualifiers.sign === '+' ? 'sign: activation (+)' : 'sign: repression (−)');
  return chips;
}

/** The one-line reading of a statement a row's button shows. */
export interface StatementSummary {
  subject: string;
  predicate: string;
  object: string;
  therapy?: string;
  contexts: string;
  quotes: number;
  text: string;
}

/** `subject predicate object [therapy] · contexts · n quotes`. */
export function summariseStatement(statement: Statement): StatementSummary {
  const predicate = predicateLabel(statement.predicate);
  // a therapy-object predicate already names the therapy: only show [therapy] when it adds something
  const therapy =
    statement.therapy && statement.therapy !== statement.object.id ? statement.therapy : undefined;
  const contexts = formatContexts(statement.contexts);
  const quotes = statement.evidence.length;
  const parts = [
    `${statement.subject.id} ${predicate} ${statement.object.id}${therapy ? ` [${therapy}]` : ''}`,
  ];
  if (contexts) parts.push(contexts);
  parts.push(`${quotes} ${quotes === 1 ? 'quote' : 'quotes'}`);
  return {
    subject: statement.subject.id,
    predicate,
    object: statement.object.id,
    therapy,
    contexts,
    quotes,
    text: parts.join(' · '),
  };
}

/** The app route of an entity; pathways have no page and open the network centred on them. */
export function entityHref(kind: EntityKind | string, id: string): string {
  switch (kind) {
    case 'mirna':
    case 'gene':
    case 'therapy':
      return `/${kind}/${encodeURIComponent(id)}`;
    default:
      return `/network?${new URLSearchParams({ center: id })}`;
  }
}

/** Groups items by a key, keeping the first-seen order of keys and of items within a group. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): { key: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups].map(([k, group]) => ({ key: k, items: group }));
}

/** The name of an entity kind as a heading word. */
export function kindLabel(kind: string): string {
  const labels: Record<string, string> = {
    mirna: 'miRNA',
    gene: 'gene',
    therapy: 'therapy',
    pathway: 'pathway',
    evidence: 'evidence',
  };
  return labels[kind] ?? kind;
}
