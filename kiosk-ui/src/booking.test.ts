import { describe, expect, it } from 'vitest';
import { bookingDays, bookRoute, calendarUrl, dayName, manageUrl, refusalKey, relativeDay, timeIsGone, todayOf } from './booking';
import { en } from './i18n/en';
import { ru } from './i18n/ru';
import { uz } from './i18n/uz';
import { vi } from './i18n/vi';

describe('the booking page address', () => {
  it('books at /book and /book/, and opens a booking at /book/<CODE> however the code is typed', () => {
    expect(bookRoute('/book')).toEqual({ kind: 'book' });
    expect(bookRoute('/book/')).toEqual({ kind: 'book' });
    expect(bookRoute('/book/K7M2QX9P')).toEqual({ kind: 'manage', code: 'K7M2QX9P' });
    expect(bookRoute('/book/k7m2-qx9p/')).toEqual({ kind: 'manage', code: 'K7M2QX9P' });
    expect(bookRoute('/book/K7M2%20QX9P')).toEqual({ kind: 'manage', code: 'K7M2QX9P' });
    // 0, O, 1 and I are not in codes: a code with them was mistyped.
    expect(bookRoute('/book/K7M2-QX90')).toEqual({ kind: 'badCode', typed: 'K7M2-QX90' });
    expect(bookRoute('/book/%E0%A4%A')).toEqual({ kind: 'badCode', typed: '%E0%A4%A' });
  });

  it('is not the kiosk, its ticket pages nor anything else', () => {
    for (const path of ['/', '/kiosk/', '/kiosk/t/abc', '/booking', '/book/a/b', '/books/']) expect(bookRoute(path)).toBeNull();
  });

  it("links the booking's page with its center and language, and its calendar file", () => {
    expect(manageUrl('K7M2QX9P', 'c 1', 'vi')).toBe('/book/K7M2QX9P?center=c+1&lang=vi');
    expect(bookRoute(manageUrl('K7M2QX9P', 'c1', 'vi').split('?')[0]!)).toEqual({ kind: 'manage', code: 'K7M2QX9P' });
    expect(calendarUrl('c1', 'K7M2QX9P')).toBe('/api/appointments/c1/K7M2QX9P/calendar.ics');
  });
});

describe('bookable days', () => {
  it('are every calendar day from the first to the last, over a month end and a DST change', () => {
    expect(bookingDays('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(bookingDays('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(bookingDays('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
    expect(bookingDays('2026-03-02', '2026-03-01')).toEqual([]);
    // A service allows 90 days ahead at most; a bad answer cannot make the page loop.
    expect(bookingDays('2026-01-01', '2099-01-01')).toHaveLength(92);
  });

  it('are named in the visitor language, the same date wherever the phone is', () => {
    expect(dayName('2026-03-02', 'en')).toBe('Monday, 2 March');
    expect(dayName('2026-03-02', 'ru')).toBe('понедельник, 2 марта');
    expect(dayName('2026-03-02', 'vi')).toBe('Thứ Hai, 2 tháng 3');
    expect(dayName('2026-03-02', 'uz')).toBe('dushanba, 2-mart');
  });

  it('today is the earliest first day the server gives; tomorrow the one after', () => {
    const today = todayOf([{ firstDay: '2026-03-03' }, { firstDay: '2026-03-02' }]);
    expect(today).toBe('2026-03-02');
    expect(['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => relativeDay(d, today))).toEqual(['bookToday', 'bookTomorrow', null]);
    expect(relativeDay('2026-03-02', todayOf([]))).toBeNull();
  });
});

describe('refusals', () => {
  const codes = ['SLOT_FULL', 'SLOT_UNAVAILABLE', 'UNKNOWN_APPOINTMENT', 'APPOINTMENT_CLOSED', 'BOOKING_LIMIT', 'RATE_LIMITED', 'BAD_REQUEST', 'UNKNOWN_SERVICE', 'NOT_FOUND', 'UNAVAILABLE', 'INTERNAL', 'SOMETHING_NEW'];

  it('each have their own words in all four languages, never the server message', () => {
    const keys = codes.map(refusalKey);
    expect(new Set(keys.slice(0, 10)).size).toBe(10);
    expect(keys.slice(10)).toEqual(['bookErrFailed', 'bookErrFailed']);
    for (const catalogue of [en, ru, vi, uz]) for (const key of keys) expect(catalogue[key]).toMatch(/\p{L}{3}/u);
    expect(ru[refusalKey('SLOT_FULL')]).toBe('Это время только что заняли. Выберите другое.');
  });

  it('send the visitor back to the times only when the chosen one is gone', () => {
    expect(codes.filter(timeIsGone)).toEqual(['SLOT_FULL', 'SLOT_UNAVAILABLE']);
  });
});
