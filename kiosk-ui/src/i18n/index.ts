/** i18next with the four center languages bundled: a kiosk must not wait on the network for words. */
import { missingKeyOptions, missingKeyPostProcessor } from '@qms/shared/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@qms/shared';
import { en } from './en';
import { ru } from './ru';
import { uz } from './uz';
import { vi } from './vi';

/** Each language in its own name, the way a visitor looks for it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ru: 'Русский',
  en: 'English',
  vi: 'Tiếng Việt',
  uz: 'Oʻzbekcha',
};

export const KNOWN_LANGUAGES = Object.keys(LANGUAGE_NAMES) as Language[];

export function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && (KNOWN_LANGUAGES as string[]).includes(value);
}

/** Before the center is known (pairing, first connection): the browser's language if we have it. */
export function browserLanguage(): Language {
  const tag = typeof navigator === 'undefined' ? '' : navigator.language.slice(0, 2);
  return isLanguage(tag) ? tag : 'en';
}

export function initI18n(lang: Language): typeof i18next {
  void i18next.use(initReactI18next).use(missingKeyPostProcessor).init({
    ...missingKeyOptions,
    resources: { en: { translation: en }, ru: { translation: ru }, vi: { translation: vi }, uz: { translation: uz } },
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  return i18next;
}

/** A string in a given language without switching the UI (the multilingual language screen). */
export function tIn(lang: Language, key: keyof typeof en): string {
  return i18next.getFixedT(lang)(key);
}

export { i18next };
