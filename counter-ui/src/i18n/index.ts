/**
 * i18next with ru, en, vi, uz. The center's default language applies until the user picks one;
 * their pick is remembered on this computer.
 */
import { missingKeyOptions, missingKeyPostProcessor } from '@qms/shared/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';
import { uz } from './uz';
import { vi } from './vi';
import { ratingsEn, ratingsRu, ratingsUz, ratingsVi } from './ratings';
import { webhooksEn, webhooksRu, webhooksUz, webhooksVi } from './webhooks';
import { planningEn, planningRu, planningUz, planningVi } from './planning';

export const UI_LANGUAGES = ['ru', 'en', 'vi', 'uz'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' };

const LANG_KEY = 'qms.counter.lang';

const isLanguage = (x: unknown): x is UiLanguage => typeof x === 'string' && (UI_LANGUAGES as readonly string[]).includes(x);

function chosen(): UiLanguage | null {
  const v = localStorage.getItem(LANG_KEY);
  return isLanguage(v) ? v : null;
}

export function initialLanguage(): UiLanguage {
  const browser = navigator.language.slice(0, 2);
  return chosen() ?? (isLanguage(browser) ? browser : 'en');
}

export function initI18n(): void {
  void i18next.use(initReactI18next).use(missingKeyPostProcessor).init({
    ...missingKeyOptions,
    resources: {
      en: { translation: en, webhooks: webhooksEn, ratings: ratingsEn, planning: planningEn },
      ru: { translation: ru, webhooks: webhooksRu, ratings: ratingsRu, planning: planningRu },
      vi: { translation: vi, webhooks: webhooksVi, ratings: ratingsVi, planning: planningVi },
      uz: { translation: uz, webhooks: webhooksUz, ratings: ratingsUz, planning: planningUz },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    // Staff machines' consoles are for real warnings.
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
}

/** The center's default, unless the user has chosen. */
export function applyCenterDefault(lang: string): void {
  if (chosen() === null && isLanguage(lang) && i18next.language !== lang) void i18next.changeLanguage(lang);
}

export function chooseLanguage(lang: UiLanguage): void {
  localStorage.setItem(LANG_KEY, lang);
  void i18next.changeLanguage(lang);
}
