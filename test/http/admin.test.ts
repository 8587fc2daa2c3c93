import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await startServer();
  admin = await s.login('admin');
});
afterEach(async () => {
  await s.stop();
});

describe('admin CRUD', () => {
  it('creates, lists, replaces and deletes services; the kiosk catalogue follows at once', async () => {
    const put = await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { prefix: 'V', names: { en: 'Visa' }, serviceTimeMin: 5, category: 'travel' } });
    expect(put).toMatchObject({ status: 200, body: { id: 'visa', prefix: 'V', names: { en: 'Visa' } } });
    expect((await s.call('GET', '/api/services')).body.services.map((x: any) => x.id)).toContain('visa');
    // I5: no ticket for a service no counter serves yet.
    expect(await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'visa' } })).toMatchObject({ status: 409, body: { error: { code: 'SERVICE_CLOSED' } } });
    expect((await s.call('PUT', '/api/admin/counters/5', { token: admin, body: { number: '5', services: [{ serviceId: 'visa' }] } })).status).toBe(200);
    const t = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'visa' } });
    expect(t.body.ticket.number).toBe('V001');
    // Neither the service nor the only counter for it can go while V001 waits.
    expect(await s.call('DELETE', '/api/admin/services/visa', { token: admin })).toMatchObject({ status: 409, body: { error: { message: 'Counter 5 serves "visa"; change its services first.' } } });
    expect(await s.call('DELETE', '/api/admin/counters/5', { token: admin })).toMatchObject({ status: 409, body: { error: { message: 'No counter would serve or could be switched to service "visa", but tickets V001 wait for it: keep a counter for it.' } } });
    await s.call('POST', `/api/tickets/${t.body.ticket.id}/cancel`, { token: admin });
    expect((await s.call('DELETE', '/api/admin/counters/5', { token: admin })).status).toBe(200);
    expect((await s.call('DELETE', '/api/admin/services/visa', { token: admin })).status).toBe(200);
    // Nor one a counter serves.
    expect(await s.call('DELETE', '/api/admin/services/benefits', { token: admin })).toMatchObject({ status: 409, body: { error: { message: 'Counter 4 serves "benefits"; change its services first.' } } });
  });

  it('validates items with a message naming the field, and changes nothing', async () => {
    const res = await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { prefix: 'A', names: {} } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body.names: give a name in at least one language');
    const dup = await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { prefix: 'A', names: { en: 'Visa' } } });
    expect(dup.body.error.message).toBe('body.services[3].prefix: prefix "A" is already used by service "passport"');
    expect((await s.call('GET', '/api/admin/services', { token: admin })).body).toHaveLength(3);
  });

  it('only admins edit; supervisors read; operators neither', async () => {
    const sup = await s.login('super');
    const op = await s.login('op1');
    expect((await s.call('GET', '/api/admin/counters', { token: sup })).status).toBe(200);
    expect((await s.call('GET', '/api/admin/counters', { token: op })).status).toBe(403);
    expect((await s.call('PUT', '/api/admin/priority-categories/elderly', { token: sup, body: { names: { en: 'Elderly' } } })).status).toBe(403);
    expect((await s.call('PUT', '/api/admin/priority-categories/elderly', { token: admin, body: { names: { en: 'Elderly' }, icon: 'elderly' } })).status).toBe(200);
    expect((await s.call('GET', '/api/services')).body.priorityCategories.map((c: any) => c.id)).toEqual(['disability', 'elderly']);
  });

  it('counters: add one, and refuse to delete an open one', async () => {
    const put = await s.call('PUT', '/api/admin/counters/5', { token: admin, body: { number: '5', services: [{ serviceId: 'benefits' }] } });
    expect(put).toMatchObject({ status: 200, body: { id: '5', zone: 'main', services: [{ serviceId: 'benefits', role: 'primary' }] } });
    const op = await s.login('op1');
    expect(await s.call('POST', '/api/counters/5/claim', { token: op })).toMatchObject({ status: 422, body: { error: { code: 'NOT_QUALIFIED', message: 'You are not trained for "benefits", which counter 5 serves.' } } });
    const sup = await s.login('super');
    expect((await s.call('POST', '/api/counters/5/claim', { token: sup })).status).toBe(200);
    expect(await s.call('DELETE', '/api/admin/counters/5', { token: admin })).toMatchObject({ status: 409, body: { error: { message: 'Counter 5 is open: close it first.' } } });
  });

  it('staff: create, change password (ends their sessions), list without hashes, delete', async () => {
    expect((await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: 'Op 3', role: 'operator' } })).body.error.message).toContain('needs a password');
    expect((await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: 'Op 3', role: 'operator', password: 'short' } })).status).toBe(400);
    expect((await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: 'Op 3', role: 'operator', password: 'op3-secret-pw', services: ['passport'] } })).status).toBe(200);
    const t = await s.login('op3', 'op3-secret-pw');
    const list = await s.call('GET', '/api/admin/staff', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect(list.body.find((x: any) => x.login === 'op3')).toEqual({ login: 'op3', name: 'Op 3', role: 'operator', services: ['passport'] });
    // Renaming keeps the password; a new password ends old sessions.
    await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: 'Operator Three', role: 'operator' } });
    expect((await s.call('GET', '/api/auth/me', { token: t })).status).toBe(200);
    await s.call('PUT', '/api/admin/staff/op3', { token: admin, body: { name: 'Operator Three', role: 'operator', password: 'new-secret-pw' } });
    expect((await s.call('GET', '/api/auth/me', { token: t })).status).toBe(401);
    await s.login('op3', 'new-secret-pw');
    expect((await s.call('DELETE', '/api/admin/staff/admin', { token: admin })).status).toBe(409);
    expect((await s.call('DELETE', '/api/admin/staff/op3', { token: admin })).status).toBe(200);
    await expect(s.login('op3', 'new-secret-pw')).rejects.toThrow();
  });

  it('devices: add, pair with the 6-digit code once, re-pair revokes, delete revokes', async () => {
    const created = await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'tv2', kind: 'display', name: 'Hall B', counters: ['3', '4'] } });
    expect(created.status).toBe(201);
    const code = created.body.pairing.code as string;
    expect(code).toMatch(/^\d{6}$/);
    expect((await s.call('POST', '/api/devices/pair', { body: { code: '12' } })).status).toBe(400);
    const paired = await s.call('POST', '/api/devices/pair', { body: { code } });
    expect(paired.body).toMatchObject({ centerId: 'c1', deviceId: 'tv2', kind: 'display' });
    const token = paired.body.token as string;
    expect(await s.call('GET', '/api/auth/me', { token })).toMatchObject({ body: { deviceId: 'tv2', counters: ['3', '4'] } });
    expect((await s.call('POST', '/api/devices/pair', { body: { code } })).status).toBe(401);
    expect((await s.call('GET', '/api/admin/devices', { token: admin })).body.find((d: any) => d.id === 'tv2')).toMatchObject({ paired: true });
    const again = await s.call('POST', '/api/admin/devices/tv2/pairing', { token: admin });
    expect(again.status).toBe(201);
    expect((await s.call('GET', '/api/auth/me', { token })).status).toBe(401);
    const token2 = (await s.call('POST', '/api/devices/pair', { body: { code: again.body.code } })).body.token;
    expect((await s.call('DELETE', '/api/admin/devices/tv2', { token: admin })).status).toBe(200);
    expect((await s.call('GET', '/api/auth/me', { token: token2 })).status).toBe(401);
    // A pairing code expires after 15 minutes.
    const late = await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'k2', kind: 'kiosk', name: 'Kiosk 2' } });
    s.clock.advance(16 * 60_000);
    expect((await s.call('POST', '/api/devices/pair', { body: { code: late.body.pairing.code } })).status).toBe(401);
  });
});

describe('config import/export', () => {
  it('exports one JSON file that imports back unchanged, and announces the change', async () => {
    const exp = await s.call('GET', '/api/admin/config', { token: admin });
    expect(exp.status).toBe(200);
    expect(exp.body).toMatchObject({ format: 'qms-center/1', center: { id: 'c1' } });
    const seq = (await s.call('GET', '/api/queue', { token: admin })).body.seq;
    const imp = await s.call('PUT', '/api/admin/config', { token: admin, body: exp.body });
    expect(imp.status).toBe(200);
    expect(imp.body).toEqual(exp.body);
    expect(s.db.prepare('SELECT type FROM events WHERE seq > ?').all(seq)).toEqual([{ type: 'config:changed' }]);
    // Facts do not carry configuration: a client catching up across the change gets a snapshot.
    const caughtUp = await s.call('GET', `/api/events?since=${seq}`, { token: admin });
    expect(caughtUp.body).toMatchObject({ kind: 'snapshot', snapshot: { seq: seq + 1 } });
    // Passwords survived the round trip.
    await s.login('op1', PASSWORD);
  });

  it('an invalid file is refused with every problem and its JSON path; nothing changes', async () => {
    const cfg = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    cfg.center.timezone = 'Europe/Atlantis';
    cfg.services[0].prefix = 'a';
    cfg.counters[1].services[1].serviceId = 'ghost';
    const res = await s.call('PUT', '/api/admin/config', { token: admin, body: cfg });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body.center.timezone: unknown IANA time zone');
    expect(res.body.error.message).toContain('body.services[0].prefix: expected 1 to 3 capital Latin letters or digits, starting with a letter');
    expect(res.body.error.message).toContain('body.counters[1].services[1].serviceId: unknown service "ghost"');
    expect((await s.call('GET', '/api/admin/config', { token: admin })).body.center.timezone).toBe('Europe/Moscow');
  });

  it("refuses another center's file", async () => {
    const cfg = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    cfg.center.id = 'c9';
    expect(await s.call('PUT', '/api/admin/config', { token: admin, body: cfg })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('this file is for center "c9"') } } });
  });
});
