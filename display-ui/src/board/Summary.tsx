import type { Language } from '@qms/shared';
import { formatPercent } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { useBoard } from './store.js';

/** The center at a glance: people waiting, counters open, and how today went against the norm. */
export function Summary({ lang }: { lang: Language }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const waiting = useBoard((s) => s.board!.waiting);
  const counters = useBoard((s) => s.board!.openCounters);
  const today = useBoard((s) => s.board!.today);
  const within = today.targetWaitMin === null ? t('calledWithinTarget') : t('calledWithin', { min: today.targetWaitMin });
  return (
    <section className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" className="sr-only">
        {t('summary')}
      </h2>
      <dl className="figures">
        <div className="figure">
          <dt>{t('waitingNow')}</dt>
          <dd data-testid="board-waiting">{waiting}</dd>
        </div>
        <div className="figure">
          <dt>{t('countersOpen')}</dt>
          <dd data-testid="board-counters">{counters}</dd>
        </div>
        <div className="figure figure-share">
          <dt>{within}</dt>
          {today.withinTargetShare === null ? (
            <dd className="figure-none">{t('noCallsYet')}</dd>
          ) : (
            <dd data-testid="board-share">
              {formatPercent(today.withinTargetShare, lang)}
              {today.meanWaitMin !== null && <span className="figure-note">{t('meanWait', { count: Math.round(today.meanWaitMin) })}</span>}
            </dd>
          )}
        </div>
      </dl>
    </section>
  );
}
