/**
 * Runs the TargetScan-mode scan on worker threads. Batches of genes go round-robin to the workers; each worker scans
 * a batch and reports how many groups it used; group numbers run across the whole file, so a batch is formatted
 * only once every earlier batch's count is known. Output is written in input order; memory stays bounded by the
 * batches in flight.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MirnaFamily, UtrSet } from '../../seq/targetscan-inputs.js';
import type { WorkerReply, WorkerRequest } from './scan-worker.js';

export interface ParallelScanResult {
  genes: number;
  nt: number;
  sites: number;
  byType: Record<string, number>;
}

/** nt per batch: small batches keep both workers busy from the start and memory low (measured: 100k ≈ best) */
const BATCH_NT = 100_000;

/** The compiled worker; when running from TypeScript sources (tests, tsx), register tsx in the worker first. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./scan-worker.js', import.meta.url));
  const source = new URL('./scan-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`,
    {
      eval: true,
    },
  );
}

export async function parallelScan(
  families: MirnaFamily[],
  sets: AsyncIterable<UtrSet>,
  write: (text: string) => Promise<void>,
  options: { threads?: number; onProgress?: (genes: number, sites: number) => void } = {},
): Promise<ParallelScanResult> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const workers = Array.from({ length: threads }, startWorker);
  const result: ParallelScanResult = { genes: 0, nt: 0, sites: 0, byType: {} };
  const groups = new Map<number, number>();
  const texts = new Map<number, string>();
  const owner = new Map<number, Worker>();
  let failure: Error | undefined;
  let nextOffsetBatch = 0;
  let offset = 0;
  let nextWrite = 0;
  let dispatched = 0;
  let wake: (() => void) | undefined;
  let dirty = false;
  const signal = () => {
    dirty = true;
    wake?.();
    wake = undefined;
  };

  for (const worker of workers) {
    worker.postMessage({ type: 'init', families } satisfies WorkerRequest);
    worker.on('error', (error: Error) => {
      failure = error;
      signal();
    });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'scanned') {
        groups.set(reply.batch, reply.groups);
        for (const [type, n] of Object.entries(reply.byType)) {
          result.byType[type] = (result.byType[type] ?? 0) + n;
          result.sites += n;
        }
        while (groups.has(nextOffsetBatch)) {
          owner.get(nextOffsetBatch)!.postMessage({
            type: 'format',
            batch: nextOffsetBatch,
            groupOffset: offset,
          } satisfies WorkerRequest);
          offset += groups.get(nextOffsetBatch)!;
          groups.delete(nextOffsetBatch);
          nextOffsetBatch++;
        }
      } else {
        texts.set(reply.batch, reply.text);
      }
      signal();
    });
  }

  const drain = async (maxInFlight: number) => {
    for (;;) {
      dirty = false;
      if (failure) throw failure;
      while (texts.has(nextWrite)) {
        const text = texts.get(nextWrite)!;
        texts.delete(nextWrite);
        owner.delete(nextWrite);
        nextWrite++;
        await write(text);
        options.onProgress?.(result.genes, result.sites);
      }
      if (dispatched - nextWrite <= maxInFlight) return;
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  try {
    let batch: UtrSet[] = [];
    let batchNt = 0;
    const send = async () => {
      const worker = workers[dispatched % threads]!;
      owner.set(dispatched, worker);
      worker.postMessage({ type: 'scan', batch: dispatched, sets: batch } satisfies WorkerRequest);
      dispatched++;
      batch = [];
      batchNt = 0;
      await drain(threads * 2);
    };
    for await (const set of sets) {
      result.genes++;
      for (const utr of set.utrs) {
        let n = 0;
        for (let i = 0; i < utr.alignment.length; i++) if (utr.alignment.charCodeAt(i) !== 45) n++;
        result.nt += n;
        batchNt += n;
      }
      batch.push(set);
      if (batchNt >= BATCH_NT) await send();
    }
    if (batch.length) await send();
    await drain(0);
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
