/**
 * localTime reads the wall clock off a zone offset it keeps per UTC quarter hour (shared/src/time.ts).
 * Against TZDate asked afresh every time: random instants over the years, in zones with DST at
 * whole, half and quarter hours (St John's, Lord Howe, Chatham), Nepal's +05:45 and the centers'
 * own zones; in time order (as a server asks) and shuffled (every cache miss), and at every minute
 * around this year's changes of the clocks.
 */
import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime } from '@qms/shared';

const ZONES = ['Europe/Moscow', 'Asia/Ho_Chi_Minh', 'Asia/Tashkent', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'UTC'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function reference(now: number, zone: string) {
  const d = new TZDate(now, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, weekday: WEEKDAYS[d.getDay()], minute: d.getHours() * 60 + d.getMinutes() };
}

const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2040, 0, 1);

describe('localTime', () => {
  it('is TZDate’s wall clock for any instant in any zone, asked in any order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(fc.integer({ min: FROM, max: TO }), { minLength: 1, maxLength: 40 }), fc.boolean(), (zone, instants, sorted) => {
        const asked = sorted ? [...instants].sort((a, b) => a - b) : instants;
        for (const now of asked) expect({ ...localTime(now, zone) }).toEqual(reference(now, zone));
      }),
      { numRuns: 300 },
    );
  });

  it.each(ZONES)('%s: every minute around this year’s changes of the clocks', (zone) => {
    // Ten hours either side of each change of offset in 2026 (found by the reference, hour by hour).
    let changes = 0;
    for (let h = Date.UTC(2026, 0, 1); h < Date.UTC(2027, 0, 1); h += 3_600_000) {
      if (new TZDate(h, zone).getTimezoneOffset() === new TZDate(h + 3_600_000, zone).getTimezoneOffset()) continue;
      changes += 1;
      for (let now = h - 10 * 3_600_000; now <= h + 10 * 3_600_000; now += 60_000) expect({ ...localTime(now + 17_000, zone) }).toEqual(reference(now + 17_000, zone));
    }
    // The zones with DST have two changes a year; the others none.
    expect([0, 2]).toContain(changes);
  });
});
