import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store';
import { AccessIcon, ChevronIcon } from './Icons';

/** The way into the priority lane: the access symbol, white on blue, as on signs in the hall. */
export function PriorityEntry() {
  const { t } = useTranslation();
  const openPriority = useKiosk((s) => s.openPriority);
  return (
    <button type="button" className="priority-entry" onClick={openPriority}>
      <span className="priority-symbol">
        <AccessIcon />
      </span>
      <span className="topic-text">
        <span className="option-name">{t('priorityLane')}</span>
        <span className="option-meta">{t('priorityLaneHint')}</span>
      </span>
      <ChevronIcon />
    </button>
  );
}
