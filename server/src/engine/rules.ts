/** The call-next rules of docs/SPEC.md (T1, G1, P1–P4, S1, F1). Pure. */
import { MINUTE, placeOf, type CounterService, type Lane, type Policy, type Ticket } from '@qms/shared';
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

export interface Pick {
  ticket: Ticket;
  rule: 'T1' | 'G1' | 'P2' | 'P1' | 'S1';
}

/**
 * All that the call-next rules read of one queue: its first ticket by place (F1, for T1 and G1)
 * and its first by rank (P1/P3) outside the priority lane and in it. The rest of a queue cannot be
 * called next, so pickFrom is the same over any source of these: the live queues (pickNext) or
 * the forecast's replay of them (forecast.ts).
 */
export interface Heads {
  first: Ticket | undefined;
  topOther: Ticket | undefined;
  topPriority: Ticket | undefined;
}

/** The ticket of the two that `cmp` puts first. */
function earlier(a: Ticket | undefined, b: Ticket | undefined, cmp: (a: Ticket, b: Ticket, policy: Policy) => number, policy: Policy): Ticket | undefined {
  return !a ? b : !b ? a : cmp(b, a, policy) < 0 ? b : a;
}

/** A queue's heads, in one pass (see Heads). */
function headsOf(state: EngineState, key: string, policy: Policy, skip?: ReadonlySet<string>): Heads {
  const heads: Heads = { first: undefined, topOther: undefined, topPriority: undefined };
  for (const id of state.queues.get(key) ?? []) {
    const t = state.tickets.get(id);
    if (!t || skip?.has(id)) continue;
    heads.first = earlier(heads.first, t, compareFifo, policy);
    if (t.lane === 'priority') heads.topPriority = earlier(heads.topPriority, t, compareRank, policy);
    else heads.topOther = earlier(heads.topOther, t, compareRank, policy);
  }
  return heads;
}

/** The counter as the rules read it (the forecast hands its own, merged). */
export interface Caller {
  id: string;
  services: readonly CounterService[];
  priorityStreak: number;
}

/**
 * Which waiting ticket counter `counter` calls next at `now`, and by which rule. `skip`: tickets
 * out of the pool (remote visitors not yet here, V3: remote.ts passes over them).
 */
export function pickNext(state: EngineState, counter: Caller, now: number, skip?: ReadonlySet<string>): Pick | undefined {
  const policy = state.config.center.policy;
  const queues: Queues = {
    directed: (counterId) => headsOf(state, counterQueue(counterId), policy, skip).first,
    service: (serviceId) => headsOf(state, serviceQueue(serviceId), policy, skip),
  };
  return pickFrom(queues, counter, now, policy);
}

/** Where pickFrom reads the queues: the first ticket sent to a counter (T1), a service's heads. */
export interface Queues {
  directed(counterId: string): Ticket | undefined;
  service(serviceId: string): Heads;
}

/** pickNext over the queues' heads (see Heads): the rules themselves. */
export function pickFrom(queues: Queues, counter: Caller, now: number, policy: Policy): Pick | undefined {
  const t1 = queues.directed(counter.id);
  if (t1) return { ticket: t1, rule: 'T1' };

  // Over the counter's services: the oldest ticket (G1), the first by rank (S1), and the pool's
  // first by rank and first outside the priority lane (P4 + S1: priority-lane tickets of every
  // service compete with the primary services' queues).
  let oldest: Ticket | undefined;
  let any: Ticket | undefined;
  let top: Ticket | undefined;
  let topOther: Ticket | undefined;
  const { services } = counter;
  for (let i = 0; i < services.length; i++) {
    // A counter lists a service once (the configuration and set-services hold to that).
    const { serviceId, role } = services[i]!;
    const h = queues.service(serviceId);
    const first = earlier(h.topOther, h.topPriority, compareRank, policy);
    oldest = earlier(oldest, h.first, compareFifo, policy);
    any = earlier(any, first, compareRank, policy);
    if (role === 'primary') {
      top = earlier(top, first, compareRank, policy);
      topOther = earlier(topOther, h.topOther, compareRank, policy);
    } else top = earlier(top, h.topPriority, compareRank, policy);
  }

  if (oldest && now - placeOf(oldest) >= policy.maxWaitGuardMin * MINUTE) return { ticket: oldest, rule: 'G1' };
  if (!top) {
    if (!policy.secondaryWhenIdle) return undefined;
    return any && { ticket: any, rule: 'S1' };
  }
  if (counter.priorityStreak >= policy.priorityInterleave && topOther) return { ticket: topOther, rule: 'P2' };
  return { ticket: top, rule: 'P1' };
}
