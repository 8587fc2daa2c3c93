import { centerNameIn } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n';
import { PhoneLangSwitch } from '../PhoneLangSwitch';
import { useKiosk } from '../../store';

/** The center's name and its languages, each in its own name and `lang`, on every step. */
export function BookHeader() {
  const { t } = useTranslation();
  const center = useKiosk((s) => s.bookCenter);
  const lang = useKiosk((s) => s.lang);
  const languages = (center?.languages ?? []).filter(isLanguage);
  return (
    <header className="phone-top">
      <p className="center-name">
        {center ? centerNameIn(center, lang) : '\u00a0'}
        <span className="book-app-name"> · {t('bookTitle')}</span>
      </p>
      <PhoneLangSwitch languages={languages} />
    </header>
  );
}
