/** The resistance model over HTTP: what it offers, simulate (compared with the CLI) and screen. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo, ScreenResponse, SimulateResponse } from '../../src/api/contract.js';
import { sqliteBackend } from '../helpers/backends.js';
import { cliRunner } from '../helpers/cli.js';
import { apiFixture, expectProblem, type ApiFixture } from './helpers.js';

const backend = sqliteBackend();
let fx: ApiFixture;

beforeAll(async () => {
  fx = await apiFixture(backend);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
});

const simulate = async (body: unknown) => {
  const r = await fx.app.inject({ method: 'POST', url: '/api/simulate', payload: body as object });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  return r.json<SimulateResponse>();
};
const post = (url: string, body: unknown) => fx.app.inject({ method: 'POST', url, payload: body as object });

/** Every step below the root hangs from the nearest step one level up, through an edge to that step's node. */
function expectChain(steps: SimulateResponse['explanations'][string], node: string, value: number): void {
  expect(steps.length).toBeGreaterThan(1);
  expect(steps[0]).toMatchObject({ node, value, depth: 0 });
  expect(steps[0]!.edge).toBeUndefined();
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    expect(step.depth).toBeGreaterThan(0);
    expect(step.depth).toBeLessThanOrEqual(steps[i - 1]!.depth + 1);
    const parent = steps
      .slice(0, i)
      .reverse()
      .find((s) => s.depth === step.depth - 1)!;
    expect(step.edge, `${step.node} at ${i}`).toBeDefined();
    expect(step.edge!.regulator).toBe(step.node);
    expect(step.edge!.target).toBe(parent.node);
    expect(['+', '-']).toContain(step.edge!.sign);
    expect(step.edge!.source.length).toBeGreaterThan(0);
  }
}

describe('GET /api/model', () => {
  it('lists the contexts (her2-resistant among them), therapies, miRNAs, nodes and phenotypes', async () => {
    const r = await fx.app.inject({ method: 'GET', url: '/api/model' });
    expect(r.statusCode).toBe(200);
    const model = r.json<ModelInfo>();
    const her2r = model.contexts.find((c) => c.id === 'her2-resistant');
    expect(her2r).toBeDefined();
    expect(her2r!.resistantTo).toBe('trastuzumab');
    expect(model.therapies).toContainEqual({ therapy: 'trastuzumab', node: 'Trastuzumab' });
    expect(model.mirnas).toContainEqual({ mirna: 'hsa-miR-770-5p', node: 'hsa_miR_770_5p' });
    expect(model.phenotypes).toEqual(expect.arrayContaining(['Proliferation', 'Apoptosis']));
    const nodes = new Set(model.nodes);
    for (const p of model.phenotypes) expect(nodes.has(p), p).toBe(true);
    for (const t of model.therapies) expect(nodes.has(t.node), t.node).toBe(true);
    for (const m of model.mirnas) expect(nodes.has(m.node), m.node).toBe(true);
  });
});

describe('POST /api/simulate', () => {
  const base = { context: 'her2-resistant', therapies: ['trastuzumab'] };
  let resistant: SimulateResponse;
  let mimic: SimulateResponse;
  beforeAll(async () => {
    resistant = await simulate(base);
    mimic = await simulate({ ...base, mimics: ['miR-770-5p'] });
  });

  it('trastuzumab alone leaves trastuzumab-resistant cells proliferating; a miR-770-5p mimic stops them', () => {
    // `miresist simulate --context her2-resistant --therapy trastuzumab [--mimic miR-770-5p] --json`
    expect(resistant.context).toBe('her2-resistant');
    expect(resistant.phenotypes).toMatchObject({ Proliferation: 1, Apoptosis: 0 });
    expect(mimic.phenotypes).toMatchObject({ Proliferation: 0, Apoptosis: 0 });
    expect(resistant.perturbations).toEqual([
      { node: 'Trastuzumab', level: 1, kind: 'drug', label: 'Trastuzumab on' },
    ]);
    expect(mimic.perturbations).toContainEqual({
      node: 'hsa_miR_770_5p',
      level: 1,
      kind: 'mimic',
      label: 'hsa-miR-770-5p mimic',
    });
    expect(mimic.values['hsa_miR_770_5p']).toBe(1);
    expect(mimic.attractor.kind).toBe('fixed');
    expect(mimic.attractor.size).toBe(1);
  });

  it('answers as the CLI prints for the same store', () => {
    const cli = cliRunner('--db', (fx.config as { path: string }).path);
    for (const [args, api] of [
      [[], resistant],
      [['--mimic', 'miR-770-5p'], mimic],
    ] as const) {
      const r = cli('simulate', '--context', 'her2-resistant', '--therapy', 'trastuzumab', ...args, '--json');
      expect(r.code, r.err).toBe(0);
      const printed = JSON.parse(r.out) as Pick<
        SimulateResponse,
        'phenotypes' | 'values' | 'perturbations' | 'steps' | 'context'
      >;
      expect(api.phenotypes).toEqual(printed.phenotypes);
      expect(api.values).toEqual(printed.values);
      expect(api.perturbations).toEqual(printed.perturbations);
      expect(api.steps).toBe(printed.steps);
      expect(api.context).toBe(printed.context);
    }
  });

  it('explains Proliferation and Apoptosis by default: chains from the phenotype, depth 0 first', () => {
    for (const outcome of [resistant, mimic]) {
      expect(Object.keys(outcome.explanations).sort()).toEqual(['Apoptosis', 'Proliferation']);
      expectChain(outcome.explanations.Proliferation!, 'Proliferation', outcome.phenotypes.Proliferation!);
      expectChain(outcome.explanations.Apoptosis!, 'Apoptosis', outcome.phenotypes.Apoptosis!);
      expect(outcome.explanationText.Proliferation![0]).toBe(
        `Proliferation = ${outcome.phenotypes.Proliferation}`,
      );
    }
    // with the mimic, the chain reaches the mimicked miRNA
    expect(mimic.explanations.Proliferation!.some((s) => s.node === 'hsa_miR_770_5p')).toBe(true);
  });

  it('explains the nodes asked for', async () => {
    const r = await simulate({ ...base, explain: ['E2F'] });
    expect(Object.keys(r.explanations)).toEqual(['E2F']);
    expectChain(r.explanations.E2F!, 'E2F', r.values.E2F!);
  });

  it('fixes nodes: Proliferation forced off', async () => {
    const r = await simulate({ ...base, fix: { Proliferation: 0 } });
    expect(r.phenotypes.Proliferation).toBe(0);
    expect(r.values.Proliferation).toBe(0);
  });

  it('answers an unknown context with 422 naming the field context', async () => {
    const p = expectProblem(await post('/api/simulate', { ...base, context: 'no-such-context' }), 422);
    expect(p.issues?.map((i) => i.field)).toContain('context');
    expect(p.detail).toContain('her2-resistant');
  });

  it('answers an unknown node to fix or explain with 422', async () => {
    const fixed = expectProblem(await post('/api/simulate', { ...base, fix: { NOT_A_NODE: 1 } }), 422);
    expect(fixed.detail).toContain('NOT_A_NODE');
    const explained = expectProblem(await post('/api/simulate', { ...base, explain: ['NOT_A_NODE'] }), 422);
    expect(explained.detail).toContain('NOT_A_NODE');
  });

  it('answers a body off the schema with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...base, therapies: 'trastuzumab' }, 'body.therapies'],
      [{ ...base, fix: { ERBB2: 2 } }, 'body.fix.ERBB2'],
      [{ therapies: ['trastuzumab'] }, 'body.context'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await post('/api/simulate', body), 400);
      expect(
        p.issues?.map((i) => i.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const notJson = await fx.app.inject({
      method: 'POST',
      url: '/api/simulate',
      payload: '{"context": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(notJson, 400);
  });

  it('answers an unknown therapy or miRNA with a problem naming it', async () => {
    for (const body of [
      { ...base, therapies: ['notadrugatall'] },
      { ...base, mimics: ['miR-99999'] },
    ]) {
      const r = await post('/api/simulate', body);
      const p = expectProblem(r, r.statusCode);
      expect([404, 422]).toContain(r.statusCode);
      expect(p.detail).toMatch(/notadrugatall|miR-99999/);
    }
  });
});

describe('POST /api/screen', () => {
  it('ranks single mimics and inhibitors; a miR-770-5p mimic re-sensitises to trastuzumab', async () => {
    const r = await post('/api/screen', { therapies: ['trastuzumab'] });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const screen = r.json<ScreenResponse>();
    expect(screen.context).toBe('her2-resistant');
    expect(screen.baseline).toMatchObject({ Proliferation: 1, Apoptosis: 0 });
    const entry = screen.entries.find((e) => e.mirna === 'hsa-miR-770-5p' && e.perturbation === 'mimic');
    expect(entry).toMatchObject({ proliferation: 0, deltaProliferation: -1, effect: 're-sensitises' });
    expect(entry!.explanationText[0]).toBe('Proliferation = 0');
    for (const e of screen.entries) {
      expect(e.deltaProliferation).toBe(e.proliferation - screen.baseline.Proliferation!);
      expect(e.deltaApoptosis).toBe(e.apoptosis - screen.baseline.Apoptosis!);
    }
    const scores = screen.entries.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers no therapy with 400 and an unknown context with 422', async () => {
    expect(
      expectProblem(await post('/api/screen', { therapies: [] }), 400).issues?.map((i) => i.field),
    ).toContain('body.therapies');
    expectProblem(await post('/api/screen', { therapies: ['trastuzumab'], context: 'nowhere' }), 422);
  });
});
