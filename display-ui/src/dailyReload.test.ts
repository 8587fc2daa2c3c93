import { describe, expect, it } from 'vitest';
import { hourIn, MIN_UPTIME_MS, reloadDue } from './dailyReload.js';

describe('daily reload', () => {
  const base = { hour: 3, uptimeMs: MIN_UPTIME_MS, live: true, speaking: false };
  it('reloads at 03:00 local after a long run, connected and quiet', () => {
    expect(reloadDue(base)).toBe(true);
  });
  it('does not reload otherwise', () => {
    expect(reloadDue({ ...base, hour: 4 })).toBe(false);
    expect(reloadDue({ ...base, uptimeMs: MIN_UPTIME_MS - 1 })).toBe(false);
    expect(reloadDue({ ...base, live: false })).toBe(false);
    expect(reloadDue({ ...base, speaking: true })).toBe(false);
  });
  it('reads the hour in the center’s time zone', () => {
    const at = Date.UTC(2026, 2, 2, 20, 30); // 20:30 UTC
    expect(hourIn('Asia/Ho_Chi_Minh', at)).toBe(3);
    expect(hourIn('Europe/Moscow', at)).toBe(23);
  });
});
