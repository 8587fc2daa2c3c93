import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.stop();
});

const issue = (body: object, token = KIOSK_TOKEN) => s.call('POST', '/api/tickets', { token, body });

describe('system', () => {
  it('GET /api/health names the centers', async () => {
    const res = await s.call('GET', '/api/health');
    expect(res).toEqual({ status: 200, body: { ok: true, version: '0.0.0', centers: [{ id: 'c1', name: 'Test center c1' }] } });
  });

  it('GET /api/openapi.json documents every endpoint the issue names', async () => {
    const { status, body } = await s.call('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const paths = Object.entries(body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const p of [
      'GET /api/health', 'POST /api/auth/login', 'GET /api/services', 'POST /api/tickets', 'GET /api/tickets/{ticketId}',
      'POST /api/counters/{counterId}/call-next', 'POST /api/counters/{counterId}/recall', 'POST /api/counters/{counterId}/start',
      'POST /api/counters/{counterId}/complete', 'POST /api/counters/{counterId}/no-show', 'POST /api/counters/{counterId}/transfer',
      'POST /api/counters/{counterId}/pause', 'POST /api/counters/{counterId}/resume', 'GET /api/queue',
      'PUT /api/admin/services/{id}', 'DELETE /api/admin/counters/{id}', 'PUT /api/admin/staff/{login}', 'POST /api/admin/devices',
      'PUT /api/admin/priority-categories/{id}', 'GET /api/admin/config', 'PUT /api/admin/config',
    ]) expect(paths).toContain(p);
    expect(body.paths['/api/tickets'].post.requestBody.content['application/json'].schema.properties.lane.enum).toEqual(['priority', 'booked', 'normal']);
  });

  it('unknown endpoints, bad JSON and oversized bodies get the one error shape', async () => {
    expect(await s.call('GET', '/api/nope')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await s.call('POST', '/api/auth/login', { body: '{"login":' })).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } } });
    const big = { serviceId: 'x'.repeat(2_000_000) };
    expect(await issue(big)).toMatchObject({ status: 413, body: { error: { code: 'BAD_REQUEST', message: 'The request body is too large.' } } });
  });

  it('GET /api/services is public: the kiosk catalogue with expected waits', async () => {
    const { status, body } = await s.call('GET', '/api/services');
    expect(status).toBe(200);
    expect(body.center).toMatchObject({ id: 'c1', defaultLanguage: 'ru', targetWaitMin: 15 });
    expect(body.services.map((x: any) => x.id)).toEqual(['passport', 'property', 'benefits']);
    expect(body.priorityCategories[0].id).toBe('disability');
    expect(body.loads[0]).toMatchObject({ serviceId: 'passport', waiting: 0, expectedWaitMin: null, openCounters: 0 });
  });
});

describe('auth', () => {
  it('logs staff in, tells who they are, and logs them out', async () => {
    const login = await s.call('POST', '/api/auth/login', { body: { login: 'op1', password: 'password-123' } });
    expect(login.status).toBe(200);
    expect(login.body.staff).toEqual({ login: 'op1', name: 'Operator 1', role: 'operator', centerId: 'c1', services: ['passport', 'property'] });
    const token = login.body.token as string;
    expect(await s.call('GET', '/api/auth/me', { token })).toMatchObject({ status: 200, body: { kind: 'staff', login: 'op1', counterId: null } });
    expect((await s.call('POST', '/api/auth/logout', { token })).status).toBe(200);
    expect(await s.call('GET', '/api/auth/me', { token })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    for (const body of [{ login: 'op1', password: 'nope-nope' }, { login: 'ghost', password: 'password-123' }]) {
      expect(await s.call('POST', '/api/auth/login', { body })).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Wrong login or password.' } } });
    }
  });

  it('a staff session slides: used within 12 hours it never expires; unused, it does', async () => {
    const token = await s.login('op1');
    for (let h = 0; h < 30; h += 6) {
      s.clock.advance(6 * 3600_000);
      expect((await s.call('GET', '/api/auth/me', { token })).status).toBe(200);
    }
    s.clock.advance(13 * 3600_000);
    expect((await s.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('device tokens do not expire while in use', async () => {
    s.clock.advance(400 * 24 * 3600_000);
    expect(await s.call('GET', '/api/auth/me', { token: DISPLAY_TOKEN })).toMatchObject({ status: 200, body: { kind: 'device', deviceKind: 'display' } });
  });

  it('rate-limits login attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await s.call('POST', '/api/auth/login', { body: { login: 'x', password: 'y' } })).status);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('tickets', () => {
  it('a kiosk issues numbered tickets with position and ETA', async () => {
    const a = await issue({ serviceId: 'passport' });
    expect(a.status).toBe(201);
    expect(a.body.ticket).toMatchObject({ number: 'A001', lane: 'normal', status: 'waiting', serviceId: 'passport' });
    expect(a.body.eta).toEqual({ position: 1, etaMin: null });
    const b = await issue({ serviceId: 'passport', lane: 'priority', categoryId: 'disability', language: 'en' });
    expect(b.body.ticket).toMatchObject({ number: 'A002', lane: 'priority', categoryId: 'disability', language: 'en' });
    expect(b.body.eta.position).toBe(1);
    expect(b.body.seq).toBe(2);
  });

  it('refuses bad requests with a message naming the field', async () => {
    expect(await issue({})).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringContaining('body.serviceId') } } });
    expect(await issue({ serviceId: 'passport', lane: 'priority' })).toMatchObject({ status: 400, body: { error: { message: 'body.categoryId: a priority-lane ticket needs "categoryId"' } } });
    expect(await issue({ serviceId: 'passport', lane: 'vip' })).toMatchObject({ status: 400 });
    expect(await issue({ serviceId: 'passport', extra: 1 })).toMatchObject({ status: 400 });
    expect(await issue({ serviceId: 'visa' })).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_SERVICE' } } });
    expect(await issue({ serviceId: 'passport', lane: 'priority', categoryId: 'vip' })).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_CATEGORY' } } });
    // Nothing was issued by any of these.
    expect((await issue({ serviceId: 'passport' })).body.ticket.number).toBe('A001');
  });

  it('I4: a retried request with the same clientRef returns the first ticket, not a second', async () => {
    const first = await issue({ serviceId: 'passport', clientRef: 'kiosk-req-0001' });
    const again = await issue({ serviceId: 'passport', clientRef: 'kiosk-req-0001' });
    expect(again.status).toBe(201);
    expect(again.body.ticket).toEqual(first.body.ticket);
    expect(again.body.seq).toBe(first.body.seq);
    expect((await issue({ serviceId: 'passport', clientRef: 'kiosk-req-0002' })).body.ticket.number).toBe('A002');
    expect(await issue({ serviceId: 'passport', clientRef: 'x' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('body.clientRef') } } });
  });

  it('only a paired kiosk or staff issue tickets', async () => {
    expect(await issue({ serviceId: 'passport' }, '')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await issue({ serviceId: 'passport' }, 'forged')).toMatchObject({ status: 401 });
    expect(await issue({ serviceId: 'passport' }, DISPLAY_TOKEN)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const op = await s.login('op2');
    expect((await issue({ serviceId: 'passport' }, op)).status).toBe(201);
    // Booked (appointment) tickets come from staff checking the visitor in, not from the kiosk.
    expect(await issue({ serviceId: 'passport', lane: 'booked' })).toMatchObject({ status: 403 });
    expect(await issue({ serviceId: 'passport', lane: 'booked' }, op)).toMatchObject({ status: 201, body: { ticket: { lane: 'booked', number: 'A002' } } });
  });

  it('I2, D1: numbers restart at local midnight and the old day\'s waiting tickets are closed', async () => {
    const old = (await issue({ serviceId: 'passport' })).body.ticket;
    expect(old.day).toBe('2026-03-02');
    // T0 is 10:00 in Moscow; 14 hours later it is 00:00 the next day there.
    s.clock.advance(14 * 3600_000);
    const fresh = (await issue({ serviceId: 'passport' })).body.ticket;
    expect(fresh).toMatchObject({ number: 'A001', day: '2026-03-03' });
    expect((await s.call('GET', `/api/tickets/${old.id}`)).body.status).toBe('cancelled');
    const facts = (await s.call('GET', '/api/events?since=1', { token: await s.login('super') })).body.facts;
    expect(facts.map((f: any) => [f.type, f.reason ?? null, f.ticket.number])).toEqual([['ticket:cancelled', 'day-ended', 'A001'], ['ticket:issued', null, 'A001']]);
  });

  it('GET /api/tickets/:id is the public status page data, by unguessable id only', async () => {
    const { body } = await issue({ serviceId: 'property' });
    expect(body.ticket.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const pub = await s.call('GET', `/api/tickets/${body.ticket.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({
      number: 'B001', status: 'waiting', language: null, service: { id: 'property' }, eta: { position: 1 },
      center: { name: 'Test center c1', languages: ['ru', 'en', 'vi', 'uz'], defaultLanguage: 'ru', timezone: 'Europe/Moscow' },
    });
    expect(pub.body.centerId).toBeUndefined();
    expect(await s.call('GET', '/api/tickets/guess')).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_TICKET' } } });
  });
});

describe('counters over HTTP', () => {
  const act = (token: string, counter: string, action: string, body: object = {}) => s.call('POST', `/api/counters/${counter}/${action}`, { token, body });

  it('claim, call next, recall, start, complete: the whole visit', async () => {
    const op = await s.login('op1');
    const t = (await issue({ serviceId: 'passport' })).body.ticket;
    expect(await act(op, '1', 'call-next')).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_COUNTER' } } });
    expect(await act(op, '1', 'claim')).toMatchObject({ status: 200, body: { counter: { status: 'open', staffLogin: 'op1' } } });
    expect(await act(op, '1', 'call-next')).toMatchObject({ status: 200, body: { ticket: { id: t.id, status: 'called', counterId: '1' } } });
    expect(await act(op, '1', 'recall')).toMatchObject({ status: 200, body: { ticket: { recalls: 1 } } });
    expect(await act(op, '1', 'start')).toMatchObject({ status: 200, body: { ticket: { status: 'serving' } } });
    expect(await act(op, '1', 'no-show')).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(await act(op, '1', 'complete')).toMatchObject({ status: 200, body: { ticket: { status: 'done' }, counter: { currentTicketId: null } } });
    expect(await act(op, '1', 'call-next')).toMatchObject({ status: 409, body: { error: { code: 'QUEUE_EMPTY' } } });
  });

  it('an operator acts only on the counter they hold; a counter has one holder', async () => {
    const op1 = await s.login('op1');
    const op2 = await s.login('op2');
    await act(op1, '1', 'claim');
    expect(await act(op2, '1', 'claim')).toMatchObject({ status: 409, body: { error: { code: 'COUNTER_HELD' } } });
    expect(await act(op2, '1', 'pause', { reason: 'x' })).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_COUNTER' } } });
    expect(await act(op1, '2', 'claim')).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    // The same person logging in again (a new browser) takes their counter over.
    const op1again = await s.login('op1');
    expect((await act(op1again, '1', 'claim')).status).toBe(200);
    expect(await act(op1, '1', 'pause', { reason: 'x' })).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_COUNTER' } } });
    // Releasing frees it for someone else.
    expect(await act(op1again, '1', 'release')).toMatchObject({ status: 200, body: { counter: { status: 'closed' } } });
    expect(await act(op2, '1', 'claim')).toMatchObject({ status: 200, body: { counter: { staffLogin: 'op2' } } });
  });

  it('pause needs a reason; resume; supervisors act on any counter', async () => {
    const op = await s.login('op1');
    const sup = await s.login('super');
    await act(op, '1', 'claim');
    expect(await act(op, '1', 'pause', {})).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('body.reason') } } });
    expect(await act(op, '1', 'pause', { reason: 'Lunch' })).toMatchObject({ status: 200, body: { counter: { status: 'paused', pauseReason: 'Lunch', pauseReasonId: null } } });
    expect(await act(sup, '1', 'resume')).toMatchObject({ status: 200, body: { counter: { status: 'open', pauseReason: null, pauseReasonId: null } } });
    // A preset reason goes by its id, and each app words it in its viewer's language; not both, not an unknown one.
    expect((await act(op, '1', 'pause', { reason: 'Lunch', reasonId: 'lunch' })).status).toBe(400);
    expect((await act(op, '1', 'pause', { reasonId: 'siesta' })).status).toBe(400);
    expect(await act(op, '1', 'pause', { reasonId: 'lunch' })).toMatchObject({ status: 200, body: { counter: { status: 'paused', pauseReason: null, pauseReasonId: 'lunch' } } });
    expect(await act(sup, '1', 'resume')).toMatchObject({ status: 200, body: { counter: { status: 'open', pauseReasonId: null } } });
    expect(await act(sup, '1', 'close')).toMatchObject({ status: 200, body: { counter: { status: 'closed' } } });
    // Closing ended op1's hold: they must take the counter again.
    expect(await act(op, '1', 'call-next')).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_COUNTER' } } });
  });

  it('transfer to another service keeps the number; the other counter calls it', async () => {
    const op1 = await s.login('op1');
    const sup = await s.login('super');
    await act(op1, '1', 'claim');
    await act(sup, '3', 'claim');
    const t = (await issue({ serviceId: 'passport' })).body.ticket;
    await act(op1, '1', 'call-next');
    expect(await act(op1, '1', 'transfer', {})).toMatchObject({ status: 400 });
    expect(await act(op1, '1', 'transfer', { toServiceId: 'property' })).toMatchObject({ status: 200, body: { ticket: { id: t.id, number: 'A001', serviceId: 'property', status: 'waiting' } } });
    expect(await act(sup, '3', 'call-next')).toMatchObject({ status: 200, body: { ticket: { id: t.id, number: 'A001' } } });
  });

  it('supervisors merge a counter into another service within canServe, and back', async () => {
    const op = await s.login('op1');
    const sup = await s.login('super');
    const put = (token: string, services: object[]) => s.call('PUT', '/api/counters/1/services', { token, body: { services, reason: 'peak' } });
    expect(await put(op, [{ serviceId: 'property' }])).toMatchObject({ status: 403 });
    expect(await put(sup, [{ serviceId: 'benefits' }])).toMatchObject({ status: 422, body: { error: { code: 'NOT_QUALIFIED' } } });
    const merged = await put(sup, [{ serviceId: 'passport', role: 'primary' }, { serviceId: 'property', role: 'secondary' }]);
    expect(merged).toMatchObject({ status: 200, body: { counter: { services: [{ serviceId: 'passport' }, { serviceId: 'property', role: 'secondary' }] } } });
    await act(op, '1', 'claim');
    const t = (await issue({ serviceId: 'property' })).body.ticket;
    expect(await act(op, '1', 'call-next')).toMatchObject({ body: { ticket: { id: t.id } } });
  });

  it('staff cancel a waiting ticket and reactivate a recent no-show', async () => {
    const op = await s.login('op1');
    const a = (await issue({ serviceId: 'passport' })).body.ticket;
    const b = (await issue({ serviceId: 'passport' })).body.ticket;
    expect(await s.call('POST', `/api/tickets/${b.id}/cancel`, { token: op })).toMatchObject({ status: 200, body: { ticket: { status: 'cancelled' } } });
    expect(await s.call('POST', `/api/tickets/${b.id}/cancel`, { token: KIOSK_TOKEN })).toMatchObject({ status: 403 });
    await act(op, '1', 'claim');
    await act(op, '1', 'call-next');
    await act(op, '1', 'no-show');
    expect(await s.call('POST', `/api/tickets/${a.id}/reactivate`, { token: op })).toMatchObject({ status: 200, body: { ticket: { status: 'waiting', queuedAt: a.queuedAt } } });
  });

  it('GET /api/queue gives devices and staff a snapshot; anonymous gets 401', async () => {
    await issue({ serviceId: 'passport' });
    expect(await s.call('GET', '/api/queue')).toMatchObject({ status: 401 });
    const staff = await s.login('super');
    const full = await s.call('GET', '/api/queue', { token: staff });
    expect(full.body).toMatchObject({ seq: 1, center: { id: 'c1' } });
    expect(full.body.tickets).toHaveLength(1);
    // A display's projection (security/audience.test.ts): counters, calls and loads, not the waiting queue.
    const snap = await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN });
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({ seq: 1, center: { id: 'c1' }, loads: expect.arrayContaining([expect.objectContaining({ serviceId: 'passport', waiting: 1 })]) });
    expect(snap.body.tickets).toHaveLength(0);
    expect(snap.body.counters).toHaveLength(4);
    expect((await s.call('GET', '/api/events?since=0', { token: staff })).body).toMatchObject({ kind: 'facts', facts: [{ seq: 1, type: 'ticket:issued' }] });
    const events = await s.call('GET', '/api/events?since=0', { token: DISPLAY_TOKEN });
    expect(events.body).toEqual({ kind: 'facts', facts: [{ seq: 1, type: 'hidden', at: s.clock.now, centerId: 'c1' }] });
    expect(await s.call('GET', '/api/events?since=abc', { token: DISPLAY_TOKEN })).toMatchObject({ status: 400 });
  });
});

describe('landing page', () => {
  it('links the three apps and explains pairing', async () => {
    const root = await startServer({ rootDir: (await import('node:path')).resolve(import.meta.dirname, '../..') });
    try {
      const html = await (await fetch(`${root.url}/`)).text();
      for (const link of ['/kiosk/', '/counter/', '/display/', '/api/openapi.json']) expect(html).toContain(`href="${link}"`);
      expect(html).toContain('6-digit code');
      // The test center has no demo devices: no pre-paired links.
      expect(html).not.toContain('?token=');
    } finally {
      await root.stop();
    }
  });
});
