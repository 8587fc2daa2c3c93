/**
 * The planning thread, seen from the server (issue 15): one worker thread that advises on a day or
 * tries one (worker.ts), one job at a time. Advising a large center's day takes most of a minute of
 * CPU; on the server's own thread it would freeze the live queue it serves, so it runs here. A
 * second job while one runs is refused with a clear message rather than queued: each is a minute
 * of a core on a server with few, and a supervisor who asks twice should not wait for both.
 *
 * The thread is started at the first job and kept (starting it compiles the simulator again, about
 * a second), ended by `close()` with the server, and replaced if it dies or overruns.
 */
import { Worker } from 'node:worker_threads';
import type { PlanJob, PlanReply } from './jobs.js';

/** Refused because another job is running; the route answers 429 with Retry-After. */
export class PlannerBusy extends Error {
  constructor() {
    super('A plan is being computed; try again in a minute.');
    this.name = 'PlannerBusy';
  }
}

/** The job ran past its hard limit and its thread was ended. */
export class PlannerTimeout extends Error {
  constructor(limitMs: number) {
    super(`Working this out took over ${Math.round(limitMs / 1000)} s and was stopped. Try fewer seeds, or a day with fewer counters or services.`);
    this.name = 'PlannerTimeout';
  }
}

export interface PlannerOptions {
  /** A job still running after this is stopped with its thread (the advisor's own budget ends its search well before). */
  hardLimitMs?: number;
}

type Job = PlanJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

interface Running {
  id: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  onProgress: ((line: string) => void) | undefined;
}

export class Planner {
  private worker: Worker | null = null;
  private running: Running | null = null;
  private nextId = 1;
  private closed = false;
  private readonly hardLimitMs: number;

  constructor(options: PlannerOptions = {}) {
    this.hardLimitMs = options.hardLimitMs ?? 110_000;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Run one job on the planning thread; throws PlannerBusy at once if one is running. */
  run<T>(job: Job, onProgress?: (line: string) => void): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (this.running) return Promise.reject(new PlannerBusy());
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The thread cannot be interrupted mid-simulation: end it, and start a fresh one next time.
        this.fail(new PlannerTimeout(this.hardLimitMs));
        this.stopThread();
      }, this.hardLimitMs);
      this.running = { id, resolve: resolve as (v: unknown) => void, reject, timer, onProgress };
      worker.postMessage({ ...job, id } as PlanJob);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the server is shutting down'));
    await this.stopThread();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // No inherited flags: the boot file brings tsx itself (worker-boot.mjs).
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { execArgv: [] });
    worker.on('message', (m: PlanReply) => {
      const r = this.running;
      if (!r || m.id !== r.id) return;
      if ('progress' in m) return r.onProgress?.(m.progress);
      clearTimeout(r.timer);
      this.running = null;
      if (m.ok) r.resolve(m.result);
      else r.reject(new Error(m.message));
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.fail(new Error(`the planning thread stopped (exit code ${code})`));
    });
    // An idle planning thread must not keep the process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(err: Error): void {
    const r = this.running;
    if (!r) return;
    clearTimeout(r.timer);
    this.running = null;
    r.reject(err);
  }

  private async stopThread(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
