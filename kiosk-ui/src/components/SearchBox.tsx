import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store';
import { SearchIcon } from './Icons';

/** The search field of a large catalogue. Tapping it opens the on-screen keyboard. */
export function SearchBox({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const query = useKiosk((s) => s.query);
  const setQuery = useKiosk((s) => s.setQuery);
  return (
    <div className="search-row">
      <label className="search-field">
        <SearchIcon />
        <span className="sr-only">{t('search')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('searchPlaceholder')}
          // Our keyboard replaces the OS one, which may cover half a kiosk screen or never appear.
          inputMode="none"
          autoComplete="off"
          spellCheck={false}
          onFocus={onOpen}
          onClick={onOpen}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {query && (
        <button type="button" className="search-clear" onClick={() => setQuery('')}>
          {t('searchClear')}
        </button>
      )}
    </div>
  );
}
