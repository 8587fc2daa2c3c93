/**
 * The lane marker: priority (with its category) or booked; nothing for the normal lane. A checked-in
 * appointment says its slot ("Appointment 11:00", on the center's clock): the operator greets a
 * visitor who was promised that time, and sees why an early arrival is not called yet (A2).
 */
import type { Ticket } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { useCategoryName, useLanguage } from './hooks';

export function LaneTag({ ticket }: { ticket: Pick<Ticket, 'lane' | 'categoryId' | 'appointmentAt'> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const categoryName = useCategoryName();
  if (ticket.lane === 'normal') return null;
  if (ticket.lane === 'booked') {
    return (
      <span className="tag tag-booked" data-testid="appointment-tag">
        {ticket.appointmentAt === undefined ? t('lane.booked') : t('lane.appointmentAt', { time: formatTime(ticket.appointmentAt, lang, timeZone) })}
      </span>
    );
  }
  return (
    <span className="tag tag-priority" title={t('lane.priority')}>
      {ticket.categoryId ? categoryName(ticket.categoryId) : t('lane.priority')}
    </span>
  );
}
