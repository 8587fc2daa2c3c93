/**
 * The server under benchmark: `node --import tsx server/src/main.ts` as its own process (the
 * crash tests' spawner), on a fresh SQLite file with durable commits and the demo center, on an
 * ephemeral port. Its own process so that its CPU and memory are its own, not the load generator's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, ServerProcess } from '../crash/server-process.js';

export const DEMO = {
  kioskToken: 'demo-kiosk-token-change-me',
  displayToken: 'demo-display-token-change-me',
  operatorPassword: 'operator-demo',
  supervisorPassword: 'supervisor-demo',
} as const;

/**
 * The demo center's counters 1–16 by their primary service (server/src/demo/center.ts): counter
 * N calls tickets of PRIMARY[N-1] first, so issuing tickets in this rotation gives every counter
 * the same share of the queue.
 */
export const PRIMARY = [
  'justice', 'justice', 'justice', 'land', 'land', 'land', 'business', 'business',
  'transport', 'transport', 'transport', 'labour', 'labour', 'construction', 'health', 'justice',
] as const;

/** Logins are limited to 30 per 5 minutes per address: a benchmark logs in these and a supervisor at most. */
export const MAX_OPERATORS = 16;

export interface BenchServer {
  url: string;
  pid: number;
  /** performance.now() when it started serving. */
  startedAt: number;
  /** Resident memory of the server process, MB (VmRSS in /proc/<pid>/status). */
  rssMb(): number;
  /** Log opN in and take counter N; returns the bearer token. */
  operator(n: number, claim?: boolean): Promise<string>;
  stop(): Promise<void>;
}

/**
 * With BENCH_CPU_PROF=<dir> in the environment, the server writes a V8 CPU profile there when it
 * stops (open it in Chrome DevTools, Performance tab, or summarise it with profile-top.ts).
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-bench-'));
  const profDir = process.env.BENCH_CPU_PROF;
  let proc: ServerProcess;
  try {
    proc = await ServerProcess.start(join(dir, 'qms.db'), {
      timeoutMs: 30_000,
      // The fan-out benchmark connects 1,000 clients from this machine, most with the demo display's
      // token: far beyond the per-token and per-address socket limits that protect a real hall.
      env: { QMS_DURABILITY: durability(), QMS_DEMO: 'yes', QMS_DEMO_HISTORY_DAYS: '0', QMS_SOCKETS_PER_DEVICE: '0', QMS_SOCKETS_PER_SESSION: '0', QMS_SOCKETS_PER_ADDRESS: '0', ...env },
      ...(profDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] } : {}),
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const pid = proc.child.pid!;
  return {
    url: proc.url,
    pid,
    startedAt: performance.now(),
    rssMb: () => rssMb(pid),
    async operator(n, claim = true) {
      if (n < 1 || n > MAX_OPERATORS) throw new Error(`the demo center has operators op1…op${MAX_OPERATORS}, not op${n}`);
      const login = await http(proc.url, 'POST', '/api/auth/login', { body: { login: `op${n}`, password: DEMO.operatorPassword } });
      if (login.status !== 200) throw new Error(`login op${n}: HTTP ${login.status} ${JSON.stringify(login.body)}`);
      const token = login.body.token as string;
      if (claim) {
        const res = await http(proc.url, 'POST', `/api/counters/${n}/claim`, { token, body: {} });
        if (res.status !== 200) throw new Error(`op${n} claiming counter ${n}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      }
      return token;
    },
    async stop() {
      await stopGracefully(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * SIGTERM first, so that a server started with `--cpu-prof` (BENCH_CPU_PROF) writes its profile
 * on the way out; SIGKILL if it has not gone within five seconds.
 */
async function stopGracefully(proc: ServerProcess): Promise<void> {
  if (!proc.alive) return;
  const gone = new Promise<boolean>((resolve) => proc.child.once('exit', () => resolve(true)));
  proc.child.kill('SIGTERM');
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref());
  if (!(await Promise.race([gone, timer]))) await proc.kill();
}

/** full, as issue 5 asks; BENCH_DURABILITY=normal only to see what the fsync costs. */
export function durability(): 'full' | 'normal' {
  const d = process.env.BENCH_DURABILITY ?? 'full';
  if (d !== 'full' && d !== 'normal') throw new Error(`BENCH_DURABILITY is "${d}": expected full or normal`);
  return d;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) / 1024;
}
