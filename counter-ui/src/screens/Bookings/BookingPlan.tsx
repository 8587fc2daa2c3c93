/**
 * The plan for supervisors and admins (GET …/schedule): per service, today and the next six days
 * (places taken of places, who came, who did not), and the chosen day's slots by hour, so a
 * supervisor sees where bookings crowd and whether the booked come.
 */
import { formatCalendarDay, formatDate, formatTime } from '@qms/shared/client';
import { formatHHMM, localMidnight } from '@qms/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errorText';
import { useLanguage, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { bookingListKey, bookingPlanKey } from '../../store/bookings';
import { dayTotals, fullness, planPeriod, slotsByHour, taken, type PlanService } from './plan';

export function BookingPlan({ day, today, timeZone }: { day: string; today: string; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const token = useStore((s) => s.token);
  const fetchPlan = useStore((s) => s.fetchBookingPlan);
  const week = planPeriod(today);
  // A day outside the week is asked for on its own.
  const outside = !week.days.includes(day);
  const weekEntry = useStore((s) => s.bookingPlans[bookingPlanKey(s.token, week.from, week.to)]);
  const dayEntry = useStore((s) => (outside ? s.bookingPlans[bookingPlanKey(s.token, day, day)] : weekEntry));
  // The list's answers change the plan too: ask again when it has been asked again.
  const listRound = useStore((s) => s.bookingLists[bookingListKey(s.token, day)]?.data);

  useEffect(() => {
    if (token) void fetchPlan(week.from, week.to);
  }, [token, fetchPlan, week.from, week.to, listRound]);
  useEffect(() => {
    if (token && outside) void fetchPlan(day, day);
  }, [token, fetchPlan, day, outside, listRound]);

  const error = weekEntry?.error ?? dayEntry?.error;
  return (
    <section className="panel plan" aria-labelledby="plan-title" data-testid="booking-plan" aria-busy={weekEntry?.loading ?? false}>
      <header className="panel-head">
        <h2 id="plan-title">{t('bookings.plan.title')}</h2>
        <span className="panel-count">{t('bookings.plan.hint')}</span>
      </header>
      {error ? (
        <p className="bookings-state warn-text" role="alert">
          {errorText(t, lang, error)}
        </p>
      ) : !weekEntry?.data ? (
        <p className="bookings-state">{t('common.loading')}</p>
      ) : weekEntry.data.services.length === 0 ? (
        <p className="bookings-state muted">{t('bookings.noServices')}</p>
      ) : (
        <>
          <WeekTable services={weekEntry.data.services} days={week.days} day={day} today={today} timeZone={timeZone} />
          {dayEntry?.data && <DaySlots services={dayEntry.data.services} day={day} timeZone={timeZone} />}
        </>
      )}
    </section>
  );
}

function WeekTable({ services, days, day, today, timeZone }: { services: PlanService[]; days: string[]; day: string; today: string; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const choose = useStore((s) => s.chooseBookingDay);
  return (
    <div className="scroll plan-week-scroll">
      <table className="table plan-week" data-testid="plan-week">
        <caption className="plan-caption">{t('bookings.plan.week')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bookings.list.service')}</th>
            {days.map((d) => (
              <th key={d} scope="col" className={d === day ? 'plan-col-on' : undefined} aria-current={d === day ? 'date' : undefined}>
                {d === today ? t('bookings.today') : formatDate(localMidnight(d, timeZone) + 12 * 3_600_000, lang, timeZone)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.serviceId} data-testid="plan-service" data-service={s.serviceId}>
              <th scope="row">{serviceName(s.serviceId)}</th>
              {dayTotals(s, days, timeZone).map((d) => {
                const used = taken(d);
                return (
                  <td key={d.day} className={d.day === day ? 'plan-col-on' : undefined}>
                    <button
                      type="button"
                      className={`plan-day plan-${fullness(used, d.capacity)}`}
                      onClick={() => choose(d.day === today ? null : d.day)}
                      data-testid="plan-day"
                      data-day={d.day}
                      data-taken={used}
                      data-places={d.capacity}
                    >
                      {/* Read out with its service and day; the visible words stay the name's own (WCAG 2.5.3). */}
                      <span className="sr-only">
                        {serviceName(s.serviceId)}, {formatCalendarDay(d.day, lang)}:{' '}
                      </span>
                      <span className="plan-taken">{d.capacity === 0 && used === 0 ? t('bookings.plan.none') : t('bookings.plan.dayCell', { taken: used, places: d.capacity })}</span>
                      {(d.checkedIn > 0 || d.noShow > 0) && <span className="plan-came">{t('bookings.plan.cameMissed', { came: d.checkedIn, missed: d.noShow })}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DaySlots({ services, day, timeZone }: { services: PlanService[]; day: string; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const time = (ms: number) => formatTime(ms, lang, timeZone);
  return (
    <div className="plan-slots" data-testid="plan-slots" data-day={day}>
      <h3>{t('bookings.plan.slotsTitle', { day: formatCalendarDay(day, lang) })}</h3>
      <p className="muted small">{t('bookings.plan.legend')}</p>
      <div className="plan-slot-grids">
        {services.map((s) => {
          // A slot without places counts only if someone booked it before its places went.
          const rows = slotsByHour(s, day, timeZone)
            .map((r) => ({ ...r, slots: r.slots.filter((x) => x.capacity > 0 || taken(x) + x.cancelled > 0) }))
            .filter((r) => r.slots.length > 0);
          return (
            <table key={s.serviceId} className="slot-grid" data-testid="plan-slot-grid" data-service={s.serviceId}>
              <caption>
                {serviceName(s.serviceId)} <span className="muted small">{t('bookings.plan.slotMin', { n: s.slotMin })}</span>
              </caption>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td className="muted small">{t('bookings.plan.noSlots')}</td>
                  </tr>
                ) : (
                  rows.map((r) => (
                    <tr key={r.hour}>
                      <th scope="row">{formatHHMM(r.hour * 60)}</th>
                      <td>
                        <ul className="slot-list">
                          {r.slots.map((x) => (
                            <li key={x.at} className={`slot slot-${fullness(taken(x), x.capacity)}`} data-testid="plan-slot" data-at={x.at} data-taken={taken(x)} data-checked-in={x.checkedIn}>
                              <span aria-hidden="true">
                                <span className="slot-time">{time(x.at)}</span> {taken(x)}/{x.capacity}
                                {x.checkedIn > 0 && <span className="slot-came"> ✓{x.checkedIn}</span>}
                                {x.noShow > 0 && <span className="slot-missed"> ✗{x.noShow}</span>}
                              </span>
                              <span className="sr-only">
                                {time(x.at)}: {t('bookings.plan.dayText', { taken: taken(x), places: x.capacity, came: x.checkedIn, missed: x.noShow })}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          );
        })}
      </div>
    </div>
  );
}
