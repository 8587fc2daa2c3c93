import type { Language } from '@qms/shared';
import type { TicketStatusView } from '../api';
import type { Slice } from './types';

/** The phone page (/kiosk/t/<id>): one ticket's public status, polled. */
export interface StatusSlice {
  ticketView: TicketStatusView | null;
  ticketMissing: boolean;
  /** The last poll failed; the page keeps showing what it had. */
  ticketStale: boolean;
  ticketUpdatedAt: number | null;
  /** The languages the ticket's center offers, and its time zone (from its catalogue). */
  statusLanguages: Language[];
  statusTimeZone: string | undefined;
  setTicketView(view: TicketStatusView, at: number): void;
  setTicketMissing(): void;
  setTicketStale(): void;
  setStatusCenter(languages: Language[], timeZone: string): void;
}

export const statusSlice: Slice<StatusSlice> = (set) => ({
  ticketView: null,
  ticketMissing: false,
  ticketStale: false,
  ticketUpdatedAt: null,
  statusLanguages: [],
  statusTimeZone: undefined,
  setTicketView: (ticketView, at) => set({ ticketView, ticketMissing: false, ticketStale: false, ticketUpdatedAt: at }),
  setTicketMissing: () => set({ ticketView: null, ticketMissing: true, ticketStale: false }),
  setTicketStale: () => set({ ticketStale: true }),
  setStatusCenter: (statusLanguages, statusTimeZone) => set({ statusLanguages, statusTimeZone }),
});
