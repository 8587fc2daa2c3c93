/** The call-next rules of docs/SPEC.md (T1, G1, P1–P4, S1, F1). Pure. */
import { MINUTE, placeOf, type CounterState, type Lane, type Policy, type Ticket } from '@qms/shared';
import { counterQueue, serviceQueue } from './state.js';
import type { EngineState } from './types.js';

export function headStartMs(lane: Lane, policy: Policy): number {
  switch (lane) {
    case 'priority':
      return policy.priorityHeadStartMin * MINUTE;
    case 'booked':
      return policy.bookedHeadStartMin * MINUTE;
    case 'normal':
      return 0;
  }
}

export { placeOf };

/** P1/P3 then F1: lower is called first. */
export function compareRank(a: Ticket, b: Ticket, policy: Policy): number {
  return placeOf(a) - headStartMs(a.lane, policy) - (placeOf(b) - headStartMs(b.lane, policy)) || compareFifo(a, b);
}

/** F1: earlier place in line (A2), then lower number, then id (a total order, for determinism). */
export function compareFifo(a: Ticket, b: Ticket): number {
  return placeOf(a) - placeOf(b) || a.seqNo - b.seqNo || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The waiting tickets of one queue (in no particular order: every rule picks by a total order), but for `skip`. */
export function ticketsOf(state: EngineState, key: string, skip?: ReadonlySet<string>): Ticket[] {
  const out: Ticket[] = [];
  for (const id of state.queues.get(key) ?? []) {
    const t = state.tickets.get(id);
    if (t && !skip?.has(id)) out.push(t);
  }
  return out;
}

function best(tickets: Ticket[], cmp: (a: Ticket, b: Ticket) => number): Ticket | undefined {
  let top: Ticket | undefined;
  for (const t of tickets) if (!top || cmp(t, top) < 0) top = t;
  return top;
}

export interface Pick {
  ticket: Ticket;
  rule: 'T1' | 'G1' | 'P2' | 'P1' | 'S1';
}

/**
 * Which waiting ticket counter `counter` calls next at `now`, and by which rule. `skip`: tickets
 * out of the pool (remote visitors not yet here, V3: remote.ts passes over them).
 */
export function pickNext(state: EngineState, counter: CounterState, now: number, skip?: ReadonlySet<string>): Pick | undefined {
  const policy = state.config.center.policy;
  const roles = new Map(counter.services.map((s) => [s.serviceId, s.role]));
  const directed = ticketsOf(state, counterQueue(counter.id), skip);
  const candidates = [...roles.keys()].flatMap((serviceId) => ticketsOf(state, serviceQueue(serviceId), skip));

  const t1 = best(directed, compareFifo);
  if (t1) return { ticket: t1, rule: 'T1' };

  const oldest = best(candidates, compareFifo);
  if (oldest && now - placeOf(oldest) >= policy.maxWaitGuardMin * MINUTE) return { ticket: oldest, rule: 'G1' };

  // P4 + S1: priority-lane tickets of every service compete with the primary services' queues.
  const pool = candidates.filter((t) => t.lane === 'priority' || roles.get(t.serviceId) === 'primary');
  if (pool.length === 0) {
    if (!policy.secondaryWhenIdle) return undefined;
    const secondary = best(candidates, (a, b) => compareRank(a, b, policy));
    return secondary && { ticket: secondary, rule: 'S1' };
  }
  if (counter.priorityStreak >= policy.priorityInterleave) {
    const normal = best(
      pool.filter((t) => t.lane !== 'priority'),
      (a, b) => compareRank(a, b, policy),
    );
    if (normal) return { ticket: normal, rule: 'P2' };
  }
  const top = best(pool, (a, b) => compareRank(a, b, policy));
  return top && { ticket: top, rule: 'P1' };
}
