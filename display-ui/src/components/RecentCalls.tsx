import type { CallRecord } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { Arrow } from './NowCalling.js';

/** The calls before the newest one, newest first. */
export function RecentCalls({ calls }: { calls: CallRecord[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="panel-title">
        {t('previousCalls')}
      </h2>
      <ol className="recent-list" data-testid="recent-calls">
        {calls.map((c) => (
          <li key={`${c.ticketId}@${c.at}`} className="recent-item" data-ticket={c.number} data-counter={c.counterNumber}>
            <span className="recent-ticket">
              <span className="sr-only">{t('ticket')} </span>
              {c.number}
            </span>
            <Arrow className="recent-arrow" />
            <span className="recent-counter">
              <span className="sr-only">{t('counter')} </span>
              {c.counterNumber}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
