/**
 * GET /metrics in the Prometheus text format. One registry per app (tests build many apps in
 * one process; the global registry would collide), plus one registry for the process itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ErrorCode } from '@qms/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Hub } from '../center/hub.js';
import type { Clock } from '../center/runtime.js';
import type { GroupCommit } from '../storage/group-sync.js';
import { registerQueueMetrics } from './queue-metrics.js';

export interface AppMetrics {
  /** Record one finished HTTP request under its route pattern. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** The exposition text: this app's metrics, then the process's. */
  scrape(): Promise<string>;
  readonly contentType: string;
  stop(): void;
}

/**
 * CPU, memory, GC and event-loop lag describe the process, not an app, and prom-client's
 * collectors start a timer each time they are registered: one registry for the process,
 * created at the first app, is both the truthful and the leak-free choice.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(opts: { hub: Hub; clock: Clock; socketClients: () => number; storage: GroupCommit }): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const stopQueue = registerQueueMetrics(registry, opts.hub, opts.clock);
  const http = new Histogram({
    name: 'qms_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: count and duration.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  new Gauge({
    name: 'qms_socket_clients',
    help: 'Socket.IO clients connected now (displays, kiosks, counter apps).',
    registers,
    collect() {
      this.set(opts.socketClients());
    },
  });
  // Group commit at work (storage/group-sync.ts): commits per batch and per fsync say how much
  // one fsync buys; a lost batch or a failed fsync is what an alert should wake someone for.
  const storage: [name: string, help: string, value: () => number][] = [
    ['qms_storage_commits_total', 'Commands committed (each in its own savepoint of a batch).', () => opts.storage.stats.commits],
    ['qms_storage_batches_total', 'Batch transactions: the commands of one turn of the event loop.', () => opts.storage.stats.batches],
    ['qms_storage_fsyncs_total', 'fsyncs of the WAL, each covering every commit made before it started.', () => opts.storage.syncs],
    ['qms_storage_batches_lost_total', 'Batches the disk could not take: refused whole, halls reloaded.', () => opts.storage.stats.lost],
    ['qms_storage_fsync_failures_total', 'fsyncs the disk refused (the server stops after one).', () => opts.storage.stats.syncFailures],
    ['qms_storage_fsyncs_deferred_total', 'fsyncs put off for want of file descriptors (too many connections), retried by themselves.', () => opts.storage.stats.syncsDeferred],
  ];
  for (const [name, help, value] of storage) {
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(value());
      },
    });
  }
  const proc = processMetrics();

  return {
    request: (method, route, status, seconds) => http.observe({ method, route, status: String(status) }, seconds),
    scrape: async () => `${await registry.metrics()}\n${await proc.metrics()}`,
    contentType: registry.contentType,
    stop: stopQueue,
  };
}

/** Open when no token is configured (counts only, no personal data); otherwise a bearer token. */
export function metricsEndpoint(metrics: AppMetrics, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Compare digests in constant time: equal lengths, and no timing hint about the token.
    if (expected && !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ error: { code: ErrorCode.Unauthorized, message: 'GET /metrics needs "Authorization: Bearer <QMS_METRICS_TOKEN>".' } });
      return;
    }
    metrics.scrape().then((text) => {
      res.setHeader('Content-Type', metrics.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    }, next);
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
