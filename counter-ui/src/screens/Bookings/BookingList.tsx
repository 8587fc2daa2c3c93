/**
 * The day's bookings with who made them: a visitor at the desk is checked in here (a booked-lane
 * ticket, A1) or a booking cancelled. Asked again when a booked ticket appears in the hall (a kiosk
 * check-in) and every minute (no-shows, A4), so the list does not go stale on a desk left open.
 */
import { formatCode, type AppointmentStaffView } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errorText';
import { useLanguage, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { bookingListKey, checkInKey } from '../../store/bookings';

const REFRESH_MS = 60_000;

export function BookingList({ day, today }: { day: string; today: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const token = useStore((s) => s.token);
  const fetchList = useStore((s) => s.fetchBookingList);
  const entry = useStore((s) => s.bookingLists[bookingListKey(s.token, day)]);
  // Today's booked tickets: one more is a check-in at a kiosk.
  const bookedToday = useStore((s) => Object.values(s.hall?.tickets ?? {}).filter((x) => x.lane === 'booked').length);
  const checkedInElsewhere = day === today ? bookedToday : 0;

  useEffect(() => {
    if (!token) return;
    void fetchList(day);
    const timer = setInterval(() => void fetchList(day), REFRESH_MS);
    return () => clearInterval(timer);
  }, [token, day, fetchList, checkedInElsewhere]);

  const rows = [...(entry?.data ?? [])].sort((a, b) => a.at - b.at || (a.code < b.code ? -1 : 1));
  const active = rows.filter((r) => r.status === 'booked').length;
  const came = rows.filter((r) => r.status === 'checked-in').length;

  let body;
  if (entry?.error) {
    body = (
      <div className="bookings-state" role="alert" data-testid="bookings-error">
        <strong>{t('bookings.failed')}</strong> {errorText(t, lang, entry.error)}
        <button type="button" className="btn btn-small" onClick={() => void fetchList(day)}>
          {t('bookings.retry')}
        </button>
      </div>
    );
  } else if (!entry?.data) {
    body = <p className="bookings-state">{t('common.loading')}</p>;
  } else if (rows.length === 0) {
    body = (
      <p className="bookings-state" data-testid="bookings-empty">
        {t('bookings.list.empty')}
      </p>
    );
  } else {
    body = (
      // Focusable so that keyboard users can scroll a long day without tabbing through every row.
      <div className="scroll" tabIndex={0} aria-labelledby="bookings-list-title">
        <table className="table booking-table">
          <thead>
            <tr>
              <th>{t('bookings.list.time')}</th>
              <th>{t('bookings.list.service')}</th>
              <th>{t('bookings.list.code')}</th>
              <th>{t('bookings.list.visitor')}</th>
              <th>{t('bookings.list.channel')}</th>
              <th>{t('bookings.list.status')}</th>
              <th>
                <span className="sr-only">{t('bookings.list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <BookingRow key={r.code} booking={r} day={day} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="panel booking-list" aria-labelledby="bookings-list-title" data-testid="booking-list" aria-busy={entry?.loading ?? false}>
      <header className="panel-head">
        <h2 id="bookings-list-title">{t('bookings.list.title')}</h2>
        {entry?.data && (
          <span className="panel-count" data-testid="bookings-count">
            {t('bookings.list.count', { n: active, came })}
          </span>
        )}
        <button type="button" className="btn btn-small" onClick={() => void fetchList(day)} data-testid="bookings-refresh">
          {entry?.loading && entry.data ? t('bookings.updating') : t('bookings.refresh')}
        </button>
      </header>
      {body}
    </section>
  );
}

function BookingRow({ booking: b, day }: { booking: AppointmentStaffView; day: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  // A ticket of today is in the hall; an older one's number is on the ticket, not here.
  const ticketNumber = useStore((s) => (b.ticketId ? s.hall?.tickets[b.ticketId]?.number : undefined));
  const result = useStore((s) => s.checkIns[checkInKey(s.token, b.code)]);
  const checkIn = useStore((s) => s.checkInBooking);
  const cancel = useStore((s) => s.cancelBooking);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const code = formatCode(b.code);
  const time = (at: number) => formatTime(at, lang, timeZone);
  const open = b.status === 'booked';

  const run = async (op: () => Promise<void>) => {
    setBusy(true);
    await op();
    setBusy(false);
  };
  const doCancel = () =>
    run(async () => {
      const res = await cancel(b.code, day);
      setAsking(false);
      setCancelError(res.ok ? null : errorText(t, lang, res.error));
    });

  return (
    <tr data-testid="booking-row" data-code={b.code} data-status={b.status} className={open ? undefined : 'row-dim'}>
      <td className="nowrap">
        <strong className="booking-time">{time(b.at)}</strong>
        <div className="small muted">{t('bookings.list.window', { from: time(b.checkInFrom), to: time(b.checkInTo) })}</div>
      </td>
      <td>{serviceName(b.serviceId)}</td>
      <td className="nowrap">
        <span className="code" data-testid="booking-code">
          {code}
        </span>
      </td>
      <td className="visitor">
        {b.name || b.phone || b.email ? (
          <>
            {b.name && <div>{b.name}</div>}
            {b.phone && <div className="small">{b.phone}</div>}
            {b.email && <div className="small">{b.email}</div>}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="small">{t(`bookings.channel.${b.channel}`)}</td>
      <td>
        <span className={`pill pill-booking-${b.status}`}>{t(`bookings.status.${b.status}`)}</span>
        {ticketNumber && (
          <div className="small" data-testid="booking-ticket">
            {t('bookings.list.ticket', { number: ticketNumber })}
          </div>
        )}
      </td>
      <td className="booking-actions">
        {open && !asking && (
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              aria-label={t('bookings.list.checkInLabel', { code })}
              onClick={() => void run(() => checkIn(b.code, day))}
              data-testid="booking-check-in"
            >
              {t('bookings.list.checkIn')}
            </button>
            <button type="button" className="btn btn-small btn-danger-quiet" disabled={busy} aria-label={t('bookings.list.cancelLabel', { code })} onClick={() => setAsking(true)} data-testid="booking-cancel">
              {t('bookings.list.cancel')}
            </button>
          </div>
        )}
        {open && asking && (
          <div className="row-actions" role="group" aria-label={t('bookings.list.cancelAsk')}>
            <span className="small">{t('bookings.list.cancelAsk')}</span>
            <button type="button" className="btn btn-small btn-danger-quiet" disabled={busy} onClick={() => void doCancel()} data-testid="booking-cancel-yes">
              {t('bookings.list.cancelYes')}
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setAsking(false)}>
              {t('bookings.list.cancelNo')}
            </button>
          </div>
        )}
        {result?.ok && (
          <div className="ok-text issued" role="status" data-testid="booking-issued">
            {t('bookings.list.issued', { number: result.number })}
          </div>
        )}
        {result && !result.ok && (
          <div className="warn-text small" role="alert" data-testid="booking-refused">
            {errorText(t, lang, result.error)}
          </div>
        )}
        {cancelError && (
          <div className="warn-text small" role="alert">
            {cancelError}
          </div>
        )}
      </td>
    </tr>
  );
}
