import type { Language } from '@qms/shared';
import { useEffect } from 'react';
import { browserLanguage, i18n } from '../i18n/index.js';
import { useDisplay } from '../store/index.js';

/** `?lang=`, else the center's default language, else the browser's; applied to i18next, <html lang> and the title. */
export function useUiLanguage(): Language {
  const fromUrl = useDisplay((s) => s.options.lang);
  const centerDefault = useDisplay((s) => s.hall?.center.defaultLanguage);
  const lang = fromUrl ?? centerDefault ?? browserLanguage();
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    document.title = `QMS – ${i18n.getFixedT(lang)('appTitle')}`;
  }, [lang]);
  return lang;
}
