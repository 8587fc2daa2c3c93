/**
 * The supervisors' plan (GET …/schedule) put in the shapes the screen shows: a week of days per
 * service, and a day's slots by hour. Pure: the center's zone comes in from the caller, days are the
 * center's calendar days ("YYYY-MM-DD").
 */
import { addCalendarDays, localTime, type BookingSchedule } from '@qms/shared';

export type PlanService = BookingSchedule['services'][number];
export type PlanSlot = PlanService['slots'][number];

/** How many days the plan covers: today and the six after it. */
export const PLAN_DAYS = 7;

export function planPeriod(today: string, days = PLAN_DAYS): { from: string; to: string; days: string[] } {
  const all = Array.from({ length: days }, (_, i) => addCalendarDays(today, i));
  return { from: today, to: all.at(-1) ?? today, days: all };
}

/** Places used: booked and not cancelled (a no-show held its place until it was too late). */
export const taken = (s: Pick<PlanSlot, 'booked' | 'checkedIn' | 'noShow'>): number => s.booked + s.checkedIn + s.noShow;

export interface DayTotal {
  day: string;
  /** Slots with a place (a slot booked before its places went has none, but still counts its bookings). */
  slots: number;
  capacity: number;
  booked: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
}

/** A service's slots added up per day of `days`; a day without slots is all zeros. */
export function dayTotals(service: PlanService, days: string[], timeZone: string): DayTotal[] {
  const byDay = new Map(days.map((day) => [day, { day, slots: 0, capacity: 0, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 }]));
  for (const s of service.slots) {
    const total = byDay.get(localTime(s.at, timeZone).day);
    if (!total) continue;
    if (s.capacity > 0) total.slots += 1;
    total.capacity += s.capacity;
    total.booked += s.booked;
    total.checkedIn += s.checkedIn;
    total.noShow += s.noShow;
    total.cancelled += s.cancelled;
  }
  return [...byDay.values()];
}

export interface HourRow {
  /** Local hour of the day, 0–23. */
  hour: number;
  slots: PlanSlot[];
}

/**
 * A day's slots of a service in rows of the local hour they start in, in time order: a compact
 * grid a supervisor reads like a timetable (a DST day's repeated hour is one row with both).
 */
export function slotsByHour(service: PlanService, day: string, timeZone: string): HourRow[] {
  const rows = new Map<number, PlanSlot[]>();
  for (const s of [...service.slots].sort((a, b) => a.at - b.at)) {
    const local = localTime(s.at, timeZone);
    if (local.day !== day) continue;
    const hour = Math.floor(local.minute / 60);
    rows.set(hour, [...(rows.get(hour) ?? []), s]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([hour, slots]) => ({ hour, slots }));
}

/** How full a slot or a day is, for its colour: none taken, some, all (or more, after a change of counters). */
export function fullness(used: number, capacity: number): 'empty' | 'some' | 'full' {
  if (used === 0) return 'empty';
  return used >= capacity ? 'full' : 'some';
}
