/**
 * X-Forwarded-For is the client's text (issue 10, section 5). From loopback the server believes
 * it, as it must behind the local TLS proxy; a malformed value made express-rate-limit print a
 * stack with that value to stderr, and keyed the login limit by it (a new value, a new bucket).
 * Nothing a client sends may reach the logs raw, and the limit applies per real address.
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientAddress } from '../../server/src/http/client-address.js';
import { raw } from '../security/raw-http.js';
import { startOps, type OpsServer } from './harness.js';

const MARK = 'xff-marker-7f3a';
/** Malformed as a proxy would never send them; each carries the marker, which must appear nowhere. */
const MALFORMED = [MARK, `${MARK}, ${MARK}`, `1.2.3.4.${MARK}`, `::ffff:${MARK}`, `<script>${MARK}</script>`, `10.0.0.1:8080${MARK}`, `fe80::1%${MARK}`, `${'a'.repeat(2_000)}${MARK}`];

let s: OpsServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await s?.stop();
  s = undefined;
});

/** Everything the process writes to its console and the server's log, from now on. */
function capture(): { text: () => string; log: Logger } {
  const seen: string[] = [];
  const keep = (...args: unknown[]) => void seen.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
  for (const method of ['error', 'warn', 'log', 'info', 'debug'] as const) vi.spyOn(console, method).mockImplementation(keep);
  for (const stream of [process.stderr, process.stdout]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      seen.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  const sink = new Writable({ write: (chunk, _enc, done) => (seen.push(String(chunk)), done()) });
  return { text: () => seen.join('\n'), log: pino({ level: 'trace' }, sink) };
}

const login = (server: OpsServer, forwardedFor?: string) =>
  raw(server.url, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json', ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ login: 'op1', password: 'wrong-password' }),
  });

describe('a malformed X-Forwarded-For from loopback', () => {
  it('reaches neither stderr, stdout nor the log, and the login limit still counts the real address', async () => {
    const out = capture();
    s = await startOps({ log: out.log });
    // The first request decides what express-rate-limit's once-only checks print: a malformed one.
    for (let i = 0; i < 30; i++) {
      const reply = await login(s, MALFORMED[i % MALFORMED.length]!.replace(MARK, `${MARK}-${i}`));
      expect(reply.status, reply.text).toBe(401);
    }
    // 30 attempts from one real address (this test's loopback, whatever the header said): the next is refused...
    const refused = await login(s, `${MARK}-new`);
    expect([refused.status, refused.json?.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await login(s)).status).toBe(429);
    // ...while a real address forwarded by the proxy is another client.
    expect((await login(s, '203.0.113.9')).status).toBe(401);
    expect((await login(s, `${MARK}, 203.0.113.10`)).status).toBe(401);

    expect(out.text()).not.toContain(MARK);
    // The requests were logged (so the capture works), by route pattern only.
    expect(out.text()).toContain('"route":"/api/auth/login"');
  });
});

describe('clientAddress', () => {
  it('believes X-Forwarded-For only from loopback, hop by hop from the right, and only addresses', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::1', '2001:db8::1')).toBe('2001:db8::1');
    // Another machine is not a proxy of ours: its header is ignored.
    expect(clientAddress('198.51.100.2', '203.0.113.9')).toBe('198.51.100.2');
    expect(clientAddress('::ffff:198.51.100.2', undefined)).toBe('198.51.100.2');
    // The client's own claims left of the proxy's entry are not believed; a chain of local proxies is walked.
    expect(clientAddress('127.0.0.1', '1.1.1.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '203.0.113.9, 127.0.0.1')).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', ['203.0.113.9', '127.0.0.2'])).toBe('203.0.113.9');
    // Text that is no address ends the walk at the last real one.
    for (const bad of MALFORMED) expect(clientAddress('127.0.0.1', bad)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', `203.0.113.9, ${MARK}`)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '203.0.113.9')).toBe('unknown');
  });
});
