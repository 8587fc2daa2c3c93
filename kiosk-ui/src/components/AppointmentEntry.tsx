import { useTranslation } from 'react-i18next';
import { CHECK_IN_WORDS, type CheckInKind } from '../checkin';
import { useKiosk } from '../store';
import { CalendarIcon, ChevronIcon } from './Icons';

/**
 * The way to check a booking in (issue 13), or a ticket taken on a phone (issue 14), beside the
 * priority lane's: a visitor who booked or joined online looks for it before the list of services.
 */
export function AppointmentEntry({ kind }: { kind: CheckInKind }) {
  const { t } = useTranslation();
  const openCheckIn = useKiosk((s) => s.openCheckIn);
  return (
    <button type="button" className="appointment-entry" onClick={openCheckIn}>
      <span className="appointment-symbol">
        <CalendarIcon />
      </span>
      <span className="topic-text">
        <span className="option-name">{t(CHECK_IN_WORDS[kind].entry)}</span>
        <span className="option-meta">{t(CHECK_IN_WORDS[kind].entryHint)}</span>
      </span>
      <ChevronIcon />
    </button>
  );
}
