import type { Language } from '@qms/shared';
import type { TicketStatusView } from '../api';
import type { Slice } from './types';

/**
 * Whether the phone may ring when its visitor is called: `needsTap` when the visitor turned it on
 * before but the browser wants a touch on this visit before it plays anything.
 */
export type SoundAlerts = 'off' | 'on' | 'needsTap';

/** The phone page (/kiosk/t/<id>): one ticket's public status, followed live (status-follow.ts). */
export interface StatusSlice {
  ticketView: TicketStatusView | null;
  ticketMissing: boolean;
  /** The last poll failed; the page keeps showing what it had. */
  ticketStale: boolean;
  ticketUpdatedAt: number | null;
  /** The live connection is up: changes arrive as they happen. */
  ticketLive: boolean;
  soundAlerts: SoundAlerts;
  /** The languages the ticket's center offers, and its time zone. */
  statusLanguages: Language[];
  statusTimeZone: string | undefined;
  setTicketView(view: TicketStatusView, at: number): void;
  setTicketMissing(): void;
  setTicketStale(): void;
  setTicketLive(live: boolean): void;
  setSoundAlerts(state: SoundAlerts): void;
  setStatusCenter(languages: Language[], timeZone: string): void;
}

export const statusSlice: Slice<StatusSlice> = (set) => ({
  ticketView: null,
  ticketMissing: false,
  ticketStale: false,
  ticketUpdatedAt: null,
  ticketLive: false,
  soundAlerts: 'off',
  statusLanguages: [],
  statusTimeZone: undefined,
  setTicketView: (ticketView, at) => set({ ticketView, ticketMissing: false, ticketStale: false, ticketUpdatedAt: at }),
  setTicketMissing: () => set({ ticketView: null, ticketMissing: true, ticketStale: false }),
  // Live again means current again.
  setTicketLive: (ticketLive) => set(ticketLive ? { ticketLive, ticketStale: false } : { ticketLive }),
  setTicketStale: () => set({ ticketStale: true }),
  setSoundAlerts: (soundAlerts) => set({ soundAlerts }),
  setStatusCenter: (statusLanguages, statusTimeZone) => set({ statusLanguages, statusTimeZone }),
});
