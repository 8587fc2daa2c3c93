/** Positions, expected waits and per-service loads (docs/SPEC.md W1–W3). Pure. */
import { MINUTE, type ServiceLoad, type Ticket, type TicketEta } from '@qms/shared';
import { compareFifo, compareRank } from './rules.js';
import type { EngineState } from './types.js';

const LEARN_AFTER = 5;
const LEARN_WINDOW = 20;

/** W2: the capacity share each open counter gives each service it serves. */
export function serviceCapacity(state: EngineState): Map<string, { capacity: number; free: boolean; open: number }> {
  const out = new Map<string, { capacity: number; free: boolean; open: number }>();
  for (const c of state.counters.values()) {
    if (c.status !== 'open') continue;
    const weightSum = c.services.reduce((sum, s) => sum + (s.role === 'primary' ? 1 : 0.5), 0);
    for (const s of c.services) {
      const entry = out.get(s.serviceId) ?? { capacity: 0, free: false, open: 0 };
      entry.capacity += (s.role === 'primary' ? 1 : 0.5) / weightSum;
      entry.free ||= c.currentTicketId === null;
      entry.open += 1;
      out.set(s.serviceId, entry);
    }
  }
  return out;
}

/**
 * W2: minutes per visitor for every service, learned from today's completed services once there
 * are enough. One pass over the day's tickets: this runs after every committed command.
 */
export function meanServiceTimes(state: EngineState): Map<string, number> {
  const done = new Map<string, Ticket[]>();
  for (const t of state.tickets.values()) {
    if (t.status !== 'done' || t.startedAt === null || t.finishedAt === null) continue;
    const list = done.get(t.serviceId) ?? done.set(t.serviceId, []).get(t.serviceId)!;
    list.push(t);
  }
  const out = new Map<string, number>();
  for (const s of state.config.services) {
    const list = done.get(s.id) ?? [];
    if (list.length < LEARN_AFTER) {
      out.set(s.id, s.serviceTimeMin);
      continue;
    }
    list.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    const recent = list.slice(0, LEARN_WINDOW);
    out.set(s.id, recent.reduce((sum, t) => sum + ((t.finishedAt ?? 0) - (t.startedAt ?? 0)), 0) / recent.length / MINUTE);
  }
  return out;
}

/** W2 for one service (see meanServiceTimes). */
export function meanServiceMin(state: EngineState, serviceId: string): number {
  return meanServiceTimes(state).get(serviceId) ?? state.services.get(serviceId)?.serviceTimeMin ?? 10;
}

function etaAt(position: number, cap: { capacity: number; free: boolean } | undefined, mean: number): number | null {
  if (!cap || cap.capacity <= 0) return null;
  const minutes = ((position - 1) / cap.capacity + (cap.free ? 0 : 0.5)) * mean;
  return Math.round(minutes * 10) / 10;
}

/** Queues per service (and per directed counter) in call order. */
function queues(state: EngineState): Map<string, Ticket[]> {
  const policy = state.config.center.policy;
  const byQueue = new Map<string, Ticket[]>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t) continue;
    const key = t.targetCounterId === null ? `s:${t.serviceId}` : `c:${t.targetCounterId}`;
    const list = byQueue.get(key) ?? [];
    list.push(t);
    byQueue.set(key, list);
  }
  for (const [key, list] of byQueue) list.sort(key.startsWith('c:') ? compareFifo : (a, b) => compareRank(a, b, policy));
  return byQueue;
}

/** W2 for tickets transferred to a counter (T1): that counter alone, if it is open. */
function directedCapacity(state: EngineState, counterId: string): { capacity: number; free: boolean } | undefined {
  const c = state.counters.get(counterId);
  return c?.status === 'open' ? { capacity: 1, free: c.currentTicketId === null } : undefined;
}

/** W1, W3 for every waiting ticket. */
export function computeEtas(state: EngineState): Record<string, TicketEta> {
  const caps = serviceCapacity(state);
  const means = meanServiceTimes(state);
  const mean = (sid: string) => means.get(sid) ?? 10;
  const out: Record<string, TicketEta> = {};
  for (const [key, list] of queues(state)) {
    list.forEach((t, i) => {
      const cap = key.startsWith('c:') ? directedCapacity(state, key.slice(2)) : caps.get(t.serviceId);
      out[t.id] = { position: i + 1, etaMin: etaAt(i + 1, cap, mean(t.serviceId)) };
    });
  }
  return out;
}

export function etaOf(state: EngineState, ticketId: string): TicketEta {
  return computeEtas(state)[ticketId] ?? { position: 0, etaMin: null };
}

export function serviceLoads(state: EngineState, now: number): ServiceLoad[] {
  const caps = serviceCapacity(state);
  const q = queues(state);
  const means = meanServiceTimes(state);
  return state.config.services.map((s) => {
    const list = q.get(`s:${s.id}`) ?? [];
    const oldest = list.reduce((min, t) => Math.min(min, t.queuedAt), now);
    const normalAhead = list.length; // a new normal-lane ticket goes behind everyone waiting now
    const mean = means.get(s.id) ?? s.serviceTimeMin;
    return {
      serviceId: s.id,
      waiting: list.length,
      waitingPriority: list.filter((t) => t.lane === 'priority').length,
      oldestWaitMin: Math.round(((now - oldest) / MINUTE) * 10) / 10,
      expectedWaitMin: etaAt(normalAhead + 1, caps.get(s.id), mean),
      // A priority ticket issued now ranks behind the priority tickets already waiting (P1/P3).
      expectedPriorityWaitMin: etaAt(list.filter((t) => t.lane === 'priority').length + 1, caps.get(s.id), mean),
      targetWaitMin: s.targetWaitMin ?? state.config.center.targetWaitMin,
      openCounters: caps.get(s.id)?.open ?? 0,
    };
  });
}
