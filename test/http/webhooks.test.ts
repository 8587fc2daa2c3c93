/**
 * Webhooks (issue 14, docs/webhooks.md) against a real local HTTP receiver: down (connection
 * refused), slow (answers after the timeout), failing, then up. Time is the test server's clock:
 * `tick()` sends what is due at that time, so the backoff schedule is read off the delivery log.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS, type DeliveryView } from '@qms/shared';
import { verify } from '../../server/src/webhooks/signature.js';
import { KEEP_MS } from '../../server/src/webhooks/dispatcher.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { Receiver } from '../helpers/webhook-receiver.js';

const SEC = 1_000;
const servers: TestServer[] = [];
const receivers: Receiver[] = [];
/** Directories of servers restarted on the same database, removed at the end. */
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.down()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Stop a server as a restart does: its database file stays for the next one. */
async function halt(s: TestServer): Promise<string> {
  await s.app.close();
  s.db.close();
  dirs.push(s.dir);
  return s.dir;
}

async function setup(app: Parameters<typeof startServer>[0] = {}) {
  // A time limit a loaded CI machine's local answers keep well within, and a slow receiver well past.
  const s = await startServer({ ...app, app: { webhookTimeoutMs: 1_500, ...app.app } });
  servers.push(s);
  const admin = await s.login('admin');
  return { s, admin };
}

async function receiver(up = true): Promise<Receiver> {
  const r = up ? await Receiver.start() : await Receiver.reserve();
  receivers.push(r);
  return r;
}

async function createHook(s: TestServer, token: string, body: object): Promise<{ id: string; secret: string }> {
  const res = await s.call('POST', '/api/admin/webhooks', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function issue(s: TestServer, serviceId = 'passport', token = KIOSK_TOKEN): Promise<{ id: string; number: string }> {
  const res = await s.call('POST', '/api/tickets', { token, body: { serviceId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

async function log(s: TestServer, token: string, hookId: string, query = ''): Promise<DeliveryView[]> {
  const res = await s.call('GET', `/api/admin/webhooks/${hookId}/deliveries${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The delivery's next try minus now, in seconds. */
const waitSec = (s: TestServer, d: DeliveryView) => (d.nextAt! - s.clock.now) / SEC;

describe('delivery to a receiver that is down, slow, then up', () => {
  it('retries with backoff (30 s, 60 s, 120 s …, up to 10 % later), then delivers one signed body; a delivery is never in flight twice', async () => {
    const { s, admin } = await setup();
    const r = await receiver(false);
    const hook = await createHook(s, admin, { url: r.url(), events: ['ticket.issued', 'ticket.called'], description: 'CRM' });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const ticket = await issue(s);
    const tick = () => s.app.webhooks.dispatcher.tick();

    // Down: refused.
    await tick();
    let [d] = await log(s, admin, hook.id);
    expect(d).toMatchObject({ event: 'ticket.issued', status: 'pending', attempts: 1, lastStatus: null, deliveredAt: null });
    expect(d!.lastError).toMatch(/ECONNREFUSED/);
    expect(waitSec(s, d!)).toBeGreaterThanOrEqual(30);
    expect(waitSec(s, d!)).toBeLessThanOrEqual(33);
    // Not due yet: nothing is tried.
    s.clock.advance(29 * SEC);
    await tick();
    expect((await log(s, admin, hook.id))[0]!.attempts).toBe(1);
    s.clock.now = d!.nextAt!;
    await tick();
    [d] = await log(s, admin, hook.id);
    expect(d!.attempts).toBe(2);
    expect(waitSec(s, d!)).toBeGreaterThanOrEqual(60);
    expect(waitSec(s, d!)).toBeLessThanOrEqual(66);

    // Slow: it arrives, but the answer comes after the time limit (1.5 s here).
    await r.up();
    r.mode = 'slow';
    r.slowMs = 4_000;
    s.clock.now = d!.nextAt!;
    await tick();
    [d] = await log(s, admin, hook.id);
    expect(r.received).toHaveLength(1);
    expect(d).toMatchObject({ status: 'pending', attempts: 3, lastStatus: null, lastError: 'no answer within 1.5 s' });
    expect(waitSec(s, d!)).toBeGreaterThanOrEqual(120);
    expect(waitSec(s, d!)).toBeLessThanOrEqual(132);

    // Up.
    r.mode = 'ok';
    s.clock.now = d!.nextAt!;
    const sentAt = s.clock.now;
    await tick();
    [d] = await log(s, admin, hook.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 4, lastStatus: 200, lastError: null, nextAt: null, deliveredAt: sentAt });
    expect(r.received).toHaveLength(2);
    // Nothing more once delivered.
    s.clock.advance(3_600 * SEC);
    await tick();
    expect(r.received).toHaveLength(2);

    const [slow, got] = r.received as [(typeof r.received)[0], (typeof r.received)[0]];
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('qms-webhooks/1');
    expect(got.headers['qms-event']).toBe('ticket.issued');
    expect(got.headers['qms-delivery']).toBe(String(d!.id));
    // A retry is the same delivery: the same id and the same body.
    expect(slow.headers['qms-delivery']).toBe(String(d!.id));
    expect(slow.raw).toBe(got.raw);
    const signature = String(got.headers['qms-signature']);
    expect(signature).toMatch(new RegExp(`^t=${Math.floor(sentAt / SEC)},v1=[0-9a-f]{64}$`));
    expect(verify(hook.secret, got.raw, signature)).toBe(true);
    expect(verify(hook.secret, got.raw.replace('A001', 'A002'), signature)).toBe(false);
    expect(verify('whsec_another', got.raw, signature)).toBe(false);

    const seq = s.app.deps.hub.get('c1').seq;
    expect(got.body).toEqual({
      id: `evt_c1_${seq}`,
      event: 'ticket.issued',
      centerId: 'c1',
      at: expect.any(Number),
      data: {
        ticketId: ticket.id,
        number: 'A001',
        serviceId: 'passport',
        lane: 'normal',
        categoryId: null,
        status: 'waiting',
        counterId: null,
        counterNumber: null,
        operator: null,
        language: null,
        channel: 'kiosk',
        issuedAt: expect.any(Number),
        calledAt: null,
        finishedAt: null,
        appointmentAt: null,
        waitedMin: null,
      },
    });
  });

  it('a call carries the counter, its operator and the wait; no-show and transfer their own fields', async () => {
    const { s, admin } = await setup();
    const r = await receiver();
    await createHook(s, admin, { url: r.url(), events: ['ticket.called', 'ticket.transferred', 'ticket.no-show', 'ticket.completed'] });
    const op1 = await s.login('op1');
    await issue(s);
    await issue(s);
    s.clock.advance(7 * 60 * SEC);
    await s.call('POST', '/api/counters/2/claim', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/call-next', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/no-show', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/call-next', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/transfer', { token: op1, body: { toServiceId: 'property' } });
    await s.app.webhooks.dispatcher.tick();
    await s.app.webhooks.dispatcher.tick();
    const events = r.received.map((x) => x.body).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    expect(events.map((e) => `${e.event} ${e.data.number}`)).toEqual(['ticket.called A001', 'ticket.no-show A001', 'ticket.called A002', 'ticket.transferred A002']);
    expect(events[0].data).toMatchObject({ status: 'called', counterId: '2', counterNumber: '2', operator: 'op1', waitedMin: 7, calledAt: s.clock.now });
    expect(events[1].data).toMatchObject({ status: 'no_show', reason: 'marked', finishedAt: s.clock.now });
    expect(events[3].data).toMatchObject({ status: 'waiting', serviceId: 'property', fromServiceId: 'passport', fromCounterId: '2', toServiceId: 'property', toCounterId: null });
    // Staff never appear beyond the login.
    for (const e of events) expect(JSON.stringify(e)).not.toMatch(/password|passwordHash|sessionHash|Operator 1/);
  });

  it('gives up as failed after 10 attempts, the waits capped at an hour; an admin retry sends it again now', async () => {
    const { s } = await setup();
    let { admin } = { admin: await s.login('admin') };
    const r = await receiver();
    r.mode = 'error';
    const hook = await createHook(s, admin, { url: r.url(), events: ['ticket.issued'] });
    await issue(s);
    const waits: number[] = [];
    for (let i = 1; i <= 10; i++) {
      await s.app.webhooks.dispatcher.tick();
      const [d] = await log(s, admin, hook.id);
      expect(d!.attempts).toBe(i);
      expect(d!.lastStatus).toBe(500);
      expect(d!.lastError).toBe('HTTP 500 Internal Server Error');
      if (i === 10) {
        expect(d).toMatchObject({ status: 'failed', nextAt: null });
        break;
      }
      waits.push(waitSec(s, d!));
      s.clock.now = d!.nextAt!;
    }
    const base = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600];
    waits.forEach((w, i) => {
      expect(w, `wait after attempt ${i + 1}`).toBeGreaterThanOrEqual(base[i]!);
      expect(w, `wait after attempt ${i + 1}`).toBeLessThanOrEqual(base[i]! * 1.1);
    });
    expect(r.received).toHaveLength(10);
    s.clock.advance(24 * 3_600 * SEC);
    await s.app.webhooks.dispatcher.tick();
    expect(r.received).toHaveLength(10);
    // A day on, the session is over too.
    admin = await s.login('admin');
    expect(await log(s, admin, hook.id, '?status=failed')).toHaveLength(1);
    expect(await log(s, admin, hook.id, '?status=pending')).toHaveLength(0);

    r.mode = 'ok';
    const [failed] = await log(s, admin, hook.id);
    const retry = await s.call('POST', `/api/admin/webhooks/deliveries/${failed!.id}/retry`, { token: admin });
    expect(retry.body).toMatchObject({ id: failed!.id, status: 'pending', attempts: 0, nextAt: s.clock.now });
    expect((await s.call('POST', `/api/admin/webhooks/deliveries/${failed!.id}/retry`, { token: admin })).body.error.code).toBe('CONFLICT');
    await s.app.webhooks.dispatcher.tick();
    expect((await log(s, admin, hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(r.received.at(-1)!.headers['qms-delivery']).toBe(String(failed!.id));
    expect((await s.call('POST', `/api/admin/webhooks/deliveries/${failed!.id}/retry`, { token: admin })).status).toBe(409);
    expect((await s.call('POST', '/api/admin/webhooks/deliveries/999999/retry', { token: admin })).status).toBe(404);
    expect((await s.call('POST', '/api/admin/webhooks/deliveries/abc/retry', { token: admin })).status).toBe(404);
  });

  it('at most 4 in flight at once, each delivery once; stopping the server aborts them, and the next start sends them again under the same id', async () => {
    const r = await receiver();
    r.mode = 'hang';
    const first = await startServer({ app: { webhookTimeoutMs: 60_000 } });
    const admin = await first.login('admin');
    const hook = await createHook(first, admin, { url: r.url(), events: ['ticket.issued'] });
    for (let i = 0; i < 6; i++) await issue(first);
    const ticking = [first.app.webhooks.dispatcher.tick(), first.app.webhooks.dispatcher.tick(), first.app.webhooks.dispatcher.tick()];
    await r.waitFor(4);
    expect(first.app.webhooks.dispatcher.busy).toBe(4);
    await first.app.webhooks.dispatcher.tick();
    expect(r.maxOpen).toBe(4);
    expect(new Set(r.received.map((x) => x.headers['qms-delivery'])).size).toBe(4);
    // Stopping does not wait for the receiver: the four are aborted and stay pending, untried.
    const closing = halt(first);
    await Promise.all(ticking);
    const dir = await closing;
    const second = await startServer({ dir, app: { webhookTimeoutMs: 60_000 } });
    servers.push(second);
    const admin2 = await second.login('admin');
    const pending = await log(second, admin2, hook.id);
    expect(pending.map((d) => [d.status, d.attempts])).toEqual(Array.from({ length: 6 }, () => ['pending', 0]));
    r.release();
    r.mode = 'ok';
    await second.app.webhooks.dispatcher.tick();
    await second.app.webhooks.dispatcher.tick();
    expect((await log(second, admin2, hook.id)).every((d) => d.status === 'delivered')).toBe(true);
    // At least once: the four cut off arrive again under their ids; every delivery id carries one body.
    const byId = new Map<string, Set<string>>();
    for (const x of r.received) byId.set(String(x.headers['qms-delivery']), (byId.get(String(x.headers['qms-delivery'])) ?? new Set()).add(x.raw));
    expect(byId.size).toBe(6);
    for (const bodies of byId.values()) expect(bodies.size).toBe(1);
    expect(new Set(r.received.map((x) => x.body.id)).size).toBe(6);
  });
});

describe('what is sent to whom', () => {
  it('a disabled webhook gets nothing; disabling one gives up what it had pending, which cannot be retried until it is enabled', async () => {
    const { s, admin } = await setup();
    const r = await receiver();
    const off = await createHook(s, admin, { url: r.url('/off'), events: ['ticket.issued'], enabled: false });
    const on = await createHook(s, admin, { url: r.url('/on'), events: ['ticket.issued'] });
    await issue(s);
    await s.app.webhooks.dispatcher.tick();
    expect(await log(s, admin, off.id)).toEqual([]);
    expect(r.received.map((x) => x.path)).toEqual(['/on']);

    r.mode = 'error';
    await issue(s);
    await s.app.webhooks.dispatcher.tick();
    const put = await s.call('PUT', `/api/admin/webhooks/${on.id}`, { token: admin, body: { url: r.url('/on'), events: ['ticket.issued'], enabled: false } });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('secret');
    const [given] = await log(s, admin, on.id);
    expect(given).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the webhook was disabled before this was delivered' });
    const refused = await s.call('POST', `/api/admin/webhooks/deliveries/${given!.id}/retry`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/enable it/);
    expect((await s.call('POST', `/api/admin/webhooks/${on.id}/test`, { token: admin })).status).toBe(409);
    await issue(s);
    s.clock.advance(3_600 * SEC);
    await s.app.webhooks.dispatcher.tick();
    expect(r.received).toHaveLength(2);
    expect(await log(s, admin, on.id)).toHaveLength(2);
  });

  it('each webhook hears only the events it chose; include-phone adds a booking\'s phone to its own bodies only', async () => {
    const cfg = testCenter();
    cfg.services![0]!.appointments = { enabled: true, bookableShare: 0.5 };
    const { s, admin } = await setup({ config: cfg });
    const r = await receiver();
    await createHook(s, admin, { url: r.url('/sms'), events: ['appointment.booked', 'appointment.cancelled'], includePhone: true });
    await createHook(s, admin, { url: r.url('/crm'), events: ['appointment.booked', 'ticket.issued'] });
    const at = Date.UTC(2026, 2, 2, 9, 0);
    const booked = await s.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at, phone: '+7 900 123-45-67', language: 'en' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    await s.call('POST', `/api/appointments/c1/${booked.body.code}/cancel`, {});
    await issue(s);
    await s.app.webhooks.dispatcher.tick();
    await s.app.webhooks.dispatcher.tick();
    const got = (path: string) => r.received.filter((x) => x.path === path).map((x) => x.body).sort((a, b) => a.at - b.at);
    expect(got('/sms').map((b) => b.event)).toEqual(['appointment.booked', 'appointment.cancelled']);
    expect(got('/crm').map((b) => b.event).sort()).toEqual(['appointment.booked', 'ticket.issued']);
    expect(got('/sms')[0].data).toMatchObject({ code: booked.body.code, serviceId: 'passport', at, status: 'booked', language: 'en', phone: '+7 900 123-45-67' });
    expect(got('/sms')[1].data).toMatchObject({ code: booked.body.code, status: 'cancelled' });
    expect(got('/sms')[1].data).not.toHaveProperty('phone');
    const crmBooked = got('/crm').find((b) => b.event === 'appointment.booked');
    expect(crmBooked.data.code).toBe(booked.body.code);
    expect(JSON.stringify(got('/crm'))).not.toMatch(/123-45-67/);
    // The same event reaches both under one id, each in its own delivery.
    expect(crmBooked.id).toBe(got('/sms')[0].id);
    // Delivered, the outbox keeps no phone number (the log is kept 30 days).
    expect(JSON.stringify(s.db.prepare('SELECT body FROM webhook_deliveries').all())).not.toMatch(/123-45-67/);
  });

  it("a remote ticket says so (channel, arrived); its visitor's phone goes to the include-phone webhook alone; staff confirming arrival is ticket.arrived", async () => {
    const cfg = testCenter();
    cfg.services![0]!.remote = { enabled: true, maxShare: 1 };
    cfg.center.remote = { askPhone: 'optional' };
    const { s, admin } = await setup({ config: cfg });
    const r = await receiver();
    const sms = await createHook(s, admin, { url: r.url('/sms'), events: ['ticket.issued', 'ticket.arrived'], includePhone: true });
    await createHook(s, admin, { url: r.url('/crm'), events: ['ticket.issued', 'ticket.arrived'] });
    const joined = await s.call('POST', '/api/join/c1', { body: { serviceId: 'passport', language: 'en', deviceId: 'phone-000000000001', phone: '+7 900 765-43-21' } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const walkIn = await issue(s);
    const confirmed = await s.call('POST', `/api/tickets/${joined.body.id}/check-in`, { token: await s.login('super') });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await s.app.webhooks.dispatcher.tick();
    await s.app.webhooks.dispatcher.tick();
    const got = (path: string, event: string, ticketId: string) => r.received.find((x) => x.path === path && x.body.event === event && x.body.data.ticketId === ticketId)?.body.data;
    expect(got('/sms', 'ticket.issued', joined.body.id)).toMatchObject({ channel: 'remote', remote: { arrived: false }, language: 'en', phone: '+7 900 765-43-21' });
    expect(got('/crm', 'ticket.issued', joined.body.id)).toMatchObject({ channel: 'remote', remote: { arrived: false } });
    expect(got('/crm', 'ticket.issued', joined.body.id)).not.toHaveProperty('phone');
    expect(got('/sms', 'ticket.arrived', joined.body.id)).toMatchObject({ via: 'staff', remote: { arrived: true }, phone: '+7 900 765-43-21' });
    // A kiosk ticket has no phone and no remote part, for either.
    expect(got('/sms', 'ticket.issued', walkIn.id)).toMatchObject({ channel: 'kiosk' });
    expect(got('/sms', 'ticket.issued', walkIn.id)).not.toHaveProperty('phone');
    expect(got('/sms', 'ticket.issued', walkIn.id)).not.toHaveProperty('remote');
    // The number is read from the join when sent, never written to the outbox; once the join's day
    // is over and the number erased, a retry goes without it.
    expect(JSON.stringify(s.db.prepare('SELECT body FROM webhook_deliveries').all())).not.toMatch(/765-43-21/);
    s.db.prepare('UPDATE remote_joins SET phone = NULL').run();
    const [arrival] = await log(s, admin, sms.id, '?limit=1');
    s.db.prepare(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = ?`).run(arrival!.id);
    await s.call('POST', `/api/admin/webhooks/deliveries/${arrival!.id}/retry`, { token: admin });
    await s.app.webhooks.dispatcher.tick();
    const resent = r.received.filter((x) => x.headers['qms-delivery'] === String(arrival!.id));
    expect(resent).toHaveLength(2);
    expect(resent[0]!.body.data.phone).toBe('+7 900 765-43-21');
    expect(resent[1]!.body.data).not.toHaveProperty('phone');
  });

  it('a booking checked in at the kiosk is appointment.checked-in with its ticket, then the ticket.issued of a booked-lane ticket', async () => {
    const cfg = testCenter();
    cfg.services![0]!.appointments = { enabled: true, bookableShare: 0.5 };
    const { s, admin } = await setup({ config: cfg });
    const r = await receiver();
    await createHook(s, admin, { url: r.url(), events: ['appointment.checked-in', 'ticket.issued'] });
    const at = Date.UTC(2026, 2, 2, 7, 20);
    const booked = await s.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const checkedIn = await s.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: booked.body.code } });
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(201);
    // A second scan returns the same ticket and tells nobody again.
    expect((await s.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: booked.body.code } })).body.ticket.id).toBe(checkedIn.body.ticket.id);
    await s.app.webhooks.dispatcher.tick();
    const bodies = r.received.map((x) => x.body);
    expect(bodies.map((b) => b.event).sort()).toEqual(['appointment.checked-in', 'ticket.issued']);
    expect(bodies.find((b) => b.event === 'appointment.checked-in').data).toMatchObject({ code: booked.body.code, status: 'checked-in', ticketId: checkedIn.body.ticket.id, number: checkedIn.body.ticket.number, at });
    expect(bodies.find((b) => b.event === 'ticket.issued').data).toMatchObject({ ticketId: checkedIn.body.ticket.id, lane: 'booked', appointmentAt: at, channel: 'kiosk' });
  });

  it('a visitor rating the visit on the phone is rating.given, with the ticket and the scores, not the comment', async () => {
    const { s, admin } = await setup();
    const r = await receiver();
    await createHook(s, admin, { url: r.url(), events: ['rating.given'] });
    const op1 = await s.login('op1');
    const ticket = await issue(s);
    await s.call('POST', '/api/counters/2/claim', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/call-next', { token: op1, body: {} });
    await s.call('POST', '/api/counters/2/complete', { token: op1, body: {} });
    const rated = await s.call('POST', `/api/tickets/${ticket.id}/rating`, { body: { scores: { overall: 5, courtesy: 4 }, comment: 'Спасибо, Анна!' } });
    expect(rated.status, JSON.stringify(rated.body)).toBeLessThan(300);
    await s.app.webhooks.dispatcher.tick();
    expect(r.received.map((x) => x.body.event)).toEqual(['rating.given']);
    expect(r.received[0]!.body.data).toMatchObject({ ticketId: ticket.id, number: 'A001', serviceId: 'passport', operator: 'op1', scores: { overall: 5, courtesy: 4 }, hasComment: true });
    expect(r.received[0]!.raw).not.toContain('Анна');
  });

  it("center A's webhooks never carry center B's facts, and B's admin cannot see, change or retry A's", async () => {
    const { s, admin } = await setup();
    s.app.deps.configs.write(testCenter('c2'));
    s.app.deps.hub.add('c2');
    const admin2 = (await s.call('POST', '/api/auth/login', { body: { login: 'admin', password: PASSWORD, centerId: 'c2' } })).body.token as string;
    const r = await receiver();
    const a = await createHook(s, admin, { url: r.url('/a'), events: [...WEBHOOK_EVENTS] });
    const b = await createHook(s, admin2, { url: r.url('/b'), events: ['ticket.issued'] });
    const mine = [await issue(s), await issue(s, 'property')];
    const theirs = [await issue(s, 'passport', `${KIOSK_TOKEN}-c2`)];
    await s.app.webhooks.dispatcher.tick();
    const at = (path: string) => r.received.filter((x) => x.path === path).map((x) => x.body);
    expect(at('/a').map((x) => x.centerId)).toEqual(['c1', 'c1']);
    expect(at('/a').map((x) => x.data.ticketId).sort()).toEqual(mine.map((t) => t.id).sort());
    expect(at('/b').map((x) => [x.centerId, x.data.ticketId])).toEqual([['c2', theirs[0]!.id]]);

    expect((await s.call('GET', '/api/admin/webhooks', { token: admin2 })).body.map((h: { id: string }) => h.id)).toEqual([b.id]);
    const [delivery] = await log(s, admin, a.id);
    const attempts: [string, string, unknown][] = [
      ['GET', `/api/admin/webhooks/${a.id}/deliveries`, undefined],
      ['PUT', `/api/admin/webhooks/${a.id}`, { url: r.url('/stolen'), events: ['ticket.issued'] }],
      ['DELETE', `/api/admin/webhooks/${a.id}`, undefined],
      ['POST', `/api/admin/webhooks/${a.id}/rotate-secret`, undefined],
      ['POST', `/api/admin/webhooks/${a.id}/test`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await s.call(method, path, { token: admin2, body });
      expect({ status: res.status, code: res.body.error?.code }, `${method} ${path}`).toEqual({ status: 404, code: 'UNKNOWN_WEBHOOK' });
    }
    expect((await s.call('POST', `/api/admin/webhooks/deliveries/${delivery!.id}/retry`, { token: admin2 })).status).toBe(404);
    expect((await s.call('GET', '/api/admin/webhooks', { token: admin })).body[0]).toMatchObject({ id: a.id, url: r.url('/a') });
  });
});

describe('the admin API', () => {
  it('refuses a bad URL, no events or an unknown event with a message that says so, storing nothing', async () => {
    const { s, admin } = await setup();
    const cases: [object, RegExp][] = [
      [{ url: 'ftp://example.org/hook', events: ['ticket.issued'] }, /body\.url: expected an http:\/\/ or https:\/\/ address/],
      [{ url: 'not a url', events: ['ticket.issued'] }, /body\.url/],
      [{ url: 'https://example.org/hook', events: [] }, /body\.events: choose at least one event/],
      [{ url: 'https://example.org/hook', events: ['ticket.exploded'] }, /body\.events\[0\]: .*expected one of "ticket\.issued"/],
      [{ url: 'https://example.org/hook', events: ['webhook.test'] }, /body\.events\[0\]/],
      [{ url: 'https://example.org/hook' }, /body\.events/],
      [{ url: 'https://example.org/hook', events: ['ticket.issued'], secret: 'mine' }, /secret/],
    ];
    for (const [body, message] of cases) {
      const res = await s.call('POST', '/api/admin/webhooks', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await s.call('GET', '/api/admin/webhooks', { token: admin })).body).toEqual([]);
    expect(s.db.prepare('SELECT count(*) AS n FROM webhooks').get()).toEqual({ n: 0 });

    const hook = await createHook(s, admin, { url: 'https://example.org/hook', events: ['ticket.issued'] });
    const bad = await s.call('PUT', `/api/admin/webhooks/${hook.id}`, { token: admin, body: { url: 'https://example.org/other', events: [] } });
    expect(bad.status).toBe(400);
    expect((await s.call('GET', '/api/admin/webhooks', { token: admin })).body[0].url).toBe('https://example.org/hook');
    const query = await s.call('GET', `/api/admin/webhooks/${hook.id}/deliveries?status=lost`, { token: admin });
    expect(query.status).toBe(400);
    expect(query.body.error.message).toMatch(/query\.status/);
    expect((await s.call('GET', `/api/admin/webhooks/${hook.id}/deliveries?limit=0`, { token: admin })).status).toBe(400);
  });

  it('only an admin reaches webhooks: operators, supervisors, devices and the anonymous are refused', async () => {
    const { s, admin } = await setup();
    const hook = await createHook(s, admin, { url: 'https://example.org/hook', events: ['ticket.issued'] });
    const who: [string, string | undefined, number][] = [
      ['anonymous', undefined, 401],
      ['kiosk', KIOSK_TOKEN, 403],
      ['display', DISPLAY_TOKEN, 403],
      ['operator', await s.login('op1'), 403],
      ['supervisor', await s.login('super'), 403],
    ];
    const routes: [string, string, unknown][] = [
      ['GET', '/api/admin/webhooks', undefined],
      ['POST', '/api/admin/webhooks', { url: 'https://example.org/x', events: ['ticket.issued'] }],
      ['PUT', `/api/admin/webhooks/${hook.id}`, { url: 'https://example.org/x', events: ['ticket.issued'] }],
      ['DELETE', `/api/admin/webhooks/${hook.id}`, undefined],
      ['POST', `/api/admin/webhooks/${hook.id}/rotate-secret`, undefined],
      ['POST', `/api/admin/webhooks/${hook.id}/test`, undefined],
      ['GET', `/api/admin/webhooks/${hook.id}/deliveries`, undefined],
      ['POST', '/api/admin/webhooks/deliveries/1/retry', undefined],
    ];
    for (const [role, token, status] of who) {
      for (const [method, path, body] of routes) expect((await s.call(method, path, { token, body })).status, `${role}: ${method} ${path}`).toBe(status);
    }
    const list = (await s.call('GET', '/api/admin/webhooks', { token: admin })).body;
    expect(list).toEqual([{ id: hook.id, url: 'https://example.org/hook', events: ['ticket.issued'], description: null, enabled: true, includePhone: false, secretHint: `${hook.secret.slice(0, 10)}…`, createdAt: expect.any(Number) }]);
    expect(s.db.prepare('SELECT count(*) AS n FROM webhook_deliveries').get()).toEqual({ n: 0 });
  });

  it('rotating the secret shows the new one once and signs every later delivery, retries included, with it; a test delivery reaches the receiver', async () => {
    const { s, admin } = await setup();
    const r = await receiver();
    r.mode = 'error';
    const hook = await createHook(s, admin, { url: r.url(), events: ['ticket.called'] });
    const sent = await s.call('POST', `/api/admin/webhooks/${hook.id}/test`, { token: admin });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ webhookId: hook.id, event: 'webhook.test', status: 'pending', attempts: 0 });
    await s.app.webhooks.dispatcher.tick();
    expect(verify(hook.secret, r.received[0]!.raw, String(r.received[0]!.headers['qms-signature']))).toBe(true);
    expect(r.received[0]!.body).toMatchObject({ event: 'webhook.test', centerId: 'c1', data: { webhookId: hook.id, sentBy: 'staff:admin' } });

    const rotated = await s.call('POST', `/api/admin/webhooks/${hook.id}/rotate-secret`, { token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(rotated.body.secretHint).toBe(`${rotated.body.secret.slice(0, 10)}…`);
    expect(JSON.stringify((await s.call('GET', '/api/admin/webhooks', { token: admin })).body)).not.toContain(rotated.body.secret);
    r.mode = 'ok';
    s.clock.advance(60 * SEC);
    await s.app.webhooks.dispatcher.tick();
    const retried = r.received[1]!;
    expect(retried.raw).toBe(r.received[0]!.raw);
    expect(verify(rotated.body.secret, retried.raw, String(retried.headers['qms-signature']))).toBe(true);
    expect(verify(hook.secret, retried.raw, String(retried.headers['qms-signature']))).toBe(false);
  });

  it('deleting a webhook removes its log; delivered and failed deliveries older than 30 days are swept, pending ones stay', async () => {
    const { s, admin } = await setup();
    const r = await receiver();
    const keep = await createHook(s, admin, { url: r.url('/keep'), events: ['ticket.issued'] });
    const gone = await createHook(s, admin, { url: r.url('/gone'), events: ['ticket.issued'] });
    await issue(s);
    await s.app.webhooks.dispatcher.tick();
    await r.down();
    await issue(s);
    await s.app.webhooks.dispatcher.tick();
    expect((await s.call('DELETE', `/api/admin/webhooks/${gone.id}`, { token: admin })).body).toEqual({ ok: true });
    expect((await s.call('GET', `/api/admin/webhooks/${gone.id}/deliveries`, { token: admin })).body.error.code).toBe('UNKNOWN_WEBHOOK');
    expect(s.db.prepare('SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ?').get(gone.id)).toEqual({ n: 0 });
    expect((await log(s, admin, keep.id)).map((d) => d.status)).toEqual(['pending', 'delivered']);
    s.clock.advance(KEEP_MS + SEC);
    expect(s.app.webhooks.dispatcher.sweep()).toBe(1);
    expect((await log(s, await s.login('admin'), keep.id)).map((d) => d.status)).toEqual(['pending']);
  });
});

describe('the outbox across restarts', () => {
  it('facts committed but never enqueued (a kill in between) are enqueued at the next start, once; a first start sends no history', async () => {
    const r = await receiver();
    const first = await startServer();
    const admin = await first.login('admin');
    // History before any webhook: nobody's news.
    await issue(first);
    const hook = await createHook(first, admin, { url: r.url(), events: ['ticket.issued'] });
    const t2 = await issue(first);
    const t3 = await issue(first);
    // As if the process had died after the facts' commit and before their deliveries: the rows
    // and the cursor's move are undone (they are one transaction, so they go together).
    const seq = first.app.deps.hub.get('c1').seq;
    first.db.prepare('DELETE FROM webhook_deliveries').run();
    first.db.prepare('UPDATE webhook_cursors SET seq = ? WHERE center_id = ?').run(seq - 2, 'c1');
    const dir = await halt(first);

    const second = await startServer({ dir });
    servers.push(second);
    const admin2 = await second.login('admin');
    expect((await log(second, admin2, hook.id)).length).toBe(2);
    await second.app.webhooks.dispatcher.tick();
    expect(r.received.map((x) => x.body.data.ticketId).sort()).toEqual([t2.id, t3.id].sort());
    // Started again: nothing enqueued twice.
    servers.pop();
    const third = await startServer({ dir: await halt(second) });
    servers.push(third);
    expect(third.db.prepare('SELECT count(*) AS n FROM webhook_deliveries').get()).toEqual({ n: 2 });
    await third.app.webhooks.dispatcher.tick();
    expect(r.received).toHaveLength(2);
  });
});
