/**
 * From the center's history to a day that can be replayed (issue 15): a period of the live log
 * (report rows, counter openings and closings, bookings) fitted as one typical `qms-scenario/1`
 * day, which the simulator and the advisor then run like any scenario file. `fitScenario` is pure
 * (days in, scenario out); `fitPeriod` only reads the stores and hands the days to it.
 *
 * What is fitted and why, in short (every choice is explained where it is made):
 * - the visitors: per service, arrivals per 30 minutes averaged over the matched days; service
 *   time mean and variation from the served tickets (first call or start → finish, as replay.ts);
 *   lane priority share; the center's no-show share of called tickets; bookings as the scenario's
 *   `appointments` block when the period has any (docs/scenario-appointments.md);
 * - the counters: the plan (`serves`), what their staff are trained for (`canServe`, with what they
 *   actually served), and their typical open hours, breaks included, by majority over the days.
 */
import { calendarWeekday, formatHHMM, localMidnight, MAX_REPORT_DAYS, MINUTE, parseHHMM, WEEKDAYS, addCalendarDays, type CenterConfig, type FittedScenario, type Weekday } from '@qms/shared';
import { reportFigures, type AppointmentReportRow, type ReportRow } from '../kpi/report.js';
import { targetsOf } from '../kpi/waits.js';
import { shiftsOf, type LoggedFact } from '../sim/replay.js';
import { parseScenario } from '../sim/scenario.js';
import type { LiveStore } from '../storage/live-store.js';
import type { ReportStore } from '../storage/report-store.js';

const DAY_MS = 86_400_000;
const DAY_MIN = 24 * 60;
/** Arrival rates are fitted per half hour: fine enough for a morning peak, coarse enough that a few weeks give each period tens of visitors. */
const RATE_SLOT_MIN = 30;
/** Counters' hours are fitted per quarter hour: breaks and staggered starts are usually on quarter hours. */
const SHIFT_SLOT_MIN = 15;
/** Below this many served tickets a service's own times say little: its configured time is used, with cv 1 (exponential, the textbook default). */
const MIN_SERVED_FOR_TIMES = 5;

const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays', sun: 'Sundays' };

export type FitConfig = Pick<CenterConfig, 'center' | 'services' | 'counters'>;

/** One local day of the period as the log has it. */
export interface LoggedDay {
  day: string;
  /** Epoch ms of the day's local 00:00. */
  midnight: number;
  /** The report rows of tickets issued that day. */
  rows: readonly ReportRow[];
  /** Counter facts of the day (openings and closings; anything else is ignored). */
  facts: readonly LoggedFact[];
  /** Bookings with a slot that day. */
  bookings: readonly AppointmentReportRow[];
}

export interface FitRequest {
  from: string;
  to: string;
  weekday?: Weekday | undefined;
}

/** The fitted day (a raw `qms-scenario/1` object, already validated), its days, and the period's own figures. */
export type FittedPeriod = FittedScenario;

/** A period that cannot be fitted, with a message a person can act on. `empty`: the period has no tickets. */
export class FitError extends Error {
  constructor(
    message: string,
    readonly kind: 'range' | 'empty' | 'unknown-center',
  ) {
    super(message);
    this.name = 'FitError';
  }
}

/** The center's local weekday of a calendar day, as `WEEKDAYS` names it. */
export const weekdayOf = (day: string): Weekday => WEEKDAYS[(calendarWeekday(day) + 6) % 7]!;

/** Problems with the period itself, before anything is read: from after to, longer than a report may be. */
export function checkPeriod(from: string, to: string): string | null {
  if (from > to) return `"to" (${to}) is before "from" (${from}): swap them`;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (days > MAX_REPORT_DAYS) return `a period covers at most ${MAX_REPORT_DAYS} days; this asks for ${days}`;
  return null;
}

/** The calendar days of [from, to], only those of `weekday` if given. */
export function periodDays(from: string, to: string, weekday?: Weekday): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) if (!weekday || weekdayOf(d) === weekday) out.push(d);
  return out;
}

const describePeriod = (q: FitRequest) => `between ${q.from} and ${q.to}${q.weekday ? ` on ${WEEKDAY_NAMES[q.weekday]}` : ''}`;

/**
 * The thin reader: the period's days from the stores, then `fitScenario`. Days from `today` on are
 * left out: a day not over has its afternoon missing and would read as a quiet day.
 */
export function fitPeriod(config: FitConfig, stores: { reports: ReportStore; live: LiveStore }, q: FitRequest, today?: string): FittedPeriod {
  const problem = checkPeriod(q.from, q.to);
  if (problem) throw new FitError(problem, 'range');
  const centerId = config.center.id;
  const tz = config.center.timezone;
  const wanted = new Set(periodDays(q.from, q.to, q.weekday).filter((d) => today === undefined || d < today));
  if (today !== undefined && q.from >= today) throw new FitError(`the period ${q.from}..${q.to} has no past day to fit (today, ${today}, is not over)`, 'empty');
  const byDay = new Map<string, ReportRow[]>();
  for (const r of stores.reports.rows(centerId, q.from, q.to)) {
    if (wanted.has(r.day)) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push(r);
  }
  const days: LoggedDay[] = [...byDay.keys()].sort().map((day) => {
    const midnight = localMidnight(day, tz);
    // As balancing-report.ts: a counter still open after midnight closes in the small hours.
    const facts = stores.live.counterFactsBetween(centerId, midnight, midnight + DAY_MS + 6 * 3_600_000).map((f) => ({ at: f.at, body: f }));
    return { day, midnight, rows: byDay.get(day)!, facts, bookings: stores.reports.appointments(centerId, midnight, midnight + DAY_MS) };
  });
  return fitScenario(config, days, q);
}

const called = (r: ReportRow) => r.status === 'done' || r.status === 'no_show';
const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const meanSd = (xs: number[]): { mean: number; sd: number } => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
};

interface Period {
  from: number;
  to: number;
  perHour: number;
}

/** Per-slot rates as periods: adjacent equal rates merged, zero rates left out. */
function periodsOf(perHour: number[], slotMin: number, anchor = 0): Period[] {
  const out: Period[] = [];
  perHour.forEach((rate, i) => {
    if (rate <= 0) return;
    const from = anchor + i * slotMin;
    const last = out.at(-1);
    if (last && last.to === from && last.perHour === rate) last.to = from + slotMin;
    else out.push({ from, to: from + slotMin, perHour: rate });
  });
  return out;
}

/**
 * Fit one typical day from the given days (each with its rows, counter facts and bookings). Only
 * days with a called ticket count: a closed day (a Sunday, a holiday) would otherwise halve the rates.
 */
export function fitScenario(config: FitConfig, loggedDays: readonly LoggedDay[], q: FitRequest): FittedPeriod {
  const problem = checkPeriod(q.from, q.to);
  if (problem) throw new FitError(problem, 'range');
  const days = loggedDays.filter((d) => d.day >= q.from && d.day <= q.to && (!q.weekday || weekdayOf(d.day) === q.weekday) && d.rows.some(called));
  if (days.length === 0) throw new FitError(`no tickets ${describePeriod(q)}`, 'empty');
  const n = days.length;
  const serviceIds = new Set(config.services.map((s) => s.id));
  const configCounters = new Map(config.counters.map((c) => [c.id, c]));
  const notes: string[] = [];

  // Cancelled tickets left before being called: the simulator has no abandonment, so counting
  // them would add load no counter ever had (replay.ts leaves them out too). Tickets of services
  // since deleted from the configuration cannot be given a counter: left out, and said.
  const visitors = days.map((d) => ({ d, rows: d.rows.filter((r) => called(r) && serviceIds.has(r.issuedServiceId)) }));
  const unknown = days.reduce((s, d) => s + d.rows.filter((r) => called(r) && !serviceIds.has(r.issuedServiceId)).length, 0);
  if (unknown > 0) notes.push(`${unknown} tickets of services no longer configured left out`);
  const minuteOf = (at: number, midnight: number) => (at - midnight) / MINUTE;

  // --- Bookings: modelled as bookings (the `appointments` block) where the period has any, so
  // that booked visitors keep their slot's place in line and their own target in the replay.
  // Bookings of a service without `appointments` in the configuration are still bookings.
  const bookedServices = new Set<string>();
  const appointments = new Map<string, Record<string, unknown>>();
  for (const svc of config.services) {
    const rows = days.flatMap((d) => d.bookings.filter((b) => b.serviceId === svc.id && b.status !== 'cancelled').map((b) => ({ b, d })));
    if (rows.length === 0) continue;
    const slotMin = svc.appointments?.slotMin ?? Math.max(5, Math.ceil(svc.serviceTimeMin / 5) * 5);
    // Periods a whole number of slots long (at least 30 min), laid from the earliest slot seen, so
    // that the simulator's slot plan (⌊perHour × slots × slotMin / 60⌋ bookings) holds what was booked.
    const periodMin = slotMin * Math.ceil(RATE_SLOT_MIN / slotMin);
    const slotMinutes = rows.map(({ b, d }) => Math.round(minuteOf(b.at, d.midnight)));
    const anchor = Math.min(...slotMinutes);
    const counts: number[] = [];
    for (const m of slotMinutes) {
      const i = Math.floor((m - anchor) / periodMin);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    const perHour = Array.from(counts, (c) => round(((c ?? 0) / n) * (60 / periodMin), 1));
    const bookings = periodsOf(perHour, periodMin, anchor).filter((p) => p.to <= DAY_MIN);
    if (bookings.length === 0) continue;
    // How early the booked visitors checked in (the kiosk's window clips the very early ones, so
    // this slightly understates earliness); a past booking never checked in is a no-show (A4).
    const early = rows.flatMap(({ b }) => (b.status === 'checked-in' && b.issuedAt !== null ? [(b.at - b.issuedAt) / MINUTE] : []));
    const came = meanSd(early.length > 0 ? early : [0]);
    const noShows = rows.filter(({ b }) => b.status !== 'checked-in').length;
    appointments.set(svc.id, {
      bookings: bookings.map((p) => ({ from: formatHHMM(p.from), to: formatHHMM(p.to), perHour: p.perHour })),
      slotMin,
      ...(early.length > 0 ? { earlyMeanMin: round(Math.min(240, Math.max(-60, came.mean)), 1), spreadSdMin: round(Math.min(120, came.sd), 1) } : {}),
      noShowShare: round(noShows / rows.length, 3),
      ...(svc.appointments ? { targetWaitMin: svc.appointments.targetWaitMin } : {}),
    });
    bookedServices.add(svc.id);
  }
  // A booked visitor of a service modelled with bookings comes from the block, not the walk-ins.
  // One who came too late for the slot took an ordinary ticket (A5): a walk-in row, its booking a
  // no-show, which is what the block's noShowShare and the walk-in rates then say.
  const isWalkIn = (r: ReportRow) => r.appointmentAt === null || !bookedServices.has(r.issuedServiceId);

  // --- Arrivals per service per half hour, averaged over the days. Rates are kept to a tenth of a
  // visitor an hour: far below a period's own noise, and it lets equal neighbours merge.
  const slots = DAY_MIN / RATE_SLOT_MIN;
  const arrivals = new Map<string, number[]>();
  const priority = new Map<string, { all: number; priority: number }>();
  for (const { d, rows } of visitors) {
    for (const r of rows) {
      if (!isWalkIn(r)) continue;
      const slot = Math.min(slots - 1, Math.max(0, Math.floor(minuteOf(r.issuedAt, d.midnight) / RATE_SLOT_MIN)));
      const counts = arrivals.get(r.issuedServiceId) ?? arrivals.set(r.issuedServiceId, new Array<number>(slots).fill(0)).get(r.issuedServiceId)!;
      counts[slot]! += 1;
      const p = priority.get(r.issuedServiceId) ?? priority.set(r.issuedServiceId, { all: 0, priority: 0 }).get(r.issuedServiceId)!;
      p.all += 1;
      if (r.lane === 'priority') p.priority += 1;
    }
  }
  const arrivalPeriods = new Map([...arrivals].map(([id, counts]) => [id, periodsOf(counts.map((c) => round((c / n) * (60 / RATE_SLOT_MIN), 1)), RATE_SLOT_MIN)]));

  // --- Service times, by the service the visitor chose (as replay.ts gives them to the simulator).
  const times = new Map<string, number[]>();
  for (const { rows } of visitors) {
    for (const r of rows) {
      const begun = r.startedAt ?? r.firstCalledAt;
      if (r.status !== 'done' || begun === null || r.finishedAt === null) continue;
      (times.get(r.issuedServiceId) ?? times.set(r.issuedServiceId, []).get(r.issuedServiceId)!).push(Math.max(0, r.finishedAt - begun) / MINUTE);
    }
  }
  const all = visitors.flatMap((v) => v.rows);
  const noShowShare = all.length === 0 ? 0 : all.filter((r) => r.status === 'no_show').length / all.length;

  // --- Counters: each day's open intervals (replay.ts's reading of the log), then, per quarter
  // hour, open when it was open for at least half of that quarter on at least half the days. A
  // majority rather than a union: one day's overtime or a one-off early start is not the plan,
  // and the break everybody takes at noon stays a break. A counter open on too few days to have a
  // typical hour (or never) is left out, as the brief's "counters never open" are.
  const shiftSlots = DAY_MIN / SHIFT_SLOT_MIN;
  const openDays = new Map<string, number[]>();
  const dayEdges: { first: number; last: number }[] = [];
  for (const { d } of visitors) {
    const shifts = shiftsOf(d.facts, d.midnight);
    for (const [id, list] of shifts) {
      if (!configCounters.has(id)) continue;
      const votes = openDays.get(id) ?? openDays.set(id, new Array<number>(shiftSlots).fill(0)).get(id)!;
      for (let i = 0; i < shiftSlots; i += 1) {
        const a = i * SHIFT_SLOT_MIN;
        const b = a + SHIFT_SLOT_MIN;
        const covered = list.reduce((s, x) => s + Math.max(0, Math.min(b, x.to) - Math.max(a, x.from)), 0);
        if (covered * 2 >= SHIFT_SLOT_MIN) votes[i]! += 1;
      }
    }
    const opened = [...shifts.values()].flat();
    const arrived = d.rows.filter(called).map((r) => minuteOf(r.issuedAt, d.midnight));
    dayEdges.push({ first: Math.min(...opened.map((s) => s.from), ...arrived), last: Math.max(...opened.map((s) => s.to), ...arrived) });
  }
  const fittedShifts = new Map<string, Period[]>();
  for (const [id, votes] of openDays) {
    const shifts = periodsOf(votes.map((v) => (v * 2 >= n ? 1 : 0)), SHIFT_SLOT_MIN);
    if (shifts.length > 0) fittedShifts.set(id, shifts);
  }
  const leftOut = [...openDays.keys()].filter((id) => !fittedShifts.has(id));
  if (leftOut.length > 0) notes.push(`counters open on fewer than half the days left out: ${leftOut.join(', ')}`);

  // What each counter served in the period joins what its staff are configured as trained for.
  const servedBy = new Map<string, Map<string, number>>();
  for (const r of all) {
    if (r.status !== 'done' || r.counterId === null || !serviceIds.has(r.serviceId)) continue;
    const m = servedBy.get(r.counterId) ?? servedBy.set(r.counterId, new Map()).get(r.counterId)!;
    m.set(r.serviceId, (m.get(r.serviceId) ?? 0) + 1);
  }
  const counters = config.counters
    .filter((c) => fittedShifts.has(c.id))
    .map((c) => {
      const serves = c.services.map((s) => s.serviceId).filter((id) => serviceIds.has(id));
      const trained = (c.canServe ?? serves).filter((id) => serviceIds.has(id));
      return { id: c.id, serves, canServe: [...new Set([...serves, ...trained, ...(servedBy.get(c.id)?.keys() ?? [])])], shifts: fittedShifts.get(c.id)! };
    });

  // A service visitors came for that no fitted counter plans for (its own counter never opened):
  // the period shows who served it, so that counter plans for it in the fitted day. Otherwise the
  // simulator would refuse the day (nobody would call them under `static`).
  const comes = new Set([...arrivalPeriods].filter(([, p]) => p.length > 0).map(([id]) => id).concat([...bookedServices]));
  for (const id of comes) {
    if (counters.some((c) => c.serves.includes(id))) continue;
    const byServed = [...counters].sort((a, b) => (servedBy.get(b.id)?.get(id) ?? 0) - (servedBy.get(a.id)?.get(id) ?? 0));
    const taker = byServed.find((c) => (servedBy.get(c.id)?.get(id) ?? 0) > 0) ?? counters.find((c) => c.canServe.includes(id));
    if (taker) {
      taker.serves.push(id);
      if (!taker.canServe.includes(id)) taker.canServe.push(id);
      notes.push(`"${id}" planned at counter ${taker.id}, which served it (its planned counters were not open)`);
    } else {
      arrivalPeriods.delete(id);
      appointments.delete(id);
      comes.delete(id);
      notes.push(`visitors of "${id}" left out: no counter open in the period serves it or is trained for it`);
    }
  }
  if (counters.length === 0) throw new FitError(`no counter of the configuration was open on at least half the days ${describePeriod(q)}`, 'empty');

  // --- The day: the median day's first opening or arrival, rounded down to the half hour, and its
  // last closing or arrival, rounded up. The median, because one day opened early for an event or
  // closed late after a crowd is not the typical day; the half hour, the rate periods' grid. It is
  // then widened to hold everything fitted, since every arrival period and slot must lie within it.
  const listed = [...arrivalPeriods.values(), ...[...appointments.values()].map((a) => (a.bookings as { from: string; to: string }[]).map((b) => ({ from: parseHHMM(b.from), to: parseHHMM(b.to) }))), ...counters.map((c) => c.shifts)].flat();
  let open = Math.floor(median(dayEdges.map((e) => e.first)) / RATE_SLOT_MIN) * RATE_SLOT_MIN;
  let close = Math.ceil(median(dayEdges.map((e) => e.last)) / RATE_SLOT_MIN) * RATE_SLOT_MIN;
  open = Math.max(0, Math.min(open, ...listed.map((p) => p.from)));
  close = Math.min(DAY_MIN, Math.max(close, open + RATE_SLOT_MIN, ...listed.map((p) => p.to)));

  const counterServices = new Set(counters.flatMap((c) => [...c.serves, ...c.canServe]));
  const services = config.services
    .filter((s) => comes.has(s.id) || counterServices.has(s.id))
    .map((s) => {
      const t = times.get(s.id) ?? [];
      const fit = t.length >= MIN_SERVED_FOR_TIMES ? meanSd(t) : null;
      const mean = fit ? Math.min(600, Math.max(0.1, round(fit.mean, 2))) : s.serviceTimeMin;
      const cv = fit && fit.mean > 0 ? Math.min(10, round(fit.sd / fit.mean, 3)) : 1;
      const p = priority.get(s.id);
      const booked = appointments.get(s.id);
      return {
        id: s.id,
        serviceTimeMin: { mean, cv },
        arrivals: (arrivalPeriods.get(s.id) ?? []).map((a) => ({ from: formatHHMM(a.from), to: formatHHMM(a.to), perHour: a.perHour })),
        priorityShare: p && p.all > 0 ? round(p.priority / p.all, 3) : 0,
        ...(s.targetWaitMin !== undefined ? { targetWaitMin: s.targetWaitMin } : {}),
        ...(booked ? { appointments: booked } : {}),
      };
    });

  const dayList = days.map((d) => d.day);
  const name = `${config.center.id} ${q.from}..${q.to}${q.weekday ? ` ${q.weekday}` : ''}`;
  const raw = {
    format: 'qms-scenario/1',
    name,
    description:
      `Fitted from ${n} day${n === 1 ? '' : 's'} of ${config.center.id}'s log with tickets ${describePeriod(q)} (${dayList[0]}${n > 1 ? ` … ${dayList.at(-1)}` : ''}), ` +
      `${all.length} called tickets: arrivals averaged per ${RATE_SLOT_MIN} minutes, counters' hours open on at least half the days.` +
      (notes.length > 0 ? ` Notes: ${notes.join('; ')}.` : ''),
    day: { open: formatHHMM(open), close: formatHHMM(close) },
    targetWaitMin: config.center.targetWaitMin,
    noShowShare: round(noShowShare, 3),
    services,
    counters: counters.map((c) => ({ id: c.id, serves: c.serves, canServe: c.canServe, shifts: c.shifts.map((s) => ({ from: formatHHMM(s.from), to: formatHHMM(s.to) })) })),
  };
  // What we hand out is a scenario anyone can run: checked as a file would be (throws if not, a bug here).
  parseScenario(raw, name);
  const lived = reportFigures(days.flatMap((d) => d.rows), targetsOf(config));
  return { scenario: raw, days: dayList, actual: { tickets: lived.issued, withinTarget: lived.withinTarget, meanWaitMin: lived.wait.mean } };
}

