import type { ServiceLoad } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRowsThatFit } from '../hooks/useRowsThatFit.js';
import { useDisplay } from '../store/index.js';
import { loadsInZone } from '../zone.js';

/** A large catalogue does not fit: pages turn by themselves. */
const PAGE_MS = 12_000;

export function QueueLoads({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const [fitRef, rows] = useRowsThatFit<HTMLDivElement>(8);
  const loads = useDisplay((s) => s.hall?.loads);
  const services = useDisplay((s) => s.hall?.services);
  const counters = useDisplay((s) => s.hall?.counters);
  const fallback = useDisplay((s) => s.hall?.center.defaultLanguage ?? 'en');
  const zone = useDisplay((s) => s.zone);
  const list = useMemo(() => (loads && counters ? loadsInZone(zone, loads, counters) : []), [loads, counters, zone]);

  const pages = Math.max(1, Math.ceil(list.length / rows));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages < 2) return;
    const timer = setInterval(() => setTick((n) => n + 1), PAGE_MS);
    return () => clearInterval(timer);
  }, [pages]);
  const page = tick % pages;
  const shown = list.slice(page * rows, page * rows + rows);
  const name = (l: ServiceLoad) => nameIn(services?.find((s) => s.id === l.serviceId)?.names ?? {}, lang, fallback) || l.serviceId;

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title" className="panel-title">
        {t('queue')}
        {pages > 1 && <span className="queue-page">{t('page', { page: page + 1, pages })}</span>}
      </h2>
      <div className="queue-fit" ref={fitRef}>
        <table className="queue-table" data-testid="queue-loads">
          <colgroup>
            <col className="col-name" />
            <col className="col-waiting" />
            <col className="col-wait" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('service')}</th>
              <th scope="col" className="num">
                {t('waiting')}
              </th>
              <th scope="col" className="num">
                {t('expectedWait')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.serviceId} data-service={l.serviceId}>
                <th scope="row" className="queue-name">
                  <span className="clamp">{name(l)}</span>
                </th>
                <td className="num queue-waiting">{l.waiting}</td>
                <td className="num queue-wait">
                  {l.expectedWaitMin === null ? (
                    <span title={t('noEstimate')}>
                      —<span className="sr-only"> {t('noEstimate')}</span>
                    </span>
                  ) : l.expectedWaitMin < 1 ? (
                    t('underMinute')
                  ) : (
                    t('minutes', { count: Math.round(l.expectedWaitMin) })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
