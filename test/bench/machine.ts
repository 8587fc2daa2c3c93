/**
 * How busy the machine was while a benchmark ran. Other work on the same 2 cores (and the same
 * disk) moves every figure here, so each section says what it ran beside.
 */
import { readFileSync } from 'node:fs';
import { durableCommit } from './commit.js';

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  // The first line of /proc/stat: user nice system idle iowait irq softirq steal … in ticks.
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

export interface Probe {
  commitMs: number;
  cpu: CpuTimes;
}

export function probe(): Probe {
  return { commitMs: durableCommit(500).fullMs, cpu: cpuTimes() };
}

/** One Markdown line: CPU busy between the probes, and the durable commit time at each. */
export function describe(before: Probe, after: Probe): string {
  const busy = (after.cpu.busy - before.cpu.busy) / Math.max(1, after.cpu.total - before.cpu.total);
  return `_While it ran, the CPUs were ${(busy * 100).toFixed(0)} % busy (every process, this benchmark's included); a bare durable SQLite commit took ${before.commitMs.toFixed(2)} ms before and ${after.commitMs.toFixed(2)} ms after._`;
}
