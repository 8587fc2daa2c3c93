/**
 * Who receives the hall, and what each may see (issue 10 §4). Staff get everything. A hall display
 * gets what the TV shows and speaks: numbers, counters, calls, service loads. A kiosk gets the
 * catalogue and the loads. Never to a device: staff logins, pause reasons, a ticket's real id (the
 * key to its public page), clientRef, lane or priority category (disability is health data), the
 * rebalancer's proposals. The server builds each projection in one place (realtime/audience.ts).
 */
import type { CounterState, Ticket } from './domain.js';
import type { FactBody } from './events.js';
import type { Snapshot } from './snapshot.js';

export const AUDIENCES = ['staff', 'display', 'kiosk'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** A ticket as a display knows it; `id` is an opaque reference, not the ticket's id. */
export const DISPLAY_TICKET_FIELDS = ['id', 'number', 'serviceId', 'status', 'counterId', 'language', 'calledAt', 'recalls', 'finishedAt'] as const;
export type DisplayTicket = Pick<Ticket, (typeof DISPLAY_TICKET_FIELDS)[number]>;

/** A counter as a display knows it; `currentTicketId` is the same opaque reference. */
export const DISPLAY_COUNTER_FIELDS = ['id', 'number', 'zone', 'status', 'services', 'currentTicketId', 'changedAt'] as const;
export type DisplayCounter = Pick<CounterState, (typeof DISPLAY_COUNTER_FIELDS)[number]>;

/** A fact whose content is for staff only: devices get its place in the sequence, nothing else. */
export interface HiddenFact {
  type: 'hidden';
  seq: number;
  at: number;
  centerId: string;
}

type Stamp = { seq: number; at: number; centerId: string };
type Project<F, T, C> = F extends { ticket: Ticket }
  ? Omit<F, 'ticket' | 'counter'> & { ticket: T; counter: C | null }
  : F extends { type: 'counter:services-changed' }
    ? Omit<F, 'counter' | 'reason' | 'why'> & { counter: C; reason?: string; why?: F extends { why?: infer W } ? W : never }
    : F extends { counter: CounterState }
      ? Omit<F, 'counter'> & { counter: C }
      : F;

/** The facts one audience receives: a staff Fact, or its projection with narrower tickets and counters. */
export type FactOf<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState> = (Project<FactBody, T, C> & Stamp) | HiddenFact;

export type DisplaySnapshot = Snapshot<DisplayTicket, DisplayCounter>;
export type DisplayFact = FactOf<DisplayTicket, DisplayCounter>;
