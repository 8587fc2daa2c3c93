/**
 * Dates, times and numbers in the viewer's language, on the center's clock: the one place the
 * apps format them. Built on date-fns locales rather than the browser's Intl, whose data varies
 * by browser (Chromium ships no Uzbek month or weekday names and prints "M11 24, Tue").
 *
 * Every language here writes the time of day on a 24-hour clock ("15:17"): English is en-GB,
 * since the centers are not in the US. `timeZone` is the center's; without it, the device's own.
 */
import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { ru } from 'date-fns/locale/ru';
import { uz } from 'date-fns/locale/uz';
import { vi } from 'date-fns/locale/vi';

/**
 * Uzbek (Latin) writes month and weekday names in lower case mid-sentence ("24-noyabr"), as the
 * Unicode CLDR has them; date-fns capitalises them.
 */
const uzLatin: Locale = {
  ...uz,
  localize: {
    ...uz.localize,
    month: (...args: Parameters<Locale['localize']['month']>) => uz.localize.month(...args).toLowerCase(),
    day: (...args: Parameters<Locale['localize']['day']>) => uz.localize.day(...args).toLowerCase(),
  },
};

/** Vietnamese writes the month's number as it is ("2 tháng 3"); date-fns pads it ("tháng 03"). */
const viUnpadded: Locale = {
  ...vi,
  localize: {
    ...vi.localize,
    month: (...args: Parameters<Locale['localize']['month']>) => vi.localize.month(...args).replace(/ 0(\d)$/, ' $1'),
  },
};

interface Style {
  locale: Locale;
  /** Weekday, day and month: "вторник, 24 ноября". */
  long: string;
}

const STYLES: Record<string, Style> = {
  en: { locale: enGB, long: 'EEEE, d MMMM' },
  ru: { locale: ru, long: 'EEEE, d MMMM' },
  vi: { locale: viUnpadded, long: 'EEEE, d MMMM' },
  uz: { locale: uzLatin, long: 'EEEE, d-MMMM' },
};

/** A language tag ("ru", "ru-RU", "uz-Latn") to its style; anything else reads as English. */
function styleOf(lang: string): Style {
  return STYLES[lang.slice(0, 2).toLowerCase()] ?? (STYLES.en as Style);
}

function inZone(at: number | Date, timeZone: string | undefined): Date {
  return timeZone ? new TZDate(typeof at === 'number' ? at : at.getTime(), timeZone) : new Date(at);
}

/** "15:17" in every language. */
export function formatTime(at: number | Date, lang: string, timeZone?: string): string {
  return format(inZone(at, timeZone), 'HH:mm', { locale: styleOf(lang).locale });
}

/** Weekday, day and month: "Tuesday, 24 November", "вторник, 24 ноября", "Thứ Ba, 24 tháng 11", "seshanba, 24-noyabr". */
export function formatDate(at: number | Date, lang: string, timeZone?: string): string {
  const { locale, long } = styleOf(lang);
  return format(inZone(at, timeZone), long, { locale });
}

/** The numeric date: "24/11/2026", "24.11.2026". */
export function formatDateShort(at: number | Date, lang: string, timeZone?: string): string {
  return format(inZone(at, timeZone), 'P', { locale: styleOf(lang).locale });
}

/**
 * A calendar date "YYYY-MM-DD" (a closed day: no clock, no zone) with weekday and year: "Thursday,
 * 1 January 2026", "четверг, 1 января 2026 г.", "payshanba, 1-yanvar 2026"; `yearly`, the day and
 * month alone ("1 January", "1-yanvar"), as it comes back every year.
 */
export function formatCalendarDay(day: string, lang: string, yearly = false): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const uzbek = lang.slice(0, 2).toLowerCase() === 'uz';
  const pattern = yearly ? (uzbek ? 'd-MMMM' : 'd MMMM') : uzbek ? 'EEEE, d-MMMM yyyy' : 'PPPP';
  return format(new Date(y, m - 1, d), pattern, { locale: styleOf(lang).locale });
}

/** The numeric date and the time, joined as the language joins them: "24.11.2026, 15:17", "24/11/2026 15:17". */
export function formatDateTime(at: number | Date, lang: string, timeZone?: string): string {
  const { locale } = styleOf(lang);
  const joined = locale.formatLong?.dateTime({ width: 'short' }) ?? '{{date}}, {{time}}';
  return joined.replace('{{date}}', formatDateShort(at, lang, timeZone)).replace('{{time}}', formatTime(at, lang, timeZone));
}

/** True when both instants fall on the same calendar day in the zone. */
export function sameDay(a: number, b: number, timeZone?: string): boolean {
  return format(inZone(a, timeZone), 'yyyy-MM-dd') === format(inZone(b, timeZone), 'yyyy-MM-dd');
}

/** A share (0.85) as a whole percentage in the language's way: "85%", "85 %" in Russian. */
export function formatPercent(share: number, lang: string): string {
  const n = Math.round(share * 100);
  // Russian puts a no-break space before the sign (CLDR); the other three do not.
  return lang.slice(0, 2) === 'ru' ? `${n}\u00a0%` : `${n}%`;
}

/** Decimal sign and thousands separator as CLDR has them (no-break space where it is a space). */
const NUMBER_SIGNS: Record<string, { decimal: string; group: string }> = {
  en: { decimal: '.', group: ',' },
  ru: { decimal: ',', group: '\u00a0' },
  vi: { decimal: ',', group: '.' },
  uz: { decimal: ',', group: '\u00a0' },
};

/**
 * A number in the language's way, at most `digits` decimals: "1,234.5", "1 234,5", "1.234,5";
 * `fixed`, exactly `digits` ("5,0"), for a column of figures that line up.
 */
export function formatNumber(value: number, lang: string, digits = 1, fixed = false): string {
  const { decimal, group } = NUMBER_SIGNS[lang.slice(0, 2)] ?? NUMBER_SIGNS.en!;
  const rounded = Math.abs(Math.round(value * 10 ** digits) / 10 ** digits);
  const [int = '0', frac] = (fixed ? rounded.toFixed(digits) : String(rounded)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${value < 0 && Number(`${int}.${frac ?? 0}`) !== 0 ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

const AND: Record<string, string> = { en: 'and', ru: 'и', vi: 'và', uz: 'va' };

/**
 * "A, B and C" in the language (no serial comma, as en-GB, ru, vi and uz write it). Spelled out
 * rather than Intl.ListFormat, which a browser without Uzbek data would answer in English.
 */
export function formatList(items: string[], lang: string): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = AND[lang.slice(0, 2)] ?? AND.en;
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}
