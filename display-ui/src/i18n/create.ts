/**
 * An i18next instance over one catalogue: the hall display's and the live board's each have their
 * own (neither page loads the other's words), set up alike here.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@qms/shared';
import { missingKeyOptions, missingKeyPostProcessor } from '@qms/shared/client';

export function createI18n(strings: Record<Language, object>): I18n {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).use(missingKeyPostProcessor).init({
    ...missingKeyOptions,
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: strings[l] }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    showSupportNotice: false,
  });
  return i18n;
}

/** Before the center is known (pairing, first connection): the browser's first language we have. */
export function browserLanguage(): Language {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const l = tag?.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(l ?? '')) return l as Language;
  }
  return 'en';
}
