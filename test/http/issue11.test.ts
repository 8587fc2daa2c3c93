/**
 * Issue 11 over HTTP and sockets: a pairing code offered to the wrong kind of app is refused and
 * stays valid; a pause fact names who paused the counter to staff, and to no device.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { Recorder } from '../realtime/recorder.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.stop();
});

async function newDevice(id: string, kind: 'kiosk' | 'display'): Promise<string> {
  const admin = await s.login('admin');
  const res = await s.call('POST', '/api/admin/devices', { token: admin, body: { id, kind, name: id } });
  expect(res.status).toBe(201);
  return res.body.pairing.code as string;
}

describe('pairing: the app says what it is', () => {
  it("a display's code offered by a kiosk is refused (409) and not used up; the display then pairs with it", async () => {
    const code = await newDevice('tv-9', 'display');
    const wrong = await s.call('POST', '/api/devices/pair', { body: { code, kind: 'kiosk' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toContain('hall display');
    expect(wrong.body.error.message).toContain('/display/');
    expect(wrong.body).not.toHaveProperty('token');
    const right = await s.call('POST', '/api/devices/pair', { body: { code, kind: 'display' } });
    expect(right).toMatchObject({ status: 200, body: { deviceId: 'tv-9', kind: 'display', token: expect.any(String) } });
    // Used now: a second exchange fails as before.
    expect((await s.call('POST', '/api/devices/pair', { body: { code, kind: 'display' } })).status).toBe(401);
  });

  it("a kiosk's code offered by a display is refused and kept; without a kind, any code pairs as before", async () => {
    const code = await newDevice('kiosk-9', 'kiosk');
    const wrong = await s.call('POST', '/api/devices/pair', { body: { code, kind: 'display' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toContain('/kiosk/');
    expect((await s.call('POST', '/api/devices/pair', { body: { code } })).body).toMatchObject({ deviceId: 'kiosk-9', kind: 'kiosk' });
    expect((await s.call('POST', '/api/devices/pair', { body: { code: '123456', kind: 'tv' } })).status).toBe(400);
  });
});

describe('who paused a counter', () => {
  it('staff receive the person in counter:paused; a display receives the fact without them', async () => {
    const op1 = await s.login('op1');
    const sup = await s.login('super');
    const staff = new Recorder(s.socket(sup));
    const tv = new Recorder(s.socket(DISPLAY_TOKEN));
    await staff.next('snapshot', 0);
    await tv.next('snapshot', 0);
    expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    expect((await s.call('POST', '/api/counters/1/pause', { token: sup, body: { reason: 'Meeting' } })).status).toBe(200);
    await staff.waitFor((e) => e.event === 'fact' && e.payload.type === 'counter:paused');
    await tv.waitFor((e) => e.event === 'fact' && e.payload.type === 'counter:paused');
    expect(staff.facts().find((f) => f.type === 'counter:paused')).toMatchObject({ by: { login: 'super', name: 'Supervisor' } });
    const seen = tv.facts().find((f) => f.type === 'counter:paused');
    expect(seen).not.toHaveProperty('by');
    expect(JSON.stringify(tv.events)).not.toContain('Supervisor');
    // The event log keeps it too (sync:since and GET /api/events for staff).
    const events = await s.call('GET', '/api/events?since=0', { token: sup });
    expect(events.body.facts.find((f: any) => f.type === 'counter:paused')).toMatchObject({ by: { login: 'super' } });
  });
});
