/**
 * The extension point for rebalancing policies: a controller sees the engine's state, answers with
 * `set-services`, and the simulator applies them through the engine, counts switches and merged time.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE, type CounterService, type FactBody } from '@qms/shared';
import { SIM_DAY0 } from '../../server/src/sim/config.js';
import { simulateDay } from '../../server/src/sim/day.js';
import { POLICIES, staticPolicy, type PolicyView, type SimPolicy } from '../../server/src/sim/policies.js';
import { dayResult } from '../../server/src/sim/results.js';
import { scenario } from './helpers.js';

const primary = (ids: string[]): CounterService[] => ids.map((serviceId) => ({ serviceId, role: 'primary' }));

/** Counter 9 of provincial-peak serves transport; from 09:00 to 11:00 it also takes justice, at its peak. */
function peakHelper(seen: { ticks: number[]; facts: FactBody['type'][]; views: PolicyView[] }): SimPolicy {
  return {
    ...staticPolicy,
    name: 'peak-helper',
    controller: () => ({
      tickMin: 30,
      onTick(view) {
        seen.ticks.push((view.now - SIM_DAY0) / MINUTE);
        seen.views.push(view);
        const min = (view.now - SIM_DAY0) / MINUTE;
        if (min === 9 * 60) return [{ type: 'set-services', counterId: '9', services: primary(['transport', 'justice']), reason: 'peak' }];
        if (min === 11 * 60) return [{ type: 'set-services', counterId: '9', services: primary(['transport']), reason: 'peak over' }];
        return [];
      },
      onEvent(_view, fact) {
        seen.facts.push(fact.type);
        return [];
      },
    }),
  };
}

describe('policy controllers', () => {
  it('ticks every tickMin from opening, set-services goes through the engine, switches and merged time are counted', () => {
    const seen = { ticks: [] as number[], facts: [] as FactBody['type'][], views: [] as PolicyView[] };
    const s = scenario('provincial-peak');
    const run = simulateDay(s, peakHelper(seen), 1);
    expect(seen.ticks.slice(0, 4)).toEqual([450, 480, 510, 540]);
    expect(seen.facts.filter((f) => f === 'counter:services-changed')).toHaveLength(2);
    expect(run.counters.find((c) => c.id === '9')).toMatchObject({ switches: 2, mergedMs: 120 * MINUTE });
    const r = dayResult(run);
    expect(r.counterSwitches).toBe(2);
    const openMs = run.counters.reduce((sum, c) => sum + c.openMs, 0);
    expect(r.mergedShare).toBeCloseTo((120 * MINUTE) / openMs, 10);
    // Counter 9 called justice visitors only while it had justice.
    const helped = run.visitors.filter((v) => v.counterId === '9' && v.serviceId === 'justice');
    expect(helped.length).toBeGreaterThan(5);
    for (const v of helped) expect(v.calledMs / MINUTE).toBeGreaterThanOrEqual(540);
    for (const v of helped) expect(v.calledMs / MINUTE).toBeLessThan(660);
  });

  it('a controller sees the live state, not the visitors\' hidden service times', () => {
    const seen = { ticks: [] as number[], facts: [] as FactBody['type'][], views: [] as PolicyView[] };
    simulateDay(scenario('provincial-peak'), peakHelper(seen), 1);
    const view = seen.views[3]!;
    // What it gets is the engine's state: tickets carry no service time, and only arrived visitors exist.
    const t = view.state.tickets.values().next().value!;
    expect(Object.keys(t)).not.toContain('serviceMs');
    expect(Object.keys(view)).toEqual(['now', 'state', 'wakeAt']);
  });

  it('wakeAt brings an onTick at the instant asked for', () => {
    const woke: number[] = [];
    const policy: SimPolicy = {
      ...staticPolicy,
      name: 'alarm',
      controller: () => ({
        onTick: (view) => (woke.push((view.now - SIM_DAY0) / MINUTE), []),
        onEvent: (view, fact) => {
          if (fact.type === 'counter:opened' && fact.counter.id === '1') view.wakeAt(SIM_DAY0 + 600 * MINUTE);
          return [];
        },
      }),
    };
    simulateDay(scenario('rural-office'), policy, 1);
    // Counter 1 opens at 08:00 and again at 13:00; the second request is in the past and ignored.
    expect(woke).toEqual([600]);
  });

  it('a command the engine refuses stops the run with the engine\'s reason', () => {
    const policy: SimPolicy = {
      ...staticPolicy,
      name: 'untrained',
      controller: () => ({
        tickMin: 60,
        onTick: () => [{ type: 'set-services', counterId: '3', services: primary(['land']), reason: 'x' }],
      }),
    };
    expect(() => simulateDay(scenario('provincial-peak'), policy, 1)).toThrow(
      /engine refused set-services at 07:30 \(untrained, seed 1\): NOT_QUALIFIED Counter 3 is not trained for service "land"/,
    );
  });

  it('a controller that answers its own changes forever is stopped', () => {
    let flip = false;
    const policy: SimPolicy = {
      ...staticPolicy,
      name: 'loop',
      controller: () => ({
        onEvent: (_view, fact) => {
          if (fact.type !== 'counter:services-changed' && fact.type !== 'counter:opened') return [];
          flip = !flip;
          return [{ type: 'set-services', counterId: '1', services: primary(flip ? ['justice', 'labour'] : ['justice']), reason: 'loop' }];
        },
      }),
    };
    expect(() => simulateDay(scenario('provincial-peak'), policy, 1)).toThrow(/a controller loops/);
  });

  it('every policy meets the same visitors (common random numbers)', () => {
    const s = scenario('rural-office');
    const a = simulateDay(s, staticPolicy, 3).visitors.map(({ arriveMs, serviceMs, noShow, lane, serviceId }) => ({ arriveMs, serviceMs, noShow, lane, serviceId }));
    for (const policy of POLICIES.slice(1)) {
      const b = simulateDay(s, policy, 3).visitors.map(({ arriveMs, serviceMs, noShow, lane, serviceId }) => ({ arriveMs, serviceMs, noShow, lane, serviceId }));
      expect(b).toEqual(a);
    }
  });
});
