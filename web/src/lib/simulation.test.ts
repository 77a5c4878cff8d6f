import { describe, expect, it } from 'vitest';
import type { ExplanationStep } from '../../../src/api/contract.js';
import {
  buildChainTree,
  buildScreenRequest,
  buildSimulateRequest,
  edgeText,
  formatDelta,
  formatPhenotype,
  initialSimulationForm,
  nodeLabel,
  simulationFormProblems,
  stepText,
} from './simulation.js';

const form = {
  context: 'her2-resistant',
  therapies: ['trastuzumab', 'trastuzumab'],
  mimics: ['hsa-miR-770-5p'],
  inhibitors: [],
};

describe('simulation requests', () => {
  it('builds the simulate body with each choice once and the key phenotypes explained first', () => {
    expect(buildSimulateRequest(form, ['Apoptosis', 'DNA_repair', 'Proliferation'])).toEqual({
      context: 'her2-resistant',
      therapies: ['trastuzumab'],
      mimics: ['hsa-miR-770-5p'],
      inhibitors: [],
      explain: ['Proliferation', 'Apoptosis', 'DNA_repair'],
    });
  });

  it('needs a therapy to screen', () => {
    expect(buildScreenRequest({ ...form, therapies: [] })).toBeUndefined();
    expect(buildScreenRequest(form)).toEqual({ therapies: ['trastuzumab'], context: 'her2-resistant' });
  });

  it('starts from the first context and reports form problems', () => {
    expect(
      initialSimulationForm({ contexts: [{ id: 'her2', subtype: 'her2', description: '', mirnasOn: [] }] }),
    ).toEqual({
      context: 'her2',
      therapies: [],
      mimics: [],
      inhibitors: [],
    });
    expect(simulationFormProblems({ ...form, context: '', inhibitors: ['hsa-miR-770-5p'] })).toEqual([
      'Choose a context.',
      'A miRNA cannot be both mimicked and inhibited: hsa-miR-770-5p.',
    ]);
    expect(simulationFormProblems(form)).toEqual([]);
  });
});

describe('formatting', () => {
  it('shows phenotype states', () => {
    expect(formatPhenotype(1)).toEqual({ text: 'ON', state: 'on' });
    expect(formatPhenotype(0)).toEqual({ text: 'off', state: 'off' });
    expect(formatPhenotype(0.5)).toEqual({ text: '50 % on', state: 'partial' });
    expect(formatPhenotype(undefined).state).toBe('unknown');
  });

  it('reads node names', () => {
    expect(nodeLabel('DNA_repair')).toBe('DNA repair');
    expect(nodeLabel('hsa_miR_770_5p')).toBe('hsa-miR-770-5p');
    expect(nodeLabel('ERBB2')).toBe('ERBB2');
  });

  it('signs deltas with a real minus', () => {
    expect(formatDelta(0.5)).toBe('+0.50');
    expect(formatDelta(-1)).toBe('−1.00');
    expect(formatDelta(0)).toBe('0');
  });
});

describe('explaining chains', () => {
  const steps: ExplanationStep[] = [
    { node: 'Proliferation', value: 0, depth: 0, reason: 'rule' },
    {
      node: 'E2F',
      value: 0,
      depth: 1,
      reason: 'rule',
      edge: { regulator: 'E2F', target: 'Proliferation', sign: '+', source: 'Sahin et al. 2009' },
    },
    {
      node: 'RB1',
      value: 1,
      depth: 2,
      reason: 'rule',
      edge: { regulator: 'RB1', target: 'E2F', sign: '-', source: 'Sahin et al. 2009' },
    },
    {
      node: 'hsa_miR_770_5p',
      value: 1,
      depth: 1,
      reason: 'perturbation',
      perturbation: 'hsa-miR-770-5p mimic',
      edge: { regulator: 'hsa_miR_770_5p', target: 'Proliferation', sign: '-', source: '000', quote: 'q' },
    },
  ];

  it('rebuilds the tree from depth-first steps', () => {
    const tree = buildChainTree(steps);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.children.map((c) => c.step.node)).toEqual(['E2F', 'hsa_miR_770_5p']);
    expect(tree[0]!.children[0]!.children.map((c) => c.step.node)).toEqual(['RB1']);
    expect(buildChainTree([])).toEqual([]);
  });

  it('reads steps and edges', () => {
    expect(stepText(steps[0]!)).toBe('Proliferation = 0 (rule)');
    expect(stepText(steps[3]!)).toBe('hsa-miR-770-5p = 1 (perturbation: hsa-miR-770-5p mimic)');
    expect(stepText({ node: 'AKT', value: 0.5, depth: 0, reason: 'rule' })).toBe('AKT = 0.50 (rule)');
    expect(edgeText(steps[2]!.edge!)).toBe('RB1 ⊣ E2F');
    expect(edgeText(steps[1]!.edge!)).toBe('E2F → Proliferation');
  });
});
