/** Wait colouring against a service's target, shared by the operator queue and the supervisor. */
const MINUTE = 60_000;

export type WaitLevel = 'ok' | 'warn' | 'late';

/** Green under two thirds of the target, amber under the target, red at or over it. */
export function waitLevel(waitMin: number, targetMin: number): WaitLevel {
  if (waitMin >= targetMin) return 'late';
  return waitMin < (targetMin * 2) / 3 ? 'ok' : 'warn';
}

/** Minutes since `since` (epoch ms, server clock) at client time `clientNow`. */
export function minutesSince(since: number, clientNow: number, clockOffsetMs: number): number {
  return Math.max(0, (clientNow + clockOffsetMs - since) / MINUTE);
}

/** "4:07", "1:02:09": a service timer. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
