/** The store backends the contract suite runs on: SQLite always, PostgreSQL when reachable (loudly skipped if not). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../src/kb/index.js';

export interface Backend {
  name: string;
  /** a fresh, empty store location */
  create(): Promise<StoreConfig>;
  dispose(): Promise<void>;
}

export const ADMIN_URL = process.env.MIRESIST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'miresist-test-'));
  let n = 0;
  return {
    name: 'sqlite',
    create: async () => ({ kind: 'sqlite', path: join(dir, `store-${n++}.sqlite`) }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A PostgreSQL backend creating throwaway databases, or undefined (with a loud warning) when unreachable. */
export async function postgresBackend(): Promise<Backend | undefined> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const line = '!'.repeat(100);
    console.warn(
      `\n${line}\n!!! PostgreSQL UNREACHABLE at ${ADMIN_URL} (${(error as Error).message}).\n` +
        `!!! THE STORE CONTRACT SUITE RUNS ON SQLITE ONLY. Set MIRESIST_TEST_PG_URL or start PostgreSQL.\n${line}\n`,
    );
    return undefined;
  }
  const created: string[] = [];
  const base = new URL(ADMIN_URL);
  return {
    name: 'postgres',
    async create() {
      const db = `miresist_test_${process.pid}_${Date.now()}_${created.length}`;
      await admin.query(`CREATE DATABASE ${db}`);
      created.push(db);
      const url = new URL(base.toString());
      url.pathname = `/${db}`;
      return { kind: 'postgres', url: url.toString() };
    },
    async dispose() {
      for (const db of created) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    },
  };
}
