import { assertNever, formatCode, type AppointmentView } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { calendarUrl, manageUrl } from '../../booking';
import { useBookWords } from '../../hooks/useBooking';
import { ticketStatusUrl } from '../../links';
import { useKiosk } from '../../store';
import { CancelBooking } from './CancelBooking';
import { Refusal } from './Refusal';
import { STEP_TITLE_ID } from './StepTop';

/**
 * The booking: right after booking (the confirmation) and at /book/<CODE>. The code comes first
 * and big, with its QR code for the kiosk's scanner; then when, when to check in, the calendar
 * file, and while it stands, moving and cancelling it.
 */
export function BookingView() {
  const { t } = useTranslation();
  const words = useBookWords();
  const view = useKiosk((s) => s.booking);
  const qr = useKiosk((s) => s.bookingQr);
  const notice = useKiosk((s) => s.bookNotice);
  const lang = useKiosk((s) => s.lang);
  const startMove = useKiosk((s) => s.startMove);
  if (!view) return null;
  const code = formatCode(view.code);
  const booked = view.status === 'booked';
  const day = words.day(words.dayOf(view.at));
  const time = words.time(view.at);
  const manage = manageUrl(view.code, view.centerId, lang);

  return (
    <section className="book-step book-booking" aria-labelledby={STEP_TITLE_ID}>
      <h1 id={STEP_TITLE_ID} className="book-title" tabIndex={-1}>
        {t(notice === 'booked' ? 'bookConfirmed' : 'bookYourBooking')}
      </h1>
      {notice === 'moved' && (
        <p className="book-ok" role="status">
          {t('bookMoved')}
        </p>
      )}
      <StatusLine view={view} />
      <div className={`book-code-card${booked ? '' : ' inactive'}`}>
        <p className="book-code-label">{t('bookYourCode')}</p>
        <p className="book-code" data-testid="book-code">
          {code}
        </p>
        {booked && qr && <img className="book-qr" src={qr} alt={t('bookQrAlt', { code })} width={200} height={200} />}
        {booked && <p className="book-note">{t('bookKeepCode')}</p>}
      </div>
      <dl className="book-summary">
        <dt>{t('bookWhatService')}</dt>
        <dd>{words.service(view.serviceId)}</dd>
        <dt>{t('bookWhatDay')}</dt>
        <dd>{day}</dd>
        <dt>{t('bookWhatTime')}</dt>
        <dd>{time}</dd>
      </dl>
      {booked && (
        <>
          <p className="book-checkin">{t('bookCheckIn', { from: words.time(view.checkInFrom), to: words.time(view.checkInTo) })}</p>
          <a className="phone-quiet book-link" href={calendarUrl(view.centerId, view.code)} download={`${view.code}.ics`}>
            {t('bookCalendar')}
          </a>
          <p className="book-manage">
            {/* Shown short: without ?center= the address still opens it at the default center. */}
            {t('bookManageHint')} <a href={manage}>{`${window.location.host}/book/${code}`}</a>
          </p>
        </>
      )}
      <Refusal />
      {booked && (
        <div className="book-actions">
          <button type="button" className="phone-quiet" onClick={startMove}>
            {t('bookMove')}
          </button>
          <CancelBooking />
        </div>
      )}
      {view.ticketId && (
        <a className="phone-primary book-link" href={ticketStatusUrl(view.ticketId, lang, null, window.location.origin)}>
          {t('bookFollowTicket')}
        </a>
      )}
      <a className="book-again" href={`/book/?${new URLSearchParams({ center: view.centerId, lang }).toString()}`}>
        {t('bookAgain')}
      </a>
    </section>
  );
}

function StatusLine({ view }: { view: AppointmentView }) {
  const { t } = useTranslation();
  switch (view.status) {
    case 'booked':
      return null;
    case 'checked-in':
      return <p className="book-ok">{t('bookStatusCheckedIn')}</p>;
    case 'cancelled':
      return <p className="phone-problem">{t('bookStatusCancelled')}</p>;
    case 'no-show':
      return <p className="phone-problem">{t('bookStatusNoShow')}</p>;
    default:
      return assertNever(view.status);
  }
}
