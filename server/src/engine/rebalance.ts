/**
 * The rebalancer (docs/SPEC.md B1–B4). A counter is merged into everything its staff are trained
 * for exactly when that changes who it calls next: when, merged, the engine's own call-next rules
 * would pick a visitor of one of its extra services (someone there has waited longer than anyone in
 * its own queues, or is in the priority lane, or its own queues are empty). It goes back to its plan
 * once the merge has stopped being used, as often as a budget of switches allows. Measured in the
 * simulator (docs/balancing.md), this gives the waits of keeping every counter merged all day while
 * keeping counters on their plan for a good part of it.
 *
 * Pure: state, `now` and the day's switch counts in, moves out. Everything else it needs (when a
 * counter last called from its extra services) is read from the day's tickets.
 */
import { MINUTE, type BalanceReason, type Counter, type CounterService, type CounterState, type FactBody, type Ticket } from '@qms/shared';
import { expectedWaitOf } from './eta.js';
import { placeOf } from './rules.js';
import { counterQueue, serviceQueue } from './state.js';
import { passOver } from './remote.js';
import type { EngineState } from './types.js';

export interface BalanceParams {
  /** B2: a merged counter goes back to its plan once it has not used the merge for this long, minutes. */
  unusedForMin: number;
  /** B3: a counter changes its services at most this often per hour of the day so far (plus one). */
  switchesPerHour: number;
  /**
   * B1: look at free counters only (the counter's next call is imminent), or at every open counter.
   * `auto` looks at free counters on every change; `suggest` looks at all open ones once a minute, so
   * that a proposal stays standing long enough for a supervisor to read it.
   */
  freeCountersOnly: boolean;
}

export const DEFAULT_BALANCE: BalanceParams = { unusedForMin: 10, switchesPerHour: 1, freeCountersOnly: true };

/** What the rebalancer must know about the day beyond the engine's state. */
export interface BalanceDay {
  /** Epoch ms the day's budget of switches starts from: the center's opening today. */
  start: number;
  /** How many times this counter's services have changed today (by anyone). */
  switches(counterId: string): number;
  /** When they last changed (epoch ms); `start` if not today. */
  lastSwitch(counterId: string): number;
}

export interface Move {
  kind: 'merge' | 'release';
  counterId: string;
  /** The service whose visitor triggered a merge, or the first of those released. */
  serviceId: string;
  /** The counter's services after the move. */
  services: CounterService[];
  /** A merge: the expected wait of a visitor joining that service now, without this counter, minutes. */
  predictedWaitMin: number;
  targetMin: number;
  reason: string;
  why: BalanceReason;
}

/** Facts after which a free counter's next call may have changed: `auto` looks again after them (B1). */
export const LOOK_AFTER: ReadonlySet<FactBody['type']> = new Set<FactBody['type']>([
  'ticket:issued',
  'ticket:completed',
  'ticket:no-show',
  'ticket:transferred',
  'ticket:returned',
  'ticket:requeued',
  'ticket:reactivated',
  'counter:opened',
  'counter:resumed',
]);

const minutes = (ms: number) => Math.round(ms / MINUTE);

/** When a counter last called a visitor of a service outside its plan (epoch ms; 0: never), from the engine's index. */
function lastExtraCall(state: EngineState, counterId: string): number {
  let last = 0;
  for (const at of state.extraCalls.get(counterId)?.values() ?? []) last = Math.max(last, at);
  return last;
}

interface Training {
  planned: ReadonlySet<string>;
  /** What its staff may serve beyond the plan (canServe), services that exist. */
  extras: string[];
  /** The plan plus the extras, all primary: the counter merged (B1). Read only: moves copy it. */
  all: CounterService[];
}
/** Per counter plan of a configuration: worked out once, not after every change in the hall. */
const trainings = new WeakMap<Counter, Training>();

function trainingOf(state: EngineState, plan: Counter): Training {
  let t = trainings.get(plan);
  if (!t) {
    const planned = new Set(plan.services.map((s) => s.serviceId));
    const extras = (plan.canServe ?? []).filter((id) => !planned.has(id) && state.services.has(id));
    const all = [...plan.services.map((s) => ({ ...s })), ...extras.map((serviceId): CounterService => ({ serviceId, role: 'primary' }))];
    trainings.set(plan, (t = { planned, extras, all }));
  }
  return t;
}

/** A counter's next call as the rebalancer last worked it out, and what it was worked out from. */
interface NextCall {
  config: EngineState['config'];
  counter: CounterState;
  services: readonly CounterService[];
  keys: string[];
  versions: number[];
  /** The earliest place in line among the queues read: G1's guard may change the answer from then on. */
  oldestPlace: number;
  ticket: Ticket | undefined;
}
const nextCalls = new WeakMap<EngineState, Map<string, NextCall>>();

/** Whether none of the queues a kept answer read has changed since (a loop: this runs per counter per command). */
function unchanged(state: EngineState, kept: NextCall): boolean {
  for (let i = 0; i < kept.keys.length; i++) if ((state.queueVersions.get(kept.keys[i]!) ?? 0) !== kept.versions[i]) return false;
  return true;
}

/** Whether a next call is one only the merge brings: a visitor of a service beyond the plan, not sent to this counter. */
function wantsExtra(next: Ticket | undefined, planned: ReadonlySet<string>): next is Ticket {
  return next !== undefined && next.targetCounterId === null && !planned.has(next.serviceId);
}

/** Whether the counter serves anything beyond its plan now. */
function beyondPlan(c: CounterState, planned: ReadonlySet<string>): boolean {
  for (const s of c.services) if (!planned.has(s.serviceId)) return true;
  return false;
}

/** Per queue, the earliest place in line, kept with the queue's change count: counters sharing a queue work it out once. */
const oldest = new WeakMap<EngineState, Map<string, { version: number; place: number }>>();

function oldestIn(state: EngineState, key: string): number {
  let byKey = oldest.get(state);
  if (!byKey) oldest.set(state, (byKey = new Map()));
  const version = state.queueVersions.get(key) ?? 0;
  const kept = byKey.get(key);
  if (kept && kept.version === version) return kept.place;
  let place = Infinity;
  for (const id of state.queues.get(key) ?? []) {
    const t = state.tickets.get(id);
    if (t) place = Math.min(place, placeOf(t));
  }
  byKey.set(key, { version, place });
  return place;
}

/** The queues a counter serving `services` reads, per services list (a counter's lists are kept, not rebuilt). */
const queueKeys = new WeakMap<readonly CounterService[], { counterId: string; keys: string[] }>();

function queueKeysOf(counterId: string, services: readonly CounterService[]): string[] {
  const kept = queueKeys.get(services);
  if (kept && kept.counterId === counterId) return kept.keys;
  const keys = [counterQueue(counterId), ...services.map((s) => serviceQueue(s.serviceId))];
  queueKeys.set(services, { counterId, keys });
  return keys;
}

/**
 * Whom counter `c` would call next serving `services`, passing over away remote visitors (V3):
 * the engine's own passOver, kept per counter until the counter, one of the queues it read, or the
 * configuration changes, or a ticket in those queues reaches the wait guard (G1, the only rule that
 * looks at the clock). After a command most counters' queues are as they were, so the rebalancer's
 * work per command grows with the counters whose queues changed, not with the catalogue.
 */
function nextCallOf(state: EngineState, c: CounterState, services: readonly CounterService[], now: number): NextCall {
  let byCounter = nextCalls.get(state);
  if (!byCounter) nextCalls.set(state, (byCounter = new Map()));
  const kept = byCounter.get(c.id);
  const guard = state.config.center.policy.maxWaitGuardMin * MINUTE;
  if (
    kept &&
    kept.counter === c &&
    kept.services === services &&
    kept.config === state.config &&
    now - kept.oldestPlace < guard &&
    unchanged(state, kept)
  ) {
    return kept;
  }
  const keys = queueKeysOf(c.id, services);
  const ticket = passOver(state, services === c.services ? c : { ...c, services: [...services] }, now).pick?.ticket;
  let oldestPlace = Infinity;
  for (const k of keys) oldestPlace = Math.min(oldestPlace, oldestIn(state, k));
  const fresh: NextCall = { config: state.config, counter: c, services, keys, versions: keys.map((k) => state.queueVersions.get(k) ?? 0), oldestPlace, ticket };
  byCounter.set(c.id, fresh);
  return fresh;
}

// Module functions, not closures made per look: the look runs after every command, and a closure
// made there costs (tsx names each one it creates).
const idAsName = (id: string): string => id;
/** G1 may change a kept next call from its oldest ticket's guard on; once a ticket is past it, at any time. */
const holdsUntil = (kept: NextCall, now: number, guard: number): number => Math.max(now, kept.oldestPlace + guard);
const targetOf = (state: EngineState, serviceId: string): number => state.services.get(serviceId)?.targetWaitMin ?? state.config.center.targetWaitMin;

/** What a look found: the moves, and until when another look would find none if no fact came in between. */
export interface Look {
  moves: Move[];
  /**
   * Epoch ms before which the clock alone changes nothing: B2's unused time, B3's budget and G1's
   * guard are all further off (conservatively: a little early for B3's). A controller that looks
   * once a minute may skip its looks until then, as long as no fact came in since this look.
   */
  quietUntil: number;
}

/** B1–B4: the moves worth making now, at most one per counter. */
export function proposeMoves(
  state: EngineState,
  now: number,
  day: BalanceDay,
  params: BalanceParams = DEFAULT_BALANCE,
  serviceName: (id: string) => string = idAsName,
): Move[] {
  return lookAt(state, now, day, params, serviceName).moves;
}

/** proposeMoves, and until when the answer holds while nothing happens (Look). */
export function lookAt(state: EngineState, now: number, day: BalanceDay, params: BalanceParams = DEFAULT_BALANCE, serviceName: (id: string) => string = idAsName): Look {
  const moves: Move[] = [];
  let quietUntil = Infinity;
  const guard = state.config.center.policy.maxWaitGuardMin * MINUTE;
  for (const plan of state.config.counters) {
    const c: CounterState | undefined = state.counters.get(plan.id);
    if (!c || c.status !== 'open') continue;
    const { planned, extras, all } = trainingOf(state, plan);
    if (extras.length === 0) continue;
    const merged = beyondPlan(c, planned);
    if (merged) {
      // B2: release once the merge has gone unused; B3: only with switches to spare for merging
      // again. Both read the clock alone, so they are asked first: a merged counter's next call,
      // which changes with each of its many queues, is worked out only when it may be released.
      const switches = day.switches(c.id);
      const budget = params.switchesPerHour * ((now - day.start) / (60 * MINUTE)) + 1;
      if (switches + 2 > budget) {
        // The budget reaches switches + 2 then; a minute early against rounding.
        const at = params.switchesPerHour > 0 ? day.start + ((switches + 1) * 60 * MINUTE) / params.switchesPerHour - MINUTE : Infinity;
        quietUntil = Math.min(quietUntil, at);
        continue;
      }
      const unused = params.unusedForMin * MINUTE;
      // Unused since the last switch or the last call beyond the plan; the switch, known at once,
      // is asked first, and the counter's calls only once that one is far enough back.
      const switched = day.lastSwitch(c.id);
      const since = now - switched < unused ? switched : Math.max(lastExtraCall(state, c.id), switched);
      if (now - since < unused) {
        quietUntil = Math.min(quietUntil, since + unused);
        continue;
      }
      const kept = nextCallOf(state, c, c.services, now);
      if (wantsExtra(kept.ticket, planned)) {
        quietUntil = Math.min(quietUntil, holdsUntil(kept, now, guard));
        continue;
      }
      moves.push({
        kind: 'release',
        counterId: c.id,
        serviceId: extras[0] ?? '',
        services: plan.services.map((s) => ({ ...s })),
        predictedWaitMin: Math.round(expectedWaitOf(state, extras[0] ?? '', now) ?? 0),
        targetMin: targetOf(state, extras[0] ?? ''),
        reason: `Counter ${c.number} back to its plan: it has not needed ${extras.map(serviceName).join(', ')} for ${minutes(now - since)} min`,
        why: { id: 'release', counter: c.number, services: [...extras], unusedMin: minutes(now - since) },
      });
      continue;
    }
    // B1 in `auto` looks at free counters only: a busy one is left before its next call is worked out.
    if (params.freeCountersOnly && c.currentTicketId !== null) continue;
    // Whom the counter would call next if it served everything it is trained for (a remote
    // visitor not yet in the hall is no reason to merge, V3).
    const kept = nextCallOf(state, c, all, now);
    const next = kept.ticket;
    // B1: merge when it changes the counter's next call.
    if (!wantsExtra(next, planned)) {
      quietUntil = Math.min(quietUntil, holdsUntil(kept, now, guard));
      continue;
    }
    const sid = next.serviceId;
    const target = targetOf(state, sid);
    // The figure the Hall view shows for that service now (serviceLoads: W3, W6 in `auto`), for it alone.
    const expected = Math.round(expectedWaitOf(state, sid, now) ?? 0);
    const waited = minutes(now - placeOf(next));
    const lane = next.lane === 'priority' ? ' in the priority lane' : '';
    moves.push({
      kind: 'merge',
      counterId: c.id,
      serviceId: sid,
      services: all.map((x) => ({ ...x })),
      predictedWaitMin: expected,
      targetMin: target,
      reason: `Counter ${c.number} also serves ${extras.map(serviceName).join(', ')}: ${next.number}${lane} has waited ${waited} min for ${serviceName(sid)} and is next here; expected wait there ${expected} min (target ${target} min)`,
      why: { id: 'merge', counter: c.number, services: [...extras], ticket: next.number, priority: next.lane === 'priority', serviceId: sid, waitedMin: waited, expectedMin: expected, targetMin: target },
    });
  }
  return { moves, quietUntil };
}

/**
 * B3's input: each counter's service changes of one day, counted from the facts as they come. The
 * simulator and the live balancer feed it the same facts.
 */
export class SwitchLog implements BalanceDay {
  private readonly counts = new Map<string, number>();
  private readonly last = new Map<string, number>();

  constructor(public start: number) {}

  /** A new day: the counts restart, and the budget counts from `start`. */
  reset(start: number): void {
    this.start = start;
    this.counts.clear();
    this.last.clear();
  }

  record(fact: FactBody, at: number): void {
    if (fact.type !== 'counter:services-changed') return;
    this.counts.set(fact.counter.id, this.switches(fact.counter.id) + 1);
    this.last.set(fact.counter.id, at);
  }

  switches(counterId: string): number {
    return this.counts.get(counterId) ?? 0;
  }

  lastSwitch(counterId: string): number {
    return this.last.get(counterId) ?? this.start;
  }
}
