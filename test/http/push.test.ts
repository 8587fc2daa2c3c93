/**
 * Web Push end to end (issue 14): the real server sends to a local push service standing in for a
 * browser vendor's (real HTTP, real RFC 8291 encryption), and every message is decrypted here with
 * the phone's own keys. Near, called, recalled, held, no-show and rate each arrive once, also
 * across a restart on the same database; the VAPID JWT verifies with the key the server publishes;
 * a 410 drops the subscription; bad subscriptions are refused and store nothing.
 */
import { rmSync } from 'node:fs';
import type { CenterConfigInput, PushPayload } from '@qms/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointProblem } from '../../server/src/features/push.js';
import { vapidSubject } from '../../server/src/push/keys.js';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { checkVapid, decrypt, LocalPushService, type Phone, type Received } from '../helpers/push-service.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

const MIN = 60_000;

/** Alerts at one person ahead (never by minutes alone); passport joinable from outside, 10 minutes' grace. */
function pushCenter(): CenterConfigInput {
  const cfg = testCenter();
  cfg.center.remote = { alertPeople: 1, alertMinutes: 0, graceMin: 10 };
  cfg.services[0]!.remote = { enabled: true, maxShare: 1 };
  return cfg;
}

let svc: LocalPushService;
let server: TestServer;
/** Directories of servers restarted on the same file (startServer leaves those in place). */
const dirs: string[] = [];
beforeEach(async () => {
  svc = await LocalPushService.start();
});
afterEach(async () => {
  await server?.stop();
  await svc.stop();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const start = (dir?: string) => startServer({ config: pushCenter(), app: { pushEndpoints: 'any' }, ...(dir ? { dir } : {}) });
const rows = () => server.db.prepare('SELECT ticket_id, endpoint, sent FROM push_subscriptions ORDER BY created_at, rowid').all() as { ticket_id: string; endpoint: string; sent: string }[];
const issue = async (serviceId = 'passport') => (await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } })).body.ticket as { id: string; number: string };
const subscribe = (ticketId: string, phone: Phone) => server.call('POST', `/api/tickets/${ticketId}/push`, { body: phone.json });
async function counter(action: string, token: string, counterId = '2'): Promise<any> {
  const res = await server.call('POST', `/api/counters/${counterId}/${action}`, { token, body: {} });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
/** Every alert the server decided so far has reached the push service. */
const idle = () => server.app.deps.push.idle();

/** What the phone reads: decrypted, and its headers and VAPID signature checked on the way. */
function opened(phone: Phone, r: Received, publicKey: string): PushPayload {
  const vapid = checkVapid(r.headers.authorization, publicKey);
  expect(vapid.header.alg).toBe('ES256');
  expect(vapid.key).toBe(publicKey);
  expect(vapid.claims.aud).toBe(svc.origin);
  expect(vapid.claims.sub).toBe('mailto:admin@localhost');
  expect(vapid.claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(vapid.claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
  expect(r.headers['content-encoding']).toBe('aes128gcm');
  expect(Number(r.headers.ttl)).toBeGreaterThan(0);
  expect(r.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  return JSON.parse(decrypt(phone, r.body)) as PushPayload;
}

describe('Web Push to a local push service', () => {
  it('near once (also after a restart on the same database), then called, recalled and rate; each decrypted with the phone\'s keys, signed with the published key', async () => {
    server = await start();
    const key = (await server.call('GET', '/api/push/key')).body.publicKey as string;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    for (let i = 0; i < 3; i += 1) await issue();
    const a4 = await issue();
    const phone = svc.phone();
    // A004: three people ahead, alerts at one.
    expect(await subscribe(a4.id, phone)).toMatchObject({ status: 201, body: { subscriptions: 1 } });
    const op1 = await server.login('op1');
    await counter('claim', op1);
    await counter('call-next', op1); // A001: two ahead of A004
    await idle();
    expect(svc.received).toHaveLength(0);

    await counter('complete', op1);
    await counter('call-next', op1); // A002: A003 alone ahead of A004
    await svc.waitFor(1);
    const near = opened(phone, svc.received[0]!, key);
    expect(near).toEqual({ kind: 'near', ticketId: a4.id, number: 'A004', counterNumber: null, position: 2, etaMin: expect.any(Number), language: 'ru', url: `/kiosk/t/${a4.id}?lang=ru` });
    expect(svc.received[0]!.headers.urgency).toBe('normal');
    expect(JSON.parse(rows()[0]!.sent)).toEqual(['near']);

    // A restart on the same file: the key pair stays, and near is not sent again as the line moves.
    const dir = server.dir;
    dirs.push(dir);
    await server.app.close();
    server.db.close();
    server = await start(dir);
    expect((await server.call('GET', '/api/push/key')).body.publicKey).toBe(key);
    // The session survives the restart, and holds the counter still.
    const op1Again = op1;
    await issue();
    await counter('complete', op1Again);
    await counter('call-next', op1Again); // A003: A004 is next
    await idle();
    expect(svc.received).toHaveLength(1);

    await counter('complete', op1Again);
    server.clock.advance(MIN);
    const called = await counter('call-next', op1Again);
    expect(called.ticket.id).toBe(a4.id);
    server.clock.advance(MIN);
    await counter('recall', op1Again);
    await counter('start', op1Again);
    await counter('complete', op1Again);
    await svc.waitFor(4);
    await idle();
    const payloads = svc.received.map((r) => opened(phone, r, key));
    expect(payloads.map((p) => p.kind)).toEqual(['near', 'called', 'recalled', 'rate']);
    expect(payloads[1]).toMatchObject({ kind: 'called', number: 'A004', counterNumber: '2', position: null });
    expect(payloads[2]).toMatchObject({ kind: 'recalled', counterNumber: '2' });
    expect(svc.received.map((r) => r.headers.urgency)).toEqual(['normal', 'high', 'high', 'low']);
    // A001–A003 had no subscription: nothing went out for them.
    expect(new Set(payloads.map((p) => p.ticketId))).toEqual(new Set([a4.id]));
    // Done: no new subscription is taken for it; the one it has stays for the day (a complaint's answer).
    expect(await subscribe(a4.id, svc.phone())).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(rows()).toHaveLength(1);
    // The day is over: the sweep drops it.
    server.clock.advance(24 * 60 * MIN);
    server.app.deps.push.tick();
    expect(rows()).toHaveLength(0);
  });

  it('a remote ticket is held when its turn comes while away (V4), then a no-show after the grace (V5): both pushed, urgently the first', async () => {
    server = await start();
    const key = (await server.call('GET', '/api/push/key')).body.publicKey as string;
    const joined = await server.call('POST', '/api/join/c1', { body: { serviceId: 'passport', deviceId: 'phone-of-the-visitor-1', language: 'en' } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const remote = joined.body as { id: string; number: string };
    const phone = svc.phone();
    expect((await subscribe(remote.id, phone)).status).toBe(201);
    await issue();
    const op1 = await server.login('op1');
    await counter('claim', op1);
    // The visitor is not in yet: the kiosk ticket behind is called and the remote one held.
    expect((await counter('call-next', op1)).ticket.number).toBe('A002');
    await svc.waitFor(1);
    const held = opened(phone, svc.received[0]!, key);
    expect(held).toMatchObject({ kind: 'held', ticketId: remote.id, number: remote.number, language: 'en', url: `/kiosk/t/${remote.id}?lang=en` });
    expect(svc.received[0]!.headers.urgency).toBe('high');

    server.clock.advance(11 * MIN);
    server.app.deps.hub.get('c1').execute({ type: 'remote-sweep' }, 'system:remote');
    await svc.waitFor(2);
    await idle();
    expect(svc.received.map((r) => opened(phone, r, key).kind)).toEqual(['held', 'no-show']);
    // Held and no-show, never near: it was first in line when subscribed, which the page itself showed.
    const heldAt = (await server.call('GET', `/api/tickets/${remote.id}`)).body.remote.heldAt as number;
    expect(JSON.parse(rows()[0]!.sent)).toEqual(['near', `held:${heldAt}`, `no-show:${T0 + 11 * MIN}`]);
  });

  it('two phones on one ticket each get the alert; a 410 from the push service drops that subscription only; another part may notify()', async () => {
    server = await start();
    const key = (await server.call('GET', '/api/push/key')).body.publicKey as string;
    await issue();
    const t = await issue();
    const [gone, kept] = [svc.phone(), svc.phone()];
    await subscribe(t.id, gone);
    await subscribe(t.id, kept);
    svc.answer.set(new URL(gone.endpoint).pathname, 410);
    const op1 = await server.login('op1');
    await counter('claim', op1);
    await counter('call-next', op1);
    await counter('complete', op1);
    await counter('call-next', op1);
    await svc.waitFor(2);
    await idle();
    expect(svc.forPhone(gone).map((r) => opened(gone, r, key).kind)).toEqual(['called']);
    expect(svc.forPhone(kept).map((r) => opened(kept, r, key).kind)).toEqual(['called']);
    expect(rows().map((r) => r.endpoint)).toEqual([kept.endpoint]);

    // A complaint answered (another part of the server calls this): once per key.
    expect(server.app.deps.push.notify(t.id, 'answered')).toBe(true);
    expect(server.app.deps.push.notify(t.id, 'answered')).toBe(true);
    await idle();
    expect(svc.forPhone(kept).map((r) => opened(kept, r, key).kind)).toEqual(['called', 'answered']);
    expect(svc.forPhone(gone)).toHaveLength(1);
  });

  it('a push service that is down delays nothing: the call is answered, the failure logged without the endpoint\'s secret path', async () => {
    const lines: string[] = [];
    const { pino } = await import('pino');
    server = await startServer({ config: pushCenter(), app: { pushEndpoints: 'any', log: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }) } });
    const t = await issue();
    const phone = svc.phone();
    await subscribe(t.id, phone);
    await svc.stop();
    const op1 = await server.login('op1');
    await counter('claim', op1);
    const started = Date.now();
    await counter('call-next', op1);
    expect(Date.now() - started).toBeLessThan(1_000);
    await idle();
    const failure = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'push alert not delivered');
    expect(failure).toMatchObject({ service: svc.origin, kind: 'called', number: 'A001', status: null });
    const secret = new URL(phone.endpoint).pathname.split('/').at(-1)!;
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(t.id);
    svc = await LocalPushService.start(); // for afterEach
  });

  it('subscribing: bad bodies 400, an unknown ticket 404, a finished one 409, and none of them stores anything; DELETE removes; at most 5 a ticket', async () => {
    server = await start();
    const t = await issue();
    const good = svc.phone().json;
    const bad: unknown[] = [
      {},
      { endpoint: good.endpoint },
      { ...good, keys: { p256dh: good.keys.p256dh } },
      { ...good, keys: { ...good.keys, p256dh: 'short' } },
      { ...good, keys: { ...good.keys, auth: '!'.repeat(22) } },
      // Well spelled, but not a point on the curve, or a secret of the wrong length.
      { ...good, keys: { ...good.keys, p256dh: `B${'A'.repeat(86)}` } },
      { ...good, keys: { ...good.keys, auth: 'A'.repeat(24) } },
      { ...good, endpoint: 'ftp://push.example/x' },
      { ...good, endpoint: 'not a url' },
      { ...good, extra: 1 },
      { ...good, endpoint: `https://push.example/${'x'.repeat(1000)}` },
      [good],
      'text',
    ];
    for (const body of bad) {
      const res = await server.call('POST', `/api/tickets/${t.id}/push`, { body });
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/\S/) });
    }
    const unknown = await server.call('POST', '/api/tickets/no-such-ticket/push', { body: good });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_TICKET' } } });
    const cancelled = await issue();
    await server.call('POST', `/api/tickets/${cancelled.id}/withdraw`);
    expect((await server.call('POST', `/api/tickets/${cancelled.id}/push`, { body: good })).status).toBe(409);
    expect(rows()).toEqual([]);

    // Six phones: the oldest goes. The same phone again renews, not adds.
    const phones = Array.from({ length: 6 }, () => svc.phone());
    for (const p of phones) expect((await subscribe(t.id, p)).status).toBe(201);
    expect(rows().map((r) => r.endpoint)).toEqual(phones.slice(1).map((p) => p.endpoint));
    expect((await subscribe(t.id, phones[5]!)).body).toEqual({ subscriptions: 5 });
    const del = await server.call('DELETE', `/api/tickets/${t.id}/push`, { body: { endpoint: phones[3]!.endpoint } });
    expect(del).toMatchObject({ status: 200, body: { removed: true } });
    expect((await server.call('DELETE', `/api/tickets/${t.id}/push`, { body: { endpoint: phones[3]!.endpoint } })).body).toEqual({ removed: false });
    expect((await server.call('DELETE', `/api/tickets/${t.id}/push`, { body: {} })).status).toBe(400);
    expect(rows()).toHaveLength(4);
    // Withdrawn: its subscriptions go with it.
    await server.call('POST', `/api/tickets/${t.id}/withdraw`);
    await idle();
    expect(rows()).toEqual([]);
  });

  it('in production only a push service on the internet over https is taken (the server POSTs wherever a phone says)', async () => {
    expect(endpointProblem('https://fcm.googleapis.com/fcm/send/abc', 'https')).toBeNull();
    expect(endpointProblem('https://web.push.apple.com/QGk', 'https')).toBeNull();
    for (const url of ['http://fcm.googleapis.com/x', 'https://localhost/x', 'https://127.0.0.1/x', 'https://10.0.0.5/x', 'https://[::1]/x', 'https://admin.localhost/x']) {
      expect(endpointProblem(url, 'https'), url).toMatch(/^body\.endpoint: /);
    }
    expect(endpointProblem('http://127.0.0.1:9/x', 'any')).toBeNull();
    server = await startServer({ config: pushCenter() });
    const t = await issue();
    const res = await server.call('POST', `/api/tickets/${t.id}/push`, { body: svc.phone().json });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect(rows()).toEqual([]);
  });

  it('the VAPID subject: QMS_VAPID_SUBJECT, else the center\'s public https address, else a placeholder', () => {
    expect(vapidSubject('mailto:ops@center.example', 'https://queue.center.example/')).toBe('mailto:ops@center.example');
    expect(vapidSubject(undefined, 'https://queue.center.example/x')).toBe('https://queue.center.example');
    expect(vapidSubject(undefined, 'http://192.168.1.5:3000')).toBe('mailto:admin@localhost');
    expect(vapidSubject(undefined, 'https://localhost:3000')).toBe('mailto:admin@localhost');
    expect(vapidSubject(undefined, undefined)).toBe('mailto:admin@localhost');
  });
});
