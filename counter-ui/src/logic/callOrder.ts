/**
 * The order in which this counter will call its waiting tickets, by replaying the engine's
 * call-next rules (docs/SPEC.md T1, G1, P4, S1, P2, P1/P3, F1, with A2's place) pick by pick. The shared
 * `waitingFor` ranks by P1/P3 only, which would list a ticket sent to this counter (T1) or one
 * past the maximum-wait guard (G1) far from where it really is.
 */
import { placeOf, type CounterState, type Lane, type Policy, type Ticket } from '@qms/shared';

const MINUTE = 60_000;

type Rules = Pick<Policy, 'priorityHeadStartMin' | 'bookedHeadStartMin' | 'maxWaitGuardMin' | 'priorityInterleave'> & { secondaryWhenIdle?: boolean };

function headStart(lane: Lane, p: Rules): number {
  return (lane === 'priority' ? p.priorityHeadStartMin : lane === 'booked' ? p.bookedHeadStartMin : 0) * MINUTE;
}


const fifo = (a: Ticket, b: Ticket) => placeOf(a) - placeOf(b) || a.seqNo - b.seqNo || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ranked = (p: Rules) => (a: Ticket, b: Ticket) => placeOf(a) - headStart(a.lane, p) - (placeOf(b) - headStart(b.lane, p)) || fifo(a, b);

function best(list: Ticket[], cmp: (a: Ticket, b: Ticket) => number): Ticket | undefined {
  let top: Ticket | undefined;
  for (const t of list) if (!top || cmp(t, top) < 0) top = t;
  return top;
}

function pick(left: Ticket[], counter: Pick<CounterState, 'id' | 'services'>, p: Rules, now: number, streak: number): Ticket | undefined {
  const roles = new Map(counter.services.map((s) => [s.serviceId, s.role]));
  const directed = best(
    left.filter((t) => t.targetCounterId === counter.id),
    fifo,
  );
  if (directed) return directed;
  const candidates = left.filter((t) => t.targetCounterId === null && roles.has(t.serviceId));
  const oldest = best(candidates, fifo);
  if (oldest && now - placeOf(oldest) >= p.maxWaitGuardMin * MINUTE) return oldest;
  const pool = candidates.filter((t) => t.lane === 'priority' || roles.get(t.serviceId) === 'primary');
  if (pool.length === 0) return p.secondaryWhenIdle === false ? undefined : best(candidates, ranked(p));
  if (streak >= p.priorityInterleave) {
    const normal = best(
      pool.filter((t) => t.lane !== 'priority'),
      ranked(p),
    );
    if (normal) return normal;
  }
  return best(pool, ranked(p));
}

/** V3: a remote ticket whose visitor has not checked in yet is never called (its place is kept for when they do). */
export const isAway = (t: Pick<Ticket, 'remote'>): boolean => t.remote !== undefined && t.remote.arrivedAt === null;

/**
 * `waiting`: the tickets this counter could call. Ones it would never call (S1 with
 * `secondaryWhenIdle` off) come last, and after them remote tickets whose visitors are not here
 * yet (V3), in their place order: they are passed over until they check in.
 */
export function callOrder(waiting: Ticket[], counter: Pick<CounterState, 'id' | 'services' | 'priorityStreak'>, policy: Rules, now: number): Ticket[] {
  const away = waiting.filter(isAway).sort(fifo);
  const left = waiting.filter((t) => !isAway(t));
  const out: Ticket[] = [];
  let streak = counter.priorityStreak;
  while (left.length > 0) {
    const next = pick(left, counter, policy, now, streak);
    if (!next) break;
    out.push(next);
    left.splice(left.indexOf(next), 1);
    streak = next.lane === 'priority' ? streak + 1 : 0;
  }
  return [...out, ...left.sort(ranked(policy)), ...away];
}
