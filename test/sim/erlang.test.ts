/**
 * The correctness check of SIMULATION.md: erlang-c.json (M/M/10 at 85 % load) must wait what
 * Erlang C says. The contract's check is the mean over 200 seeds within 5 %; it runs here in full
 * (seeds 1–200, ~15 s on two cores), and `npm run bench:balance` prints it too.
 */
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../server/src/sim/erlang.js';
import { staticPolicy } from '../../server/src/sim/policies.js';
import { simulate } from '../../server/src/sim/simulate.js';
import { scenario } from './helpers.js';

describe('erlang-c.json against Erlang C', () => {
  it('Erlang C itself: the values in the scenario\'s description', () => {
    const e = erlangC(10, 100, 5.1);
    expect(e.meanWaitMin).toBeCloseTo(1.802, 3);
    expect(e.withinShare(15)).toBeCloseTo(0.9936, 4);
  });

  it('mean wait over 200 seeds within 5 % of Erlang C; within-target share within half a point', () => {
    const s = scenario('erlang-c');
    const theory = erlangC(s.counters.length, s.services[0]!.arrivals[0]!.perHour, s.services[0]!.meanMin);
    const t0 = performance.now();
    const r = simulate(s, staticPolicy, { seeds: 200 });
    const mean = r.waitMin.mean!;
    console.log(
      `erlang-c, 200 seeds: mean wait ${mean.toFixed(3)} min (Erlang C ${theory.meanWaitMin.toFixed(3)}, ` +
        `${(((mean - theory.meanWaitMin) / theory.meanWaitMin) * 100).toFixed(1)} %), within 15 min ${((r.withinTargetShare ?? 0) * 100).toFixed(2)} % ` +
        `(Erlang C ${(theory.withinShare(15) * 100).toFixed(2)} %), ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    expect(Math.abs(mean - theory.meanWaitMin) / theory.meanWaitMin).toBeLessThan(0.05);
    expect(Math.abs(r.withinTargetShare! - theory.withinShare(15))).toBeLessThan(0.005);
    expect(r.utilisation).toBeCloseTo((100 / 60) * 5.1 / 10, 1);
  }, 120_000);
});
