/**
 * Measuring a plan (issue 15): the day simulated on the real engine over several seeds, read out as
 * what a director compares (share within target, mean wait, priority-lane P95), each with its spread
 * over the seeds. Every candidate of the search meets the same seeds, so the same visitors
 * (common random numbers): two plans differ by the plan alone.
 */
import { MINUTE, type PlanFigures, type Spread, type TriedDay } from '@qms/shared';
import { simulateDay, type DayOptions, type DayRun } from '../sim/day.js';
import { findPolicy, type SimPolicy } from '../sim/policies.js';
import { dayResult, type SimResult } from '../sim/results.js';
import type { Scenario } from '../sim/scenario.js';

/** The product's own policy: what a center running this system gets from a plan. */
export const ADVISED_POLICY: SimPolicy = findPolicy('adaptive')!;

export interface Measured {
  figures: PlanFigures;
  /** One number to rank plans by (higher is better): see `scoreOf`. */
  score: number;
  runs: DayRun[];
}

export function seedsOf(scenario: Scenario, count: number): number[] {
  return Array.from({ length: count }, (_, i) => scenario.seed + i);
}

/** The search reads share, waits and the priority lane, never the promised waits: its replays skip them. */
const SEARCH: DayOptions = { promises: false };

export function measure(scenario: Scenario, policy: SimPolicy, seeds: readonly number[]): Measured {
  return measured(seeds.map((seed) => simulateDay(scenario, policy, seed, SEARCH)));
}

/** `m` over more seeds: the runs it has, and those of the seeds it lacks. */
export function extend(m: Measured, scenario: Scenario, policy: SimPolicy, seeds: readonly number[]): Measured {
  const have = new Set(m.runs.map((r) => r.seed));
  return measured([...m.runs, ...seeds.filter((s) => !have.has(s)).map((seed) => simulateDay(scenario, policy, seed, SEARCH))]);
}

/** The figures of runs already simulated. */
export function measured(runs: DayRun[]): Measured {
  const figures = figuresOf(runs.map(dayResult));
  return { figures, score: scoreOf(figures), runs };
}

export function figuresOf(results: readonly SimResult[]): PlanFigures {
  return {
    withinTarget: spreadOf(results.map((r) => r.withinTargetShare)),
    meanWaitMin: spreadOf(results.map((r) => r.waitMin.mean)),
    priorityP95Min: spreadOf(results.map((r) => r.lanes.priority.p95)),
  };
}

export function spreadOf(values: readonly (number | null)[]): Spread {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { mean: null, min: null, max: null };
  return { mean: round(xs.reduce((s, x) => s + x, 0) / xs.length), min: round(Math.min(...xs)), max: round(Math.max(...xs)) };
}

/**
 * Share within target first (the norm, and the bar), in points; then a tenth of a point per
 * minute of mean wait and of priority-lane P95, so that between plans about equal on the share the
 * one that waits less wins, and the priority lane counts for what it is (a lane of people who
 * cannot stand and wait): 15 minutes off its P95 is worth a point and a half of share.
 */
export function scoreOf(f: PlanFigures): number {
  return (f.withinTarget.mean ?? 1) * 100 - 0.1 * (f.meanWaitMin.mean ?? 0) - 0.1 * (f.priorityP95Min.mean ?? 0);
}

/** Share of the static → pooled gap in share within target that `f` captures; null without a gap. */
export function gapCaptured(f: PlanFigures, staticF: PlanFigures, pooledF: PlanFigures): number | null {
  const lo = staticF.withinTarget.mean;
  const hi = pooledF.withinTarget.mean;
  const x = f.withinTarget.mean;
  if (lo === null || hi === null || x === null || hi - lo < 0.005) return null;
  return round((x - lo) / (hi - lo));
}

/** A day tried from the Planning screen: its figures and, per hour, arrivals and their mean wait. */
export function tryDay(scenario: Scenario, seeds: number): TriedDay {
  const m = measure(scenario, ADVISED_POLICY, seedsOf(scenario, seeds));
  const hours: TriedDay['hours'] = [];
  for (let from = Math.floor(scenario.open / 60) * 60; from < scenario.close; from += 60) {
    const inHour = m.runs.flatMap((r) => r.visitors.filter((v) => v.counted && v.arriveMs >= from * MINUTE && v.arriveMs < (from + 60) * MINUTE));
    const waits = inHour.map((v) => (v.calledMs - v.arriveMs) / MINUTE);
    hours.push({ from, arrivals: round(inHour.length / seeds), meanWaitMin: waits.length ? round(waits.reduce((s, w) => s + w, 0) / waits.length) : null });
  }
  return { scenario: scenario.name, policy: ADVISED_POLICY.name, seeds, figures: m.figures, hours };
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000 + 0;
