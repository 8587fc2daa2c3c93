import { ErrorCode } from '@qms/shared';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { serviceLoads } from '../engine/index.js';
import type { Deps } from './deps.js';
import { audienceOf, projectSnapshot, projectSync } from '../realtime/audience.js';
import { serviceAvailability } from './availability.js';

/** How many missed facts a client is sent before it is given a fresh snapshot instead. */
export const MAX_CATCH_UP = 500;

const sinceQuery = z.object({ since: z.coerce.number().int().min(0) });
const centerQuery = z.object({ center: z.string().max(64).optional() });

export function queueRoutes({ hub, clock, version }: Deps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/health',
      tag: 'system',
      summary: 'Liveness, version and the centers this server hosts',
      access: 'public',
      handler: () => ({ ok: true, version, centers: hub.ids().map((id) => ({ id, name: hub.get(id).config.center.name })) }),
    }),
    route({
      method: 'get',
      path: '/api/services',
      tag: 'queue',
      summary: "The center's services, priority categories, current expected waits and whether each service takes tickets now (kiosk catalogue)",
      access: 'public',
      handler: ({ principal, query }) => {
        const rt = hub.get(principal?.centerId ?? centerOf(query));
        const { center, services, priorityCategories, categories = [] } = rt.config;
        const { id, name, names, languages, defaultLanguage, targetWaitMin, timezone, publicUrl } = center;
        const now = clock();
        return { center: { id, name, names, languages, defaultLanguage, targetWaitMin, timezone, publicUrl }, services, priorityCategories, categories, loads: serviceLoads(rt.state, now), availability: serviceAvailability(rt.config, rt.state, now) };
      },
    }),
    route({
      method: 'get',
      path: '/api/queue',
      tag: 'queue',
      summary: "A snapshot of the hall at a sequence number: staff get counters, open tickets, ETAs and per-service loads; a display its projection (calls, counters, loads), a kiosk the catalogue and loads",
      access: 'device-or-staff',
      handler: ({ principal }) => (principal ? projectSnapshot(hub.get(principal.centerId).snapshot(), audienceOf(principal)) : null),
    }),
    route({
      method: 'get',
      path: '/api/stats/today',
      tag: 'queue',
      summary: "Today's figures per operator, counter and service (served, no-shows, transfers, average service time and wait, P90, share within target)",
      access: 'staff',
      handler: ({ principal }) => hub.get(principal?.centerId).todayStats(),
    }),
    route({
      method: 'get',
      path: '/api/events',
      tag: 'queue',
      summary: 'Facts after ?since=N, or a fresh snapshot when too many were missed',
      access: 'device-or-staff',
      handler: ({ principal, query }) => {
        const parsed = sinceQuery.safeParse(query);
        if (!parsed.success) throw new AppError(ErrorCode.BadRequest, 'query.since: expected a sequence number (an integer ≥ 0)');
        return principal ? projectSync(catchUp(hub.get(principal.centerId), parsed.data.since), audienceOf(principal)) : null;
      },
    }),
  ];
}

/** `?center=` picks the catalogue for a visitor's phone; a token's own center wins over it. */
function centerOf(query: Record<string, unknown>): string | undefined {
  const parsed = centerQuery.safeParse(query);
  if (!parsed.success) throw new AppError(ErrorCode.BadRequest, 'query.center: expected one center id (at most 64 characters)');
  return parsed.data.center;
}

export function catchUp(rt: ReturnType<Deps['hub']['get']>, since: number) {
  const seq = rt.seq;
  if (since > seq) return { kind: 'snapshot' as const, snapshot: rt.snapshot() };
  const facts = rt.factsSince(since, MAX_CATCH_UP + 1);
  // Facts do not carry configuration: a client that missed a change of it needs a snapshot.
  if (facts.length > MAX_CATCH_UP || facts.some((f) => f.type === 'config:changed')) return { kind: 'snapshot' as const, snapshot: rt.snapshot() };
  return { kind: 'facts' as const, facts };
}
