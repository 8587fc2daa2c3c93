import { useTranslation } from 'react-i18next';
import type { Language } from '@qms/shared';
import { LANGUAGE_NAMES } from '../i18n';
import { useKiosk } from '../store';

/** The phone pages' language switch (ticket status, booking): each language in its own name and `lang`. */
export function PhoneLangSwitch({ languages }: { languages: readonly Language[] }) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  if (languages.length < 2) return null;
  return (
    <nav className="lang-switch" aria-label={t('language')}>
      {languages.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}
