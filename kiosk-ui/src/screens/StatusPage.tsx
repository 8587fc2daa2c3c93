import { centerNameIn } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { formatTime, nameIn } from '@qms/shared/client';
import { StatusPanel } from '../components/StatusPanel';
import { LANGUAGE_NAMES } from '../i18n';
import { useKiosk } from '../store';

/** The QR code's page, on the visitor's phone: where their ticket stands, refreshed on its own. */
export function StatusPage({ onRefresh }: { onRefresh: () => void }) {
  const { t, i18n } = useTranslation();
  const view = useKiosk((s) => s.ticketView);
  const missing = useKiosk((s) => s.ticketMissing);
  const stale = useKiosk((s) => s.ticketStale);
  const updatedAt = useKiosk((s) => s.ticketUpdatedAt);
  const languages = useKiosk((s) => s.statusLanguages);
  const lang = useKiosk((s) => s.lang);
  const setLang = useKiosk((s) => s.setLang);
  const timeZone = useKiosk((s) => s.statusTimeZone);
  const time = updatedAt ? formatTime(updatedAt, i18n.language, timeZone) : '';

  return (
    <div className="phone">
      <header className="phone-top">
        <p className="center-name">{view ? centerNameIn(view.center, lang) : '\u00a0'}</p>
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
      <main className="phone-main">
        <h1 className="phone-title">{t('statusTitle')}</h1>
        {missing && <p className="phone-problem" role="alert">{t('statusNotFound')}</p>}
        {view && (
          <>
            <p className="phone-number" data-testid="status-number">
              {view.number}
            </p>
            {view.service && <p className="phone-service">{nameIn(view.service.names, lang, lang)}</p>}
            {view.lane === 'priority' && <p className="phone-lane">{t('priorityLane')}</p>}
            <StatusPanel view={view} />
          </>
        )}
        <div className="phone-foot" role="status">
          {stale ? <p className="phone-stale">{t('statusOffline')}</p> : time && <p>{t('statusUpdated', { time })}</p>}
        </div>
        <button type="button" className="phone-refresh" onClick={onRefresh}>
          {t('statusRefresh')}
        </button>
      </main>
    </div>
  );
}
