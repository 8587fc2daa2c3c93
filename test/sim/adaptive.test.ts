/**
 * Issue 4's bar for the adaptive policy, on the reference days and on days made from them with
 * other loads: waits of full merging (share within target at least the best of static, threshold
 * and skills less half a point; mean wait at most the best plus 3 %), the priority lane no worse
 * than under skills, at most one switch per counter per open hour, and merged well short of always.
 */
import { describe, expect, it } from 'vitest';
import { findPolicy } from '../../server/src/sim/policies.js';
import { parseScenario, type Scenario } from '../../server/src/sim/scenario.js';
import { simulate } from '../../server/src/sim/simulate.js';
import { rawScenario, scenario } from './helpers.js';

const SEEDS = 8;

/** A reference day with every arrival rate scaled: a busier or a quieter day of the same center. */
function scaled(name: string, factor: number): Scenario {
  const raw = rawScenario(name);
  raw.name = `${name} ×${factor}`;
  for (const s of raw.services) for (const a of s.arrivals) a.perHour = Math.round(a.perHour * factor * 10) / 10;
  return parseScenario(raw, `${raw.name}.json`);
}

const DAYS: [string, () => Scenario][] = [
  ['provincial-peak', () => scenario('provincial-peak')],
  ['city-mfc', () => scenario('city-mfc')],
  ['rural-office', () => scenario('rural-office')],
  ['provincial-peak, 15 % busier', () => scaled('provincial-peak', 1.15)],
  ['city-mfc, 20 % quieter', () => scaled('city-mfc', 0.8)],
];

describe('adaptive against the bar', () => {
  it.each(DAYS)('%s', (_name, make) => {
    const day = make();
    const run = (policy: string) => simulate(day, findPolicy(policy)!, { seeds: SEEDS });
    const [fixed, threshold, skills, adaptive] = ['static', 'threshold', 'skills', 'adaptive'].map(run) as [ReturnType<typeof run>, ...ReturnType<typeof run>[]];
    const baselines = [fixed, threshold!, skills!];
    const bestShare = Math.max(...baselines.map((r) => r.withinTargetShare!));
    const bestMean = Math.min(...baselines.map((r) => r.waitMin.mean!));
    const openHours = (day.close - day.open) / 60;
    expect(adaptive!.withinTargetShare!).toBeGreaterThanOrEqual(bestShare - 0.005);
    expect(adaptive!.waitMin.mean!).toBeLessThanOrEqual(bestMean * 1.03);
    expect(adaptive!.lanes.priority.p95 ?? 0).toBeLessThanOrEqual((skills!.lanes.priority.p95 ?? 0) + 1e-9);
    expect(adaptive!.counterSwitches).toBeLessThanOrEqual(day.counters.length * openHours);
    expect(adaptive!.mergedShare!).toBeLessThan(Math.min(0.85, skills!.mergedShare!));
  }, 60_000);
});
