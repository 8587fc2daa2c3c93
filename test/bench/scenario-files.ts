/**
 * The scenario benchmarks' command line: `[--seeds N] [FILE...]`, every scenario in
 * ../shared/scenarios plus the files given, N seeds each.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenarioDir = path.resolve(repoRoot, '../shared/scenarios');

/** Exits 2 with a message naming the benchmark when --seeds is not a whole number from 1. */
export function scenarioArgs(bench: string, defaultSeeds: number): { seeds: number; files: string[] } {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: true,
    options: { seeds: { type: 'string', default: String(defaultSeeds) } },
  });
  const seeds = Number(values.seeds);
  if (!Number.isSafeInteger(seeds) || seeds < 1) {
    console.error(`${bench}: --seeds expects a whole number from 1, got "${values.seeds}"`);
    process.exit(2);
  }
  const files = [
    ...readdirSync(scenarioDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(scenarioDir, f)),
    ...positionals.map((f) => path.resolve(f)),
  ];
  return { seeds, files };
}
