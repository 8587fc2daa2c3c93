/**
 * Out of file descriptors is an overload, not a failed disk (issue 10, section 6). A security
 * probe exhausted the descriptors with idle connections; the next WAL fsync failed with EMFILE
 * and the server exited as if the disk had lost data. Nothing was wrong with the disk: the
 * server must refuse new work with a 503 while descriptors are short, keep serving, retry the
 * fsync by itself, and lose nothing.
 */
import { fsync as realFsync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact } from '@qms/shared';
import type { Fsync } from '../../server/src/storage/group-sync.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';
import { ask } from '../realtime/recorder.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const EMFILE = () => Object.assign(new Error('EMFILE: too many open files, fsync'), { code: 'EMFILE', errno: -24, syscall: 'fsync' });
const issue = (server: TestServer, body: object = { serviceId: 'passport' }) => server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body });
const tickets = (server: TestServer) => (server.db.prepare("SELECT json_extract(json, '$.number') AS number FROM tickets ORDER BY seq_no").all() as { number: string }[]).map((t) => t.number);

describe('an fsync that fails for want of descriptors', () => {
  it('is not a disk failure: the waiting request gets a 503, new work is refused, and once descriptors are back nothing is lost', async () => {
    const failures: Error[] = [];
    let short = false;
    let realSyncs = 0;
    const fsync: Fsync = (fd, done) => {
      if (short) return void setImmediate(() => done(EMFILE()));
      realFsync(fd, (err) => {
        realSyncs += 1;
        done(err);
      });
    };
    const server = await startServer({ durability: 'full', app: { fsync, onDiskFailure: (err) => failures.push(err) } });
    s = server;
    const op1 = await server.login('op1');
    const tv = server.socket(DISPLAY_TOKEN);
    const kiosk = server.socket(KIOSK_TOKEN);
    await Promise.all([next(tv, 'snapshot'), next(kiosk, 'snapshot')]);
    const facts: Fact[] = [];
    tv.on('fact', (f) => facts.push(f));
    expect((await issue(server)).status).toBe(201);

    short = true;
    // Committed to SQLite, but its fsync cannot be made: the kiosk is told it is not confirmed.
    const waiting = await issue(server, { serviceId: 'passport', clientRef: 'kiosk-retry-0001' });
    expect(waiting.status).toBe(503);
    expect(waiting.body.error.code).toBe('UNAVAILABLE');
    expect(waiting.body.error.message).toMatch(/too many connections/);
    expect(failures).toEqual([]);

    // New work is refused before it runs, with a message a person can act on.
    const refused = await issue(server);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toEqual({ code: 'UNAVAILABLE', message: expect.stringMatching(/Nothing was changed.*try again/i) });
    const claim = await server.call('POST', '/api/counters/1/claim', { token: op1 });
    expect([claim.status, claim.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
    // Over Socket.IO the same: commands are refused, and so is a new connection (its snapshot could not be confirmed).
    expect(await ask(kiosk, 'ticket:issue', { serviceId: 'passport' })).toEqual({ ok: false, error: refused.body.error });
    const late = server.socket(DISPLAY_TOKEN);
    const lateRefusal = await new Promise<Error & { data?: { code?: string } }>((resolve) => late.once('connect_error', resolve));
    expect([lateRefusal.data?.code, lateRefusal.message]).toEqual(['UNAVAILABLE', refused.body.error.message]);
    expect(tickets(server)).toEqual(['A001', 'A002']);
    expect(failures).toEqual([]);

    // Descriptors are back: the server retries the fsync by itself and carries on.
    const before = realSyncs;
    short = false;
    const until = Date.now() + 5000;
    while (realSyncs === before && Date.now() < until) await delay(20);
    expect(realSyncs).toBeGreaterThan(before);
    const after = await issue(server);
    expect(after.status).toBe(201);
    expect(after.body.ticket.number).toBe('A003');
    // The kiosk that was not answered retries its request: it gets the ticket that was issued.
    const retried = await issue(server, { serviceId: 'passport', clientRef: 'kiosk-retry-0001' });
    expect([retried.status, retried.body.ticket.number]).toEqual([201, 'A002']);
    expect(tickets(server)).toEqual(['A001', 'A002', 'A003']);
    expect(failures).toEqual([]);
    // Monitoring sees it: fsyncs put off, none failed.
    const metrics = (await server.call('GET', '/metrics')).text;
    expect(Number(/^qms_storage_fsyncs_deferred_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^qms_storage_fsync_failures_total 0$/m);
    // The hall catches up: the display has every ticket (by the facts, or a resync after a gap).
    const queue = await server.call('GET', '/api/queue', { token: op1 });
    expect(queue.body.tickets.map((t: { number: string }) => t.number)).toEqual(['A001', 'A002', 'A003']);
    expect(facts.at(-1)?.seq).toBe(after.body.seq);
  });

  it('a spike shorter than the retry window is not even noticed by the waiting request', async () => {
    let fails = 0;
    const fsync: Fsync = (fd, done) => (fails > 0 ? ((fails -= 1), void setImmediate(() => done(EMFILE()))) : realFsync(fd, done));
    const failures: Error[] = [];
    s = await startServer({ durability: 'full', app: { fsync, onDiskFailure: (err) => failures.push(err) } });
    fails = 2;
    const reply = await issue(s);
    expect([reply.status, reply.body.ticket?.number]).toEqual([201, 'A001']);
    expect(fails).toBe(0);
    expect(failures).toEqual([]);
  });

  it('an fsync the disk refuses (EIO) still stops the server', async () => {
    const failures: Error[] = [];
    let refuse = false;
    const fsync: Fsync = (fd, done) => (refuse ? void setImmediate(() => done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }))) : realFsync(fd, done));
    s = await startServer({ durability: 'full', app: { fsync, onDiskFailure: (err) => failures.push(err) } });
    refuse = true;
    expect((await issue(s)).status).toBe(503);
    expect(failures).toHaveLength(1);
  });
});
