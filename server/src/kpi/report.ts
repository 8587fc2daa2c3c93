/**
 * Report figures over any set of tickets (issue 12). Pure: rows in, figures out. Wait, percentile
 * and "within target" are waits.ts's, the same as today's figures (today.ts) and the simulator's:
 * a wait runs from issue to the first call and belongs to the service the visitor chose.
 */
import { calendarWeekday, type AppointmentFigures, type AppointmentStatus, type HourFlow, type ReportFigures, type ReportGrouping } from '@qms/shared';
import { distributionOf, figuresOf, share, tally, type ReportRow, type Tally } from './tally.js';
import { round1, waitMinOf, waitStats, withinTargetShare, type TargetOf } from './waits.js';

export { serviceMinOf, waitMinOf, type ReportRow } from './tally.js';

/** Figures of a set of tickets: tally.ts's summary of them, read out. */
export function reportFigures(rows: readonly ReportRow[], targetMin: TargetOf): ReportFigures {
  return figuresOf(tally(rows, targetMin, () => 0));
}

/** A booking as reports see it (storage's appointments row with its ticket's first call). */
export interface AppointmentReportRow {
  serviceId: string;
  at: number;
  status: AppointmentStatus;
  /** When it was checked in; null unless checked in. */
  checkedInAt: number | null;
  issuedAt: number | null;
  firstCalledAt: number | null;
}

/**
 * Issue 13: what became of the bookings, and the booked visitors' waits against the booked target.
 * A booking still open whose slot started before `missedBefore` (now − the late window) is a
 * no-show (A4), whether or not the minute's sweep has marked it yet.
 */
export function appointmentFigures(rows: readonly AppointmentReportRow[], targetMin: TargetOf, missedBefore: number): AppointmentFigures {
  const checked = rows.filter((r) => r.status === 'checked-in');
  const waits = checked.flatMap((r) => {
    const waitMin = r.issuedAt === null ? null : waitMinOf({ issuedAt: r.issuedAt, firstCalledAt: r.firstCalledAt, appointmentAt: r.at });
    return waitMin === null ? [] : [{ waitMin, targetMin: targetMin(r.serviceId, true) }];
  });
  return {
    booked: rows.length,
    checkedIn: checked.length,
    noShow: rows.filter((r) => r.status === 'no-show' || (r.status === 'booked' && r.at < missedBefore)).length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    onTime: share(checked.filter((r) => r.checkedInAt !== null && r.checkedInAt <= r.at).length, checked.length),
    wait: distributionOf(waits.map((w) => w.waitMin)),
    withinTarget: withinTargetShare(waits),
  };
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
