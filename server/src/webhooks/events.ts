/**
 * Which committed facts become webhook events, and what their `data` says: a flat description of
 * the ticket that a CRM or a text message gateway can use without knowing the engine's state.
 * Nothing about staff but the operator's login; the visitor's phone only for webhooks that asked
 * for it (`includePhone`), added by the outbox per webhook.
 */
import { MINUTE, placeOf, type Fact, type WebhookEvent } from '@qms/shared';

/** The facts a webhook hears of; the others (started, returned, requeued…) are the hall's business. */
const EVENT_OF: Partial<Record<Fact['type'], WebhookEvent>> = {
  'ticket:issued': 'ticket.issued',
  'ticket:called': 'ticket.called',
  'ticket:recalled': 'ticket.recalled',
  'ticket:transferred': 'ticket.transferred',
  'ticket:completed': 'ticket.completed',
  'ticket:no-show': 'ticket.no-show',
  'ticket:cancelled': 'ticket.cancelled',
  'ticket:arrived': 'ticket.arrived',
  'ticket:held': 'ticket.held',
};

export function eventOf(fact: Fact): WebhookEvent | undefined {
  return EVENT_OF[fact.type];
}

export interface TicketEventData {
  ticketId: string;
  number: string;
  serviceId: string;
  lane: string;
  categoryId: string | null;
  status: string;
  counterId: string | null;
  counterNumber: string | null;
  /** The login of the operator at the counter, when one took part. */
  operator: string | null;
  language: string | null;
  /** kiosk, staff or remote (the join page). */
  channel: string;
  issuedAt: number;
  calledAt: number | null;
  finishedAt: number | null;
  /** A checked-in appointment's slot (epoch ms). */
  appointmentAt: number | null;
  /** Minutes from the place in line to the first call; once called. */
  waitedMin: number | null;
  /** Remote tickets only: has the visitor said they are in the hall (V2). */
  remote?: { arrived: boolean };
  /** The fact's own fields: a transfer's from/to, a no-show's or cancellation's reason, an arrival's way. */
  [extra: string]: unknown;
}

/** What the fact says beyond the ticket and counter, by name. */
function extrasOf(fact: Fact): Record<string, unknown> {
  switch (fact.type) {
    case 'ticket:transferred':
      return { fromServiceId: fact.fromServiceId, fromCounterId: fact.fromCounterId, toServiceId: fact.toServiceId, toCounterId: fact.toCounterId };
    case 'ticket:no-show':
    case 'ticket:cancelled':
      return { reason: fact.reason };
    case 'ticket:arrived':
      return { via: fact.via };
    default:
      return {};
  }
}

/**
 * The data of a ticket fact's event. `counterNumber` finds the number of a counter the fact does
 * not carry (the ticket's, after a transfer); `channel` is who issued it, as the reports say.
 */
export function ticketData(fact: Fact, channel: string | null, counterNumber: (id: string) => string | null): TicketEventData | undefined {
  if (!('ticket' in fact)) return undefined;
  const t = fact.ticket;
  const counter = fact.counter;
  const counterId = t.counterId ?? counter?.id ?? null;
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    lane: t.lane,
    categoryId: t.categoryId,
    status: t.status,
    counterId,
    counterNumber: counter && counter.id === counterId ? counter.number : counterId ? counterNumber(counterId) : null,
    operator: counter?.staffLogin ?? null,
    language: t.language,
    channel: t.remote ? 'remote' : (channel ?? 'kiosk'),
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    finishedAt: t.finishedAt,
    appointmentAt: t.appointmentAt ?? null,
    waitedMin: t.firstCalledAt === null ? null : Math.max(0, Math.round((t.firstCalledAt - placeOf(t)) / MINUTE)),
    ...(t.remote ? { remote: { arrived: t.remote.arrivedAt !== null } } : {}),
    ...extrasOf(fact),
  };
}
