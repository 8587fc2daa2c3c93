import { afterEach, beforeEach, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';
import type { ClientSocket } from '../helpers/server.js';
import type { Fact } from '@qms/shared';

/** The next `n` facts a client receives. */
function collect(socket: ClientSocket, n: number): Promise<Fact[]> {
  return new Promise((resolve) => {
    const got: Fact[] = [];
    const on = (f: Fact) => {
      got.push(f);
      if (got.length === n) {
        socket.off('fact', on);
        resolve(got);
      }
    };
    socket.on('fact', on);
  });
}

let s: TestServer;
let sup: string;
beforeEach(async () => {
  s = await startServer();
  sup = await s.login('super');
});
afterEach(async () => {
  await s.stop();
});

const tick = () => s.app.deps.hub.get('c1').balancer.tick(s.clock.now);

/** Counter 1 (passport; trained for property too) and counter 3 (property) open, four waiting for property: B001 would be next at counter 1 (B1). */
async function congestProperty() {
  const op1 = await s.login('op1');
  await s.call('POST', '/api/counters/1/claim', { token: op1 });
  await s.call('POST', '/api/counters/3/claim', { token: sup });
  for (let i = 0; i < 4; i++) await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
  s.clock.advance(2 * 60_000);
}

it('off by default: nothing is proposed or changed', async () => {
  await congestProperty();
  tick();
  expect((await s.call('GET', '/api/balance', { token: sup })).body).toEqual({ mode: 'off', proposals: [] });
});

it('suggest: a proposal with its reason reaches everyone; the supervisor accepts it; the log keeps both', async () => {
  const op = await s.login('op1');
  expect((await s.call('PUT', '/api/balance/mode', { token: op, body: { mode: 'suggest' } })).status).toBe(403);
  expect((await s.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'sometimes' } })).status).toBe(400);
  expect((await s.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'suggest' } })).body).toEqual({ mode: 'suggest', proposals: [] });
  await congestProperty();
  // Proposals are for staff: a display is never sent one (security/audience.test.ts).
  const tv = s.socket(sup);
  await next(tv, 'snapshot');
  const proposed = next(tv, 'fact');
  tick();
  const fact = await proposed;
  expect(fact).toMatchObject({ type: 'balance:proposed', proposal: { kind: 'merge', counterId: '1', serviceId: 'property' } });
  const reason = fact.type === 'balance:proposed' ? fact.proposal.reason : '';
  expect(reason).toBe('Counter 1 also serves Property: B001 has waited 2 min for Property and is next here; expected wait there 40 min (target 15 min)');
  // Asking again while nothing changed keeps the one proposal.
  tick();
  const open = (await s.call('GET', '/api/balance', { token: sup })).body.proposals;
  expect(open).toHaveLength(1);

  const changed = next(tv, 'fact');
  const accepted = await s.call('POST', `/api/balance/proposals/${open[0].id}/accept`, { token: sup });
  expect(accepted).toMatchObject({ status: 200, body: { proposals: [] } });
  expect(await changed).toMatchObject({ type: 'counter:services-changed', reason, counter: { id: '1', services: [{ serviceId: 'passport' }, { serviceId: 'property' }] } });
  expect((await s.call('POST', `/api/balance/proposals/${open[0].id}/accept`, { token: sup })).status).toBe(404);

  const log = (await s.call('GET', '/api/balance/log', { token: sup })).body;
  expect(log.map((f: any) => [f.type, f.actor])).toEqual([
    ['balance:proposed', 'system:balancer'],
    ['counter:services-changed', 'staff:super'],
    ['balance:resolved', 'staff:super'],
  ]);
});

it('suggest: a rejected proposal changes no counter; a stale one expires', async () => {
  await s.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'suggest' } });
  await congestProperty();
  tick();
  const [p] = (await s.call('GET', '/api/balance', { token: sup })).body.proposals;
  expect((await s.call('POST', `/api/balance/proposals/${p.id}/reject`, { token: sup })).status).toBe(200);
  expect((await s.call('GET', '/api/queue', { token: sup })).body.counters.find((c: any) => c.id === '1').services).toEqual([{ serviceId: 'passport', role: 'primary' }]);
  tick();
  const [again] = (await s.call('GET', '/api/balance', { token: sup })).body.proposals;
  const snap = (await s.call('GET', '/api/queue', { token: sup })).body;
  for (const t of snap.tickets) await s.call('POST', `/api/tickets/${t.id}/cancel`, { token: sup });
  tick();
  expect((await s.call('GET', '/api/balance', { token: sup })).body.proposals).toEqual([]);
  const log = (await s.call('GET', '/api/balance/log', { token: sup })).body;
  expect(log.at(-1)).toMatchObject({ type: 'balance:resolved', proposalId: again.id, outcome: 'expired' });
});

it('auto: a free counter is merged the moment a visitor is next there, and released once the merge goes unused', async () => {
  await s.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'auto' } });
  const counter1 = async () => (await s.call('GET', '/api/queue', { token: sup })).body.counters.find((c: any) => c.id === '1');
  const op1 = await s.login('op1');
  await s.call('POST', '/api/counters/1/claim', { token: op1 });
  const tv = s.socket(DISPLAY_TOKEN);
  await next(tv, 'snapshot');
  const facts = collect(tv, 2);
  // No minute tick: the look right after the ticket is issued merges counter 1 before anyone calls.
  await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
  // The TV does not show the waiting queue (a hidden place in the sequence), but does show the merge.
  expect((await facts).map((f) => f.type)).toEqual(['hidden', 'counter:services-changed']);
  expect((await counter1()).services.map((x: any) => x.serviceId)).toEqual(['passport', 'property']);
  const called = await s.call('POST', '/api/counters/1/call-next', { token: op1 });
  expect(called.body.ticket.number).toBe('B001');
  await s.call('POST', '/api/counters/1/complete', { token: op1 });
  s.clock.advance(9 * 60_000);
  tick();
  expect((await counter1()).services).toHaveLength(2);
  s.clock.advance(60_000);
  tick();
  expect((await counter1()).services.map((x: any) => x.serviceId)).toEqual(['passport']);
  const log = (await s.call('GET', '/api/balance/log', { token: sup })).body;
  expect(log.map((f: any) => [f.type, f.actor, f.reason?.slice(0, 21)])).toEqual([
    ['counter:services-changed', 'system:balancer', 'Counter 1 also serves'],
    ['counter:services-changed', 'system:balancer', 'Counter 1 back to its'],
  ]);
});

it('auto: the kiosk’s figure for a newcomer, the issued ticket’s expected wait and its public page agree (W6)', async () => {
  await s.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'auto' } });
  // Counter 1 (passport, trained for property) and counter 3 (property) open and free; three wait for property.
  const op1 = await s.login('op1');
  await s.call('POST', '/api/counters/1/claim', { token: op1 });
  await s.call('POST', '/api/counters/3/claim', { token: sup });
  for (let i = 0; i < 3; i++) await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
  const newcomer = (await s.call('GET', '/api/services', { token: KIOSK_TOKEN })).body.loads.find((l: any) => l.serviceId === 'property');
  // Both counters call one each now, and again after the 10 minutes of a property visit: the fourth at 10.
  expect(newcomer.expectedWaitMin).toBe(10);
  const issued = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
  expect(issued.body.eta).toEqual({ position: 4, etaMin: 10 });
  expect((await s.call('GET', `/api/tickets/${issued.body.ticket.id}`)).body.eta).toEqual({ position: 4, etaMin: 10 });
});
