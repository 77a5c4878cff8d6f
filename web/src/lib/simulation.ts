/** The simulation panel's logic: form → request, phenotype badges, explaining chains as trees, screen rows. */
import type { ExplanationStep, ModelInfo, SimulateRequest } from '../../../src/api/contract.js';

export interface SimulationForm {
  context: string;
  therapies: string[];
  mimics: string[];
  inhibitors: string[];
}

/** The phenotypes whose chains the panel asks for first (the model's readouts of resistance). */
export const KEY_PHENOTYPES = ['Proliferation', 'Apoptosis'];

/** A fresh form: the model's first context, nothing else chosen. */
export function initialSimulationForm(model: Pick<ModelInfo, 'contexts'> | undefined): SimulationForm {
  return { context: model?.contexts[0]?.id ?? '', therapies: [], mimics: [], inhibitors: [] };
}

/** What keeps the form from running, as sentences; empty when it can run. */
export function simulationFormProblems(form: SimulationForm): string[] {
  const problems: string[] = [];
  if (!form.context) problems.push('Choose a context.');
  const both = form.mimics.filter((m) => form.inhibitors.includes(m));
  if (both.length) problems.push(`A miRNA cannot be both mimicked and inhibited: ${both.join(', ')}.`);
  if (form.therapies.length > 10) problems.push('Choose at most 10 therapies.');
  if (form.mimics.length > 20 || form.inhibitors.length > 20)
    problems.push('Choose at most 20 mimics and 20 inhibitors.');
  return problems;
}

/** The POST /api/simulate body: the form's choices (each once) and chains for the phenotypes. */
export function buildSimulateRequest(form: SimulationForm, phenotypes: readonly string[]): SimulateRequest {
  const unique = (xs: string[]) => [...new Set(xs.filter(Boolean))];
  const explain = [...new Set([...KEY_PHENOTYPES.filter((p) => phenotypes.includes(p)), ...phenotypes])];
  return {
    context: form.context,
    therapies: unique(form.therapies),
    mimics: unique(form.mimics),
    inhibitors: unique(form.inhibitors),
    explain: explain.slice(0, 20),
  };
}

/** The POST /api/screen body; undefined while no therapy is chosen (the screen needs one). */
export function buildScreenRequest(
  form: SimulationForm,
): { therapies: string[]; context?: string } | undefined {
  const therapies = [...new Set(form.therapies)];
  if (!therapies.length) return undefined;
  return form.context ? { therapies, context: form.context } : { therapies };
}

/** A phenotype value as a badge: ON / off for Boolean states, a percentage for fractions (cycles, ensembles). */
export function formatPhenotype(value: number | undefined): {
  text: string;
  state: 'on' | 'off' | 'partial' | 'unknown';
} {
  if (value === undefined || !Number.isFinite(value)) return { text: '—', state: 'unknown' };
  if (value >= 1) return { text: 'ON', state: 'on' };
  if (value <= 0) return { text: 'off', state: 'off' };
  return { text: `${Math.round(value * 100)} % on`, state: 'partial' };
}

/** A model node name for reading: `DNA_repair` → `DNA repair`, `hsa_miR_21` → `hsa-miR-21`. */
export function nodeLabel(node: string): string {
  if (/^hsa_(miR|let)_/.test(node)) return node.replace(/_/g, '-');
  return node.replace(/_/g, ' ');
}

export interface ChainNode {
  step: ExplanationStep;
  children: ChainNode[];
}

/** Rebuilds the tree from a chain flattened depth-first (each step's depth is one more than its parent's). */
export function buildChainTree(steps: readonly ExplanationStep[]): ChainNode[] {
  const roots: ChainNode[] = [];
  const stack: ChainNode[] = [];
  for (const step of steps) {
    const node: ChainNode = { step, children: [] };
    while (stack.length && stack[stack.length - 1]!.step.depth >= step.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** One chain step as text: `E2F = 0 (rule)`, `Trastuzumab = 1 (perturbation: Trastuzumab on)`. */
export function stepText(step: ExplanationStep): string {
  const why = step.perturbation ? `${step.reason}: ${step.perturbation}` : step.reason;
  return `${nodeLabel(step.node)} = ${formatValue(step.value)}${why ? ` (${why})` : ''}`;
}

/** An edge as text: `RB1 ⊣ E2F` for repression, `E2F → Proliferation` for activation. */
export function edgeText(edge: NonNullable<ExplanationStep['edge']>): string {
  return `${nodeLabel(edge.regulator)} ${edge.sign === '-' ? '⊣' : '→'} ${nodeLabel(edge.target)}`;
}

/** A signed change with two decimals and a real minus sign; exact zero reads `0`. */
export function formatDelta(value: number): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
}
