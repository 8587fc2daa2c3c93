/** Calendar arithmetic in a center's time zone. Pure: `now` is always passed in. */
import { TZDate, tzOffset } from '@date-fns/tz';
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

const QUARTER_HOUR = 15 * 60_000;
/**
 * The zone's offset per UTC quarter hour. Every offset and every change of one since 1972 falls on
 * a quarter hour (Nepal's +05:45, Chatham's DST at 02:45 local), so an offset holds for the whole
 * quarter hour it was asked in; a new minute then costs arithmetic, not a time-zone lookup (which
 * formats a date through Intl, some ten microseconds: the kiosk asks at every ticket).
 */
const lastOffset = new Map<string, { quarter: number; offsetMs: number }>();

function offsetMs(now: number, timeZone: string): number {
  const quarter = Math.floor(now / QUARTER_HOUR);
  const known = lastOffset.get(timeZone);
  if (known && known.quarter === quarter) return known.offsetMs;
  const offset = tzOffset(timeZone, new Date(now)) * MINUTE;
  lastOffset.set(timeZone, { quarter, offsetMs: offset });
  return offset;
}

export function localTime(now: number, timeZone: string): LocalTime {
  const minute = Math.floor(now / MINUTE);
  const known = lastAnswer.get(timeZone);
  if (known && known.minute === minute) return known.local;
  // The local wall clock, read off a UTC date shifted by the offset.
  const d = new Date(now + offsetMs(now, timeZone));
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const local: LocalTime = Object.freeze({
    day: `${d.getUTCFullYear()}-${m}-${dd}`,
    weekday: WEEKDAY_BY_INDEX[d.getUTCDay()] ?? 'mon',
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
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
