/**
 * A safety net for a page that runs for months: reload once a night, when nobody is in the hall,
 * so that a slow leak in the browser or a new build of the display cannot pile up. Only when the
 * server answers: a reload into a dead server leaves the browser's error page, which never
 * recovers by itself.
 */
import { localTime } from '@qms/shared';
import type { DisplayStore } from './store/index.js';

export const RELOAD_HOUR = 3;
/** After a reload at 03:00 the new page is also at 03:00: it must not reload again. */
export const MIN_UPTIME_MS = 2 * 60 * 60_000;
const CHECK_EVERY_MS = 5 * 60_000;

export function hourIn(timeZone: string, at: number): number {
  return Math.floor(localTime(at, timeZone).minute / 60);
}

export function reloadDue(p: { hour: number; uptimeMs: number; live: boolean; speaking: boolean }): boolean {
  return p.hour === RELOAD_HOUR && p.uptimeMs >= MIN_UPTIME_MS && p.live && !p.speaking;
}

export function startDailyReload(
  store: DisplayStore,
  deps: { now?: () => number; reload?: () => void; probe?: () => Promise<boolean> } = {},
): () => void {
  const now = deps.now ?? Date.now;
  const reload = deps.reload ?? (() => window.location.reload());
  const probe = deps.probe ?? (async () => (await fetch(window.location.href, { cache: 'no-store', signal: AbortSignal.timeout(10_000) }).catch(() => null))?.ok === true);
  const startedAt = now();
  const timer = setInterval(() => {
    const s = store.getState();
    if (!s.hall) return;
    const due = reloadDue({
      hour: hourIn(s.hall.center.timezone, now() + s.hall.clockOffsetMs),
      uptimeMs: now() - startedAt,
      live: s.status === 'live',
      speaking: s.announcements.some((a) => a.status !== 'done'),
    });
    if (due) void probe().then((ok) => ok && reload());
  }, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
