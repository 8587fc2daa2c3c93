/**
 * npm run bench:replay [-- --seeds N] [FILE...]
 *
 * How fast the simulator replays a day, per policy and reference day (issue 15: the advisor's
 * search needs thousands of replays), and what the rebalancer costs per fact it looks after in
 * `adaptive` (the same work the live server does after every command in `auto`). One Markdown
 * table, the README's. Besides the reference days, two made-up centers with the same 28 counters
 * and 40 or 142 services (test/advisor/days.ts) show whether the rebalancer's work per fact grows
 * with the catalogue.
 *
 * The days are replayed as the advisor's search replays them: without the wait promised to each
 * visitor at issue, which only the ETA accuracy reads. One more column replays `adaptive` with it,
 * as `simulate` and the CLI do (under `auto` that is W6's forecast at every arrival).
 */
import { POLICIES, type SimPolicy } from '../../server/src/sim/policies.js';
import type { Scenario } from '../../server/src/sim/scenario.js';
import { simulateDay } from '../../server/src/sim/day.js';
import { dayResult } from '../../server/src/sim/results.js';
import { loadScenario, simulate } from '../../server/src/sim/simulate.js';
import { madeUpCenter } from '../advisor/days.js';
import { scenarioArgs } from './scenario-files.js';

const { seeds, files } = scenarioArgs('bench:replay', 10);
const ROUNDS = 3;

/** `adaptive` with its hooks timed: the rebalancer's share of a replayed day, per fact. */
function timed(policy: SimPolicy, clock: { ns: bigint; calls: number }): SimPolicy {
  if (!policy.controller) return policy;
  const make = policy.controller.bind(policy);
  return {
    ...policy,
    controller(config) {
      const c = make(config);
      const onEvent = c.onEvent?.bind(c);
      return {
        ...c,
        ...(c.onTick ? { onTick: c.onTick.bind(c) } : {}),
        ...(onEvent
          ? {
              onEvent(view, fact) {
                const t0 = process.hrtime.bigint();
                const out = onEvent(view, fact);
                clock.ns += process.hrtime.bigint() - t0;
                clock.calls += 1;
                return out;
              },
            }
          : {}),
      };
    },
  };
}

function markdownRow(day: string, services: number, counters: number, daysPerSecond: number[], ratio: number | null, perFactUs: number | null): string {
  const cells = [day, String(services), String(counters), ...daysPerSecond.map((d) => d.toFixed(1)), ratio === null ? '–' : `${ratio.toFixed(2)}×`, perFactUs === null ? '–' : perFactUs.toFixed(0)];
  return `| ${cells.join(' | ')} |`;
}

/** `seeds` days of `policy` with their figures, as the search replays them (or promising): days per CPU second. */
function daysPerSecond(scenario: Scenario, policy: SimPolicy, promises: boolean): number {
  const cpu = process.cpuUsage();
  for (let seed = scenario.seed; seed < scenario.seed + seeds; seed++) dayResult(simulateDay(scenario, policy, seed, { promises }));
  return seeds / cpuSeconds(cpu);
}

/** CPU seconds (user and system, every thread: the collector's too) since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

const adaptive = POLICIES.find((p) => p.name === 'adaptive')!;
const days: (() => Scenario)[] = [...files.map((f) => () => loadScenario(f)), () => madeUpCenter(7, 40, 28), () => madeUpCenter(7, 142, 28)];
const rows: string[] = [];
for (const day of days) {
  const scenario = day();
  // One day first, so that no policy pays for the modules' first compilation.
  simulate(scenario, POLICIES[0]!, { seeds: 1 });
  const perPolicy: Record<string, number> = {};
  let perFactUs: number | null = null;
  let promising = 0;
  // This virtual machine's speed wanders by a third from one second to the next: every policy runs
  // in each of ROUNDS rounds, interleaved, and keeps its best round, the least disturbed. Time is
  // the process's CPU time, not the wall clock, so that time the machine gives to its neighbours
  // (steal) is not counted.
  for (let round = 0; round < ROUNDS; round++) {
    for (const policy of POLICIES) {
      const clock = { ns: 0n, calls: 0 };
      perPolicy[policy.name] = Math.max(perPolicy[policy.name] ?? 0, daysPerSecond(scenario, timed(policy, clock), false));
      if (policy.name === 'adaptive' && clock.calls > 0) perFactUs = Math.min(perFactUs ?? Infinity, Number(clock.ns / BigInt(clock.calls)) / 1000);
    }
    promising = Math.max(promising, daysPerSecond(scenario, adaptive, true));
    process.stderr.write(`${scenario.name}: round ${round + 1} of ${ROUNDS} done\n`);
  }
  rows.push(markdownRow(scenario.name, scenario.services.length, scenario.counters.length, [...POLICIES.map((p) => perPolicy[p.name]!), promising], perPolicy.adaptive! > 0 ? perPolicy.skills! / perPolicy.adaptive! : null, perFactUs));
}
const head = ['day', 'services', 'counters', ...POLICIES.map((p) => `${p.name} days/s`), 'adaptive promising days/s', 'adaptive ÷ skills (time)', 'rebalancer µs per fact'];
console.log(`${seeds} seeds per policy and day, the best of ${ROUNDS} interleaved rounds.\n\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${rows.join('\n')}`);
