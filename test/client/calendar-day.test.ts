/** A closed day's date in Settings, in the viewer's language (shared/src/client/dates.ts). */
import { describe, expect, it } from 'vitest';
import { formatCalendarDay } from '../../shared/src/client/dates.js';

describe('formatCalendarDay', () => {
  it('names weekday, day, month and year in each language (Uzbek in Latin, lower case)', () => {
    expect(formatCalendarDay('2026-01-01', 'en')).toBe('Thursday, 1 January 2026');
    expect(formatCalendarDay('2026-01-01', 'ru')).toBe('четверг, 1 января 2026 г.');
    expect(formatCalendarDay('2026-11-24', 'vi')).toBe('Thứ Ba, ngày 24 tháng 11 năm 2026');
    expect(formatCalendarDay('2026-01-01', 'uz')).toBe('payshanba, 1-yanvar 2026');
  });

  it('a yearly day is its day and month', () => {
    expect(formatCalendarDay('2026-05-09', 'en', true)).toBe('9 May');
    expect(formatCalendarDay('2026-05-09', 'ru', true)).toBe('9 мая');
    expect(formatCalendarDay('2026-05-09', 'uz', true)).toBe('9-may');
  });
});
