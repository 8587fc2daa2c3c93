/**
 * What the hall hears for a call, per language. Written out by hand: word order and the word for
 * "counter" differ (окно, quầy, oyna), and a template with one slot per word would read wrong.
 */
import type { CenterInfo, Language } from '@qms/shared';

/**
 * "A015" → "A 015": the letter apart from the digits, or voices read "A015" as one word
 * ("a-zero…") or skip the letter. Digits stay one group (the visitor holds "A015", and "zero
 * fifteen" matches it); very long runs are grouped by three so they are read as numbers.
 */
export function spokenNumber(number: string): string {
  const m = /^([^\d]*)(\d*)(.*)$/.exec(number.trim());
  const letters = (m?.[1] ?? '').trim();
  const digits = m?.[2] ?? '';
  const rest = (m?.[3] ?? '').trim();
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : digits;
  return [letters, grouped, rest].filter((p) => p.length > 0).join(' ');
}

const PHRASES: Record<Language, (ticket: string, counter: string) => string> = {
  ru: (t, c) => `Талон ${t}, окно ${c}`,
  en: (t, c) => `Ticket ${t}, counter ${c}`,
  vi: (t, c) => `Mời số ${t} đến quầy ${c}`,
  uz: (t, c) => `${t} raqamli talon, ${c}-oyna`,
};

export function callPhrase(lang: Language, ticketNumber: string, counterNumber: string): string {
  return PHRASES[lang](spokenNumber(ticketNumber), counterNumber.trim());
}

/**
 * The languages one call is spoken in, in order: the URL's list or the center's default, then
 * the visitor's own language (chosen at the kiosk) if it is not among them yet.
 */
export function speechLanguages(center: Pick<CenterInfo, 'defaultLanguage'>, fromUrl: readonly Language[], ticketLanguage: string | null): Language[] {
  const out: Language[] = fromUrl.length > 0 ? [...fromUrl] : [center.defaultLanguage];
  const own = ticketLanguage as Language | null;
  if (own && own in PHRASES && !out.includes(own)) out.push(own);
  return out;
}

/** BCP 47 tags voices are registered under. */
export const VOICE_LANG: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB', vi: 'vi-VN', uz: 'uz-UZ' };
