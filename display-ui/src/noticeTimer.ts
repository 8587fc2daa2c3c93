/**
 * Takes notices down when their time is up: one timer, set for the next notice to end, moved
 * whenever the list changes. Returns its stop function, which clears the timer.
 */
import { nextNoticeEnd } from './store/notices.js';
import type { DisplayStore } from './store/index.js';

export function startNoticeTimer(store: DisplayStore, now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due: number | null = null;

  const schedule = () => {
    const next = nextNoticeEnd(store.getState().notices);
    if (next === due) return;
    clearTimeout(timer);
    timer = undefined;
    due = next;
    if (next === null) return;
    timer = setTimeout(() => {
      timer = undefined;
      due = null;
      store.getState().expireNotices(now());
      schedule();
    }, Math.max(0, next - now()));
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.notices !== prev.notices) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    clearTimeout(timer);
    timer = undefined;
  };
}
