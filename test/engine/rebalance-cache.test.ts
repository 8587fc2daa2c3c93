/**
 * The rebalancer keeps each counter's next call between looks (rebalance.ts nextCallOf), trusting
 * the engine's per-queue change counts and G1's deadline to say when it no longer holds. Here a
 * whole simulated day is looked at twice at many instants, once with what it kept and once afresh
 * (a copy of the state has no kept answers): the moves must be the same, and they must be the ones
 * that were carried out.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BALANCE, LOOK_AFTER, SwitchLog, lookAt, proposeMoves } from '../../server/src/engine/rebalance.js';
import { MINUTE } from '@qms/shared';
import { simulateDay } from '../../server/src/sim/day.js';
import { findPolicy, type PolicyView, type SimPolicy } from '../../server/src/sim/policies.js';
import { scenario } from '../sim/helpers.js';

type Out = { counterId: string; services: unknown }[];

/**
 * `adaptive` (with G1's guard on at `guardMin`, off in the simulator's policies) with `onLook`
 * called after each of its looks: every tick, and the facts it looks after. `log` is the day's
 * switch log as adaptive keeps it, `out` what the look answered (nothing for a tick skipped as quiet).
 */
function watched(guardMin: number | undefined, onLook: (view: PolicyView, log: SwitchLog, out: Out) => void): SimPolicy {
  const adaptive = findPolicy('adaptive')!;
  return {
    ...adaptive,
    ...(guardMin === undefined ? {} : { params: (s: Parameters<SimPolicy['params']>[0]) => ({ ...adaptive.params(s), maxWaitGuardMin: guardMin }) }),
    controller(config) {
      const inner = adaptive.controller!(config);
      let log: SwitchLog | undefined;
      return {
        ...inner,
        onTick(view) {
          log ??= new SwitchLog(view.now);
          const out = inner.onTick!(view);
          onLook(view, log, out);
          return out;
        },
        onEvent(view, fact) {
          log ??= new SwitchLog(view.now);
          log.record(fact, view.now);
          const out = inner.onEvent!(view, fact);
          // adaptive looks after these facts only (and answers the others with nothing).
          if (LOOK_AFTER.has(fact.type)) onLook(view, log, out);
          return out;
        },
      };
    },
  };
}

/**
 * Every `every`-th look checked against a look at a fresh copy of the state. The looks its ticks
 * skip as quiet (lookAt's quietUntil) are checked too: they must find nothing.
 */
function checked(every: number, seen: { looks: number; compared: number; moves: number }, guardMin?: number): SimPolicy {
  return watched(guardMin, (view, log, out) => {
    seen.looks += 1;
    if (seen.looks % every !== 0) return;
    const fresh = proposeMoves({ ...view.state }, view.now, log, DEFAULT_BALANCE);
    expect(fresh.map((m) => ({ counterId: m.counterId, services: m.services }))).toEqual(out.map((c) => ({ counterId: c.counterId, services: c.services })));
    seen.compared += 1;
    seen.moves += fresh.length;
  });
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

  it.each(['city-mfc', 'provincial-peak'])('%s with G1’s guard at 20 min: the clock alone changes the next calls, and the looks see it', (name) => {
    const seen = { looks: 0, compared: 0, moves: 0 };
    simulateDay(scenario(name), checked(2, seen, 20), 1);
    expect(seen.compared).toBeGreaterThan(50);
    expect(seen.moves).toBeGreaterThan(5);
  }, 60_000);

  /**
   * lookAt's quietUntil: until then the clock alone changes nothing. At looks of whole days, with
   * no fact in between, looks at later instants before it (a minute on, up to two hours on, and
   * just before it) must find no move; with G1's guard on, the clock moves calls too.
   */
  it.each([
    ['city-mfc', undefined],
    ['rural-office', undefined],
    ['city-mfc', 20],
    ['provincial-peak', 20],
    ['rural-office', 20],
  ] as const)('%s (G1 guard %s min): a look before quietUntil finds no move', (name, guardMin) => {
    const probes = { looks: 0, later: 0, finite: 0 };
    const policy = watched(guardMin, (view, log) => {
      probes.looks += 1;
      if (probes.looks % 5 !== 0) return;
      const found = lookAt({ ...view.state }, view.now, log, DEFAULT_BALANCE);
      if (found.moves.length > 0) return;
      if (Number.isFinite(found.quietUntil)) probes.finite += 1;
      const until = Math.min(found.quietUntil, view.now + 120 * MINUTE);
      for (const at of [view.now + MINUTE, view.now + 7 * MINUTE, view.now + 31 * MINUTE, until - 1]) {
        if (at <= view.now || at >= until) continue;
        expect(proposeMoves({ ...view.state }, at, log, DEFAULT_BALANCE), `at +${(at - view.now) / MINUTE} min, quiet until +${(found.quietUntil - view.now) / MINUTE} min`).toEqual([]);
        probes.later += 1;
      }
    });
    simulateDay(scenario(name), policy, 1);
    expect(probes.later).toBeGreaterThan(50);
    expect(probes.finite).toBeGreaterThan(10);
  }, 60_000);
});
