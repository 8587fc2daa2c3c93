/**
 * The join page's wiring outside React: its address in, and the list kept current while the page
 * is looked at (people join and are called; a service closes), without a live connection of its own.
 */
import type { JoinRoute } from './join';
import type { KioskStore } from './store';

/** Often enough that "12 waiting" is not stale by the time the visitor chooses; a crowd's phones do not flood the server. */
export const JOIN_REFRESH_MS = 30_000;

export function startJoin(store: KioskStore, route: JoinRoute, search: string): () => void {
  void store.getState().openJoinPage(route, new URLSearchParams(search), localStorage);
  if (route.kind !== 'join') return () => {};
  const refresh = () => {
    if (document.visibilityState === 'visible' && store.getState().joinStep === 'service') void store.getState().refreshJoinCenter();
  };
  const timer = setInterval(refresh, JOIN_REFRESH_MS);
  document.addEventListener('visibilitychange', refresh);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', refresh);
  };
}
