/**
 * A service's bookable slots on a local day and how many places each has (docs/SPEC.md A3, A6).
 * Pure: the configuration and a calendar day in, slots out. Slots lie on the wall clock from the
 * start of each of the service's opening intervals, so a day the clocks change keeps 09:00 at 09:00.
 */
import { atLocal, calendarWeekday, closedDayOn, localTime, parseHHMM, scheduleOf, withinIntervals, type CenterConfig, type Service, type Weekday } from '@qms/shared';

const WEEKDAY_BY_INDEX: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface SlotPlaces {
  /** Epoch ms of the slot's start. */
  at: number;
  /** Wall-clock minute of the day. */
  minute: number;
  /** How many bookings it may hold (A6). */
  places: number;
}

type Config = Pick<CenterConfig, 'center' | 'counters'>;

/** Minutes per slot: configured, or the service time rounded up to 5 minutes. */
export function slotMinOf(service: Service): number {
  return service.appointments?.slotMin ?? Math.max(5, Math.ceil(service.serviceTimeMin / 5) * 5);
}

/**
 * A6: at each slot, `bookableShare` of the counters planned to serve the service then (their
 * staffing plan, W5; without one, whenever the service is open) may be booked. The places add up
 * over the day and are handed out whole as the running total passes each integer, so bookings
 * never take more than that share of any stretch of the day, and are spread evenly over it
 * (one counter at a third: every third slot has a place).
 */
export function slotsOfDay(config: Config, service: Service, day: string): SlotPlaces[] {
  const booking = service.appointments;
  if (!booking?.enabled) return [];
  const { center } = config;
  const schedule = scheduleOf(center, service);
  if (closedDayOn(schedule, day)) return [];
  const weekday = WEEKDAY_BY_INDEX[calendarWeekday(day)] ?? 'mon';
  const slotMin = slotMinOf(service);
  const counters = (config.counters ?? []).filter((c) => c.services.some((s) => s.serviceId === service.id));
  const intervals = [...(schedule.hours[weekday] ?? [])].sort((a, b) => parseHHMM(a.from) - parseHHMM(b.from));
  const out: SlotPlaces[] = [];
  let total = 0;
  for (const i of intervals) {
    const end = parseHHMM(i.to);
    for (let minute = parseHHMM(i.from); minute + slotMin <= end; minute += slotMin) {
      const at = atLocal(day, minute, center.timezone);
      // The hour the clocks skip has no slots (02:10 does not exist on that day).
      if (localTime(at, center.timezone).minute !== minute) continue;
      const staffed = counters.filter((c) => !c.hours || withinIntervals(c.hours[weekday], minute)).length;
      const before = Math.floor(total + 1e-9);
      total += booking.bookableShare * staffed;
      out.push({ at, minute, places: Math.floor(total + 1e-9) - before });
    }
  }
  return out;
}
