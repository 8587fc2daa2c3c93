/**
 * Trace-driven replay (issue 12, "what balancing saved"): a past day's own visitors (their arrival
 * times, services, lanes, service times and no-shows, from the report rows) and its counters' shifts
 * as they happened (from the log's openings and closings) run through the simulator on the same
 * engine under another policy. `static` answers "the same day without balancing"; `adaptive` replays
 * the balancing itself, which checks the replay against what really happened.
 */
import { formatHHMM as hhmm, MINUTE, type EngineConfig, type FactBody } from '@qms/shared';
import type { ReportRow } from '../kpi/report.js';
import { dayResult } from './results.js';
import { simulateDay } from './day.js';
import type { SimPolicy } from './policies.js';
import { parseScenario } from './scenario.js';
import type { Visitor } from './visitors.js';

export interface ReplayFigures {
  visitors: number;
  withinTargetShare: number | null;
  meanWaitMin: number | null;
  p90WaitMin: number | null;
}

/** A fact of the day with its time, as the log keeps it. */
export interface LoggedFact {
  at: number;
  body: FactBody;
}

/** Each counter's open intervals that day, in whole minutes after local midnight (a scenario's shifts). */
export function shiftsOf(facts: readonly LoggedFact[], midnight: number): Map<string, { from: number; to: number }[]> {
  const open = new Map<string, number>();
  const shifts = new Map<string, { from: number; to: number }[]>();
  const add = (id: string, from: number, to: number) => {
    const a = Math.floor((from - midnight) / MINUTE);
    const b = Math.min(24 * 60, Math.ceil((to - midnight) / MINUTE));
    if (b > a) (shifts.get(id) ?? shifts.set(id, []).get(id)!).push({ from: a, to: b });
  };
  for (const { at, body } of facts) {
    if (body.type === 'counter:opened' && !open.has(body.counter.id)) open.set(body.counter.id, at);
    else if (body.type === 'counter:closed') {
      const from = open.get(body.counter.id);
      if (from !== undefined) add(body.counter.id, from, at);
      open.delete(body.counter.id);
    }
  }
  // Still open at the end of the log: until midnight.
  for (const [id, from] of open) add(id, from, midnight + 24 * 60 * MINUTE);
  // Touching or overlapping intervals (closed and reopened within the minute) become one.
  for (const [id, list] of shifts) {
    const merged: { from: number; to: number }[] = [];
    for (const s of list.sort((x, y) => x.from - y.from)) {
      const last = merged.at(-1);
      if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
      else merged.push({ ...s });
    }
    shifts.set(id, merged);
  }
  return shifts;
}

/** The day's visitors as the simulator takes them; cancelled tickets left before being called and are not replayed. */
export function visitorsOf(rows: readonly ReportRow[], midnight: number): Visitor[] {
  return rows
    .filter((r) => r.status === 'done' || r.status === 'no_show')
    .sort((a, b) => a.issuedAt - b.issuedAt || a.number.localeCompare(b.number))
    .map((r, index) => {
      const begun = r.startedAt ?? r.firstCalledAt;
      const serviceMs = r.status === 'done' && begun !== null && r.finishedAt !== null ? Math.max(0, r.finishedAt - begun) : 0;
      return {
        index,
        serviceId: r.issuedServiceId,
        // A checked-in appointment comes back as one, its slot with it (A1, A2).
        lane: r.appointmentAt !== null ? ('booked' as const) : r.lane === 'priority' ? ('priority' as const) : ('normal' as const),
        ...(r.appointmentAt !== null ? { slotMs: r.appointmentAt - midnight } : {}),
        arriveMs: r.issuedAt - midnight,
        serviceMs,
        noShow: r.status === 'no_show',
        counted: true,
      };
    });
}

/** The day replayed under `policy`; null when nobody was served or no counter opened. */
export function replayDay(config: Pick<EngineConfig, 'center' | 'services' | 'counters'>, rows: readonly ReportRow[], facts: readonly LoggedFact[], midnight: number, policy: SimPolicy): ReplayFigures | null {
  const visitors = visitorsOf(rows, midnight);
  const shifts = shiftsOf(facts, midnight);
  const counters = config.counters.filter((c) => shifts.has(c.id));
  if (visitors.length === 0 || counters.length === 0) return null;
  // A service nobody on shift could serve would leave its visitors waiting for ever: the replay
  // keeps to what the day could do, so such visitors (a counter since re-planned) are left out.
  const coverable = new Set(counters.flatMap((c) => [...c.services.map((s) => s.serviceId), ...(c.canServe ?? [])]));
  const kept = visitors.filter((v) => coverable.has(v.serviceId) && config.services.some((s) => s.id === v.serviceId)).map((v, index) => ({ ...v, index }));
  if (kept.length === 0) return null;
  const allShifts = [...shifts.values()].flat();
  const open = Math.min(...allShifts.map((s) => s.from), Math.floor(kept[0]!.arriveMs / MINUTE));
  const close = Math.max(...allShifts.map((s) => s.to));
  const scenario = parseScenario(
    {
      format: 'qms-scenario/1',
      name: `${config.center.id} replay`,
      day: { open: hhmm(open), close: hhmm(Math.max(close, open + 1)) },
      targetWaitMin: config.center.targetWaitMin,
      services: config.services.map((s) => ({ id: s.id, serviceTimeMin: { mean: s.serviceTimeMin, cv: 0 }, arrivals: [], ...(s.targetWaitMin ? { targetWaitMin: s.targetWaitMin } : {}) })),
      counters: counters.map((c) => ({
        id: c.id,
        serves: c.services.map((s) => s.serviceId),
        canServe: c.canServe ?? c.services.map((s) => s.serviceId),
        shifts: (shifts.get(c.id) ?? []).map((s) => ({ from: hhmm(s.from), to: hhmm(s.to) })),
      })),
    },
    'replay',
  );
  const result = dayResult(simulateDay(scenario, policy, 1, { visitors: kept }));
  return { visitors: result.visitors, withinTargetShare: result.withinTargetShare, meanWaitMin: result.waitMin.mean, p90WaitMin: result.waitMin.p90 };
}
