/**
 * The periods a report covers, as the center's calendar days ("YYYY-MM-DD", `to` included), the
 * way the server counts them. Pure: "today" comes in from the caller (server time, center's zone).
 */
import { localTime, MAX_REPORT_DAYS } from '@qms/shared';

export const PERIOD_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The center's calendar day at instant `now` (epoch ms): a center in Hanoi starts its day 7 hours before UTC. */
export function todayIn(now: number, timeZone: string): string {
  return localTime(now, timeZone).day;
}

/**
 * Calendar arithmetic on dates, not instants: noon UTC never crosses a day boundary however the
 * clocks change, so a day in March with 23 hours is still one day.
 */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysIn(p: Period): number {
  return Math.round((Date.parse(`${p.to}T12:00:00Z`) - Date.parse(`${p.from}T12:00:00Z`)) / DAY_MS) + 1;
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/**
 * The preset's days for `today`. "Last 7 days" ends today (a director looking mid-morning sees
 * today's first hours with the week); "This month" runs from the 1st to today. `custom` is the
 * caller's range as given: the server judges it and says what is wrong.
 */
export function periodOf(preset: PeriodPreset, today: string, custom: Period): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const lastOfPrevious = addDays(monthStart(today), -1);
      return { from: monthStart(lastOfPrevious), to: lastOfPrevious };
    }
    case 'custom':
      return custom;
  }
}

/** What is wrong with a custom range before asking the server, or null; the server checks again. */
export function periodProblem(p: Period): 'missing' | 'reversed' | 'tooLong' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.from) || !/^\d{4}-\d{2}-\d{2}$/.test(p.to)) return 'missing';
  if (p.from > p.to) return 'reversed';
  if (daysIn(p) > MAX_REPORT_DAYS) return 'tooLong';
  return null;
}
