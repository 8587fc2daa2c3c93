/**
 * Report figures over any set of tickets (issue 12). Pure: rows in, figures out. Wait, percentile
 * and "within target" are waits.ts's, the same as today's figures (today.ts) and the simulator's:
 * a wait runs from issue to the first call and belongs to the service the visitor chose.
 */
import { calendarWeekday, type HourFlow, type ReportFigures, type ReportGrouping } from '@qms/shared';
import { figuresOf, tally, type ReportRow, type Tally } from './tally.js';
import { round1, waitStats } from './waits.js';

export { serviceMinOf, waitMinOf, type ReportRow } from './tally.js';

const share = (n: number, of: number): number | null => (of === 0 ? null : n / of);

/** Figures of a set of tickets: tally.ts's summary of them, read out. */
export function reportFigures(rows: readonly ReportRow[], targetMin: (serviceId: string) => number): ReportFigures {
  return figuresOf(tally(rows, targetMin, () => 0));
}

/**
 * ETA accuracy: the wait promised at issue against the wait had, of called visitors who were
 * promised one. The live reports and the simulator's result both use this.
 */
export function etaFigures(items: readonly { waitMin: number; promisedWaitMin: number | null }[]): ReportFigures['eta'] {
  const errors: number[] = [];
  let under = 0;
  for (const i of items) {
    if (i.promisedWaitMin === null) continue;
    errors.push(Math.abs(i.waitMin - i.promisedWaitMin));
    if (i.waitMin - i.promisedWaitMin > 5) under += 1;
  }
  const s = waitStats(errors);
  return { count: s.count, medianErrorMin: round1(s.p50), p90ErrorMin: round1(s.p90), underPromisedOver5: share(under, s.count) };
}

/** The group a row falls in; `hourOf` gives the local hour of an instant (the center's zone). */
export function groupKey(r: ReportRow, by: ReportGrouping, hourOf: (at: number) => number): string {
  switch (by) {
    case 'none':
      return 'all';
    case 'service':
      return r.issuedServiceId;
    case 'counter':
      return r.counterId ?? '';
    case 'operator':
      return r.staffLogin ?? '';
    case 'lane':
      return r.lane;
    case 'category':
      return r.categoryId ?? '';
    case 'channel':
      return r.channel;
    case 'hour':
      return String(hourOf(r.issuedAt)).padStart(2, '0');
    case 'weekday':
      return WEEKDAY_KEYS[calendarWeekday(r.day)]!;
    case 'day':
      return r.day;
  }
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const ORDER: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** Group keys in a reading order: weekdays Monday first, the rest by key ("" — none — last). */
export function orderKeys(keys: Iterable<string>, by: ReportGrouping): string[] {
  return [...keys].sort((a, b) => (by === 'weekday' ? (ORDER[a] ?? 9) - (ORDER[b] ?? 9) : a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en', { numeric: true })));
}

/** Arrivals by the hour they were issued, completions by the hour they ended (local hours). */
export function hourFlow(t: Pick<Tally, 'issuedByHour' | 'completedByHour'>): HourFlow[] {
  return t.issuedByHour.flatMap((n, hour) => (n > 0 || t.completedByHour[hour]! > 0 ? [{ hour, issued: n, completed: t.completedByHour[hour]! }] : []));
}
