/**
 * Issue 15's bar for the advisor: on every reference day, and on days it was not tuned on, the
 * advised plan under `adaptive` captures at least 85 % of the static → pooled gap in share within
 * target, with at most one new skill per four counters (one for a smaller office) and the same
 * counter-hours, and the priority lane's P95 is no worse. The advice is measured, not claimed: the
 * advised file, replayed by the simulator, gives the figures the advice reports.
 *
 * The search is given a budget it never reaches here, so it ends by convergence and the test is
 * deterministic whatever the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import type { PlanningAdvice } from '@qms/shared';
import { advise, defaultSkillBudget } from '../../server/src/advisor/advise.js';
import { counters as erlangCounters, staffingByHour } from '../../server/src/advisor/staffing.js';
import { counterMinutes } from '../../server/src/advisor/plan.js';
import { erlangC } from '../../server/src/sim/erlang.js';
import { findPolicy } from '../../server/src/sim/policies.js';
import { parseScenario, type Scenario } from '../../server/src/sim/scenario.js';
import { simulate } from '../../server/src/sim/simulate.js';
import { scenario } from '../sim/helpers.js';
import { madeUpCenter, scaledDay } from './days.js';

const SEEDS = 8;
const UNHURRIED = 600_000;

function check(day: Scenario, a: PlanningAdvice) {
  const newSkills = a.steps.filter((s) => s.change.kind === 'train').length;
  expect(newSkills).toBeLessThanOrEqual(defaultSkillBudget(day.counters.length));
  const advised = parseScenario(a.advised, 'advised');
  // The same counter-hours; the same visitors; only canServe entries added.
  expect(counterMinutes(advised)).toBe(counterMinutes(day));
  for (const c of day.counters) {
    const after = advised.counters.find((x) => x.id === c.id)!;
    expect(after.serves).toEqual(c.serves);
    expect(after.canServe.slice(0, c.canServe.length)).toEqual(c.canServe);
  }
  expect(a.gapCaptured.advised!).toBeGreaterThanOrEqual(0.85);
  expect(a.figures.advised.withinTarget.mean!).toBeGreaterThan(a.figures.current.withinTarget.mean!);
  expect(a.figures.advised.meanWaitMin.mean!).toBeLessThanOrEqual(a.figures.current.meanWaitMin.mean!);
  // The search refuses steps that cost the priority lane on its seeds; over the reported seeds, within 3 %.
  expect(a.figures.advised.priorityP95Min.mean!).toBeLessThanOrEqual(a.figures.current.priorityP95Min.mean! * 1.03);
  // Every step was measured with the ones before it in place, and helped.
  for (const [i, s] of a.steps.entries()) {
    expect(s.after.withinTarget.mean! * 100 - 0.1 * s.after.meanWaitMin.mean!).toBeGreaterThan(s.before.withinTarget.mean! * 100 - 0.1 * s.before.meanWaitMin.mean! - 0.05);
    if (i > 0) expect(s.before).toEqual(a.steps[i - 1]!.after);
    expect(s.reason.length).toBeGreaterThan(20);
  }
  // The advised file replays to the figures the advice reports (the simulator's rounding aside).
  const replayed = simulate(advised, findPolicy('adaptive')!, { seeds: SEEDS });
  expect(replayed.withinTargetShare!).toBeCloseTo(a.figures.advised.withinTarget.mean!, 3);
  expect(replayed.waitMin.mean!).toBeCloseTo(a.figures.advised.meanWaitMin.mean!, 2);
}

describe('the advisor against the bar', () => {
  /** docs/balancing.md: on city-mfc after 17:00 only counter 11 is trained for social services, a quarter of the priority lane. */
  const socialAt18 = (s: Scenario) => s.counters.filter((c) => c.canServe.includes('social') && c.shifts.some((x) => x.from <= 18 * 60 && 18 * 60 < x.to)).length;
  const DAYS: [string, () => Scenario, ((a: PlanningAdvice) => void)?][] = [
    ['city-mfc', () => scenario('city-mfc'), (a) => {
      expect(socialAt18(scenario('city-mfc'))).toBe(1);
      expect(socialAt18(parseScenario(a.advised, 'advised'))).toBeGreaterThanOrEqual(2);
      expect(a.figures.advised.priorityP95Min.mean!).toBeLessThan(a.figures.current.priorityP95Min.mean! * 0.7);
    }],
    ['provincial-peak', () => scenario('provincial-peak')],
    ['rural-office (3 counters: one skill)', () => scenario('rural-office')],
    ['city-mfc, 20 % quieter', () => scaledDay('city-mfc', 0.8)],
    ['a made-up center of 60 services on 16 counters', () => madeUpCenter(11, 60, 16)],
  ];
  it.each(DAYS)('%s', (_name, make, more) => {
    const day = make();
    const a = advise(day, { seeds: SEEDS, budgetMs: UNHURRIED });
    check(day, a);
    more?.(a);
  }, 240_000);

  it('with no skills allowed it only moves shifts, and a day with nothing to gain gets no advice', () => {
    const a = advise(scenario('rural-office'), { seeds: 4, maxNewSkills: 0, budgetMs: UNHURRIED });
    expect(a.steps.every((s) => s.change.kind === 'shift')).toBe(true);
    const flat = advise(scenario('erlang-c'), { seeds: 2, budgetMs: UNHURRIED });
    expect(flat.gapCaptured).toEqual({ current: null, advised: null });
    expect(flat.steps).toEqual([]);
  }, 240_000);
});

describe('staffing by the hour', () => {
  it('Erlang C: the fewest counters meeting the goal (the ENGINEERING.md example: 10 counters at 91.7 % load)', () => {
    // 10 counters, 5.5 visitors a minute... in per-hour terms: load 9.17 Erlang with 10-minute services.
    const perHour = 55;
    const n = erlangCounters(perHour, 10, 15, 0.9);
    expect(erlangC(n, perHour, 10).withinShare(15)).toBeGreaterThanOrEqual(0.9);
    expect(erlangC(n - 1, perHour, 10).withinShare(15)).toBeLessThan(0.9);
    expect(erlangCounters(0, 10, 15, 0.9)).toBe(0);
  });

  it('the need per hour, checked by simulating the day staffed exactly so, meets the goal; the plan is compared hour by hour', () => {
    const day = scenario('provincial-peak');
    const s = staffingByHour(day, { goal: 0.9 });
    expect(s.hours[0]!.from).toBe(7 * 60);
    expect(s.check.withinTarget!).toBeGreaterThanOrEqual(0.9);
    // Lunch (no arrivals 11:30–13:00 in this day) needs no counter, while the plan keeps most on shift.
    const noon = s.hours.find((h) => h.from === 12 * 60)!;
    expect(noon.need).toBe(0);
    expect(noon.planned).toBeGreaterThan(10);
    expect(s.overCounterHours).toBeGreaterThan(0);
    const short = s.hours.reduce((sum, h) => sum + Math.max(0, h.need - h.planned), 0);
    expect(s.shortCounterHours).toBeCloseTo(short, 2);
    // The service figures add up to the hour's arrivals.
    for (const h of s.hours) for (const x of h.services) expect(x.loadErlangs).toBeCloseTo((x.arrivalsPerHour * day.services.find((y) => y.id === x.serviceId)!.meanMin) / 60, 1);
  }, 60_000);
});
