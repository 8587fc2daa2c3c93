/**
 * The rebalancer quotes one service's expected wait when it moves a counter (expectedWaitOf), and
 * works out that service's supply alone. It must be the figure the Hall view shows for it
 * (serviceLoads), which works out every service's: checked at many instants of whole simulated
 * days, in `auto` balancing (counters merged, W2's trained-for shares) and with fixed plans.
 */
import { describe, expect, it } from 'vitest';
import { expectedWaitOf, serviceLoads } from '../../server/src/engine/eta.js';
import { simulateDay } from '../../server/src/sim/day.js';
import { findPolicy, type SimPolicy } from '../../server/src/sim/policies.js';
import { scenario } from '../sim/helpers.js';

/** `name` with every `every`-th fact checked. */
function checked(name: string, every: number, seen: { facts: number; compared: number; known: number }): SimPolicy {
  const policy = findPolicy(name)!;
  return {
    ...policy,
    controller(config) {
      const inner = policy.controller?.(config);
      return {
        ...inner,
        onEvent(view, fact) {
          seen.facts += 1;
          if (seen.facts % every === 0) {
            for (const load of serviceLoads(view.state, view.now)) {
              expect(expectedWaitOf(view.state, load.serviceId, view.now)).toBe(load.expectedWaitMin);
              seen.compared += 1;
              if (load.expectedWaitMin !== null && load.waiting > 0) seen.known += 1;
            }
          }
          return inner?.onEvent?.(view, fact) ?? [];
        },
      };
    },
  };
}

describe('one service’s expected wait', () => {
  it.each([
    ['city-mfc', 'adaptive'],
    ['provincial-peak', 'adaptive'],
    ['city-mfc', 'static'],
  ])('%s under %s: what the rebalancer quotes is what the Hall view shows', (day, policy) => {
    const seen = { facts: 0, compared: 0, known: 0 };
    simulateDay(scenario(day), checked(policy, 7, seen), 1);
    expect(seen.compared).toBeGreaterThan(500);
    // Not only empty queues: most compared figures are of people waiting.
    expect(seen.known).toBeGreaterThan(seen.compared / 4);
  }, 60_000);
});
