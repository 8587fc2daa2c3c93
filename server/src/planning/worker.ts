/**
 * The planning thread's body (issue 15): advising and trying a day are seconds to a minute of pure
 * CPU, run here so that the server's event loop keeps serving the live queue meanwhile. It takes
 * one job at a time from the main thread (planner.ts), already validated there, and answers with
 * the result or the error's message.
 */
import { parentPort } from 'node:worker_threads';
import { advise } from '../advisor/advise.js';
import { tryDay } from '../advisor/figures.js';
import type { PlanJob, PlanReply } from './jobs.js';

const port = parentPort;
if (!port) throw new Error('planning/worker.ts runs as a worker thread (planner.ts starts it)');

port.on('message', (job: PlanJob) => {
  let reply: PlanReply;
  try {
    const result =
      job.kind === 'advise'
        ? advise(job.scenario, { ...job.options, onProgress: (line) => port.postMessage({ id: job.id, progress: line } satisfies PlanReply) })
        : tryDay(job.scenario, job.seeds);
    reply = { id: job.id, ok: true, result };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
