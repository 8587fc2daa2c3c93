/**
 * Bookings (issue 13): a day of the center's appointments for staff. The day's list, where a
 * visitor at the desk is checked in or a booking cancelled; booking for a visitor at the desk or on
 * the phone; and for supervisors and admins the plan, a week of places per service and a day's
 * slots. Loaded lazily (App.tsx), with its styles.
 */
import { addCalendarDays, localTime } from '@qms/shared';
import { formatCalendarDay } from '@qms/shared/client';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage, useServerNow } from '../../components/hooks';
import { useStore } from '../../store';
import { BookForVisitor } from './BookForVisitor';
import { BookingList } from './BookingList';
import { BookingPlan } from './BookingPlan';
import './bookings.css';
import { DateInput } from '../../components/DateInput';

export default function Bookings() {
  const { t } = useTranslation();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  // The center's zone comes with the hall: until then, "today" is not known.
  if (!timeZone) return <p className="loading">{t('common.loading')}</p>;
  return <BookingsPage timeZone={timeZone} />;
}

function BookingsPage({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const role = useStore((s) => s.staff?.role ?? 'operator');
  const chosen = useStore((s) => s.bookingDay);
  const choose = useStore((s) => s.chooseBookingDay);
  const fetchCenter = useStore((s) => s.fetchBookingCenter);
  const services = useStore((s) => s.hall?.services);
  const today = localTime(useServerNow(60_000), timeZone).day;
  const day = chosen ?? today;

  // What can be booked, and how far ahead: again whenever the configuration changes.
  useEffect(() => void fetchCenter(), [fetchCenter, services]);

  return (
    <div className="page bookings" data-testid="bookings">
      <header className="bookings-head">
        <div className="bookings-title">
          <h1>{t('bookings.title')}</h1>
          <p data-testid="bookings-day-label">
            {formatCalendarDay(day, lang)}
            {day === today && <span className="tag tag-booked day-today">{t('bookings.today')}</span>}
            <span className="range-zone">{t('bookings.zone', { zone: timeZone })}</span>
          </p>
        </div>
        <nav className="day-bar" aria-label={t('bookings.day')}>
          <button type="button" className="btn" onClick={() => choose(addCalendarDays(day, -1))} data-testid="day-prev">
            ‹ {t('bookings.prevDay')}
          </button>
          <label className="field-inline">
            <span className="sr-only">{t('bookings.day')}</span>
            {/* The heading above spells the day out. */}
            <DateInput spell={false} value={day} required onChange={(e) => e.target.value && choose(e.target.value === today ? null : e.target.value)} data-testid="day-input" />
          </label>
          <button type="button" className="btn" onClick={() => choose(addCalendarDays(day, 1))} data-testid="day-next">
            {t('bookings.nextDay')} ›
          </button>
          <button type="button" className="btn" disabled={day === today} onClick={() => choose(null)} data-testid="day-today">
            {t('bookings.today')}
          </button>
        </nav>
      </header>
      <div className="bookings-grid">
        <BookingList day={day} today={today} />
        <BookForVisitor day={day} />
      </div>
      {/* Supervisors and admins only: the server refuses operators, and the panel does not ask for them. */}
      {role !== 'operator' && <BookingPlan day={day} today={today} timeZone={timeZone} />}
    </div>
  );
}
