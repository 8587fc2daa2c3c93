/**
 * The booking page and the browser's history. Each step further (day, time, details) is an entry,
 * so a phone's back button goes one step back, as the page's own Back does, instead of leaving
 * the page with the visitor's choices. The page's Back and a finished booking or move go back
 * through those entries too, so that history and page stay in step. Once booked, the address is
 * the booking's own page (/book/<CODE>): a reload, a bookmark or a shared link opens the booking.
 */
import { manageUrl } from './booking';
import type { KioskStore } from './store';
import type { BookStep } from './store/booking';

const DEPTH: Record<BookStep, number> = { service: 0, booking: 0, day: 1, time: 2, details: 3 };

const depthOf = (state: unknown): number => (state as { bookDepth?: number } | null)?.bookDepth ?? 0;

export function bindBookHistory(store: KioskStore): () => void {
  /** The address of the booking, on the entry the page shows; not while the browser is still going back. */
  let going = false;
  const showAddress = () => {
    const { booking, bookCenter, lang } = store.getState();
    if (going || !booking || !bookCenter) return;
    const url = manageUrl(booking.code, bookCenter.id, lang);
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, '', url);
  };

  const onPop = (e: PopStateEvent) => {
    going = false;
    const depth = depthOf(e.state);
    // The browser's back: as many of the page's steps back. Entries ahead of the page (after a
    // reload, or forward again after a booking) change nothing.
    for (let guard = 0; DEPTH[store.getState().bookStep] > depth && guard < 4; guard++) store.getState().bookBack();
    showAddress();
  };
  window.addEventListener('popstate', onPop);

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.bookStep !== prev.bookStep) {
      const [to, from] = [DEPTH[s.bookStep], DEPTH[prev.bookStep]];
      const at = depthOf(window.history.state);
      if (to > from && at < to) window.history.pushState({ bookDepth: to }, '');
      // Back by the page (its Back, a booking made or moved), not by the browser: the browser follows.
      if (to < from && at > to) {
        going = true;
        window.history.go(to - at);
      }
    }
    if (s.booking !== prev.booking || s.lang !== prev.lang) showAddress();
  });
  return () => {
    window.removeEventListener('popstate', onPop);
    unsubscribe();
  };
}
