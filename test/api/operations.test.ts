/** Operating the API: rate limits, the OpenAPI document and docs page, unknown routes. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../helpers/backends.js';
import { apiFixture, expectProblem, getJson, type ApiFixture } from './helpers.js';

const backend = sqliteBackend();
let fx: ApiFixture;

beforeAll(async () => {
  fx = await apiFixture(backend);
});
afterAll(async () => {
  await fx?.close();
  await backend.dispose();
});

describe('rate limits', () => {
  let limited: FastifyInstance;
  beforeAll(async () => {
    limited = await fx.server({ limits: { readsPerMinute: 3, computePerMinute: 2 } });
  });

  it('never limits /api/health', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await limited.inject({ method: 'GET', url: '/api/health' });
      expect(r.statusCode, `health #${i + 1}`).toBe(200);
    }
  });

  it('answers the 4th read within the minute with a 429 problem and retry-after', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await limited.inject({ method: 'GET', url: `/api/search?q=miR-${21 + i}` });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200]);
    const fourth = await limited.inject({ method: 'GET', url: '/api/search?q=miR-770' });
    const problem = expectProblem(fourth, 429);
    expect(problem.title).toBe('Too many requests');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(fourth.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('answers the 3rd computation within the minute with a 429 problem and retry-after', async () => {
    const body = { context: 'her2-resistant', therapies: ['trastuzumab'] };
    for (let i = 0; i < 2; i++) {
      const r = await limited.inject({ method: 'POST', url: '/api/simulate', payload: body });
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      expect(r.headers['x-ratelimit-limit']).toBe('2');
    }
    const third = await limited.inject({ method: 'POST', url: '/api/simulate', payload: body });
    expectProblem(third, 429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // health is still served
    expect((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('limits nothing when the limits are 0', async () => {
    const open = await fx.server({ limits: { readsPerMinute: 0, computePerMinute: 0 } });
    for (let i = 0; i < 8; i++)
      expect((await open.inject({ method: 'GET', url: '/api/search?q=PTEN' })).statusCode).toBe(200);
  });
});

describe('GET /api/openapi.json and /api/docs', () => {
  interface OpenApi {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<
      string,
      Record<string, { security?: Record<string, unknown[]>[]; responses?: Record<string, unknown> }>
    >;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme?: string }> };
  }
  let doc: OpenApi;
  beforeAll(async () => {
    doc = await getJson<OpenApi>(fx.app, '/api/openapi.json');
  });

  it('is OpenAPI 3 with every public route', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('miResist API');
    for (const [path, method] of [
      ['/api/health', 'get'],
      ['/api/search', 'get'],
      ['/api/mirna/{name}', 'get'],
      ['/api/gene/{name}', 'get'],
      ['/api/therapy/{name}', 'get'],
      ['/api/statements', 'get'],
      ['/api/network', 'get'],
      ['/api/export', 'get'],
      ['/api/model', 'get'],
      ['/api/simulate', 'post'],
      ['/api/screen', 'post'],
      ['/api/analyses/{kind}', 'post'],
      ['/api/jobs/scan', 'post'],
      ['/api/jobs/enrich', 'post'],
      ['/api/jobs/{id}', 'get'],
      ['/api/curation/proposals', 'get'],
      ['/api/curation/proposals/{id}', 'get'],
      ['/api/curation/proposals/{id}', 'patch'],
      ['/api/curation/proposals/{id}/accept', 'post'],
      ['/api/curation/proposals/{id}/reject', 'post'],
    ] as const)
      expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    // the docs' own routes and the document itself stay out of it
    expect(
      Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs') || p === '/api/openapi.json'),
    ).toEqual([]);
  });

  it('marks the writes as needing the bearer token, and only them', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const bearer = [{ bearerAuth: [] }];
    expect(doc.paths['/api/curation/proposals/{id}/accept']!.post!.security).toEqual(bearer);
    expect(doc.paths['/api/curation/proposals/{id}/reject']!.post!.security).toEqual(bearer);
    expect(doc.paths['/api/curation/proposals/{id}']!.patch!.security).toEqual(bearer);
    expect(doc.paths['/api/curation/proposals/{id}']!.get!.security).toBeUndefined();
    expect(doc.paths['/api/simulate']!.post!.security).toBeUndefined();
  });

  it('has the named schemas, Statement and Problem among them', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Statement', 'Problem', 'MirnaReport', 'Proposal']),
    );
  });

  it('serves the docs page as HTML', async () => {
    let r = await fx.app.inject({ method: 'GET', url: '/api/docs' });
    if (r.statusCode === 302) {
      expect(r.headers.location).toMatch(/^\/api\/docs\//);
      r = await fx.app.inject({ method: 'GET', url: String(r.headers.location) });
    }
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toMatch(/swagger/i);
  });
});

describe('unknown routes', () => {
  it('answers an unknown API path or method with a 404 problem, and no web app without a web root', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/curation/proposals/1'],
      ['GET', '/'],
      ['GET', '/mirna/miR-21'],
    ] as const) {
      const p = expectProblem(await fx.app.inject({ method, url }), 404);
      expect(p.detail, url).toBe(`no route ${method} ${url}`);
    }
  });
});

describe('malformed requests', () => {
  it('answers a malformed percent-encoding in the path with a 400 problem', async () => {
    const r = await fx.app.inject({ method: 'GET', url: '/api/mirna/%E0%A4%A' });
    expectProblem(r, 400);
  });

  it('answers a path parameter over the router limit with a problem', async () => {
    const r = await fx.app.inject({ method: 'GET', url: `/api/mirna/${'a'.repeat(250)}` });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expectProblem(r, r.statusCode);
  });

  it('answers a form-encoded computation with 415 and a JSON body over the body limit with 413', async () => {
    const form = await fx.app.inject({
      method: 'POST',
      url: '/api/simulate',
      payload: 'context=her2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(form, 415);
    const small = await fx.server({ limits: { uploadBytes: 1024 } });
    const big = await small.inject({
      method: 'POST',
      url: '/api/simulate',
      payload: { context: 'her2', therapies: ['trastuzumab'], explain: ['x'.repeat(2000)] },
    });
    expectProblem(big, 413);
  });
});
