import { centerNameIn } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n';
import { useKiosk } from '../../store';

/** The center's name and its languages, each in its own name and `lang`, on every step. */
export function BookHeader() {
  const { t } = useTranslation();
  const center = useKiosk((s) => s.bookCenter);
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  const languages = (center?.languages ?? []).filter(isLanguage);
  return (
    <header className="phone-top">
      <p className="center-name">
        {center ? centerNameIn(center, lang) : '\u00a0'}
        <span className="book-app-name"> · {t('bookTitle')}</span>
      </p>
      {languages.length > 1 && (
        <nav className="lang-switch" aria-label={t('language')}>
          {languages.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {LANGUAGE_NAMES[l]}
            </button>
          ))}
        </nav>
      )}
    </header>
  );
}
