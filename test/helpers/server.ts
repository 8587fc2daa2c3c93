/**
 * Start a real server (real SQLite file, real HTTP and Socket.IO on port 0) and clean up after.
 * The clock is controllable so that tests of time rules do not sleep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@qms/shared';
import { createApp, type AppOptions, type QmsApp } from '../../server/src/app.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase, type Db, type Durability } from '../../server/src/storage/db.js';
import { PASSWORD, testCenter } from './center.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: QmsApp;
  db: Db;
  url: string;
  dir: string;
  clock: { now: number; advance(ms: number): void };
  /** fetch against the server with an optional bearer token; returns status, parsed JSON (null if not JSON), headers and text. */
  call(
    method: string,
    path: string,
    opts?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  login(login: string, password?: string): Promise<string>;
  socket(token: string): ClientSocket;
  stop(): Promise<void>;
}

/** 2026-03-02 10:00 Moscow time, a Monday. */
export const T0 = Date.UTC(2026, 2, 2, 7, 0, 0);

/**
 * `rootDir`: serve the built UIs from there (browser tests). `dir` + `port`: restart a server on
 * the same database and address (a restart test), leaving the directory in place.
 */
export async function startServer(
  opts: {
    config?: ReturnType<typeof testCenter>;
    dir?: string;
    rootDir?: string;
    port?: number;
    app?: Omit<AppOptions, 'db' | 'clock'>;
    /** `full` as in production (an fsync before every answer); tests default to `normal`, which skips it. */
    durability?: Durability;
  } = {},
): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'qms-test-'));
  const db = openDatabase(join(dir, 'qms.sqlite'), opts.durability ?? 'normal');
  const configs = new ConfigStore(db);
  if (configs.centerIds().length === 0) configs.write(opts.config ?? testCenter());
  const clock = { now: T0, advance(ms: number) { this.now += ms; } };
  const app = createApp({ db, clock: () => clock.now, balanceEveryMs: 0, summariseEveryMs: 0, appointmentSweepMs: 0, webhookTickMs: 0, remoteSweepMs: 0, ...(opts.rootDir ? { rootDir: opts.rootDir } : {}), ...opts.app });
  const port = await app.listen(opts.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const sockets: ClientSocket[] = [];

  const call: TestServer['call'] = async (method, path, o = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (the metrics text, a page): `text` has it.
    }
    // Headers and text ride along unenumerated, so `toEqual({ status, body })` still compares exactly.
    return Object.defineProperties({ status: res.status, body }, { headers: { value: res.headers }, text: { value: text } }) as {
      status: number;
      body: any;
      headers: Headers;
      text: string;
    };
  };

  return {
    app,
    db,
    url,
    dir,
    clock,
    call,
    async login(login, password = PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { login, password } });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    socket(token) {
      const s: ClientSocket = connect(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      return s;
    },
    async stop() {
      sockets.forEach((s) => s.disconnect());
      await app.close();
      db.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wait for the next event of a name on a socket (never sleep). */
export function next<E extends keyof ServerToClientEvents>(s: ClientSocket, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    s.once(event as any, ((payload: any) => {
      clearTimeout(timer);
      resolve(payload);
    }) as any);
  });
}
