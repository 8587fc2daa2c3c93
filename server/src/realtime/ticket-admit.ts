/**
 * Who may follow a ticket on the `/ticket` namespace: anyone who holds its id (the QR code), as
 * for GET /api/tickets/:id. The handshake is checked strictly (exactly `{ ticketId }` of the
 * shape the server issues) and the ticket must exist; a phone that fails gets a `connect_error`
 * with a sentence and `data.code` and does not retry on its own. Public, so bounded like the
 * hall's connections (socket-limits.ts): a few phones per ticket, the address limit the hall's
 * devices have (counted apart, so visitors on the hall's Wi-Fi do not lock its screens out), and
 * nothing new while the server is short of descriptors.
 */
import { ErrorCode, ticketHandshake } from '@qms/shared';
import type { Hub } from '../center/hub.js';
import { findTicket } from '../center/public-ticket.js';
import { clientAddress } from '../http/client-address.js';
import { OVERLOADED, type Overload } from '../http/overload.js';
import { refusal, Tally, type Refusal } from './socket-limits.js';
import type { TicketNamespace } from './ticket-socket.js';

export interface TicketSocketData {
  ticketId: string;
  centerId: string;
}

/** Phones following one ticket at once: the visitor's, a companion's, a second tab. */
export const PHONES_PER_TICKET = 5;

export function admitTicketSockets(nsp: TicketNamespace, hub: Hub, perAddress: number, overload: Overload): void {
  const byTicket = new Tally();
  const byAddress = new Tally();

  nsp.use((socket, next) => {
    const refuse = (err: Refusal) => {
      next(err);
      // As on the hall's namespace: the refusal goes out first, then the transport is closed.
      setImmediate(() => socket.conn.close());
    };
    if (overload.active) return refuse(refusal(ErrorCode.Unavailable, OVERLOADED.message));
    const parsed = ticketHandshake.safeParse(socket.handshake.auth);
    if (!parsed.success) return refuse(refusal(ErrorCode.BadRequest, 'Connect with auth { ticketId }: the id of a ticket, as in its status page address.'));
    const { ticketId } = parsed.data;
    const found = findTicket(hub, ticketId);
    if (!found) return refuse(refusal(ErrorCode.UnknownTicket, 'No such ticket: check the code on your ticket.'));
    if (byTicket.get(ticketId) >= PHONES_PER_TICKET) {
      return refuse(refusal(ErrorCode.RateLimited, `This ticket is already open on ${PHONES_PER_TICKET} screens, the most allowed: close it on another phone or tab.`));
    }
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    if (perAddress > 0 && byAddress.get(address) >= perAddress) {
      return refuse(refusal(ErrorCode.RateLimited, `Too many ticket pages open from this network address (${perAddress} at most): close some, or ask the administrator to raise QMS_SOCKETS_PER_ADDRESS.`));
    }

    byTicket.add(ticketId);
    byAddress.add(address);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      byTicket.remove(ticketId);
      byAddress.remove(address);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    socket.data.ticketId = ticketId;
    socket.data.centerId = found.rt.centerId;
    next();
  });
}
