/** The booking page's wiring outside React: its address in, the booking's own address out. */
import { manageUrl, type BookRoute } from './booking';
import type { KioskStore } from './store';

export function startBooking(store: KioskStore, route: BookRoute, search: string): () => void {
  const params = new URLSearchParams(search);
  void store.getState().openBookingPage(route, params.get('center'), params.get('lang'));
  // Once booked, the address is the booking's own page (/book/<CODE>): a reload, a bookmark or a
  // shared link opens the booking, not an empty form.
  return store.subscribe((s, prev) => {
    if (s.booking && s.bookCenter && (s.booking !== prev.booking || s.lang !== prev.lang)) {
      const url = manageUrl(s.booking.code, s.bookCenter.id, s.lang);
      if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
    }
  });
}
