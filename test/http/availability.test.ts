/** Issue 11: GET /api/services says, per service, whether a visitor may take a ticket now, and when it opens. */
import { afterEach, describe, expect, it } from 'vitest';
import { nextOpening } from '@qms/shared';
import { testCenter } from '../helpers/center.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const availability = async () => (await s!.call('GET', '/api/services')).body.availability as { serviceId: string; servedNow: boolean; opensAt: number | null }[];
const byId = async () => Object.fromEntries((await availability()).map((a) => [a.serviceId, a]));

describe('GET /api/services availability', () => {
  it('no service is served while every counter is closed; a staffed counter serves its plan and what it can be switched to', async () => {
    s = await startServer();
    expect(await availability()).toEqual([
      { serviceId: 'passport', servedNow: false, opensAt: null },
      { serviceId: 'property', servedNow: false, opensAt: null },
      { serviceId: 'benefits', servedNow: false, opensAt: null },
    ]);
    // Counter 1 plans passport and can be switched to property.
    const op1 = await s.login('op1');
    expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    expect(await byId()).toMatchObject({ passport: { servedNow: true }, property: { servedNow: true }, benefits: { servedNow: false } });
    // A counter on a break still serves: it comes back.
    const sup = await s.login('super');
    expect((await s.call('POST', '/api/counters/4/claim', { token: sup })).status).toBe(200);
    expect((await s.call('POST', '/api/counters/4/pause', { token: sup, body: { reason: 'lunch' } })).status).toBe(200);
    expect((await byId()).benefits).toEqual({ serviceId: 'benefits', servedNow: true, opensAt: null });
    // Closed again: not served.
    expect((await s.call('POST', '/api/counters/1/release', { token: op1 })).status).toBe(200);
    expect(await byId()).toMatchObject({ passport: { servedNow: true }, property: { servedNow: false } });
  });

  it('a service set to accept tickets anyway is offered with no counter staffed, within its hours only', async () => {
    const config = testCenter();
    config.services[0] = { ...config.services[0]!, acceptWhenUnstaffed: true };
    config.services[2] = { ...config.services[2]!, acceptWhenUnstaffed: true, hours: { wed: [{ from: '09:30', to: '12:00' }] } };
    s = await startServer({ config });
    expect(await byId()).toMatchObject({ passport: { servedNow: true }, property: { servedNow: false }, benefits: { servedNow: false } });
    // And the kiosk may take one: it waits, its wait unknown, until a counter opens.
    const t = await s.call('POST', '/api/tickets', { token: 'test-kiosk-token', body: { serviceId: 'passport' } });
    expect(t).toMatchObject({ status: 201, body: { eta: { position: 1, etaMin: null } } });
  });

  it('outside its hours a service is not served, and says when it opens next (its own hours, else the center’s)', async () => {
    const config = testCenter();
    // T0 is Monday 10:00 in Moscow.
    config.services[1] = { ...config.services[1]!, hours: { mon: [{ from: '08:00', to: '09:00' }, { from: '14:00', to: '18:00' }] } };
    config.services[2] = { ...config.services[2]!, hours: { wed: [{ from: '09:30', to: '12:00' }] } };
    s = await startServer({ config });
    const op1 = await s.login('op1');
    expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    const a = await byId();
    expect(a.passport).toEqual({ serviceId: 'passport', servedNow: true, opensAt: null });
    expect(a.property).toEqual({ serviceId: 'property', servedNow: false, opensAt: T0 + 4 * 3_600_000 });
    expect(a.benefits).toEqual({ serviceId: 'benefits', servedNow: false, opensAt: T0 + 2 * 24 * 3_600_000 - 30 * 60_000 });
  });

  it('nextOpening: no hours at all is null; Monday 10:00 at Monday 10:00 is next week', () => {
    expect(nextOpening({ hours: {}, closedDays: [] }, T0, 'Europe/Moscow')).toBeNull();
    expect(nextOpening({ hours: { mon: [{ from: '10:00', to: '11:00' }] }, closedDays: [] }, T0, 'Europe/Moscow')).toBe(T0 + 7 * 24 * 3_600_000);
  });
});

describe('GET /api/services publicUrl', () => {
  it('gives the configured public address for the QR code, and a bad one is refused', async () => {
    const config = testCenter();
    s = await startServer({ config: { ...config, center: { ...config.center, publicUrl: 'https://queue.example.org' } } });
    expect((await s.call('GET', '/api/services')).body.center.publicUrl).toBe('https://queue.example.org');
    const admin = await s.login('admin');
    const exported = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    const bad = await s.call('PUT', '/api/admin/config', { token: admin, body: { ...exported, center: { ...exported.center, publicUrl: 'javascript:alert(1)' } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('center.publicUrl');
  });
});
