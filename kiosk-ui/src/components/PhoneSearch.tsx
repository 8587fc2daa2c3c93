import { useTranslation } from 'react-i18next';
import { SearchIcon } from './Icons';

/** The search box of the phone pages' service lists (booking, joining), shown when there are many. */
export function PhoneSearch({ query, onChange }: { query: string; onChange: (query: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="book-search">
      <SearchIcon />
      <span className="sr-only">{t('search')}</span>
      <input type="search" value={query} placeholder={t('searchPlaceholder')} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
