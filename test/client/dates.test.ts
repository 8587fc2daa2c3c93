/**
 * The apps' one formatter of dates, times and numbers (shared/src/client/dates.ts): the viewer's
 * language, the center's clock, 24-hour in all four languages, whatever the machine's own zone.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime, formatList, formatNumber, formatPercent, formatTime, sameDay } from '../../shared/src/client/dates.js';

// Tuesday 24 November 2026, 15:17 in Ho Chi Minh City (UTC+7), 08:17 UTC.
const AT = Date.UTC(2026, 10, 24, 8, 17);
const HCMC = 'Asia/Ho_Chi_Minh';

describe('dates in the viewer’s language', () => {
  it('the time of day is 24-hour in every language, on the center’s clock', () => {
    for (const lang of ['en', 'ru', 'vi', 'uz']) expect(formatTime(AT, lang, HCMC), lang).toBe('15:17');
    expect(formatTime(Date.UTC(2026, 10, 24, 0, 5), 'en', HCMC)).toBe('07:05');
  });

  it('the long date names weekday and month in the language (Uzbek in Latin, lower case)', () => {
    expect(formatDate(AT, 'en', HCMC)).toBe('Tuesday, 24 November');
    expect(formatDate(AT, 'ru', HCMC)).toBe('вторник, 24 ноября');
    expect(formatDate(AT, 'vi', HCMC)).toBe('Thứ Ba, 24 tháng 11');
    expect(formatDate(AT, 'uz', HCMC)).toBe('seshanba, 24-noyabr');
    expect(formatDate(Date.UTC(2026, 0, 4, 12), 'uz', HCMC)).toBe('yakshanba, 4-yanvar');
    expect(formatDate(Date.UTC(2026, 2, 2, 7), 'vi', HCMC)).toBe('Thứ Hai, 2 tháng 3');
  });

  it('the short date and the date with time', () => {
    expect(formatDateShort(AT, 'ru', HCMC)).toBe('24.11.2026');
    expect(formatDateShort(AT, 'en', HCMC)).toBe('24/11/2026');
    expect(formatDateTime(AT, 'ru', HCMC)).toBe('24.11.2026, 15:17');
    expect(formatDateTime(AT, 'en', HCMC)).toBe('24/11/2026, 15:17');
    expect(formatDateTime(AT, 'vi', HCMC)).toBe('24/11/2026 15:17');
    expect(formatDateTime(AT, 'uz', HCMC)).toBe('24/11/2026, 15:17');
  });

  it('a time zone other than the machine’s decides the day: late evening in Los Angeles is the next morning in Tashkent', () => {
    const at = Date.UTC(2026, 10, 24, 5, 30); // 21:30 on Monday 23rd in Los Angeles, 10:30 on Tuesday 24th in Tashkent
    expect(formatDate(at, 'uz', 'America/Los_Angeles')).toBe('dushanba, 23-noyabr');
    expect(formatTime(at, 'uz', 'America/Los_Angeles')).toBe('21:30');
    expect(formatDate(at, 'uz', 'Asia/Tashkent')).toBe('seshanba, 24-noyabr');
    expect(formatTime(at, 'uz', 'Asia/Tashkent')).toBe('10:30');
    expect(sameDay(at, Date.UTC(2026, 10, 24, 18), 'Asia/Tashkent')).toBe(true);
    expect(sameDay(at, Date.UTC(2026, 10, 24, 18), 'America/Los_Angeles')).toBe(false);
  });

  it('a day when the clocks change: the hour before and after the switch in Berlin', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(formatTime(Date.UTC(2026, 2, 29, 0, 59), 'ru', 'Europe/Berlin')).toBe('01:59');
    expect(formatTime(Date.UTC(2026, 2, 29, 1, 0), 'ru', 'Europe/Berlin')).toBe('03:00');
    expect(formatDate(Date.UTC(2026, 2, 29, 1, 0), 'en', 'Europe/Berlin')).toBe('Sunday, 29 March');
    // 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
    expect(formatTime(Date.UTC(2026, 9, 25, 0, 30), 'vi', 'Europe/Berlin')).toBe('02:30');
    expect(formatTime(Date.UTC(2026, 9, 25, 1, 30), 'vi', 'Europe/Berlin')).toBe('02:30');
  });

  it('a regional tag or an unknown language is handled, not thrown', () => {
    expect(formatDate(AT, 'ru-RU', HCMC)).toBe('вторник, 24 ноября');
    expect(formatDate(AT, 'de', HCMC)).toBe('Tuesday, 24 November');
  });

  it('percentages and lists follow the language', () => {
    expect(formatPercent(0.854, 'en')).toBe('85%');
    expect(formatPercent(0.854, 'ru')).toBe('85\u00a0%');
    expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B and C');
    expect(formatList(['A', 'B'], 'ru')).toBe('A и B');
    expect(formatList(['A', 'B'], 'vi')).toBe('A và B');
    expect(formatList(['A', 'B', 'C'], 'uz')).toBe('A, B va C');
    expect(formatList(['A'], 'uz')).toBe('A');
  });

  it('numbers use the language\'s decimal sign and thousands separator', () => {
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
    expect(formatNumber(1234.56, 'ru')).toBe('1\u00a0234,6');
    expect(formatNumber(1234.56, 'vi')).toBe('1.234,6');
    expect(formatNumber(1234.56, 'uz')).toBe('1\u00a0234,6');
    expect(formatNumber(6, 'ru')).toBe('6');
    expect(formatNumber(0.04, 'en')).toBe('0');
    expect(formatNumber(-0.04, 'en')).toBe('0');
    expect(formatNumber(-2.25, 'en', 2)).toBe('-2.25');
    expect(formatNumber(999, 'vi')).toBe('999');
    expect(formatNumber(5, 'ru', 1, true)).toBe('5,0');
    expect(formatNumber(12.345, 'en', 1, true)).toBe('12.3');
  });
});
