/** Where the store lives: PostgreSQL when DATABASE_URL is set, else an embedded SQLite file. */
import { resolve } from 'node:path';
import type { StoreConfig } from '../kb/knowledge-store.js';

export const DEFAULT_SQLITE_PATH = '.miresist/miresist.sqlite';

/** `--db` wins, then DATABASE_URL (postgres://…), then MIRESIST_DB, then .miresist/miresist.sqlite. */
export function storeConfig(flag: string | undefined, env: NodeJS.ProcessEnv): StoreConfig {
  const chosen = flag ?? env.DATABASE_URL ?? env.MIRESIST_DB;
  if (chosen && /^postgres(ql)?:\/\//.test(chosen)) return { kind: 'postgres', url: chosen };
  return { kind: 'sqlite', path: resolve(chosen ?? DEFAULT_SQLITE_PATH) };
}
