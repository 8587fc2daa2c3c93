import { describe, expect, it } from 'vitest';
import { dateLine } from './dates.js';

describe('dateLine', () => {
  const at = Date.UTC(2026, 10, 24, 1, 0); // Tuesday 24 November 2026, 08:00 in Ho Chi Minh City
  it('writes the Uzbek date itself, in the center’s time zone', () => {
    expect(dateLine('uz', 'Asia/Ho_Chi_Minh').format(at)).toBe('24-noyabr, seshanba');
    expect(dateLine('uz', 'America/Los_Angeles').format(at)).toBe('23-noyabr, dushanba');
  });
  it('uses the browser for the others', () => {
    expect(dateLine('en', 'Asia/Ho_Chi_Minh').format(at)).toMatch(/Tuesday.*24|November 24/);
    expect(dateLine('en', 'Asia/Ho_Chi_Minh').format(at)).toContain('November');
  });
});
