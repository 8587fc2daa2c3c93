import { centerNameIn, type Names } from '@qms/shared';
import { isLanguage } from '../i18n';
import { useKiosk } from '../store';
import { PhoneLangSwitch } from './PhoneLangSwitch';

/**
 * The public phone pages' top (booking, joining): the center's name with the page's own title, and
 * its languages, each in its own name and `lang`, on every step.
 */
export function PhoneHeader({ center, title }: { center: { name: string; names?: Names; languages: string[] } | null; title: string }) {
  const lang = useKiosk((s) => s.lang);
  const languages = (center?.languages ?? []).filter(isLanguage);
  return (
    <header className="phone-top">
      <p className="center-name">
        {center ? centerNameIn(center, lang) : '\u00a0'}
        <span className="book-app-name"> · {title}</span>
      </p>
      <PhoneLangSwitch languages={languages} />
    </header>
  );
}
