/**
 * Positions, expected waits and per-service loads (docs/SPEC.md W1–W4). Pure: the one memo
 * (learned service times) is kept only for a state whose owner reports its changes.
 */
import { MINUTE, afterOpenTime, openWindows, scheduleOf, type ServiceLoad, type Ticket, type TicketEta } from '@qms/shared';
import { compareFifo, compareRank, ticketsOf } from './rules.js';
import { queueKey } from './state.js';
import type { EngineState } from './types.js';

const LEARN_AFTER = 5;
const LEARN_WINDOW = 20;

/**
 * W2: the capacity share each open counter gives each service it serves: its role (primary 1,
 * secondary ½) times 1 + the tickets waiting for it, so that a counter's time goes where people wait.
 */
export function serviceCapacity(state: EngineState): Map<string, { capacity: number; free: boolean; open: number }> {
  const out = new Map<string, { capacity: number; free: boolean; open: number }>();
  // Counts only: no queue is sorted (this runs after every commit).
  const waiting = new Map<string, number>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t && t.targetCounterId === null) waiting.set(t.serviceId, (waiting.get(t.serviceId) ?? 0) + 1);
  }
  for (const c of state.counters.values()) {
    if (c.status !== 'open') continue;
    const weight = (s: { serviceId: string; role: string }) => (s.role === 'primary' ? 1 : 0.5) * (1 + (waiting.get(s.serviceId) ?? 0));
    const weightSum = c.services.reduce((sum, s) => sum + weight(s), 0);
    for (const s of c.services) {
      const entry = out.get(s.serviceId) ?? { capacity: 0, free: false, open: 0 };
      entry.capacity += weight(s) / weightSum;
      entry.free ||= c.currentTicketId === null;
      entry.open += 1;
      out.set(s.serviceId, entry);
    }
  }
  return out;
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
  delete known.means;
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
  if (!learned.has(state)) return meansOf(state, learn(state));
  let known = learned.get(state);
  if (!known) learned.set(state, (known = learn(state)));
  known.means ??= meansOf(state, known);
  return new Map(known.means);
}

function meansOf(state: EngineState, { done, recent }: Learned): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of state.config.services) {
    out.set(s.id, (done.get(s.id) ?? 0) < LEARN_AFTER ? s.serviceTimeMin : meanMinutes(recent.get(s.id) ?? []));
  }
  return out;
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
  return meanServiceTimes(state).get(serviceId) ?? state.services.get(serviceId)?.serviceTimeMin ?? 10;
}

/** Minutes from now until a given number of minutes of the service's open time have passed (W4). */
type Hours = (minutes: number) => number;

function etaAt(position: number, cap: { capacity: number; free: boolean } | undefined, mean: number, hours: Hours): number | null {
  if (!cap || cap.capacity <= 0) return null;
  const minutes = ((position - 1) / cap.capacity + (cap.free ? 0 : 0.5)) * mean;
  return Math.round(hours(minutes) * 10) / 10;
}

/** W4: the service's hours hold the wait: none of it passes before today's opening or in a break. */
function hoursOf(state: EngineState, serviceId: string, now: number): Hours {
  const { center } = state.config;
  const windows = openWindows(scheduleOf(center, state.services.get(serviceId)), now, center.timezone);
  // No hours today (or a closed day): the wait runs on the clock, as after the last closing.
  if (windows.length === 0) return (minutes) => minutes;
  return (minutes) => (afterOpenTime(windows, now, minutes) - now) / MINUTE;
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

/** W2 for tickets transferred to a counter (T1): that counter alone, if it is open. */
function directedCapacity(state: EngineState, counterId: string): { capacity: number; free: boolean } | undefined {
  const c = state.counters.get(counterId);
  return c?.status === 'open' ? { capacity: 1, free: c.currentTicketId === null } : undefined;
}

/** W1, W3, W4 for every waiting ticket at `now`. */
export function computeEtas(state: EngineState, now: number): Record<string, TicketEta> {
  const caps = serviceCapacity(state);
  const means = meanServiceTimes(state);
  const mean = (sid: string) => means.get(sid) ?? 10;
  const hours = new Map<string, Hours>();
  const hoursFor = (sid: string) => hours.get(sid) ?? hours.set(sid, hoursOf(state, sid, now)).get(sid)!;
  const out: Record<string, TicketEta> = {};
  for (const [key, list] of queues(state)) {
    list.forEach((t, i) => {
      const cap = key.startsWith('c:') ? directedCapacity(state, key.slice(2)) : caps.get(t.serviceId);
      out[t.id] = { position: i + 1, etaMin: etaAt(i + 1, cap, mean(t.serviceId), hoursFor(t.serviceId)) };
    });
  }
  return out;
}

/**
 * W1, W3, W4 for one ticket: computeEtas(state, now)[ticketId], without sorting every queue. Its
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
  const cap = directed ? directedCapacity(state, t.targetCounterId!) : serviceCapacity(state).get(t.serviceId);
  return { position: ahead + 1, etaMin: etaAt(ahead + 1, cap, meanServiceTimes(state).get(t.serviceId) ?? 10, hoursOf(state, t.serviceId, now)) };
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
    q.oldest = Math.min(q.oldest, t.queuedAt);
  }
  return out;
}

/** Per service: what a newcomer faces. Counts only, so no queue is sorted: this runs after every commit. */
export function serviceLoads(state: EngineState, now: number): ServiceLoad[] {
  const caps = serviceCapacity(state);
  const q = serviceQueues(state, now);
  const means = meanServiceTimes(state);
  return state.config.services.map((s) => {
    const { waiting, priority, oldest } = q.get(s.id) ?? { waiting: 0, priority: 0, oldest: now };
    const mean = means.get(s.id) ?? s.serviceTimeMin;
    const hours = hoursOf(state, s.id, now);
    return {
      serviceId: s.id,
      waiting,
      waitingPriority: priority,
      oldestWaitMin: Math.round(((now - oldest) / MINUTE) * 10) / 10,
      // A new normal-lane ticket goes behind everyone waiting now.
      expectedWaitMin: etaAt(waiting + 1, caps.get(s.id), mean, hours),
      // A priority ticket issued now ranks behind the priority tickets already waiting (P1/P3).
      expectedPriorityWaitMin: etaAt(priority + 1, caps.get(s.id), mean, hours),
      targetWaitMin: s.targetWaitMin ?? state.config.center.targetWaitMin,
      openCounters: caps.get(s.id)?.open ?? 0,
      servable: state.servable.has(s.id),
    };
  });
}
