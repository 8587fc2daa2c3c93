/**
 * Out of file descriptors is an overload, not a failed disk (issue 10, section 6). A security
 * probe exhausted the descriptors with idle connections; the next WAL fsync failed with EMFILE
 * and the server exited as if the disk had lost data. Nothing was wrong with the disk: the
 * server must refuse new work with a 503 while descriptors are short, keep serving, retry the
 * fsync by itself, and lose nothing.
 */
import { fsync as realFsync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact } from '@qms/shared';
import { errorHandler } from '../../server/src/http/errors.js';
import type { Fsync } from '../../server/src/storage/group-sync.js';
import { ROOT } from '../crash/server-process.js';
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

describe('a request that meets the shortage on its way', () => {
  /** The error handler's answer to `err`, as a client would read it. */
  function answer(err: unknown): { status: number; body: any; headers: Record<string, string> } {
    const out = { status: 0, body: undefined as any, headers: {} as Record<string, string> };
    const res = {
      headersSent: false,
      setHeader: (k: string, v: string) => void (out.headers[k.toLowerCase()] = v),
      status(code: number) {
        out.status = code;
        return this;
      },
      json: (body: unknown) => void (out.body = body),
    };
    errorHandler({ error: () => {} })(err, {} as never, res as never, () => {});
    return out;
  }

  it('is told the server is overloaded (503), not that its request was malformed with a file path', () => {
    // body-parser wraps any failure while reading a body into a 400 carrying the original error.
    const emfile = Object.assign(new Error("EMFILE: too many open files, open '/opt/qms/node_modules/iconv-lite/encodings/index.js'"), { code: 'EMFILE', status: 400, expose: true });
    const reply = answer(emfile);
    expect([reply.status, reply.body.error.code, reply.headers['retry-after']]).toEqual([503, 'UNAVAILABLE', '5']);
    expect(reply.body.error.message).toMatch(/too many connections.*Nothing was changed/);
    // Any other such failure is a plain 400: the client never reads a server path.
    const other = answer(Object.assign(new Error("ENOENT: no such file, open '/opt/qms/x'"), { code: 'ENOENT', status: 400, expose: true }));
    expect([other.status, other.body.error.message]).toEqual([400, 'The request is malformed.']);
    // body-parser's own refusals keep their words.
    expect(answer(Object.assign(new Error('unsupported charset "KOI8-R"'), { status: 415, expose: true, type: 'charset.unsupported' })).body.error.message).toBe('unsupported charset "KOI8-R"');
  });

  it('needs no file to read its body: the decoding tables are loaded when the app is made', () => {
    // A fresh process: this one has read bodies already. The app is made, no request is sent.
    const script = [
      "import { createRequire } from 'node:module';",
      "import { createApp } from './server/src/app.ts';",
      "import { openDatabase } from './server/src/storage/db.ts';",
      "createApp({ db: openDatabase(':memory:', 'normal') });",
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      "console.log(cache.some((p) => /iconv-lite[\\\\/]encodings[\\\\/]index\\.js$/.test(p)) ? 'loaded' : 'not loaded');",
      'process.exit(0);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('loaded');
  });
});
