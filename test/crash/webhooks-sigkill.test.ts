/**
 * Webhooks survive SIGKILL (issue 14): the real server as a child process on the demo center
 * (QMS_DURABILITY=full), a real receiver. Tickets are issued, called and completed while the
 * receiver is down, and the server is killed with every delivery still pending; restarted, it
 * is killed again while the receiver holds deliveries in flight without answering; restarted
 * once more with the receiver up, every event a client was told of arrives, each under exactly
 * one delivery id (a repeat of an id carries the same body: at least once, deduplicated by id),
 * and nothing arrives that nobody was told of.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, expect, it } from 'vitest';
import { verify } from '../../server/src/webhooks/signature.js';
import { Receiver } from '../helpers/webhook-receiver.js';
import { ServerProcess, http, killAll } from './server-process.js';

const KIOSK = 'demo-kiosk-token-change-me';
const dir = mkdtempSync(join(tmpdir(), 'qms-webhooks-crash-'));
const dbFile = join(dir, 'qms.sqlite');
let receiver: Receiver | undefined;

afterEach(async () => {
  await killAll();
  await receiver?.down();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Retries come quickly here, so that the test need not wait the 30 s of a real center. */
const start = () => ServerProcess.start(dbFile, { env: { QMS_WEBHOOK_RETRY_MS: '200' } });

async function must(srv: ServerProcess, status: number, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<any> {
  const res = await http(srv.url, method, path, opts);
  if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The outbox as the disk has it, read beside the running server (WAL readers do not block it). */
function outbox(): { status: string; attempts: number }[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT status, attempts FROM webhook_deliveries ORDER BY id').all() as { status: string; attempts: number }[];
  } finally {
    db.close();
  }
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

it('every event told to a client is delivered after two SIGKILLs, once per delivery id', { timeout: 90_000 }, async () => {
  receiver = await Receiver.reserve();
  const r = receiver;

  // Phase 1: the receiver is down; the server is killed while everything is pending.
  let srv = await start();
  const admin = (await must(srv, 200, 'POST', '/api/auth/login', { body: { login: 'admin', password: 'admin-demo' } })).token as string;
  const op1 = (await must(srv, 200, 'POST', '/api/auth/login', { body: { login: 'op1', password: 'operator-demo' } })).token as string;
  const hook = await must(srv, 201, 'POST', '/api/admin/webhooks', { token: admin, body: { url: r.url(), events: ['ticket.issued', 'ticket.called', 'ticket.completed'] } });
  /** `event ticketId` of every change a client was answered for. */
  const told: string[] = [];
  for (let i = 0; i < 6; i++) told.push(`ticket.issued ${(await must(srv, 201, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId: 'justice' } })).ticket.id}`);
  await must(srv, 200, 'POST', '/api/counters/1/claim', { token: op1, body: {} });
  for (let i = 0; i < 2; i++) {
    const called = await must(srv, 200, 'POST', '/api/counters/1/call-next', { token: op1, body: {} });
    told.push(`ticket.called ${called.ticket.id}`);
    await must(srv, 200, 'POST', '/api/counters/1/complete', { token: op1, body: {} });
    told.push(`ticket.completed ${called.ticket.id}`);
  }
  await until('a refused attempt at every delivery', () => {
    const rows = outbox();
    return rows.length === told.length && rows.every((d) => d.status === 'pending' && d.attempts >= 1);
  });
  await srv.kill();
  expect(r.received).toEqual([]);

  // Phase 2: the receiver takes deliveries and never answers; killed with them in flight.
  r.mode = 'hang';
  await r.up();
  srv = await start();
  await r.waitFor(4, 15_000);
  // Facts committed after the restart join the same outbox.
  told.push(`ticket.issued ${(await must(srv, 201, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId: 'land' } })).ticket.id}`);
  await srv.kill();
  const cutOff = r.received.length;
  expect(outbox().every((d) => d.status === 'pending')).toBe(true);

  // Phase 3: up.
  r.release();
  r.mode = 'ok';
  srv = await start();
  await until('every delivery delivered', () => {
    const rows = outbox();
    return rows.length === told.length && rows.every((d) => d.status === 'delivered');
  });
  await srv.kill();

  const bodiesById = new Map<string, Set<string>>();
  const idsByEvent = new Map<string, Set<string>>();
  for (const x of r.received) {
    const id = String(x.headers['qms-delivery']);
    expect(verify(hook.secret, x.raw, String(x.headers['qms-signature'])), `signature of delivery ${id}`).toBe(true);
    expect(x.headers['qms-event']).toBe(x.body.event);
    bodiesById.set(id, (bodiesById.get(id) ?? new Set()).add(x.raw));
    const key = `${x.body.event} ${x.body.data.ticketId}`;
    idsByEvent.set(key, (idsByEvent.get(key) ?? new Set()).add(id));
  }
  for (const [id, bodies] of bodiesById) expect(bodies.size, `delivery ${id} sent with different bodies`).toBe(1);
  expect([...idsByEvent.keys()].sort()).toEqual([...told].sort());
  for (const [event, ids] of idsByEvent) expect(ids.size, `${event} under ${[...ids].join(', ')}`).toBe(1);
  // The deliveries cut off in flight were sent again: at least once means repeats.
  expect(cutOff).toBeGreaterThanOrEqual(4);
  expect(r.received.length).toBeGreaterThan(told.length);
});
