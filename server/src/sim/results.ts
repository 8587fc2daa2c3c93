/**
 * The result object `qms-sim-result/1` (SIMULATION.md), computed with the same KPI code as the
 * live figures (server/src/kpi/waits.ts). Minutes throughout; with several seeds every figure is
 * the mean of the per-seed figures.
 */
import { MINUTE } from '@qms/shared';
import { etaFigures } from '../kpi/report.js';
import { waitStats, withinTargetShare } from '../kpi/waits.js';
import type { DayRun, VisitorOutcome } from './day.js';

export interface LaneFigures {
  count: number;
  mean: number | null;
  p95: number | null;
  max: number | null;
}

export interface ServiceResult {
  count: number;
  mean: number | null;
  p90: number | null;
  withinTargetShare: number | null;
}

/**
 * Booked visitors (issue 13, docs/scenario-appointments.md). Counts are of the bookings whose slot
 * is after the warm-up; all zero, and every figure null, in a scenario without appointments.
 */
export interface BookedResult {
  bookings: number;
  /** Checked in: a booked-lane ticket (A1). */
  arrived: number;
  /** Nobody checked in for them (A4): never came, or came after the check-in window. */
  noShows: number;
  /** Of the no-shows, those who came after the window and took an ordinary ticket (A5). */
  tooLate: number;
  /** From the slot, or the arrival when later, to the call; a call before the slot counts 0. */
  waitMin: { mean: number | null; p90: number | null; p95: number | null; max: number | null };
  /** Share of those who checked in called within their service's booked target. */
  onTimeShare: number | null;
}

/** Everyone but the booked lane (too-late bookings included), waits as the overall figures measure them. */
export interface WalkInResult {
  count: number;
  mean: number | null;
  p90: number | null;
  p95: number | null;
  withinTargetShare: number | null;
}

export interface SimResult {
  format: 'qms-sim-result/1';
  scenario: string;
  policy: string;
  seeds: number;
  seed: number;
  visitors: number;
  served: number;
  noShows: number;
  waitMin: { mean: number | null; p50: number | null; p90: number | null; p95: number | null; max: number | null };
  withinTargetShare: number | null;
  lanes: { priority: LaneFigures; normal: LaneFigures };
  services: Record<string, ServiceResult>;
  counterSwitches: number;
  /** Busy minutes / on-shift minutes, all counters. */
  utilisation: number | null;
  /** Share of on-shift counter-minutes spent with live services beyond the counter's `serves` plan. */
  mergedShare: number | null;
  lastServiceEndMin: number;
  /**
   * ETA accuracy (issue 12): the expected wait each visitor was shown at issue against the wait they
   * had, as the live reports measure it (kpi/report.ts): median and P90 of the absolute error, and
   * the share kept waiting more than 5 minutes longer than promised.
   */
  eta: { medianErrorMin: number | null; p90ErrorMin: number | null; underPromisedOver5Share: number | null };
  booked: BookedResult;
  /** What reserving capacity costs the walk-ins: the overall figures without the booked lane. */
  walkIns: WalkInResult;
}

const waitOf = (v: VisitorOutcome): number => (v.calledMs - v.arriveMs) / MINUTE;

function lane(visitors: VisitorOutcome[]): LaneFigures {
  const w = waitStats(visitors.map(waitOf));
  return { count: w.count, mean: w.mean, p95: w.p95, max: w.max };
}

/** The figures of one simulated day (one seed). */
export function dayResult(run: DayRun): SimResult {
  const counted = run.visitors.filter((v) => v.counted);
  const target = new Map(run.scenario.services.map((s) => [s.id, s.targetWaitMin]));
  const within = (vs: VisitorOutcome[]) => withinTargetShare(vs.map((v) => ({ waitMin: waitOf(v), targetMin: target.get(v.serviceId) ?? run.scenario.targetWaitMin })));
  const all = waitStats(counted.map(waitOf));
  const services: Record<string, ServiceResult> = {};
  for (const s of run.scenario.services) {
    const mine = counted.filter((v) => v.serviceId === s.id);
    const w = waitStats(mine.map(waitOf));
    services[s.id] = { count: w.count, mean: w.mean, p90: w.p90, withinTargetShare: within(mine) };
  }
  const sum = (f: (c: DayRun['counters'][number]) => number) => run.counters.reduce((acc, c) => acc + f(c), 0);
  const openMs = sum((c) => c.openMs);
  return {
    format: 'qms-sim-result/1',
    scenario: run.scenario.name,
    policy: run.policy,
    seeds: 1,
    seed: run.seed,
    visitors: counted.length,
    served: counted.filter((v) => v.outcome === 'served').length,
    noShows: counted.filter((v) => v.outcome === 'no-show').length,
    waitMin: { mean: all.mean, p50: all.p50, p90: all.p90, p95: all.p95, max: all.max },
    withinTargetShare: within(counted),
    lanes: { priority: lane(counted.filter((v) => v.lane === 'priority')), normal: lane(counted.filter((v) => v.lane === 'normal')) },
    services,
    counterSwitches: sum((c) => c.switches),
    utilisation: openMs > 0 ? sum((c) => c.busyMs) / openMs : null,
    mergedShare: openMs > 0 ? sum((c) => c.mergedMs) / openMs : null,
    lastServiceEndMin: run.lastServiceEndMs / MINUTE,
    eta: etaAccuracy(counted),
    booked: bookedFigures(run, counted),
    walkIns: walkInFigures(counted.filter((v) => v.lane !== 'booked'), within),
  };
}

/** A booked visitor's wait runs from the slot: coming early buys no place in line (A2). */
const bookedWaitOf = (v: VisitorOutcome): number => Math.max(0, v.calledMs - Math.max(v.arriveMs, v.slotMs ?? v.arriveMs)) / MINUTE;

function bookedFigures(run: DayRun, counted: VisitorOutcome[]): BookedResult {
  const bookings = run.bookings.filter((b) => b.counted);
  const target = new Map(run.scenario.services.map((s) => [s.id, s.appointments?.targetWaitMin ?? 0]));
  const booked = counted.filter((v) => v.lane === 'booked');
  const w = waitStats(booked.map(bookedWaitOf));
  return {
    bookings: bookings.length,
    arrived: bookings.filter((b) => b.outcome === 'checked-in').length,
    noShows: bookings.filter((b) => b.outcome !== 'checked-in').length,
    tooLate: bookings.filter((b) => b.outcome === 'too-late').length,
    waitMin: { mean: w.mean, p90: w.p90, p95: w.p95, max: w.max },
    onTimeShare: withinTargetShare(booked.map((v) => ({ waitMin: bookedWaitOf(v), targetMin: target.get(v.serviceId) ?? 0 }))),
  };
}

function walkInFigures(walkIns: VisitorOutcome[], within: (vs: VisitorOutcome[]) => number | null): WalkInResult {
  const w = waitStats(walkIns.map(waitOf));
  return { count: w.count, mean: w.mean, p90: w.p90, p95: w.p95, withinTargetShare: within(walkIns) };
}

function etaAccuracy(visitors: VisitorOutcome[]): SimResult['eta'] {
  const f = etaFigures(visitors.map((v) => ({ waitMin: waitOf(v), promisedWaitMin: v.promisedWaitMin })));
  return { medianErrorMin: f.medianErrorMin, p90ErrorMin: f.p90ErrorMin, underPromisedOver5Share: f.underPromisedOver5 };
}

/**
 * The mean of per-seed results, figure by figure. A figure that is undefined for some seeds (no
 * priority visitor that day) is the mean over the seeds that have it. Numbers are rounded for
 * print: shares to 4 decimals, minutes and counts to 3.
 */
export function meanResult(perSeed: SimResult[]): SimResult {
  const first = perSeed[0];
  if (!first) throw new Error('meanResult needs at least one result');
  const merged = meanOf(perSeed as unknown[], '') as SimResult;
  return { ...merged, seeds: perSeed.length, seed: first.seed };
}

function meanOf(values: unknown[], key: string): unknown {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (typeof sample === 'number') {
    const nums = values.filter((v): v is number => typeof v === 'number');
    return round(nums.reduce((s, v) => s + v, 0) / nums.length, /share|utilisation/i.test(key) ? 4 : 3);
  }
  if (sample !== null && typeof sample === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(sample)) out[k] = meanOf(values.map((v) => (v as Record<string, unknown> | null)?.[k] ?? null), k);
    return out;
  }
  return sample ?? null;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  // + 0 turns -0 into 0, which JSON would print alike anyway.
  return Math.round(v * f) / f + 0;
}
