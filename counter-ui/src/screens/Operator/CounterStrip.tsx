/** Which counter, its state and the services it serves now (they change when a supervisor merges it). */
import type { CounterState } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../components/Kbd';
import { useServiceName } from '../../components/hooks';
import { SHORTCUTS } from '../../logic/shortcuts';
import { perform } from '../../operatorActions';
import { useStore } from '../../store';

export function CounterStrip({ counter }: { counter: CounterState }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const canRelease = useStore((s) => s.busy === null && s.connection === 'live' && !counter.currentTicketId);
  return (
    <div className="strip">
      <h1 className="strip-title">
        {t('op.counter', { number: counter.number })}
        <span className="strip-zone">{t('op.zone', { zone: counter.zone })}</span>
      </h1>
      <span className={`pill pill-${counter.status}`} data-testid="counter-status">
        {t(`status.${counter.status}`)}
      </span>
      <div className="strip-services" data-testid="my-services">
        <span className="muted">{t('op.serves')}</span>
        {counter.services.map((s) => (
          <span key={s.serviceId} className={s.role === 'primary' ? 'chip chip-primary' : 'chip chip-secondary'} title={t(`role.${s.role}`)}>
            {serviceName(s.serviceId)}
            {s.role === 'secondary' && <span className="chip-note">{t('role.secondaryShort')}</span>}
          </span>
        ))}
      </div>
      <button type="button" className="btn btn-quiet" data-action="release" disabled={!canRelease} onClick={() => perform('release')}>
        {t('op.actions.release')}
        <Kbd label={SHORTCUTS.release.label} />
      </button>
    </div>
  );
}
