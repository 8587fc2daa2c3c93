/** Calendar arithmetic in a center's time zone. Pure: `now` is always passed in. */
import { TZDate } from '@date-fns/tz';
import type { Interval, Weekday, WeeklyHours } from './config.js';

const WEEKDAY_BY_INDEX: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalTime {
  /** "YYYY-MM-DD" */
  day: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
}

export function localTime(now: number, timeZone: string): LocalTime {
  const d = new TZDate(now, timeZone);
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return {
    day: `${y}-${m}-${dd}`,
    weekday: WEEKDAY_BY_INDEX[d.getDay()] ?? 'mon',
    minute: d.getHours() * 60 + d.getMinutes(),
  };
}

/** Epoch ms of the local midnight that starts `now`'s day in `timeZone`. */
export function startOfLocalDay(now: number, timeZone: string): number {
  const d = new TZDate(now, timeZone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, 0, 0, timeZone).getTime();
}

export function parseHHMM(s: string): number {
  const [h, m] = s.split(':');
  return Number(h) * 60 + Number(m);
}

export function withinIntervals(intervals: Interval[] | undefined, minute: number): boolean {
  return (intervals ?? []).some((i) => minute >= parseHHMM(i.from) && minute < parseHHMM(i.to));
}

export function isOpenAt(hours: WeeklyHours, now: number, timeZone: string): boolean {
  const t = localTime(now, timeZone);
  return withinIntervals(hours[t.weekday], t.minute);
}

export const MINUTE = 60_000;
