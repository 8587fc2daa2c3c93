/** Calendar arithmetic in a center's time zone. Pure: `now` is always passed in. */
import { TZDate } from '@date-fns/tz';
import type { Interval, Weekday } from './config.js';

const WEEKDAY_BY_INDEX: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalTime {
  /** "YYYY-MM-DD" */
  day: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
}

/**
 * The last answer per time zone, with the UTC minute it holds for. Zone offsets are whole minutes
 * (every zone since 1972), so the local day, weekday and minute cannot change inside a UTC minute;
 * a server asks several times per command, and a time-zone lookup is a measurable share of one.
 */
const lastAnswer = new Map<string, { minute: number; local: LocalTime }>();

export function localTime(now: number, timeZone: string): LocalTime {
  const minute = Math.floor(now / MINUTE);
  const known = lastAnswer.get(timeZone);
  if (known && known.minute === minute) return known.local;
  const d = new TZDate(now, timeZone);
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  const local: LocalTime = Object.freeze({
    day: `${y}-${m}-${dd}`,
    weekday: WEEKDAY_BY_INDEX[d.getDay()] ?? 'mon',
    minute: d.getHours() * 60 + d.getMinutes(),
  });
  lastAnswer.set(timeZone, { minute, local });
  return local;
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

/** "HH:MM" of a minute of the day (1440 is "24:00", the end of a day's hours). */
export function formatHHMM(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(Math.floor(minute % 60)).padStart(2, '0')}`;
}

export function withinIntervals(intervals: Interval[] | undefined, minute: number): boolean {
  return (intervals ?? []).some((i) => minute >= parseHHMM(i.from) && minute < parseHHMM(i.to));
}

export const MINUTE = 60_000;

/**
 * Calendar days ("YYYY-MM-DD") by their date alone, taken at UTC noon, so that no time zone or
 * DST change can skip or repeat one.
 */
export function addCalendarDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function calendarWeekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** Epoch ms of 00:00 of a calendar day in a time zone (found from that day's noon, so DST cannot move it). */
export function localMidnight(day: string, timeZone: string): number {
  return startOfLocalDay(Date.parse(`${day}T12:00:00Z`), timeZone);
}
