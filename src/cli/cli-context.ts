import type { StoreConfig } from '../kb/index.js';
import { KnowledgeStore } from '../kb/index.js';

/** What commands get from the entry point: the store configuration (flags and environment read once). */
export interface CliContext {
  config(): StoreConfig;
  /** who reviews proposals when `--curator` is not given ($MIRESIST_CURATOR, else the login name) */
  defaultCurator(): string;
}

/** Opens the store, runs `fn`, closes the store. */
export async function withStore<T>(ctx: CliContext, fn: (store: KnowledgeStore) => Promise<T>): Promise<T> {
  const store = await KnowledgeStore.open(ctx.config());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
