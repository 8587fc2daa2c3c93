/**
 * When a service works: its weekly hours and closed days (docs/SPEC.md I3, I6, W4). The one place
 * that answers "open now?", "opens when?" and "called when?" for the engine, the kiosk's
 * availability and the expected wait. Pure: `now` is always passed in.
 */
import { TZDate } from '@date-fns/tz';
import type { CenterInfo, ClosedDay, Interval, Service, Weekday, WeeklyHours } from './config.js';
import { addCalendarDays, calendarWeekday, localTime, MINUTE, parseHHMM, withinIntervals } from './time.js';

export interface Schedule {
  hours: WeeklyHours;
  closedDays: readonly ClosedDay[];
}

const NONE: readonly ClosedDay[] = [];
const WEEKDAY_BY_INDEX: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** How far nextOpening looks: a year of closures is as long as anyone closes. */
const HORIZON_DAYS = 400;

/**
 * A service's schedule: its own hours replace the center's; its closed days add to the center's
 * (a public holiday closes every service, a one-off closure of one service closes only it).
 */
export function scheduleOf(center: Pick<CenterInfo, 'hours' | 'closedDays'>, service?: Pick<Service, 'hours' | 'closedDays'>): Schedule {
  const own = service?.closedDays ?? NONE;
  const common = center.closedDays ?? NONE;
  return { hours: service?.hours ?? center.hours, closedDays: own.length === 0 ? common : common.length === 0 ? own : [...common, ...own] };
}

/** The entry that closes local day `day` ("YYYY-MM-DD"): that date, or a yearly one on its month and day. */
export function closedDayOn(schedule: Schedule, day: string): ClosedDay | undefined {
  const monthDay = day.slice(5);
  return schedule.closedDays.find((c) => c.date === day || (c.yearly === true && c.date.slice(5) === monthDay));
}

/** I3, I6: within the hours of its local weekday, and not on a closed day. */
export function isOpenAt(schedule: Schedule, now: number, timeZone: string): boolean {
  const t = localTime(now, timeZone);
  return withinIntervals(schedule.hours[t.weekday], t.minute) && !closedDayOn(schedule, t.day);
}

/** Epoch ms of the next start of an opening interval after `now`, skipping closed days; null if none within a year. */
export function nextOpening(schedule: Schedule, now: number, timeZone: string): number | null {
  if (!Object.values(schedule.hours).some((list) => list && list.length > 0)) return null;
  const today = localTime(now, timeZone);
  let day = today.day;
  for (let d = 0; d <= HORIZON_DAYS; d += 1, day = nextDay(day)) {
    if (closedDayOn(schedule, day)) continue;
    const from = sorted(schedule.hours[weekdayOf(day)]).find((i) => d > 0 || parseHHMM(i.from) > today.minute);
    if (from) return atLocal(day, parseHHMM(from.from), timeZone);
  }
  return null;
}

type Windows = readonly (readonly [number, number])[];

/**
 * The last day's windows per weekly hours: after every command the ETA asks for every service,
 * and most services share the center's hours (the same object) and closed days (the same list).
 */
const windowsCache = new WeakMap<WeeklyHours, { timeZone: string; day: string; closedDays: readonly ClosedDay[]; windows: Windows }>();

/** Today's opening intervals in epoch ms, in time order; none on a closed day or a day without hours. */
export function openWindows(schedule: Schedule, now: number, timeZone: string): Windows {
  const t = localTime(now, timeZone);
  const known = windowsCache.get(schedule.hours);
  if (known && known.day === t.day && known.timeZone === timeZone && known.closedDays === schedule.closedDays) return known.windows;
  const windows: Windows = closedDayOn(schedule, t.day)
    ? []
    : sorted(schedule.hours[t.weekday]).map((i) => [atLocal(t.day, parseHHMM(i.from), timeZone), atLocal(t.day, parseHHMM(i.to), timeZone)] as const);
  windowsCache.set(schedule.hours, { timeZone, day: t.day, closedDays: schedule.closedDays, windows });
  return windows;
}

/**
 * W4: the moment `minutes` of the service's open time today have passed after `now`. The wait
 * stands still before today's first opening and in the breaks between its intervals; after the
 * day's last closing, on a day without hours or on a closed day, it runs on the clock (the day's
 * queue is served to its end, and D1 ends what is left at midnight).
 */
export function afterOpenMinutes(schedule: Schedule, now: number, timeZone: string, minutes: number): number {
  return afterOpenTime(openWindows(schedule, now, timeZone), now, minutes);
}

/** afterOpenMinutes on today's windows worked out once (the ETA asks for every waiting ticket). */
export function afterOpenTime(windows: Windows, now: number, minutes: number): number {
  let at = now;
  let left = minutes * MINUTE;
  for (const [from, to] of windows) {
    if (to <= at) continue;
    at = Math.max(at, from);
    if (at + left <= to) return at + left;
    left -= to - at;
    at = to;
  }
  return at + left;
}

const sortedCache = new WeakMap<Interval[], Interval[]>();
function sorted(intervals: Interval[] | undefined): Interval[] {
  if (!intervals) return [];
  let out = sortedCache.get(intervals);
  if (!out) sortedCache.set(intervals, (out = [...intervals].sort((a, b) => parseHHMM(a.from) - parseHHMM(b.from))));
  return out;
}

const nextDay = (day: string): string => addCalendarDays(day, 1);

function weekdayOf(day: string): Weekday {
  return WEEKDAY_BY_INDEX[calendarWeekday(day)] ?? 'mon';
}

/**
 * Epoch ms of minute `minute` (0–1440) of local day `day`, by the wall clock: on a day the clocks
 * change, 08:00 is still 08:00. Asked again and again for the same few interval edges (the ETA of
 * every service after every command), so remembered.
 */
const atLocalCache = new Map<string, number>();
export function atLocal(day: string, minute: number, timeZone: string): number {
  const key = `${timeZone} ${day} ${minute}`;
  let at = atLocalCache.get(key);
  if (at === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    at =
      minute >= 24 * 60
        ? new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, timeZone).getTime()
        : new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, 0, 0, timeZone).getTime();
    if (atLocalCache.size >= 4096) atLocalCache.clear();
    atLocalCache.set(key, at);
  }
  return at;
}
