import { localTime, type CounterState, type EngineConfig, type FactBody, type Ticket } from '@qms/shared';
import type { EngineState } from './types.js';

/** What issuing decides about a ticket; the rest of a new ticket is the same for all. */
export type Issue = Pick<Ticket, 'id' | 'centerId' | 'day' | 'serviceId' | 'seqNo' | 'number' | 'lane' | 'categoryId' | 'language' | 'clientRef'>;

/** A ticket as issued at `now`: waiting in its service's queue, never called nor moved. */
export function issuedTicket(t: Issue, now: number): Ticket {
  return {
    id: t.id,
    centerId: t.centerId,
    day: t.day,
    serviceId: t.serviceId,
    issuedServiceId: t.serviceId,
    seqNo: t.seqNo,
    number: t.number,
    lane: t.lane,
    categoryId: t.categoryId,
    language: t.language,
    status: 'waiting',
    issuedAt: now,
    queuedAt: now,
    targetCounterId: null,
    returnServiceId: null,
    counterId: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    firstCalledAt: null,
    clientRef: t.clientRef,
    recalls: 0,
    transfers: 0,
  };
}

/** A counter as planned, closed; `changedAt` 0 means it has not changed today. */
export function counterFromPlan(c: EngineConfig["counters"][number], now: number): CounterState {
  return {
    id: c.id,
    number: c.number,
    zone: c.zone,
    status: 'closed',
    services: c.services.map((s) => ({ ...s })),
    staffLogin: null,
    currentTicketId: null,
    pauseReason: null,
    pauseReasonId: null,
    priorityStreak: 0,
    changedAt: now,
  };
}

/**
 * Build the state from configuration plus whatever live rows storage kept (counters' states and
 * open tickets). Counters missing from `liveCounters` start closed on their plan.
 */
export function createEngineState(
  centerId: string,
  config: EngineConfig,
  now: number,
  liveCounters: CounterState[] = [],
  tickets: Ticket[] = [],
): EngineState {
  const live = new Map(liveCounters.map((c) => [c.id, c]));
  const state: EngineState = {
    centerId,
    config,
    services: new Map(config.services.map((s) => [s.id, s])),
    servable: servableServices(config),
    counters: new Map(),
    tickets: new Map(),
    waiting: new Set(),
    queues: new Map(),
    clientRefs: new Map(),
    numberingDay: localTime(now, config.center.timezone).day,
    lastSeqNo: new Map(),
    issuedToday: new Map(),
    openNumbers: new Map(),
    extraCalls: new Map(),
    plans: new Map(config.counters.map((c) => [c.id, new Set(c.services.map((s) => s.serviceId))])),
    queueVersions: new Map(),
  };
  for (const c of config.counters) {
    const kept = live.get(c.id);
    // Configuration may have renamed or re-zoned a counter since the row was written.
    // Rows written before preset pause reasons had ids carry none.
    state.counters.set(c.id, kept ? { ...kept, pauseReasonId: kept.pauseReasonId ?? null, number: c.number, zone: c.zone } : counterFromPlan(c, 0));
  }
  for (const t of tickets) trackTicket(state, t);
  return state;
}

/** Services some counter of `config` plans or can be switched to (C2): a waiting visitor of one can be called. */
export function servableServices(config: Pick<EngineConfig, 'counters'>): Set<string> {
  return new Set(config.counters.flatMap((c) => [...c.services.map((s) => s.serviceId), ...(c.canServe ?? [])]));
}

/**
 * I5: waiting tickets no counter will ever call: sent to a counter that is closed or gone, or
 * waiting for a service no counter serves or can be switched to. The engine and the configuration
 * checks keep this empty; the property tests hold them to it.
 */
export function strandedTickets(state: EngineState): Ticket[] {
  const out: Ticket[] = [];
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t) continue;
    const target = t.targetCounterId === null ? null : state.counters.get(t.targetCounterId);
    if (t.targetCounterId === null ? !state.servable.has(t.serviceId) : !target || target.status === 'closed') out.push(t);
  }
  return out;
}

/** Apply a committed fact. Facts carry the entities after the change, so this is an upsert. */
export function evolve(state: EngineState, fact: FactBody): void {
  if ('ticket' in fact) trackTicket(state, fact.ticket);
  if ('counter' in fact && fact.counter) state.counters.set(fact.counter.id, fact.counter);
}

/** Keys of EngineState.queues: a service's queue, and the queue of tickets sent to one counter (T1). */
export const serviceQueue = (serviceId: string): string => `s:${serviceId}`;
export const counterQueue = (counterId: string): string => `c:${counterId}`;

/** Whose queue a key (serviceQueue, counterQueue) is. */
export function queueOwner(key: string): { serviceId: string } | { counterId: string } {
  return key.startsWith('s:') ? { serviceId: key.slice(2) } : { counterId: key.slice(2) };
}

/** The queue a waiting ticket is in: its counter's if it was sent to one, else its service's. */
export function queueKey(t: Pick<Ticket, 'serviceId' | 'targetCounterId'>): string {
  return t.targetCounterId === null ? serviceQueue(t.serviceId) : counterQueue(t.targetCounterId);
}

const isOpen = (t: Ticket): boolean => t.status === 'waiting' || t.status === 'called' || t.status === 'serving';

function countNumber(state: EngineState, number: string, by: 1 | -1): void {
  const n = (state.openNumbers.get(number) ?? 0) + by;
  if (n > 0) state.openNumbers.set(number, n);
  else state.openNumbers.delete(number);
}

/** extraCalls: a ticket called at a counter for a service outside that counter's plan, in or out. */
function indexExtraCall(state: EngineState, t: Ticket, by: 1 | -1): void {
  if (t.counterId === null || t.calledAt === null || state.plans.get(t.counterId)?.has(t.serviceId) !== false) return;
  const calls = state.extraCalls.get(t.counterId) ?? state.extraCalls.set(t.counterId, new Map()).get(t.counterId)!;
  if (by > 0) calls.set(t.id, t.calledAt);
  else calls.delete(t.id);
}

const bumpQueue = (state: EngineState, key: string): void => {
  state.queueVersions.set(key, (state.queueVersions.get(key) ?? 0) + 1);
};

function trackTicket(state: EngineState, t: Ticket): void {
  const before = state.tickets.get(t.id);
  if (before?.status === 'waiting') {
    state.queues.get(queueKey(before))?.delete(t.id);
    bumpQueue(state, queueKey(before));
  }
  // A ticket keeps its number for life: only opening and closing change the count.
  const wasOpen = before !== undefined && isOpen(before);
  if (wasOpen !== isOpen(t)) countNumber(state, t.number, wasOpen ? -1 : 1);
  if (before) indexExtraCall(state, before, -1);
  indexExtraCall(state, t, 1);
  state.tickets.set(t.id, t);
  if (t.clientRef) state.clientRefs.set(t.clientRef, t.id);
  if (t.status === 'waiting') {
    state.waiting.add(t.id);
    const key = queueKey(t);
    (state.queues.get(key) ?? state.queues.set(key, new Set()).get(key)!).add(t.id);
    bumpQueue(state, key);
  } else state.waiting.delete(t.id);
  if (t.day > state.numberingDay) {
    state.numberingDay = t.day;
    state.lastSeqNo.clear();
    state.issuedToday.clear();
  }
  if (t.day !== state.numberingDay) return;
  if (t.seqNo > (state.lastSeqNo.get(t.issuedServiceId) ?? 0)) state.lastSeqNo.set(t.issuedServiceId, t.seqNo);
  if (!before) state.issuedToday.set(t.issuedServiceId, (state.issuedToday.get(t.issuedServiceId) ?? 0) + 1);
}
