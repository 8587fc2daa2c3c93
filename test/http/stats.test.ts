import { afterEach, beforeEach, expect, it } from 'vitest';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  await s.stop();
});

it("GET /api/stats/today: per operator, counter and service figures from today's work", async () => {
  const op1 = await s.login('op1');
  const op2 = await s.login('super'); // op2 is not trained for counter 2's secondary service
  const act = (token: string, counter: string, action: string, body: object = {}) => s.call('POST', `/api/counters/${counter}/${action}`, { token, body });
  await act(op1, '1', 'claim');
  await act(op2, '2', 'claim');
  for (let i = 0; i < 4; i++) await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
  s.clock.advance(4 * 60_000);
  await act(op1, '1', 'call-next'); // A001 waited 4 min
  await act(op1, '1', 'start');
  s.clock.advance(6 * 60_000);
  await act(op1, '1', 'complete'); // served in 6 min
  await act(op2, '2', 'call-next'); // A002 waited 10 min
  await act(op2, '2', 'no-show');
  s.clock.advance(10 * 60_000);
  await act(op1, '1', 'call-next'); // A003 waited 20 min: past the 15-minute target
  await act(op1, '1', 'transfer', { toServiceId: 'property' });

  expect(await s.call('GET', '/api/stats/today', { token: KIOSK_TOKEN })).toMatchObject({ status: 403 });
  const { status, body } = await s.call('GET', '/api/stats/today', { token: op1 });
  expect(status).toBe(200);
  expect(body.day).toBe('2026-03-02');
  expect(body.staff.op1).toEqual({ served: 1, noShows: 0, transfers: 1, avgServiceMin: 6, avgWaitMin: 12 });
  expect(body.staff.super).toEqual({ served: 0, noShows: 1, transfers: 0, avgServiceMin: null, avgWaitMin: 10 });
  expect(body.counters['1']).toEqual(body.staff.op1);
  // A visitor's wait runs from the ticket to its first call, as the 15-minute norm counts it.
  expect(body.services.passport).toEqual({ issued: 4, served: 1, waiting: 1, avgWaitMin: 11.3, p90WaitMin: 20, withinTargetShare: 2 / 3 });
  // The transferred ticket waits in its new service, where it was not issued.
  expect(body.services.property).toMatchObject({ issued: 0, waiting: 1, avgWaitMin: null });
});
