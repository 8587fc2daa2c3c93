/**
 * Issue 10 §4: each audience receives its own projection of the hall (shared/src/audience.ts,
 * server/src/realtime/audience.ts). For every role and every way the hall reaches a client (socket
 * snapshot and facts, sync:since, GET /api/queue, /api/events, /api/counters), the test lists
 * exactly the fields it may see, and checks that no staff secret appears anywhere in what a
 * device was sent.
 */
import { DISPLAY_COUNTER_FIELDS, DISPLAY_TICKET_FIELDS, type Snapshot } from '@qms/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { Recorder, ask } from '../realtime/recorder.js';
import { hallParts } from './hall.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.stop();
});

const PAUSE_REASON = 'Visiting the doctor upstairs';
const CLIENT_REF = 'visitor-request-secret-1';


const sorted = (keys: readonly string[]) => [...keys].sort();

/** A hall with something of everything a device must not learn: a priority visitor called, a paused counter, a proposal. */
async function busyHall() {
  const op1 = await s.login('op1');
  const sup = await s.login('super');
  const priority = (await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport', lane: 'priority', categoryId: 'disability', clientRef: CLIENT_REF } })).body.ticket;
  const waiting = (await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } })).body.ticket;
  await s.call('POST', '/api/counters/1/claim', { token: op1 });
  await s.call('POST', '/api/counters/1/call-next', { token: op1 });
  // The supervisor takes counter 2 (op2 is not trained for all it serves) and pauses it.
  expect((await s.call('POST', '/api/counters/2/claim', { token: sup })).status).toBe(200);
  expect((await s.call('POST', '/api/counters/2/pause', { token: sup, body: { reason: PAUSE_REASON } })).status).toBe(200);
  const rt = s.app.deps.hub.get('c1');
  rt.record(
    [{ type: 'balance:proposed', proposal: { id: 'p1', kind: 'merge', counterId: '3', serviceId: 'passport', services: [{ serviceId: 'passport', role: 'primary' }], reason: 'Counter 3 also serves Passport', why: { id: 'merge', counter: '3', services: ['passport'], ticket: 'A002', priority: false, serviceId: 'passport', waitedMin: 5, expectedMin: 20, targetMin: 15 }, predictedWaitMin: 20, targetMin: 15, createdAt: s.clock.now } }],
    'staff:super',
  );
  return { op1, sup, secrets: [priority.id, waiting.id, CLIENT_REF, '"op1"', '"super"', PAUSE_REASON, 'Counter 3 also serves'] };
}

describe('what each audience sees', () => {
  it('a display: calls, counters and loads; never an id, a login, a reason, a lane or a category, nor a proposal', async () => {
    const tv = new Recorder(s.socket(DISPLAY_TOKEN));
    await tv.next('snapshot', 0);
    const hall = await busyHall();
    await tv.waitFor((e) => e.event === 'fact' && e.payload.seq === 7);
    const sync = await ask(tv.socket, 'sync:since', { seq: 0 });
    const again = new Recorder(s.socket(DISPLAY_TOKEN));
    const { payload: snapshot } = await again.next('snapshot', 0);
    const rest = [
      (await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN })).body,
      (await s.call('GET', '/api/events?since=0', { token: DISPLAY_TOKEN })).body,
      (await s.call('GET', '/api/counters', { token: DISPLAY_TOKEN })).body,
    ];
    const received = [...tv.events.map((e) => e.payload), sync, snapshot, ...rest.map((r) => (Array.isArray(r) ? { counters: r } : r))];

    const { tickets, counters } = hallParts(received);
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) expect(sorted(Object.keys(t))).toEqual(sorted(DISPLAY_TICKET_FIELDS));
    for (const c of counters) expect(sorted(Object.keys(c))).toEqual(sorted(DISPLAY_COUNTER_FIELDS));
    const text = JSON.stringify(received);
    for (const secret of hall.secrets) expect(text, secret).not.toContain(secret);
    // Facts it may not read still hold their place in the sequence, so it never sees a gap.
    expect(tv.facts().map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(tv.facts().map((f) => f.type)).toEqual(['hidden', 'hidden', 'counter:opened', 'ticket:called', 'counter:opened', 'counter:paused', 'hidden']);
    expect((snapshot as Snapshot).balance.proposals).toEqual([]);
    // What the TV needs is there: the call, its counter, the queue counts.
    expect(tv.facts()[3]).toMatchObject({ ticket: { number: 'A001', counterId: '1', status: 'called' }, counter: { number: '1' } });
    expect((snapshot as Snapshot).loads).toContainEqual(expect.objectContaining({ serviceId: 'property', waiting: 1 }));
  });

  it('a kiosk: the catalogue and the loads, no counter and no ticket', async () => {
    const kiosk = new Recorder(s.socket(KIOSK_TOKEN));
    await kiosk.next('snapshot', 0);
    const hall = await busyHall();
    await kiosk.waitFor((e) => e.event === 'fact' && e.payload.seq === 7);
    const sync = await ask(kiosk.socket, 'sync:since', { seq: 0 });
    const queue = (await s.call('GET', '/api/queue', { token: KIOSK_TOKEN })).body as Snapshot;
    const events = (await s.call('GET', '/api/events?since=0', { token: KIOSK_TOKEN })).body;
    expect(queue).toMatchObject({ counters: [], tickets: [], etas: {}, balance: { proposals: [] } });
    expect(queue.services.length).toBe(3);
    expect(queue.loads).toContainEqual(expect.objectContaining({ serviceId: 'property', waiting: 1 }));
    expect(new Set([...kiosk.facts(), ...events.facts].map((f: { type: string }) => f.type))).toEqual(new Set(['hidden']));
    const text = JSON.stringify([kiosk.events.map((e) => e.payload), sync, queue, events]);
    for (const secret of hall.secrets) expect(text, secret).not.toContain(secret);
    // A kiosk's own ticket comes back whole to it (its QR code needs the id), to nobody else.
    const own = await ask(kiosk.socket, 'ticket:issue', { serviceId: 'benefits' });
    expect(own).toMatchObject({ ok: true, data: { ticket: { id: expect.any(String), lane: 'normal' } } });
  });

  it('staff: everything, whole', async () => {
    const sup = await s.login('super');
    const screen = new Recorder(s.socket(sup));
    await screen.next('snapshot', 0);
    await busyHall();
    await screen.waitFor((e) => e.event === 'fact' && e.payload.seq === 7);
    expect(screen.facts().map((f) => f.type)).toEqual(['ticket:issued', 'ticket:issued', 'counter:opened', 'ticket:called', 'counter:opened', 'counter:paused', 'balance:proposed']);
    const text = JSON.stringify(screen.events);
    for (const needed of [CLIENT_REF, 'op1', PAUSE_REASON, 'disability', 'Counter 3 also serves']) expect(text).toContain(needed);
  });

  it("a display's snapshot does not grow with the queue", async () => {
    const before = JSON.stringify((await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN })).body).length;
    const sup = await s.login('super');
    for (let i = 0; i < 60; i++) await s.call('POST', '/api/tickets', { token: sup, body: { serviceId: 'property' } });
    const after = (await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN })).body as Snapshot;
    expect(after.tickets).toEqual([]);
    // Only the waiting counts changed.
    expect(JSON.stringify(after).length).toBeLessThan(before + 100);
    const staff = JSON.stringify((await s.call('GET', '/api/queue', { token: sup })).body).length;
    expect(staff).toBeGreaterThan(before + 60 * 300);
  });
});
