/**
 * A kiosk issues at most N tickets in any minute, over HTTP and Socket.IO together. A refused
 * request changes nothing and broadcasts nothing; replays of an issued request, staff and other
 * kiosks are not held back. The clock is the server's controllable one: no test waits a minute.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fact } from '@qms/shared';
import { readEnv } from '../../server/src/env.js';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { next } from '../helpers/server.js';
import { ask, startOps, type OpsServer } from './harness.js';

const PER_MIN = 3;
let s: OpsServer;
beforeEach(async () => {
  s = await startOps({ kioskIssuePerMin: PER_MIN });
});
afterEach(async () => {
  await s.stop();
});

const issue = (body: object, token = KIOSK_TOKEN) => s.call('POST', '/api/tickets', { token, body });

describe('kiosk issue limit', () => {
  it('refuses the 4th ticket in a minute on either transport, changing and broadcasting nothing', async () => {
    // A staff screen: it receives every fact whole.
    const display = s.socket(await s.login('super'));
    const seq0 = (await next(display, 'snapshot')).seq;
    const facts: Fact[] = [];
    display.on('fact', (f) => facts.push(f));
    const kiosk = s.socket(KIOSK_TOKEN);
    await next(kiosk, 'snapshot');

    const first = await issue({ serviceId: 'passport', clientRef: 'visitor-request-0001' });
    expect(first.status).toBe(201);
    expect((await issue({ serviceId: 'property' })).status).toBe(201);
    s.clock.advance(20_000);
    expect((await ask(kiosk, 'ticket:issue', { serviceId: 'benefits' })).ok).toBe(true);

    s.clock.advance(10_000);
    const refused = await issue({ serviceId: 'passport' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.error).toEqual({ code: 'RATE_LIMITED', message: `This kiosk has issued ${PER_MIN} tickets in the last minute, the most allowed; try again in 30 s.` });
    expect(await ask(kiosk, 'ticket:issue', { serviceId: 'passport' })).toEqual({ ok: false, error: refused.body.error });

    // A retry of a request that was issued (its answer lost) still gets its ticket.
    const replay = await issue({ serviceId: 'passport', clientRef: 'visitor-request-0001' });
    expect(replay.status).toBe(201);
    expect(replay.body.ticket.id).toBe(first.body.ticket.id);

    // Staff checking in a booked visitor, and another kiosk, are not held back by this one.
    const supervisor = await s.login('super');
    expect((await issue({ serviceId: 'passport', lane: 'booked' }, supervisor)).status).toBe(201);
    const admin = await s.login('admin');
    const { body: added } = await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'kiosk-2', kind: 'kiosk', name: 'Second kiosk' } });
    const { body: paired } = await s.call('POST', '/api/devices/pair', { body: { code: added.pairing.code } });
    expect((await issue({ serviceId: 'property' }, paired.token)).status).toBe(201);

    const queue = await s.call('GET', '/api/queue', { token: supervisor });
    expect(queue.body.tickets.map((t: { number: string }) => t.number).sort()).toEqual(['A001', 'A002', 'B001', 'B002', 'C001']);
    // Adding the device was a configuration change: it has a fact of its own. Nothing else came
    // between the tickets, and the refused requests left no gap in the sequence.
    await waitUntil(() => facts.length >= 6);
    expect(facts.map((f) => f.type)).toEqual(['ticket:issued', 'ticket:issued', 'ticket:issued', 'ticket:issued', 'config:changed', 'ticket:issued']);
    expect(facts.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6].map((n) => seq0 + n));
  });

  it('slides: each ticket frees its place a minute after it was issued', async () => {
    for (let i = 0; i < PER_MIN; i++) {
      expect((await issue({ serviceId: 'passport' })).status).toBe(201);
      s.clock.advance(20_000);
    }
    // Now T0+60 s: the first ticket (T0) has just left the window, the others have not.
    expect((await issue({ serviceId: 'passport' })).status).toBe(201);
    const refused = await issue({ serviceId: 'passport' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/try again in 20 s\.$/);
    s.clock.advance(20_000);
    expect((await issue({ serviceId: 'passport' })).status).toBe(201);
  });

  it('counts only tickets issued: refusals for other reasons cost nothing', async () => {
    for (let i = 0; i < 2 * PER_MIN; i++) expect((await issue({ serviceId: 'no-such-service' })).status).toBe(404);
    for (let i = 0; i < PER_MIN; i++) expect((await issue({ serviceId: 'passport' })).status).toBe(201);
  });
});

describe('QMS_KIOSK_ISSUE_PER_MIN', () => {
  it('defaults to 20 a minute, 0 turns the limit off, anything else is refused at start', () => {
    expect(readEnv({}).QMS_KIOSK_ISSUE_PER_MIN).toBe(20);
    expect(readEnv({ QMS_KIOSK_ISSUE_PER_MIN: '0' }).QMS_KIOSK_ISSUE_PER_MIN).toBe(0);
    expect(readEnv({ QMS_KIOSK_ISSUE_PER_MIN: '6' }).QMS_KIOSK_ISSUE_PER_MIN).toBe(6);
    for (const bad of ['', 'twenty', '-1', '2.5']) {
      expect(() => readEnv({ QMS_KIOSK_ISSUE_PER_MIN: bad })).toThrow('QMS_KIOSK_ISSUE_PER_MIN: expected a whole number of tickets per minute (0 = no limit)');
    }
  });

  it('with the limit off a kiosk is never refused', async () => {
    const open = await startOps({ kioskIssuePerMin: 0 });
    try {
      for (let i = 0; i < 25; i++) expect((await open.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } })).status).toBe(201);
    } finally {
      await open.stop();
    }
  });
});

/** Wait for socket events already on their way (no fixed sleep: a bounded poll on each tick). */
async function waitUntil(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
