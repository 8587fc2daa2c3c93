/**
 * Issue 12: reports over days through the real server and SQLite file. A small day is played
 * through the API (kiosk and staff tickets, calls, a no-show, a cancellation, two days), and the
 * report's figures are checked against what happened; bad queries get a 400 that says what is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { migrate } from '../../server/src/storage/db.js';
import { MIGRATIONS } from '../../server/src/storage/migrations.js';
import { ReportStore } from '../../server/src/storage/report-store.js';

const MIN = 60_000;
let s: TestServer;
let op1: string;
let op2: string;
let sup: string;

async function issue(token: string, serviceId: string, extra: object = {}): Promise<string> {
  const res = await s.call('POST', '/api/tickets', { token, body: { serviceId, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket.id as string;
}
async function act(token: string, counter: string, action: string, body: object = {}) {
  const res = await s.call('POST', `/api/counters/${counter}/${action}`, { token, body });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

beforeAll(async () => {
  s = await startServer();
  op1 = await s.login('op1');
  op2 = await s.login('op2');
  sup = await s.login('super');
  // Day 1 (Monday 2026-03-02, 10:00 Moscow): op1 at counter 2, op2 at counter 1, passport only.
  await act(op1, '2', 'claim');
  await act(op2, '1', 'claim');
  await issue(`${KIOSK_TOKEN}`, 'passport'); // A001: waits 4 min, served 6 min by op1
  await issue(`${KIOSK_TOKEN}`, 'passport'); // A002: waits 4 min, served by op2 for 10 min
  await issue(sup, 'passport'); // A003 (staff): waits 20 min, a no-show
  const cancelled = await issue(`${KIOSK_TOKEN}`, 'passport'); // A004: cancelled
  s.clock.advance(4 * MIN);
  await act(op1, '2', 'call-next');
  await act(op1, '2', 'start');
  await act(op2, '1', 'call-next');
  await act(op2, '1', 'start');
  expect((await s.call('POST', `/api/tickets/${cancelled}/cancel`, { token: sup })).status).toBe(200);
  s.clock.advance(6 * MIN);
  await act(op1, '2', 'complete');
  s.clock.advance(4 * MIN);
  await act(op2, '1', 'complete');
  s.clock.advance(6 * MIN);
  await act(op1, '2', 'call-next'); // A003 at 20 min
  await act(op1, '2', 'no-show');
  // Day 2: one ticket, 40 minutes' wait.
  s.clock.advance(24 * 60 * MIN);
  op1 = await s.login('op1');
  op2 = await s.login('op2');
  sup = await s.login('super');
  await s.call('POST', '/api/counters/2/claim', { token: op1, body: {} });
  await issue(`${KIOSK_TOKEN}`, 'passport');
  s.clock.advance(40 * MIN);
  await act(op1, '2', 'call-next');
});
afterAll(async () => {
  await s?.stop();
});

describe('GET /api/reports/summary', () => {
  it('counts and waits of a period, against the target, with the regional bands', async () => {
    const res = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03', { token: sup });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const t = res.body.total;
    expect(t).toMatchObject({ issued: 5, served: 2, noShow: 1, cancelled: 1, open: 1, byChannel: { kiosk: 4, staff: 1, remote: 0 } });
    expect(t.wait).toEqual({ count: 4, mean: 17, p50: 4, p90: 40, p95: 40, max: 40 });
    expect(t.withinTarget).toBe(0.5);
    expect(t.aboveTarget).toBe(0.5);
    expect(t.bands).toEqual({ upTo10: 0.5, upTo20: 0.25, upTo30: 0, over30: 0.25 });
    expect(t.service).toMatchObject({ count: 2, mean: 8, max: 10 });
    // The kiosk showed each visitor an expected wait; staff-issued tickets too.
    expect(t.eta.count).toBe(4);
  });

  it('groups by day, operator, channel and hour, in the center\'s local time', async () => {
    const byDay = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03&groupBy=day', { token: sup });
    expect(byDay.body.groups.map((g: any) => [g.key, g.figures.issued])).toEqual([['2026-03-02', 4], ['2026-03-03', 1]]);
    const byOp = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-02&groupBy=operator', { token: sup });
    expect(byOp.body.groups.map((g: any) => [g.key, g.figures.served, g.figures.noShow])).toEqual([['op1', 1, 1], ['op2', 1, 0], ['', 0, 0]]);
    const byChannel = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-02&groupBy=channel', { token: sup });
    expect(byChannel.body.groups.map((g: any) => [g.key, g.figures.issued])).toEqual([['kiosk', 3], ['staff', 1]]);
    const byHour = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03&groupBy=hour', { token: sup });
    // T0 is 10:00 in Moscow (07:00 UTC); day 2's ticket was issued at 10:40.
    expect(byHour.body.groups.map((g: any) => [g.key, g.figures.issued])).toEqual([['10', 5]]);
    const byWeekday = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03&groupBy=weekday', { token: sup });
    expect(byWeekday.body.groups.map((g: any) => g.key)).toEqual(['mon', 'tue']);
    // Arrivals by the hour of issue, completions by the hour they ended.
    expect(byWeekday.body.flow).toEqual([{ hour: 10, issued: 5, completed: 2 }]);
  });

  it('an operator sees the tickets they served, a supervisor the center', async () => {
    const mine = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03', { token: op2 });
    expect(mine.body.total).toMatchObject({ issued: 1, served: 1 });
    expect((await s.call('GET', '/api/reports/tickets.csv?from=2026-03-02&to=2026-03-03', { token: op2 })).status).toBe(403);
    expect((await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03')).status).toBe(401);
  });

  it.each([
    ['from=2026-03-05&to=2026-03-02', 'query.to', 'before'],
    ['from=2026-02-30&to=2026-03-02', 'query.from', 'no such date'],
    ['from=2026-03-02&to=2026-03-02&groupBy=colour', 'query.groupBy', 'expected one of'],
    ['from=2025-01-01&to=2026-03-02', 'query.to', 'at most 367 days'],
    ['to=2026-03-02', 'query.from', ''],
    ['from=2026-03-02&to=2026-03-02&extra=1', 'query', ''],
  ])('refuses %s with a 400 that names %s', async (q, where, words) => {
    const res = await s.call('GET', `/api/reports/summary?${q}`, { token: sup });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(where);
    expect(res.body.error.message).toContain(words);
  });
});

describe('CSV downloads', () => {
  it('the summary as CSV with a byte order mark, one row per group and a total', async () => {
    const res = await fetch(`${s.url}/api/reports/summary.csv?from=2026-03-02&to=2026-03-03&groupBy=day`, { headers: { authorization: `Bearer ${sup}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^group,issued,served,no_show,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['2026-03-02,4,2', '2026-03-03,1,0', 'total,5,2']);
  });

  it('the ticket log, one row per ticket in issue order', async () => {
    const res = await s.call('GET', '/api/reports/tickets.csv?from=2026-03-02&to=2026-03-03', { token: sup });
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    const cols = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(rows.map((r) => [r.number, r.status, r.channel, r.operator, r.wait_min])).toEqual([
      ['A001', 'done', 'kiosk', 'op1', '4'],
      ['A002', 'done', 'kiosk', 'op2', '4'],
      ['A003', 'no_show', 'staff', 'op1', '20'],
      ['A004', 'cancelled', 'kiosk', '', ''],
      ['A001', 'called', 'kiosk', 'op1', '40'],
    ]);
  });
});

describe('stored day summaries', () => {
  it('a past day is summed once and kept; a fact about one of its tickets drops the sum, and the next report has the change', async () => {
    s.clock.advance(24 * 60 * MIN); // day 3: day 2 is in the past now
    op1 = await s.login('op1');
    sup = await s.login('super');
    const before = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03&groupBy=day', { token: sup });
    expect(before.body.groups.map((g: any) => [g.key, g.figures.served, g.figures.open])).toEqual([['2026-03-02', 2, 0], ['2026-03-03', 0, 1]]);
    const stored = () => (s.db.prepare("SELECT count(*) AS n FROM report_rollups WHERE day = '2026-03-03' AND kind = 'all'").get() as { n: number }).n;
    expect(stored()).toBe(1);
    // Day 2's A001 is still at counter 2 after midnight: completing it changes day 2.
    const claimed = await s.call('POST', '/api/counters/2/claim', { token: op1, body: {} });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    await act(op1, '2', 'complete');
    expect(stored()).toBe(0);
    const after = await s.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-03&groupBy=day', { token: sup });
    expect(after.body.groups.map((g: any) => [g.key, g.figures.served, g.figures.open])).toEqual([['2026-03-02', 2, 0], ['2026-03-03', 1, 0]]);
    expect(after.body.total.served).toBe(3);
  });
});

describe('storage', () => {
  it('pages the log in issue order, each page read whole (no cursor held open between pages)', () => {
    const store = new ReportStore(s.db);
    const pages = [...store.pages('c1', '2026-03-02', '2026-03-03', 2)];
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((r) => r.number)).toEqual(['A001', 'A002', 'A003', 'A004', 'A001']);
  });

  it('migration 4 builds the report rows of a database that had none, from its tickets and log', () => {
    const before = s.db.prepare('SELECT * FROM report_tickets ORDER BY id').all() as Record<string, unknown>[];
    expect(before).toHaveLength(5);
    // Back to version 3: the tables of migrations 4 and later gone.
    s.db.exec('DROP TABLE report_tickets; DROP TABLE report_rollups; DROP TABLE day_replays; DROP INDEX events_counters_at; DROP TABLE appointments;');
    s.db.exec('DROP TABLE remote_joins; DROP TABLE ratings; DROP TABLE push_subscriptions; DROP TABLE webhook_deliveries; DROP TABLE webhooks; DROP TABLE webhook_cursors; DROP TABLE server_keys;');
    s.db.pragma('user_version = 3');
    expect(migrate(s.db)).toBe(MIGRATIONS.length);
    // Everything but the promised wait, which only the live server knew.
    expect(s.db.prepare('SELECT * FROM report_tickets ORDER BY id').all()).toEqual(before.map((r) => ({ ...r, promised_wait_min: null })));
  });
});

describe('summing ahead', () => {
  it('a server sums the past days with tickets at start, one day per turn, so no report is the first to', async () => {
    const { startSummaries } = await import('../../server/src/features/report-build.js');
    s.db.exec('DELETE FROM report_rollups');
    const stop = startSummaries(() => s.app.deps.hub.ids().map((id) => s.app.deps.hub.get(id)), new ReportStore(s.db), () => s.clock.now, 3_600_000);
    await expect.poll(() => (s.db.prepare("SELECT group_concat(day) AS days FROM (SELECT day FROM report_rollups WHERE kind = 'all' ORDER BY day)").get() as { days: string }).days).toBe('2026-03-02,2026-03-03');
    stop();
  });
});

describe('days and hours across a DST change', () => {
  it("groups by the center's local day and hour on the night the clocks go forward (Berlin, 29 March 2026)", async () => {
    const config = testCenter('dst');
    config.center.timezone = 'Europe/Berlin';
    const b = await startServer({ config });
    try {
      const at = async (iso: string) => {
        b.clock.advance(Date.parse(iso) - b.clock.now);
        const res = await b.call('POST', '/api/tickets', { token: `${KIOSK_TOKEN}-dst`, body: { serviceId: 'passport' } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      };
      await at('2026-03-28T22:30:00Z'); // 23:30 CET, Saturday 28 March
      await at('2026-03-29T00:30:00Z'); // 01:30 CET, Sunday 29 March
      await at('2026-03-29T01:30:00Z'); // 03:30 CEST: 02:00–03:00 did not happen
      const token = await b.login('super');
      const byDay = await b.call('GET', '/api/reports/summary?from=2026-03-28&to=2026-03-29&groupBy=day', { token });
      expect(byDay.body.groups.map((g: any) => [g.key, g.figures.issued])).toEqual([['2026-03-28', 1], ['2026-03-29', 2]]);
      const byHour = await b.call('GET', '/api/reports/summary?from=2026-03-28&to=2026-03-29&groupBy=hour', { token });
      expect(byHour.body.groups.map((g: any) => g.key)).toEqual(['01', '03', '23']);
      // The same once the 28th is a stored summary (the server's day is the 29th).
      const again = await b.call('GET', '/api/reports/summary?from=2026-03-28&to=2026-03-29&groupBy=hour', { token });
      expect(again.body).toEqual(byHour.body);
    } finally {
      await b.stop();
    }
  });
});

describe('across centers', () => {
  it("an admin of several centers sees each where their login is an admin, and all together; another center's is left out", async () => {
    const c2 = testCenter('c2');
    const c3 = testCenter('c3');
    // In c3 "admin" is only a supervisor.
    c3.staff = c3.staff!.map((p) => (p.login === 'admin' ? { ...p, role: 'supervisor' as const } : p));
    s.app.deps.configs.write(c2);
    s.app.deps.hub.add('c2');
    s.app.deps.configs.write(c3);
    s.app.deps.hub.add('c3');
    const day = new Date(s.clock.now + 3 * 3_600_000).toISOString().slice(0, 10); // Moscow's date
    expect((await s.call('POST', '/api/tickets', { token: `${KIOSK_TOKEN}-c2`, body: { serviceId: 'benefits' } })).status).toBe(201);
    expect((await s.call('POST', '/api/tickets', { token: `${KIOSK_TOKEN}-c3`, body: { serviceId: 'benefits' } })).status).toBe(201);
    const admin = await s.login('admin');
    const res = await s.call('GET', `/api/reports/centers?from=2026-03-02&to=${day}`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const own = await s.call('GET', `/api/reports/summary?from=2026-03-02&to=${day}`, { token: admin });
    expect(res.body.centers.map((c: any) => [c.centerId, c.total.issued])).toEqual([['c1', own.body.total.issued], ['c2', 1]]);
    expect(res.body.total.issued).toBe(own.body.total.issued + 1);
    expect((await s.call('GET', `/api/reports/centers?from=2026-03-02&to=${day}`, { token: sup })).status).toBe(403);
  });
});

describe('download links', () => {
  it('a one-use link to the ticket log, for a minute, that needs no token: the browser streams it to disk', async () => {
    sup = await s.login('super');
    const made = await s.call('POST', '/api/reports/downloads', { token: sup, body: { from: '2026-03-02', to: '2026-03-03' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.url).toMatch(/^\/api\/reports\/downloads\/[0-9a-f]{64}$/);
    const got = await s.call('GET', made.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="tickets-c1-2026-03-02-2026-03-03.csv"');
    const direct = await s.call('GET', '/api/reports/tickets.csv?from=2026-03-02&to=2026-03-03', { token: sup });
    expect(got.text).toBe(direct.text);
    // Used once.
    expect((await s.call('GET', made.body.url)).body.error.message).toContain('has been used or has expired');
    // Expired after a minute.
    const late = await s.call('POST', '/api/reports/downloads', { token: sup, body: { from: '2026-03-02', to: '2026-03-03' } });
    s.clock.advance(61_000);
    expect((await s.call('GET', late.body.url)).status).toBe(404);
    // Operators do not get the log, by link either; a bad range is refused before any link is made.
    const op = await s.login('op2');
    expect((await s.call('POST', '/api/reports/downloads', { token: op, body: { from: '2026-03-02', to: '2026-03-03' } })).status).toBe(403);
    const bad = await s.call('POST', '/api/reports/downloads', { token: sup, body: { from: '2026-03-05', to: '2026-03-02' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.to');
  });
});
