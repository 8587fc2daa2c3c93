/** The document follows the store: <html lang>, i18next's language, large text, the title. */
import { i18next } from './i18n';
import type { KioskStore } from './store';

export function bindDocument(store: KioskStore, titleKey: 'appTitle' | 'statusTitle' | 'termTitle' | 'bookTitle' | 'joinTitle'): () => void {
  const apply = () => {
    const { lang, largeText } = store.getState();
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle('large-text', largeText);
    if (i18next.language !== lang) void i18next.changeLanguage(lang);
    document.title = i18next.t(titleKey);
  };
  apply();
  return store.subscribe((s, prev) => {
    if (s.lang !== prev.lang || s.largeText !== prev.largeText) apply();
  });
}
