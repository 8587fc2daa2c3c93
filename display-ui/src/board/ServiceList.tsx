import type { Language } from '@qms/shared';
import { formatDate, formatTime } from '@qms/shared/client';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { boardStore, useBoard } from './store.js';
import { FEW_SERVICES, filterRows, openingDay, orderedRows, type WaitView } from './view.js';

type T = ReturnType<typeof useTranslation>['t'];

/**
 * The wait in words, and for a service closed now, when it opens (unless the whole center opens
 * then: the header says so once, not 150 times).
 */
function waitText(t: T, wait: WaitView, lang: Language, now: number, zone: string, centerOpensAt: number | null): { main: string; note?: string } {
  switch (wait.kind) {
    case 'about':
      return { main: t('waitAbout', { count: wait.minutes }) };
    case 'none':
      return { main: t('waitNone') };
    case 'no-counter':
      return { main: t('noCounterYet') };
    case 'not-served': {
      if (wait.opensAt === null || wait.opensAt === centerOpensAt) return { main: t('notServedNow') };
      const time = formatTime(wait.opensAt, lang, zone);
      const note = openingDay(wait.opensAt, now, zone) === 'today' ? t('serviceOpensToday', { time }) : t('serviceOpensOn', { time, day: formatDate(wait.opensAt, lang, zone) });
      return { main: t('notServedNow'), note };
    }
  }
}

export function ServiceList({ lang }: { lang: Language }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const board = useBoard((s) => s.board!);
  const query = useBoard((s) => s.query);
  const rows = useMemo(() => orderedRows(board, lang), [board, lang]);
  const shown = useMemo(() => filterRows(rows, query), [rows, query]);
  const many = rows.length > FEW_SERVICES;
  const zone = board.center.timezone;
  return (
    <section className="services" aria-labelledby="services-title">
      <h2 id="services-title">{t('services')}</h2>
      {many && (
        <div className="search" role="search">
          <label htmlFor="board-search">{t('search')}</label>
          <div className="search-row">
            <input id="board-search" type="search" autoComplete="off" placeholder={t('searchPlaceholder')} value={query} onChange={(e) => boardStore.getState().search(e.target.value)} />
            {query && (
              <button type="button" className="search-clear" onClick={() => boardStore.getState().search('')}>
                {t('searchClear')}
              </button>
            )}
          </div>
          <p className="search-count" aria-live="polite" data-testid="board-search-count">
            {query ? t('searchShown', { shown: shown.length, total: rows.length }) : ''}
          </p>
        </div>
      )}
      {shown.length === 0 ? (
        <p className="search-nothing">{t('searchNothing')}</p>
      ) : (
        <ul className="service-list" data-testid="board-services">
          {shown.map(({ service, name, wait }) => {
            const text = waitText(t, wait, lang, board.generatedAt, zone, board.center.opensAt);
            return (
              <li key={service.id} className={`service wait-${wait.kind}`} data-service={service.id}>
                <h3 className="service-name">{name}</h3>
                <dl className="service-figures">
                  <div className="service-wait">
                    <dt className="sr-only">{t('expectedWait')}</dt>
                    <dd data-testid="service-wait">
                      {text.main}
                      {text.note && <span className="service-note">{text.note}</span>}
                    </dd>
                  </div>
                  <div className="service-waiting">
                    <dt>{t('waiting')}:</dt>
                    <dd data-testid="service-waiting">{service.waiting}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
