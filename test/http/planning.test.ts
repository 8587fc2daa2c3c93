/**
 * Issue 15, the Planning screen's server side: advice on a day and trying a day, through the real
 * server. The work runs on the planning thread (a worker started with tsx, as under `npm run
 * serve`), so the live queue is served while a plan is worked out; one plan at a time; supervisors
 * and admins of the center only; a bad scenario is refused naming what is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type PlanningAdvice, type TriedDay } from '@qms/shared';
import { generateHistory } from '../../server/src/demo/history.js';
import { parseScenario } from '../../server/src/sim/scenario.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';
import { rawScenario } from '../sim/helpers.js';

let s: TestServer;
let sup: string;
let admin: string;
let op1: string;
let c2: { super: string; admin: string };
/** The smallest reference day: three counters, six services (advised in about two seconds). */
const rural = rawScenario('rural-office');
const scenarioSource = (scenario: unknown) => ({ kind: 'scenario', scenario });

beforeAll(async () => {
  s = await startServer();
  sup = await s.login('super');
  admin = await s.login('admin');
  op1 = await s.login('op1');
  s.app.deps.configs.write(testCenter('c2'));
  s.app.deps.hub.add('c2');
  const login = async (who: string) => (await s.call('POST', '/api/auth/login', { body: { login: who, password: PASSWORD, centerId: 'c2' } })).body.token as string;
  c2 = { super: await login('super'), admin: await login('admin') };
});
afterAll(() => s.stop());

describe('who may plan', () => {
  it('operators, devices and nobody are refused; so is a supervisor of another center', async () => {
    const body = { centerId: 'c1', source: scenarioSource(rural) };
    for (const [who, token, code] of [
      ['nobody', undefined, ErrorCode.Unauthorized],
      ['the kiosk', KIOSK_TOKEN, ErrorCode.Forbidden],
      ['an operator', op1, ErrorCode.Forbidden],
      ["c2's supervisor", c2.super, ErrorCode.Forbidden],
    ] as const) {
      for (const path of ['/api/planning/advice', '/api/planning/simulate']) {
        const res = await s.call('POST', path, { token, body: path.endsWith('advice') ? body : { centerId: 'c1', scenario: rural } });
        expect(res.body.error?.code, `${who} ${path}: ${JSON.stringify(res.body)}`).toBe(code);
      }
    }
    const other = await s.call('POST', '/api/planning/simulate', { token: c2.super, body: { centerId: 'c1', scenario: rural } });
    expect(other.body.error.message).toBe('Your login belongs to another center; you can plan only for "c2".');
  });

  it("an admin of both centers may plan for either; the other center's admin login of the same name too", async () => {
    // A scenario with no counters: refused for what it is, so the caller got past the access check.
    const empty = { ...rural, counters: [] };
    for (const [token, centerId] of [[admin, 'c2'], [c2.admin, 'c1'], [sup, 'c1']] as const) {
      const res = await s.call('POST', '/api/planning/simulate', { token, body: { centerId, scenario: empty } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toMatch(/^body\.scenario is not a valid qms-scenario\/1 day: counters/);
    }
  });
});

describe('bad input is refused, saying what is wrong', () => {
  it('a scenario whose counter can serve a service the day does not have: 400 naming it', async () => {
    const bad = structuredClone(rural);
    bad.counters[1].canServe.push('passports-typo');
    const res = await s.call('POST', '/api/planning/advice', { token: sup, body: { centerId: 'c1', source: scenarioSource(bad) } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(ErrorCode.BadRequest);
    expect(res.body.error.message).toMatch(/^body\.source\.scenario is not a valid qms-scenario\/1 day: .*passports-typo/);
  });

  it('a file with many problems is refused with the first ones and a count, in a short message', async () => {
    const bad = structuredClone(rural);
    bad.services = bad.services.map((x: object, i: number) => ({ ...x, serviceTimeMin: { mean: -i - 1, cv: 'high' }, colour: 'red' }));
    const res = await s.call('POST', '/api/planning/advice', { token: sup, body: { centerId: 'c1', source: scenarioSource(bad) } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/; and \d+ more problems$/);
    expect(res.body.error.message.length).toBeLessThan(2_000);
  });

  it('not JSON of a day at all, a wrong source, a change naming no counter or no service: 400', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ centerId: 'c1', source: scenarioSource('rural-office.json') }, '/api/planning/advice', /body\.source\.scenario is not a valid/],
      [{ centerId: 'c1', source: { kind: 'file', scenario: rural } }, '/api/planning/advice', /body\.source/],
      [{ centerId: 'c1', scenario: rural, changes: [{ kind: 'train', counterId: '9', serviceId: 'land' }] }, '/api/planning/simulate', /no counter "9"/],
      [{ centerId: 'c1', scenario: rural, changes: [{ kind: 'train', counterId: '1', serviceId: 'fishing' }] }, '/api/planning/simulate', /fishing/],
      [{ centerId: 'c1', scenario: rural, changes: [{ kind: 'shift', counterId: '1', from: [], to: [{ from: 600, to: 540 }] }] }, '/api/planning/simulate', /changes applied/],
    ];
    for (const [body, path, message] of cases) {
      const res = await s.call('POST', path, { token: sup, body });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('a period with no tickets in it: 400 saying so', async () => {
    const res = await s.call('POST', '/api/planning/advice', { token: sup, body: { centerId: 'c1', source: { kind: 'period', from: '2025-01-06', to: '2025-02-28', weekday: 'mon' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.message).toMatch(/\S/);
  });
});

describe('advice and trying a day', () => {
  let advice: PlanningAdvice;

  it('advises on a small day: staffing per hour, at least one measured step, and the advised day as a valid scenario file', async () => {
    const res = await s.call('POST', '/api/planning/advice', { token: sup, body: { centerId: 'c1', source: scenarioSource(rural) } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    advice = res.body;
    expect(advice).toMatchObject({ format: 'qms-advice/1', scenario: 'rural-office', policy: 'adaptive', seeds: 10, counters: 3 });
    expect(advice.staffing.hours.map((h) => h.from)).toEqual([480, 540, 600, 660, 720, 780, 840, 900]);
    expect(advice.staffing.hours.reduce((sum, h) => sum + h.need, 0)).toBeGreaterThan(0);
    expect(advice.staffing.hours.every((h) => h.planned >= 0 && h.services.length === 6)).toBe(true);
    expect(advice.steps.length).toBeGreaterThan(0);
    const first = advice.steps[0]!;
    expect(first.after.withinTarget.mean!).toBeGreaterThan(first.before.withinTarget.mean!);
    expect(first.reason).toMatch(/\S/);
    // Better than the plan as given, and the file replays: same counters, the new skills in it.
    expect(advice.figures.advised.withinTarget.mean!).toBeGreaterThanOrEqual(advice.figures.current.withinTarget.mean!);
    const advised = parseScenario(advice.advised);
    expect(advised.counters.map((c) => c.id)).toEqual(['1', '2', '3']);
    for (const step of advice.steps) {
      if (step.change.kind === 'train') expect(advised.counters.find((c) => c.id === step.change.counterId)!.canServe).toContain(step.change.serviceId);
    }
  });

  it('trying the day with every step of the advice gives the advised figures, seed for seed; without them, the current ones', async () => {
    const changes = advice.steps.map((x) => x.change);
    const withSteps = await s.call('POST', '/api/planning/simulate', { token: sup, body: { centerId: 'c1', scenario: rural, changes } });
    expect(withSteps.status, JSON.stringify(withSteps.body)).toBe(200);
    const tried: TriedDay = withSteps.body;
    expect(tried.figures).toEqual(advice.figures.advised);
    expect(tried).toMatchObject({ scenario: 'rural-office', policy: 'adaptive', seeds: 10 });
    expect(tried.hours.map((h) => h.from)).toEqual([480, 540, 600, 660, 720, 780, 840, 900]);
    expect(tried.hours.reduce((sum, h) => sum + h.arrivals, 0)).toBeGreaterThan(50);
    const asGiven = await s.call('POST', '/api/planning/simulate', { token: admin, body: { centerId: 'c1', scenario: rural } });
    expect(asGiven.body.figures).toEqual(advice.figures.current);
    const fewer = await s.call('POST', '/api/planning/simulate', { token: sup, body: { centerId: 'c1', scenario: rural, seeds: 2 } });
    expect(fewer.body.seeds).toBe(2);
  });

  it('the live queue is served while a plan is worked out, and a second plan meanwhile is refused with a clear message', async () => {
    const order: string[] = [];
    const body = { centerId: 'c1', source: scenarioSource(rural) };
    const first = s.call('POST', '/api/planning/advice', { token: sup, body }).then((r) => (order.push('advice'), r));
    // Sent after the first: the server has it running by the time these arrive (one connection each, in order).
    await new Promise((r) => setTimeout(r, 100));
    const second = await s.call('POST', '/api/planning/advice', { token: admin, body });
    const ticket = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    order.push('ticket');
    expect(ticket.status).toBe(201);
    expect(second.status).toBe(429);
    expect(second.body.error).toEqual({ code: ErrorCode.RateLimited, message: 'A plan is being computed; try again in a minute.' });
    expect(second.headers.get('retry-after')).toBe('60');
    expect((await first).status).toBe(200);
    // The ticket was issued while the advice still ran: the planning thread kept the server free.
    expect(order).toEqual(['ticket', 'advice']);
  });
});

describe("advice on a period of the center's own history", () => {
  let h: TestServer;
  let dir: string;
  beforeAll(async () => {
    // Two weeks of simulated days before Monday 2 March 2026 (T0): two Mondays among them.
    dir = mkdtempSync(join(tmpdir(), 'qms-planning-'));
    const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
    const configs = new ConfigStore(db);
    configs.write(testCenter());
    generateHistory(db, configs.read('c1')!, 14, T0);
    db.close();
    h = await startServer({ dir });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fits the Mondays of the period and advises on them as on the fitted day GET /api/planning/scenario gives', async () => {
    const token = await h.login('super');
    const period = { from: '2026-02-16', to: '2026-03-01', weekday: 'mon' } as const;
    const res = await h.call('POST', '/api/planning/advice', { token, body: { centerId: 'c1', source: { kind: 'period', ...period }, seeds: 3 } });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const advice: PlanningAdvice = res.body;
    const fitted = await h.call('GET', `/api/planning/scenario?centerId=c1&from=${period.from}&to=${period.to}&weekday=mon`, { token });
    expect(fitted.status).toBe(200);
    expect(fitted.body.days).toEqual(['2026-02-16', '2026-02-23']);
    expect(advice.scenario).toBe(fitted.body.scenario.name);
    expect(advice.counters).toBe(4);
    // The same day advised from the file: the same figures, seed for seed.
    const asFile = await h.call('POST', '/api/planning/advice', { token, body: { centerId: 'c1', source: scenarioSource(fitted.body.scenario), seeds: 3 } });
    expect(asFile.body.figures).toEqual(advice.figures);
    expect(asFile.body.steps).toEqual(advice.steps);
  });
});
