import { describe, expect, it } from 'vitest';
import { dayTotals, fullness, planPeriod, slotsByHour, taken, type PlanService } from './plan';

const MIN = 60_000;
/** Moscow (UTC+3) wall clock. */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
const slot = (at: number, o: Partial<PlanService['slots'][number]> = {}) => ({ at, capacity: 1, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, ...o });
const TZ = 'Europe/Moscow';

describe('the plan', () => {
  it('covers today and the six days after it, across a month end', () => {
    expect(planPeriod('2026-03-29')).toEqual({
      from: '2026-03-29',
      to: '2026-04-04',
      days: ['2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04'],
    });
  });

  it('adds up a service per center day: 00:30 in Moscow is the next day, though still the day before in UTC', () => {
    const service: PlanService = {
      serviceId: 'passport',
      slotMin: 10,
      slots: [
        slot(msk(2, 10), { booked: 1 }),
        slot(msk(2, 10, 10), { capacity: 2, checkedIn: 1, noShow: 1 }),
        slot(msk(3, 0, 30), { cancelled: 1 }),
        // Booked before its counter's plan changed: no place now, its booking still counts.
        slot(msk(3, 9), { capacity: 0, booked: 1 }),
        slot(msk(20, 9), { booked: 5 }),
      ],
    };
    const [mon, tue, wed] = dayTotals(service, ['2026-03-02', '2026-03-03', '2026-03-04'], TZ);
    expect(mon).toEqual({ day: '2026-03-02', slots: 2, capacity: 3, booked: 1, checkedIn: 1, noShow: 1, cancelled: 0 });
    expect(tue).toEqual({ day: '2026-03-03', slots: 1, capacity: 1, booked: 1, checkedIn: 0, noShow: 0, cancelled: 1 });
    expect(wed).toEqual({ day: '2026-03-04', slots: 0, capacity: 0, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 });
    expect(taken(mon!)).toBe(3);
  });

  it("lays a day's slots out by the local hour they start in, in time order", () => {
    const service: PlanService = { serviceId: 'p', slotMin: 20, slots: [slot(msk(2, 11, 20)), slot(msk(2, 9, 40)), slot(msk(2, 11)), slot(msk(3, 9))] };
    const rows = slotsByHour(service, '2026-03-02', TZ);
    expect(rows.map((r) => [r.hour, r.slots.map((s) => (s.at - msk(2, 0)) / MIN)])).toEqual([
      [9, [580]],
      [11, [660, 680]],
    ]);
  });

  it('says how full a slot is', () => {
    expect(fullness(0, 2)).toBe('empty');
    expect(fullness(1, 2)).toBe('some');
    expect(fullness(2, 2)).toBe('full');
    expect(fullness(1, 0)).toBe('full');
  });
});
