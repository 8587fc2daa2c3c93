/**
 * The phone page's data: the ticket every 15 s (and at once when the phone wakes up), and the
 * center's languages for the switcher. Outside React, like the kiosk's sync.
 */
import { fetchCatalogue, fetchTicketStatus } from './api';
import type { KioskStore } from './store';

export const STATUS_REFRESH_MS = 15_000;

export function startStatusPolling(store: KioskStore, ticketId: string, langFromUrl: boolean): { refresh(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let languagesLoaded = false;

  const loadLanguages = async (centerId: string) => {
    const res = await fetchCatalogue(null, centerId);
    if (!res.ok) return;
    languagesLoaded = true;
    store.getState().setStatusCenter(res.data.center.languages, res.data.center.timezone);
    if (!langFromUrl && !store.getState().langChosen) store.getState().setLang(res.data.center.defaultLanguage);
  };

  const poll = async () => {
    clearTimeout(timer);
    const res = await fetchTicketStatus(ticketId);
    if (res.ok) {
      store.getState().setTicketView(res.data, Date.now());
      if (!languagesLoaded) await loadLanguages(res.data.center.id);
    } else if (res.error.code === 'UNKNOWN_TICKET' || res.error.code === 'NOT_FOUND') store.getState().setTicketMissing();
    else store.getState().setTicketStale();
    timer = setTimeout(() => void poll(), STATUS_REFRESH_MS);
  };

  const onVisible = () => document.visibilityState === 'visible' && void poll();
  document.addEventListener('visibilitychange', onVisible);
  void poll();
  return {
    refresh: () => void poll(),
    stop() {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
