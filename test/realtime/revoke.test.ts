import { afterEach, beforeEach, expect, it } from 'vitest';
import { DISPLAY_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.stop();
});

const disconnected = (sock: ReturnType<TestServer['socket']>) => new Promise<string>((resolve) => sock.once('disconnect', resolve));

it('re-pairing a display closes its open socket at once', async () => {
  const tv = s.socket(DISPLAY_TOKEN);
  await next(tv, 'snapshot');
  const gone = disconnected(tv);
  const admin = await s.login('admin');
  expect((await s.call('POST', '/api/admin/devices/tv/pairing', { token: admin })).status).toBe(201);
  expect(await gone).toBe('io server disconnect');
});

it('logging out closes that session’s sockets and leaves others open', async () => {
  const t1 = await s.login('op1');
  const t2 = await s.login('op2');
  const a = s.socket(t1);
  const b = s.socket(t2);
  await Promise.all([next(a, 'snapshot'), next(b, 'snapshot')]);
  const gone = disconnected(a);
  await s.call('POST', '/api/auth/logout', { token: t1 });
  expect(await gone).toBe('io server disconnect');
  expect(b.connected).toBe(true);
});

it('a configuration change is followed by a fresh snapshot at the new sequence number', async () => {
  const tv = s.socket(DISPLAY_TOKEN);
  const first = await next(tv, 'snapshot');
  const admin = await s.login('admin');
  const fact = next(tv, 'fact');
  const snap = next(tv, 'snapshot');
  await s.call('PUT', '/api/admin/services/visa', { token: admin, body: { prefix: 'V', names: { en: 'Visa' } } });
  expect(await fact).toMatchObject({ type: 'config:changed', seq: first.seq + 1 });
  const fresh = await snap;
  expect(fresh.seq).toBe(first.seq + 1);
  expect(fresh.services.map((x) => x.id)).toContain('visa');
});
