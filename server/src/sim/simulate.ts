/** Several seeds of one scenario under one policy, and reading a scenario file. */
import { readFileSync } from 'node:fs';
import { simulateDay } from './day.js';
import type { SimPolicy } from './policies.js';
import { dayResult, meanResult, type SimResult } from './results.js';
import { parseScenario, type Scenario } from './scenario.js';

export interface SimulateOptions {
  /** First seed; default the scenario's. */
  seed?: number;
  /** How many seeds, from `seed` on; default 1. */
  seeds?: number;
  /** After each simulated day: the per-seed result and how many visitors were called back (day.ts). */
  onDay?: (result: SimResult, calledBack: number) => void;
}

export function simulate(scenario: Scenario, policy: SimPolicy, options: SimulateOptions = {}): SimResult {
  const first = options.seed ?? scenario.seed;
  const n = options.seeds ?? 1;
  const perSeed: SimResult[] = [];
  for (let seed = first; seed < first + n; seed++) {
    const run = simulateDay(scenario, policy, seed);
    const result = dayResult(run);
    perSeed.push(result);
    options.onDay?.(result, run.calledBack);
  }
  return meanResult(perSeed);
}

/** Read and validate a scenario file; errors name the file and every problem in it. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(e));
    throw new Error(`cannot read scenario file ${file}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json, file);
}
