/** Issue 12: the public live board, GET /api/board/:centerId (server/src/features/board.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { boardSchema } from '@qms/shared';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const HOUR = 3_600_000;
const board = (path = '/api/board/c1', headers: Record<string, string> = {}) => s!.call('GET', path, { headers });
const act = (token: string, counter: string, action: string, body: object = {}) => s!.call('POST', `/api/counters/${counter}/${action}`, { token, body });
const issue = async (serviceId: string) => (await s!.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } })).body.ticket as { id: string; number: string };

describe('GET /api/board/:centerId', () => {
  it('tells anyone the center, its counters, queues and expected waits, and nothing personal', async () => {
    s = await startServer();
    const op1 = await s.login('op1');
    const sup = await s.login('super');
    await act(op1, '1', 'claim');
    await act(sup, '4', 'claim');
    await act(sup, '4', 'pause', { reason: 'lunch' });
    const tickets = [await issue('passport'), await issue('passport'), await issue('property'), await issue('benefits')];
    s.clock.advance(3 * 60_000);
    expect((await act(op1, '1', 'call-next')).status).toBe(200);
    s.clock.advance(1000);

    const res = await board();
    expect(res.status).toBe(200);
    const b = boardSchema.parse(res.body);
    expect(b.center).toEqual({
      id: 'c1',
      name: 'Test center c1',
      languages: ['ru', 'en', 'vi', 'uz'],
      defaultLanguage: 'ru',
      timezone: 'Europe/Moscow',
      targetWaitMin: 15,
      openNow: true,
      // Open around the clock every day: no closing to announce.
      closesAt: null,
      opensAt: null,
    });
    expect(b.generatedAt).toBe(s.clock.now);
    // Counter 1 is open; counter 4 is on a break, which is not open.
    expect(b.openCounters).toBe(1);
    expect(b.waiting).toBe(3);
    const byId = Object.fromEntries(b.services.map((x) => [x.id, x]));
    expect(byId.passport).toMatchObject({ names: { ru: 'Паспорт', en: 'Passport' }, category: null, waiting: 1, openCounters: 1, servedNow: true, opensAt: null, targetWaitMin: 15 });
    expect(byId.property).toMatchObject({ waiting: 1, openCounters: 0, expectedWaitMin: null, servedNow: true });
    // Benefits: its counter is on a break, it still takes tickets (the counter comes back).
    expect(byId.benefits).toMatchObject({ waiting: 1, openCounters: 0, servedNow: true });
    expect(b.today).toEqual({ called: 1, withinTargetShare: 1, meanWaitMin: 3, targetWaitMin: 15 });

    // No ticket id or number, no member of staff, no device: anywhere in the answer.
    const staff = testCenter().staff!.flatMap((m) => [m.login, m.name]);
    const devices = testCenter().devices!.flatMap((d) => [d.id, d.name, d.tokenHash!]);
    for (const secret of [...tickets.flatMap((t) => [t.id, t.number]), ...staff, ...devices, KIOSK_TOKEN, 'lunch']) {
      expect(res.text, secret).not.toContain(secret);
    }
  });

  it("shows the kiosk's expected wait and today's share within target as /api/stats/today counts them", async () => {
    s = await startServer();
    const op1 = await s.login('op1');
    const op2 = await s.login('super');
    await act(op1, '1', 'claim');
    await act(op2, '2', 'claim');
    for (let i = 0; i < 5; i++) await issue('passport');
    await issue('property');
    s.clock.advance(4 * 60_000);
    await act(op1, '1', 'call-next'); // waited 4 min
    await act(op1, '1', 'start');
    s.clock.advance(6 * 60_000);
    await act(op1, '1', 'complete');
    await act(op2, '2', 'call-next'); // waited 10 min
    await act(op2, '2', 'no-show');
    s.clock.advance(10 * 60_000);
    await act(op1, '1', 'call-next'); // waited 20 min: past the target

    const b = (await board()).body;
    const kiosk = (await s.call('GET', '/api/services', { token: KIOSK_TOKEN })).body;
    for (const load of kiosk.loads) {
      expect(b.services.find((x: { id: string }) => x.id === load.serviceId).expectedWaitMin, load.serviceId).toBe(load.expectedWaitMin);
    }
    expect(b.services.find((x: { id: string }) => x.id === 'passport').expectedWaitMin).toBeGreaterThan(0);
    const stats = (await s.call('GET', '/api/stats/today', { token: op1 })).body;
    expect(b.today).toEqual({ called: 3, withinTargetShare: stats.services.passport.withinTargetShare, meanWaitMin: stats.services.passport.avgWaitMin, targetWaitMin: 15 });
    expect(b.today.withinTargetShare).toBeCloseTo(2 / 3);

    // A second service's calls join the same figure, each against its own target.
    await act(op1, '1', 'complete');
    await act(op2, '2', 'call-next'); // passport, 20 min
    s.clock.advance(1000);
    const today = (await board()).body.today;
    expect(today.called).toBe(4);
    expect(today.withinTargetShare).toBe(2 / 4);
  });

  it('names the next opening while closed, and the closing time while open', async () => {
    const config = testCenter();
    // T0 is Monday 10:00 in Moscow.
    const closed = { ...config, center: { ...config.center, hours: { mon: [{ from: '14:00', to: '18:00' }], tue: [{ from: '09:00', to: '18:00' }] } } };
    s = await startServer({ config: closed });
    const b = (await board()).body;
    expect(b.center).toMatchObject({ openNow: false, closesAt: null, opensAt: T0 + 4 * HOUR });
    expect(b.services.every((x: { servedNow: boolean; opensAt: number }) => !x.servedNow && x.opensAt === T0 + 4 * HOUR)).toBe(true);
    s.clock.advance(5 * HOUR);
    expect((await board()).body.center).toMatchObject({ openNow: true, closesAt: T0 + 8 * HOUR, opensAt: null });
  });

  it('an unknown center is a 404 that says so; an id that cannot be one is a 400', async () => {
    s = await startServer();
    const unknown = await board('/api/board/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'There is no center "nowhere" on this server; GET /api/health lists the centers it hosts.' });
    const bad = await board('/api/board/a%20b%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^path\.centerId: expected a center id/);
    expect(bad.text).not.toContain('<script>');
    expect((await board(`/api/board/${'x'.repeat(65)}`)).status).toBe(400);
    // Without an id: the only (or first) center.
    expect((await board('/api/board')).body.center.id).toBe('c1');
  });

  it('is worked out at most once a second, cacheable for a few seconds, and revalidated by its ETag', async () => {
    s = await startServer();
    const first = await board();
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('last-modified')).toBe(new Date(T0).toUTCString());

    // Within the second, a new ticket is not worked in yet: the same answer.
    await issue('passport');
    const same = await board();
    expect(same.text).toBe(first.text);
    expect(same.headers.get('etag')).toBe(etag);

    s.clock.advance(1000);
    const moved = await board('/api/board/c1', { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.body.waiting).toBe(1);
    const etag2 = moved.headers.get('etag')!;
    expect(etag2).not.toBe(etag);

    // Later, nothing moved: newer figures, the same ETag, so a portal asking again hears 304.
    s.clock.advance(5000);
    const again = await board('/api/board/c1', { 'if-none-match': etag2 });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('last-modified')).toBe(new Date(T0 + 1000).toUTCString());
    expect((await board('/api/board/c1', { 'if-modified-since': new Date(T0 + 1000).toUTCString() })).status).toBe(304);
    expect((await board('/api/board/c1', { 'if-modified-since': new Date(T0).toUTCString() })).status).toBe(200);
    expect((await board()).body.generatedAt).toBe(T0 + 6000);
  });

  it('any origin may read the board, and only the board', async () => {
    s = await startServer();
    const res = await board('/api/board/c1', { origin: 'https://portal.example.gov' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await board('/api/board/nowhere')).headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await s.call('OPTIONS', '/api/board/c1', { headers: { origin: 'https://portal.example.gov', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-None-Match');
    for (const path of ['/api/services', '/api/health', '/api/openapi.json']) {
      const other = await s.call('GET', path, { headers: { origin: 'https://portal.example.gov' } });
      expect(other.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(other.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
    }
    expect((await s.call('OPTIONS', '/api/services')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is rate-limited per address with a 429 a person can act on, apart from the rest of the API', async () => {
    s = await startServer({ app: { boardPerMin: 3 } });
    for (let i = 0; i < 3; i++) expect((await board()).status).toBe(200);
    const refused = await board();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.message).toMatch(/live board .* wait a minute/);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('ratelimit')).toBeTruthy();
    expect((await s.call('GET', '/api/services')).status).toBe(200);
  });

  it('is in the OpenAPI document as a public route', async () => {
    s = await startServer();
    const doc = (await s.call('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/board/{centerId}'].get).toMatchObject({ tags: ['board'], security: [] });
    expect(doc.paths['/api/board'].get).toMatchObject({ tags: ['board'], security: [] });
  });
});

describe('the board points the crowd at the join page (issue 14)', () => {
  it('V1: a service joinable from outside right now says so; others and a full share do not', async () => {
    const cfg = testCenter();
    cfg.services[0]!.remote = { enabled: true, maxShare: 0.5 };
    s = await startServer({ config: cfg });
    const joinable = async () => Object.fromEntries(boardSchema.parse((await board()).body).services.map((x) => [x.id, x.joinableNow]));
    expect(await joinable()).toEqual({ passport: true, property: false, benefits: false });
    expect((await s.call('POST', '/api/join/c1', { body: { serviceId: 'passport', deviceId: 'board-test-device-1' } })).status).toBe(201);
    // One remote ticket alone in line: a second would be all of it, past the share.
    s.clock.advance(2000);
    expect((await joinable()).passport).toBe(false);
  });
});
