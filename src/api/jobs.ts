/** Long computations (target scan, enrichment) as jobs: started by POST, polled by GET with their progress. */
import { randomUUID } from 'node:crypto';
import type { Job } from './contract.js';
import { HttpProblem, toProblem } from './problems.js';

export type JobKind = Job['kind'];

export interface JobProgress {
  /** reports work done; the job yields to the event loop so that other requests are served meanwhile */
  (done: number, total: number): Promise<void>;
}

/** Runs jobs in this process, a few at a time, and keeps finished ones for an hour (at most `keep`). */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly keep = 200,
    private readonly ttlMs = 3_600_000,
    private readonly maxQueued = 20,
  ) {}

  start(kind: JobKind, unit: string, work: (progress: JobProgress) => Promise<unknown>): Job {
    this.prune();
    if (this.queue.length >= this.maxQueued)
      throw new HttpProblem(
        503,
        'Service unavailable',
        `${this.queue.length} jobs are waiting; try again shortly`,
        {
          'retry-after': '10',
        },
      );
    const job: Job = {
      id: randomUUID(),
      kind,
      status: 'queued',
      progress: { done: 0, total: 0, unit },
      created_at: new Date().toISOString(),
    };
    this.jobs.set(job.id, job);
    const run = async () => {
      this.running++;
      job.status = 'running';
      let lastYield = Date.now();
      try {
        job.result = await work(async (done, total) => {
          job.progress = { done, total, unit };
          if (Date.now() - lastYield > 20) {
            await new Promise((resolve) => setImmediate(resolve));
            lastYield = Date.now();
          }
        });
        job.status = 'done';
      } catch (error) {
        job.status = 'failed';
        job.error = toProblem(error, `/api/jobs/${job.id}`);
      } finally {
        job.finished_at = new Date().toISOString();
        this.running--;
        this.queue.shift()?.();
      }
    };
    if (this.running < this.concurrency) void run();
    else this.queue.push(() => void run());
    return this.snapshot(job);
  }

  get(id: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && this.snapshot(job);
  }

  /** Resolves when the job has finished (tests, and clients that wait). */
  async settled(id: string, pollMs = 10): Promise<Job | undefined> {
    for (;;) {
      const job = this.get(id);
      if (!job || job.status === 'done' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private snapshot(job: Job): Job {
    return { ...job, progress: { ...job.progress } };
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      const finished = job.finished_at ? Date.parse(job.finished_at) : undefined;
      if (finished !== undefined && now - finished > this.ttlMs) this.jobs.delete(id);
    }
    const done = [...this.jobs.values()].filter((j) => j.finished_at);
    for (const job of done.slice(0, Math.max(0, this.jobs.size - this.keep))) this.jobs.delete(job.id);
  }
}
