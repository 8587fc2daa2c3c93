/**
 * The rebalancer keeps each counter's next call between looks (rebalance.ts nextCallOf), trusting
 * the engine's per-queue change counts and G1's deadline to say when it no longer holds. Here a
 * whole simulated day is looked at twice at many instants, once with what it kept and once afresh
 * (a copy of the state has no kept answers): the moves must be the same, and they must be the ones
 * that were carried out.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BALANCE, LOOK_AFTER, SwitchLog, proposeMoves } from '../../server/src/engine/rebalance.js';
import { simulateDay } from '../../server/src/sim/day.js';
import { findPolicy, type SimPolicy } from '../../server/src/sim/policies.js';
import { scenario } from '../sim/helpers.js';

/** `adaptive` with every `every`-th look checked against a look at a fresh copy of the state. */
function checked(every: number, seen: { looks: number; compared: number; moves: number }): SimPolicy {
  const adaptive = findPolicy('adaptive')!;
  return {
    ...adaptive,
    controller(config) {
      const inner = adaptive.controller!(config);
      let log: SwitchLog | undefined;
      const compare = (view: Parameters<NonNullable<typeof inner.onTick>>[0], out: { counterId: string; services: unknown }[]) => {
        seen.looks += 1;
        if (seen.looks % every !== 0) return;
        const fresh = proposeMoves({ ...view.state }, view.now, log!, DEFAULT_BALANCE);
        expect(fresh.map((m) => ({ counterId: m.counterId, services: m.services }))).toEqual(out.map((c) => ({ counterId: c.counterId, services: c.services })));
        seen.compared += 1;
        seen.moves += fresh.length;
      };
      return {
        ...inner,
        onTick(view) {
          log ??= new SwitchLog(view.now);
          const out = inner.onTick!(view);
          compare(view, out);
          return out;
        },
        onEvent(view, fact) {
          log ??= new SwitchLog(view.now);
          log.record(fact, view.now);
          const out = inner.onEvent!(view, fact);
          // adaptive looks after these facts only (and answers the others with nothing).
          if (LOOK_AFTER.has(fact.type)) compare(view, out);
          return out;
        },
      };
    },
  };
}

describe('the rebalancer’s kept next calls', () => {
  it.each(['city-mfc', 'provincial-peak', 'rural-office'])('%s: a look with what it kept proposes what a fresh look does', (name) => {
    const seen = { looks: 0, compared: 0, moves: 0 };
    const run = simulateDay(scenario(name), checked(3, seen), 1);
    expect(run.visitors.length).toBeGreaterThan(50);
    // The check ran often, and on looks that moved counters.
    expect(seen.compared).toBeGreaterThan(50);
    expect(seen.moves).toBeGreaterThan(5);
  }, 60_000);
});
