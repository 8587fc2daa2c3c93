/**
 * Races: many counters pressing "call next" at the same instant and many kiosks issuing at once,
 * over HTTP and Socket.IO together, against one real server. Whatever the interleaving, no ticket
 * is called twice or held by two counters, every acknowledged ticket exists, and each service's
 * numbers run 1..n without a gap or a duplicate. The event log tells the same story.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fact, Ticket } from '@qms/shared';
import { tokenHash } from '../../server/src/auth/passwords.js';
import { PASSWORD, testCenter } from '../helpers/center.js';
import { next, startServer, type ClientSocket, type TestServer } from '../helpers/server.js';
import { ask } from './recorder.js';

const COUNTERS = 12;
const KIOSKS = 10;
const SERVICES = ['passport', 'property', 'benefits'] as const;
const kioskToken = (k: number) => `race-kiosk-${k}-token`;

/** The test center grown to 12 counters that all serve everything, 12 operators and 10 kiosks. */
function raceCenter() {
  const cfg = testCenter();
  const all = SERVICES.map((serviceId) => ({ serviceId, role: 'primary' as const }));
  cfg.counters = Array.from({ length: COUNTERS }, (_, i) => ({ id: String(i + 1), number: String(i + 1), services: all }));
  cfg.staff = [
    ...(cfg.staff ?? []).filter((s) => s.role !== 'operator'),
    ...Array.from({ length: COUNTERS }, (_, i) => ({ login: `op${i + 1}`, name: `Operator ${i + 1}`, role: 'operator' as const, password: PASSWORD, services: [...SERVICES] })),
  ];
  cfg.devices = [
    ...(cfg.devices ?? []),
    ...Array.from({ length: KIOSKS }, (_, k) => ({ id: `k${k}`, kind: 'kiosk' as const, name: `Kiosk ${k}`, tokenHash: tokenHash(kioskToken(k)) })),
  ];
  return cfg;
}

let s: TestServer;
let ops: string[];
beforeEach(async () => {
  s = await startServer({ config: raceCenter() });
  ops = [];
  for (let i = 1; i <= COUNTERS; i++) {
    const token = await s.login(`op${i}`);
    expect((await s.call('POST', `/api/counters/${i}/claim`, { token })).status).toBe(200);
    ops.push(token);
  }
});
afterEach(async () => {
  await s.stop();
});

/** Half the clients speak HTTP, half Socket.IO: both paths meet in the same runtime. */
async function connected(tokens: string[]): Promise<ClientSocket[]> {
  const sockets = tokens.map((t) => s.socket(t));
  await Promise.all(sockets.map((x) => next(x, 'snapshot')));
  return sockets;
}

async function issueAtOnce(perKiosk: number): Promise<Ticket[]> {
  const sockets = await connected(Array.from({ length: KIOSKS / 2 }, (_, k) => kioskToken(k)));
  const requests: Promise<Ticket | string>[] = [];
  for (let k = 0; k < KIOSKS; k++) {
    for (let n = 0; n < perKiosk; n++) {
      const body = { serviceId: SERVICES[(k + n) % SERVICES.length]! };
      const socket = sockets[k];
      requests.push(
        socket
          ? ask<{ ticket: Ticket }>(socket, 'ticket:issue', body).then((r) => (r.ok ? r.data.ticket : `socket: ${r.error.code}`))
          : s.call('POST', '/api/tickets', { token: kioskToken(k), body }).then((r) => (r.status === 201 ? (r.body.ticket as Ticket) : `http ${r.status}`)),
      );
    }
  }
  const results = await Promise.all(requests);
  expect(results.filter((r) => typeof r === 'string')).toEqual([]);
  return results as Ticket[];
}

function expectGaplessNumbers(tickets: Ticket[]): void {
  for (const service of SERVICES) {
    const seqNos = tickets.filter((t) => t.issuedServiceId === service).map((t) => t.seqNo).sort((a, b) => a - b);
    expect(seqNos, service).toEqual(Array.from({ length: seqNos.length }, (_, i) => i + 1));
  }
  expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
  expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
}

/** Every fact of the center from the event log, in order. */
async function allFacts(): Promise<Fact[]> {
  const sup = await s.login('super');
  return (await s.call('GET', '/api/events?since=0&limit=10000', { token: sup })).body.facts as Fact[];
}

describe('races', () => {
  it('150 tickets from 10 kiosks at once: every one acknowledged, numbered 1..n per service', async () => {
    const tickets = await issueAtOnce(15);
    expect(tickets).toHaveLength(150);
    expectGaplessNumbers(tickets);
    const facts = await allFacts();
    const issued = facts.filter((f) => f.type === 'ticket:issued');
    expect(issued.map((f) => ('ticket' in f ? f.ticket.id : '')).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(facts.map((f) => f.seq)).toEqual(facts.map((_, i) => i + 1));
  });

  it('12 counters calling next at the same instant, round after round: no ticket called twice, none held twice', async () => {
    const tickets = await issueAtOnce(6); // 60 waiting
    const sockets = await connected(ops.slice(0, COUNTERS / 2));
    const callAt = (i: number): Promise<Ticket | null> => {
      const counterId = String(i + 1);
      const socket = sockets[i];
      const answer = socket
        ? ask<{ ticket: Ticket | null }>(socket, 'counter:call-next', { counterId }).then((r) => (r.ok ? r.data.ticket : r.error.code))
        : s.call('POST', `/api/counters/${counterId}/call-next`, { token: ops[i]!, body: {} }).then((r) => (r.status === 200 ? (r.body.ticket as Ticket) : r.body.error.code));
      return answer.then((t) => (typeof t === 'string' ? (t === 'QUEUE_EMPTY' ? null : Promise.reject(new Error(`counter ${counterId}: ${t}`))) : t));
    };
    const completeAt = (i: number) => s.call('POST', `/api/counters/${i + 1}/complete`, { token: ops[i]!, body: {} });

    const called: { ticket: Ticket; counter: number }[] = [];
    for (let round = 0; round < 10 && called.length < tickets.length; round++) {
      const answers = await Promise.all(Array.from({ length: COUNTERS }, (_, i) => callAt(i)));
      answers.forEach((t, i) => t && called.push({ ticket: t, counter: i + 1 }));
      // At every instant each counter holds at most one ticket and no ticket is at two counters.
      const queue = (await s.call('GET', '/api/queue', { token: ops[0]! })).body;
      const held = queue.counters.map((c: { currentTicketId: string | null }) => c.currentTicketId).filter(Boolean);
      expect(new Set(held).size).toBe(held.length);
      await Promise.all(answers.map((t, i) => (t ? completeAt(i) : undefined)));
    }
    expect(called).toHaveLength(tickets.length);
    expect(new Set(called.map((c) => c.ticket.id)).size).toBe(tickets.length);
    // Each call went to the counter that asked, and the log has exactly one call per ticket.
    for (const c of called) expect(c.ticket.counterId).toBe(String(c.counter));
    const calls = (await allFacts()).filter((f) => f.type === 'ticket:called');
    expect(calls).toHaveLength(tickets.length);
    expect(new Set(calls.map((f) => ('ticket' in f ? f.ticket.id : ''))).size).toBe(tickets.length);
  });

  it('kiosks issuing while counters call: every acknowledged ticket exists, served at most once, numbers gapless', async () => {
    const issuing = issueAtOnce(12);
    const calling = (async () => {
      const got: Ticket[] = [];
      for (let round = 0; round < 6; round++) {
        const answers = await Promise.all(
          ops.map((token, i) => s.call('POST', `/api/counters/${i + 1}/call-next`, { token, body: {} })),
        );
        for (const [i, r] of answers.entries()) {
          if (r.status !== 200) {
            expect(r.body.error.code).toBe('QUEUE_EMPTY');
            continue;
          }
          got.push(r.body.ticket);
          expect((await s.call('POST', `/api/counters/${i + 1}/complete`, { token: ops[i]!, body: {} })).status).toBe(200);
        }
      }
      return got;
    })();
    const [tickets, served] = await Promise.all([issuing, calling]);
    expectGaplessNumbers(tickets);
    expect(new Set(served.map((t) => t.id)).size).toBe(served.length);
    const known = new Set(tickets.map((t) => t.id));
    for (const t of served) expect(known.has(t.id)).toBe(true);
    const queue = (await s.call('GET', '/api/queue', { token: ops[0]! })).body;
    const waiting = queue.tickets.filter((t: Ticket) => t.status === 'waiting').length;
    expect(waiting + served.length).toBe(tickets.length);
  });
});
