/**
 * Positions, expected waits and per-service loads (docs/SPEC.md W1–W6; W6, the forecast of `auto`
 * balancing, in forecast.ts). Pure: the one memo (learned service times) is kept only for a state
 * whose owner reports its changes.
 */
import { MINUTE, localTime, openWindows, scheduleOf, type Counter, type CounterState, type Service, type ServiceLoad, type Ticket, type TicketEta } from '@qms/shared';
import { forecastCalls, type ForecastInput, type Probe } from './forecast.js';
import { compareFifo, compareRank, placeOf, ticketsOf } from './rules.js';
import { queueKey, serviceQueue } from './state.js';
import type { EngineState } from './types.js';

/** W2: configured times until this many services of it are done today. */
const LEARN_AFTER = 5;
/**
 * W2: the mean of this many latest services. The mean of 20 missed by a sixth at a spread of 0.7,
 * and every wait forecast with it by as much: 50 took city-mfc's P90 error 7.2 → 6.8 min under
 * `adaptive` (12.5 → 11.4 under `static`), erlang-c's 2.4 → 2.0, the other days' unchanged; 100
 * gained a tenth more. It is still a busy service's last two or three hours, so a slower
 * afternoon shows within the hour.
 */
const LEARN_WINDOW = 50;

/** Time ahead in which a counter gives a service `share` of its time (W2, W5); `to` may be Infinity. */
interface Part {
  from: number;
  to: number;
  share: number;
}

/** What a service's visitors can count on from now on: the counters serving it, when (W2, W5). */
export interface Supply {
  /** Counters serving it open now. */
  open: number;
  /** One of them is free. */
  free: boolean;
  parts: Part[];
}

type Span = [from: number, to: number];

type Windows = ReturnType<typeof openWindows>;

interface Planned {
  /** Today's, whole: a window is still to come while its end is after now. */
  windows: Map<string, Windows>;
  /** The last end of them all (past windows end before any to come, so it is the last to come). */
  dayEnd: number;
}

/**
 * Today's plans, per state: they change with the local day or the configuration, not with the
 * instant (the kiosk's estimate at every issue and the rebalancer's quote ask for them).
 */
const lastPlanned = new WeakMap<EngineState, { config: EngineState['config']; day: string; planned: Planned }>();

/** W5: today's planned intervals for every counter with a plan, and when the last of them ends. */
function plannedToday(state: EngineState, now: number): Planned {
  const { day } = localTime(now, state.config.center.timezone);
  const kept = lastPlanned.get(state);
  if (kept && kept.day === day && kept.config === state.config) return kept.planned;
  const planned = planToday(state, now);
  lastPlanned.set(state, { config: state.config, day, planned });
  return planned;
}

function planToday(state: EngineState, now: number): Planned {
  const { center } = state.config;
  const windows = new Map<string, Windows>();
  let dayEnd = -Infinity;
  for (const plan of plansOf(state).values()) {
    if (!plan.hours) continue;
    // scheduleOf keeps the center's closed days (or its one empty list) as the same array, so that
    // openWindows finds today's windows in its cache instead of parsing the plan at every estimate.
    const today = openWindows(scheduleOf(center, { hours: plan.hours }), now, center.timezone);
    windows.set(plan.id, today);
    if (today.length > 0) dayEnd = Math.max(dayEnd, today[today.length - 1]![1]);
  }
  return { windows, dayEnd };
}

/**
 * W5: when a counter will be serving, from `now` on. With a plan: its planned intervals still to
 * come (from now if it is open or due now), so a break or the end of a shift takes it away and a
 * later shift brings it; the counters planned until the day's last end serve the queue to its end.
 * No plan, or nothing planned any more today: while it is open.
 */
function spansOf(c: CounterState, planned: Planned, now: number): Span[] {
  const spans: Span[] = [];
  for (const [from, to] of planned.windows.get(c.id) ?? []) if (to > now) spans.push([Math.max(from, now), to >= planned.dayEnd ? Infinity : to]);
  const open = c.status === 'open';
  if (spans.length === 0) return open ? [[now, Infinity]] : [];
  if (open) spans[0]![0] = now;
  return spans;
}

/**
 * W2, W5: per service, the share of each counter's time it gets and when: a counter's role
 * (primary 1, secondary ½) times 1 + the tickets waiting for it, so that a counter's time goes
 * where people wait. With `only`, that service's alone (the rebalancer quotes one at each move):
 * the counters that cannot give it time are passed over before their shares are summed.
 */
export function serviceSupply(state: EngineState, now: number, only?: string): Map<string, Supply> {
  const out = new Map<string, Supply>();
  // Counts only: no queue is sorted (this runs after every commit).
  const waiting = new Map<string, number>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t && t.targetCounterId === null) waiting.set(t.serviceId, (waiting.get(t.serviceId) ?? 0) + 1);
  }
  const plans = plansOf(state);
  const today = plannedToday(state, now);
  const auto = state.config.center.balancing.mode === 'auto';
  for (const c of state.counters.values()) {
    if (only !== undefined && !servesNow(c, only) && !(auto && (waiting.get(only) ?? 0) > 0 && (plans.get(c.id)?.canServe ?? []).includes(only))) continue;
    const spans = spansOf(c, today, now);
    if (spans.length === 0) continue;
    let weightSum = 0;
    for (const s of c.services) weightSum += weightOf(s, waiting);
    // In `auto`, the rebalancer merges a counter into the services its staff are trained for when
    // people wait there (B1): those count as secondary services, weighed by their waiting alone.
    const extras: string[] = [];
    let extraSum = 0;
    if (auto) {
      for (const id of plans.get(c.id)?.canServe ?? []) {
        if ((waiting.get(id) ?? 0) > 0 && !servesNow(c, id)) {
          extras.push(id);
          extraSum += extraWeightOf(id, waiting);
        }
      }
    }
    const total = weightSum + extraSum;
    for (const id of extras) {
      if (only !== undefined && id !== only) continue;
      let entry = out.get(id);
      if (!entry) out.set(id, (entry = { open: 0, free: false, parts: [] }));
      for (const [from, to] of spans) entry.parts.push({ from, to, share: extraWeightOf(id, waiting) / total });
    }
    for (const s of c.services) {
      if (only !== undefined && s.serviceId !== only) continue;
      let entry = out.get(s.serviceId);
      if (!entry) out.set(s.serviceId, (entry = { open: 0, free: false, parts: [] }));
      for (const [from, to] of spans) entry.parts.push({ from, to, share: weightOf(s, waiting) / total });
      if (c.status === 'open') {
        entry.open += 1;
        entry.free ||= c.currentTicketId === null;
      }
    }
  }
  return out;
}

// Module functions, not closures made per call: serviceSupply runs at every ticket issued (and
// tsx names every closure it creates).
/** W2: a service's weight in its counter's time: its role times 1 + the tickets waiting for it. */
const weightOf = (s: { serviceId: string; role: string }, waiting: Map<string, number>): number => (s.role === 'primary' ? 1 : 0.5) * (1 + (waiting.get(s.serviceId) ?? 0));
/** W2 in `auto`: a service the counter is trained for but not serving weighs ½ per ticket waiting. */
const extraWeightOf = (id: string, waiting: Map<string, number>): number => 0.5 * (waiting.get(id) ?? 0);

function servesNow(c: CounterState, serviceId: string): boolean {
  for (const s of c.services) if (s.serviceId === serviceId) return true;
  return false;
}

const planCache = new WeakMap<EngineState['config'], Map<string, Counter>>();
function plansOf(state: EngineState): Map<string, Counter> {
  let plans = planCache.get(state.config);
  if (!plans) planCache.set(state.config, (plans = new Map(state.config.counters.map((c) => [c.id, c]))));
  return plans;
}

/** What W2 learns from: today's completed services, per service. */
interface Learned {
  /** How many per service. */
  done: Map<string, number>;
  /** Per service, the LEARN_WINDOW latest, latest first. */
  recent: Map<string, Ticket[]>;
  means?: Map<string, number>;
}

/**
 * What was learned, for the states whose owner reports every ticket change before applying it
 * (the center runtime, see ticketChanging); null: learn afresh at the next read. Every command
 * reads the service times, and learning them walks the whole day's tickets.
 */
const learned = new WeakMap<EngineState, Learned | null>();

/** From now on, `state`'s owner calls ticketChanging before applying each ticket fact. */
export function rememberServiceTimes(state: EngineState): void {
  if (!learned.has(state)) learned.set(state, null);
}

/**
 * `after` is about to replace its ticket in `state`. A service just completed joins what was
 * learned; any other change to what W2 learns from (a finished ticket changing again, rare) has
 * it learned afresh.
 */
export function ticketChanging(state: EngineState, after: Ticket): void {
  const known = learned.get(state);
  if (!known) return;
  const before = state.tickets.get(after.id);
  if (before && counts(before)) return void learned.set(state, null);
  if (!counts(after)) return;
  const recent = known.recent.get(after.serviceId) ?? known.recent.set(after.serviceId, []).get(after.serviceId)!;
  keepMostRecent(recent, after);
  known.done.set(after.serviceId, (known.done.get(after.serviceId) ?? 0) + 1);
  // Only this service's mean moves (a large catalogue has a hundred others).
  const service = state.services.get(after.serviceId);
  if (known.means && service) known.means.set(service.id, meanOf(service, known));
  else delete known.means;
}

/** Whether W2 learns from this ticket. */
function counts(t: Ticket): boolean {
  return t.status === 'done' && t.startedAt !== null && t.finishedAt !== null;
}

/**
 * W2: minutes per visitor for every service, learned from today's completed services once there
 * are enough.
 */
export function meanServiceTimes(state: EngineState): Map<string, number> {
  return new Map(learnedMeans(state));
}

/** meanServiceTimes, the kept map itself: for reading here, at every estimate. */
function learnedMeans(state: EngineState): ReadonlyMap<string, number> {
  if (!learned.has(state)) return meansOf(state, learn(state));
  let known = learned.get(state);
  if (!known) learned.set(state, (known = learn(state)));
  return (known.means ??= meansOf(state, known));
}

function meansOf(state: EngineState, known: Learned): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of state.config.services) out.set(s.id, meanOf(s, known));
  return out;
}

function meanOf(s: Service, { done, recent }: Learned): number {
  return (done.get(s.id) ?? 0) < LEARN_AFTER ? s.serviceTimeMin : meanMinutes(recent.get(s.id) ?? []);
}

/** One pass over the day's tickets. */
function learn(state: EngineState): Learned {
  const recent = new Map<string, Ticket[]>();
  const done = new Map<string, number>();
  // Newest last, mostly: walking back, a ticket older than the window is dismissed at once.
  const tickets = [...state.tickets.values()];
  for (let i = tickets.length - 1; i >= 0; i--) {
    const t = tickets[i]!;
    if (!counts(t)) continue;
    done.set(t.serviceId, (done.get(t.serviceId) ?? 0) + 1);
    const list = recent.get(t.serviceId) ?? recent.set(t.serviceId, []).get(t.serviceId)!;
    keepMostRecent(list, t);
  }
  return { done, recent };
}

/**
 * Keep `list` the LEARN_WINDOW latest finished tickets, latest first, when fed the tickets from
 * the last to the first: the same window as a stable sort of all of them by finishedAt,
 * descending (a tie goes to the ticket that comes first, i.e. the one fed later).
 */
/**
 * Insert `t` into `list` (latest first, at most LEARN_WINDOW). Services finished in the same
 * millisecond are told apart by ticket id, so the window is the same whatever order the tickets
 * come in: a whole day at once (learn) or one completion at a time (ticketChanging).
 */
function keepMostRecent(list: Ticket[], t: Ticket): void {
  const at = t.finishedAt ?? 0;
  const later = (u: Ticket) => (u.finishedAt ?? 0) > at || ((u.finishedAt ?? 0) === at && u.id > t.id);
  let i = list.length;
  while (i > 0 && !later(list[i - 1]!)) i--;
  if (i >= LEARN_WINDOW) return;
  if (i === list.length) list.push(t);
  else list.splice(i, 0, t);
  if (list.length > LEARN_WINDOW) list.pop();
}

function meanMinutes(recent: Ticket[]): number {
  return recent.reduce((sum, t) => sum + ((t.finishedAt ?? 0) - (t.startedAt ?? 0)), 0) / recent.length / MINUTE;
}

/** W2 for one service (see meanServiceTimes). */
export function meanServiceMin(state: EngineState, serviceId: string): number {
  return learnedMeans(state).get(serviceId) ?? state.services.get(serviceId)?.serviceTimeMin ?? 10;
}

/** Minutes from now until the visitor at a position is called (W3–W5); null: no counter will serve it. */
type Eta = (position: number) => number | null;

/**
 * W3–W5: the k-th in line waits until the supply has served k − 1 visitors, plus half a service
 * when every open counter serving it is busy. Supply runs only in the service's open time (W4),
 * counter by counter as its plan says (W5).
 */
function etaFor(state: EngineState, service: Service | undefined, supply: Supply | undefined, mean: number, now: number): Eta {
  if (!supply || supply.parts.length === 0) return () => null;
  const { center } = state.config;
  const windows = openWindows(scheduleOf(center, service), now, center.timezone);
  const lastEnd = windows.length === 0 ? -Infinity : windows[windows.length - 1]![1];
  const points = new Set<number>([now]);
  for (const p of supply.parts) for (const t of [p.from, p.to]) if (t > now && t < Infinity) points.add(t);
  for (const w of windows) for (const t of w) if (t > now) points.add(t);
  const starts = [...points].sort((a, b) => a - b);
  // Visitors served per ms in each stretch between two changes.
  const segments = starts.map((from, i) => {
    const to = starts[i + 1] ?? Infinity;
    const running = windows.length === 0 || from >= lastEnd || windows.some(([a, b]) => a <= from && from < b);
    const share = running ? supply.parts.reduce((sum, p) => (p.from <= from && from < p.to ? sum + p.share : sum), 0) : 0;
    return { from, to, rate: share / (mean * MINUTE) };
  });
  const head = supply.open > 0 && !supply.free ? 0.5 : 0;
  return (position) => {
    let left = position - 1 + head;
    for (const { from, to, rate } of segments) {
      if (rate <= 0) continue;
      const span = (to - from) * rate;
      if (left <= span) return Math.round(((from + left / rate - now) / MINUTE) * 10) / 10;
      left -= span;
    }
    return null;
  };
}

/** Queues per service (and per directed counter) in call order. */
function queues(state: EngineState): Map<string, Ticket[]> {
  const policy = state.config.center.policy;
  const byQueue = new Map<string, Ticket[]>();
  for (const key of state.queues.keys()) {
    const list = ticketsOf(state, key);
    if (list.length > 0) byQueue.set(key, list.sort(key.startsWith('c:') ? compareFifo : (a, b) => compareRank(a, b, policy)));
  }
  return byQueue;
}

/** W2 for tickets transferred to a counter (T1): that counter alone, when it serves (W5). */
function directedSupply(state: EngineState, counterId: string, now: number): Supply | undefined {
  const c = state.counters.get(counterId);
  if (!c) return undefined;
  const parts = spansOf(c, plannedToday(state, now), now).map(([from, to]) => ({ from, to, share: 1 }));
  return { open: c.status === 'open' ? 1 : 0, free: c.status === 'open' && c.currentTicketId === null, parts };
}

/** W6: `auto` balancing forecasts by replaying the hall (forecast.ts); the other modes keep W2–W5. */
const forecasting = (state: EngineState): boolean => state.config.center.balancing.mode === 'auto';

/** What the replay reads (one object literal, whatever is asked: a spread copy makes every read slow). */
function forecastInput(state: EngineState, now: number, ask: { stopAt?: string; probes?: readonly Probe[] } = {}): ForecastInput {
  const today = plannedToday(state, now);
  const { center } = state.config;
  return {
    spansOf: (id) => spansOf(state.counters.get(id)!, today, now),
    hoursOf: (id) => openWindows(scheduleOf(center, state.services.get(id)), now, center.timezone),
    means: learnedMeans(state),
    stopAt: ask.stopAt,
    probes: ask.probes,
  };
}

/** Minutes from now to a forecast call, to a tenth; null: not called as things stand. */
const minutesUntil = (now: number, at: number | undefined): number | null => (at === undefined ? null : Math.round(((at - now) / MINUTE) * 10) / 10);

type NewcomerLane = 'normal' | 'priority';

/** The probe ticket standing for a newcomer of a service in a lane (forecast.ts Probe). */
const probeKey = (lane: NewcomerLane, serviceId: string): string => `probe:${lane}:${serviceId}`;

/** W6: a newcomer of each service, in each lane asked for, called in one replay of the hall; by probeKey. */
function newcomerWaits(state: EngineState, now: number, serviceIds: readonly string[], lanes: readonly NewcomerLane[]): Map<string, number | null> {
  const probes: Probe[] = serviceIds.flatMap((serviceId) => lanes.map((lane) => ({ key: probeKey(lane, serviceId), serviceId, lane })));
  const calls = forecastCalls(state, now, forecastInput(state, now, { probes }));
  return new Map(probes.map((p) => [p.key, minutesUntil(now, calls.get(p.key))]));
}

/** W1, W3–W5 (W6 in `auto`) for every waiting ticket at `now`. */
export function computeEtas(state: EngineState, now: number): Record<string, TicketEta> {
  if (forecasting(state)) {
    const calls = forecastCalls(state, now, forecastInput(state, now));
    const out: Record<string, TicketEta> = {};
    for (const list of queues(state).values()) list.forEach((t, i) => (out[t.id] = { position: i + 1, etaMin: minutesUntil(now, calls.get(t.id)) }));
    return out;
  }
  const supply = serviceSupply(state, now);
  const means = learnedMeans(state);
  const etas = new Map<string, Eta>();
  const etaOfQueue = (key: string, serviceId: string): Eta => {
    let eta = etas.get(`${key}|${serviceId}`);
    if (!eta) {
      const s = key.startsWith('c:') ? directedSupply(state, key.slice(2), now) : supply.get(serviceId);
      etas.set(`${key}|${serviceId}`, (eta = etaFor(state, state.services.get(serviceId), s, means.get(serviceId) ?? 10, now)));
    }
    return eta;
  };
  const out: Record<string, TicketEta> = {};
  for (const [key, list] of queues(state)) {
    // A counter's queue (T1) may hold several services: one estimate per service.
    list.forEach((t, i) => (out[t.id] = { position: i + 1, etaMin: etaOfQueue(key, t.serviceId)(i + 1) }));
  }
  return out;
}

/**
 * W1, W3–W5 for one ticket: computeEtas(state, now)[ticketId], without sorting every queue. Its
 * position is one plus the tickets of its queue that the queue order puts before it (a total order).
 */
export function etaOf(state: EngineState, ticketId: string, now: number): TicketEta {
  const t = state.waiting.has(ticketId) ? state.tickets.get(ticketId) : undefined;
  if (!t) return { position: 0, etaMin: null };
  const policy = state.config.center.policy;
  const directed = t.targetCounterId !== null;
  let ahead = 0;
  for (const id of state.queues.get(queueKey(t)) ?? []) {
    const u = state.tickets.get(id);
    if (!u || u === t) continue;
    if ((directed ? compareFifo(u, t) : compareRank(u, t, policy)) < 0) ahead += 1;
  }
  if (forecasting(state)) return { position: ahead + 1, etaMin: minutesUntil(now, forecastCalls(state, now, forecastInput(state, now, { stopAt: t.id })).get(t.id)) };
  const supply = directed ? directedSupply(state, t.targetCounterId!, now) : serviceSupply(state, now).get(t.serviceId);
  const eta = etaFor(state, state.services.get(t.serviceId), supply, learnedMeans(state).get(t.serviceId) ?? 10, now);
  return { position: ahead + 1, etaMin: eta(ahead + 1) };
}

/** Per service queue (directed tickets apart): how many wait, how many in the priority lane, since when. */
function serviceQueues(state: EngineState, now: number): Map<string, { waiting: number; priority: number; oldest: number }> {
  const out = new Map<string, { waiting: number; priority: number; oldest: number }>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || t.targetCounterId !== null) continue;
    let q = out.get(t.serviceId);
    if (!q) out.set(t.serviceId, (q = { waiting: 0, priority: 0, oldest: now }));
    q.waiting += 1;
    if (t.lane === 'priority') q.priority += 1;
    q.oldest = Math.min(q.oldest, placeOf(t));
  }
  return out;
}

/**
 * serviceLoads' expected wait for one service: a newcomer's, behind everyone waiting now. The
 * rebalancer quotes it when it moves a counter, and works out only that service's.
 */
export function expectedWaitOf(state: EngineState, serviceId: string, now: number): number | null {
  if (forecasting(state)) return newcomerWaits(state, now, [serviceId], ['normal']).get(probeKey('normal', serviceId)) ?? null;
  const s = state.services.get(serviceId);
  const mean = learnedMeans(state).get(serviceId) ?? s?.serviceTimeMin ?? 10;
  const eta = etaFor(state, s, serviceSupply(state, now, serviceId).get(serviceId), mean, now);
  return eta((state.queues.get(serviceQueue(serviceId))?.size ?? 0) + 1);
}

/** Per service: what a newcomer faces. Counts only, so no queue is sorted: this runs after every commit. */
export function serviceLoads(state: EngineState, now: number): ServiceLoad[] {
  const supply = serviceSupply(state, now);
  const q = serviceQueues(state, now);
  const means = learnedMeans(state);
  const replayed = forecasting(state) ? newcomerWaits(state, now, state.config.services.map((s) => s.id), ['normal', 'priority']) : undefined;
  return state.config.services.map((s) => {
    const { waiting, priority, oldest } = q.get(s.id) ?? { waiting: 0, priority: 0, oldest: now };
    // W6 in `auto`: a newcomer of each lane, replayed; else W3 at the newcomer's position.
    const formula = replayed ? undefined : etaFor(state, s, supply.get(s.id), means.get(s.id) ?? s.serviceTimeMin, now);
    const eta = (position: number, lane: NewcomerLane) => (formula ? formula(position) : (replayed!.get(probeKey(lane, s.id)) ?? null));
    return {
      serviceId: s.id,
      waiting,
      waitingPriority: priority,
      oldestWaitMin: Math.round(((now - oldest) / MINUTE) * 10) / 10,
      // A new normal-lane ticket goes behind everyone waiting now.
      expectedWaitMin: eta(waiting + 1, 'normal'),
      // A priority ticket issued now ranks behind the priority tickets already waiting (P1/P3).
      expectedPriorityWaitMin: eta(priority + 1, 'priority'),
      targetWaitMin: s.targetWaitMin ?? state.config.center.targetWaitMin,
      openCounters: supply.get(s.id)?.open ?? 0,
      servable: state.servable.has(s.id),
    };
  });
}
