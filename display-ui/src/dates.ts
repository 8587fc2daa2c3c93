/**
 * The clock's date line. Browsers often ship ICU without Uzbek data while claiming to support
 * it (Chromium prints "M11 24, Tue"), so the Uzbek date is built from our own names.
 */
import type { Language } from '@qms/shared';

const UZ = {
  months: ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'],
  weekdays: ['yakshanba', 'dushanba', 'seshanba', 'chorshanba', 'payshanba', 'juma', 'shanba'],
};

export interface DateLine {
  format(at: number): string;
}

export function dateLine(lang: Language, timeZone: string | undefined): DateLine {
  if (lang !== 'uz') return new Intl.DateTimeFormat(lang, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'numeric' });
  const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    format(at) {
      const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
      const month = UZ.months[Number(p.month) - 1] ?? '';
      const weekday = UZ.weekdays[WEEKDAYS_EN.indexOf(p.weekday ?? '')] ?? '';
      return `${p.day}-${month}, ${weekday}`;
    },
  };
}
