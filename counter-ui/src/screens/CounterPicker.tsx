/** Take a counter: every counter with its state, services and holder. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBanner, NoticeBanner } from '../components/Banners';
import { useServiceName } from '../components/hooks';
import { runCounterCommand } from '../commands';
import { useStore } from '../store';

export function CounterPicker() {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const counters = useStore(
    useShallow((s) => Object.values(s.hall?.counters ?? {}).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }))),
  );
  const me = useStore((s) => s.staff?.login);
  const busy = useStore((s) => s.busy !== null || s.connection !== 'live');
  const loaded = useStore((s) => s.hall !== null);
  if (!loaded) return <p className="loading">{t('common.loading')}</p>;

  return (
    <div className="page" data-testid="picker">
      <header className="page-head">
        <h1>{t('picker.title')}</h1>
        <p className="muted">{t('picker.hint')}</p>
      </header>
      <NoticeBanner />
      <ErrorBanner />
      <div className="picker-grid">
        {counters.map((c) => {
          const heldByOther = c.status !== 'closed' && c.staffLogin !== null && c.staffLogin !== me;
          const mine = c.status !== 'closed' && c.staffLogin === me;
          return (
            <article key={c.id} className={`pick pick-${c.status}`} data-testid="pick-counter" data-counter={c.id}>
              <header className="pick-head">
                <span className="pick-number">{c.number}</span>
                <span className="muted">{t('op.zone', { zone: c.zone })}</span>
                <span className={`pill pill-${c.status}`}>{t(`status.${c.status}`)}</span>
              </header>
              <ul className="pick-services">
                {c.services.map((s) => (
                  <li key={s.serviceId} className={s.role === 'secondary' ? 'secondary' : undefined}>
                    {serviceName(s.serviceId)}
                    {s.role === 'secondary' && <span className="chip-note">{t('role.secondaryShort')}</span>}
                  </li>
                ))}
              </ul>
              <footer className="pick-foot">
                <span className="muted">
                  {c.status === 'closed' ? t('picker.free') : heldByOther ? t('picker.heldBy', { login: c.staffLogin }) : mine ? t('picker.you') : ''}
                  {c.status === 'paused' && c.pauseReason ? ` · ${c.pauseReason}` : ''}
                </span>
                <button
                  type="button"
                  className={heldByOther ? 'btn' : 'btn btn-primary'}
                  disabled={busy}
                  onClick={() => void runCounterCommand('claim', c.id, {})}
                  data-testid="take"
                >
                  {mine ? t('picker.takeBack') : t('picker.take')}
                </button>
              </footer>
            </article>
          );
        })}
      </div>
    </div>
  );
}
