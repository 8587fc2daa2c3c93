/**
 * Every connection ends, and there are never more than the cap (issue 10, section 5). A probe
 * opened connections that sent half a request and never read: after Node's header timeout the
 * server answered 400 but only half-closed, so each kept a file descriptor for ever. Timeouts are
 * shortened here (the defaults are 20 s for headers, 2 min idle) so that nothing waits long.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMaxConnections } from '../../server/src/http/connections.js';
import { DISPLAY_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

// The idle timeout is left long except where it is the subject: it would otherwise close the half-closed sockets too.
const FAST = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, idleTimeoutMs: 60_000, closeGraceMs: 100 };
const IDLE_MS = 400;

let s: TestServer | undefined;
const clients: Socket[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await s?.stop();
  s = undefined;
});

/** A raw TCP client that reads nothing unless asked (paused): it never drains what the server writes. */
async function rawClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const c = connect({ host: hostname, port: Number(port) });
  c.pause();
  c.on('error', () => {});
  clients.push(c);
  await new Promise((resolve) => c.once('connect', resolve));
  return c;
}

/** Connections the server holds open now (its descriptors). */
const open = (server: TestServer) => new Promise<number>((resolve, reject) => server.app.http.getConnections((err, n) => (err ? reject(err) : resolve(n))));

async function until(cond: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (!(await cond())) {
    if (performance.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await delay(20);
  }
  return performance.now() - start;
}

/** Read everything the server sent, once the client decides to read. */
function readAll(c: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    c.on('data', (d: Buffer) => (text += d.toString()));
    c.once('close', () => resolve(text));
    c.resume();
  });
}

describe('idle and half-sent connections', () => {
  it('a client that sends half a request and never reads is answered 408 and its socket destroyed within the header timeout', async () => {
    s = await startServer({ app: { connections: FAST } });
    const server = s;
    const c = await rawClient(server.url);
    c.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: app');
    await until(async () => (await open(server)) === 1, 1000);
    // Fully closed on the server's side, although this client neither reads nor closes.
    const ms = await until(async () => (await open(server)) === 0, FAST.headersTimeoutMs + FAST.closeGraceMs + 1500);
    expect(ms).toBeLessThan(FAST.headersTimeoutMs + FAST.closeGraceMs + 1500);
    expect(c.destroyed).toBe(false);
    // What it would have read: the one error shape.
    const text = await readAll(c);
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request did not arrive in time; send it again.' } });
  });

  it('a client that connects and sends nothing is let go too', async () => {
    s = await startServer({ app: { connections: FAST } });
    const server = s;
    await rawClient(server.url);
    await until(async () => (await open(server)) === 1, 1000);
    await until(async () => (await open(server)) === 0, FAST.headersTimeoutMs + FAST.closeGraceMs + 1500);
  });

  it('a client that stops reading answers is destroyed once nothing has moved for the idle timeout', async () => {
    s = await startServer({ app: { connections: { ...FAST, idleTimeoutMs: IDLE_MS } } });
    const server = s;
    const c = await rawClient(server.url);
    // Far more than the socket buffers hold: the server's writes back up and stop.
    c.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(400));
    await until(async () => (await open(server)) === 0, IDLE_MS + 3000);
  });

  it('an upgrade to anything but Socket.IO is refused in the error shape and closed', async () => {
    s = await startServer({ app: { connections: FAST } });
    const server = s;
    const c = await rawClient(server.url);
    c.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await until(async () => (await open(server)) === 0, FAST.closeGraceMs + 1500);
    const text = await readAll(c);
    expect(text).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe('NOT_FOUND');
  });

  it('a Socket.IO connection is not an idle one: it outlives the idle and header timeouts', async () => {
    s = await startServer({ app: { connections: { ...FAST, idleTimeoutMs: IDLE_MS } } });
    const tv = s.socket(DISPLAY_TOKEN);
    await next(tv, 'snapshot');
    await delay(IDLE_MS * 3);
    expect(tv.connected).toBe(true);
    expect((await s.call('GET', '/api/health')).status).toBe(200);
  });
});

describe('the cap on connections', () => {
  it('closes connections beyond it at once, serves the others, and takes new ones when some close', async () => {
    s = await startServer({ app: { connections: { maxConnections: 3 } } });
    const server = s;
    const held = await Promise.all([rawClient(server.url), rawClient(server.url), rawClient(server.url)]);
    await until(async () => (await open(server)) === 3, 1000);
    const extra = await rawClient(server.url);
    await new Promise((resolve) => extra.once('close', resolve).resume());
    expect(await open(server)).toBe(3);

    // The ones inside the cap are served.
    held[0]!.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await readAll(held[0]!)).toMatch(/^HTTP\/1\.1 200 OK/);
    await until(async () => (await open(server)) === 2, 1000);
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  });

  it('defaults to what the descriptor limit leaves, at most 5,000', () => {
    const limits = (soft: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 65536                files\n`;
    expect(defaultMaxConnections(limits('1024'))).toBe(857);
    expect(defaultMaxConnections(limits('65536'))).toBe(5_000);
    expect(defaultMaxConnections(limits('unlimited'))).toBe(5_000);
    expect(defaultMaxConnections(limits('64'))).toBe(16);
    expect(defaultMaxConnections('')).toBe(1_000);
    expect(defaultMaxConnections()).toBeGreaterThanOrEqual(16);
  });
});
