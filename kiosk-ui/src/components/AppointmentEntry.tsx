import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store';
import { CalendarIcon, ChevronIcon } from './Icons';

/**
 * The way to check a booking in (issue 13), beside the priority lane's: a visitor who booked
 * online looks for it before the list of services.
 */
export function AppointmentEntry() {
  const { t } = useTranslation();
  const openCheckIn = useKiosk((s) => s.openCheckIn);
  return (
    <button type="button" className="appointment-entry" onClick={openCheckIn}>
      <span className="appointment-symbol">
        <CalendarIcon />
      </span>
      <span className="topic-text">
        <span className="option-name">{t('appointmentEntry')}</span>
        <span className="option-meta">{t('appointmentEntryHint')}</span>
      </span>
      <ChevronIcon />
    </button>
  );
}
