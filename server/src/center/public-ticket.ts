/**
 * A ticket as its visitor sees it (the phone page behind the QR code). One builder for the GET
 * route, the withdraw route and the `/ticket` namespace, so the three never say different things.
 */
import type { PublicTicketStatus, Ticket } from '@qms/shared';
import type { Ratings } from '../ratings/ratings.js';
import type { Hub } from './hub.js';
import { publicCenter } from './public-center.js';
import type { CenterRuntime } from './runtime.js';

/** The id alone says nothing of its center: each hall is asked (a map, then its storage). */
export function findTicket(hub: Hub, ticketId: string): { rt: CenterRuntime; ticket: Ticket } | undefined {
  for (const id of hub.ids()) {
    const rt = hub.get(id);
    const ticket = rt.ticket(ticketId);
    if (ticket) return { rt, ticket };
  }
  return undefined;
}

/** `ratings`: a done ticket's rating (and its complaint's answer) is part of what its visitor sees. */
export function publicStatus(rt: CenterRuntime, t: Ticket, ratings: Pick<Ratings, 'statusOf'>): PublicTicketStatus {
  const service = rt.config.services.find((s) => s.id === t.serviceId);
  const counter = t.counterId ? rt.state.counters.get(t.counterId) : undefined;
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    lane: t.lane,
    language: t.language,
    service: service ? { id: service.id, names: service.names } : null,
    counterNumber: counter?.number ?? null,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    eta: t.status === 'waiting' ? rt.eta(t.id) : null,
    // `names` is optional in a center's configuration: left out rather than sent as undefined.
    center: publicCenter(rt.config.center),
    ...(t.remote ? { remote: remoteView(rt, t) } : {}),
    alert: { people: rt.config.center.remote.alertPeople, minutes: rt.config.center.remote.alertMinutes },
    rating: ratings.statusOf(t),
  };
}

/** V2–V5 as the visitor reads them: the code for the kiosk, whether they are in, how long a held ticket waits. */
function remoteView(rt: CenterRuntime, t: Ticket): NonNullable<PublicTicketStatus['remote']> {
  const r = t.remote!;
  const graceUntil = r.heldAt !== null && r.arrivedAt === null ? r.heldAt + rt.config.center.remote.graceMin * 60_000 : null;
  return { code: r.code, arrived: r.arrivedAt !== null, heldAt: r.heldAt, graceUntil };
}

/** Nothing more will happen to it: the phone page shows the end and stops following. */
export function isFinal(status: Ticket['status']): boolean {
  // A no-show is not: staff may put it back in line for a while (N1).
  return status === 'done' || status === 'cancelled';
}
