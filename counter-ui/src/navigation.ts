/** Moving between views: the store holds the route, the address bar mirrors it. */
import { formatRoute, parseRoute, type Route } from './router';
import { store } from './store';

export function navigate(route: Route): void {
  const path = formatRoute(route);
  if (path !== window.location.pathname) window.history.pushState(null, '', path);
  store.getState().setRoute(route);
}

/** Back/forward buttons; returns the unsubscribe. */
export function followHistory(): () => void {
  const onPop = () => store.getState().setRoute(parseRoute(window.location.pathname));
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
