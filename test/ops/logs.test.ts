/**
 * Request logs: one line per request with route pattern, status and duration, and nothing
 * personal or secret. The server logs into a capture stream through a whole working session:
 * logins (one failed), a device pairing, tickets issued, looked up, called and cancelled, staff
 * created, changed and removed.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { startOps, type OpsServer } from './harness.js';

let s: OpsServer;
let stopped: Promise<void> | undefined;
let captured = '';
beforeEach(async () => {
  captured = '';
  stopped = undefined;
  const log = pino({ level: 'debug' }, { write: (line: string) => void (captured += line) });
  s = await startOps({ log });
});
afterEach(async () => {
  await (stopped ?? s.stop());
});

it('logs every request by pattern, status and duration, and no secret or personal data', async () => {
  const must = async (status: number, method: string, path: string, o: { token?: string; body?: unknown } = {}) => {
    const res = await s.call(method, path, o);
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
    return res.body;
  };
  const secrets: string[] = [PASSWORD, KIOSK_TOKEN];
  const admin = await s.login('admin');
  secrets.push(admin);

  // A person with a distinctive name and login: neither may appear.
  const person = { login: 'zelda.kovacs', name: 'Zelda Kovacs', password: 'zelda-secret-pass-17' };
  await must(200, 'PUT', `/api/admin/staff/${person.login}`, { token: admin, body: { name: person.name, role: 'operator', password: person.password, services: ['passport'] } });
  await must(401, 'POST', '/api/auth/login', { body: { login: person.login, password: 'wrong-guess-pass-42' } });
  await must(401, 'POST', '/api/auth/login', { body: { login: 'nobody.here', password: 'another-guess-99' } });
  const op = (await must(200, 'POST', '/api/auth/login', { body: { login: person.login, password: person.password } })).token as string;
  secrets.push(op, person.login, person.name, 'Zelda', 'Kovacs', person.password, 'wrong-guess-pass-42', 'nobody.here', 'another-guess-99');

  // Pairing a new kiosk: the code and the token it yields are secrets.
  const { pairing } = await must(201, 'POST', '/api/admin/devices', { token: admin, body: { id: 'kiosk-hall-2', kind: 'kiosk', name: 'Hall kiosk 2' } });
  const paired = await must(200, 'POST', '/api/devices/pair', { body: { code: pairing.code } });
  secrets.push(pairing.code, paired.token);

  // Tickets: ids are capabilities (the status page), numbers need not be logged either.
  const tickets = [];
  for (const token of [KIOSK_TOKEN, paired.token, KIOSK_TOKEN]) tickets.push((await must(201, 'POST', '/api/tickets', { token, body: { serviceId: 'passport' } })).ticket);
  await must(200, 'GET', `/api/tickets/${tickets[0].id}`);
  await must(200, 'POST', '/api/counters/1/claim', { token: op });
  await must(200, 'POST', '/api/counters/1/call-next', { token: op });
  await must(200, 'POST', `/api/tickets/${tickets[2].id}/cancel`, { token: op });
  await must(200, 'POST', '/api/counters/1/complete', { token: op });
  secrets.push(...tickets.flatMap((t) => [t.id, t.number]));

  // Staff changes: a new password ends the session; then the person is removed.
  await must(200, 'PUT', `/api/admin/staff/${person.login}`, { token: admin, body: { name: person.name, role: 'operator', password: 'zelda-newer-pass-18', services: ['passport'] } });
  await must(401, 'GET', '/api/auth/me', { token: op });
  await must(200, 'DELETE', `/api/admin/staff/${person.login}`, { token: admin });
  await must(200, 'GET', '/metrics');
  secrets.push('zelda-newer-pass-18');

  // Stopped before reading: every request's line is written once its response has closed.
  await (stopped = s.stop());

  for (const secret of secrets) {
    // Pairing codes are 6 digits: look for them as a whole number, not inside a timestamp.
    const pattern = new RegExp(`(?<![0-9])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`);
    expect(pattern.test(captured), `the log contains "${secret}"`).toBe(false);
  }
  expect(captured).not.toMatch(/127\.0\.0\.1|authorization|bearer|password|user-agent/i);

  const lines = captured.trim().split('\n').map((l) => JSON.parse(l));
  const requests = lines.filter((l) => l.msg === 'request');
  expect(requests.length).toBe(lines.length);
  expect(requests.length).toBe(19);
  for (const r of requests) {
    expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['method', 'route', 'status', 'ms', 'who']));
    expect(r.ms).toBeGreaterThanOrEqual(0);
  }
  const line = (method: string, route: string, status: number) => requests.filter((r) => r.method === method && r.route === route && r.status === status);
  expect(line('POST', '/api/auth/login', 401)).toHaveLength(2);
  expect(line('POST', '/api/auth/login', 401)[0]).toMatchObject({ who: 'anonymous' });
  expect(line('PUT', '/api/admin/staff/:login', 200)).toEqual([expect.objectContaining({ who: 'staff', role: 'admin' }), expect.objectContaining({ who: 'staff', role: 'admin' })]);
  expect(line('POST', '/api/tickets', 201).map((r) => r.device)).toEqual(['kiosk', 'kiosk-hall-2', 'kiosk']);
  expect(line('GET', '/api/tickets/:ticketId', 200)).toEqual([expect.objectContaining({ who: 'anonymous', level: 30 })]);
  expect(line('POST', '/api/tickets/:ticketId/cancel', 200)).toEqual([expect.objectContaining({ who: 'staff', role: 'operator' })]);
  expect(line('POST', '/api/counters/:counterId/call-next', 200)).toHaveLength(1);
  // The scrape is logged at debug, so that it does not drown the rest at the default level.
  expect(line('GET', '/metrics', 200)).toEqual([expect.objectContaining({ level: 20 })]);
});
