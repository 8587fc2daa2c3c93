/**
 * A real server (port 0, a real SQLite file, the test center) with the app options the ops
 * tests need: a logger, a metrics token, a kiosk limit. Requests can carry any headers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { createApp, type AppOptions, type QmsApp } from '../../server/src/app.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase, type Db } from '../../server/src/storage/db.js';
import { PASSWORD, testCenter } from '../helpers/center.js';
import { T0, type ClientSocket } from '../helpers/server.js';

export interface OpsServer {
  app: QmsApp;
  url: string;
  clock: { now: number; advance(ms: number): void };
  call(method: string, path: string, o?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  login(login: string, password?: string): Promise<string>;
  socket(token: string): ClientSocket;
  stop(): Promise<void>;
}

export async function startOps(opts: Omit<AppOptions, 'db' | 'clock'> = {}): Promise<OpsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-ops-'));
  const db: Db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
  new ConfigStore(db).write(testCenter());
  const clock = { now: T0, advance(ms: number) { this.now += ms; } };
  const app = createApp({ db, clock: () => clock.now, balanceEveryMs: 0, ...opts });
  const url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  const sockets: ClientSocket[] = [];

  const call: OpsServer['call'] = async (method, path, o = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body, headers: res.headers, text };
  };

  return {
    app,
    url,
    clock,
    call,
    async login(login, password = PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { login, password } });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.text}`);
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Emit a command and resolve with its ack. */
export function ask(s: ClientSocket, event: string, payload: unknown): Promise<any> {
  return new Promise((resolve) => (s.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, resolve));
}

/** Parse the Prometheus text format into samples. */
export function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The one sample of a metric whose labels include these; throws if none or several match. */
export function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}`);
  return found[0]!.value;
}
