/** What every route shares: the store, the reference names, the model, the response cache, the job runner. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { loadResistanceModel, type KnowledgeStore } from '../kb/index.js';
import type { Source, Statement } from '../model/index.js';
import type { ReferenceNames } from '../names/index.js';
import type { ResistanceModel } from '../netsim/index.js';
import { HttpProblem } from './problems.js';
import type { JobRunner } from './jobs.js';

export interface ApiLimits {
  /** largest upload, bytes */
  uploadBytes: number;
  /** requests per minute per client for reads (GET); 0 = no limit */
  readsPerMinute: number;
  /** requests per minute per client for computations and writes (POST, PATCH); 0 = no limit */
  computePerMinute: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  uploadBytes: 10 * 1024 * 1024,
  readsPerMinute: 3000,
  computePerMinute: 120,
};

export class ApiContext {
  /** serialised GET responses by URL (UTF-8, encoded once); cleared by every write through the API */
  readonly cache = new LRUCache<string, Buffer>({
    max: 2000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (b) => b.length || 1,
    ttl: 60_000,
  });
  private modelPromise: Promise<ResistanceModel> | undefined;
  private sourcesPromise: Promise<Source[]> | undefined;
  private curatedPromise: Promise<Statement[]> | undefined;

  constructor(
    readonly store: KnowledgeStore,
    readonly names: ReferenceNames,
    readonly jobs: JobRunner,
    private readonly token: string | undefined,
    readonly limits: ApiLimits,
  ) {}

  /** Per-route rate limit (per client address, per minute) for reads or computations/writes; false = none. */
  rateLimit(kind: 'read' | 'compute'): { max: number; timeWindow: string } | false {
    const max = kind === 'read' ? this.limits.readsPerMinute : this.limits.computePerMinute;
    return max > 0 ? { max, timeWindow: '1 minute' } : false;
  }

  get writesEnabled(): boolean {
    return Boolean(this.token);
  }

  /** The resistance model with the store's curated miRNA edges; rebuilt after curation changes the store. */
  model(): Promise<ResistanceModel> {
    this.modelPromise ??= loadResistanceModel(this.store).catch((error: unknown) => {
      this.modelPromise = undefined;
      throw error;
    });
    return this.modelPromise;
  }

  /** Every source record (a few dozen), kept until a write. */
  sources(): Promise<Source[]> {
    this.sourcesPromise ??= this.store.sources().catch((error: unknown) => {
      this.sourcesPromise = undefined;
      throw error;
    });
    return this.sourcesPromise;
  }

  /** Every curated statement (the network's facets), kept until a write. */
  allCurated(): Promise<Statement[]> {
    this.curatedPromise ??= this.store.statements({ statuses: ['curated'] }).catch((error: unknown) => {
      this.curatedPromise = undefined;
      throw error;
    });
    return this.curatedPromise;
  }

  /** Bumped by every write: an answer computed across a write is not cached (it may hold the old data). */
  generation = 0;

  /** After a write: drop cached answers and the model built from the old statements. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.modelPromise = undefined;
    this.sourcesPromise = undefined;
    this.curatedPromise = undefined;
  }

  /** Writes need `Authorization: Bearer <token>` with the operator's token. */
  requireToken(request: FastifyRequest): void {
    if (!this.token)
      throw new HttpProblem(
        403,
        'Writes disabled',
        'the operator configured no API token (MIRESIST_API_TOKEN)',
      );
    const header = request.headers.authorization ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    if (!given || a.length !== b.length || !timingSafeEqual(a, b))
      throw new HttpProblem(401, 'Unauthorized', 'a valid bearer token is required for writes', {
        'www-authenticate': 'Bearer realm="miresist"',
      });
  }
}
