/**
 * A report for a period (issue 12). Past days are read as stored summaries (kpi/tally.ts), one per
 * day and group, built from their tickets the first time they are asked for; only today, which is
 * still moving, is summed from its tickets on every request. An operator's report (the tickets
 * they served) is summed from those tickets directly.
 */
import { addCalendarDays, calendarWeekday, localMidnight, localTime, MAX_REPORT_DAYS, MINUTE, type Report, type ReportGroup, type ReportQuery } from '@qms/shared';
import type { CenterRuntime } from '../center/runtime.js';
import { appointmentFigures, groupKey, hourFlow, orderKeys } from '../kpi/report.js';
import { addRow, emptyTally, figuresOf, mergeTally, type ReportRow, type Tally } from '../kpi/tally.js';
import { targetsOf, type TargetOf } from '../kpi/waits.js';
import type { ReportStore } from '../storage/report-store.js';

const HOUR = 3_600_000;

/** The groupings kept per day; `day` and `weekday` are read from the day's `all`. */
export const SUMMARY_KINDS = ['all', 'service', 'counter', 'operator', 'lane', 'category', 'channel', 'hour'] as const;

/** The local hour of an instant, remembered per hour of time: a million rows cost a few thousand zone lookups. */
export function localHours(timeZone: string): (at: number) => number {
  const memo = new Map<number, number>();
  return (at) => {
    const key = Math.floor(at / HOUR);
    let h = memo.get(key);
    if (h === undefined) memo.set(key, (h = Math.floor(localTime(key * HOUR, timeZone).minute / 60)));
    return h;
  };
}

const nextDay = (day: string) => addCalendarDays(day, 1);
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const weekdayOf = (day: string) => WEEKDAYS[calendarWeekday(day)]!;

interface Context {
  targetMin: TargetOf;
  hourOf: (at: number) => number;
}

function contextOf(config: CenterRuntime['config']): Context {
  return { targetMin: targetsOf(config), hourOf: localHours(config.center.timezone) };
}

/** Every kind's groups of some tickets. */
function summarise(rows: readonly ReportRow[], ctx: Context): Map<string, Map<string, Tally>> {
  const out = new Map<string, Map<string, Tally>>(SUMMARY_KINDS.map((k) => [k, new Map()]));
  for (const r of rows) {
    for (const kind of SUMMARY_KINDS) {
      const key = kind === 'all' ? 'all' : groupKey(r, kind, ctx.hourOf);
      const groups = out.get(kind)!;
      let t = groups.get(key);
      if (!t) groups.set(key, (t = emptyTally()));
      addRow(t, r, ctx.targetMin, ctx.hourOf);
    }
  }
  // A day without tickets is summed too (as nothing), so that it is not read again.
  if (out.get('all')!.size === 0) out.get('all')!.set('all', emptyTally());
  return out;
}

/** Past days of the period with no stored summary get one, from their tickets. */
function fillSummaries(store: ReportStore, centerId: string, from: string, to: string, ctx: Context): void {
  const have = store.summedDays(centerId, from, to);
  for (let day = from; day <= to; day = nextDay(day)) {
    if (!have.has(day)) store.putSummaries(centerId, day, summarise(store.rows(centerId, day, day), ctx));
  }
}

/** Each past day's summary of all its tickets (summed now where missing); days without tickets are left out. */
export function pastDayTallies(rt: CenterRuntime, store: ReportStore, from: string, to: string): Map<string, Tally> {
  fillSummaries(store, rt.centerId, from, to, contextOf(rt.config));
  return new Map(store.summaries(rt.centerId, 'all', from, to).flatMap((s) => (s.tally.issued > 0 ? [[s.day, s.tally] as const] : [])));
}

export function buildReport(rt: CenterRuntime, store: ReportStore, q: ReportQuery, now: number, servedBy?: string): Report {
  return reportWithTally(rt, store, q, now, servedBy).report;
}

/** The report and its total's summary, which merges with other centers' (reports across centers). */
export function reportWithTally(rt: CenterRuntime, store: ReportStore, q: ReportQuery, now: number, servedBy?: string): { report: Report; total: Tally } {
  const { center } = rt.config;
  const ctx = contextOf(rt.config);
  const today = localTime(now, center.timezone).day;
  const kind = q.groupBy === 'day' || q.groupBy === 'weekday' || q.groupBy === 'none' ? 'all' : q.groupBy;
  const keyOf = (day: string, key: string) => (q.groupBy === 'day' ? day : q.groupBy === 'weekday' ? weekdayOf(day) : key);

  // Parts of the period: summed days before today; today and any later day from their tickets.
  const parts: { day: string; key: string; tally: Tally }[] = [];
  const totals: Tally[] = [];
  const lastPast = q.to < today ? q.to : addCalendarDays(today, -1);
  if (servedBy === undefined && q.from <= lastPast) {
    fillSummaries(store, rt.centerId, q.from, lastPast, ctx);
    totals.push(...store.summaries(rt.centerId, 'all', q.from, lastPast).map((s) => s.tally));
    if (q.groupBy !== 'none') parts.push(...store.summaries(rt.centerId, kind, q.from, lastPast));
  }
  const liveFrom = servedBy === undefined ? (q.from > lastPast ? q.from : nextDay(lastPast)) : q.from;
  if (liveFrom <= q.to) {
    const rows = servedBy === undefined ? store.rows(rt.centerId, liveFrom, q.to) : store.servedBy(rt.centerId, q.from, q.to, servedBy);
    const byDay = new Map<string, ReportRow[]>();
    for (const r of rows) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push(r);
    for (const [day, dayRows] of byDay) {
      const s = summarise(dayRows, ctx);
      totals.push(s.get('all')!.get('all')!);
      if (q.groupBy !== 'none') for (const [key, tally] of s.get(kind)!) parts.push({ day, key, tally });
    }
  }

  const total = totals.reduce((acc, t) => mergeTally(acc, t), emptyTally());
  const grouped = new Map<string, Tally>();
  for (const p of parts) {
    if (p.tally.issued === 0) continue;
    const key = keyOf(p.day, p.key);
    grouped.set(key, mergeTally(grouped.get(key) ?? emptyTally(), p.tally));
  }
  const groups: ReportGroup[] = orderKeys(grouped.keys(), q.groupBy).map((key) => ({ key, figures: figuresOf(grouped.get(key)!) }));
  const report: Report = {
    centerId: rt.centerId,
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    timezone: center.timezone,
    targetWaitMin: center.targetWaitMin,
    total: figuresOf(total),
    groups,
    flow: hourFlow(total),
    appointments: bookingsOf(rt, store, q, ctx, now),
  };
  return { report, total };
}

/** Issue 13: the period's bookings (by slot), unless the center takes none and had none. */
function bookingsOf(rt: CenterRuntime, store: ReportStore, q: ReportQuery, ctx: Context, now: number): Report['appointments'] {
  const tz = rt.config.center.timezone;
  const rows = store.appointments(rt.centerId, localMidnight(q.from, tz), localMidnight(nextDay(q.to), tz));
  if (rows.length === 0 && !rt.config.services.some((s) => s.appointments?.enabled)) return null;
  return appointmentFigures(rows, ctx.targetMin, now - rt.config.center.appointments.checkInLateMin * MINUTE);
}

/**
 * Sums past days ahead of the first report that asks for them: at start (the last year's days
 * without a summary, one day per turn of the event loop, so requests keep their place) and then
 * every `everyMs` (yesterday, once the day has turned). Returns a stop function.
 */
export function startSummaries(rt: () => CenterRuntime[], store: ReportStore, clock: () => number, everyMs: number): () => void {
  let stopped = false;
  const pending: { rt: CenterRuntime; day: string }[] = [];
  const plan = () => {
    for (const r of rt()) {
      const today = localTime(clock(), r.config.center.timezone).day;
      const first = addCalendarDays(today, -MAX_REPORT_DAYS);
      const have = store.summedDays(r.centerId, first, today);
      const hasTickets = store.ticketDays(r.centerId, first, today);
      for (let day = first; day < today; day = nextDay(day)) if (!have.has(day) && hasTickets.has(day)) pending.push({ rt: r, day });
    }
  };
  const step = () => {
    const next = pending.shift();
    if (stopped || !next) return;
    const ctx = contextOf(next.rt.config);
    // Summed meanwhile by a report: nothing to do.
    if (!store.summedDays(next.rt.centerId, next.day, next.day).has(next.day)) store.putSummaries(next.rt.centerId, next.day, summarise(store.rows(next.rt.centerId, next.day, next.day), ctx));
    setImmediate(step);
  };
  const run = () => {
    if (pending.length > 0) return;
    plan();
    setImmediate(step);
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
