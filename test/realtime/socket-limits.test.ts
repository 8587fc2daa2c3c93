/**
 * Socket.IO connections per token and per client address (issue 10, section 5): a probe opened
 * 2,000 connections with one display token and all were accepted. Over a limit the new connection
 * is refused with a sentence a person can act on; the ones already open are untouched; once one
 * closes, a new one is accepted (a TV that reloads reconnects).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '@qms/shared';
import { readEnv } from '../../server/src/env.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let s: TestServer | undefined;
const clients: Client[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.disconnect());
  await s?.stop();
  s = undefined;
});

/** A client as the hall apps connect, optionally behind the local proxy (X-Forwarded-For from loopback). */
function open(server: TestServer, token: string, forwardedFor?: string): Client {
  const c: Client = connect(server.url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}),
  });
  clients.push(c);
  return c;
}

/** Resolves with the snapshot, or rejects with the refusal the client was given. */
function admitted(c: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    c.once('snapshot', () => resolve());
    c.once('connect_error', reject);
  });
}

function refused(c: Client): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    c.once('snapshot', () => reject(new Error('was admitted')));
    c.once('connect_error', resolve);
  });
}

const connections = (server: TestServer) => new Promise<number>((resolve, reject) => server.app.http.getConnections((err, n) => (err ? reject(err) : resolve(n))));

async function until(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; !(await cond()); i++) {
    if (i > 100) throw new Error('condition not met in 2 s');
    await delay(20);
  }
}

/** The server lets go of a closed connection on its own time: try until one is admitted. */
async function admittedEventually(server: TestServer, token: string): Promise<Client> {
  for (let i = 0; i < 50; i++) {
    const c = open(server, token);
    try {
      await admitted(c);
      return c;
    } catch {
      await delay(20);
    }
  }
  throw new Error('never admitted');
}

describe('Socket.IO connections per token', () => {
  it('a display token holds at most N: the next is refused readably, the others go on, a closed one frees its place', async () => {
    const server = await startServer({ app: { sockets: { perDevice: 2 } } });
    s = server;
    const [a, b] = [open(server, DISPLAY_TOKEN), open(server, DISPLAY_TOKEN)];
    await Promise.all([admitted(a), admitted(b)]);

    const third = await refused(open(server, DISPLAY_TOKEN));
    expect(third.message).toMatch(/^This device is already connected 2 times, the most allowed: close it on the other screen or tab\./);
    expect(third.data?.code).toBe('RATE_LIMITED');
    // Its transport is closed by the server too: a client that would keep it open keeps no descriptor.
    await until(async () => (await connections(server)) === 2);
    // Another device is not held back by this one.
    await admitted(open(server, KIOSK_TOKEN));

    // The two already open still hear the hall.
    const facts = Promise.all([next(a, 'fact'), next(b, 'fact')]);
    const issued = await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    expect(issued.status).toBe(201);
    expect((await facts).map((f) => f.seq)).toEqual([issued.body.seq, issued.body.seq]);
    expect(a.connected && b.connected).toBe(true);

    // The TV reloads: its old connection closes, the new one is accepted.
    a.disconnect();
    await admittedEventually(server, DISPLAY_TOKEN);
    expect(b.connected).toBe(true);
    await refused(open(server, DISPLAY_TOKEN));
  });

  it('a staff session holds at most N (tabs of the counter app)', async () => {
    const server = await startServer({ app: { sockets: { perSession: 2 } } });
    s = server;
    const op1 = await server.login('op1');
    const tabs = [open(server, op1), open(server, op1)];
    await Promise.all(tabs.map(admitted));
    expect((await refused(open(server, op1))).message).toMatch(/^This login is already open in 2 tabs or windows, the most allowed: close one of them\.$/);
    // The same person's second session, and another person, are separate.
    await admitted(open(server, await server.login('op1')));
    await admitted(open(server, await server.login('op2')));
    tabs[0]!.disconnect();
    await admittedEventually(server, op1);
  });
});

describe('Socket.IO connections per client address', () => {
  it('counts the address the proxy forwarded (only from loopback, validated), whatever the tokens', async () => {
    const server = await startServer({ app: { sockets: { perAddress: 3 } } });
    s = server;
    const op1 = await server.login('op1');
    const first = [open(server, DISPLAY_TOKEN, '10.0.0.7'), open(server, KIOSK_TOKEN, '10.0.0.7'), open(server, op1, '192.0.2.1, 10.0.0.7')];
    await Promise.all(first.map(admitted));
    const over = await refused(open(server, await server.login('op2'), '10.0.0.7'));
    expect(over.message).toMatch(/^Too many connections from this network address \(3 at most\)/);
    expect(over.data?.code).toBe('RATE_LIMITED');
    // Another visitor behind the same proxy is another address.
    await admitted(open(server, DISPLAY_TOKEN, '10.0.0.8'));
    // A malformed header is not an address of its own: it counts as the proxy (here the test's loopback).
    for (const bad of ['not-an-ip', '::1%eth0', "'; DROP TABLE x"]) await admitted(open(server, KIOSK_TOKEN, bad));
    await refused(open(server, KIOSK_TOKEN, 'garbage'));
    first[0]!.disconnect();
    for (let i = 0; ; i++) {
      const c = open(server, DISPLAY_TOKEN, '10.0.0.7');
      try {
        await admitted(c);
        break;
      } catch (err) {
        if (i > 50) throw err;
        await delay(20);
      }
    }
  });
});

describe('QMS_SOCKETS_PER_*', () => {
  it('default to 4 per device, 4 per session and 50 per address; 0 turns a limit off; anything else stops the start', () => {
    expect(readEnv({})).toMatchObject({ QMS_SOCKETS_PER_DEVICE: 4, QMS_SOCKETS_PER_SESSION: 4, QMS_SOCKETS_PER_ADDRESS: 50 });
    expect(readEnv({ QMS_SOCKETS_PER_DEVICE: '0', QMS_SOCKETS_PER_ADDRESS: '200' })).toMatchObject({ QMS_SOCKETS_PER_DEVICE: 0, QMS_SOCKETS_PER_ADDRESS: 200 });
    for (const bad of ['', 'four', '-1', '2.5']) expect(() => readEnv({ QMS_SOCKETS_PER_SESSION: bad })).toThrow(/QMS_SOCKETS_PER_SESSION: expected a whole number/);
  });
});
