/**
 * Issue 12, the Reports screen in real Chromium against the real server: a few tickets played
 * through the API over two days (as test/http/reports.test.ts plays them), then a supervisor opens
 * Reports, picks periods and groupings and sees the API's figures; downloads a table as CSV (BOM,
 * headers in their language) and the ticket log; sees the empty, refused and failed states; and
 * an operator sees only the tickets they served, without the chart code in their everyday bundle.
 * Tests share one server and run in order.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headline, hoursOf } from '../../counter-ui/src/screens/Reports/balancing.js';
import { formatCalendarDay, formatNumber, formatPercent } from '../../shared/src/client/dates.js';
import { KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const MIN = 60_000;
const LAPTOP = { width: 1440, height: 900 };
// Day 1 is Monday 2 March 2026 (the test clock's start, 10:00 in Moscow); day 2, the Tuesday, is today.
const DAY2 = '2026-03-03';

let env: BrowserEnv;
let sup: string;

async function issue(token: string, serviceId: string): Promise<string> {
  const res = await env.server.call('POST', '/api/tickets', { token, body: { serviceId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket.id as string;
}
async function act(token: string, counter: string, action: string) {
  const res = await env.server.call('POST', `/api/counters/${counter}/${action}`, { token, body: {} });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
}
async function summary(token: string, from: string, to: string, groupBy = 'none'): Promise<any> {
  const res = await env.server.call('GET', `/api/reports/summary?from=${from}&to=${to}&groupBy=${groupBy}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  env = await browserEnv();
  sup = await env.server.login('super');
  let op1 = await env.server.login('op1');
  const op2 = await env.server.login('op2');
  // Day 1: A001 waits 4 min (op1 serves it 6 min), A002 4 min (op2, 10 min), A003 20 min and
  // a no-show, A004 cancelled.
  await act(op1, '2', 'claim');
  await act(op2, '1', 'claim');
  await issue(KIOSK_TOKEN, 'passport');
  await issue(KIOSK_TOKEN, 'passport');
  await issue(sup, 'passport');
  const cancelled = await issue(KIOSK_TOKEN, 'passport');
  env.server.clock.advance(4 * MIN);
  await act(op1, '2', 'call-next');
  await act(op1, '2', 'start');
  await act(op2, '1', 'call-next');
  await act(op2, '1', 'start');
  expect((await env.server.call('POST', `/api/tickets/${cancelled}/cancel`, { token: sup })).status).toBe(200);
  env.server.clock.advance(6 * MIN);
  await act(op1, '2', 'complete');
  env.server.clock.advance(4 * MIN);
  await act(op2, '1', 'complete');
  env.server.clock.advance(6 * MIN);
  await act(op1, '2', 'call-next');
  await act(op1, '2', 'no-show');
  // The supervisor merges counter 1 into property; unused for 11 minutes, the rebalancer (asked
  // for suggestions) proposes releasing it and the supervisor accepts: two moves by staff.
  const merged = await env.server.call('PUT', '/api/counters/1/services', {
    token: sup,
    body: { services: [{ serviceId: 'passport', role: 'primary' }, { serviceId: 'property', role: 'secondary' }], reason: 'property queue' },
  });
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  env.server.clock.advance(11 * MIN);
  const suggest = await env.server.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'suggest' } });
  expect(suggest.body.proposals.map((p: any) => p.kind)).toEqual(['release']);
  expect((await env.server.call('POST', `/api/balance/proposals/${suggest.body.proposals[0].id}/accept`, { token: sup })).status).toBe(200);
  expect((await env.server.call('PUT', '/api/balance/mode', { token: sup, body: { mode: 'off' } })).status).toBe(200);
  // Day 2: one ticket, called after 40 minutes.
  env.server.clock.advance(24 * 60 * MIN);
  sup = await env.server.login('super');
  op1 = await env.server.login('op1');
  await env.server.call('POST', '/api/counters/2/claim', { token: op1, body: {} });
  await issue(KIOSK_TOKEN, 'passport');
  env.server.clock.advance(40 * MIN);
  await act(op1, '2', 'call-next');
});
afterAll(async () => {
  await env?.stop();
});

async function logIn(login: string, lang = 'en'): Promise<Page> {
  const { page } = await env.page(LAPTOP);
  await page.goto('/counter/');
  await page.evaluate((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await page.reload();
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return page;
}

/** The period and grouping on screen, once their report has come (a failure says what the server said). */
async function loaded(page: Page, from: string, to: string, grouping: string): Promise<void> {
  await page.locator(`[data-testid=report-groups][data-from="${from}"][data-to="${to}"][data-grouping="${grouping}"], [data-testid=report-error]`).waitFor();
  const error = page.getByTestId('report-error');
  if ((await error.count()) > 0) throw new Error(`report failed: ${await error.innerText()}`);
}
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();
const minutes = (v: number) => `${formatNumber(v, 'en')} min`;

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

let page: Page;

describe('issue 12: the Reports screen', () => {
  it('a supervisor opens Reports from the top bar: today in the center’s zone, the figures the API gives', async () => {
    page = await logIn('super');
    await page.locator('.tabs button', { hasText: 'Reports' }).click();
    await page.getByTestId('reports').waitFor();
    expect(new URL(page.url()).pathname).toBe('/counter/reports');
    // Today is day 2 on the server's clock (the browser's own date is whatever it is).
    await loaded(page, DAY2, DAY2, 'service');
    expect(await text(page, 'report-range')).toContain('Tuesday, 3 March 2026');
    expect(await text(page, 'kpi-issued')).toBe('1');
    expect(await text(page, 'kpi-within')).toBe('0%');
    expect(await text(page, 'kpi-wait-mean')).toBe('40 min');

    await page.locator('[data-preset=last7]').click();
    await loaded(page, '2026-02-25', DAY2, 'service');
    const api = await summary(sup, '2026-02-25', DAY2);
    const t = api.total;
    expect(await text(page, 'kpi-issued')).toBe(String(t.issued));
    expect(await text(page, 'kpi-served')).toBe(String(t.served));
    expect(await text(page, 'kpi-no-show')).toBe(String(t.noShow));
    expect(await text(page, 'kpi-cancelled')).toBe(String(t.cancelled));
    expect(await text(page, 'kpi-within')).toBe(formatPercent(t.withinTarget, 'en'));
    expect(await text(page, 'kpi-wait-mean')).toBe(minutes(t.wait.mean));
    expect(await text(page, 'kpi-wait-p50')).toBe(minutes(t.wait.p50));
    expect(await text(page, 'kpi-wait-p90')).toBe(minutes(t.wait.p90));
    expect(await text(page, 'kpi-service-mean')).toBe(minutes(t.service.mean));
    for (const [band, share] of Object.entries(t.bands) as [string, number][]) {
      expect(await page.locator(`[data-testid=bands] [data-band=${band}] strong`).innerText()).toBe(formatPercent(share, 'en'));
    }
    // Passport's row, by service, and the total under it.
    const row = page.locator('[data-testid=group-table] [data-testid=group-row][data-key=passport]');
    expect(await row.locator('th').innerText()).toBe('Passport');
    expect(await row.locator('[data-col=issued]').innerText()).toBe('5');
    expect(await page.locator('[data-testid=group-table] [data-testid=total-row] [data-col=withinTarget]').innerText()).toBe('50%');
    // The charts are drawn and say what they show.
    for (const chart of ['flow', 'waits', 'share', 'services']) {
      const figure = page.getByTestId(`chart-${chart}`);
      await figure.locator('canvas').first().waitFor();
      expect(await figure.locator('[role=img]').getAttribute('aria-label')).toMatch(/chart\./);
    }
    expect(await page.getByTestId('chart-flow').getByTestId('chart-summary').innerText()).toBe('Busiest hour: 10:00–11:00, 5 arrivals.');
    // Open the charts' tables too: WCAG 2.2 AA has nothing serious to say about any of it.
    for (const summary of await page.locator('details.chart-table summary').all()) await summary.click();
    expect(await axeSerious(page)).toEqual([]);
  });

  it('groupings show names in words: operators by name, the uncalled as such, hours as ranges', async () => {
    await page.getByTestId('report-group').selectOption('operator');
    await loaded(page, '2026-02-25', DAY2, 'operator');
    const api = await summary(sup, '2026-02-25', DAY2, 'operator');
    const rows = page.locator('[data-testid=group-table] [data-testid=group-row]');
    expect(await rows.count()).toBe(api.groups.length);
    for (const g of api.groups) {
      const r = page.locator(`[data-testid=group-table] [data-testid=group-row][data-key="${g.key}"]`);
      expect(await r.locator('[data-col=served]').innerText()).toBe(String(g.figures.served));
      expect(await r.locator('[data-col=noShow]').innerText()).toBe(String(g.figures.noShow));
    }
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Operator 1', 'Operator 2', 'Not called']);

    await page.getByTestId('report-group').selectOption('hour');
    await loaded(page, '2026-02-25', DAY2, 'hour');
    expect(await rows.locator('th').allInnerTexts()).toEqual(['10:00–11:00']);
    expect(await rows.first().locator('[data-col=issued]').innerText()).toBe('5');

    await page.getByTestId('report-group').selectOption('channel');
    await loaded(page, '2026-02-25', DAY2, 'channel');
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Kiosk', 'Issued by staff']);
  });

  it('a table downloads as CSV in the viewer’s language, with a byte order mark; the ticket log through a one-use link', async () => {
    await page.getByTestId('language').selectOption('ru');
    await page.locator('html[lang=ru]').waitFor();
    await page.getByTestId('report-group').selectOption('operator');
    await loaded(page, '2026-02-25', DAY2, 'operator');
    const table = await saved(page, () => page.locator('[data-testid=group-table] [data-testid=csv]').click());
    expect(table.name).toBe(`report-2026-02-25-${DAY2}-operator.csv`);
    expect([...table.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = table.bytes.toString('utf8').slice(1).split('\r\n');
    // Russian Excel splits on ";" and reads "8,5" as a number.
    expect(lines[0]).toMatch(/^Оператор;Выдано;Обслужено;Неявки;Отменено;Переадресовано;Ср\. ожидание, мин;/);
    expect(lines[0]).toContain('В нормативе, %');
    expect(lines[1]).toMatch(/^Operator 1;/);
    expect(lines.find((l) => l.startsWith('Не вызывался;'))).toBeTruthy();
    expect(lines.find((l) => l.startsWith('Итого;5;2;1;1;'))).toBeTruthy();

    const log = await saved(page, () => page.getByTestId('ticket-log').click());
    expect(log.name).toBe(`tickets-c1-2026-02-25-${DAY2}.csv`);
    expect([...log.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const logLines = log.bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(logLines[0]).toMatch(/^day,number,ticket_id,/);
    expect(logLines).toHaveLength(1 + 5);
    await page.getByTestId('language').selectOption('en');
    await page.locator('html[lang=en]').waitFor();
  });

  it('a day without tickets says so; a reversed range is refused before asking; a failure shows the server’s message', async () => {
    await page.locator('[data-preset=custom]').click();
    await page.getByTestId('report-from').fill('2026-02-01');
    await page.getByTestId('report-to').fill('2026-02-01');
    await page.getByTestId('report-empty').waitFor();
    expect(await text(page, 'report-empty')).toContain('No tickets in this period.');

    await page.getByTestId('report-from').fill('2026-03-03');
    await page.getByTestId('report-to').fill('2026-03-02');
    expect(await text(page, 'report-problem')).toBe('The end of the period is before its start: swap the dates.');

    await page.route('**/api/reports/summary?*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The database is being backed up' } }) }),
    );
    await page.getByTestId('report-from').fill('2026-03-01');
    await page.getByTestId('report-error').waitFor();
    expect(await text(page, 'report-error-message')).toBe('The database is being backed up');
    await page.unroute('**/api/reports/summary?*');
    await page.getByTestId('report-error').getByRole('button').click();
    await loaded(page, '2026-03-01', '2026-03-02', 'operator');
  });

  it('a supervisor sees what balancing saved: today has no replay; a past day is replayed (asked again while pending) and the figures are the API’s', async () => {
    const sp = await logIn('super');
    const asked: string[] = [];
    sp.on('request', (r) => {
      if (r.url().includes('/api/reports/balancing')) asked.push(r.url());
    });
    // The first answer comes as a long period's would: nothing replayed yet, every day pending.
    let answers = 0;
    await sp.route('**/api/reports/balancing?*', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      answers += 1;
      if (answers > 1 || body.days.length === 0) return route.fulfill({ response: res });
      const none = { withinTarget: null, meanWaitMin: null };
      await route.fulfill({ response: res, json: { ...body, days: [], pending: body.days.map((d: any) => d.day), total: { visitors: 0, actual: none, without: none } } });
    });
    await sp.locator('.tabs button', { hasText: 'Reports' }).click();
    await loaded(sp, DAY2, DAY2, 'service');
    await sp.locator('[data-testid=balancing][data-state=todayOnly]').waitFor();
    expect(await text(sp, 'balancing-today')).toBe('Today has no replay yet: a day is replayed once it is over. Choose a period with past days, such as the last 7 days.');
    expect(asked).toEqual([]);

    await sp.locator('[data-preset=last7]').click();
    await sp.getByTestId('balancing-pending').waitFor();
    expect(await sp.getByTestId('balancing-pending').locator('p').innerText()).toBe('Replaying the days without balancing: 1 of 1 still to go…');
    await sp.locator('[data-testid=balancing][data-state=ready][data-from="2026-02-25"]').waitFor();
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(asked[0]).toContain(`from=2026-02-25&to=${DAY2}`);

    const api = (await env.server.call('GET', `/api/reports/balancing?from=2026-02-25&to=${DAY2}`, { token: sup })).body;
    const target = (await summary(sup, '2026-02-25', DAY2)).targetWaitMin;
    expect(api.pending).toEqual([]);
    expect(api.days.map((d: any) => d.day)).toEqual(['2026-03-02']);
    const plain = async (testId: string) => (await text(sp, testId)).replace(/\u00a0/g, ' ');
    const { actual: a, without: w } = api.total;
    expect(await plain('balancing-headline')).toBe(
      `With balancing: ${formatPercent(a.withinTarget, 'en')} called within ${minutes(target)}, mean wait ${minutes(a.meanWaitMin)}. ` +
        `The same days without it: ${formatPercent(w.withinTarget, 'en')}, ${minutes(w.meanWaitMin)}.`,
    );
    const h = headline(api);
    if (h.verdict === 'better') {
      expect(await plain('balancing-gain')).toBe(
        `Balancing called ${h.extraWithin} more visitors within the target and saved about ${formatNumber(h.hoursSaved!, 'en')} h of waiting in all (${minutes(h.minutesSaved!)} per visitor).`,
      );
    } else if (h.verdict === 'same') expect(await plain('balancing-gain')).toBe('With and without balancing, the waits were about the same.');
    else expect(await sp.getByTestId('balancing-gain').count()).toBe(0);
    expect(await text(sp, 'balancing-scope')).toBe(`Past days replayed: 1; visitors: ${api.total.visitors}.`);
    expect(await sp.locator('[data-testid=balancing] .panel-count').innerText()).toBe('Today is left out until it is over.');
    // The moves: the supervisor's merge and the release they accepted, by name, and the counter time.
    expect(api.moves).toMatchObject({ merges: 1, releases: 1, automatic: 0, byStaff: 2, mergedMinutes: 11, proposals: { accepted: 1, rejected: 0, expired: 0 } });
    expect(await text(sp, 'moves-merges')).toBe('1');
    expect(await text(sp, 'moves-releases')).toBe('1');
    expect(await plain('moves-beyond')).toBe(`11 counter-minutes (${formatNumber(hoursOf(11), 'en')} h)`);
    expect(await text(sp, 'moves-made-by')).toBe('the rebalancer: 0 · staff: 2');
    expect(await text(sp, 'moves-proposals')).toBe('accepted: 1 · rejected: 0 · lapsed: 0');
    expect(await text(sp, 'moves-decided-by')).toBe('Supervisor (accepted: 1, rejected: 0)');
    // The table by day and its total, as the API has them.
    const row = sp.locator('[data-testid=balancing-table] [data-testid=group-row][data-key="2026-03-02"]');
    const day = api.days[0];
    expect(await row.locator('th').innerText()).toBe(formatCalendarDay('2026-03-02', 'en'));
    expect(await row.locator('[data-col=visitors]').innerText()).toBe(String(day.visitors));
    expect(await row.locator('[data-col=withinWith]').innerText()).toBe(formatPercent(day.actual.withinTarget, 'en'));
    expect(await row.locator('[data-col=withinWithout]').innerText()).toBe(formatPercent(day.without.withinTarget, 'en'));
    expect(await row.locator('[data-col=waitWith]').innerText()).toBe(formatNumber(day.actual.meanWaitMin, 'en', 1, true));
    expect(await row.locator('[data-col=waitWithout]').innerText()).toBe(formatNumber(day.without.meanWaitMin, 'en', 1, true));
    expect(await sp.locator('[data-testid=balancing-table] [data-testid=total-row] [data-col=visitors]').innerText()).toBe(String(api.total.visitors));
    // The chart says what it shows, and its table opens; nothing serious for axe.
    const chart = sp.getByTestId('chart-balancing');
    await chart.locator('canvas').first().waitFor();
    expect(await chart.locator('[role=img]').getAttribute('aria-label')).toMatch(/^Bar chart\. Within target, with and without balancing\. Days on which balancing/);
    await chart.locator('details.chart-table summary').click();
    expect(await chart.locator('[data-testid=group-row]').count()).toBe(1);
    expect(await text(sp, 'balancing-how')).toContain('replayed on the same engine with every counter kept to its plan');
    expect(await axeSerious(sp)).toEqual([]);
  });

  it('an operator opens Reports too and sees only the tickets they served; the charts load only then', async () => {
    const { page: op } = await env.page(LAPTOP);
    const scripts: string[] = [];
    const balancing: string[] = [];
    op.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
      if (r.url().includes('/api/reports/balancing')) balancing.push(r.url());
    });
    await op.goto('/counter/');
    await op.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
    await op.reload();
    await op.getByTestId('login-user').fill('op2');
    await op.getByTestId('login-password').fill(PASSWORD);
    await op.getByTestId('login-submit').click();
    await op.getByTestId('picker').waitFor();
    expect(scripts.some((u) => /Reports-/.test(u))).toBe(false);

    await op.locator('.tabs button', { hasText: 'Reports' }).click();
    await op.getByTestId('report-mine').waitFor();
    expect(scripts.some((u) => /Reports-/.test(u))).toBe(true);
    await op.locator('[data-preset=last7]').click();
    await loaded(op, '2026-02-25', DAY2, 'service');
    // op2 served A002 on day 1, and nothing else.
    expect(await text(op, 'kpi-issued')).toBe('1');
    expect(await text(op, 'kpi-served')).toBe('1');
    expect(await text(op, 'kpi-no-show')).toBe('0');
    expect(await text(op, 'kpi-wait-mean')).toBe('4 min');
    expect(await op.getByTestId('ticket-log').count()).toBe(0);
    await op.getByTestId('report-group').selectOption('operator');
    await loaded(op, '2026-02-25', DAY2, 'operator');
    expect(await op.locator('[data-testid=group-table] [data-testid=group-row] th').allInnerTexts()).toEqual(['Operator 2']);
    // What balancing saved is the center's, not an operator's: not shown, not asked for.
    expect(await op.getByTestId('balancing').count()).toBe(0);
    expect(balancing).toEqual([]);
  });
});
