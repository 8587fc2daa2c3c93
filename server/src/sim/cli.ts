/**
 * npm run simulate -- --scenario FILE [--policy NAME]... [--seeds N] [--seed S] [--json]
 *
 * Results on stdout (one JSON array with --json, else tables), progress and warnings on stderr.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { textTable } from './format.js';
import { findPolicy, POLICIES, type SimPolicy } from './policies.js';
import type { SimResult } from './results.js';
import { MAX_SCENARIO_SEED, ScenarioError } from './scenario.js';
import { loadScenario, simulate } from './simulate.js';

const USAGE = `usage: npm run simulate -- --scenario FILE [--policy NAME]... [--seeds N] [--seed S] [--json]

  --scenario FILE  a qms-scenario/1 file (see ../shared/SIMULATION.md)
  --policy NAME    ${POLICIES.map((p) => p.name).join(', ')}; may repeat (default: all)
  --seeds N        run N seeds and report the mean of each figure (default 1)
  --seed S         the first seed (default: the scenario's "seed")
  --json           print one JSON array of qms-sim-result/1 objects, nothing else
  --help           this text`;

export interface CliOptions {
  scenario: string;
  policies: SimPolicy[];
  seeds: number;
  seed: number | undefined;
  json: boolean;
}

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        policy: { type: 'string', multiple: true },
        seeds: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError(rephrase(e as Error & { code?: string }));
  }
  if (values.help) return 'help';
  if (!values.scenario) throw new UsageError('--scenario FILE is required');
  const policies: SimPolicy[] = [];
  for (const name of values.policy ?? POLICIES.map((p) => p.name)) {
    const p = findPolicy(name);
    if (!p) throw new UsageError(`--policy: unknown policy "${name}"; available: ${POLICIES.map((x) => x.name).join(', ')}`);
    if (!policies.includes(p)) policies.push(p);
  }
  const seeds = values.seeds === undefined ? 1 : wholeNumber('--seeds', values.seeds, 1, 100_000);
  const seed = values.seed === undefined ? undefined : wholeNumber('--seed', values.seed, 0, MAX_SCENARIO_SEED);
  if (seed !== undefined && seed + seeds - 1 > MAX_SCENARIO_SEED) {
    throw new UsageError(`--seed ${seed} with --seeds ${seeds} goes past the largest seed, ${MAX_SCENARIO_SEED}`);
  }
  return { scenario: values.scenario, policies, seeds, seed, json: values.json };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

const VALUE_HINT: Record<string, string> = {
  '--scenario': 'a scenario file, e.g. --scenario ../shared/scenarios/city-mfc.json',
  '--policy': `one of ${POLICIES.map((p) => p.name).join(', ')}`,
  '--seeds': 'a whole number from 1, e.g. --seeds 20',
  '--seed': 'a whole number from 0, e.g. --seed 7',
};

/** node:util's messages speak of parsing; these say what to type instead. */
function rephrase(e: Error & { code?: string }): string {
  const option = /'(--?[A-Za-z-]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}; options: --scenario, --policy, --seeds, --seed, --json, --help`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return VALUE_HINT[option] ? `${option} needs ${VALUE_HINT[option]}` : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${/'([^']*)'/.exec(e.message)?.[1] ?? ''}"; give the scenario as --scenario FILE`;
    default:
      return e.message;
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * The first half of a command: its flags parsed, or the exit code already decided (2 with the
 * message and the usage for a UsageError, 0 after printing the usage for --help).
 */
export function parsedOrExit<T>(command: string, usage: string, parse: () => T | 'help', io: Io): T | number {
  let opts: T | 'help';
  try {
    opts = parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${command}: ${e.message}\n\n${usage}\n`);
    return 2;
  }
  if (opts === 'help') {
    io.out(`${usage}\n`);
    return 0;
  }
  return opts;
}

/** Runs the command; returns the exit code (0 ok, 1 bad scenario or failure, 2 bad usage). */
export function runCli(argv: string[], io: Io): number {
  const opts = parsedOrExit('simulate', USAGE, () => parseCli(argv), io);
  if (typeof opts === 'number') return opts;
  try {
    const scenario = loadScenario(opts.scenario);
    const results: SimResult[] = [];
    for (const policy of opts.policies) {
      const started = performance.now();
      let calledBack = 0;
      const result = simulate(scenario, policy, {
        seeds: opts.seeds,
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        onDay: (_r, n) => (calledBack += n),
      });
      results.push(result);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      io.err(`${scenario.name}: ${policy.name}, ${opts.seeds} seed${opts.seeds === 1 ? '' : 's'} from ${result.seed}, ${secs} s\n`);
      if (calledBack > 0) {
        io.err(
          `  note: ${(calledBack / opts.seeds).toFixed(1)} visitors a day waited for a service nobody on shift served at closing; the counters planned for it came back for them\n`,
        );
      }
    }
    io.out(opts.json ? `${JSON.stringify(results, null, 2)}\n` : textTable(results));
    return 0;
  } catch (e) {
    io.err(`simulate: ${e instanceof ScenarioError ? e.message : (e as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
