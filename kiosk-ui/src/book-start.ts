/** The booking page's wiring outside React: its address in; the browser's history (book-history.ts). */
import { bindBookHistory } from './book-history';
import type { BookRoute } from './booking';
import type { KioskStore } from './store';

export function startBooking(store: KioskStore, route: BookRoute, search: string): () => void {
  const params = new URLSearchParams(search);
  void store.getState().openBookingPage(route, params.get('center'), params.get('lang'));
  return bindBookHistory(store);
}
