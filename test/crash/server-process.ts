/**
 * The real server as a child process (`node --import tsx server/src/main.ts`), the way `npm run
 * serve` starts it, so that it can be SIGKILLed. Each child leads its own process group and is
 * killed as a group; `killAll` ends whatever is still running (afterEach/afterAll, even on failure).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const running = new Set<ServerProcess>();
// Last resort if the test process exits without its hooks having run.
process.once('exit', () => running.forEach((p) => killGroup(p.child)));

export class ServerProcess {
  /** Everything the child wrote, for failure messages. */
  output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  /** Start on a free port (PORT=0; main prints the real one) and resolve once it serves. */
  static start(dbFile: string, opts: { timeoutMs?: number; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
    // nodeArgs: for flags NODE_OPTIONS refuses, such as --cpu-prof (the benchmarks).
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        QMS_DB: dbFile,
        QMS_DURABILITY: 'full',
        QMS_DEMO: 'yes',
        QMS_DEMO_HISTORY_DAYS: '0',
        LOG_LEVEL: 'warn',
        // Tests drive one kiosk token as a load generator, far beyond what a person at a kiosk can.
        QMS_KIOSK_ISSUE_PER_MIN: '0',
        ...opts.env,
      },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let output = '';
    const holder: { proc?: ServerProcess } = {};
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (holder.proc) holder.proc.output = output;
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);

    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        killGroup(child);
        reject(new Error(`server did not start: ${why}\n${output}`));
      };
      const timer = setTimeout(() => fail(`no URL within ${opts.timeoutMs ?? 15_000} ms`), opts.timeoutMs ?? 15_000);
      const onData = () => {
        const m = /http:\/\/localhost:(\d+)\//.exec(output);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        const proc = new ServerProcess(child, `http://127.0.0.1:${m[1]}`, exited);
        proc.output = output;
        holder.proc = proc;
        running.add(proc);
        void exited.then(() => running.delete(proc));
        resolve(proc);
      };
      const onExit = (code: number | null, signal: string | null) => fail(`exited (code ${code}, signal ${signal})`);
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL the whole process group and wait until the child is gone. */
  async kill(): Promise<void> {
    killGroup(this.child);
    await this.exited;
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Kill every child still running: for afterEach/afterAll. */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same delays and choices. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HttpResult {
  status: number;
  body: any;
}

/**
 * One JSON request. A network error (the server was killed mid-request, or the body was cut off)
 * throws `NetworkError`: such a request is not acknowledged, whatever the server did with it.
 */
export async function http(base: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<HttpResult> {
  let res: globalThis.Response;
  let text: string;
  try {
    res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    text = await res.text();
  } catch (err) {
    throw new NetworkError(err);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (err) {
    throw new NetworkError(err);
  }
  return { status: res.status, body };
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
