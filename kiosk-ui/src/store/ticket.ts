import type { Ticket, TicketEta } from '@qms/shared';
import QRCode from 'qrcode';
import { issueTicket } from '../api';
import { ticketStatusUrl } from '../links';
import type { KioskState, Slice } from './types';

/** 'offline': the server could not be reached (or said it is unavailable); 'failed': any other refusal. */
export type IssueFailure = 'closed' | 'cap' | 'offline' | 'failed';

/** Only a 201 from the server leads to 'issued': no other path ever shows a number. */
export type IssueState =
  | { state: 'idle' }
  | { state: 'issuing'; serviceId: string; clientRef: string }
  | { state: 'failed'; serviceId: string; reason: IssueFailure; clientRef: string }
  | { state: 'issued'; ticket: Ticket; eta: TicketEta | null; statusUrl: string; qr: string | null };

export interface TicketSlice {
  issue: IssueState;
  takeTicket(serviceId: string): Promise<void>;
}

/** crypto.getRandomValues works on plain http too (a kiosk on the LAN), unlike randomUUID. */
function newClientRef(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const ticketSlice: Slice<TicketSlice> = (set, get) => ({
  issue: { state: 'idle' },
  takeTicket: async (serviceId) => {
    const s = get();
    // A second tap while the first request is out must not issue a second ticket.
    if (s.issue.state === 'issuing' || !s.token) return;
    // "Try again" after a failure re-sends the same request id: if the first one did reach the
    // server, the visitor gets that ticket rather than a second one.
    const clientRef = s.issue.state === 'failed' && s.issue.serviceId === serviceId ? s.issue.clientRef : newClientRef();
    set({ screen: 'ticket', issue: { state: 'issuing', serviceId, clientRef } });
    const res = await issueTicket(s.token, {
      serviceId,
      clientRef,
      lane: s.lane,
      ...(s.lane === 'priority' && s.priorityCategoryId ? { categoryId: s.priorityCategoryId } : {}),
      language: s.lang,
    });
    if (!res.ok) {
      const code = res.error.code;
      if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') {
        get().needPairing(code === 'UNAUTHORIZED' ? 'revoked' : 'notKiosk');
        return set({ issue: { state: 'idle' }, screen: 'language' });
      }
      if (code === 'UNAVAILABLE') get().setOnline(false);
      const reason: IssueFailure = code === 'SERVICE_CLOSED' ? 'closed' : code === 'DAILY_CAP_REACHED' ? 'cap' : code === 'UNAVAILABLE' ? 'offline' : 'failed';
      return set({ issue: { state: 'failed', serviceId, reason, clientRef } });
    }
    set({ issue: await issuedOf(s, res.data.ticket, res.data.eta) });
  },
});

/** The ticket screen's state for a ticket the server issued (a walk-in's, or a booking's at check-in). */
export async function issuedOf(s: KioskState, ticket: Ticket, eta: TicketEta | null): Promise<IssueState> {
  // The kiosk's own ?publicUrl= wins over the center's configured one; else the kiosk's address.
  const publicUrl = s.publicUrl ?? s.catalogue?.center.publicUrl?.replace(/\/+$/, '') ?? null;
  const statusUrl = ticketStatusUrl(ticket.id, s.lang, publicUrl, window.location.origin);
  // The number is shown even if the QR code cannot be drawn: the ticket exists.
  const qr = await QRCode.toDataURL(statusUrl, { errorCorrectionLevel: 'M', margin: 2, width: 480 }).catch(() => null);
  return { state: 'issued', ticket, eta, statusUrl, qr };
}
