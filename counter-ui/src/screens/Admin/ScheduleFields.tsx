/** The editors of weekly opening hours and of closed days: the center's screen and a service's form share them. */
import type { TFunction } from 'i18next';
import { WEEKDAYS, type ClosedDay, type Interval, type Weekday } from '@qms/shared';
import { formatCalendarDay } from '@qms/shared/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/hooks';
import { closedDayProblem, copyMondayToWeekdays, intervalProblems, isPast, normalTime, sortClosedDays, type ClosedDayProblem, type HoursDraft, type IntervalProblem } from '../../logic/schedule';
import { Field } from './parts';
import { DateInput } from '../../components/DateInput';

/** A new interval starts where the day's last one ends (or at 09:00), for an hour. */
function nextInterval(list: Interval[]): Interval {
  const from = list.at(-1)?.to ?? '09:00';
  if (!/^\d\d:\d\d$/.test(from) || from >= '23:00') return { from: '23:00', to: '24:00' };
  return { from, to: `${String(Number(from.slice(0, 2)) + 1).padStart(2, '0')}${from.slice(2)}` };
}

export function WeeklyHoursFields({ hours, onChange }: { hours: HoursDraft; onChange: (hours: HoursDraft) => void }) {
  const { t } = useTranslation();
  return (
    <div className="hours" data-testid="hours">
      {WEEKDAYS.map((day) => (
        <DayRow key={day} day={day} list={hours[day]} onChange={(list) => onChange({ ...hours, [day]: list })} />
      ))}
      <div>
        <button type="button" className="btn btn-small" onClick={() => onChange(copyMondayToWeekdays(hours))} data-testid="hours-copy-monday">
          {t('admin.schedule.copyMonday')}
        </button>
      </div>
    </div>
  );
}

/**
 * One weekday: ticked, its intervals; unticked, closed. Times are typed on the 24-hour clock as the
 * whole app shows them (a browser's time field would follow the machine's locale: "06:00 PM"), and
 * "24:00" can be written for midnight at the end of the day.
 */
function DayRow({ day, list, onChange }: { day: Weekday; list: Interval[]; onChange: (list: Interval[]) => void }) {
  const { t } = useTranslation();
  const name = t(`admin.schedule.weekdays.${day}`);
  const problems = intervalProblems(list);
  const open = list.length > 0;
  const set = (i: number, patch: Partial<Interval>) => onChange(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const add = (
    <button type="button" className="btn btn-small btn-quiet hours-add" title={t('admin.schedule.addInterval')} onClick={() => onChange([...list, nextInterval(list)])} data-testid="hours-add">
      + <span className="hours-add-text">{t('admin.schedule.addInterval')}</span>
    </button>
  );
  const time = (i: number, field: 'from' | 'to', value: string, invalid: boolean) => (
    <input
      className="input time"
      value={value}
      inputMode="numeric"
      maxLength={5}
      placeholder="00:00"
      aria-label={`${name}, ${t(`admin.schedule.${field}`)}`}
      aria-invalid={invalid ? true : undefined}
      onChange={(e) => set(i, { [field]: e.target.value })}
      onBlur={(e) => set(i, { [field]: normalTime(e.target.value) })}
      data-testid={`hours-${field}`}
    />
  );
  return (
    <div className="hours-day" data-testid="hours-day" data-day={day}>
      <label className="check hours-name">
        <input type="checkbox" checked={open} onChange={(e) => onChange(e.target.checked ? [{ from: '09:00', to: '18:00' }] : [])} data-testid="hours-open" />
        {name}
      </label>
      <div className="hours-intervals">
        {!open && <span className="muted">{t('admin.schedule.closed')}</span>}
        {list.map((iv, i) => {
          const problem = problems[i];
          const what = t('admin.schedule.removeInterval', { from: iv.from, to: iv.to });
          return (
            // Intervals have no id: their place in the day names them while it is edited.
            <div key={i} className="hours-interval">
              <div className="hours-times">
                {time(i, 'from', iv.from, problem != null)}
                <span aria-hidden="true">–</span>
                {time(i, 'to', iv.to, problem != null)}
                <button type="button" className="btn btn-small btn-quiet" aria-label={what} title={what} onClick={() => onChange(list.filter((_, j) => j !== i))} data-testid="hours-remove">
                  ✕
                </button>
                {i === list.length - 1 && add}
              </div>
              {problem && (
                <small className="field-problem" data-testid="hours-problem">
                  {problemText(t, problem)}
                </small>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function problemText(t: TFunction, p: IntervalProblem): string {
  switch (p.kind) {
    case 'time':
      return t('admin.schedule.problemTime');
    case 'order':
      return t('admin.schedule.problemOrder');
    case 'overlap':
      return t('admin.schedule.problemOverlap', { from: p.other.from, to: p.other.to });
  }
}

const dayKey = (d: ClosedDay) => (d.yearly ? `every ${d.date.slice(5)}` : d.date);

/** The closed days in date order (past ones greyed), and a row to add one: date, reason, every year. */
export function ClosedDaysFields({ days, today, onChange }: { days: ClosedDay[]; today: string; onChange: (days: ClosedDay[]) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [yearly, setYearly] = useState(false);
  const [problem, setProblem] = useState<ClosedDayProblem | null>(null);

  const add = () => {
    const p = closedDayProblem(days, date, yearly);
    setProblem(p);
    if (p) return;
    onChange(sortClosedDays([...days, { date, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(yearly ? { yearly: true } : {}) }]));
    setDate('');
    setReason('');
    setYearly(false);
  };
  // Enter in the new day's fields adds the day, rather than submitting the form around it.
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    add();
  };

  return (
    <div className="closed-days" data-testid="closed-days">
      {days.length === 0 ? (
        <p className="muted">{t('admin.schedule.none')}</p>
      ) : (
        <ul className="closed-list">
          {sortClosedDays(days).map((d) => {
            const past = isPast(d, today);
            const label = formatCalendarDay(d.date, lang, d.yearly);
            return (
              <li key={dayKey(d)} className={past ? 'closed-day closed-past' : 'closed-day'} data-testid="closed-row" data-date={d.date}>
                <span className="closed-date">{label}</span>
                <span className="closed-tags">
                  {d.yearly && <span className="tag">{t('admin.schedule.everyYear')}</span>}
                  {past && <span className="tag">{t('admin.schedule.past')}</span>}
                </span>
                <span className="closed-reason">{d.reason ?? ''}</span>
                <button type="button" className="btn btn-small btn-quiet" aria-label={t('admin.schedule.removeDay', { date: label })} title={t('admin.schedule.removeDay', { date: label })} onClick={() => onChange(days.filter((x) => dayKey(x) !== dayKey(d)))} data-testid="closed-remove">
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="closed-add">
        <Field label={t('admin.schedule.date')}>
          <DateInput value={date} aria-invalid={problem ? true : undefined} onChange={(e) => setDate(e.target.value)} onKeyDown={onEnter} data-testid="closed-date" />
        </Field>
        <Field label={t('admin.schedule.reason')}>
          <input className="input" value={reason} maxLength={100} placeholder={t('admin.schedule.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} onKeyDown={onEnter} data-testid="closed-reason" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} data-testid="closed-yearly" />
          {t('admin.schedule.yearly')}
        </label>
        <button type="button" className="btn btn-small" onClick={add} data-testid="closed-add">
          + {t('admin.schedule.addDay')}
        </button>
      </div>
      {problem && (
        <p className="field-problem" role="alert" data-testid="closed-problem">
          {t(problem === 'date' ? 'admin.schedule.problemDate' : 'admin.schedule.problemTwice')}
        </p>
      )}
    </div>
  );
}
