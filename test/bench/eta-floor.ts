/**
 * The floor under any expected wait (bench:eta): the error of the best estimate the live hall
 * could give. For a sample of a day's newcomers, the day is replayed from exactly what the hall
 * knew when the ticket was issued (everyone's past as it happened, the same engine and policy),
 * with what it could not know drawn afresh from the scenario's own laws:
 *   - the service times of the visitors not yet called, and who of them will not come;
 *   - the rest of each service under way, longer than it has taken so far;
 *   - the walk-ins still to come (booked visitors come as booked).
 * The best estimate for the newcomer is the median of those replays' waits. Its error is scored
 * on each replay left out of the median: a median scored on the very sample it was taken from
 * scores itself (one error in nine a zero with nine replays), and a floor taken that way is low.
 * Left out, the median of 20 is itself a little off the true one, so the floor is a few per cent
 * high (about 4 %, by the median's sampling spread).
 *
 * This estimate knows more than any real one could: the scenario's true means, spreads and
 * arrival rates. So no estimate goes under it, and the engine's own promise to the same newcomers,
 * scored on the same replays, says how far above it the engine is. (Scored on the one wait each
 * newcomer had instead, 125 newcomers are too few: that figure wandered to either side of the floor.)
 *
 * (Until issue 12's 23rd stop the floor redrew only service times, every half hour, and scored
 * the median in-sample: both errors shifted it, and by the window's length: 5.8 / 4.8 / 4.2 min
 * P90 on city-mfc for windows of 30 / 10 / 5 min.)
 */
import { MINUTE } from '@qms/shared';
import { nearestRank } from '../../server/src/kpi/waits.js';
import type { SimPolicy } from '../../server/src/sim/policies.js';
import { serviceTime, streams } from '../../server/src/sim/random.js';
import { simulateDay } from '../../server/src/sim/day.js';
import type { Scenario } from '../../server/src/sim/scenario.js';
import { drawVisitors, type Visitor } from '../../server/src/sim/visitors.js';

export interface FloorOptions {
  seeds: number;
  /** Newcomers scored per seed, spread evenly over the day's counted visitors. */
  sample: number;
  /** Replays per newcomer: the median of all but one scores the one left out. */
  replays: number;
}

export interface Floor {
  newcomers: number;
  /** The best estimate's error, minutes: median and P90 of |replayed wait − median of the others|. */
  median: number;
  p90: number;
  /** The engine's own promise to the same newcomers, scored on the same replays: median and P90. */
  estimate: { median: number; p90: number };
}

/** The product's one percentile (server/src/kpi), p in 0..1, as the estimate's own figures are taken. */
const quantile = (values: readonly number[], p: number): number => nearestRank([...values].sort((a, b) => a - b), p * 100) ?? NaN;

export function floorOf(scenario: Scenario, policy: SimPolicy, options: FloorOptions): Floor {
  const byId = new Map(scenario.services.map((s) => [s.id, s]));
  const best: number[] = [];
  const estimate: number[] = [];
  let newcomers = 0;
  for (let seed = scenario.seed; seed < scenario.seed + options.seeds; seed++) {
    const day = simulateDay(scenario, policy, seed, { visitors: drawVisitors(scenario, seed) }).visitors;
    const promised = day.filter((v) => v.counted && v.promisedWaitMin !== null);
    const every = Math.max(1, Math.round(promised.length / options.sample));
    const booked = day.filter((u) => u.lane === 'booked');
    for (let i = 0; i < promised.length; i += every) {
      const v = promised[i]!;
      const waits: number[] = [];
      for (let r = 0; r < options.replays; r++) {
        const rng = streams(seed * 7919 + r * 104729 + v.index * 31);
        // Everyone before the newcomer and the newcomer, in the order they came: their indices stay.
        const known: Visitor[] = [];
        for (const u of day) {
          if (u.index > v.index) break;
          const s = byId.get(u.serviceId)!;
          const draw = () => Math.round(serviceTime(rng.service, s.meanMin, s.cv) * MINUTE);
          let { serviceMs, noShow } = u;
          if (u.calledMs >= v.arriveMs) {
            serviceMs = draw();
            noShow = rng.noShow.uniform() < scenario.noShowShare;
          } else if (!u.noShow && u.calledMs + u.serviceMs > v.arriveMs) {
            // Under way: a draw longer than it has taken so far (tried a few hundred times; a
            // draw that far in the tail is the tail's edge).
            const took = v.arriveMs - u.calledMs;
            serviceMs = draw();
            for (let k = 0; k < 200 && serviceMs <= took; k++) serviceMs = draw();
            serviceMs = Math.max(serviceMs, took + 1);
          }
          known.push({ index: u.index, serviceId: u.serviceId, lane: u.lane, arriveMs: u.arriveMs, ...(u.slotMs !== undefined ? { slotMs: u.slotMs } : {}), serviceMs, noShow, counted: u.counted });
        }
        const walkIns = drawVisitors(scenario, seed * 1_000_003 + r * 7 + v.index).filter((u) => u.lane !== 'booked' && u.arriveMs > v.arriveMs);
        const later = [...walkIns, ...booked.filter((u) => u.index > v.index)].sort((a, b) => a.arriveMs - b.arriveMs);
        const visitors = [...known, ...later].map((u, index) => ({ ...u, index }));
        const me = simulateDay(scenario, policy, seed, { visitors, promises: false }).visitors[v.index]!;
        waits.push((me.calledMs - me.arriveMs) / MINUTE);
      }
      for (let j = 0; j < waits.length; j++) best.push(Math.abs(waits[j]! - quantile(waits.filter((_, k) => k !== j), 0.5)));
      for (const w of waits) estimate.push(Math.abs(w - v.promisedWaitMin!));
      newcomers += 1;
    }
  }
  return { newcomers, median: quantile(best, 0.5), p90: quantile(best, 0.9), estimate: { median: quantile(estimate, 0.5), p90: quantile(estimate, 0.9) } };
}
