/**
 * One log line and one metric sample per HTTP request. What is logged is chosen, not filtered:
 * method, route pattern, status, duration, and who in the coarsest useful terms (a staff role,
 * or a device's kind and id: devices are equipment, staff logins are personal data). Never the
 * raw path or query (ticket ids and `?token=` links are capabilities), headers, bodies, client
 * addresses or user agents. pino-http would log the request and its headers by default; this
 * is the whole of what we need without having to redact.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { AppMetrics } from './metrics.js';

/** Polled by monitors every few seconds: logged at debug so they do not drown the rest. */
const QUIET = new Set(['/metrics', '/api/health']);

export function observeRequests(log: Logger, routeOf: (path: string) => string, metrics: AppMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Computed now: routers rewrite req.url while they run.
    const route = routeOf(req.originalUrl.split('?', 1)[0] ?? '/');
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // 499 (nginx's convention): the client went away before the answer was complete.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.request(req.method, route, status, seconds);
      const level = status >= 500 ? 'error' : status === 429 ? 'warn' : QUIET.has(route) ? 'debug' : 'info';
      log[level]({ method: req.method, route, status, ms: Math.round(seconds * 10_000) / 10, ...who(res.locals.principal as Principal | null | undefined) }, 'request');
    });
    next();
  };
}

function who(p: Principal | null | undefined): Record<string, string> {
  if (!p) return { who: 'anonymous' };
  return p.kind === 'staff' ? { who: 'staff', role: p.role } : { who: 'device', deviceKind: p.deviceKind, device: p.deviceId };
}
