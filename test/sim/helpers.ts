/** Shared by the simulator tests: the reference scenarios in ../shared/scenarios. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from '../../server/src/sim/scenario.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = path.resolve(repoRoot, '../shared/scenarios');

export const scenarioFile = (name: string): string => path.join(SCENARIO_DIR, `${name}.json`);

/** The raw JSON of a reference scenario, to edit in tests. */
export function rawScenario(name: string): any {
  return JSON.parse(readFileSync(scenarioFile(name), 'utf8'));
}

export function scenario(name: string): Scenario {
  return parseScenario(rawScenario(name), `${name}.json`);
}

export const REFERENCE_SCENARIOS = ['provincial-peak', 'city-mfc', 'rural-office'] as const;
