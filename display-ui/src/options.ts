/**
 * What the address bar can set on a display. Parsed once at start: a TV's URL is written by the
 * installer and does not change while it runs.
 */
import { LANGUAGES, type Language } from '@qms/shared';

export interface DisplayOptions {
  /** `?counters=1,2,3`: ids or the numbers painted above the counters. Overrides the device scope. */
  counters: string[];
  /** `?services=justice,land`: service ids. Overrides the device scope. */
  services: string[];
  /** `?lang=vi`: the display's own texts; default the center's language. */
  lang: Language | null;
  /** `?langs=vi,en`: the spoken languages in order; default the center's language. */
  langs: Language[];
}

const list = (raw: string | null): string[] =>
  [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0))];

export const isLanguage = (s: string | null | undefined): s is Language => (LANGUAGES as readonly string[]).includes(s ?? '');

export function parseOptions(search: string): DisplayOptions {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  return {
    counters: list(q.get('counters')),
    services: list(q.get('services')),
    lang: isLanguage(lang) ? lang : null,
    langs: list(q.get('langs')).filter(isLanguage),
  };
}
