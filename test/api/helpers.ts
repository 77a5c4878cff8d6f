/** Shared set-up of the API tests: a built store, a server over it, requests through `app.inject` (no network). */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildServer, type ApiOptions } from '../../src/api/server.js';
import type { Problem } from '../../src/api/contract.js';
import {
  buildKnowledgeBase,
  KnowledgeStore,
  loadReader,
  loadReaderFiles,
  readDocuments,
  type StoreConfig,
} from '../../src/kb/index.js';
import type { Backend } from '../helpers/backends.js';
import { names } from '../helpers/reference-names.js';

export const TOKEN = 'test-token-123';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export interface ApiFixture {
  config: StoreConfig;
  store: KnowledgeStore;
  app: FastifyInstance;
  /** further servers over the same store (other options); closed with the fixture */
  server(options?: Partial<ApiOptions>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/** Builds the bundled knowledge base into a fresh store of `backend` and a server over it (token set, no web app). */
export async function apiFixture(backend: Backend, options: Partial<ApiOptions> = {}): Promise<ApiFixture> {
  const config = await backend.create();
  await buildKnowledgeBase(config);
  const store = await KnowledgeStore.open(config);
  const servers: FastifyInstance[] = [];
  const server = async (more: Partial<ApiOptions> = {}) => {
    const app = await buildServer({ store, names, token: TOKEN, webRoot: false, ...options, ...more });
    servers.push(app);
    return app;
  };
  const app = await server();
  return {
    config,
    store,
    app,
    server,
    async close() {
      for (const s of servers) await s.close();
      await store.close();
    },
  };
}

/** Reads reader input files through the reader (as `miresist read` does) and queues the proposals; their ids. */
export async function queueReaderFiles(store: KnowledgeStore, paths: string[]): Promise<number[]> {
  const loaded = loadReaderFiles(paths);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const report = readDocuments(loadReader(), loaded.value);
  return (await store.addProposals(report.batches)).ids;
}

export const isJson = (r: LightMyRequestResponse): boolean =>
  /^application\/json(;|$)/.test(String(r.headers['content-type']));

/** Checks an answer is a problem document with this status, and returns it. */
export function expectProblem(r: LightMyRequestResponse, status: number): Problem {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json(;|$)/);
  const problem = r.json<Problem>();
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  expect(problem.title.length).toBeGreaterThan(0);
  return problem;
}

/** GET returning parsed JSON after checking 200 and the JSON content type. */
export async function getJson<T>(app: FastifyInstance, url: string): Promise<T> {
  const r = await app.inject({ method: 'GET', url });
  expect(r.statusCode, `${url}: ${r.body.slice(0, 500)}`).toBe(200);
  expect(isJson(r), String(r.headers['content-type'])).toBe(true);
  return r.json<T>();
}

/** A multipart/form-data body built by the platform's FormData (files by path, option fields). */
export async function multipart(
  files: Record<string, string | { name: string; bytes: Uint8Array }>,
  fields: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [part, file] of Object.entries(files)) {
    const { name, bytes } =
      typeof file === 'string' ? { name: basename(file), bytes: readFileSync(file) } : file;
    form.append(part, new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
  }
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    headers: { 'content-type': response.headers.get('content-type')! },
  };
}

/** Polls a job until it is done or failed (a few seconds at most). */
export async function settledJob<T = unknown>(
  app: FastifyInstance,
  location: string,
): Promise<{ status: string; result?: T; error?: Problem; progress: { done: number; total: number } }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await getJson<{
      status: string;
      result?: T;
      error?: Problem;
      progress: { done: number; total: number };
    }>(app, location);
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${location} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
