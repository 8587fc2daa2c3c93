/**
 * The rebalancer (docs/SPEC.md B1–B4). A counter whose staff are trained for more than its plan
 * starts serving everything it is trained for as soon as a visitor has waited a little for one of
 * those services, and goes back to its plan once nobody has waited there for a while. Measured in
 * the simulator (docs/balancing.md), this keeps counters on their plan for a large part of the day
 * yet comes close to the waits of keeping them merged all day. Pure: state and `now` in, moves out;
 * the memory it needs (when a service last had someone waiting) is read from the day's tickets.
 */
import { MINUTE, type CounterService, type CounterState, type Ticket } from '@qms/shared';
import type { EngineState } from './types.js';

export interface BalanceParams {
  /** B1: a service is busy while one of its visitors has waited at least this long, minutes. */
  busyAfterMin: number;
  /** B3: a merged counter goes back to its plan after its extra services were this long not busy. */
  quietForMin: number;
}

export const DEFAULT_BALANCE: BalanceParams = { busyAfterMin: 1, quietForMin: 45 };

export interface Move {
  kind: 'merge' | 'release';
  counterId: string;
  /** The service that triggered a merge, or the first of those released. */
  serviceId: string;
  /** The counter's services after the move. */
  services: CounterService[];
  /** The longest current wait among the services concerned, minutes. */
  predictedWaitMin: number;
  targetMin: number;
  reason: string;
}

/**
 * B1: until when each service was busy (epoch ms): `now` if it is busy now. A ticket makes its
 * service busy from `busyAfter` after it took its place until it was called (or cancelled).
 */
export function busyUntil(state: EngineState, now: number, busyAfterMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of state.tickets.values()) {
    const end = endOfWait(t, now);
    if (end - t.queuedAt < busyAfterMs || t.targetCounterId !== null) continue;
    out.set(t.serviceId, Math.max(out.get(t.serviceId) ?? 0, end));
  }
  return out;
}

function endOfWait(t: Ticket, now: number): number {
  if (t.status === 'waiting') return now;
  return t.calledAt ?? t.finishedAt ?? t.queuedAt;
}

/** The oldest waiting (undirected) ticket per service. */
function oldestWaiting(state: EngineState): Map<string, Ticket> {
  const out = new Map<string, Ticket>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.targetCounterId !== null) continue;
    const o = out.get(t.serviceId);
    if (!o || t.queuedAt < o.queuedAt) out.set(t.serviceId, t);
  }
  return out;
}

const minutes = (ms: number) => Math.round(ms / MINUTE);

/** B2 and B3: the moves worth making now, at most one per counter. */
export function proposeMoves(
  state: EngineState,
  now: number,
  params: BalanceParams = DEFAULT_BALANCE,
  serviceName: (id: string) => string = (id) => id,
): Move[] {
  const busy = busyUntil(state, now, params.busyAfterMin * MINUTE);
  const oldest = oldestWaiting(state);
  const target = (id: string) => state.services.get(id)?.targetWaitMin ?? state.config.center.targetWaitMin;
  const moves: Move[] = [];
  for (const plan of state.config.counters) {
    const c: CounterState | undefined = state.counters.get(plan.id);
    if (!c || c.status !== 'open') continue;
    const planned = new Set(plan.services.map((s) => s.serviceId));
    const extras = (plan.canServe ?? []).filter((id) => !planned.has(id) && state.services.has(id));
    if (extras.length === 0) continue;
    const merged = c.services.some((s) => !planned.has(s.serviceId));
    const names = extras.map(serviceName).join(', ');
    if (!merged) {
      // B2: the extra service where someone has waited longest, if anyone has waited long enough.
      const hot = extras
        .filter((id) => busy.get(id) === now && oldest.has(id))
        .sort((a, b) => (oldest.get(a)?.queuedAt ?? 0) - (oldest.get(b)?.queuedAt ?? 0))[0];
      if (hot === undefined) continue;
      const t = oldest.get(hot) as Ticket;
      const waited = minutes(now - t.queuedAt);
      moves.push({
        kind: 'merge',
        counterId: c.id,
        serviceId: hot,
        services: [...plan.services.map((s) => ({ ...s })), ...extras.map((serviceId): CounterService => ({ serviceId, role: 'primary' }))],
        predictedWaitMin: waited,
        targetMin: target(hot),
        reason: `Counter ${c.number} also serves ${names}: ${t.number} has waited ${waited} min for ${serviceName(hot)} (target ${target(hot)} min)`,
      });
    } else if (extras.every((id) => now - (busy.get(id) ?? 0) >= params.quietForMin * MINUTE)) {
      // B3: nobody has waited at its extra services for the quiet period.
      moves.push({
        kind: 'release',
        counterId: c.id,
        serviceId: extras[0] ?? '',
        services: plan.services.map((s) => ({ ...s })),
        predictedWaitMin: 0,
        targetMin: target(extras[0] ?? ''),
        reason: `Counter ${c.number} back to its plan: nobody has waited at ${names} for ${params.quietForMin} min`,
      });
    }
  }
  return moves;
}
