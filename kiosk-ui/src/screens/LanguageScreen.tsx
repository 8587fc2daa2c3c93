import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { useCatalogue } from '../hooks/useCatalogue';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { LANGUAGE_NAMES, tIn } from '../i18n';
import { useKiosk } from '../store';

/** The first screen: the question in every language the center offers, each language in its own name. */
export function LanguageScreen() {
  const { t } = useTranslation();
  const { center } = useCatalogue();
  const lang = useKiosk((s) => s.lang);
  const chooseLanguage = useKiosk((s) => s.chooseLanguage);
  const others = center.languages.filter((l) => l !== lang);
  useScreenSpeech([t('chooseLanguage'), ...center.languages.map((l) => LANGUAGE_NAMES[l])]);

  return (
    <ScreenLayout
      className="language-screen"
      above={<p className="welcome">{t('welcome')}</p>}
      heading={t('chooseLanguage')}
      hint={others.map((l) => (
        <span key={l} lang={l} className="also">
          {tIn(l, 'chooseLanguage')}
        </span>
      ))}
    >
      <ul className="options languages" aria-label={t('language')}>
        {center.languages.map((l) => (
          <li key={l}>
            <button type="button" lang={l} className={`option language${l === lang ? ' current' : ''}`} aria-current={l === lang ? 'true' : undefined} onClick={() => chooseLanguage(l)}>
              <span className="option-name">{LANGUAGE_NAMES[l]}</span>
              {l === lang && <span className="check" aria-hidden="true">✓</span>}
            </button>
          </li>
        ))}
      </ul>
    </ScreenLayout>
  );
}
