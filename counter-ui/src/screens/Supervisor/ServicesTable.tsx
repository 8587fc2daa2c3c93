/** Every service: queue, oldest and expected wait against the target, open counters, today's KPIs. */
import type { ServiceLoad } from '@qms/shared';
import { formatPercent } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { WaitTime } from '../../components/WaitTime';
import { useLanguage, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { useLiveOldest } from './useLiveOldest';

const NO_LOADS: ServiceLoad[] = [];

export function ServicesTable() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const loads = useStore((s) => s.hall?.loads ?? NO_LOADS);
  const prefixes = useStore((s) => s.hall?.services);
  const stats = useStore((s) => s.stats?.services);
  const live = useLiveOldest();
  // A column of identical targets says nothing; one shared target goes in the heading instead.
  const targets = new Set(loads.map((l) => l.targetWaitMin));
  const sharedTarget = targets.size === 1 ? [...targets][0] : undefined;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatPercent(v, lang));
  const min = (v: number | null | undefined) => (v === null || v === undefined ? '—' : t('common.min', { n: v }));

  return (
    <section className="panel" aria-labelledby="svc-title" data-testid="services-table">
      <header className="panel-head">
        <h2 id="svc-title">{t('sup.services.title')}</h2>
        {sharedTarget !== undefined && <span className="panel-count">{t('sup.services.targetAll', { n: sharedTarget })}</span>}
      </header>
      {/* Focusable: on large screens the panel scrolls on its own and holds no controls. */}
      <div className="scroll" tabIndex={0} aria-labelledby="svc-title">
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('sup.services.service')}</th>
              <th className="num">{t('sup.services.waiting')}</th>
              <th className="num">{t('sup.services.oldest')}</th>
              <th className="num">{t('sup.services.expected')}</th>
              {sharedTarget === undefined && <th className="num">{t('sup.services.target')}</th>}
              <th className="num">{t('sup.services.open')}</th>
              {stats && (
                <>
                  <th className="num wide-only">{t('sup.services.served')}</th>
                  <th className="num wide-only">{t('sup.services.avgWait')}</th>
                  <th className="num wide-only">{t('sup.services.p90')}</th>
                  <th className="num">{t('sup.services.within')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {loads.map((l) => {
              const oldest = l.waiting > 0 ? Math.max(l.oldestWaitMin, live[l.serviceId] ?? 0) : 0;
              const f = stats?.[l.serviceId];
              return (
                <tr key={l.serviceId} data-testid="service-row" data-service={l.serviceId}>
                  <td className="ellipsis" title={serviceName(l.serviceId)}>
                    <span className="prefix">{prefixes?.find((s) => s.id === l.serviceId)?.prefix}</span>
                    {serviceName(l.serviceId)}
                  </td>
                  <td className="num nowrap">
                    <strong>{l.waiting}</strong>
                    {l.waitingPriority > 0 && (
                      <span className="tag tag-priority tag-gap" title={t('op.queue.priority', { n: l.waitingPriority })}>
                        {t('sup.services.priorityShort', { n: l.waitingPriority })}
                      </span>
                    )}
                  </td>
                  <td className="num">{l.waiting > 0 ? <WaitTime minutes={oldest} targetMin={l.targetWaitMin} /> : '—'}</td>
                  <td className="num">
                    {l.expectedWaitMin === null ? (
                      <span className={l.waiting > 0 ? 'wait wait-late' : 'muted'}>{t('sup.services.noCounter')}</span>
                    ) : (
                      <WaitTime minutes={l.expectedWaitMin} targetMin={l.targetWaitMin} />
                    )}
                  </td>
                  {sharedTarget === undefined && <td className="num muted">{t('common.min', { n: l.targetWaitMin })}</td>}
                  <td className="num">{l.openCounters}</td>
                  {stats && (
                    <>
                      <td className="num wide-only">{f?.served ?? 0}</td>
                      <td className="num wide-only">{min(f?.avgWaitMin)}</td>
                      <td className="num wide-only">{min(f?.p90WaitMin)}</td>
                      <td className="num">{pct(f?.withinTargetShare)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
