/**
 * Issue 12, "a newcomer sees it at once": the demo's past days, simulated on the real engine and
 * stored as ordinary facts, answer the reports; the live day starts after them with every counter
 * closed, and nothing of the past reaches a client as news.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/src/demo/center.js';
import { generateHistory } from '../../server/src/demo/history.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let s: TestServer;
let history: ReturnType<typeof generateHistory>;

beforeAll(async () => {
  // T0 is Monday 2 March 2026: the eight days before it hold two Sundays (closed) and a Saturday (short).
  const dir = mkdtempSync(join(tmpdir(), 'qms-history-'));
  const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
  const configs = new ConfigStore(db);
  configs.write(demoCenter());
  history = generateHistory(db, configs.read('demo')!, 8, T0);
  db.close();
  s = await startServer({ dir, config: demoCenter() });
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('demo history', () => {
  it('fills the past days with the demo day shape: Mondays busiest, Saturday short, Sunday closed, today untouched', async () => {
    const token = await s.login('supervisor', 'supervisor-demo');
    const res = await s.call('GET', '/api/reports/summary?from=2026-02-22&to=2026-03-02&groupBy=day', { token });
    expect(res.status).toBe(200);
    const byDay = Object.fromEntries(res.body.groups.map((g: any) => [g.key, g.figures]));
    // 22 February and 1 March are Sundays (closed); 2 March, today, is the live day.
    expect(Object.keys(byDay)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(res.body.total.issued).toBe(history.tickets);
    expect(byDay['2026-02-23'].issued).toBeGreaterThan(byDay['2026-02-24'].issued); // Monday > Tuesday
    expect(byDay['2026-02-28'].issued).toBeLessThan(byDay['2026-02-27'].issued / 1.5); // Saturday morning
    for (const f of Object.values(byDay) as any[]) {
      expect(f.open).toBe(0);
      expect(f.served + f.noShow).toBe(f.issued);
      expect(f.eta.count).toBe(f.wait.count);
    }
    // Local hours: the center opens at 07:30 Vietnam time, and nothing is issued at lunch.
    const hours = res.body.flow.map((h: any) => h.hour);
    expect(Math.min(...hours)).toBe(7);
    expect(res.body.flow.find((h: any) => h.hour === 12)?.issued ?? 0).toBe(0);
    // Operators served them, at the demo's counters; kiosk and staff channels.
    const byOp = await s.call('GET', '/api/reports/summary?from=2026-02-22&to=2026-02-28&groupBy=operator', { token });
    expect(byOp.body.groups.map((g: any) => g.key)).toEqual(expect.arrayContaining(['op1', 'op9', 'op16']));
    expect(res.body.total.byChannel.staff).toBeGreaterThan(0);
  });

  it('the live day starts after the past: every counter closed, no ticket waiting, and a client catching up from the current sequence sees nothing old', async () => {
    const token = await s.login('supervisor', 'supervisor-demo');
    const queue = await s.call('GET', '/api/queue', { token });
    expect(queue.body.counters.every((c: any) => c.status === 'closed')).toBe(true);
    expect(queue.body.tickets).toEqual([]);
    const events = await s.call('GET', `/api/events?since=${queue.body.seq}`, { token });
    expect(events.status).toBe(200);
    expect(JSON.stringify(events.body)).not.toContain('2026-02-2');
  });
});

describe('ratings in the demo\'s past (issue 14)', () => {
  it('some visitors of those days rated them, mostly 4–5: the satisfaction card has figures, and each rating is a served ticket\'s, with its operator', async () => {
    const token = await s.login('supervisor', 'supervisor-demo');
    const res = await s.call('GET', '/api/reports/satisfaction?from=2026-02-22&to=2026-03-02&groupBy=operator', { token });
    expect(res.status).toBe(200);
    expect(res.body.total.ratings).toBe(history.ratings);
    expect(history.ratings).toBeGreaterThan(history.tickets * 0.05);
    expect(history.ratings).toBeLessThan(history.tickets * 0.2);
    expect(res.body.total.satisfiedShare).toBeGreaterThan(0.7);
    expect(res.body.total.satisfiedShare).toBeLessThan(0.95);
    expect(Object.keys(res.body.total.means).sort()).toEqual(['comfort', 'competence', 'courtesy', 'overall', 'waiting']);
    expect(res.body.rows.map((r: any) => r.key)).toEqual(expect.arrayContaining(['op1', 'op9']));
    // Honest: every rating belongs to a ticket served that day, to the operator who served it, after it ended.
    const stray = s.db
      .prepare(
        `SELECT count(*) AS n FROM ratings r LEFT JOIN report_tickets t ON t.center_id = r.center_id AND t.id = r.ticket_id
          WHERE t.status IS NOT 'done' OR t.staff_login IS NOT r.operator OR t.service_id IS NOT r.service_id OR t.day IS NOT r.day OR r.at < t.finished_at`,
      )
      .get() as { n: number };
    expect(stray.n).toBe(0);
    // Complaints carry a comment, and none is answered before it was made.
    const complaints = (await s.call('GET', '/api/complaints', { token })).body as any[];
    expect(complaints.length).toBe(res.body.total.complaints);
    for (const c of complaints) {
      expect(c.comment).toMatch(/\S/);
      if (c.answeredAt !== null) expect(c.answeredAt).toBeGreaterThan(c.at);
    }
  });
});

describe('what balancing saved', () => {
  it('replays each past day without balancing, keeps the replay, and shows the moves that were made', async () => {
    const token = await s.login('supervisor', 'supervisor-demo');
    const res = await s.call('GET', '/api/reports/balancing?from=2026-02-22&to=2026-03-02', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    // Work per request is bounded: ask until nothing is pending.
    let body = r;
    for (let i = 0; i < 10 && body.pending.length > 0; i += 1) body = (await s.call('GET', '/api/reports/balancing?from=2026-02-22&to=2026-03-02', { token })).body;
    expect(body.pending).toEqual([]);
    expect(body.days.map((d: any) => d.day)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    // The demo's days ran with the rebalancer: on the Monday, without it, more wait longer.
    const monday = body.days[0];
    expect(monday.without.withinTarget).toBeLessThan(monday.actual.withinTarget);
    expect(monday.without.meanWaitMin).toBeGreaterThan(monday.actual.meanWaitMin);
    expect(body.total.visitors).toBe(body.days.reduce((s: number, d: any) => s + d.visitors, 0));
    expect(body.moves.merges).toBeGreaterThan(0);
    expect(body.moves.automatic).toBe(body.moves.merges + body.moves.releases);
    expect(body.moves.mergedMinutes).toBeGreaterThan(0);
    // Kept: the replays are in the database, and a second answer is the same.
    expect((s.db.prepare("SELECT count(*) AS n FROM day_replays WHERE center_id = 'demo'").get() as { n: number }).n).toBe(6);
    expect((await s.call('GET', '/api/reports/balancing?from=2026-02-22&to=2026-03-02', { token })).body).toEqual(body);
  });

  it('a replay with the balancing that happened reproduces the day as lived', async () => {
    const { replayDay } = await import('../../server/src/sim/replay.js');
    const { findPolicy } = await import('../../server/src/sim/policies.js');
    const { ReportStore } = await import('../../server/src/storage/report-store.js');
    const { LiveStore } = await import('../../server/src/storage/live-store.js');
    const { reportFigures } = await import('../../server/src/kpi/report.js');
    const { localMidnight } = await import('@qms/shared');
    const config = new ConfigStore(s.db).read('demo')!;
    for (const day of ['2026-02-23', '2026-02-26']) {
      const midnight = localMidnight(day, config.center.timezone);
      const rows = new ReportStore(s.db).rows('demo', day, day);
      const facts = new LiveStore(s.db).counterFactsBetween('demo', midnight, midnight + 86_400_000).map((f) => ({ at: f.at, body: f }));
      const lived = reportFigures(rows, () => 15);
      const again = replayDay(config, rows, facts, midnight, findPolicy('adaptive')!)!;
      expect(again.visitors).toBe(lived.wait.count);
      expect(Math.abs(again.withinTargetShare! - lived.withinTarget!)).toBeLessThan(0.02);
      expect(Math.abs(again.meanWaitMin! - lived.wait.mean!)).toBeLessThan(0.5);
    }
  });

  it("reads a day's counter facts through the partial index, not the whole log", () => {
    const plan = s.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM events WHERE center_id = 'demo' AND at >= 0 AND at < 1
           AND type IN ('counter:opened', 'counter:closed', 'counter:paused', 'counter:resumed', 'counter:services-changed', 'balance:proposed', 'balance:resolved')`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_counters_at');
  });
});
