import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, UI_LANGUAGES, chooseLanguage, type UiLanguage } from '../i18n';
import { useLanguage } from './hooks';

export function LangSwitch() {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <label className="lang">
      <span className="sr-only">{t('common.language')}</span>
      <select value={lang} onChange={(e) => chooseLanguage(e.target.value as UiLanguage)} data-testid="language">
        {UI_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
