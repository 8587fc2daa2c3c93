/**
 * The "Harden" list on the wire: security headers, no CORS for other origins (Express sends
 * none, Socket.IO is same-origin only), request size limits on both transports, and passwords
 * stored only as scrypt hashes.
 */
import express from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetFor } from '../../server/src/http/security-headers.js';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { next } from '../helpers/server.js';
import { ask, startOps, type OpsServer } from './harness.js';

let s: OpsServer;
beforeAll(async () => {
  s = await startOps();
});
afterAll(async () => {
  await s.stop();
});

const EVIL = 'https://evil.example';

describe('security headers', () => {
  it('sends helmet headers on API answers and no x-powered-by', async () => {
    const { headers } = await s.call('GET', '/api/health');
    const csp = headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('asks browsers to upgrade to HTTPS only when the request came over HTTPS', async () => {
    // Plain HTTP on the LAN: an upgrade would send the kiosk's scripts to a port without TLS.
    expect((await s.call('GET', '/api/health')).headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    // Behind the local TLS proxy (trusted from loopback), the directive and HSTS are sent.
    const proxied = await s.call('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('are exactly the headers helmet itself sends, over HTTP and over HTTPS (computed once, not per request)', async () => {
    // helmet run on every request, as it is usually mounted, next to the copy the server sends.
    const plain = express();
    plain.set('trust proxy', 'loopback');
    plain.use((req, res, next) => helmetFor(req.secure)(req, res, next));
    plain.get('/', (_req, res) => void res.json({}));
    const server = plain.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const ours = (h: Headers) => [...h].filter(([name]) => !TRANSPORT.has(name));
    try {
      for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
        const reference = await fetch(`http://127.0.0.1:${port}/`, { headers });
        const served = await s.call('GET', '/api/health', { headers });
        expect(ours(served.headers)).toEqual(ours(reference.headers));
      }
    } finally {
      server.close();
    }
  });
});

/** What every HTTP answer carries whatever its security: not helmet's business. */
const TRANSPORT = new Set(['connection', 'content-length', 'content-type', 'date', 'etag', 'keep-alive']);

describe('CORS: other origins get nothing', () => {
  it('a cross-origin preflight gets no Access-Control-Allow-* headers', async () => {
    const res = await s.call('OPTIONS', '/api/tickets', { headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    for (const h of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-allow-credentials']) expect(res.headers.get(h), h).toBeNull();
  });

  it('a cross-origin read gets its answer without Access-Control-Allow-Origin, so the browser withholds it', async () => {
    const res = await s.call('GET', '/api/services', { headers: { origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('Socket.IO sends no CORS headers to another origin', async () => {
    const handshake = await s.call('GET', '/socket.io/?EIO=4&transport=polling', { headers: { origin: EVIL } });
    expect(handshake.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await s.call('OPTIONS', '/socket.io/?EIO=4&transport=polling', { headers: { origin: EVIL, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request size limits', () => {
  it('refuses a JSON body over 1 MB with 413 and the one error shape', async () => {
    const res = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('drops a socket that sends a message over 64 KB; smaller ones are answered', async () => {
    const kiosk = s.socket(KIOSK_TOKEN);
    await next(kiosk, 'snapshot');
    expect((await ask(kiosk, 'ticket:issue', { serviceId: 'x'.repeat(30_000) })).ok).toBe(false);
    const gone = new Promise<string>((resolve) => kiosk.once('disconnect', resolve));
    kiosk.emit('ticket:issue', { serviceId: 'x'.repeat(100_000) } as never, () => {});
    expect(await gone).toBe('transport close');
  });
});

it('stores passwords only as scrypt hashes', async () => {
  const admin = await s.login('admin');
  const { body } = await s.call('GET', '/api/admin/config?secrets=include', { token: admin });
  expect(body.staff.length).toBeGreaterThan(0);
  for (const person of body.staff) {
    expect(person.password).toBeUndefined();
    expect(person.passwordHash).toMatch(/^scrypt\$/);
  }
});
