/**
 * Changes to a plan (a new skill, a moved shift) applied to a scenario, and a scenario written back
 * as an ordinary `qms-scenario/1` file, so that the advised day can be replayed by anyone with
 * `npm run simulate`.
 */
import { formatHHMM, type PlanChange } from '@qms/shared';
import type { Scenario, ScenarioCounter } from '../sim/scenario.js';

type Interval = { from: number; to: number };

export function applyChange(s: Scenario, change: PlanChange): Scenario {
  return {
    ...s,
    counters: s.counters.map((c) => {
      if (c.id !== change.counterId) return c;
      if (change.kind === 'train') return c.canServe.includes(change.serviceId) ? c : { ...c, canServe: [...c.canServe, change.serviceId] };
      return { ...c, shifts: change.to.map((x) => ({ ...x })) };
    }),
  };
}

export const applyChanges = (s: Scenario, changes: readonly PlanChange[]): Scenario => changes.reduce(applyChange, s);

export const minutesOn = (shifts: readonly Interval[]): number => shifts.reduce((sum, x) => sum + x.to - x.from, 0);

/** Counter-minutes on shift over the whole day: a shift move must keep it. */
export const counterMinutes = (s: Scenario): number => s.counters.reduce((sum, c) => sum + minutesOn(c.shifts), 0);

/** Whether the counter is on shift for the minute starting at `t`. */
export const onShift = (c: ScenarioCounter, t: number): boolean => c.shifts.some((x) => x.from <= t && t < x.to);

/** The scenario as a file: the same keys a person writes, defaults written out. */
export function scenarioFile(s: Scenario, extra: { name?: string; description?: string } = {}): Record<string, unknown> {
  const hhmm = (m: number) => formatHHMM(m);
  const periods = (list: readonly { from: number; to: number; perHour: number }[]) => list.map((a) => ({ from: hhmm(a.from), to: hhmm(a.to), perHour: a.perHour }));
  return {
    format: 'qms-scenario/1',
    name: extra.name ?? s.name,
    ...(extra.description ?? s.description ? { description: extra.description ?? s.description } : {}),
    seed: s.seed,
    ...(s.warmupMin ? { warmupMin: s.warmupMin } : {}),
    day: { open: hhmm(s.open), close: hhmm(s.close) },
    targetWaitMin: s.targetWaitMin,
    services: s.services.map((x) => ({
      id: x.id,
      ...(x.name !== x.id ? { name: x.name } : {}),
      serviceTimeMin: { mean: x.meanMin, cv: x.cv },
      arrivals: periods(x.arrivals),
      priorityShare: x.priorityShare,
      ...(x.targetWaitMin !== s.targetWaitMin ? { targetWaitMin: x.targetWaitMin } : {}),
      ...(x.appointments
        ? {
            appointments: {
              bookings: periods(x.appointments.bookings),
              slotMin: x.appointments.slotMin,
              earlyMeanMin: x.appointments.earlyMeanMin,
              spreadSdMin: x.appointments.spreadSdMin,
              noShowShare: x.appointments.noShowShare,
              targetWaitMin: x.appointments.targetWaitMin,
            },
          }
        : {}),
    })),
    counters: s.counters.map((c) => ({
      id: c.id,
      serves: [...c.serves],
      canServe: [...c.canServe],
      shifts: c.shifts.map((x) => ({ from: hhmm(x.from), to: hhmm(x.to) })),
    })),
    noShowShare: s.noShowShare,
    noShowCostMin: s.noShowCostMin,
  };
}

/** "08:00–12:00, 13:00–17:00" */
export const shiftsText = (shifts: readonly Interval[]): string => shifts.map((x) => `${formatHHMM(x.from)}–${formatHHMM(x.to)}`).join(', ');
