/**
 * DayOptions.promises: the staffing advisor's replays skip the wait each visitor is promised at
 * issue (it never reads it). Skipping it must change nothing else: the same calls, at the same
 * counters, at the same instants, under a policy that moves counters and one that does not.
 */
import { describe, expect, it } from 'vitest';
import { simulateDay } from '../../server/src/sim/day.js';
import { findPolicy } from '../../server/src/sim/policies.js';
import { dayResult } from '../../server/src/sim/results.js';
import { scenario } from './helpers.js';

describe('a day replayed without promises', () => {
  it.each([
    ['city-mfc', 'adaptive'],
    ['provincial-peak', 'static'],
  ])('%s under %s: the same day, with no promised waits and no ETA figures', (name, policy) => {
    const day = scenario(name);
    const promised = simulateDay(day, findPolicy(policy)!, 3);
    const bare = simulateDay(day, findPolicy(policy)!, 3, { promises: false });
    expect(bare.visitors.map(({ promisedWaitMin: _, ...v }) => v)).toEqual(promised.visitors.map(({ promisedWaitMin: _, ...v }) => v));
    expect(bare.counters).toEqual(promised.counters);
    expect(promised.visitors.filter((v) => v.promisedWaitMin !== null).length).toBeGreaterThan(promised.visitors.length / 2);
    expect(bare.visitors.every((v) => v.promisedWaitMin === null)).toBe(true);
    const { eta: _eta, ...withoutEta } = dayResult(promised);
    const { eta: bareEta, ...bareRest } = dayResult(bare);
    expect(bareRest).toEqual(withoutEta);
    expect(bareEta).toEqual({ medianErrorMin: null, p90ErrorMin: null, underPromisedOver5Share: null });
  });
});
