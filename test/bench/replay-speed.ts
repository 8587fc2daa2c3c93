/**
 * npm run bench:replay [-- --seeds N] [FILE...]
 *
 * How fast the simulator replays a day, per policy and reference day (issue 15: the advisor's
 * search needs thousands of replays), and what the rebalancer costs per fact it looks after in
 * `adaptive` (the same work the live server does after every command in `auto`). One Markdown
 * table, the README's.
 */
import { POLICIES, type SimPolicy } from '../../server/src/sim/policies.js';
import { loadScenario, simulate } from '../../server/src/sim/simulate.js';
import { scenarioArgs } from './scenario-files.js';

const { seeds, files } = scenarioArgs('bench:replay', 10);

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

const rows: string[] = [];
for (const file of files) {
  const scenario = loadScenario(file);
  // One day first, so that no policy pays for the modules' first compilation.
  simulate(scenario, POLICIES[0]!, { seeds: 1 });
  const perPolicy: Record<string, number> = {};
  const clock = { ns: 0n, calls: 0 };
  for (const policy of POLICIES) {
    const t0 = performance.now();
    simulate(scenario, timed(policy, policy.name === 'adaptive' ? clock : { ns: 0n, calls: 0 }), { seeds });
    perPolicy[policy.name] = seeds / ((performance.now() - t0) / 1000);
    process.stderr.write(`${scenario.name}: ${policy.name} done\n`);
  }
  const perFactUs = clock.calls > 0 ? Number(clock.ns / BigInt(clock.calls)) / 1000 : null;
  rows.push(markdownRow(scenario.name, scenario.services.length, scenario.counters.length, POLICIES.map((p) => perPolicy[p.name]!), perPolicy.adaptive! > 0 ? perPolicy.skills! / perPolicy.adaptive! : null, perFactUs));
}
const head = ['day', 'services', 'counters', ...POLICIES.map((p) => `${p.name} days/s`), 'adaptive ÷ skills (time)', 'rebalancer µs per fact'];
console.log(`${seeds} seeds per policy and day.\n\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${rows.join('\n')}`);
