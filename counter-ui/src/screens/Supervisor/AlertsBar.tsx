/** Services breaching their target, worst first, with the counters that could be merged in. */
import type { Counter, ServiceLoad } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useServiceName } from '../../components/hooks';
import { helperCounters, serviceAlerts, type ServiceAlert } from '../../logic/alerts';
import { useStore } from '../../store';
import { useLiveOldest } from './useLiveOldest';

const NO_LOADS: ServiceLoad[] = [];
const NO_PLANS: Counter[] = [];

export function AlertsBar() {
  const { t } = useTranslation();
  const loads = useStore((s) => s.hall?.loads ?? NO_LOADS);
  const alerts = serviceAlerts(loads, useLiveOldest());
  if (alerts.length === 0) {
    return (
      <section className="alerts alerts-none" data-testid="alerts">
        {t('sup.noAlerts')}
      </section>
    );
  }
  return (
    <section className="alerts" aria-label={t('sup.alerts')} data-testid="alerts">
      {alerts.map((a) => (
        <AlertRow key={a.load.serviceId} alert={a} />
      ))}
    </section>
  );
}

function AlertRow({ alert }: { alert: ServiceAlert }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const openDialog = useStore((s) => s.openDialog);
  const plans = useStore((s) => s.lists.counters ?? NO_PLANS);
  const counters = useStore(useShallow((s) => Object.values(s.hall?.counters ?? {})));
  const { load } = alert;
  const helpers = helperCounters(load.serviceId, counters, plans);
  const facts = [
    alert.reasons.includes('unserved') ? t('sup.alertUnserved') : null,
    t('sup.alertWaiting', { n: load.waiting }),
    t('sup.alertOldest', { n: Math.floor(alert.oldestWaitMin) }),
    load.expectedWaitMin !== null ? t('sup.alertExpected', { n: Math.round(load.expectedWaitMin) }) : null,
    t('sup.alertTarget', { n: load.targetWaitMin }),
    t('sup.alertOpen', { n: load.openCounters }),
  ].filter((x): x is string => x !== null);
  return (
    <div className="alert" role="alert" data-testid="alert" data-service={load.serviceId}>
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <strong className="alert-service">{serviceName(load.serviceId)}</strong>
      <span className="alert-facts" title={facts.join(' · ')}>
        {facts.join(' · ')}
      </span>
      {helpers.length > 0 && (
        <span className="alert-help">
          <span>{t('sup.canHelp')}</span>
          {helpers.slice(0, 6).map((c) => (
            <button key={c.id} type="button" className="btn btn-small" onClick={() => openDialog({ kind: 'services', counterId: c.id, addServiceId: load.serviceId })}>
              {t('sup.merge', { number: c.number })}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
