/**
 * The center's rules for joining from a phone (issue 14, docs/SPEC.md V1–V5) as Settings edits
 * them: GET/PUT /api/admin/remote changes that part alone, a bad one is refused and changes
 * nothing, and the join page, the hall poster and the phone page follow at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
afterEach(async () => {
  await server?.stop();
});

function center() {
  const cfg = testCenter();
  cfg.services[0]!.remote = { enabled: true };
  return cfg;
}

describe("the center's rules for joining from a phone (Settings)", () => {
  it('an admin replaces them alone; a bad one is refused with a message and changes nothing; the join page and the poster follow', async () => {
    server = await startServer({ config: center() });
    const admin = await server.login('admin');
    const before = (await server.call('GET', '/api/admin/remote', { token: admin })).body;
    expect(before).toEqual({ graceMin: 10, perDevicePerDay: 2, perPhonePerDay: 2, askPhone: 'off', alertPeople: 3, alertMinutes: 10 });
    const derived = (await server.call('GET', '/api/admin/remote/posters', { token: admin })).body.hallCode;

    const rules = { graceMin: 15, perDevicePerDay: 3, perPhonePerDay: 1, askPhone: 'required', hallCode: 'HALL2026X', alertPeople: 5, alertMinutes: 20 };
    expect(await server.call('PUT', '/api/admin/remote', { token: admin, body: rules })).toMatchObject({ status: 200, body: rules });
    for (const bad of [{ ...rules, graceMin: 0 }, { ...rules, askPhone: 'maybe' }, { ...rules, hallCode: 'ab-c' }, { ...rules, extra: 1 }]) {
      const res = await server.call('PUT', '/api/admin/remote', { token: admin, body: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect((await server.call('GET', '/api/admin/remote', { token: admin })).body).toEqual(rules);
    // What the appointment rules and the rest of the center were is untouched.
    expect((await server.call('GET', '/api/admin/appointments', { token: admin })).body).toMatchObject({ checkInEarlyMin: 30 });

    expect((await server.call('GET', '/api/join/c1')).body).toMatchObject({ askPhone: 'required', graceMin: 15 });
    const posters = (await server.call('GET', '/api/admin/remote/posters', { token: admin })).body;
    expect(posters).toMatchObject({ hallCode: 'HALL2026X', hallUrl: '/join/here?center=c1&h=HALL2026X' });

    // Without a code of its own the poster goes back to the one derived from the server's secret.
    const { hallCode: _h, ...without } = rules;
    expect((await server.call('PUT', '/api/admin/remote', { token: admin, body: without })).body).toEqual(without);
    expect((await server.call('GET', '/api/admin/remote/posters', { token: admin })).body.hallCode).toBe(derived);
  });

  it('a supervisor reads them; only an admin changes them', async () => {
    server = await startServer({ config: center() });
    const supervisor = await server.login('super');
    expect((await server.call('GET', '/api/admin/remote', { token: supervisor })).status).toBe(200);
    const res = await server.call('PUT', '/api/admin/remote', { token: supervisor, body: { graceMin: 5 } });
    expect(res.status).toBe(403);
    expect((await server.call('GET', '/api/admin/remote', { token: supervisor })).body.graceMin).toBe(10);
  });
});
