/**
 * The public live board (issue 12): GET /api/board/:centerId, for a phone outside the gate and a
 * government portal's server. No login and no personal data (shared/src/board.ts). Worked out at
 * most once a second per center and sent to everyone as the same text, so that a crowd of phones
 * costs a string write each; cacheable for a few seconds, readable from any origin (boardCors)
 * and rate-limited per address (app.ts).
 */
import { createHash } from 'node:crypto';
import { BOARD_CENTER_ID, ErrorCode, isOpenAt, nextOpening, openWindows, scheduleOf, type Board, type Schedule } from '@qms/shared';
import { remoteRefusal } from '../engine/remote.js';
import type { Request, RequestHandler, Response } from 'express';
import type { CenterRuntime } from '../center/runtime.js';
import { serviceLoads } from '../engine/index.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { serviceAvailability } from './availability.js';
import type { Deps } from './deps.js';

/** How long a worked-out board is sent as it is, ms. */
export const BOARD_FRESH_MS = 1000;
/** How long a browser or a portal's proxy may reuse an answer without asking again, s. */
export const BOARD_MAX_AGE_S = 5;

export function buildBoard(rt: CenterRuntime): Board {
  // First: it rolls the day over, so that the state read below is today's.
  const { now, called, meanWaitMin, withinTargetShare } = rt.todayWaits();
  const { state, config } = rt;
  const { center, services, categories = [] } = config;
  const loads = new Map(serviceLoads(state, now).map((l) => [l.serviceId, l]));
  const availability = new Map(serviceAvailability(config, state, now).map((a) => [a.serviceId, a]));
  const schedule = scheduleOf(center);
  const openNow = isOpenAt(schedule, now, center.timezone);
  const targets = new Set(services.map((s) => s.targetWaitMin ?? center.targetWaitMin));
  const used = new Set(services.map((s) => s.category));
  const board: Board = {
    center: {
      id: center.id,
      name: center.name,
      ...(center.names ? { names: center.names } : {}),
      languages: center.languages,
      defaultLanguage: center.defaultLanguage,
      timezone: center.timezone,
      targetWaitMin: center.targetWaitMin,
      openNow,
      closesAt: openNow ? closingAfter(schedule, now, center.timezone) : null,
      opensAt: openNow ? null : nextOpening(schedule, now, center.timezone),
    },
    generatedAt: now,
    openCounters: [...state.counters.values()].filter((c) => c.status === 'open').length,
    waiting: 0,
    services: services.map((s) => {
      const load = loads.get(s.id);
      const a = availability.get(s.id);
      return {
        id: s.id,
        names: s.names,
        category: s.category ?? null,
        waiting: load?.waiting ?? 0,
        expectedWaitMin: load?.expectedWaitMin ?? null,
        targetWaitMin: s.targetWaitMin ?? center.targetWaitMin,
        openCounters: load?.openCounters ?? 0,
        servedNow: a?.servedNow ?? false,
        opensAt: a?.opensAt ?? null,
        joinableNow: s.remote?.enabled === true && remoteRefusal(state, s, now) === null,
      };
    }),
    categories: categories.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, names: c.names })),
    today: { called, withinTargetShare, meanWaitMin, targetWaitMin: targets.size === 1 ? [...targets][0]! : null },
  };
  board.waiting = board.services.reduce((n, s) => n + s.waiting, 0);
  return board;
}

/**
 * When the opening interval around `now` ends, following intervals that start as the last ends
 * (a day open until 24:00 and the next from 00:00); null when open around the clock all week.
 */
function closingAfter(schedule: Schedule, now: number, timeZone: string): number | null {
  let at = now;
  for (let step = 0; step < 8; step++) {
    const end = openWindows(schedule, at, timeZone).find(([from, to]) => from <= at && at < to)?.[1];
    if (end === undefined) return null;
    if (nextOpening(schedule, end - 1, timeZone) !== end) return end;
    at = end;
  }
  return null;
}

interface Sent {
  /** When it was worked out. */
  at: number;
  /** When its figures last differed from the board before (Last-Modified). */
  changedAt: number;
  text: string;
  etag: string;
}

/**
 * One board per center, worked out again once it is BOARD_FRESH_MS old. The ETag is the figures'
 * without `generatedAt`, so that a portal asking with If-None-Match hears 304 while nothing moved.
 */
export class BoardCache {
  private readonly sent = new Map<string, Sent>();

  constructor(private readonly clock: () => number) {}

  get(rt: CenterRuntime): Sent {
    const now = this.clock();
    const known = this.sent.get(rt.centerId);
    // A clock set back (tests, a corrected server clock) must not freeze the board.
    if (known && now - known.at < BOARD_FRESH_MS && now >= known.at) return known;
    const board = buildBoard(rt);
    const { generatedAt: _, ...figures } = board;
    const etag = `W/"${createHash('sha256').update(JSON.stringify(figures)).digest('base64url').slice(0, 22)}"`;
    const sent = { at: now, changedAt: known?.etag === etag ? known.changedAt : now, text: JSON.stringify(board), etag };
    this.sent.set(rt.centerId, sent);
    return sent;
  }
}

/**
 * RFC 9110 §13.1.2-3, as the origin answers it. Not Express's req.fresh: that is a cache's rule,
 * stale whenever the request says `Cache-Control: no-cache`, which fetch() adds to every request
 * carrying If-None-Match: a portal's script would never hear 304.
 */
function notModified(req: Request, sent: Sent): boolean {
  const tags = req.headers['if-none-match'];
  if (tags !== undefined) {
    const ours = sent.etag.replace(/^W\//, '');
    return tags.trim() === '*' || tags.split(',').some((t) => t.trim().replace(/^W\//, '') === ours);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(sent.changedAt / 1000) * 1000 <= since;
}

function send(req: Request, res: Response, sent: Sent): void {
  res.setHeader('Cache-Control', `public, max-age=${BOARD_MAX_AGE_S}`);
  res.setHeader('ETag', sent.etag);
  res.setHeader('Last-Modified', new Date(sent.changedAt).toUTCString());
  if (notModified(req, sent)) {
    res.status(304).end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(sent.text));
  res.end(sent.text);
}

export function boardRoutes({ hub, clock, settled }: Deps): RouteDef[] {
  const cache = new BoardCache(clock);
  const answer = async (rt: CenterRuntime, req: Request, res: Response) => {
    const sent = cache.get(rt);
    // As every answer of the API: nothing shown that a power cut could still take back.
    await settled();
    send(req, res, sent);
  };
  const summary =
    "public live board: open counters, people waiting and the expected wait per service, today's share called within the target wait. " +
    'No personal data; cacheable for 5 s (ETag); any origin may read it; rate-limited per address.';
  return [
    route({
      method: 'get',
      path: '/api/board/:centerId',
      tag: 'board',
      summary: `The center's ${summary}`,
      access: 'public',
      handler: async ({ params, req, res }) => {
        const id = params.centerId ?? '';
        if (!BOARD_CENTER_ID.test(id)) throw new AppError(ErrorCode.BadRequest, 'path.centerId: expected a center id: 1 to 64 letters, digits, "_", "-" or "."');
        if (!hub.ids().includes(id)) throw new AppError(ErrorCode.NotFound, `There is no center "${id}" on this server; GET /api/health lists the centers it hosts.`);
        await answer(hub.get(id), req, res);
      },
    }),
    route({
      method: 'get',
      path: '/api/board',
      tag: 'board',
      summary: `The only (or first) center's ${summary}`,
      access: 'public',
      handler: async ({ req, res }) => answer(hub.get(), req, res),
    }),
  ];
}

/**
 * Any origin may read the board (a portal's page), and only the board: the rest of the API stays
 * same-origin. helmet's Cross-Origin-Resource-Policy (same-origin) is lifted here for the same reason.
 */
export function boardCors(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, RateLimit, RateLimit-Policy, Retry-After');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.method !== 'OPTIONS') return next();
    // A preflight: a portal's script revalidating with If-None-Match asks first.
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}
