/**
 * npm run bench [-- http|fanout|kiosk|reports ...]
 *
 * The performance benchmarks of issue 5, each against its own server process (durable commits,
 * the demo center, a fresh SQLite file): HTTP throughput and latency, realtime fan-out to 1,000
 * clients, and the kiosk's tap-to-ticket time in Chromium. Prints Markdown for the README on
 * stdout (progress goes to stderr); exits 1 if a benchmark failed to run. A missed target is a
 * finding, not a failure: it is marked in the summary.
 *
 * BENCH_CPU_PROF=<dir> makes each server write a V8 CPU profile there when it stops (server.ts);
 * BENCH_DURABILITY=normal runs the servers without an fsync per commit, to see what it costs.
 */
import { cpus } from 'node:os';
import { fanoutBench } from './fanout.js';
import { httpBench } from './http.js';
import { kioskBench } from './kiosk.js';
import { reportsBench } from './reports.js';
import { describe, probe } from './machine.js';
import { durability } from './server.js';
import { table, type BenchReport, type Target } from './stats.js';

const BENCHES: Record<string, () => Promise<BenchReport>> = { http: httpBench, fanout: fanoutBench, kiosk: kioskBench, reports: reportsBench };

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in BENCHES));
if (unknown.length) {
  console.error(`npm run bench: unknown benchmark ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${Object.keys(BENCHES).join(', ')} (none = all).`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(BENCHES);

const cpu = cpus();
console.log(`## Benchmarks\n\n_${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; each server on a fresh SQLite file with QMS_DURABILITY=${durability()}; load generators on the same machine._\n`);

const targets: Target[] = [];
let failed = false;
for (const name of names) {
  const t0 = performance.now();
  process.stderr.write(`bench ${name}: starting\n`);
  try {
    const before = probe();
    const report = await BENCHES[name]!();
    console.log(`### ${report.title}\n\n${report.body}\n\n${describe(before, probe())}\n`);
    targets.push(...report.targets);
  } catch (err) {
    failed = true;
    console.log(`### ${name}\n\nDid not run: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  }
  process.stderr.write(`bench ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

if (targets.length) {
  console.log(`### Targets\n\n${table(['Target', 'Goal', 'Measured', ''], targets.map((t) => [t.what, t.target, t.measured, t.met === null ? '' : t.met ? 'met' : '**missed**']))}\n`);
}
process.exit(failed ? 1 : 0);
