import { centerNameIn, type Language } from '@qms/shared';
import { useEffect } from 'react';
import { browserLanguage, i18n } from './i18n.js';
import { useBoard } from './store.js';
import { pickLanguage } from './view.js';

const browserTags = (): readonly string[] => (typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language]);

/**
 * Among the center's languages: the one picked on the page, else `?lang=`, else the one picked on
 * an earlier visit, else the browser's, else the center's default. Applied to i18next, <html lang>
 * and the tab's title.
 */
export function useBoardLanguage(): Language {
  const languages = useBoard((s) => s.board?.center.languages);
  const fallback = useBoard((s) => s.board?.center.defaultLanguage);
  const chosen = useBoard((s) => s.chosenLang);
  const fromUrl = useBoard((s) => s.options.lang);
  const saved = useBoard((s) => s.savedLang);
  const lang = languages && fallback ? pickLanguage({ languages, defaultLanguage: fallback }, [chosen, fromUrl, saved, ...browserTags()]) : (chosen ?? fromUrl ?? browserLanguage());
  const name = useBoard((s) => (s.board ? centerNameIn(s.board.center, lang) : null));
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    const t = i18n.getFixedT(lang);
    document.title = name ? t('pageTitle', { center: name }) : t('tagline');
  }, [lang, name]);
  return lang;
}
