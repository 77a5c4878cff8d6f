/** Loads the bundled resistance model (data/models) and joins it with the store's curated statements. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnresolvedNameError, ValidationError } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import {
  assembleResistanceModel,
  parseResistanceModel,
  type MirnaExpressionFact,
  type MirnaTargetFact,
  type ResistanceModel,
  type ResistanceModelSpec,
} from '../netsim/index.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { bundledDataDir } from './reference-data.js';

/** The model tables (nodes, cited edges, contexts) from a directory; throws ValidationError naming file:line. */
export function readResistanceModelSpec(dir = join(bundledDataDir(), 'models')): ResistanceModelSpec {
  const read = (name: string) => {
    const file = join(dir, name);
    return { text: readFileSync(file, 'utf8'), file };
  };
  const parsed = parseResistanceModel({
    nodes: read('resistance-nodes.tsv'),
    edges: read('resistance-edges.tsv'),
    contexts: read('contexts.tsv'),
  });
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return parsed.value;
}

/** The store's curated miRNA → gene `targets` and miRNA expression-in-resistance statements. */
export async function curatedModelFacts(
  store: KnowledgeStore,
): Promise<{ targets: MirnaTargetFact[]; expression: MirnaExpressionFact[] }> {
  const statements = await store.statements({
    predicates: ['targets', 'up_in_resistant', 'down_in_resistant'],
    statuses: ['curated'],
  });
  const targets: MirnaTargetFact[] = [];
  const expression: MirnaExpressionFact[] = [];
  for (const s of statements) {
    if (s.subject.kind !== 'mirna') continue;
    const evidence = s.evidence[0]!;
    if (s.predicate === 'targets' && s.object.kind === 'gene')
      targets.push({
        mirna: s.subject.id,
        gene: s.object.id,
        statementId: s.id,
        source: evidence.source_id,
        quote: evidence.quote,
        ...(s.qualifiers.mode ? { mode: s.qualifiers.mode } : {}),
      });
    else if (s.predicate !== 'targets')
      expression.push({
        mirna: s.subject.id,
        therapy: s.therapy ?? s.object.id,
        direction: s.predicate === 'up_in_resistant' ? 'up' : 'down',
        statementId: s.id,
        source: evidence.source_id,
        quote: evidence.quote,
      });
  }
  return { targets, expression };
}

/** The executable resistance model: bundled cited rules + miRNA edges from the store's curated statements. */
export async function loadResistanceModel(store: KnowledgeStore, dir?: string): Promise<ResistanceModel> {
  const spec = readResistanceModelSpec(dir);
  const { targets, expression } = await curatedModelFacts(store);
  return assembleResistanceModel(spec, targets, expression);
}

/** The model's node for a miRNA name in any nomenclature (a mature arm falls back to its arm-unknown node). */
export function resolveModelMirna(model: ResistanceModel, names: ReferenceNames, raw: string): string {
  const r = names.mirna.resolve(raw);
  if (r.status !== 'resolved') throw new UnresolvedNameError(raw, 'miRNA', r.candidates, r.reason);
  const name = r.mirna.name;
  if (model.mirnaNodes.has(name)) return name;
  const stem = name.replace(/-(5p|3p)$/, '');
  if (stem !== name && model.mirnaNodes.has(stem)) return stem;
  throw new ValidationError([
    {
      field: 'mirna',
      message: `${name} has no curated target among the model's nodes, so it is not in the model; model miRNAs: ${[...model.mirnaNodes.keys()].join(', ')}`,
    },
  ]);
}

/** The drug node of a therapy name in any synonym; a class names its members that the model has. */
export function resolveModelTherapy(model: ResistanceModel, names: ReferenceNames, raw: string): string {
  const r = names.therapy.resolve(raw);
  if (r.status !== 'resolved') throw new UnresolvedNameError(raw, 'therapy', r.candidates, r.reason);
  const node = model.drugNodes.get(r.therapy.name);
  if (node) return node;
  const members = names.therapy.descendants(r.therapy.name).filter((t) => model.drugNodes.has(t));
  throw new ValidationError([
    {
      field: 'therapy',
      message:
        `${r.therapy.name} is not a drug node of the model` +
        (members.length
          ? `; it is a class: choose one of ${members.join(', ')}`
          : `; model drugs: ${[...model.drugNodes.keys()].join(', ')}`),
    },
  ]);
}
