/**
 * Where a simulated day hurts (issue 15), read from its runs: for each service and half hour, how
 * many visitors waited past their target while that half hour went by; for each counter and half
 * hour, how much of it the counter was on shift and free. The search proposes changes that bring
 * free counter time to where visitors wait too long; the simulation then says whether they help.
 */
import { MINUTE } from '@qms/shared';
import type { DayRun } from '../sim/day.js';
import type { Scenario } from '../sim/scenario.js';

export const SLOT_MIN = 30;

export interface Diagnosis {
  scenario: Scenario;
  /** Start of slot 0, minutes after midnight; slots run to the last visitor's call. */
  start: number;
  slots: number;
  /** lateBy[service][slot]: late visitors (per seed) in proportion to the part of their wait past target in the slot. */
  lateBy: Map<string, number[]>;
  /** arrivals[service][slot], per seed. */
  arrivals: Map<string, number[]>;
  /** free[counter][slot]: share of the slot the counter was on shift and not serving, mean over seeds. */
  free: Map<string, number[]>;
  /** on[counter][slot]: share of the slot the counter is on shift. */
  on: Map<string, number[]>;
}

export function diagnose(scenario: Scenario, runs: readonly DayRun[]): Diagnosis {
  const start = Math.floor(scenario.open / SLOT_MIN) * SLOT_MIN;
  const lastCall = Math.max(scenario.close, ...runs.map((r) => r.lastServiceEndMs / MINUTE));
  const slots = Math.max(1, Math.ceil((lastCall - start) / SLOT_MIN));
  const zeros = () => new Array<number>(slots).fill(0);
  const lateBy = new Map(scenario.services.map((s) => [s.id, zeros()]));
  const arrivals = new Map(scenario.services.map((s) => [s.id, zeros()]));
  const busy = new Map(scenario.counters.map((c) => [c.id, zeros()]));
  const target = new Map(scenario.services.map((s) => [s.id, s.targetWaitMin]));
  const perSeed = 1 / Math.max(1, runs.length);
  const slotOf = (min: number) => Math.min(slots - 1, Math.max(0, Math.floor((min - start) / SLOT_MIN)));

  for (const run of runs) {
    for (const v of run.visitors) {
      const arrive = v.arriveMs / MINUTE;
      const called = v.calledMs / MINUTE;
      arrivals.get(v.serviceId)![slotOf(arrive)]! += perSeed;
      const targetMin = target.get(v.serviceId) ?? scenario.targetWaitMin;
      // A late visitor is spread over the whole wait: a free counter at any moment of it would have called them.
      if (called - arrive > targetMin) spread(lateBy.get(v.serviceId)!, arrive, called, perSeed / (called - arrive));
      const service = v.outcome === 'served' ? v.serviceMs / MINUTE : scenario.noShowCostMin;
      const row = busy.get(v.counterId);
      if (row) spread(row, called, called + service, perSeed / SLOT_MIN);
    }
  }

  const on = new Map(scenario.counters.map((c) => [c.id, zeros().map((_, i) => onShare(c.shifts, start + i * SLOT_MIN))]));
  const free = new Map(scenario.counters.map((c) => [c.id, on.get(c.id)!.map((x, i) => Math.max(0, x - (busy.get(c.id)![i] ?? 0)))]));
  return { scenario, start, slots, lateBy, arrivals, free, on };

  /** Adds `weight` per minute of [a, b) to the slots it overlaps. */
  function spread(row: number[], a: number, b: number, weight: number) {
    for (let i = slotOf(a); i < slots; i++) {
      const from = start + i * SLOT_MIN;
      const overlap = Math.min(b, from + SLOT_MIN) - Math.max(a, from);
      if (overlap <= 0) break;
      row[i]! += overlap * weight;
    }
  }
}

/** Share of the slot starting at `from` that lies within the shifts. */
export function onShare(shifts: readonly { from: number; to: number }[], from: number): number {
  let minutes = 0;
  for (const s of shifts) minutes += Math.max(0, Math.min(s.to, from + SLOT_MIN) - Math.max(s.from, from));
  return minutes / SLOT_MIN;
}

/** "17:00–19:30": the stretch of slots where `row` carries most of its weight (at least a fifth of the peak). */
export function hotStretch(d: Diagnosis, row: readonly number[]): { from: number; to: number } | null {
  const peak = Math.max(0, ...row);
  if (peak <= 0) return null;
  const hot = row.map((x, i) => (x >= peak / 5 ? i : -1)).filter((i) => i >= 0);
  return { from: d.start + hot[0]! * SLOT_MIN, to: d.start + (hot[hot.length - 1]! + 1) * SLOT_MIN };
}
