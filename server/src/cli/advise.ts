/**
 * npm run advise -- --scenario FILE [--max-new-skills N] [--seeds N] [--budget SECONDS] [--json] [--out ADVISED.json]
 *
 * The planning advisor (issue 15) on a scenario file: staffing by the hour, then the new skills and
 * moved shifts that help most, each measured by simulation. Advice on stdout (tables, or one JSON
 * object with --json); progress on stderr; --out writes the advised day as a scenario file.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { formatHHMM, type PlanFigures, type PlanningAdvice, type Spread } from '@qms/shared';
import { advise, defaultSkillBudget, describe } from '../advisor/advise.js';
import { parsedOrExit, UsageError, type Io } from '../sim/cli.js';
import { ScenarioError } from '../sim/scenario.js';
import { loadScenario } from '../sim/simulate.js';

const USAGE = `usage: npm run advise -- --scenario FILE [--max-new-skills N] [--seeds N] [--budget SECONDS] [--json] [--out FILE]

  --scenario FILE       a qms-scenario/1 day (../shared/SIMULATION.md), or one fitted by npm run scenario
  --max-new-skills N    new skills the advice may add (default: one per four counters, at least one)
  --seeds N             seeds the figures are measured over (default 10; the search uses the first 3)
  --budget SECONDS      the advice in about this long: the search stops in time, keeping what it found
                        (default 50, longer for a day slow to simulate: twelve rounds of the search)
  --json                print the advice as one qms-advice/1 JSON object, nothing else
  --out FILE            write the advised day as a scenario file (replay it with npm run simulate)
  --help                this text`;

interface Options {
  scenario: string;
  maxNewSkills: number | undefined;
  seeds: number;
  budgetSec: number | undefined;
  json: boolean;
  out: string | undefined;
}

export function parseAdviseCli(argv: string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        'max-new-skills': { type: 'string' },
        seeds: { type: 'string' },
        budget: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    const err = e as Error & { code?: string };
    const option = /'(--?[A-Za-z-]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option}; options: --scenario, --max-new-skills, --seeds, --budget, --json, --out, --help`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${option} needs a value`);
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('unexpected argument; give the scenario as --scenario FILE');
    throw new UsageError(err.message);
  }
  if (values.help) return 'help';
  if (!values.scenario) throw new UsageError('--scenario FILE is required');
  return {
    scenario: values.scenario,
    maxNewSkills: values['max-new-skills'] === undefined ? undefined : whole('--max-new-skills', values['max-new-skills'], 0, 50),
    seeds: values.seeds === undefined ? 10 : whole('--seeds', values.seeds, 1, 100),
    budgetSec: values.budget === undefined ? undefined : whole('--budget', values.budget, 1, 3600),
    json: values.json,
    out: values.out,
  };
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

export function runAdvise(argv: string[], io: Io): number {
  const opts = parsedOrExit('advise', USAGE, () => parseAdviseCli(argv), io);
  if (typeof opts === 'number') return opts;
  try {
    const scenario = loadScenario(opts.scenario);
    const budget = opts.maxNewSkills ?? defaultSkillBudget(scenario.counters.length);
    io.err(`${scenario.name}: ${scenario.counters.length} counters, ${scenario.services.length} services, up to ${budget} new skill${budget === 1 ? '' : 's'}\n`);
    const advice = advise(scenario, {
      ...(opts.maxNewSkills === undefined ? {} : { maxNewSkills: opts.maxNewSkills }),
      seeds: opts.seeds,
      ...(opts.budgetSec === undefined ? {} : { budgetMs: opts.budgetSec * 1000 }),
      onProgress: (line) => io.err(`  ${line}\n`),
    });
    if (opts.out) {
      writeFileSync(opts.out, `${JSON.stringify(advice.advised, null, 1)}\n`);
      io.err(`advised day written to ${opts.out}; replay it with npm run simulate -- --scenario ${opts.out}\n`);
    }
    io.out(opts.json ? `${JSON.stringify(advice, null, 2)}\n` : adviceText(advice));
    return 0;
  } catch (e) {
    io.err(`advise: ${e instanceof ScenarioError ? e.message : (e as Error).message}\n`);
    return 1;
  }
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const min = (x: number | null) => (x === null ? '–' : x.toFixed(1));
const spread = (s: Spread, f: (x: number | null) => string) => `${f(s.mean)} (${f(s.min)}–${f(s.max)})`;
const row = (label: string, f: PlanFigures) =>
  `${label.padEnd(22)}${spread(f.withinTarget, pct).padEnd(28)}${spread(f.meanWaitMin, min).padEnd(22)}${spread(f.priorityP95Min, min)}`;

/** The advice as a supervisor reads it in a terminal. */
export function adviceText(a: PlanningAdvice): string {
  const lines = [
    `${a.scenario}: advice under ${a.policy}, ${a.seeds} seeds (mean, and the lowest–highest seed); ${a.counters} counters, up to ${a.maxNewSkills} new skills`,
    '',
    `${''.padEnd(22)}${'within target'.padEnd(28)}${'mean wait, min'.padEnd(22)}priority P95, min`,
    row('static (no merging)', a.figures.static),
    row('the plan as it is', a.figures.current),
    row('the advised plan', a.figures.advised),
    row('pooled (reference)', a.figures.pooled),
    '',
    a.gapCaptured.current === null || a.gapCaptured.advised === null
      ? 'Full pooling would gain nothing here: every plan calls alike.'
      : `Of what full pooling would gain over static, the plan captures ${pct(a.gapCaptured.current)}; the advised plan ${pct(a.gapCaptured.advised)}.`,
    '',
    'Advice, in the order found (each measured with the ones before it in place):',
    ...(a.steps.length === 0
      ? ['  none: no new skill or shift move tried made the day better']
      : a.steps.map((s, i) => `  ${i + 1}. ${describe(s.change)}: ${pct(s.before.withinTarget.mean)} → ${pct(s.after.withinTarget.mean)} within target, mean wait ${min(s.before.meanWaitMin.mean)} → ${min(s.after.meanWaitMin.mean)} min\n     why: ${s.reason}`)),
    '',
    `Counters needed per hour (to call 90 % within target, the hall as one pool; checked by simulation: ${pct(a.staffing.check.withinTarget)} within target), against counters on shift:`,
    ...a.staffing.hours.map((h) => `  ${formatHHMM(h.from)}  need ${String(h.need).padStart(3)}  planned ${h.planned.toFixed(1).padStart(5)}  ${h.need > h.planned ? `short ${(h.need - h.planned).toFixed(1)}` : h.need < h.planned ? `over ${(h.planned - h.need).toFixed(1)}` : ''}`),
    `  short ${a.staffing.shortCounterHours} counter-hours, over ${a.staffing.overCounterHours}`,
    '',
    `found in ${(a.elapsedMs / 1000).toFixed(1)} s`,
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runAdvise(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
}
