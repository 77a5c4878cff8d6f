/** The questions miResist answers over the store: a miRNA's, a therapy's and a gene's statements, and search. */
import {
  THERAPY_PREDICATES,
  UnresolvedNameError,
  type Gene,
  type Mirna,
  type Predicate,
  type Statement,
  type Therapy,
} from '../model/index.js';
import { lookupKey, type MirnaResolution, type ReferenceNames } from '../names/index.js';
import type { KnowledgeStore, SearchHit } from './knowledge-store.js';
import type { PredictedSiteTable } from './schema.js';

export const ROLE_GROUPS = {
  resistance: ['confers_resistance'],
  sensitisation: ['sensitises'],
  expression: ['up_in_resistant', 'down_in_resistant'],
  biomarker: ['predicts_response', 'predicts_poor_response'],
} as const satisfies Record<string, Predicate[]>;

export interface MirnaReport {
  query: string;
  resolution: { via: string; form: string; notes: string[] };
  mirna: Mirna;
  /** other stored names covering the same mature products (arm-unknown name, family) */
  related: string[];
  targets: Statement[];
  resistance: Statement[];
  sensitisation: Statement[];
  expression: Statement[];
  biomarker: Statement[];
  other: Statement[];
  /** loaded UTR sets (`miresist kb load-utrs`); empty when none is loaded */
  utrSources: string[];
  /** predicted canonical sites of this miRNA's mature products in its curated targets, by gene */
  siteEvidence: Record<string, PredictedSiteTable[]>;
}

/** Resolves any miRNA name and gathers its statements (and those of names covering the same products). */
export async function mirnaReport(
  store: KnowledgeStore,
  names: ReferenceNames,
  query: string,
): Promise<MirnaReport> {
  const resolution = resolveOneMirna(names, query);
  const mirna = (await store.mirna(resolution.mirna.name)) ?? resolution.mirna;
  const related = (await store.relatedMirnas(mirna.members)).filter((n) => n !== mirna.name);
  const statements = await store.statements({ subjects: [mirna.name, ...related], statuses: ['curated'] });
  const pick = (predicates: readonly Predicate[]) =>
    statements.filter((s) => predicates.includes(s.predicate));
  const grouped = new Set<Predicate>(['targets', ...Object.values(ROLE_GROUPS).flat()]);
  const targetGenes = [...new Set(pick(['targets']).map((s) => s.object.id))];
  const sites = await store.predictedSites(mirna.members, targetGenes);
  const siteEvidence: Record<string, PredictedSiteTable[]> = {};
  for (const gene of targetGenes) siteEvidence[gene] = sites.filter((site) => site.gene === gene);
  return {
    query,
    resolution: { via: resolution.via, form: resolution.form, notes: resolution.notes },
    mirna,
    related,
    targets: pick(['targets']),
    resistance: pick(ROLE_GROUPS.resistance),
    sensitisation: pick(ROLE_GROUPS.sensitisation),
    expression: pick(ROLE_GROUPS.expression),
    biomarker: pick(ROLE_GROUPS.biomarker),
    other: statements.filter((s) => !grouped.has(s.predicate)),
    utrSources: (await store.utrSources()).map((u) => u.source),
    siteEvidence,
  };
}

function resolveOneMirna(
  names: ReferenceNames,
  query: string,
): Extract<MirnaResolution, { status: 'resolved' }> {
  const mentions = names.mirnaMentions.resolveAll(query);
  const first = mentions[0]?.resolution ?? names.mirna.resolve(query);
  if (mentions.length > 1) {
    const each = mentions.map((m) => (m.resolution.status === 'resolved' ? m.resolution.mirna.name : m.text));
    throw new UnresolvedNameError(query, 'miRNA', each, 'names several miRNAs; ask for one');
  }
  if (first.status !== 'resolved') {
    throw new UnresolvedNameError(query, 'miRNA', first.candidates, first.reason);
  }
  return first;
}

export interface MirnaRole {
  mirna: string;
  statements: Statement[];
  /** targets of this miRNA stated in the same therapy context (its mechanisms) */
  mechanisms: Statement[];
  /** other curated targets of this miRNA */
  otherTargets: Statement[];
}

export interface TherapyReport {
  query: string;
  therapy: Therapy;
  /** the therapies whose statements are included: the therapy and, for a class, its members */
  covered: string[];
  /** broader classes the therapy belongs to */
  classes: string[];
  resistance: MirnaRole[];
  sensitisation: MirnaRole[];
  expression: MirnaRole[];
  biomarker: MirnaRole[];
  /** therapy → gene statements (inhibits / activates) */
  drugTargets: Statement[];
  /** statements made about the therapy's classes, not the therapy itself */
  classStatements: Statement[];
}

/** miRNAs that confer resistance to / sensitise to a therapy or class, with their targets and contexts. */
export async function therapyReport(
  store: KnowledgeStore,
  names: ReferenceNames,
  query: string,
): Promise<TherapyReport> {
  const resolved = names.therapy.resolve(query);
  if (resolved.status !== 'resolved')
    throw new UnresolvedNameError(query, 'therapy', resolved.candidates, resolved.reason);
  const therapy = resolved.therapy;
  const covered = [therapy.name, ...names.therapy.descendants(therapy.name)];
  const classes = names.therapy.ancestors(therapy.name);
  const statements = await store.statements({ therapies: covered, statuses: ['curated'] });
  const roleStatements = statements.filter((s) => THERAPY_PREDICATES.has(s.predicate));
  const mirnas = [...new Set(roleStatements.map((s) => s.subject.id))];
  const targetStatements = mirnas.length
    ? await store.statements({ subjects: mirnas, predicates: ['targets'], statuses: ['curated'] })
    : [];
  const roles = (predicates: readonly Predicate[]): MirnaRole[] => {
    const bySubject = new Map<string, Statement[]>();
    for (const s of roleStatements.filter((st) => predicates.includes(st.predicate))) {
      bySubject.set(s.subject.id, [...(bySubject.get(s.subject.id) ?? []), s]);
    }
    return [...bySubject.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([mirna, list]) => {
        const targets = targetStatements.filter((t) => t.subject.id === mirna);
        const mechanisms = targets.filter((t) => t.therapy && covered.includes(t.therapy));
        const explained = new Set(mechanisms.map((t) => t.object.id));
        return {
          mirna,
          statements: list,
          mechanisms,
          otherTargets: targets.filter(
            (t) => !explained.has(t.object.id) && (!t.therapy || !covered.includes(t.therapy)),
          ),
        };
      });
  };
  const classStatements = classes.length
    ? (await store.statements({ therapies: classes, statuses: ['curated'] })).filter((s) =>
        THERAPY_PREDICATES.has(s.predicate),
      )
    : [];
  const drugTargets = (await store.statements({ subjects: covered, statuses: ['curated'] })).filter(
    (s) => s.predicate === 'inhibits' || s.predicate === 'activates',
  );
  return {
    query,
    therapy,
    covered,
    classes,
    resistance: roles(ROLE_GROUPS.resistance),
    sensitisation: roles(ROLE_GROUPS.sensitisation),
    expression: roles(ROLE_GROUPS.expression),
    biomarker: roles(ROLE_GROUPS.biomarker),
    drugTargets,
    classStatements,
  };
}

export interface GeneReport {
  query: string;
  via: string;
  gene: Gene;
  /** miRNAs targeting the gene */
  targetedBy: Statement[];
  /** therapy roles of those miRNAs */
  therapyRoles: Statement[];
  /** therapies acting on the gene */
  therapies: Statement[];
  /** signalling statements with the gene as subject or object */
  signalling: Statement[];
  /** resistant-cell expression changes of the gene */
  expression: Statement[];
}

/** The miRNAs targeting a gene, the therapies involved, and its signalling statements. */
export async function geneReport(
  store: KnowledgeStore,
  names: ReferenceNames,
  query: string,
): Promise<GeneReport> {
  const resolved = names.gene.resolve(query);
  if (resolved.status !== 'resolved')
    throw new UnresolvedNameError(query, 'gene', resolved.candidates, resolved.reason);
  const gene = (await store.gene(resolved.gene.symbol)) ?? resolved.gene;
  const touching = await store.statements({ touching: [gene.symbol], statuses: ['curated'] });
  const targetedBy = touching.filter((s) => s.predicate === 'targets' && s.object.id === gene.symbol);
  const mirnas = [...new Set(targetedBy.map((s) => s.subject.id))];
  const therapyRoles = mirnas.length
    ? (await store.statements({ subjects: mirnas, statuses: ['curated'] })).filter((s) =>
        THERAPY_PREDICATES.has(s.predicate),
      )
    : [];
  return {
    query,
    via: resolved.via,
    gene,
    targetedBy,
    therapyRoles,
    therapies: touching.filter((s) => s.predicate === 'inhibits' || s.predicate === 'activates'),
    signalling: touching.filter((s) => s.predicate === 'regulates'),
    expression: touching.filter(
      (s) => s.predicate === 'up_in_resistant' || s.predicate === 'down_in_resistant',
    ),
  };
}

/** miR-21, mir21, microRNA-221, let-7a, lin-4, MIR21, hsa-miR-…: the written forms src/names resolves. */
const LOOKS_LIKE_MIRNA = /\b(?:[a-z]{3}-)?(?:mi(?:c?ro)?r(?:na)?|let|lin)[-\s]?\d/i;

/** Search over every name and alias (prefix) and evidence text (substring). */
export async function searchKnowledge(
  store: KnowledgeStore,
  names: ReferenceNames,
  text: string,
  limit = 20,
): Promise<SearchHit[]> {
  // only text that looks like a miRNA name is resolved: a failed resolution ranks fuzzy candidates (milliseconds)
  const mirnaLike = LOOKS_LIKE_MIRNA.test(text);
  // miR-770 means the miRNA before its host gene MIR770 (an upper-case MIR770 keeps the plain order)
  const prefer = mirnaLike && !/^MIR\d/.test(text) ? ('mirna' as const) : undefined;
  const hits = await store.search(text, lookupKey(text), limit, prefer ? { prefer } : {});
  const mirna = mirnaLike ? names.mirna.resolve(text) : undefined;
  if (mirna?.status === 'resolved' && !hits.some((h) => h.kind === 'mirna' && h.id === mirna.mirna.name)) {
    hits.unshift({
      kind: 'mirna',
      id: mirna.mirna.name,
      label: `${mirna.mirna.name} (resolved from '${text}')`,
    });
  }
  return hits.slice(0, limit);
}
