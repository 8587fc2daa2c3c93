/**
 * GET /api/planning/scenario (issue 15): a period of the center's log fitted as a qms-scenario/1
 * day, on a real server over the demo's generated history. Who may ask (a supervisor or an admin
 * of that center), the answer (a file the simulator takes, the days it came from, and how they
 * went), and every bad request refused with a message that says what to change.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/src/demo/center.js';
import { generateHistory } from '../../server/src/demo/history.js';
import { parseScenario } from '../../server/src/sim/scenario.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { PASSWORD, testCenter } from '../helpers/center.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

let s: TestServer;
let history: ReturnType<typeof generateHistory>;
let supervisor: string;

beforeAll(async () => {
  // T0 is Monday 2 March 2026 (14:00 in the demo's Vietnam): the eight days before hold two
  // Sundays (closed) and a Saturday; a second center, c2, has no history and its own staff.
  const dir = mkdtempSync(join(tmpdir(), 'qms-planning-'));
  const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
  const configs = new ConfigStore(db);
  configs.write(demoCenter());
  configs.write(testCenter('c2'));
  history = generateHistory(db, configs.read('demo')!, 8, T0);
  db.close();
  s = await startServer({ dir, config: demoCenter() });
  supervisor = await s.login('supervisor', 'supervisor-demo');
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const fit = (query: string, token: string | null = supervisor) => s.call('GET', `/api/planning/scenario?${query}`, token ? { token } : {});

describe('GET /api/planning/scenario', () => {
  it('fits the past days of the period (today is not over) into a day the simulator takes, with the days and how they went', async () => {
    const res = await fit('centerId=demo&from=2026-02-22&to=2026-03-02');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['actual', 'days', 'scenario']);
    // 22 February and 1 March are Sundays (closed); 2 March is today.
    expect(res.body.days).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(res.body.actual.tickets).toBe(history.tickets);
    expect(res.body.actual.withinTarget).toBeGreaterThan(0);
    expect(res.body.actual.meanWaitMin).toBeGreaterThanOrEqual(0);
    const scenario = parseScenario(res.body.scenario, 'the answer');
    expect(scenario.name).toBe('demo 2026-02-22..2026-03-02');
    expect(scenario.description).toMatch(/^Fitted from 6 days of demo's log/);
    expect(scenario.counters).toHaveLength(16);
    expect(scenario.services.map((x) => x.id)).toEqual(demoCenter().services.map((x) => x.id));
    expect(scenario.services.every((x) => x.arrivals.length > 0)).toBe(true);
  });

  it('one weekday: the Monday alone, busier than the Tuesday', async () => {
    const mon = await fit('centerId=demo&from=2026-02-22&to=2026-03-01&weekday=mon');
    const tue = await fit('centerId=demo&from=2026-02-22&to=2026-03-01&weekday=tue');
    expect(mon.status).toBe(200);
    expect(mon.body.days).toEqual(['2026-02-23']);
    expect(mon.body.scenario.name).toBe('demo 2026-02-22..2026-03-01 mon');
    const perDay = (sc: unknown) => parseScenario(sc).services.reduce((n, x) => n + x.arrivals.reduce((m, a) => m + (a.perHour * (a.to - a.from)) / 60, 0), 0);
    expect(perDay(mon.body.scenario)).toBeGreaterThan(perDay(tue.body.scenario));
  });

  it('supervisors and admins of that center only', async () => {
    const q = 'centerId=demo&from=2026-02-23&to=2026-02-23';
    expect((await fit(q, await s.login('admin', 'admin-demo'))).status).toBe(200);
    const op = await fit(q, await s.login('op1', 'operator-demo'));
    expect([op.status, op.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await fit(q, null);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    // c2's supervisor asks for the demo center's log.
    const login = await s.call('POST', '/api/auth/login', { body: { login: 'super', password: PASSWORD, centerId: 'c2' } });
    const other = await fit(q, login.body.token);
    expect([other.status, other.body.error.code, other.body.error.message]).toEqual([403, 'FORBIDDEN', 'Your login belongs to another center.']);
  });

  it.each([
    ['from=2026-02-23&to=2026-02-24', 400, /^query\.centerId: /],
    ['centerId=demo&from=2026-02-24&to=2026-02-23', 400, /"to" \(2026-02-23\) is before "from" \(2026-02-24\): swap them/],
    ['centerId=demo&from=2025-01-01&to=2026-02-23', 400, /a period covers at most 367 days; this asks for 419/],
    ['centerId=demo&from=2026-02-30&to=2026-03-01', 400, /^query\.from: no such date/],
    ['centerId=demo&from=2026-02-23&to=2026-02-24&weekday=monday', 400, /^query\.weekday: .*expected one of mon, tue, wed, thu, fri, sat, sun/],
    ['centerId=demo&from=2026-02-23&to=2026-02-24&groupBy=day', 400, /groupBy/],
    ['centerId=nowhere&from=2026-02-23&to=2026-02-24', 404, /^There is no center "nowhere" on this server\.$/],
    ['centerId=demo&from=2026-01-01&to=2026-01-31&weekday=mon', 404, /^no tickets between 2026-01-01 and 2026-01-31 on Mondays\.$/],
    ['centerId=c2&from=2026-02-01&to=2026-02-28', 403, /another center/],
    ['centerId=demo&from=2026-03-02&to=2026-03-05', 404, /has no past day to fit \(today, 2026-03-02, is not over\)/],
  ])('?%s → %i with a message that says what to change', async (query, status, message) => {
    const res = await fit(query);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });
});
