import { centerNameIn } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n';
import { useKiosk } from '../../store';
import { PhoneLangSwitch } from '../PhoneLangSwitch';

/** The center's name and its languages, each in its own name and `lang`, on every step. */
export function JoinHeader() {
  const { t } = useTranslation();
  const center = useKiosk((s) => s.joinCenter);
  const lang = useKiosk((s) => s.lang);
  const languages = (center?.languages ?? []).filter(isLanguage);
  return (
    <header className="phone-top">
      <p className="center-name">
        {center ? centerNameIn(center, lang) : '\u00a0'}
        <span className="book-app-name"> · {t('joinTitle')}</span>
      </p>
      <PhoneLangSwitch languages={languages} />
    </header>
  );
}
