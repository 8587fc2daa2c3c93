import { nameIn } from '@qms/shared/client';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { search } from '../../catalogue';
import { useBookCenter } from '../../hooks/useBooking';
import { useKiosk } from '../../store';
import { CodeEntry } from './CodeEntry';
import { StepTop } from './StepTop';
import { PhoneSearch } from '../PhoneSearch';

/** More than this and the list gets a search field: a phone shows about six buttons at a time. */
const FEW = 8;

/** Step 1: the service, by name in the visitor's language; a search box for a long list. */
export function ServiceStep() {
  const { t } = useTranslation();
  const center = useBookCenter();
  const lang = useKiosk((s) => s.lang);
  const query = useKiosk((s) => s.bookQuery);
  const setQuery = useKiosk((s) => s.setBookQuery);
  const choose = useKiosk((s) => s.chooseBookService);
  const named = useMemo(() => center.services.map((s) => ({ id: s.id, name: nameIn(s.names, lang, center.defaultLanguage) })), [center, lang]);
  const shown = query.trim() ? search(named, query) : named;

  return (
    <section className="book-step" aria-labelledby="book-step-title">
      <StepTop n={1} title={t('bookChooseService')} back={false} />
      {named.length === 0 && <p className="phone-problem">{t('bookNoServices')}</p>}
      {named.length > FEW && <PhoneSearch query={query} onChange={setQuery} />}
      {query.trim() && shown.length === 0 && <p role="status">{t('bookSearchNothing')}</p>}
      <ul className="book-options">
        {shown.map((s) => (
          <li key={s.id}>
            <button type="button" className="book-option" onClick={() => choose(s.id)}>
              {s.name}
            </button>
          </li>
        ))}
      </ul>
      <CodeEntry />
    </section>
  );
}
