/**
 * Dates for the clock. Chromium's bundled ICU has no Uzbek month or weekday names (it prints
 * "M11 24, Tue"), so Uzbek is spelled out here; the other languages use Intl.
 */
const UZ_MONTHS = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'];
const UZ_WEEKDAYS: Record<string, string> = { Mon: 'dushanba', Tue: 'seshanba', Wed: 'chorshanba', Thu: 'payshanba', Fri: 'juma', Sat: 'shanba', Sun: 'yakshanba' };

export function longDate(lang: string, at: number, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  if (lang !== 'uz') return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', ...zone }).format(at);
  const parts = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'numeric', ...zone }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}-${UZ_MONTHS[Number(part('month')) - 1] ?? ''}, ${UZ_WEEKDAYS[part('weekday')] ?? ''}`;
}

/** Hours and minutes, 24-hour where the language uses it. */
export function shortTime(lang: string, at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang === 'uz' ? 'ru' : lang, { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(at);
}
