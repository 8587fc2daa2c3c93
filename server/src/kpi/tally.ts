/**
 * A mergeable summary of tickets (issue 12): counts, and the waits, service times and ETA errors as
 * histograms in tenths of a minute, so that a day's summary can be stored once and a year's report
 * merges 365 of them instead of reading a million tickets. Nothing is lost on the way: figures are
 * shown to a tenth of a minute, rounding is monotonic, so the nearest-rank percentile of the rounded
 * values is the rounded percentile of the exact ones (waits.ts's definition); means keep exact sums.
 */
import { MINUTE, type Distribution, type ReportChannel, type ReportFigures, type TicketStatus } from '@qms/shared';
import { round1, waitMinOf, type TargetOf } from './waits.js';

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
  /** A checked-in appointment's slot (A2): its wait runs from there. */
  appointmentAt: number | null;
}

/**
 * How many at each tenth of a minute: index i counts the values that round to i / 10. Dense, so
 * that a stored summary parses as a plain array (several times faster than an object's keys).
 */
export type Histogram = number[];

export interface Tally {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  recalled: number;
  byChannel: Record<ReportChannel, number>;
  wait: Histogram;
  waitSum: number;
  within: number;
  bands: [number, number, number, number];
  service: Histogram;
  serviceSum: number;
  etaError: Histogram;
  etaErrorSum: number;
  underPromised: number;
  /** By local hour: issued (by the hour of issue) and completed (by the hour they ended). */
  issuedByHour: number[];
  completedByHour: number[];
}

export { waitMinOf };
export const serviceMinOf = (r: ReportRow): number | null =>
  r.status === 'done' && r.startedAt !== null && r.finishedAt !== null ? (r.finishedAt - r.startedAt) / MINUTE : null;

export function emptyTally(): Tally {
  return {
    issued: 0, served: 0, noShow: 0, cancelled: 0, transferred: 0, recalled: 0,
    byChannel: { kiosk: 0, staff: 0, remote: 0 },
    wait: [], waitSum: 0, within: 0, bands: [0, 0, 0, 0],
    service: [], serviceSum: 0,
    etaError: [], etaErrorSum: 0, underPromised: 0,
    issuedByHour: new Array<number>(24).fill(0), completedByHour: new Array<number>(24).fill(0),
  };
}

const bump = (h: Histogram, minutes: number) => {
  const k = Math.round(minutes * 10);
  while (h.length <= k) h.push(0);
  h[k]! += 1;
};

/** Add one ticket. `hourOf` gives the local hour of an instant (the center's zone). */
export function addRow(t: Tally, r: ReportRow, targetMin: TargetOf, hourOf: (at: number) => number): void {
  t.issued += 1;
  t.byChannel[r.channel] += 1;
  if (r.status === 'done') t.served += 1;
  else if (r.status === 'no_show') t.noShow += 1;
  else if (r.status === 'cancelled') t.cancelled += 1;
  if (r.transfers > 0) t.transferred += 1;
  if (r.recalls > 0) t.recalled += 1;
  t.issuedByHour[hourOf(r.issuedAt)]! += 1;
  if (r.status === 'done' && r.finishedAt !== null) t.completedByHour[hourOf(r.finishedAt)]! += 1;
  const wait = waitMinOf(r);
  if (wait !== null) {
    bump(t.wait, wait);
    t.waitSum += wait;
    if (wait <= targetMin(r.issuedServiceId, r.appointmentAt !== null)) t.within += 1;
    t.bands[wait <= 10 ? 0 : wait <= 20 ? 1 : wait <= 30 ? 2 : 3] += 1;
    if (r.promisedWaitMin !== null) {
      const error = Math.abs(wait - r.promisedWaitMin);
      bump(t.etaError, error);
      t.etaErrorSum += error;
      if (wait - r.promisedWaitMin > 5) t.underPromised += 1;
    }
  }
  const service = serviceMinOf(r);
  if (service !== null) {
    bump(t.service, service);
    t.serviceSum += service;
  }
}

export function tally(rows: Iterable<ReportRow>, targetMin: TargetOf, hourOf: (at: number) => number): Tally {
  const t = emptyTally();
  for (const r of rows) addRow(t, r, targetMin, hourOf);
  return t;
}

const mergeHist = (into: Histogram, from: Histogram) => {
  while (into.length < from.length) into.push(0);
  for (let i = 0; i < from.length; i += 1) into[i]! += from[i]!;
};

/** `into` plus `from`, in place. */
export function mergeTally(into: Tally, from: Tally): Tally {
  for (const k of ['issued', 'served', 'noShow', 'cancelled', 'transferred', 'recalled', 'waitSum', 'within', 'serviceSum', 'etaErrorSum', 'underPromised'] as const) into[k] += from[k];
  for (const c of Object.keys(into.byChannel) as ReportChannel[]) into.byChannel[c] += from.byChannel[c] ?? 0;
  from.bands.forEach((n, i) => (into.bands[i as 0] += n));
  from.issuedByHour.forEach((n, i) => (into.issuedByHour[i]! += n));
  from.completedByHour.forEach((n, i) => (into.completedByHour[i]! += n));
  mergeHist(into.wait, from.wait);
  mergeHist(into.service, from.service);
  mergeHist(into.etaError, from.etaError);
  return into;
}

const countOf = (h: Histogram) => h.reduce((s, n) => s + n, 0);

/** Nearest-rank percentiles, as waits.ts defines them, over a histogram. */
function percentiles(h: Histogram, ps: number[]): (number | null)[] {
  const n = countOf(h);
  return ps.map((p) => {
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * n));
    let seen = 0;
    for (let k = 0; k < h.length; k += 1) {
      seen += h[k]!;
      if (seen >= rank) return k / 10;
    }
    return null;
  });
}

function distribution(h: Histogram, sum: number): Distribution {
  const count = countOf(h);
  const [p50, p90, p95, max] = percentiles(h, [50, 90, 95, 100]);
  return { count, mean: count ? round1(sum / count) : null, p50: p50 ?? null, p90: p90 ?? null, p95: p95 ?? null, max: max ?? null };
}

/** The same figures of a plain list of minutes (through a histogram, so that they round alike). */
export function distributionOf(values: readonly number[]): Distribution {
  const h: Histogram = [];
  for (const v of values) bump(h, v);
  return distribution(h, values.reduce((s, v) => s + v, 0));
}

export const share = (n: number, of: number): number | null => (of === 0 ? null : n / of);

export function figuresOf(t: Tally): ReportFigures {
  const wait = distribution(t.wait, t.waitSum);
  const called = wait.count;
  const within = share(t.within, called);
  const errors = distribution(t.etaError, t.etaErrorSum);
  return {
    issued: t.issued,
    served: t.served,
    noShow: t.noShow,
    cancelled: t.cancelled,
    transferred: t.transferred,
    recalled: t.recalled,
    open: t.issued - t.served - t.noShow - t.cancelled,
    byChannel: { ...t.byChannel },
    wait,
    withinTarget: within,
    aboveTarget: within === null ? null : 1 - within,
    bands: { upTo10: share(t.bands[0], called), upTo20: share(t.bands[1], called), upTo30: share(t.bands[2], called), over30: share(t.bands[3], called) },
    service: distribution(t.service, t.serviceSum),
    eta: { count: errors.count, medianErrorMin: errors.p50, p90ErrorMin: errors.p90, underPromisedOver5: share(t.underPromised, errors.count) },
  };
}
