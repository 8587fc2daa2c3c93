/**
 * Complaints (issue 14), for supervisors and admins: what visitors marked as a complaint when
 * rating their visit, open ones first, each with its ticket's facts (service, counter, operator,
 * wait), the scores and the comment; answered for the visitor (their ticket's phone page shows it)
 * or closed with a note. Loaded lazily (App.tsx), with its styles.
 */
import { COMPLAINT_STATUSES } from '@qms/shared';
import { useEffect } from 'react';
import { useStore } from '../../store';
import { complaintsKey, type ComplaintFilter } from '../../store/ratings';
import { ComplaintCard } from './ComplaintCard';
import { useRatingText } from './ratingText';
import './complaints.css';

const FILTERS: ComplaintFilter[] = [...COMPLAINT_STATUSES, 'all'];

export default function Complaints() {
  const t = useRatingText();
  const token = useStore((s) => s.token);
  const filter = useStore((s) => s.complaintFilter);
  const choose = useStore((s) => s.chooseComplaintFilter);
  const fetchComplaints = useStore((s) => s.fetchComplaints);
  const loadList = useStore((s) => s.loadList);
  const entry = useStore((s) => s.complaintLists[complaintsKey(s.token, filter)]);
  const open = useStore((s) => s.openComplaints);

  useEffect(() => void fetchComplaints(filter), [fetchComplaints, filter, token]);
  // Operators' names for the list.
  useEffect(() => void loadList('staff'), [loadList]);

  const list = entry?.data ?? null;
  return (
    <div className="page complaints" data-testid="complaints" aria-busy={entry?.loading ?? false}>
      <header className="complaints-head">
        <div>
          <h1>{t('complaints.title')}</h1>
          <p className="muted complaints-intro">{t('complaints.intro')}</p>
        </div>
        <button type="button" className="btn" onClick={() => void fetchComplaints(filter)} data-testid="complaints-refresh">
          {t('complaints.refresh')}
        </button>
      </header>
      <div className="segmented" role="group" aria-label={t('complaints.filter')} data-testid="complaints-filter">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={filter === f ? 'segment segment-on' : 'segment'} aria-pressed={filter === f} onClick={() => choose(f)} data-filter={f}>
            {t(`complaints.status.${f}`)}
            {f === 'open' && open !== null && open > 0 && <span className="count-badge">{open}</span>}
          </button>
        ))}
      </div>
      {entry?.error && (
        <p className="banner banner-error" role="alert">
          {t('complaints.failed')} <span lang="en">{entry.error.message}</span>
        </p>
      )}
      {!list && !entry?.error && <p className="muted">{t('complaints.loading')}</p>}
      {list && list.length === 0 && (
        <p className="complaints-empty" data-testid="complaints-empty">
          {t(`complaints.empty.${filter}`)}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="complaint-list">
          {list.map((c) => (
            <li key={c.ticketId}>
              <ComplaintCard complaint={c} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
