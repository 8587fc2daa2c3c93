/** The lane marker: priority (with its category) or booked; nothing for the normal lane. */
import type { Ticket } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useCategoryName } from './hooks';

export function LaneTag({ ticket }: { ticket: Pick<Ticket, 'lane' | 'categoryId'> }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  if (ticket.lane === 'normal') return null;
  if (ticket.lane === 'booked') return <span className="tag tag-booked">{t('lane.booked')}</span>;
  return (
    <span className="tag tag-priority" title={t('lane.priority')}>
      {ticket.categoryId ? categoryName(ticket.categoryId) : t('lane.priority')}
    </span>
  );
}
