/**
 * shared/src/schedule.ts: open now, the next opening and the ETA's hours (docs/SPEC.md I3, I6, W4),
 * and the closed days of the configuration contract.
 */
import { describe, expect, it } from 'vitest';
import { afterOpenMinutes, centerConfigSchema, closedDaysSchema, formatIssues, isOpenAt, nextOpening, scheduleOf, weeklyHoursSchema, type Schedule, type WeeklyHours } from '@qms/shared';
import { testCenter } from '../helpers/center.js';

const workdays = (from: string, to: string): WeeklyHours => {
  const day = [{ from, to }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day };
};
/** Local wall-clock time in Moscow (UTC+3 all year) in March 2026; the 2nd is a Monday. */
const moscow = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
const MSK = 'Europe/Moscow';

describe('schedule: open now (I3, I6)', () => {
  const center = { hours: workdays('09:00', '18:00'), closedDays: [{ date: '2026-03-09', reason: 'Holiday' }] };

  it('I6: a closed day is closed within its hours; the day after opens as usual', () => {
    const s = scheduleOf(center);
    expect(isOpenAt(s, moscow(9, 10), MSK)).toBe(false);
    expect(isOpenAt(s, moscow(10, 10), MSK)).toBe(true);
    expect(isOpenAt(s, moscow(10, 8, 59), MSK)).toBe(false);
  });

  it('I6: a yearly closed day closes its month and day in every year, whatever the year written', () => {
    const s = scheduleOf({ hours: workdays('09:00', '18:00'), closedDays: [{ date: '2020-03-10', yearly: true }] });
    expect(isOpenAt(s, moscow(10, 10), MSK)).toBe(false);
    expect(isOpenAt(s, moscow(11, 10), MSK)).toBe(true);
  });

  it("I6: a service's own closed day closes only it, and adds to the center's; its own hours replace the center's", () => {
    const service = { hours: { tue: [{ from: '14:00', to: '16:00' }] }, closedDays: [{ date: '2026-03-10', reason: 'Audit' }] };
    const s = scheduleOf(center, service);
    expect(s.closedDays.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-10']);
    expect(isOpenAt(s, moscow(10, 15), MSK)).toBe(false); // its own closed day
    expect(isOpenAt(scheduleOf(center), moscow(10, 15), MSK)).toBe(true); // the center is open
    expect(isOpenAt(s, moscow(17, 15), MSK)).toBe(true); // a Tuesday like any other
    expect(isOpenAt(s, moscow(17, 10), MSK)).toBe(false); // its own hours, not the center's
  });
});

describe('schedule: next opening (I6)', () => {
  it('skips closed days: the next opening after a long weekend is on the first open day', () => {
    const s = scheduleOf({ hours: workdays('09:00', '18:00'), closedDays: [{ date: '2026-03-09' }, { date: '2026-03-10' }] });
    // Friday the 6th after closing: Saturday and Sunday have no hours, Monday and Tuesday are closed.
    expect(nextOpening(s, moscow(6, 19), MSK)).toBe(moscow(11, 9));
    // On a closed day itself, before what would have been its opening.
    expect(nextOpening(s, moscow(9, 7), MSK)).toBe(moscow(11, 9));
  });

  it("a service's own closed day moves its next opening, not the center's", () => {
    const center = { hours: workdays('09:00', '18:00') };
    const service = { closedDays: [{ date: '2026-03-03' }] };
    expect(nextOpening(scheduleOf(center), moscow(2, 19), MSK)).toBe(moscow(3, 9));
    expect(nextOpening(scheduleOf(center, service), moscow(2, 19), MSK)).toBe(moscow(4, 9));
  });

  it('is DST-safe: 08:00 on the day the clocks go forward is 08:00 by the wall clock, after a closed Saturday', () => {
    // Berlin goes from UTC+1 to UTC+2 at 02:00 on Sunday 29 March 2026.
    const every = [{ from: '08:00', to: '18:00' }];
    const s = scheduleOf({ hours: { mon: every, tue: every, wed: every, thu: every, fri: every, sat: every, sun: every }, closedDays: [{ date: '2026-03-28' }] });
    const fridayEvening = Date.UTC(2026, 2, 27, 19, 0); // 20:00 in Berlin
    expect(nextOpening(s, fridayEvening, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 6, 0));
    // And back in October (UTC+2 → UTC+1 on Sunday the 25th).
    const saturday = Date.UTC(2026, 9, 24, 17, 0); // 19:00 in Berlin
    expect(nextOpening(s, saturday, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 7, 0));
  });

  it('closed for longer than a week still finds the day it opens; no hours at all is null', () => {
    const closedDays = Array.from({ length: 20 }, (_, i) => ({ date: `2026-03-${String(i + 2).padStart(2, '0')}` }));
    expect(nextOpening(scheduleOf({ hours: workdays('09:00', '18:00'), closedDays }), moscow(2, 10), MSK)).toBe(moscow(23, 9));
    expect(nextOpening({ hours: {}, closedDays: [] }, moscow(2, 10), MSK)).toBeNull();
  });
});

describe('schedule: the hours hold the wait (W4)', () => {
  const lunch: Schedule = { hours: { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }] }, closedDays: [] };

  it('W4: within an interval the wait runs on the clock', () => {
    expect(afterOpenMinutes(lunch, moscow(2, 10), MSK, 30)).toBe(moscow(2, 10, 30));
  });

  it('W4: a wait that reaches the lunch break gets the break added; one in the break starts at its end', () => {
    expect(afterOpenMinutes(lunch, moscow(2, 11, 50), MSK, 20)).toBe(moscow(2, 13, 10));
    expect(afterOpenMinutes(lunch, moscow(2, 12, 30), MSK, 5)).toBe(moscow(2, 13, 5));
  });

  it("W4: before the day's opening the wait starts at the opening, never earlier", () => {
    expect(afterOpenMinutes(lunch, moscow(2, 8), MSK, 0)).toBe(moscow(2, 9));
    expect(afterOpenMinutes(lunch, moscow(2, 8), MSK, 190)).toBe(moscow(2, 13, 10));
  });

  it("W4: after the last closing, on a day without hours or on a closed day, the wait runs on the clock", () => {
    expect(afterOpenMinutes(lunch, moscow(2, 17, 50), MSK, 30)).toBe(moscow(2, 18, 20));
    expect(afterOpenMinutes(lunch, moscow(3, 10), MSK, 30)).toBe(moscow(3, 10, 30));
    expect(afterOpenMinutes({ ...lunch, closedDays: [{ date: '2026-03-02' }] }, moscow(2, 8), MSK, 30)).toBe(moscow(2, 8, 30));
  });
});

describe('closed days and hours in the configuration', () => {
  const issues = (r: { success: boolean; error?: unknown }) => (r.success ? '' : formatIssues(r.error as never));

  it('a closed day is a real local date; a date twice (or a yearly month and day twice) is refused', () => {
    expect(closedDaysSchema.safeParse([{ date: '2026-01-01', reason: 'New Year', yearly: true }, { date: '2026-05-09' }]).success).toBe(true);
    expect(issues(closedDaysSchema.safeParse([{ date: '2026-02-30' }]))).toBe('[0].date: no such date in the calendar');
    expect(issues(closedDaysSchema.safeParse([{ date: '1/5/2026' }]))).toBe('[0].date: expected a date "YYYY-MM-DD"');
    expect(issues(closedDaysSchema.safeParse([{ date: '2026-05-09' }, { date: '2026-05-09', reason: 'again' }]))).toBe('[1].date: 2026-05-09 is listed twice');
    expect(issues(closedDaysSchema.safeParse([{ date: '2025-01-01', yearly: true }, { date: '2026-01-01', yearly: true }]))).toBe('[1].date: 2026-01-01 is listed twice');
    expect(issues(closedDaysSchema.safeParse([{ date: '2026-05-09', reason: '\u200b' }]))).toContain('[0].reason: write at least one letter or digit');
  });

  it('overlapping intervals of one day are refused, naming both; touching ones are fine', () => {
    expect(weeklyHoursSchema.safeParse({ mon: [{ from: '13:00', to: '18:00' }, { from: '09:00', to: '13:00' }] }).success).toBe(true);
    expect(issues(weeklyHoursSchema.safeParse({ tue: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] }))).toBe('tue[1]: 12:00–18:00 overlaps 09:00–13:00: join them or change one');
    expect(issues(weeklyHoursSchema.safeParse({ wed: [{ from: '18:00', to: '09:00' }] }))).toBe('wed[0]: "from" must be before "to"');
  });

  it('a file without closed days (qms-center/1 as before) still reads; one with them keeps them', () => {
    const old = testCenter();
    const parsed = centerConfigSchema.parse(old);
    expect(parsed.center.closedDays).toBeUndefined();
    expect(parsed.services.every((s) => s.closedDays === undefined)).toBe(true);
    const withDays = centerConfigSchema.parse({ ...old, center: { ...old.center, closedDays: [{ date: '2026-03-08', reason: 'Women’s Day', yearly: true }] } });
    expect(withDays.center.closedDays).toEqual([{ date: '2026-03-08', reason: 'Women’s Day', yearly: true }]);
  });
});

