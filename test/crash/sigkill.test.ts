/**
 * Crash safety: the real server, as a child process on the demo center with QMS_DURABILITY=full,
 * is SIGKILLed under load and restarted on the same SQLite file and port, three times. Whatever a
 * client was told (an HTTP 2xx it received) must still be true afterwards; requests cut off by the
 * kill were never acknowledged and are not counted. A display and a supervisor screen stay
 * connected throughout and must come back to the server's picture by themselves. Then the whole
 * live state must come back after a kill.
 *
 * Seeded: QMS_CRASH_SEED=<n> repeats a run's delays and choices (the interleaving of requests
 * still varies).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CounterState, Snapshot, Ticket } from '@qms/shared';
import { WatchedHall } from './hall-client.js';
import { NetworkError, ServerProcess, http, killAll, prng, type HttpResult } from './server-process.js';

const SEED = Number(process.env.QMS_CRASH_SEED ?? 20260302);
const KIOSK = 'demo-kiosk-token-change-me';
const DISPLAY = 'demo-display-token-change-me';
const OPERATOR_PASSWORD = 'operator-demo';
const SERVICES = ['justice', 'land', 'business', 'transport', 'labour', 'construction', 'health'];
/** One counter per service (opN is trained for counter N): 1 justice, 4 land, 7 business, 9 transport, 12 labour, 14 construction, 15 health. */
const COUNTERS = [1, 4, 7, 9, 12, 14, 15];
const ISSUERS = 4;
const KILLS = 3;

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qms-crash-'));
  dirs.push(dir);
  return join(dir, 'qms.sqlite');
}

/** Hall clients of the running test, closed whatever happens. */
const halls: WatchedHall[] = [];
afterEach(async () => {
  halls.splice(0).forEach((h) => h.close());
  await killAll();
});
afterAll(async () => {
  await killAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function login(srv: ServerProcess, login: string, password: string): Promise<string> {
  const res = await http(srv.url, 'POST', '/api/auth/login', { body: { login, password } });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A request that must succeed with this status. */
async function must(srv: ServerProcess, status: number, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<any> {
  const res = await http(srv.url, method, path, opts);
  if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

interface IssuedAck {
  id: string;
  number: string;
  serviceId: string;
  seqNo: number;
  day: string;
  seq: number;
}
interface CallAck {
  ticketId: string;
  counterId: string;
  seq: number;
}

/** What clients were told, across all phases. */
class Ledger {
  issued = new Map<string, IssuedAck>();
  calls: CallAck[] = [];
  started = new Set<string>();
  completed = new Set<string>();
  claimed = new Set<number>();
  unexpected: string[] = [];
  networkErrors = 0;
  requests = 0;
}

type Stop = { now: boolean };

/** Run one request; null when it failed on the network (not acknowledged: the loop ends). */
async function attempt(ledger: Ledger, run: () => Promise<HttpResult>): Promise<HttpResult | null> {
  ledger.requests += 1;
  try {
    return await run();
  } catch (err) {
    if (err instanceof NetworkError) {
      ledger.networkErrors += 1;
      return null;
    }
    throw err;
  }
}

async function issuer(url: string, ledger: Ledger, rng: () => number, stop: Stop): Promise<void> {
  while (!stop.now) {
    const serviceId = SERVICES[Math.floor(rng() * SERVICES.length)]!;
    const res = await attempt(ledger, () => http(url, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId } }));
    if (!res) return;
    if (res.status !== 201) {
      ledger.unexpected.push(`issue ${serviceId}: ${res.status} ${JSON.stringify(res.body)}`);
      continue;
    }
    const t = res.body.ticket as Ticket;
    ledger.issued.set(t.id, { id: t.id, number: t.number, serviceId: t.issuedServiceId, seqNo: t.seqNo, day: t.day, seq: res.body.seq });
  }
}

async function operator(url: string, counter: number, token: string, ledger: Ledger, rng: () => number, stop: Stop): Promise<void> {
  const post = (action: string) => attempt(ledger, () => http(url, 'POST', `/api/counters/${counter}/${action}`, { token, body: {} }));
  const expectOk = (action: string, res: HttpResult) => {
    if (res.status !== 200) ledger.unexpected.push(`counter ${counter} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.status === 200;
  };
  // Claimed once; after a restart the session (in SQLite) still holds the counter.
  if (!ledger.claimed.has(counter)) {
    const res = await post('claim');
    if (!res) return;
    if (expectOk('claim', res)) ledger.claimed.add(counter);
  }
  while (!stop.now) {
    const res = await post('call-next');
    if (!res) return;
    const code = res.body?.error?.code as string | undefined;
    if (res.status === 200) {
      ledger.calls.push({ ticketId: res.body.ticket.id, counterId: String(counter), seq: res.body.seq });
      if (rng() < 0.5) {
        const started = await post('start');
        if (!started) return;
        if (expectOk('start', started)) ledger.started.add(res.body.ticket.id);
      }
      const done = await post('complete');
      if (!done) return;
      if (expectOk('complete', done)) ledger.completed.add(res.body.ticket.id);
    } else if (code === 'COUNTER_BUSY') {
      // A ticket called before the kill whose reply was lost: finish it.
      const done = await post('complete');
      if (!done) return;
      if (expectOk('complete', done) && done.body.ticket) ledger.completed.add(done.body.ticket.id);
    } else if (code === 'QUEUE_EMPTY') {
      await delay(5); // pacing only: wait for the issuers to catch up
    } else {
      ledger.unexpected.push(`counter ${counter} call-next: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

/** Load the server, SIGKILL it after `killAfterMs` with requests in flight, and wait for every loop. */
async function loadThenKill(srv: ServerProcess, tokens: Map<number, string>, ledger: Ledger, rng: () => number, killAfterMs: number): Promise<void> {
  const stop: Stop = { now: false };
  const guard = (p: Promise<void>) => p.catch((err: unknown) => void ledger.unexpected.push(`loop failed: ${String(err)}`));
  const loops = [
    ...Array.from({ length: ISSUERS }, () => guard(issuer(srv.url, ledger, rng, stop))),
    ...COUNTERS.map((n) => guard(operator(srv.url, n, tokens.get(n)!, ledger, rng, stop))),
  ];
  await delay(killAfterMs);
  await srv.kill();
  stop.now = true;
  await Promise.all(loops);
}

/** Run `fn` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('SIGKILL under load', () => {
  it(`keeps every acknowledged ticket and call through ${KILLS} kills (seed ${SEED})`, async () => {
    const started = Date.now();
    const rng = prng(SEED);
    const dbFile = tempDb();
    const ledger = new Ledger();
    let srv = await ServerProcess.start(dbFile);

    const supervisor = await login(srv, 'supervisor', 'supervisor-demo');
    const tokens = new Map<number, string>();
    for (const n of COUNTERS) tokens.set(n, await login(srv, `op${n}`, OPERATOR_PASSWORD));
    // Restarts come back on the same address, as a service manager would bring them back.
    const port = new URL(srv.url).port;
    const watched = [DISPLAY, supervisor];
    halls.push(...watched.map((token) => new WatchedHall(srv.url, token)));
    for (const hall of halls) await hall.reach(0);
    const open = (t: Pick<Ticket, 'status'>) => ['waiting', 'called', 'serving'].includes(t.status);
    const brief = (ts: Pick<Ticket, 'id' | 'number' | 'status' | 'counterId'>[]) => byId(ts.filter(open)).map((t) => [t.number, t.status, t.counterId]);

    const phases: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const killAfterMs = 300 + Math.floor(rng() * 500);
      const before = { issued: ledger.issued.size, calls: ledger.calls.length, lost: ledger.networkErrors };
      await loadThenKill(srv, tokens, ledger, rng, killAfterMs);
      expect(srv.alive).toBe(false);
      phases.push(
        `kill ${k + 1} after ${killAfterMs} ms: +${ledger.issued.size - before.issued} tickets, +${ledger.calls.length - before.calls} calls acknowledged, ${ledger.networkErrors - before.lost} requests cut off`,
      );
      srv = await ServerProcess.start(dbFile, { env: { PORT: port } });
      // The connected clients notice the crash and catch up by themselves: same tickets, same counters.
      // Each against what its audience is given (a display: calls and counters, no waiting queue).
      for (const [i, hall] of halls.entries()) {
        const now = (await must(srv, 200, 'GET', '/api/queue', { token: watched[i]! })) as Snapshot;
        const seen = await hall.reach(now.seq);
        expect(hall.drops, hall.statuses.join(' → ')).toBe(k + 1);
        expect(seen.seq).toBe(now.seq);
        expect(brief(Object.values(seen.tickets))).toEqual(brief(now.tickets));
        expect(byId(Object.values(seen.counters))).toEqual(byId(now.counters));
      }
    }
    expect(ledger.unexpected, ledger.unexpected.slice(0, 10).join('\n')).toEqual([]);
    // The load did happen, and the kills did cut requests off.
    expect(ledger.issued.size).toBeGreaterThan(20);
    expect(ledger.calls.length).toBeGreaterThan(5);
    expect(ledger.networkErrors).toBeGreaterThan(0);

    // Sessions survived: each operator still holds its counter with the same token.
    for (const n of COUNTERS) {
      const me = await must(srv, 200, 'GET', '/api/auth/me', { token: tokens.get(n)! });
      expect(me, `op${n}`).toMatchObject({ kind: 'staff', login: `op${n}`, counterId: String(n) });
    }

    // Every acknowledged ticket exists with the number it was given; acknowledged calls and
    // completions still hold.
    const snapshot = (await must(srv, 200, 'GET', '/api/queue', { token: supervisor })) as Snapshot;

    const called = new Set(ledger.calls.map((c) => c.ticketId));
    const problems: string[] = [];
    await pool([...ledger.issued.values()], 16, async (ack) => {
      const res = await http(srv.url, 'GET', `/api/tickets/${ack.id}`);
      if (res.status !== 200) return void problems.push(`ticket ${ack.number} (${ack.id}): ${res.status} ${JSON.stringify(res.body)}`);
      if (res.body.number !== ack.number) problems.push(`ticket ${ack.id} was ${ack.number}, now ${res.body.number}`);
      if (called.has(ack.id) && res.body.status === 'waiting') problems.push(`ticket ${ack.number} was called (acknowledged) but is waiting`);
      if (ledger.completed.has(ack.id) && res.body.status !== 'done') problems.push(`ticket ${ack.number} was completed (acknowledged) but is ${res.body.status}`);
    });
    expect(problems, problems.slice(0, 10).join('\n')).toEqual([]);

    // The next ticket continues each service's numbering.
    const next = await must(srv, 201, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId: 'justice' } });

    // And the file itself, read-only, beside the running server.
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare<[], { id: string; day: string; issued_service_id: string; seq_no: number; status: string; json: string }>(
          "SELECT id, day, issued_service_id, seq_no, status, json FROM tickets WHERE center_id = 'demo'",
        )
        .all()
        .map((r) => ({ ...r, ticket: JSON.parse(r.json) as Ticket }));
      const tickets = new Map(rows.map((r) => [r.id, r]));
      for (const ack of ledger.issued.values()) {
        const row = tickets.get(ack.id);
        expect(row, `acknowledged ticket ${ack.number}`).toBeDefined();
        expect([row!.day, row!.issued_service_id, row!.seq_no, row!.ticket.number]).toEqual([ack.day, ack.serviceId, ack.seqNo, ack.number]);
      }

      // Numbers: one per service per day, 1..n with no gap and no duplicate.
      const perService = new Map<string, number[]>();
      const numbers = new Map<string, string>();
      for (const r of rows) {
        const key = `${r.day} ${r.issued_service_id}`;
        perService.set(key, [...(perService.get(key) ?? []), r.seq_no]);
        const numberKey = `${r.day} ${r.ticket.number}`;
        expect(numbers.get(numberKey), `number ${numberKey} used twice`).toBeUndefined();
        numbers.set(numberKey, r.id);
      }
      for (const [key, seqNos] of perService) {
        seqNos.sort((a, b) => a - b);
        expect(seqNos, key).toEqual(Array.from({ length: seqNos.length }, (_, i) => i + 1));
      }
      const justice = perService.get(`${next.ticket.day} justice`)!;
      expect(next.ticket.seqNo).toBe(justice.at(-1));

      // The event log: seq 1..N without a gap; acknowledged seqs are the facts the client was told.
      const seq = db.prepare<[], { seq: number }>("SELECT seq FROM centers WHERE id = 'demo'").get()!.seq;
      const events = db.prepare<[], { seq: number; type: string; json: string }>("SELECT seq, type, json FROM events WHERE center_id = 'demo' ORDER BY seq").all();
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
      expect(snapshot.seq).toBe(seq - 1); // before the one issued just above
      const factAt = (s: number) => {
        const e = events[s - 1]!;
        return { type: e.type, ...(JSON.parse(e.json) as { ticket?: Ticket; counter?: CounterState | null }) };
      };
      for (const ack of ledger.issued.values()) {
        const f = factAt(ack.seq);
        expect([f.type, f.ticket?.id], `issue of ${ack.number} at seq ${ack.seq}`).toEqual(['ticket:issued', ack.id]);
      }
      for (const call of ledger.calls) {
        const f = factAt(call.seq);
        expect([f.type, f.ticket?.id, f.counter?.id], `call at seq ${call.seq}`).toEqual(['ticket:called', call.ticketId, call.counterId]);
        expect(tickets.get(call.ticketId)!.status, `called ticket ${call.ticketId}`).not.toBe('waiting');
      }

      // No ticket held by two counters; every called/serving ticket held by exactly its counter.
      const counters = db
        .prepare<[], { json: string }>("SELECT json FROM counter_state WHERE center_id = 'demo'")
        .all()
        .map((r) => JSON.parse(r.json) as CounterState);
      const held = counters.filter((c) => c.currentTicketId !== null).map((c) => c.currentTicketId);
      expect(new Set(held).size, 'a ticket held by two counters').toBe(held.length);
      for (const c of counters) {
        if (!c.currentTicketId) continue;
        const t = tickets.get(c.currentTicketId);
        expect([t?.status === 'called' || t?.status === 'serving', t?.ticket.counterId], `counter ${c.id}`).toEqual([true, c.id]);
      }
      for (const r of rows) {
        if (r.status !== 'called' && r.status !== 'serving') continue;
        const holders = counters.filter((c) => c.currentTicketId === r.id).map((c) => c.id);
        expect(holders, `ticket ${r.ticket.number} (${r.status})`).toEqual([r.ticket.counterId]);
      }

      // What the restarted server holds in memory is what the file holds.
      const persisted = new Map(counters.map((c) => [c.id, c]));
      for (const c of snapshot.counters) if (persisted.has(c.id)) expect(c, `counter ${c.id}`).toEqual(persisted.get(c.id));
      const open = rows.filter((r) => ['waiting', 'called', 'serving'].includes(r.status) && r.id !== next.ticket.id).map((r) => r.ticket);
      expect(byId(snapshot.tickets.filter((t) => ['waiting', 'called', 'serving'].includes(t.status)))).toEqual(byId(open));
    } finally {
      db.close();
    }

    console.log(
      [
        `seed ${SEED}: ${ledger.issued.size} tickets, ${ledger.calls.length} calls, ${ledger.completed.size} completions acknowledged; ${ledger.requests} requests, ${ledger.networkErrors} cut off; ${Date.now() - started} ms`,
        ...phases,
      ].join('\n  '),
    );
  }, 60_000);

  it('brings back waiting, called and serving tickets, a paused counter and changed services after a SIGKILL', async () => {
    const dbFile = tempDb();
    let srv = await ServerProcess.start(dbFile);
    const supervisor = await login(srv, 'supervisor', 'supervisor-demo');
    const op = new Map<number, string>();
    for (const n of [1, 4, 9]) op.set(n, await login(srv, `op${n}`, OPERATOR_PASSWORD));

    const issued: Record<string, Ticket> = {};
    for (const serviceId of ['justice', 'justice', 'land', 'justice', 'land', 'transport']) {
      const res = await must(srv, 201, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId } });
      issued[res.ticket.number] = res.ticket;
    }
    expect(Object.keys(issued).sort()).toEqual(['A001', 'A002', 'A003', 'B001', 'B002', 'D001']);

    await must(srv, 200, 'POST', '/api/counters/1/claim', { token: op.get(1)!, body: {} });
    const call1 = await must(srv, 200, 'POST', '/api/counters/1/call-next', { token: op.get(1)!, body: {} });
    expect(call1.ticket).toMatchObject({ number: 'A001', status: 'called', counterId: '1' });

    await must(srv, 200, 'POST', '/api/counters/4/claim', { token: op.get(4)!, body: {} });
    await must(srv, 200, 'POST', '/api/counters/4/call-next', { token: op.get(4)!, body: {} });
    const serving = await must(srv, 200, 'POST', '/api/counters/4/start', { token: op.get(4)!, body: {} });
    expect(serving.ticket).toMatchObject({ number: 'B001', status: 'serving', counterId: '4' });

    await must(srv, 200, 'POST', '/api/counters/9/claim', { token: op.get(9)!, body: {} });
    const paused = await must(srv, 200, 'POST', '/api/counters/9/pause', { token: op.get(9)!, body: { reason: 'Lunch break' } });
    expect(paused.counter).toMatchObject({ status: 'paused', pauseReason: 'Lunch break', staffLogin: 'op9' });

    const services = [
      { serviceId: 'justice', role: 'primary' },
      { serviceId: 'business', role: 'secondary' },
    ];
    await must(srv, 200, 'PUT', '/api/counters/2/services', { token: supervisor, body: { services, reason: 'help business' } });

    const before = (await must(srv, 200, 'GET', '/api/queue', { token: supervisor })) as Snapshot;
    await srv.kill();
    srv = await ServerProcess.start(dbFile);
    const after = (await must(srv, 200, 'GET', '/api/queue', { token: supervisor })) as Snapshot;

    expect(after.seq).toBe(before.seq);
    expect(byId(after.counters)).toEqual(byId(before.counters));
    expect(byId(after.tickets)).toEqual(byId(before.tickets));
    expect(after.etas).toEqual(before.etas);
    const counter = (id: string) => after.counters.find((c) => c.id === id);
    const ticket = (number: string) => after.tickets.find((t) => t.number === number);
    expect(counter('1')).toMatchObject({ status: 'open', staffLogin: 'op1', currentTicketId: issued.A001!.id });
    expect(counter('4')).toMatchObject({ status: 'open', staffLogin: 'op4', currentTicketId: issued.B001!.id });
    expect(counter('9')).toMatchObject({ status: 'paused', staffLogin: 'op9', pauseReason: 'Lunch break', currentTicketId: null });
    expect(counter('2')).toMatchObject({ status: 'closed', services });
    expect(ticket('A001')).toMatchObject({ status: 'called', counterId: '1' });
    expect(ticket('B001')).toMatchObject({ status: 'serving', counterId: '4' });
    expect(['A002', 'A003', 'B002', 'D001'].map((n) => ticket(n)?.status)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);

    // The sessions (tokens in SQLite) carry on where they were.
    for (const n of [1, 4, 9]) {
      expect(await must(srv, 200, 'GET', '/api/auth/me', { token: op.get(n)! })).toMatchObject({ login: `op${n}`, counterId: String(n) });
    }
    expect((await must(srv, 200, 'POST', '/api/counters/1/start', { token: op.get(1)!, body: {} })).ticket).toMatchObject({ number: 'A001', status: 'serving' });
    expect((await must(srv, 200, 'POST', '/api/counters/4/complete', { token: op.get(4)!, body: {} })).ticket).toMatchObject({ number: 'B001', status: 'done' });
    expect((await must(srv, 200, 'POST', '/api/counters/9/resume', { token: op.get(9)!, body: {} })).counter).toMatchObject({ status: 'open', pauseReason: null });
    expect((await must(srv, 201, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId: 'justice' } })).ticket.number).toBe('A004');
    expect((await must(srv, 200, 'POST', '/api/counters/9/call-next', { token: op.get(9)!, body: {} })).ticket.number).toBe('D001');
  }, 30_000);
});
