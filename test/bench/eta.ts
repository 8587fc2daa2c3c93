/**
 * npm run bench:eta [-- --seeds N] [FILE...]
 *
 * How well the expected wait a visitor is shown at the kiosk (W1–W5, or W6's forecast under
 * `adaptive`) matches the wait they have, on every scenario in ../shared/scenarios (and any FILE
 * given): median and P90 of the absolute error and the share kept more than 5 min longer than
 * promised, under `adaptive` and `static`, N seeds each (default 5, as the README's table).
 *
 * Beside them, the floor no estimate can go under (eta-floor.ts): the error of the best estimate
 * the live hall could give, on a sample of each day's newcomers, with the engine's own error on
 * the same newcomers scored on the same replays.
 */
import { findPolicy } from '../../server/src/sim/policies.js';
import { loadScenario, simulate } from '../../server/src/sim/simulate.js';
import { floorOf, type FloorOptions } from './eta-floor.js';
import { scenarioArgs } from './scenario-files.js';

const { seeds, files } = scenarioArgs('bench:eta', 5);

/**
 * About 24 newcomers per seed, 21 replays each: city-mfc's four reference days take ten minutes.
 * Its P90 wanders by half a minute from one pair of seeds to the next (6.0–7.1 on city-mfc), so
 * it is taken on every seed the estimate is.
 */
const FLOOR: FloorOptions = { seeds, sample: 24, replays: 21 };

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
  const floor = floorOf(scenario, adaptive, FLOOR);
  cells.push(`${num(floor.median)} / ${num(floor.p90)}`, `${num(floor.estimate.median)} / ${num(floor.estimate.p90)} (${floor.newcomers})`);
  rows.push(`| ${cells.join(' | ')} |`);
  process.stderr.write(`${scenario.name} done\n`);
}
console.log(
  [
    `ETA error in minutes, ${seeds} seeds: median / P90 of |promised − actual| / share kept > 5 min longer than promised.`,
    `Floor: the best estimate the hall could give, \`adaptive\`, ${FLOOR.seeds} seeds, about ${FLOOR.sample} newcomers each, ${FLOOR.replays} replays from what the hall knew at each one's issue; beside it, \`adaptive\`'s own promise to the same newcomers (how many), scored on the same replays.`,
    '',
    '| scenario | adaptive | static | floor (median / P90) | adaptive, scored on those replays |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `_Total ${((performance.now() - started) / 1000).toFixed(1)} s._`,
  ].join('\n'),
);
