/**
 * The phone page's live status (issue 11): the `/ticket` namespace, where a visitor's phone
 * follows its one ticket with no staff or device token. The handshake names the ticket
 * (ticket-admit.ts checks it); the socket joins that ticket's room and gets its status at once,
 * then again whenever a batch of facts in its center changes what the visitor sees.
 *
 * Cost stays bounded: only tickets with a listening phone are looked at, at most every
 * PHONE_EVERY_MS per center (a burst of calls costs one look), and a phone hears only of a change.
 * A done ticket is still followed while it may be rated or its complaint waits for an answer
 * (ticketStillChanges): those are not queue facts, so the ratings tell this center to look too.
 */
import { TICKET_NAMESPACE, ticketStillChanges, type TicketClientToServerEvents, type TicketServerToClientEvents } from '@qms/shared';
import type { Namespace, Socket } from 'socket.io';
import { publicStatus } from '../center/public-ticket.js';
import type { CenterRuntime } from '../center/runtime.js';
import type { Deps } from '../features/deps.js';
import type { Overload } from '../http/overload.js';
import { admitTicketSockets, type TicketSocketData } from './ticket-admit.js';
import type { QmsServer } from './socket.js';

export type TicketNamespace = Namespace<TicketClientToServerEvents, TicketServerToClientEvents, Record<string, never>, TicketSocketData>;
type TicketSocket = Socket<TicketClientToServerEvents, TicketServerToClientEvents, Record<string, never>, TicketSocketData>;

/** How often one center's followed tickets are looked at, at most. A phone cannot tell 500 ms apart. */
export const PHONE_EVERY_MS = 500;

export const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;

export function attachTicketSockets(io: QmsServer, deps: Deps, perAddress: number, overload: Overload): () => void {
  const { hub, settled, ratings } = deps;
  const nsp = io.of(TICKET_NAMESPACE) as unknown as TicketNamespace;
  admitTicketSockets(nsp, hub, perAddress, overload);

  /** Per center, the tickets some phone follows, each with the status it was last sent (JSON). */
  const watched = new Map<string, Map<string, string>>();
  const followed = (centerId: string) => watched.get(centerId) ?? watched.set(centerId, new Map()).get(centerId)!;

  nsp.on('connection', (socket: TicketSocket) => {
    const { ticketId, centerId } = socket.data;
    const rt = hub.get(centerId);
    const ticket = rt.ticket(ticketId);
    if (!ticket) return void socket.disconnect(true);
    const status = publicStatus(rt, ticket, ratings);
    if (ticketStillChanges(status)) {
      void socket.join(ticketRoom(ticketId));
      const seen = followed(centerId);
      // A ticket others follow keeps its last sent status: a change they have not heard yet still goes out to all.
      if (!seen.has(ticketId)) seen.set(ticketId, JSON.stringify(status));
      socket.on('disconnect', () => {
        if (!nsp.adapter.rooms.get(ticketRoom(ticketId))?.size) watched.get(centerId)?.delete(ticketId);
      });
    }
    // As on the hall's namespace: what the phone is told is on the disk first.
    void settled().then(() => {
      if (!socket.connected) return;
      socket.emit('ticket:status', status);
      // Nothing more will happen to it: the page shows the end, and the connection is let go.
      if (!ticketStillChanges(status)) socket.disconnect();
    }, () => {});
  });

  const look = (rt: CenterRuntime) => {
    const seen = watched.get(rt.centerId);
    if (!seen) return;
    for (const [ticketId, last] of seen) {
      const ticket = rt.ticket(ticketId);
      if (!ticket) continue;
      const status = publicStatus(rt, ticket, ratings);
      const json = JSON.stringify(status);
      if (json === last) continue;
      seen.set(ticketId, json);
      nsp.to(ticketRoom(ticketId)).emit('ticket:status', status);
      if (!ticketStillChanges(status)) {
        seen.delete(ticketId);
        nsp.in(ticketRoom(ticketId)).disconnectSockets();
      }
    }
  };

  /** At the first change after a quiet spell at once; within PHONE_EVERY_MS of a look, once after it. */
  const pace = new Map<string, { lookedAt: number; timer: NodeJS.Timeout | null }>();
  const changed = (rt: CenterRuntime) => {
    const p = pace.get(rt.centerId) ?? pace.set(rt.centerId, { lookedAt: -Infinity, timer: null }).get(rt.centerId)!;
    if (p.timer) return;
    p.timer = setTimeout(() => {
      p.timer = null;
      p.lookedAt = performance.now();
      look(rt);
    }, Math.max(0, p.lookedAt + PHONE_EVERY_MS - performance.now()));
  };
  const stop = hub.subscribe((_facts, rt) => {
    // A center nobody follows a ticket of costs nothing more than this look-up.
    if (watched.get(rt.centerId)?.size) void settled().then(() => changed(rt), () => {});
  });
  // A rating given (the terminal's too) or a complaint answered: the same look, for the same price.
  const stopRatings = ratings.onChange((centerId, ticketId) => {
    if (watched.get(centerId)?.has(ticketId)) void settled().then(() => changed(hub.get(centerId)), () => {});
  });

  return () => {
    stop();
    stopRatings();
    for (const p of pace.values()) if (p.timer) clearTimeout(p.timer);
  };
}
