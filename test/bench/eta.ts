/**
 * npm run bench:eta [-- --seeds N] [FILE...]
 *
 * How well the expected wait a visitor is shown at the kiosk (W1–W5, or W6's forecast under
 * `adaptive`) matches the wait they have, on every scenario in ../shared/scenarios (and any FILE
 * given): median and P90 of the absolute error and the share kept more than 5 min longer than
 * promised, under `adaptive` and `static`, N seeds each (default 5, as the README's table).
 *
 * Beside them, the floor no estimate can go under: every half hour of the day, the service times
 * of everyone not yet called are drawn afresh (the arrivals, the same people, stay) and the day
 * is replayed; the spread of each newcomer's wait around its median over those replays is noise
 * that even an estimate knowing every future arrival could not remove, because nobody knows how
 * long the visitors ahead will take.
 */
import { MINUTE } from '@qms/shared';
import { findPolicy, type SimPolicy } from '../../server/src/sim/policies.js';
import { serviceTime, streams } from '../../server/src/sim/random.js';
import { simulateDay } from '../../server/src/sim/day.js';
import { loadScenario, simulate } from '../../server/src/sim/simulate.js';
import { scenarioArgs } from './scenario-files.js';
import type { Scenario } from '../../server/src/sim/scenario.js';
import { drawVisitors } from '../../server/src/sim/visitors.js';

const { seeds, files } = scenarioArgs('bench:eta', 5);

/** Replays per half hour for the floor: enough for its P90 to settle within a few tenths. */
const REDRAWS = 9;
/** The floor is taken on the same days (seeds) as the estimate it is set beside: the days differ by more than a tenth. */
const FLOOR_SEEDS = seeds;
const HALF_HOUR = 30 * MINUTE;

const quantile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(p * (s.length - 1))] ?? NaN;
};

function floorOf(scenario: Scenario, policy: SimPolicy): { median: number; p90: number } {
  const errors: number[] = [];
  const byId = new Map(scenario.services.map((s) => [s.id, s]));
  for (let seed = scenario.seed; seed < scenario.seed + FLOOR_SEEDS; seed++) {
    const visitors = drawVisitors(scenario, seed);
    const called = new Map(simulateDay(scenario, policy, seed, { visitors }).visitors.map((v) => [v.index, v.calledMs]));
    for (let from = scenario.open * MINUTE; from < scenario.close * MINUTE; from += HALF_HOUR) {
      const newcomers = new Map(visitors.filter((v) => v.counted && v.arriveMs >= from && v.arriveMs < from + HALF_HOUR).map((v) => [v.index, [] as number[]]));
      if (newcomers.size === 0) continue;
      for (let r = 0; r < REDRAWS; r++) {
        const rng = streams(seed * 7919 + r * 104729 + from / MINUTE);
        const redrawn = visitors.map((v) => {
          const s = byId.get(v.serviceId)!;
          return (called.get(v.index) ?? Infinity) >= from ? { ...v, serviceMs: Math.round(serviceTime(rng.service, s.meanMin, s.cv) * MINUTE) } : v;
        });
        for (const v of simulateDay(scenario, policy, seed, { visitors: redrawn }).visitors) newcomers.get(v.index)?.push((v.calledMs - v.arriveMs) / MINUTE);
      }
      for (const waits of newcomers.values()) {
        const median = quantile(waits, 0.5);
        for (const w of waits) errors.push(Math.abs(w - median));
      }
    }
  }
  return { median: quantile(errors, 0.5), p90: quantile(errors, 0.9) };
}

const num = (v: number | null) => (v === null ? '–' : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const adaptive = findPolicy('adaptive')!;
const rows: string[] = [];
const started = performance.now();
for (const file of files) {
  const scenario = loadScenario(file);
  const cells: string[] = [scenario.name];
  for (const policy of [adaptive, findPolicy('static')!]) {
    const { eta } = simulate(scenario, policy, { seeds });
    cells.push(`${num(eta.medianErrorMin)} / ${num(eta.p90ErrorMin)} / ${pct(eta.underPromisedOver5Share)}`);
  }
  const floor = floorOf(scenario, adaptive);
  cells.push(`${num(floor.median)} / ${num(floor.p90)}`);
  rows.push(`| ${cells.join(' | ')} |`);
  process.stderr.write(`${scenario.name} done\n`);
}
console.log(
  [
    `ETA error in minutes, ${seeds} seeds: median / P90 of |promised − actual| / share kept > 5 min longer than promised.`,
    `Floor: ${FLOOR_SEEDS} seeds, ${REDRAWS} redraws of the service times to come every half hour, \`adaptive\`.`,
    '',
    '| scenario | adaptive | static | floor (median / P90) |',
    '|---|---|---|---|',
    ...rows,
    '',
    `_Total ${((performance.now() - started) / 1000).toFixed(1)} s._`,
  ].join('\n'),
);
