/**
 * The phone page's connection: the `/ticket` namespace, with the ticket id as its only
 * credential (server/src/realtime/ticket-admit.ts). Socket.IO reconnects by itself after a drop;
 * a refusal in the handshake (`connect_error` with `data.code`) is left to the caller.
 */
import { io, type Socket } from 'socket.io-client';
import { TICKET_NAMESPACE, type TicketClientToServerEvents, type TicketServerToClientEvents } from '../events.js';

export type TicketSocket = Socket<TicketServerToClientEvents, TicketClientToServerEvents>;

export function connectTicket(ticketId: string, url = ''): TicketSocket {
  return io(`${url}${TICKET_NAMESPACE}`, {
    auth: { ticketId },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 15_000,
  });
}
