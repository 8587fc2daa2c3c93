/**
 * The hall the security tests run against, recorded once and copied for every server that needs a
 * fresh one: logging five people in costs scrypt time, copying a SQLite file does not. Sessions
 * live in the database, so the copied tokens work on the copy.
 *
 * In the hall: op2 holds counter 1 with A002 called (A001 was a no-show, reactivatable), op1 holds
 * counter 2 with A003 called, B001 and C001 wait; op3 (passport only) is logged in but holds no
 * counter; the supervisor and the admin hold none.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { startServer, type ClientSocket, type TestServer } from '../helpers/server.js';
import { Recorder, ask } from '../realtime/recorder.js';

export interface Hall {
  dir: string;
  tokens: { kiosk: string; display: string; op1: string; op2: string; op3: string; super: string; admin: string };
  tickets: { noShow: string; calledAt1: string; calledAt2: string; waiting: string; waitingBenefits: string };
  /** An admin's webhook (never sent to: tests tick no dispatcher) and one of its deliveries, failed. */
  webhook: { id: string; failedDelivery: number };
}

export function hallConfig() {
  const cfg = testCenter();
  cfg.staff = [...(cfg.staff ?? []), { login: 'op3', name: 'Operator 3', role: 'operator', password: PASSWORD, services: ['passport'] }];
  return cfg;
}

/** Record the hall in a directory of its own; `dropHall` removes it. */
export async function recordHall(): Promise<Hall> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-security-hall-'));
  const s = await startServer({ dir, config: hallConfig() });
  try {
    const [op1, op2, op3, sup, admin] = [await s.login('op1'), await s.login('op2'), await s.login('op3'), await s.login('super'), await s.login('admin')];
    const ok = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await s.call(method, path, { token, body });
      if (res.status >= 300) throw new Error(`hall setup: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const issue = async (serviceId: string) => (await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId })).ticket.id as string;
    const [a1, a2, a3, b1, c1] = [await issue('passport'), await issue('passport'), await issue('passport'), await issue('property'), await issue('benefits')];
    await ok('POST', '/api/counters/1/claim', op2, {});
    await ok('POST', '/api/counters/1/call-next', op2, {});
    await ok('POST', '/api/counters/1/no-show', op2, {});
    await ok('POST', '/api/counters/1/call-next', op2, {});
    await ok('POST', '/api/counters/2/claim', op1, {});
    await ok('POST', '/api/counters/2/call-next', op1, {});
    const hook = (await ok('POST', '/api/admin/webhooks', admin, { url: 'http://127.0.0.1:9/hall', events: ['ticket.called'] })).id as string;
    const failed = (await ok('POST', `/api/admin/webhooks/${hook}/test`, admin)).id as number;
    s.db.prepare(`UPDATE webhook_deliveries SET status = 'failed', attempts = 10, next_at = NULL, last_error = 'ECONNREFUSED' WHERE id = ?`).run(failed);
    return {
      dir,
      tokens: { kiosk: KIOSK_TOKEN, display: DISPLAY_TOKEN, op1, op2, op3, super: sup, admin },
      tickets: { noShow: a1, calledAt1: a2, calledAt2: a3, waiting: b1, waitingBenefits: c1 },
      webhook: { id: hook, failedDelivery: failed },
    };
  } finally {
    await s.stop();
  }
}

/** Every id that names something in the hall: hostile ids are drawn from outside this set. */
export function hallIds(hall: Hall): Set<string> {
  return new Set(['c1', 'passport', 'property', 'benefits', 'disability', '1', '2', '3', '4', 'admin', 'super', 'op1', 'op2', 'op3', 'kiosk', 'tv', ...Object.values(hall.tickets), hall.webhook.id, String(hall.webhook.failedDelivery)]);
}

export function dropHall(hall: Hall): void {
  rmSync(hall.dir, { recursive: true, force: true });
}

/** A server on a private copy of the recorded hall; stopping it removes the copy. */
export async function openHall(hall: Hall): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-security-'));
  cpSync(hall.dir, dir, { recursive: true });
  const s = await startServer({ dir });
  const stop = s.stop.bind(s);
  s.stop = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return s;
}

/** Columns that change on a mere read (sliding sessions, a device's last contact): not state. */
const VOLATILE = new Set(['expires_at', 'last_seen_at']);
const TABLES = ['centers', 'services', 'priority_categories', 'counters', 'staff', 'devices', 'sessions', 'counter_state', 'tickets', 'events', 'appointments', 'push_subscriptions', 'ratings', 'remote_joins', 'webhooks', 'webhook_deliveries', 'webhook_cursors'];

/**
 * Everything a request could change, part by part: every table (less the read-touched columns),
 * the runtime's sequence number, snapshot and open proposals, and the shape of Object.prototype
 * (the server runs in this process, so a polluted prototype would show here).
 */
export function fingerprint(s: TestServer, centerId = 'c1'): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const t of TABLES) {
    const rows = s.db.prepare(`SELECT * FROM ${t} WHERE ${t === 'centers' ? 'id' : 'center_id'} = ? ORDER BY rowid`).all(centerId);
    parts[`table ${t}`] = JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row as object).filter(([k]) => !VOLATILE.has(k)))));
  }
  const rt = s.app.deps.hub.get(centerId);
  parts.seq = String(rt.seq);
  parts.snapshot = JSON.stringify(rt.snapshot());
  parts.proposals = JSON.stringify(rt.balancer.list());
  parts['Object.prototype'] = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  return parts;
}

/** Fails naming the parts that changed and the events appended, rather than printing the hall twice. */
export function expectUnchanged(s: TestServer, before: Record<string, string>, what: string, centerId = 'c1'): void {
  const now = fingerprint(s, centerId);
  const changed = Object.keys(before).filter((k) => before[k] !== now[k]);
  if (changed.length === 0) return;
  const events = s.db.prepare('SELECT seq, type, actor FROM events WHERE center_id = ? AND seq > ? ORDER BY seq').all(centerId, Number(before.seq));
  expect.fail(`${what} changed ${changed.join(', ')}; events appended: ${JSON.stringify(events)}`);
}

/**
 * Every ticket-like and counter-like object in a payload, found by the key that holds it (a body
 * that is a bare array is read as `rootKey`): what the audience tests check field by field.
 */
export function hallParts(payload: unknown, rootKey = ''): { tickets: object[]; counters: object[] } {
  const out = { tickets: [] as object[], counters: [] as object[] };
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (!v || typeof v !== 'object') return;
    if (key === 'ticket' || key === 'tickets') out.tickets.push(v);
    else if (key === 'counter' || key === 'counters') out.counters.push(v);
    else for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(payload, rootKey);
  return out;
}

/** A hall display watching for broadcasts. */
export class Observer {
  private constructor(
    readonly socket: ClientSocket,
    readonly rec: Recorder,
    private mark: number,
  ) {}

  static async connect(s: TestServer, token = DISPLAY_TOKEN): Promise<Observer> {
    const socket = s.socket(token);
    const rec = new Recorder(socket);
    const { index } = await rec.next('snapshot', 0);
    return new Observer(socket, rec, index + 1);
  }

  /** Take in whatever was broadcast so far (an allowed request's facts), so the next check starts after it. */
  async settle(): Promise<void> {
    const res = await ask(this.socket, 'sync:since', { seq: 0 });
    expect(res.ok, 'observer round trip').toBe(true);
    // The waiting counts follow a hall's last facts up to 100 ms later (socket.ts LOADS_EVERY_MS):
    // wait for the ones that follow what was heard, so they are not taken for a later broadcast.
    const facts = this.rec.facts();
    const lastFact = facts.length ? Math.max(...facts.map((f) => f.seq)) : -1;
    const loaded = (e: { event: string; payload: any }) => e.event === 'queue:loads' && e.payload.seq >= lastFact;
    if (lastFact >= 0 && !this.rec.events.some(loaded)) await this.rec.waitFor(loaded);
    this.mark = this.rec.mark;
  }

  /**
   * Assert that nothing was broadcast since the last check or settle. A broadcast is emitted synchronously
   * with the commit, before any later ack on the same connection, so once this round trip is
   * acked every earlier broadcast has arrived.
   */
  async expectSilence(what: string): Promise<void> {
    const res = await ask(this.socket, 'sync:since', { seq: 0 });
    expect(res.ok, `observer round trip after ${what}`).toBe(true);
    const heard = this.rec.events.slice(this.mark);
    expect(heard.map((e) => `${e.event} ${e.payload?.type ?? ''}`), `broadcast after ${what}`).toEqual([]);
    this.mark = this.rec.mark;
  }
}
