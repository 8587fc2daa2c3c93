import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@qms/shared';
import { missingKeyOptions, missingKeyPostProcessor } from '@qms/shared/client';
import { STRINGS } from './strings.js';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).use(missingKeyPostProcessor).init({
  ...missingKeyOptions,
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: STRINGS[l] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  showSupportNotice: false,
});

/** Before the center is known (pairing, first connection): the browser's language if we have it. */
export function browserLanguage(): Language {
  const tag = (typeof navigator === 'undefined' ? '' : navigator.language).slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(tag) ? (tag as Language) : 'en';
}
