/**
 * Report figures over any set of tickets (issue 12). Pure: rows in, figures out. Wait, percentile
 * and "within target" are waits.ts's, the same as today's figures (today.ts) and the simulator's:
 * a wait runs from issue to the first call and belongs to the service the visitor chose.
 */
import { MINUTE, type Distribution, type HourFlow, type ReportChannel, type ReportFigures, type ReportGroup, type ReportGrouping, type TicketStatus } from '@qms/shared';
import { round1, waitStats, withinTargetShare } from './waits.js';

/** One ticket as reports see it (storage's report_tickets row). */
export interface ReportRow {
  id: string;
  day: string;
  number: string;
  issuedServiceId: string;
  serviceId: string;
  lane: string;
  categoryId: string | null;
  channel: ReportChannel;
  status: TicketStatus;
  issuedAt: number;
  firstCalledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
  staffLogin: string | null;
  transfers: number;
  recalls: number;
  promisedWaitMin: number | null;
}

export const waitMinOf = (r: ReportRow): number | null => (r.firstCalledAt === null ? null : (r.firstCalledAt - r.issuedAt) / MINUTE);
export const serviceMinOf = (r: ReportRow): number | null =>
  r.status === 'done' && r.startedAt !== null && r.finishedAt !== null ? (r.finishedAt - r.startedAt) / MINUTE : null;

const distribution = (values: number[]): Distribution => {
  const s = waitStats(values);
  return { count: s.count, mean: round1(s.mean), p50: round1(s.p50), p90: round1(s.p90), p95: round1(s.p95), max: round1(s.max) };
};

const share = (n: number, of: number): number | null => (of === 0 ? null : n / of);

export function reportFigures(rows: readonly ReportRow[], targetMin: (serviceId: string) => number): ReportFigures {
  const byChannel: Record<ReportChannel, number> = { kiosk: 0, staff: 0, remote: 0 };
  const waits: number[] = [];
  const targeted: { waitMin: number; targetMin: number }[] = [];
  const services: number[] = [];
  const promises: { waitMin: number; promisedWaitMin: number | null }[] = [];
  let served = 0;
  let noShow = 0;
  let cancelled = 0;
  let transferred = 0;
  let recalled = 0;
  const bands = [0, 0, 0, 0];
  for (const r of rows) {
    byChannel[r.channel] += 1;
    if (r.status === 'done') served += 1;
    else if (r.status === 'no_show') noShow += 1;
    else if (r.status === 'cancelled') cancelled += 1;
    if (r.transfers > 0) transferred += 1;
    if (r.recalls > 0) recalled += 1;
    const wait = waitMinOf(r);
    if (wait !== null) {
      waits.push(wait);
      targeted.push({ waitMin: wait, targetMin: targetMin(r.issuedServiceId) });
      bands[wait <= 10 ? 0 : wait <= 20 ? 1 : wait <= 30 ? 2 : 3]! += 1;
      promises.push({ waitMin: wait, promisedWaitMin: r.promisedWaitMin });
    }
    const service = serviceMinOf(r);
    if (service !== null) services.push(service);
  }
  const within = withinTargetShare(targeted);
  const called = waits.length;
  return {
    issued: rows.length,
    served,
    noShow,
    cancelled,
    transferred,
    recalled,
    open: rows.length - served - noShow - cancelled,
    byChannel,
    wait: distribution(waits),
    withinTarget: within,
    aboveTarget: within === null ? null : 1 - within,
    bands: { upTo10: share(bands[0]!, called), upTo20: share(bands[1]!, called), upTo30: share(bands[2]!, called), over30: share(bands[3]!, called) },
    service: distribution(services),
    eta: etaFigures(promises),
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
      return WEEKDAY_KEYS[new Date(`${r.day}T12:00:00Z`).getUTCDay()]!;
    case 'day':
      return r.day;
  }
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const ORDER: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** Groups in a reading order: weekdays Monday first, the rest by key ("" — none — last). */
export function groupRows(rows: readonly ReportRow[], by: ReportGrouping, hourOf: (at: number) => number, targetMin: (serviceId: string) => number): ReportGroup[] {
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const key = groupKey(r, by, hourOf);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    by === 'weekday' ? (ORDER[a] ?? 9) - (ORDER[b] ?? 9) : a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en', { numeric: true }),
  );
  return keys.map((key) => ({ key, figures: reportFigures(groups.get(key)!, targetMin) }));
}

/** Arrivals by the hour they were issued, completions by the hour they ended (local hours). */
export function hourFlow(rows: readonly ReportRow[], hourOf: (at: number) => number): HourFlow[] {
  const issued = new Array<number>(24).fill(0);
  const completed = new Array<number>(24).fill(0);
  for (const r of rows) {
    issued[hourOf(r.issuedAt)]! += 1;
    if (r.status === 'done' && r.finishedAt !== null) completed[hourOf(r.finishedAt)]! += 1;
  }
  return issued.flatMap((n, hour) => (n > 0 || completed[hour]! > 0 ? [{ hour, issued: n, completed: completed[hour]! }] : []));
}
