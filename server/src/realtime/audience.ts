/**
 * Each audience's projection of the hall, built here and nowhere else (shared/src/audience.ts says
 * what each may see). Sockets, GET /api/queue, /api/events, /api/counters and sync:since all go
 * through these functions, so a field added to a ticket or a counter reaches devices only when it
 * is added to the lists there.
 */
import {
  DISPLAY_COUNTER_FIELDS,
  DISPLAY_TICKET_FIELDS,
  type Audience,
  type CounterState,
  type DisplayCounter,
  type DisplayFact,
  type DisplaySnapshot,
  type Fact,
  type Snapshot,
  type SyncResult,
  type Ticket,
} from '@qms/shared';
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.js';

export function audienceOf(p: Principal): Audience {
  // A rating terminal follows the hall as a display does: it only needs to know when its counter finishes a visitor.
  return p.kind === 'staff' ? 'staff' : p.deviceKind === 'rating' ? 'display' : p.deviceKind;
}

/**
 * What a device sees in place of a ticket's id: stable (the same ticket always maps to the same
 * reference, so a display can tell calls apart) and one-way (the id opens the ticket's public page).
 */
export function ticketRef(id: string): string {
  return createHash('sha256').update(`qms-ticket-ref:${id}`).digest('base64url').slice(0, 16);
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

export function displayTicket(t: Ticket) {
  return { ...pick(t, DISPLAY_TICKET_FIELDS), id: ticketRef(t.id) };
}

export function displayCounter(c: CounterState): DisplayCounter {
  const out = pick(c, DISPLAY_COUNTER_FIELDS);
  return { ...out, currentTicketId: out.currentTicketId && ticketRef(out.currentTicketId) };
}

/** The counters an audience may list (GET /api/counters): as in its snapshot. */
export function projectCounters(counters: CounterState[], audience: Audience): CounterState[] | DisplayCounter[] {
  return audience === 'staff' ? counters : audience === 'display' ? counters.map(displayCounter) : [];
}

/** A display shows calls, not the queue: the snapshot carries called tickets only, however long the queue. */
export function projectSnapshot(snap: Snapshot, audience: Audience): Snapshot | DisplaySnapshot {
  if (audience === 'staff') return snap;
  const { seq, now, center, services, priorityCategories, loads } = snap;
  const common = { seq, now, center, services, priorityCategories, loads, etas: {}, balance: { mode: snap.balance.mode, proposals: [] } };
  if (audience === 'kiosk') return { ...common, counters: [], tickets: [] };
  return { ...common, counters: snap.counters.map(displayCounter), tickets: snap.tickets.filter((t) => t.calledAt !== null).map(displayTicket) };
}

export function projectFact(fact: Fact, audience: Audience): Fact | DisplayFact {
  if (audience === 'staff' || fact.type === 'config:changed') return fact;
  const hidden: DisplayFact = { type: 'hidden', seq: fact.seq, at: fact.at, centerId: fact.centerId };
  // A kiosk follows the catalogue and the loads (queue:loads), nothing of who is where.
  if (audience === 'kiosk') return hidden;
  switch (fact.type) {
    // Proposals are for staff. A waiting ticket is not on the TV; its call is, and that fact carries it.
    case 'balance:proposed':
    case 'balance:resolved':
    case 'ticket:issued':
      return hidden;
    case 'counter:services-changed': {
      // Why the balancer moved it is for staff; the TV words the change itself (display-ui notices).
      const { reason: _staffOnly, why: _alsoStaffOnly, ...rest } = fact;
      return { ...rest, counter: displayCounter(fact.counter) };
    }
    case 'counter:paused': {
      const { by: _staffOnly, ...rest } = fact;
      return { ...rest, counter: displayCounter(fact.counter) };
    }
    default:
      if ('ticket' in fact) return { ...fact, ticket: displayTicket(fact.ticket), counter: fact.counter && displayCounter(fact.counter) } as DisplayFact;
      return { ...fact, counter: displayCounter(fact.counter) } as DisplayFact;
  }
}

export function projectSync(res: SyncResult, audience: Audience): SyncResult | { kind: 'facts'; facts: (Fact | DisplayFact)[] } | { kind: 'snapshot'; snapshot: Snapshot | DisplaySnapshot } {
  if (audience === 'staff') return res;
  return res.kind === 'snapshot' ? { kind: 'snapshot', snapshot: projectSnapshot(res.snapshot, audience) } : { kind: 'facts', facts: res.facts.map((f) => projectFact(f, audience)) };
}
