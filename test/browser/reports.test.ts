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
import { formatNumber, formatPercent } from '../../shared/src/client/dates.js';
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

  it('a table downloads as CSV in the viewer’s language, with a byte order mark; the ticket log with the token', async () => {
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

  it('an operator opens Reports too and sees only the tickets they served; the charts load only then', async () => {
    const { page: op } = await env.page(LAPTOP);
    const scripts: string[] = [];
    op.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
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
  });
});
