/**
 * Staffing by the hour (issue 15): how many counters each hour needs to call `goal` of its visitors
 * within their target, against how many the plan has on shift. Erlang C gives the first guess
 * (square-root staffing's exact form), per service as if it had counters of its own and for the
 * hall as one pool; the pooled figure is then checked by simulating the day staffed exactly so,
 * and an hour that misses the goal gets one more counter until it meets it (a queue carries over
 * from one hour to the next, which Erlang C's steady state does not see).
 */
import { MINUTE, type StaffingAdvice, type StaffingHour } from '@qms/shared';
import { simulateDay } from '../sim/day.js';
import { pooledPolicy } from '../sim/policies.js';
import { mergeShifts, type Scenario } from '../sim/scenario.js';
import { onShare } from './diagnose.js';

export interface StaffingOptions {
  /** Share to call within target, 0..1 (default 0.9). */
  goal?: number;
  seeds?: readonly number[];
  /** Rounds of "simulate, add a counter where the hour missed". */
  rounds?: number;
}

const HOUR = 60;

export function staffingByHour(s: Scenario, options: StaffingOptions = {}): StaffingAdvice {
  const goal = options.goal ?? 0.9;
  const seeds = options.seeds ?? [s.seed, s.seed + 1, s.seed + 2];
  const first = Math.floor(s.open / HOUR) * HOUR;
  const hours: StaffingHour[] = [];
  for (let from = first; from < s.close; from += HOUR) {
    const services = s.services.map((svc) => {
      const perHour = arrivalsInHour(svc, from);
      const load = (perHour * svc.meanMin) / 60;
      return { serviceId: svc.id, arrivalsPerHour: round2(perHour), loadErlangs: round2(load), need: counters(perHour, svc.meanMin, svc.targetWaitMin, goal) };
    });
    const total = services.reduce((sum, x) => sum + x.arrivalsPerHour, 0);
    const load = services.reduce((sum, x) => sum + x.loadErlangs, 0);
    const meanMin = total > 0 ? (load * 60) / total : 0;
    const planned = s.counters.reduce((sum, c) => sum + (onShare(c.shifts, from) + onShare(c.shifts, from + 30)) / 2, 0);
    hours.push({ from, need: counters(total, meanMin, s.targetWaitMin, goal), planned: round2(planned), services });
  }

  // Erlang C errs both ways over a day: a queue carries over into the next hour (more needed), and
  // an hour's visitors may be called in the next (fewer). Simulate, add a counter to each hour that
  // misses the goal; once none misses, try one fewer in every hour not yet shown to need its count.
  const settled = new Set<number>();
  let check = checkBySimulation(s, hours, seeds, goal);
  for (let round = 0; round < (options.rounds ?? 6); round++) {
    if (check.missed.length > 0) {
      for (const i of check.missed) {
        hours[i]!.need += 1;
        settled.add(i);
      }
    } else {
      const fewer = hours.flatMap((h, i) => (h.need > 0 && !settled.has(i) ? [i] : []));
      if (fewer.length === 0) break;
      for (const i of fewer) hours[i]!.need -= 1;
    }
    check = checkBySimulation(s, hours, seeds, goal);
  }
  // Still missing after the last round: the hours get their counter back, and the check says so.
  for (const i of check.missed) hours[i]!.need += 1;
  if (check.missed.length > 0) check = checkBySimulation(s, hours, seeds, goal);
  const diff = hours.map((h) => h.need - h.planned);
  return {
    hours,
    shortCounterHours: round2(diff.reduce((sum, x) => sum + Math.max(0, x), 0)),
    overCounterHours: round2(diff.reduce((sum, x) => sum + Math.max(0, -x), 0)),
    check: { withinTarget: check.withinTarget, meanWaitMin: check.meanWaitMin, simulatedHours: hours.reduce((sum, h) => sum + h.need, 0) },
  };
}

/** Fewest counters that call `goal` of the visitors within `target` minutes (M/M/c); 0 with nobody coming. */
export function counters(perHour: number, meanMin: number, target: number, goal: number): number {
  if (perHour <= 0) return 0;
  const load = (perHour * meanMin) / 60;
  // Erlang B by its recursion, one counter at a time, and Erlang C from it: linear in the answer
  // (sim/erlang.ts's closed form is itself linear, so trying each count with it would be quadratic).
  let b = 1;
  for (let c = 1; ; c++) {
    b = (load * b) / (c + load * b);
    if (c <= load) continue;
    const pWait = (c * b) / (c - load * (1 - b));
    if (1 - pWait * Math.exp(-(c / meanMin - perHour / 60) * target) >= goal) return c;
  }
}

/** Visitors per hour of a service in the hour starting at `from`: walk-ins, and bookings that come. */
function arrivalsInHour(svc: Scenario['services'][number], from: number): number {
  const overlap = (a: { from: number; to: number; perHour: number }) => (Math.max(0, Math.min(a.to, from + HOUR) - Math.max(a.from, from)) / HOUR) * a.perHour;
  const walkIns = svc.arrivals.reduce((sum, a) => sum + overlap(a), 0);
  const booked = (svc.appointments?.bookings ?? []).reduce((sum, b) => sum + overlap(b), 0) * (1 - (svc.appointments?.noShowShare ?? 0));
  return walkIns + booked;
}

/**
 * The day with exactly `need` counters each hour, every one serving everything (the hall as one
 * pool, which is what the pooled need assumes): the share within target of the visitors arriving
 * in each hour, and the hours that miss the goal.
 */
function checkBySimulation(s: Scenario, hours: readonly StaffingHour[], seeds: readonly number[], goal: number) {
  const most = Math.max(1, ...hours.map((h) => h.need));
  const counters = Array.from({ length: most }, (_, k) => ({
    id: `need-${k + 1}`,
    serves: s.services.map((x) => x.id),
    canServe: s.services.map((x) => x.id),
    shifts: mergeShifts(hours.filter((h) => h.need > k).map((h) => ({ from: h.from, to: h.from + HOUR }))),
  })).filter((c) => c.shifts.length > 0);
  // The last hour's counters stay until the queue is gone, as a real closing does.
  const staffed: Scenario = { ...s, counters };
  const targets = new Map(s.services.map((x) => [x.id, x.targetWaitMin]));
  const within = hours.map(() => ({ n: 0, ok: 0 }));
  let waits = 0;
  let n = 0;
  for (const seed of seeds) {
    const run = simulateDay(staffed, pooledPolicy, seed, { promises: false });
    for (const v of run.visitors) {
      if (!v.counted) continue;
      const i = Math.floor((v.arriveMs / MINUTE - hours[0]!.from) / HOUR);
      const wait = (v.calledMs - v.arriveMs) / MINUTE;
      const h = within[Math.max(0, Math.min(within.length - 1, i))]!;
      h.n += 1;
      if (wait <= (targets.get(v.serviceId) ?? s.targetWaitMin)) h.ok += 1;
      waits += wait;
      n += 1;
    }
  }
  const total = within.reduce((acc, h) => ({ n: acc.n + h.n, ok: acc.ok + h.ok }), { n: 0, ok: 0 });
  return {
    missed: within.flatMap((h, i) => (h.n > 0 && h.ok / h.n < goal ? [i] : [])),
    withinTarget: total.n > 0 ? Math.round((total.ok / total.n) * 10_000) / 10_000 : null,
    meanWaitMin: n > 0 ? round2(waits / n) : null,
  };
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
