/** Simulate and screen requests over the resistance model, checked once for the CLI and the API alike. */
import { ValidationError } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import {
  contextMirnasOn,
  contextResistantTo,
  PHENOTYPES,
  screenMirnas,
  simulateResistance,
  type ResistanceModel,
  type ResistanceOutcome,
  type ScreenEntry,
} from '../netsim/index.js';
import { resolveModelMirna, resolveModelTherapy } from './resistance-model-data.js';

export interface SimulationRequest {
  context: string;
  /** therapy names in any synonym */
  therapies: string[];
  /** miRNA names in any nomenclature */
  mimics: string[];
  inhibitors: string[];
  /** extra node fixes (knockout / over-expression), Boolean levels */
  fixed: Record<string, number>;
  /** nodes to explain; default Proliferation and Apoptosis */
  explain: string[];
}

export interface SimulationRun {
  outcome: ResistanceOutcome;
  /** the nodes whose explanation the outcome holds, in the order asked */
  explained: string[];
}

export function checkContext(model: ResistanceModel, context: string): void {
  if (!model.contexts.has(context))
    throw new ValidationError([
      {
        field: 'context',
        message: `unknown context '${context}'; known: ${[...model.contexts.keys()].join(', ')}`,
      },
    ]);
}

/** The context whose cells are resistant to a drug node: the default context of a screen. */
export function defaultContext(model: ResistanceModel, therapyNode: string): string {
  const match = contextResistantTo(model, therapyNode);
  if (!match)
    throw new ValidationError([
      {
        field: 'context',
        message: `no context is resistant to ${therapyNode}; choose a context from ${[...model.contexts.keys()].join(', ')}`,
      },
    ]);
  return match;
}

/** Resolves names, checks nodes and levels, runs the model (miResist resistance model, ADR 007). */
export function runSimulation(
  model: ResistanceModel,
  names: ReferenceNames,
  request: SimulationRequest,
): SimulationRun {
  checkContext(model, request.context);
  const known = new Set(model.network.nodes.map((n) => n.name));
  for (const node of [...Object.keys(request.fixed), ...request.explain])
    if (!known.has(node))
      throw new ValidationError([{ field: 'node', message: `unknown model node '${node}'` }]);
  for (const [node, level] of Object.entries(request.fixed))
    if (level !== 0 && level !== 1)
      throw new ValidationError([{ field: 'fix', message: `${node} is Boolean: 0 or 1, not ${level}` }]);
  const explained = request.explain.length ? request.explain : ['Proliferation', 'Apoptosis'];
  const outcome = simulateResistance(model, {
    context: request.context,
    drugs: [...new Set(request.therapies.map((t) => resolveModelTherapy(model, names, t)))],
    mimics: request.mimics.map((m) => resolveModelMirna(model, names, m)),
    inhibitors: request.inhibitors.map((m) => resolveModelMirna(model, names, m)),
    fixed: request.fixed,
    explain: explained.filter((n) => !(PHENOTYPES as readonly string[]).includes(n)),
  });
  return { outcome, explained };
}

export interface ScreenRun {
  context: string;
  /** drug nodes */
  therapies: string[];
  baseline: ResistanceOutcome;
  entries: ScreenEntry[];
}

/** Every single miRNA mimic and inhibitor under the therapies, ranked (default context: resistant to the first). */
export function runScreen(
  model: ResistanceModel,
  names: ReferenceNames,
  request: { therapies: string[]; context?: string },
): ScreenRun {
  if (!request.therapies.length)
    throw new ValidationError([{ field: 'therapy', message: 'name at least one therapy' }]);
  const drugs = [...new Set(request.therapies.map((t) => resolveModelTherapy(model, names, t)))];
  const context = request.context ?? defaultContext(model, drugs[0]!);
  checkContext(model, context);
  const { baseline, entries } = screenMirnas(model, context, drugs);
  return { context, therapies: drugs, baseline, entries };
}

/** What a simulation form offers: contexts, therapies and miRNAs of the model, its nodes and phenotypes. */
export function describeModel(model: ResistanceModel) {
  return {
    contexts: [...model.contexts.values()].map((c) => ({
      id: c.id,
      subtype: c.subtype,
      description: c.description,
      ...(c.resistantTo ? { resistantTo: c.resistantTo } : {}),
      mirnasOn: contextMirnasOn(model, c.id),
    })),
    therapies: [...model.drugNodes].map(([therapy, node]) => ({ therapy, node })),
    mirnas: [...model.mirnaNodes].map(([mirna, node]) => ({ mirna, node })),
    nodes: model.network.nodes.map((n) => n.name),
    phenotypes: [...PHENOTYPES],
  };
}
