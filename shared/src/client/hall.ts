/**
 * The client-side picture of a hall: a snapshot plus the facts after it. Pure and immutable, so
 * every app's store can hold it and tests can replay facts into it.
 */
import type { CenterInfo, PriorityCategory, Service } from '../config.js';
import type { DisplayCounter, DisplayTicket, FactOf } from '../audience.js';
import type { CounterState, ServiceLoad, Ticket, TicketEta } from '../domain.js';
import type { Snapshot } from '../snapshot.js';

export interface CallRecord {
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  counterNumber: string;
  language: string | null;
  at: number;
  recall: boolean;
}

/**
 * Staff hold whole tickets and counters; a hall display holds its projection (audience.ts), so
 * the same reducer serves both and a display's code cannot reach a field it is never sent.
 */
export interface HallState<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState> {
  seq: number;
  center: CenterInfo;
  services: Service[];
  priorityCategories: PriorityCategory[];
  counters: Record<string, C>;
  tickets: Record<string, T>;
  /** From the snapshot; positions move as facts arrive, so apps use them as a first estimate. */
  etas: Record<string, TicketEta>;
  loads: ServiceLoad[];
  balance: Snapshot['balance'];
  /** Newest first. */
  calls: CallRecord[];
  /** server clock − client clock, measured at the snapshot: waits are shown in server time. */
  clockOffsetMs: number;
}

const KEEP_FINISHED = 60;
const KEEP_CALLS = 20;

export function fromSnapshot<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState>(snap: Snapshot<T, C>, clientNow: number): HallState<T, C> {
  const calls = snap.tickets
    .filter((t) => t.calledAt !== null && t.counterId !== null)
    .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0))
    .slice(0, KEEP_CALLS)
    .map((t) => callOf(t, snap.counters.find((c) => c.id === t.counterId)?.number ?? '', t.calledAt ?? 0, t.recalls > 0));
  return {
    seq: snap.seq,
    center: snap.center,
    services: snap.services,
    priorityCategories: snap.priorityCategories,
    counters: Object.fromEntries(snap.counters.map((c) => [c.id, c])),
    tickets: Object.fromEntries(snap.tickets.map((t) => [t.id, t])),
    etas: snap.etas,
    loads: snap.loads,
    balance: snap.balance,
    calls,
    clockOffsetMs: snap.now - clientNow,
  };
}

function callOf(t: DisplayTicket, counterNumber: string, at: number, recall: boolean): CallRecord {
  return { ticketId: t.id, number: t.number, serviceId: t.serviceId, counterId: t.counterId ?? '', counterNumber, language: t.language, at, recall };
}

/** Apply one fact (the caller checks that `fact.seq === state.seq + 1`). */
export function applyFact<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState>(state: HallState<T, C>, fact: FactOf<T, C>): HallState<T, C> {
  const next: HallState<T, C> = { ...state, seq: fact.seq };
  if (fact.type === 'hidden') return next;
  if (fact.type === 'balance:proposed') {
    next.balance = { ...state.balance, proposals: [...state.balance.proposals.filter((p) => p.id !== fact.proposal.id), fact.proposal] };
  } else if (fact.type === 'balance:resolved') {
    next.balance = { ...state.balance, proposals: state.balance.proposals.filter((p) => p.id !== fact.proposalId) };
  }
  if ('counter' in fact && fact.counter) next.counters = { ...state.counters, [fact.counter.id]: fact.counter };
  if ('ticket' in fact) {
    next.tickets = pruneFinished({ ...state.tickets, [fact.ticket.id]: fact.ticket });
    if (fact.type === 'ticket:called' || fact.type === 'ticket:recalled') {
      const counterNumber = fact.counter?.number ?? next.counters[fact.ticket.counterId ?? '']?.number ?? '';
      next.calls = [callOf(fact.ticket, counterNumber, fact.at, fact.type === 'ticket:recalled'), ...state.calls].slice(0, KEEP_CALLS);
    }
  }
  return next;
}

function pruneFinished<T extends DisplayTicket>(tickets: Record<string, T>): Record<string, T> {
  const finished = Object.values(tickets).filter((t) => t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled');
  if (finished.length <= KEEP_FINISHED) return tickets;
  finished.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  const out = { ...tickets };
  for (const t of finished.slice(0, finished.length - KEEP_FINISHED)) delete out[t.id];
  return out;
}

/** Waiting tickets of some services, in the order the engine ranks them (priority head start, then FIFO). */
export function waitingFor(state: HallState, serviceIds: Set<string>, counterId?: string): Ticket[] {
  const policy = state.center.policy;
  const head = (t: Ticket) => (t.lane === 'priority' ? policy.priorityHeadStartMin : t.lane === 'booked' ? policy.bookedHeadStartMin : 0) * 60_000;
  return Object.values(state.tickets)
    .filter((t) => t.status === 'waiting' && (t.targetCounterId === null ? serviceIds.has(t.serviceId) : t.targetCounterId === counterId))
    .sort((a, b) => a.queuedAt - head(a) - (b.queuedAt - head(b)) || a.seqNo - b.seqNo);
}
