import { describe, expect, it } from 'vitest';
import { addDays, daysIn, periodOf, periodProblem, todayIn } from './period';

const NONE = { from: '', to: '' };

describe('today in the center’s zone', () => {
  it('is the center’s calendar day, not the browser’s or UTC’s', () => {
    // 17:30 UTC is already tomorrow in Ho Chi Minh City (UTC+7).
    expect(todayIn(Date.UTC(2026, 2, 1, 17, 30), 'Asia/Ho_Chi_Minh')).toBe('2026-03-02');
    expect(todayIn(Date.UTC(2026, 2, 1, 16, 59), 'Asia/Ho_Chi_Minh')).toBe('2026-03-01');
    expect(todayIn(Date.UTC(2026, 2, 1, 21, 0), 'Europe/Moscow')).toBe('2026-03-02');
    expect(todayIn(Date.UTC(2026, 2, 1, 18, 59), 'Asia/Tashkent')).toBe('2026-03-01');
  });

  it('turns at local midnight on the days the clocks change (DST)', () => {
    // New York springs forward on 8 March 2026 at 02:00: midnight before it is still 05:00 UTC.
    expect(todayIn(Date.UTC(2026, 2, 8, 4, 59), 'America/New_York')).toBe('2026-03-07');
    expect(todayIn(Date.UTC(2026, 2, 8, 5, 0), 'America/New_York')).toBe('2026-03-08');
    // After the change, midnight is 04:00 UTC.
    expect(todayIn(Date.UTC(2026, 2, 9, 3, 59), 'America/New_York')).toBe('2026-03-08');
    expect(todayIn(Date.UTC(2026, 2, 9, 4, 0), 'America/New_York')).toBe('2026-03-09');
    // Berlin: summer time from 29 March, winter time from 25 October 2026.
    expect(todayIn(Date.UTC(2026, 2, 28, 23, 30), 'Europe/Berlin')).toBe('2026-03-29');
    expect(todayIn(Date.UTC(2026, 9, 24, 22, 30), 'Europe/Berlin')).toBe('2026-10-25');
    expect(todayIn(Date.UTC(2026, 9, 25, 22, 30), 'Europe/Berlin')).toBe('2026-10-25');
  });
});

describe('presets', () => {
  it('today, yesterday and the last 7 days (today included)', () => {
    expect(periodOf('today', '2026-03-02', NONE)).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(periodOf('yesterday', '2026-03-01', NONE)).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(periodOf('yesterday', '2026-01-01', NONE)).toEqual({ from: '2025-12-31', to: '2025-12-31' });
    expect(periodOf('last7', '2026-03-02', NONE)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
  });

  it('a week across a change of the clocks is still seven days', () => {
    const week = periodOf('last7', '2026-03-31', NONE);
    expect(week).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    expect(daysIn(week)).toBe(7);
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
  });

  it('this month and last month, across month and year ends and in leap years', () => {
    expect(periodOf('thisMonth', '2026-03-17', NONE)).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    expect(periodOf('thisMonth', '2026-03-01', NONE)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(periodOf('lastMonth', '2026-03-31', NONE)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('lastMonth', '2024-03-01', NONE)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('lastMonth', '2026-01-15', NONE)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodOf('lastMonth', '2026-05-31', NONE)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(daysIn(periodOf('lastMonth', '2026-11-02', NONE))).toBe(31);
  });

  it('custom is the range as typed', () => {
    expect(periodOf('custom', '2026-03-02', { from: '2026-01-10', to: '2026-02-10' })).toEqual({ from: '2026-01-10', to: '2026-02-10' });
  });
});

describe('a custom range the server would refuse', () => {
  it('says what is wrong before asking', () => {
    expect(periodProblem({ from: '2026-03-01', to: '' })).toBe('missing');
    expect(periodProblem({ from: '2026-03-05', to: '2026-03-01' })).toBe('reversed');
    // At most 367 days, both ends counted.
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-02' })).toBeNull();
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-03' })).toBe('tooLong');
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });
});
