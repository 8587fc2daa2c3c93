import type { ServiceLoad } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRowsThatFit } from '../hooks/useRowsThatFit.js';
import { useDisplay } from '../store/index.js';
import { pageMs, planQueue } from '../queuePlan.js';
import { loadsInZone } from '../zone.js';


export function QueueLoads({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const [fitRef, rows] = useRowsThatFit<HTMLDivElement>(8);
  const loads = useDisplay((s) => s.hall?.loads);
  const services = useDisplay((s) => s.hall?.services);
  const counters = useDisplay((s) => s.hall?.counters);
  const fallback = useDisplay((s) => s.hall?.center.defaultLanguage ?? 'en');
  const zone = useDisplay((s) => s.zone);
  const name = useCallback((l: ServiceLoad) => nameIn(services?.find((s) => s.id === l.serviceId)?.names ?? {}, lang, fallback) || l.serviceId, [services, lang, fallback]);
  // Waiting first, then by name; what does not fit leaves out the services nobody waits for (queuePlan.ts).
  const { list, idle, compact } = useMemo(
    () => planQueue(loads && counters ? loadsInZone(zone, loads, counters) : [], name, lang, rows),
    [loads, counters, zone, name, lang, rows],
  );

  const pages = Math.max(1, Math.ceil(list.length / rows));
  const [tick, setTick] = useState(0);
  // One timer for the page's life: a busy hall changes the page count often, and restarting a
  // timer at each change could keep a page from ever turning.
  const pagesNow = useRef(pages);
  useEffect(() => {
    pagesNow.current = pages;
  }, [pages]);
  useEffect(() => {
    let since = Date.now();
    const timer = setInterval(() => {
      if (pagesNow.current < 2 || Date.now() - since < pageMs(pagesNow.current)) return;
      since = Date.now();
      setTick((n) => n + 1);
    }, 500);
    return () => clearInterval(timer);
  }, []);
  const page = tick % pages;
  const shown = list.slice(page * rows, page * rows + rows);

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title" className="panel-title">
        {t('queue')}
        {pages > 1 && <span className="queue-page">{t('page', { page: page + 1, pages })}</span>}
      </h2>
      <div className="queue-fit" ref={fitRef}>
        <table className={compact ? 'queue-table compact' : 'queue-table'} data-testid="queue-loads">
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
      {idle > 0 && (
        <p className="queue-idle" data-testid="queue-idle">
          {t('othersIdle', { count: idle })}
        </p>
      )}
    </section>
  );
}
