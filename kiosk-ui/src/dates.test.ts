import { describe, expect, it } from 'vitest';
import { longDate, shortTime } from './dates';

// 2026-11-24 (a Tuesday) 14:05 in Tashkent (UTC+5).
const AT = Date.UTC(2026, 10, 24, 9, 5);

describe('dates', () => {
  it('spells Uzbek dates out, since the browser cannot', () => {
    expect(longDate('uz', AT, 'Asia/Tashkent')).toBe('24-noyabr, seshanba');
    expect(shortTime('uz', AT, 'Asia/Tashkent')).toBe('14:05');
  });

  it('uses Intl for the other languages, in the center time zone', () => {
    expect(longDate('ru', AT, 'Europe/Moscow')).toBe('вторник, 24 ноября');
    expect(shortTime('ru', AT, 'Europe/Moscow')).toBe('12:05');
  });
});
