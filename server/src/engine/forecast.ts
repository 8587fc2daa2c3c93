/**
 * W6: in `auto` balancing, the expected waits come from the hall replayed forward from now
 * (docs/SPEC.md W6). The engine's own call-next rules (pickFrom) call the waiting tickets at the
 * counters, each counter merged into everything its staff are trained for (as B1 merges it the
 * moment a visitor of those services is its next call), serving each visitor for the service's
 * learned mean time, while its staffing plan has it there (W5); nobody else comes in.
 *
 * Why not W2's shares: a merged hall calls oldest first across services, so a short queue waits
 * as long as the hall's oldest and a long one is emptied by counters not planned for it. Measured
 * on city-mfc's evening (every counter merged): shares promised passports 45–60 min that took
 * 30–42 and certificates 7–15 that took 20–42.
 *
 * Pure: the state is only read. The queues' orders are kept per queue version (they change by one
 * ticket at a time), so that a forecast costs the calls it replays, not the hall's size: the kiosk
 * asks at every ticket issued, and the rebalancer at every merge.
 */
import { MINUTE, type CounterService, type Lane, type Policy, type Ticket } from '@qms/shared';
import { compareFifo, compareRank, pickFrom, placeOf, type Caller, type Heads, type Queues } from './rules.js';
import { issuedTicket, queueOwner, serviceQueue } from './state.js';
import type { EngineState } from './types.js';

type Span = [from: number, to: number];
type Hours = readonly (readonly [from: number, to: number])[];

/** A newcomer of a service who would be issued now: where a new ticket would stand, taking no time when called. */
export interface Probe {
  key: string;
  serviceId: string;
  lane: Lane;
}

export interface ForecastInput {
  /** When each counter serves from now on (W5); none: not today. */
  spansOf(counterId: string): Span[];
  /** W4: a service's open intervals today (its own hours or the center's); none: nothing holds it. */
  hoursOf(serviceId: string): Hours;
  /** Minutes per visitor, per service (W2's learned means). */
  means: ReadonlyMap<string, number>;
  /** Stop once this ticket is called. */
  stopAt?: string | undefined;
  probes?: readonly Probe[] | undefined;
}

/**
 * A counter still at work is free once its visitor has had the mean time, and not before a quarter
 * of it from now: one who has already taken longer than the mean is likely near the end. (Measured
 * on the reference days: a quarter beat none, a half and a whole mean.)
 */
const REST_OF_OVERDUE = 0.25;
/** Minutes per visitor of a service nothing is known of. */
const UNKNOWN_MEAN = 10;

/** One queue in the orders the rules read: by place (F1), and by rank outside the priority lane and in it (P1/P3). */
interface Orders {
  version: number;
  /** The rank reads the head starts: a new configuration orders anew. */
  policy: Policy;
  fifo: Ticket[];
  other: Ticket[];
  priority: Ticket[];
}

const ordersKept = new WeakMap<EngineState, Map<string, Orders>>();

function ordersOf(state: EngineState, key: string, policy: Policy): Orders {
  let kept = ordersKept.get(state);
  if (!kept) ordersKept.set(state, (kept = new Map()));
  const version = state.queueVersions.get(key) ?? 0;
  const known = kept.get(key);
  if (known && known.version === version && known.policy === policy) return known;
  const fifo: Ticket[] = [];
  for (const id of state.queues.get(key) ?? []) {
    const t = state.tickets.get(id);
    if (t) fifo.push(t);
  }
  const byRank = (a: Ticket, b: Ticket) => compareRank(a, b, policy);
  const orders: Orders = {
    version,
    policy,
    fifo: fifo.sort(compareFifo),
    other: fifo.filter((t) => t.lane !== 'priority').sort(byRank),
    priority: fifo.filter((t) => t.lane === 'priority').sort(byRank),
  };
  kept.set(key, orders);
  return orders;
}

/**
 * One queue's heads as the replay goes: how far it has called into each order, and the probes
 * standing in it. Kept until a ticket of this queue is called (refresh): a step calls one ticket,
 * and the next step's rules read every queue of a merged counter again.
 */
class Cursor implements Heads {
  private heads: [Ticket | undefined, Ticket | undefined, Ticket | undefined] | undefined;
  private readonly at = [0, 0, 0];
  private readonly probes: Ticket[] = [];

  constructor(
    private readonly orders: Orders,
    private readonly called: ReadonlyMap<string, number>,
    private readonly policy: Policy,
    /** W4: its service's open intervals today; none for a counter's queue. */
    readonly hours: Hours = [],
  ) {}

  add(probe: Ticket): void {
    this.probes.push(probe);
  }

  /** A ticket of this queue was called: the heads move on when next read. */
  refresh(): void {
    this.heads = undefined;
  }

  get first(): Ticket | undefined {
    return (this.heads ??= this.read())[0];
  }

  get topOther(): Ticket | undefined {
    return (this.heads ??= this.read())[1];
  }

  get topPriority(): Ticket | undefined {
    return (this.heads ??= this.read())[2];
  }

  private read(): [Ticket | undefined, Ticket | undefined, Ticket | undefined] {
    return [this.head(0, this.orders.fifo, compareFifo, undefined), this.head(1, this.orders.other, compareRank, false), this.head(2, this.orders.priority, compareRank, true)];
  }

  /** The first ticket of `list` not yet called (its pointer moved on), or a probe before it. */
  private head(i: number, list: Ticket[], cmp: (a: Ticket, b: Ticket, policy: Policy) => number, inPriority: boolean | undefined): Ticket | undefined {
    let k = this.at[i]!;
    while (k < list.length && this.called.has(list[k]!.id)) k++;
    this.at[i] = k;
    let top = list[k];
    for (const p of this.probes) {
      if (this.called.has(p.id) || (inPriority !== undefined && (p.lane === 'priority') !== inPriority)) continue;
      if (!top || cmp(p, top, this.policy) < 0) top = p;
    }
    return top;
  }
}

interface Run {
  caller: Caller;
  spans: Span[];
  freeAt: number;
  /** When it next calls: free, within its hours; Infinity: not today any more. */
  from: number;
}

/** When `r` can next call, its spans that ended before it is free dropped. */
function nextCallAt(r: Run): number {
  while (r.spans.length > 0 && r.spans[0]![1] <= r.freeAt) r.spans.shift();
  return r.spans.length > 0 ? Math.max(r.freeAt, r.spans[0]![0]) : Infinity;
}

/** G1: when the oldest ticket of `caller`'s services reaches the guard; Infinity: none waits. */
function guardAt(queues: Queues, caller: Caller, policy: Policy): number {
  let oldest = Infinity;
  for (const s of caller.services) {
    const first = queues.service(s.serviceId).first;
    if (first) oldest = Math.min(oldest, placeOf(first));
  }
  return oldest + policy.maxWaitGuardMin * MINUTE;
}

const NOBODY: Heads = { first: undefined, topOther: undefined, topPriority: undefined };

/** W4: from when a queue of a service open during `hours` may be called, asked at `at`. */
function openFrom(hours: Hours, at: number): number {
  if (hours.length === 0 || at >= hours[hours.length - 1]![1]) return at;
  for (const [from, to] of hours) {
    if (at < from) return from;
    if (at < to) return at;
  }
  return at;
}

/** The services a counter may call in the replay: its own, and what its staff are trained for (B1 merges it there). */
const trainedKept = new WeakMap<readonly CounterService[], { canServe: readonly string[] | undefined; services: CounterService[] }>();

function trainedFor(state: EngineState, services: readonly CounterService[], canServe: readonly string[] | undefined): CounterService[] {
  const known = trainedKept.get(services);
  if (known && known.canServe === canServe) return known.services;
  const out = [...services];
  const listed = new Set(services.map((s) => s.serviceId));
  for (const id of canServe ?? []) {
    if (!state.services.has(id) || listed.has(id)) continue;
    out.push({ serviceId: id, role: 'primary' });
    listed.add(id);
  }
  trainedKept.set(services, { canServe, services: out });
  return out;
}

/** Epoch ms at which each waiting ticket (and probe) is called; missing: never, as things stand. */
export function forecastCalls(state: EngineState, now: number, input: ForecastInput): Map<string, number> {
  const policy = state.config.center.policy;
  const called = new Map<string, number>();
  // A cursor per queue someone waits in, keyed by its service or counter, made up front (a merged
  // hall reads them all). A queue nobody waits in (most, in a large catalogue) is no entry.
  const byService = new Map<string, Cursor>();
  const byCounter = new Map<string, Cursor>();
  const cursorOf = (key: string, hours?: Hours): Cursor => new Cursor(ordersOf(state, key, policy), called, policy, hours);
  for (const [key, ids] of state.queues) {
    if (ids.size === 0) continue;
    const owner = queueOwner(key);
    if ('serviceId' in owner) byService.set(owner.serviceId, cursorOf(key, input.hoursOf(owner.serviceId)));
    else byCounter.set(owner.counterId, cursorOf(key));
  }
  // W4: a service's queue is not called before its opening or in a break between its intervals
  // (after its last closing it is served to the end). `clock` is the instant of the call being
  // replayed; `reopens`, the first opening of a held queue that has someone waiting.
  let clock = now;
  let reopens = Infinity;
  const queues: Queues = {
    directed: (counterId) => byCounter.get(counterId)?.first,
    service: (serviceId) => {
      const c = byService.get(serviceId);
      if (!c) return NOBODY;
      const opens = openFrom(c.hours, clock);
      if (opens === clock) return c;
      if (c.first) reopens = Math.min(reopens, opens);
      return NOBODY;
    },
  };
  const probes = new Set<string>();
  for (const p of input.probes ?? []) {
    let c = byService.get(p.serviceId);
    if (!c) byService.set(p.serviceId, (c = cursorOf(serviceQueue(p.serviceId), input.hoursOf(p.serviceId))));
    c.add(probeTicket(state, now, p));
    probes.add(p.key);
  }

  const runs: Run[] = [];
  for (const plan of state.config.counters) {
    const c = state.counters.get(plan.id);
    if (!c) continue;
    const spans = input.spansOf(c.id);
    if (spans.length === 0) continue;
    let freeAt = now;
    const held = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
    if (held) {
      const mean = (input.means.get(held.serviceId) ?? UNKNOWN_MEAN) * MINUTE;
      freeAt = Math.max((held.startedAt ?? held.calledAt ?? now) + mean, now + REST_OF_OVERDUE * mean);
    }
    const run: Run = { caller: { id: c.id, services: trainedFor(state, c.services, plan.canServe), priorityStreak: c.priorityStreak }, spans, freeAt, from: 0 };
    run.from = nextCallAt(run);
    runs.push(run);
  }

  let probesLeft = probes.size;
  while (runs.length > 0) {
    // The counter free first, within its hours.
    let next = -1;
    let at = Infinity;
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]!.from < at) {
        next = i;
        at = runs[i]!.from;
      }
    }
    if (next < 0) break;
    const run = runs[next]!;
    clock = at;
    reopens = Infinity;
    const pick = pickFrom(queues, run.caller, at, policy)?.ticket;
    if (!pick) {
      // Nobody it may call now. It may later: when a service it waits for opens (W4), or when the
      // oldest of its services' tickets reaches the guard (G1 calls a secondary service's visitor
      // that S1 leaves to idle counters). Else nobody comes: it is done.
      const later = Math.min(reopens, guardAt(queues, run.caller, policy));
      if (later < Infinity) {
        run.freeAt = later;
        run.from = nextCallAt(run);
      } else runs.splice(next, 1);
      continue;
    }
    // Every call moves a queue's heads on (refresh); a ticket picked twice would replay forever.
    if (called.has(pick.id)) throw new Error(`forecast: ticket ${pick.id} picked twice`);
    called.set(pick.id, at);
    (pick.targetCounterId === null ? byService.get(pick.serviceId) : byCounter.get(pick.targetCounterId))!.refresh();
    if (pick.id === input.stopAt) break;
    if (probes.has(pick.id)) {
      // A probe takes no time and leaves the counter as it was: the others' calls do not depend on
      // it, so one pass answers for every probe. Once all are called, nothing else is asked.
      if (--probesLeft === 0) break;
      continue;
    }
    run.caller.priorityStreak = pick.lane === 'priority' ? run.caller.priorityStreak + 1 : 0;
    run.freeAt = at + (input.means.get(pick.serviceId) ?? UNKNOWN_MEAN) * MINUTE;
    run.from = nextCallAt(run);
  }
  return called;
}

/** A newcomer of `p`'s service and lane, issued now, behind everyone (numbered last). */
function probeTicket(state: EngineState, now: number, p: Probe): Ticket {
  const { centerId, numberingDay: day } = state;
  return issuedTicket({ id: p.key, centerId, day, serviceId: p.serviceId, seqNo: Number.MAX_SAFE_INTEGER, number: '', lane: p.lane, categoryId: null, language: null, clientRef: null }, now);
}
