import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@qms/shared';
import { missingKeyOptions, missingKeyPostProcessor } from '@qms/shared/client';
import { BOARD_STRINGS } from '../i18n/board.js';

/** The board's own instance: the hall's catalogue stays out of the page. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).use(missingKeyPostProcessor).init({
  ...missingKeyOptions,
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: BOARD_STRINGS[l] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  showSupportNotice: false,
});

/** Before the center is known: the browser's first language we have. */
export function browserLanguage(): Language {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const l = tag?.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(l ?? '')) return l as Language;
  }
  return 'en';
}

/** Each language in its own words, for the switcher (shown with its `lang`). */
export const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' };
