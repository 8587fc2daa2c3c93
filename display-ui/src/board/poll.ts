/**
 * Fetches the board every `refreshMs` while the page is visible (a phone in a pocket costs the
 * server nothing), at once when it is shown again, and less often after a refusal. Outside React:
 * it lives as long as the page. Returns its stop.
 */
import type { Board } from '@qms/shared';
import type { BoardStore } from './store.js';

/** After a 429 without Retry-After, or an unknown center: ask again this much later at the soonest. */
const SLOW_MS = 60_000;

export interface PollEnv {
  fetch: typeof fetch;
  document: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;
  now: () => number;
}

export function startBoardPolling(store: BoardStore, env: PollEnv = { fetch: (...a) => fetch(...a), document, now: Date.now }): () => void {
  const { center, refreshMs } = store.getState().options;
  const path = center ? `/api/board/${encodeURIComponent(center)}` : '/api/board';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let stopped = false;

  const poll = async () => {
    timer = undefined;
    if (stopped || busy || env.document.hidden) return;
    busy = true;
    let delay = refreshMs;
    try {
      // The page wants the latest: revalidate (a 304 costs the server nothing) rather than reuse
      // the 5 s a portal's proxy may keep it.
      const res = await env.fetch(path, { cache: 'no-cache', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      if (res.ok) {
        store.getState().received((await res.json()) as Board, env.now());
      } else if (res.status === 429) {
        store.getState().failed('rate-limited');
        delay = Math.max(refreshMs, Number(res.headers.get('retry-after')) * 1000 || SLOW_MS);
      } else if (res.status === 404 || res.status === 400) {
        store.getState().failed(center ? 'unknown-center' : 'no-center');
        delay = Math.max(refreshMs, SLOW_MS);
      } else {
        store.getState().failed('unreachable');
      }
    } catch {
      store.getState().failed('unreachable');
    } finally {
      busy = false;
    }
    if (!stopped && !env.document.hidden) timer = setTimeout(() => void poll(), delay);
  };

  const onVisibility = () => {
    if (!env.document.hidden && timer === undefined) void poll();
  };
  env.document.addEventListener('visibilitychange', onVisibility);
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    env.document.removeEventListener('visibilitychange', onVisibility);
  };
}
