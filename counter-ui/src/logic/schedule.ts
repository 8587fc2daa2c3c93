/**
 * The Settings editors of opening hours and closed days: a draft every weekday of which is a list
 * (empty: closed), and the problems a person can act on, checked as they type. The server checks
 * the same rules again (shared/src/config.ts) and names the JSON path of anything that slips by.
 */
import { WEEKDAYS, isLocalDate, type ClosedDay, type Interval, type Weekday, type WeeklyHours } from '@qms/shared';

export type HoursDraft = Record<Weekday, Interval[]>;

/** What is wrong with one interval: a time missing, "from" not before "to", or it overlaps `other`. */
export type IntervalProblem = { kind: 'time' } | { kind: 'order' } | { kind: 'overlap'; other: Interval };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "9", "9:00", "900", "0900" → "09:00" as a person types a time; anything else stays as typed (and is reported). */
export function normalTime(typed: string): string {
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(typed.trim().replace('.', ':'));
  if (!m) return typed.trim();
  const time = `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? '00'}`;
  return TIME.test(time) ? time : typed.trim();
}

/** Every weekday present (a copy: editing the draft never touches the stored hours). */
export function hoursDraft(hours: WeeklyHours | undefined): HoursDraft {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (hours?.[d] ?? []).map((i) => ({ ...i }))])) as HoursDraft;
}

/** What is saved: each day's intervals in time order (a closed day saved as an empty list). */
export function hoursOut(draft: HoursDraft): WeeklyHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...draft[d]].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))])) as WeeklyHours;
}

/** Per interval of one day, its problem or null. An overlap is reported on the later of the two. */
export function intervalProblems(list: Interval[]): (IntervalProblem | null)[] {
  const out: (IntervalProblem | null)[] = list.map((i) => (!TIME.test(i.from) || !TIME.test(i.to) ? { kind: 'time' } : i.from >= i.to ? { kind: 'order' } : null));
  const valid = list.map((i, index) => ({ ...i, index })).filter((i) => out[i.index] === null);
  valid.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
  valid.forEach((i, k) => {
    const before = valid[k - 1];
    if (before && i.from < before.to) out[i.index] = { kind: 'overlap', other: { from: before.from, to: before.to } };
  });
  return out;
}

export function hoursHaveProblems(draft: HoursDraft): boolean {
  return WEEKDAYS.some((d) => intervalProblems(draft[d]).some((p) => p !== null));
}

/** "Copy Monday to all weekdays": Tuesday to Friday take Monday's intervals; the weekend stays. */
export function copyMondayToWeekdays(draft: HoursDraft): HoursDraft {
  const mon = draft.mon.map((i) => ({ ...i }));
  return { ...draft, tue: mon.map((i) => ({ ...i })), wed: mon.map((i) => ({ ...i })), thu: mon.map((i) => ({ ...i })), fri: mon.map((i) => ({ ...i })) };
}

/** A closed day that cannot be added: no such date, or that day (or, yearly, that month and day) listed already. */
export type ClosedDayProblem = 'date' | 'twice';

export function closedDayProblem(list: readonly ClosedDay[], date: string, yearly: boolean): ClosedDayProblem | null {
  if (!isLocalDate(date)) return 'date';
  const key = (d: { date: string; yearly?: boolean | undefined }) => (d.yearly ? `every ${d.date.slice(5)}` : d.date);
  return list.some((d) => key(d) === key({ date, yearly })) ? 'twice' : null;
}

/** The yearly days first, by month and day; then the others in date order. */
export function sortClosedDays(list: readonly ClosedDay[]): ClosedDay[] {
  const key = (d: ClosedDay) => (d.yearly ? `0000-${d.date.slice(5)}` : d.date);
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A one-off closure before `today` ("YYYY-MM-DD" in the center's zone) is over; a yearly one never is. */
export function isPast(day: ClosedDay, today: string): boolean {
  return !day.yearly && day.date < today;
}
