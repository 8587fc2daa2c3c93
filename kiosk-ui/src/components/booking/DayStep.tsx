import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { bookingDays, DAYS_PER_PAGE } from '../../booking';
import { useBookCenter, useBookWords } from '../../hooks/useBooking';
import { useKiosk } from '../../store';
import { slotsKey, type DaySlots } from '../../store/booking';
import { Chosen, StepTop } from './StepTop';

/**
 * Step 2: a week of days at a time, each saying how many free times it has once known. A day
 * with none (fully booked, or the center closed) says so and cannot be chosen.
 */
export function DayStep() {
  const { t } = useTranslation();
  const words = useBookWords();
  const serviceId = useKiosk((s) => s.bookServiceId) ?? '';
  const service = useBookCenter().services.find((s) => s.id === serviceId);
  const week = useKiosk((s) => s.bookWeek);
  const slots = useKiosk((s) => s.bookSlots);
  const choose = useKiosk((s) => s.chooseBookDay);
  const showWeek = useKiosk((s) => s.showBookWeek);
  const all = service ? bookingDays(service.firstDay, service.lastDay) : [];
  const days = all.slice(week * DAYS_PER_PAGE, (week + 1) * DAYS_PER_PAGE);

  return (
    <section className="book-step" aria-labelledby="book-step-title">
      <StepTop n={2} title={t('bookChooseDay')}>
        <Chosen lines={[words.service(serviceId)]} />
      </StepTop>
      <ul className="book-options">
        {days.map((day) => {
          const known = slots[slotsKey(serviceId, day)];
          const none = known?.state === 'ready' && known.slots.length === 0;
          return (
            <li key={day}>
              <button type="button" className={`book-option book-day${none ? ' full' : ''}`} disabled={none} onClick={() => choose(day)}>
                <span className="book-day-name">{words.day(day)}</span>
                <span className="book-day-free">{freeText(t, known)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="book-pager">
        {week > 0 && (
          <button type="button" className="phone-quiet" onClick={() => showWeek(week - 1)}>
            {t('bookEarlierDays')}
          </button>
        )}
        {(week + 1) * DAYS_PER_PAGE < all.length && (
          <button type="button" className="phone-quiet" onClick={() => showWeek(week + 1)}>
            {t('bookLaterDays')}
          </button>
        )}
      </div>
    </section>
  );
}

/** Nothing until known: a guess would be worse than a blank. */
function freeText(t: TFunction, known: DaySlots | undefined): string {
  if (known?.state !== 'ready') return '\u00a0';
  return known.slots.length ? t('bookFreeTimes', { count: known.slots.length }) : t('bookNoFreeTime');
}
