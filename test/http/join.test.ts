/**
 * Joining the queue from outside over REST (issue 14, docs/SPEC.md V1–V6) against the real server
 * and a real SQLite file: the join page's list, a remote ticket and V1's limits, the three ways of
 * arriving (V2), the hold and the no-show (V4, V5), and bad input that changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CenterConfigInput } from '@qms/shared';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

const MIN = 60_000;

function joinable(edit?: (cfg: CenterConfigInput) => void): CenterConfigInput {
  const cfg = testCenter();
  cfg.services[0]!.remote = { enabled: true, maxShare: 1 };
  edit?.(cfg);
  return cfg;
}

let server: TestServer;
afterEach(async () => {
  await server?.stop();
});

const device = (n = 1) => `phone-${String(n).padStart(12, '0')}`;
const join = (body: Record<string, unknown> = {}) => server.call('POST', '/api/join/c1', { body: { serviceId: 'passport', language: 'en', deviceId: device(), ...body } });
const tickets = () => (server.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;

describe('the join page (V1)', () => {
  it('V1: lists only the services joinable from outside, open or not and why; a remote ticket waits with its code, not yet arrived, in the remote channel', async () => {
    server = await startServer({ config: joinable() });
    const page = await server.call('GET', '/api/join/c1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: 'c1', askPhone: 'off', graceMin: 10 });
    expect(page.body.services).toEqual([expect.objectContaining({ id: 'passport', open: true, reason: null, waiting: 0 })]);

    const joined = await join();
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ number: 'A001', status: 'waiting', language: 'en', remote: { arrived: false, heldAt: null, graceUntil: null } });
    expect(joined.body.remote.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(joined.body.statusUrl).toBe(`/kiosk/t/${joined.body.id}?lang=en`);
    const channel = server.db.prepare('SELECT channel FROM report_tickets WHERE id = ?').get(joined.body.id) as { channel: string };
    expect(channel.channel).toBe('remote');
    // Its own page says the same.
    const status = await server.call('GET', `/api/tickets/${joined.body.id}`);
    expect(status.body.remote).toEqual(joined.body.remote);
  });

  it('V1: a service not joinable from outside, a closed one and an unknown one are refused with what to do, and nothing is issued', async () => {
    server = await startServer({ config: joinable((cfg) => (cfg.services[1]!.hours = { mon: [{ from: '18:00', to: '19:00' }] })) });
    const off = await join({ serviceId: 'property' });
    expect(off.status).toBe(409);
    expect(off.body.error).toMatchObject({ code: 'REMOTE_CLOSED' });
    expect(off.body.error.message).toMatch(/kiosk/);
    expect((await join({ serviceId: 'nope' })).body.error.code).toBe('UNKNOWN_SERVICE');
    expect(tickets()).toBe(0);
  });

  it('V1: per phone a day (REMOTE_LIMIT, 429, saying what to do instead); another phone may still join', async () => {
    server = await startServer({ config: joinable((cfg) => (cfg.center.remote = { perDevicePerDay: 2 })) });
    expect((await join()).status).toBe(201);
    expect((await join()).status).toBe(201);
    const third = await join();
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'REMOTE_LIMIT' });
    expect(third.body.error.message).toMatch(/kiosk/);
    expect((await join({ deviceId: device(2) })).status).toBe(201);
    expect(tickets()).toBe(3);
  });

  it('V1: per phone number a day when the center asks for one; a required number missing is a 400; the number is never logged and erased once its day is over', async () => {
    const lines: string[] = [];
    const { pino } = await import('pino');
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    server = await startServer({ config: joinable((cfg) => (cfg.center.remote = { askPhone: 'required', perPhonePerDay: 1 })), app: { log } });
    expect((await join()).status).toBe(400);
    expect((await join({ phone: '+7 900 123-45-67' })).status).toBe(201);
    const again = await join({ phone: '+79001234567', deviceId: device(3) });
    expect(again.body.error).toMatchObject({ code: 'REMOTE_LIMIT' });
    // The number as typed and as its digits (a short run of digits could turn up in a timing or an id).
    for (const secret of ['123-45-67', '79001234567', '+7 900']) expect(lines.join('\n')).not.toContain(secret);
    server.clock.advance(24 * 60 * MIN);
    server.app.remote.sweepAll();
    expect(server.db.prepare('SELECT count(*) AS n FROM remote_joins WHERE phone IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('V1: a per-address limit in ten minutes', async () => {
    server = await startServer({ config: joinable((cfg) => (cfg.center.remote = { perDevicePerDay: 50 })), app: { joinPer10Min: 2 } });
    expect((await join()).status).toBe(201);
    expect((await join()).status).toBe(201);
    const third = await join();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
  });

  it('bad bodies are 400 with what is wrong, and issue nothing', async () => {
    server = await startServer({ config: joinable() });
    for (const body of [{ deviceId: 'short' }, { serviceId: '' }, { language: 'fr' }, { phone: 'call me' }, { extra: 1 }]) {
      const res = await join(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
    expect(tickets()).toBe(0);
  });
});

describe('arriving (V2) and being held (V4, V5)', () => {
  it('V2: the kiosk checks a remote ticket in by its code on the booking entry; a second time changes nothing', async () => {
    server = await startServer({ config: joinable() });
    const joined = await join();
    const code = joined.body.remote.code as string;
    const res = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: `${code.slice(0, 4)}-${code.slice(4).toLowerCase()}` } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ appointment: null, arrived: true, ticket: { id: joined.body.id, remote: { arrivedAt: server.clock.now } }, eta: { position: 1 } });
    const again = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code } });
    expect(again.body.ticket.remote.arrivedAt).toBe(res.body.ticket.remote.arrivedAt);
    const facts = server.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'ticket:arrived'").get();
    expect(facts).toEqual({ n: 1 });
  });

  it('V2: the hall poster\'s code from the phone checks in; any other code is WRONG_HALL_CODE and changes nothing; a supervisor reads the posters\' addresses', async () => {
    server = await startServer({ config: joinable() });
    const joined = await join();
    const supervisor = await server.login('super');
    const posters = await server.call('GET', '/api/admin/remote/posters', { token: supervisor });
    expect(posters.status).toBe(200);
    expect(posters.body.hallUrl).toBe(`/join/here?center=c1&h=${posters.body.hallCode}`);
    expect((await server.call('GET', '/api/admin/remote/posters', { token: await server.login('op1') })).status).toBe(403);

    const wrong = await server.call('POST', `/api/tickets/${joined.body.id}/arrive`, { body: { hallCode: 'NOTTHECODE' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('WRONG_HALL_CODE');
    expect((await server.call('GET', `/api/tickets/${joined.body.id}`)).body.remote.arrived).toBe(false);
    const right = await server.call('POST', `/api/tickets/${joined.body.id}/arrive`, { body: { hallCode: posters.body.hallCode.toLowerCase() } });
    expect(right.status).toBe(200);
    expect(right.body.remote.arrived).toBe(true);
    expect((await server.call('POST', '/api/tickets/nope/arrive', { body: { hallCode: posters.body.hallCode } })).status).toBe(404);
  });

  it('V3, V4, V5: passed over while away and held, with the grace on the phone page; staff may confirm arrival; without it, a no-show after the grace', async () => {
    server = await startServer({ config: joinable((cfg) => (cfg.center.remote = { graceMin: 10 })) });
    const op = await server.login('op1');
    const away = await join();
    const late = await join({ deviceId: device(2) });
    server.clock.advance(MIN);
    const walkIn = await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    await server.call('POST', '/api/counters/1/claim', { token: op });
    const called = await server.call('POST', '/api/counters/1/call-next', { token: op });
    expect(called.body.ticket.id).toBe(walkIn.body.ticket.id);
    const held = (await server.call('GET', `/api/tickets/${away.body.id}`)).body;
    expect(held.remote).toMatchObject({ arrived: false, heldAt: server.clock.now, graceUntil: server.clock.now + 10 * MIN });
    expect(held.eta.position).toBe(1);

    // Staff see the second visitor at the desk.
    const supervisor = await server.login('super');
    expect((await server.call('POST', `/api/tickets/${late.body.id}/check-in`, { token: supervisor })).status).toBe(200);
    expect((await server.call('POST', `/api/tickets/${late.body.id}/check-in`)).status).toBe(401);

    server.clock.advance(10 * MIN);
    server.app.remote.sweepAll();
    const ended = (await server.call('GET', `/api/tickets/${away.body.id}`)).body;
    expect(ended.status).toBe('no_show');
    const reason = server.db.prepare("SELECT json FROM events WHERE type = 'ticket:no-show'").get() as { json: string };
    expect(JSON.parse(reason.json)).toMatchObject({ reason: 'not-arrived' });
    // The one who came is next.
    await server.call('POST', '/api/counters/1/complete', { token: op });
    expect((await server.call('POST', '/api/counters/1/call-next', { token: op })).body.ticket.id).toBe(late.body.id);
  });
});
