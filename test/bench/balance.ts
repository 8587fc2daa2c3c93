/**
 * npm run bench:balance [-- --seeds N] [FILE...]
 *
 * Every policy on every scenario in ../shared/scenarios (and any FILE given), N seeds each
 * (default 20): one Markdown table per scenario, the one the README shows. Then the contract's
 * correctness check: erlang-c.json's mean wait over 200 seeds within 5 % of Erlang C.
 * Exits 1 when that check fails.
 */
import { erlangC } from '../../server/src/sim/erlang.js';
import { markdownTable } from '../../server/src/sim/format.js';
import { POLICIES, findPolicy } from '../../server/src/sim/policies.js';
import { loadScenario, simulate } from '../../server/src/sim/simulate.js';
import type { SimResult } from '../../server/src/sim/results.js';
import { scenarioArgs } from './scenario-files.js';
import type { Scenario } from '../../server/src/sim/scenario.js';

const { seeds, files } = scenarioArgs('bench:balance', 20);

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

let erlang: Scenario | undefined;
const started = performance.now();
for (const file of files) {
  const scenario = loadScenario(file);
  if (scenario.name === 'erlang-c') erlang = scenario;
  const results: SimResult[] = [];
  const timings: string[] = [];
  for (const policy of POLICIES) {
    const t0 = performance.now();
    let calledBack = 0;
    results.push(simulate(scenario, policy, { seeds, onDay: (_r, n) => (calledBack += n) }));
    timings.push(`${policy.name} ${seconds(t0)} s${calledBack > 0 ? ` (${(calledBack / seeds).toFixed(1)} visitors/day called back after closing)` : ''}`);
    process.stderr.write(`${scenario.name}: ${policy.name} done\n`);
  }
  console.log(`### ${scenario.name}\n\n${seeds} seeds from ${scenario.seed}; waits in minutes.\n\n${markdownTable(results)}\n\n_${timings.join(', ')}_\n`);
}

let failed = false;
if (erlang) {
  const n = 200;
  const t0 = performance.now();
  const r = simulate(erlang, findPolicy('static') ?? POLICIES[0]!, { seeds: n });
  const s = erlang.services[0]!;
  const theory = erlangC(erlang.counters.length, s.arrivals[0]?.perHour ?? 0, s.meanMin);
  const stated = /mean wait of ([\d.]+) min/.exec(erlang.description)?.[1];
  const mean = r.waitMin.mean ?? NaN;
  const diff = (mean - theory.meanWaitMin) / theory.meanWaitMin;
  failed = !(Math.abs(diff) <= 0.05);
  console.log(
    [
      `### erlang-c check`,
      '',
      `Mean wait over ${n} seeds: ${mean.toFixed(3)} min; Erlang C: ${theory.meanWaitMin.toFixed(3)} min` +
        `${stated ? ` (the description says ${stated})` : ''}; difference ${(diff * 100).toFixed(1)} % (limit 5 %): ${failed ? 'FAIL' : 'pass'}.`,
      `Within ${erlang.targetWaitMin} min: ${((r.withinTargetShare ?? NaN) * 100).toFixed(2)} %; Erlang C: ${(theory.withinShare(erlang.targetWaitMin) * 100).toFixed(2)} %.`,
      `_${seconds(t0)} s_`,
      '',
    ].join('\n'),
  );
} else {
  console.log('(no erlang-c scenario found: correctness check skipped)\n');
}
console.log(`_Total ${seconds(started)} s._`);
process.exitCode = failed ? 1 : 0;
