/**
 * Whether a visitor may take a ticket for a service right now (issue 11: never a ticket that
 * nobody will call): the service is within its hours (its own, else the center's) and a staffed
 * counter (open or on a break) serves it or can be switched to it (its `canServe`, else its plan).
 * The kiosk shows the others as "not served now", with when they open next where that is known.
 */
import { localTime, MINUTE, parseHHMM, startOfLocalDay, withinIntervals, type EngineConfig, type WeeklyHours } from '@qms/shared';
import type { EngineState } from '../engine/types.js';

export interface ServiceAvailability {
  serviceId: string;
  servedNow: boolean;
  /** Epoch ms of the next opening when the service is outside its hours now; null when open or never within a week. */
  opensAt: number | null;
}

const DAY = 24 * 60 * MINUTE;

/** The next start of an opening interval after `now`, within a week; null if none. */
export function nextOpening(hours: WeeklyHours, now: number, timeZone: string): number | null {
  const today = localTime(now, timeZone);
  for (let d = 0; d <= 7; d += 1) {
    // Noon of the day, so that a DST change never skips or repeats a day.
    const start = startOfLocalDay(startOfLocalDay(now, timeZone) + d * DAY + 12 * 60 * MINUTE, timeZone);
    const { weekday } = localTime(start, timeZone);
    const froms = (hours[weekday] ?? []).map((i) => parseHHMM(i.from)).sort((a, b) => a - b);
    const from = froms.find((m) => d > 0 || m > today.minute);
    if (from !== undefined) return start + from * MINUTE;
  }
  return null;
}

export function serviceAvailability(config: EngineConfig, state: Pick<EngineState, 'counters'>, now: number): ServiceAvailability[] {
  const { center } = config;
  const t = localTime(now, center.timezone);
  const staffed = new Set<string>();
  for (const counter of config.counters) {
    const live = state.counters.get(counter.id);
    if (!live || live.status === 'closed') continue;
    for (const s of live.services) staffed.add(s.serviceId);
    for (const id of counter.canServe ?? counter.services.map((s) => s.serviceId)) staffed.add(id);
  }
  return config.services.map((service) => {
    const hours = service.hours ?? center.hours;
    const open = withinIntervals(hours[t.weekday], t.minute);
    const served = staffed.has(service.id) || service.acceptWhenUnstaffed === true;
    return { serviceId: service.id, servedNow: open && served, opensAt: open ? null : nextOpening(hours, now, center.timezone) };
  });
}
