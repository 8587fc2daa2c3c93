/**
 * A full disk or a database that turned read-only, on a running server: every write is refused
 * with a clear 503 that says what is wrong, nothing changes and nothing is broadcast, reads keep
 * working (the hall display, the queue, a ticket's page), and once the problem is fixed the queue
 * carries on where it was, without a gap in the numbers. SQLite's own errors are provoked for
 * real: `max_page_count` caps the file the way a full disk does (SQLITE_FULL), and `query_only`
 * refuses writes the way a read-only file does (SQLITE_READONLY).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fact } from '@qms/shared';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let sup: string;
let op1: string;
beforeEach(async () => {
  s = await startServer();
  sup = await s.login('super');
  op1 = await s.login('op1');
  expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
});
afterEach(async () => {
  await s.stop();
});

const issue = () => s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });

const FAULTS: [what: string, breakIt: () => void, fixIt: () => void, says: RegExp, everyWrite: boolean][] = [
  [
    'the disk is full',
    () => {
      // Pack the file, then forbid it to grow: once the last partly filled pages are used, no write fits.
      s.db.exec('VACUUM');
      s.db.pragma(`max_page_count = ${s.db.pragma('page_count', { simple: true }) as number}`);
    },
    () => void s.db.pragma('max_page_count = 1073741823'),
    /disk is full/,
    false,
  ],
  ['the database is read-only', () => void s.db.pragma('query_only = ON'), () => void s.db.pragma('query_only = OFF'), /read-only/, true],
];

describe.each(FAULTS)('when %s', (_what, breakIt, fixIt, says, everyWrite) => {
  it('writes are refused with a clear 503, nothing changes or is broadcast, reads go on; fixed, the queue carries on', async () => {
    const first = (await issue()).body.ticket;
    expect(first.number).toBe('A001');
    const tv = s.socket(DISPLAY_TOKEN);
    await next(tv, 'snapshot');
    const heard: Fact[] = [];
    tv.on('fact', (f) => heard.push(f));

    breakIt();
    // A disk fills up under load: the last free bytes take a few more tickets, then nothing fits.
    let lastGood = 1;
    for (let r = await issue(); r.status === 201; r = await issue()) {
      lastGood = r.body.ticket.seqNo;
      expect(lastGood).toBeLessThan(50);
    }
    const before = (await s.call('GET', '/api/queue', { token: sup })).body;
    // The display has heard everything up to here (the tickets that still fitted) before listening for silence.
    while (lastGood > 1 && !heard.some((f) => f.seq === before.seq)) await delay(10);
    heard.length = 0;
    for (let i = 0; i < 20; i++) {
      const r = await issue();
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('UNAVAILABLE');
      expect(r.body.error.message).toMatch(says);
      expect(r.body.error.message).toMatch(/Nothing was changed/);
    }
    const call = await s.call('POST', '/api/counters/1/call-next', { token: op1, body: {} });
    expect([call.status, call.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
    // Writes outside the queue (a new session) say so too, unless they still fit in a page.
    const login = await s.call('POST', '/api/auth/login', { body: { login: 'op2', password: PASSWORD } });
    if (login.status !== 200) {
      expect([login.status, login.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
      expect(login.body.error.message).toMatch(says);
    }
    // A read-only file refuses every write; a full disk may still find room for a small one.
    if (everyWrite) expect(login.status).toBe(503);

    // Reads: the queue, a ticket's page, a new display connecting, the operator's session.
    const during = (await s.call('GET', '/api/queue', { token: sup })).body;
    expect(during.seq).toBe(before.seq);
    expect(during.tickets).toEqual(before.tickets);
    expect((await s.call('GET', `/api/tickets/${first.id}`)).body.number).toBe('A001');
    expect((await s.call('GET', '/api/auth/me', { token: op1 })).body).toMatchObject({ login: 'op1', counterId: '1' });
    const late = s.socket(DISPLAY_TOKEN);
    expect((await next(late, 'snapshot')).seq).toBe(before.seq);
    expect((await s.call('GET', '/api/health')).status).toBe(200);
    expect(heard).toEqual([]);

    fixIt();
    expect((await issue()).body.ticket.seqNo).toBe(lastGood + 1);
    expect((await s.call('POST', '/api/counters/1/call-next', { token: op1, body: {} })).body.ticket.number).toBe('A001');
  });
});
