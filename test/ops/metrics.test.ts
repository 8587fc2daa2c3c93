/**
 * GET /metrics on a real server: the queue gauges read the live state at scrape time, the
 * counters and the wait histogram count committed facts (from HTTP and Socket.IO alike), HTTP
 * requests are labelled by route pattern, and a configured token is required.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { next } from '../helpers/server.js';
import { ask, samples, startOps, value, type OpsServer } from './harness.js';

let s: OpsServer;
beforeEach(async () => {
  s = await startOps();
});
afterEach(async () => {
  await s.stop();
});

const issue = (body: object) => s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body });
const scrape = async (server = s, token?: string) => {
  const res = await server.call('GET', '/metrics', token ? { token } : {});
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
};
const c1 = { center: 'c1' };

describe('GET /metrics', () => {
  it('reports waiting, waits, counters and exact ticket counts after issuing and calling', async () => {
    const ids: string[] = [];
    for (const body of [{ serviceId: 'passport' }, { serviceId: 'passport' }, { serviceId: 'passport' }, { serviceId: 'passport', lane: 'priority', categoryId: 'disability' }, { serviceId: 'property' }]) {
      const res = await issue(body);
      expect(res.status).toBe(201);
      ids.push(res.body.ticket.id);
    }
    // The socket path is counted by the same facts.
    const kiosk = s.socket(KIOSK_TOKEN);
    await next(kiosk, 'snapshot');
    expect((await ask(kiosk, 'ticket:issue', { serviceId: 'benefits' })).ok).toBe(true);
    s.clock.advance(5 * 60_000);

    let text = await scrape();
    expect(value(text, 'qms_waiting_tickets', { ...c1, service: 'passport', lane: 'normal' })).toBe(3);
    expect(value(text, 'qms_waiting_tickets', { ...c1, service: 'passport', lane: 'priority' })).toBe(1);
    expect(value(text, 'qms_waiting_tickets', { ...c1, service: 'passport', lane: 'booked' })).toBe(0);
    expect(value(text, 'qms_waiting_tickets', { ...c1, service: 'benefits', lane: 'normal' })).toBe(1);
    expect(value(text, 'qms_oldest_wait_seconds', { ...c1, service: 'passport' })).toBe(300);
    expect(value(text, 'qms_target_wait_seconds', { ...c1, service: 'passport' })).toBe(900);
    // No counter is open: there is no expected wait to report.
    expect(samples(text).filter((x) => x.name === 'qms_expected_wait_seconds')).toEqual([]);
    expect(value(text, 'qms_counters', { ...c1, status: 'closed' })).toBe(4);
    expect(value(text, 'qms_tickets_issued_total', { ...c1, service: 'passport', lane: 'normal' })).toBe(3);
    expect(value(text, 'qms_tickets_issued_total', { ...c1, service: 'passport', lane: 'priority' })).toBe(1);
    expect(value(text, 'qms_tickets_issued_total', { ...c1, service: 'benefits', lane: 'normal' })).toBe(1);
    expect(value(text, 'qms_tickets_called_total', { ...c1, service: 'passport' })).toBe(0);
    expect(value(text, 'qms_socket_clients')).toBe(1);

    const op = await s.login('op1');
    expect((await s.call('POST', '/api/counters/1/claim', { token: op })).status).toBe(200);
    const first = await s.call('POST', '/api/counters/1/call-next', { token: op });
    expect(first.status).toBe(200);
    expect((await s.call('POST', '/api/counters/1/complete', { token: op })).status).toBe(200);
    s.clock.advance(60_000);
    const second = await s.call('POST', '/api/counters/1/call-next', { token: op });
    expect(second.body.ticket.lane).not.toBe(first.body.ticket.lane);

    text = await scrape();
    expect(value(text, 'qms_counters', { ...c1, status: 'open' })).toBe(1);
    expect(value(text, 'qms_counters', { ...c1, status: 'closed' })).toBe(3);
    expect(value(text, 'qms_counters_serving', c1)).toBe(1);
    expect(value(text, 'qms_service_open_counters', { ...c1, service: 'passport' })).toBe(1);
    expect(value(text, 'qms_expected_wait_seconds', { ...c1, service: 'passport' })).toBeGreaterThan(0);
    expect(value(text, 'qms_waiting_tickets', { ...c1, service: 'passport', lane: 'normal' }) + value(text, 'qms_waiting_tickets', { ...c1, service: 'passport', lane: 'priority' })).toBe(2);
    expect(value(text, 'qms_oldest_wait_seconds', { ...c1, service: 'passport' })).toBe(360);
    expect(value(text, 'qms_tickets_called_total', { ...c1, service: 'passport' })).toBe(2);
    expect(value(text, 'qms_tickets_completed_total', { ...c1, service: 'passport' })).toBe(1);
    // The first call waited 5 minutes, the second 6: one observation in each lane.
    const waitOf = (lane: string) => ({ ...c1, service: 'passport', lane });
    expect(value(text, 'qms_wait_at_call_seconds_count', waitOf(first.body.ticket.lane))).toBe(1);
    expect(value(text, 'qms_wait_at_call_seconds_sum', waitOf(first.body.ticket.lane))).toBe(300);
    expect(value(text, 'qms_wait_at_call_seconds_sum', waitOf(second.body.ticket.lane))).toBe(360);
    expect(value(text, 'qms_wait_at_call_seconds_bucket', { ...waitOf(second.body.ticket.lane), le: '300' })).toBe(0);
    expect(value(text, 'qms_wait_at_call_seconds_bucket', { ...waitOf(second.body.ticket.lane), le: '600' })).toBe(1);

    // A recall is not a call; a no-show is counted; no sample changes for a refused command.
    expect((await s.call('POST', '/api/counters/1/recall', { token: op })).status).toBe(200);
    expect((await s.call('POST', '/api/counters/1/no-show', { token: op })).status).toBe(200);
    expect((await s.call('POST', '/api/counters/1/complete', { token: op })).status).toBe(409);
    text = await scrape();
    expect(value(text, 'qms_tickets_called_total', { ...c1, service: 'passport' })).toBe(2);
    expect(value(text, 'qms_tickets_no_show_total', { ...c1, service: 'passport' })).toBe(1);
    expect(value(text, 'qms_tickets_completed_total', { ...c1, service: 'passport' })).toBe(1);
    expect(value(text, 'qms_counters_serving', c1)).toBe(0);
  });

  it('labels HTTP requests by route pattern and status, never by raw path', async () => {
    const { body } = await issue({ serviceId: 'passport' });
    const id = body.ticket.id as string;
    expect((await s.call('GET', `/api/tickets/${id}`)).status).toBe(200);
    expect((await s.call('GET', '/api/tickets/not-a-ticket')).status).toBe(404);
    expect((await s.call('GET', '/api/nope/42')).status).toBe(404);
    expect((await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'x'.repeat(2_000_000) } })).status).toBe(413);

    const text = await scrape();
    const count = (method: string, route: string, status: string) => value(text, 'qms_http_request_duration_seconds_count', { method, route, status });
    expect(count('POST', '/api/tickets', '201')).toBe(1);
    expect(count('POST', '/api/tickets', '413')).toBe(1);
    expect(count('GET', '/api/tickets/:ticketId', '200')).toBe(1);
    expect(count('GET', '/api/tickets/:ticketId', '404')).toBe(1);
    expect(count('GET', '/api/*', '404')).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('not-a-ticket');
    expect(text).not.toContain('/api/nope');
    // The process: event-loop lag, CPU and memory from prom-client's default collectors.
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes']) {
      expect(samples(text).some((x) => x.name === name), name).toBe(true);
    }
  });

  it('requires the bearer token when one is configured; each app counts its own tickets', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await startOps({ metricsToken: token });
    try {
      for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: token }]) {
        const res = await guarded.call('GET', '/metrics', { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
      expect((await guarded.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } })).status).toBe(201);
      await issue({ serviceId: 'property' });
      await issue({ serviceId: 'property' });
      expect(value(await scrape(guarded, token), 'qms_tickets_issued_total', { ...c1, service: 'property', lane: 'normal' })).toBe(1);
      expect(value(await scrape(), 'qms_tickets_issued_total', { ...c1, service: 'property', lane: 'normal' })).toBe(2);
    } finally {
      await guarded.stop();
    }
  });
});
