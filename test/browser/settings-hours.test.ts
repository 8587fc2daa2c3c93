/**
 * Issue 11: opening hours and closed days are edited in Settings (docs/SPEC.md I3, I6). An admin
 * changes the center's week and adds a closed day, and a service's own hours and closed day; the
 * server keeps them, and the kiosk shows the services as not served with the next opening, in
 * each of its languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { T0 } from '../helpers/server.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const LAPTOP = { width: 1366, height: 768 };
const LIVE = { timeout: 8_000 }; // well under the kiosk's 60 s poll: the live connection brings it

let env: BrowserEnv;
beforeAll(async () => {
  const config = testCenter();
  const day = [{ from: '09:00', to: '18:00' }];
  // T0 is Monday 2 March 2026, 10:00 in Moscow: open.
  config.center.hours = { mon: day, tue: day, wed: day, thu: day, fri: day };
  env = await browserEnv({ config });
});
afterAll(async () => {
  await env?.stop();
});

async function settings(tab: string): Promise<Page> {
  const { page } = await env.page(LAPTOP);
  // A step that cannot happen fails with its locator, well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  await page.goto('/counter/');
  await page.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
  await page.reload();
  await page.getByTestId('login-user').fill('admin');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  await page.goto(`/counter/admin/${tab}`);
  return page;
}

async function kiosk(language: string): Promise<Page> {
  // The kiosk stands in the center (Moscow): Playwright's fake clock replaces Date, which the
  // center-zone dates (TZDate, a Date subclass) cannot extend, so only the device's own zone holds.
  const context = await env.browser.newContext({ viewport: { width: 1080, height: 1920 }, baseURL: env.server.url, timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.clock.install({ time: T0 });
  await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
  await page.getByRole('button', { name: language, exact: true }).click();
  await page.locator('.options.services').waitFor();
  return page;
}

const service = (page: Page, name: string) => page.locator('.options.services button').filter({ hasText: name });
const adminGet = async (path: string) => (await env.server.call('GET', path, { token: await env.server.login('admin') })).body;

describe('Settings: opening hours and closed days', () => {
  it("an admin edits the center's week and adds a closed day; a bad interval is shown and not saved; the kiosk then says when each service opens, in every language", async () => {
    const before = await adminGet('/api/admin/schedule');
    const page = await settings('hours');
    const monday = page.locator('[data-testid=hours-day][data-day=mon]');
    await monday.getByTestId('hours-add').click();
    await monday.getByTestId('hours-from').nth(1).fill('17');
    await monday.getByTestId('hours-from').nth(1).blur();
    expect(await monday.getByTestId('hours-from').nth(1).inputValue()).toBe('17:00');
    expect(await monday.getByTestId('hours-problem').innerText()).toBe('Overlaps 09:00–18:00: join them or change one.');
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-invalid').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    expect(await adminGet('/api/admin/schedule')).toEqual(before);

    // Put it right: no second interval on Monday; Friday closed; Saturday mornings, Monday's hours copied to the week.
    await monday.getByTestId('hours-remove').nth(1).click();
    expect(await monday.getByTestId('hours-problem').count()).toBe(0);
    await monday.getByTestId('hours-to').fill('17:30');
    await page.getByTestId('hours-copy-monday').click();
    await page.locator('[data-day=fri] [data-testid=hours-open]').uncheck();
    await page.locator('[data-day=sat] [data-testid=hours-open]').check();
    await page.locator('[data-day=sat] [data-testid=hours-to]').fill('13:00');

    // Today is a closed day; a date that does not exist is refused with a message.
    await page.getByTestId('closed-add').click();
    expect(await page.getByTestId('closed-problem').innerText()).toBe('Enter a date that exists.');
    await page.getByTestId('closed-date').fill('2026-03-02');
    await page.getByTestId('closed-reason').fill('Staff training');
    await page.getByTestId('closed-add').click();
    const row = page.locator('[data-testid=closed-row][data-date="2026-03-02"]');
    expect(await row.innerText()).toContain('Monday, 2 March 2026');
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-saved').waitFor();

    const week = [{ from: '09:00', to: '17:30' }];
    expect(await adminGet('/api/admin/schedule')).toEqual({
      hours: { mon: week, tue: week, wed: week, thu: week, fri: [], sat: [{ from: '09:00', to: '13:00' }], sun: [] },
      closedDays: [{ date: '2026-03-02', reason: 'Staff training' }],
    });

    // Closed today: every service is not served, opening on Tuesday at 09:00, in the visitor's language.
    const expected: Record<string, RegExp> = {
      English: /Not served now\. Opens Tuesday, 3 March, 09:00/,
      Русский: /Сейчас не обслуживается\. Откроется: вторник, 3 марта, 09:00/,
      // Vietnamese writes "tháng 3"; date-fns's own locale pads the month ("tháng 03").
      'Tiếng Việt': /Hiện chưa phục vụ\. Mở lúc 09:00, Thứ Ba, 3 tháng 0?3/,
      Oʻzbekcha: /Hozir xizmat koʻrsatilmaydi\. Ochiladi: seshanba, 3-mart, 09:00/,
    };
    for (const [language, text] of Object.entries(expected)) {
      const k = await kiosk(language);
      const first = k.locator('.options.services button').first();
      await expect.poll(() => first.innerText(), LIVE).toMatch(text);
      expect(await first.isDisabled()).toBe(true);
      await k.context().close();
    }
    await page.context().close();
  });

  it("an admin gives a service its own hours and a closed day in its form; they are saved with it and the kiosk follows", async () => {
    // The center is open again today: the closed day of the test above goes.
    const admin = await env.server.login('admin');
    const day = [{ from: '09:00', to: '18:00' }];
    expect((await env.server.call('PUT', '/api/admin/schedule', { token: admin, body: { hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, closedDays: [] } })).status).toBe(200);
    const op1 = await env.server.login('op1');
    expect((await env.server.call('POST', '/api/counters/3/claim', { token: op1 })).status).toBe(200);

    const page = await settings('services');
    await page.locator('[data-testid=admin-row][data-id=property]').click();
    await page.getByTestId('f-own-hours').check();
    const monday = page.locator('.editor-form [data-testid=hours-day][data-day=mon]');
    // Own hours start from the center's.
    expect(await monday.getByTestId('hours-from').inputValue()).toBe('09:00');
    await monday.getByTestId('hours-from').fill('14:00');
    await page.getByTestId('closed-date').fill('2026-03-09');
    await page.getByTestId('closed-reason').fill('Registry audit');
    await page.getByTestId('closed-reason').press('Enter'); // adds the day, does not submit the form
    await page.locator('[data-testid=closed-row][data-date="2026-03-09"]').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('admin-save').click();
    await page.getByTestId('admin-form').waitFor({ state: 'detached' });

    const property = (await adminGet('/api/admin/services')).find((s: { id: string }) => s.id === 'property');
    expect(property).toMatchObject({ hours: { mon: [{ from: '14:00', to: '18:00' }], tue: day, sat: [] }, closedDays: [{ date: '2026-03-09', reason: 'Registry audit' }] });
    // Passport keeps the center's hours.
    expect((await adminGet('/api/admin/services')).find((s: { id: string }) => s.id === 'passport').hours).toBeUndefined();

    const k = await kiosk('English');
    await expect.poll(() => service(k, 'Property').innerText(), LIVE).toContain('Not served now. Opens at 14:00');
    expect(await service(k, 'Passport').isDisabled()).toBe(true); // no counter for it is staffed, but it is within hours
    expect(await service(k, 'Passport').innerText()).not.toContain('Opens');
    await page.context().close();
    await k.context().close();
  });

  it("an admin gives a counter its staffing plan (shifts and a break); a bad interval is not saved; without a plan it is counted while open (W5)", async () => {
    const page = await settings('counters');
    await page.locator('[data-testid=admin-row][data-id="4"]').click();
    expect(await page.getByTestId('f-no-plan').isChecked()).toBe(true);
    await page.getByTestId('f-planned-hours').check();
    const monday = page.locator('.editor-form [data-testid=hours-day][data-day=mon]');
    // The plan starts from the center's hours: a morning shift and an afternoon one, a break between.
    await monday.getByTestId('hours-to').fill('12:00');
    await monday.getByTestId('hours-add').click();
    await monday.getByTestId('hours-from').nth(1).fill('11:00');
    await monday.getByTestId('hours-to').nth(1).fill('18:00');
    await page.getByTestId('admin-save').click();
    await page.locator('.editor-form [data-testid=hours-problem]').first().waitFor();
    expect((await adminGet('/api/admin/counters')).find((c: { id: string }) => c.id === '4').hours).toBeUndefined();

    await monday.getByTestId('hours-from').nth(1).fill('13:00');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('admin-save').click();
    await page.getByTestId('admin-form').waitFor({ state: 'detached' });
    const counter = (await adminGet('/api/admin/counters')).find((c: { id: string }) => c.id === '4');
    expect(counter.hours.mon).toEqual([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]);
    expect(counter.services).toEqual([{ serviceId: 'benefits', role: 'primary' }]);

    // And back to no plan: the field goes.
    await page.locator('[data-testid=admin-row][data-id="4"]').click();
    expect(await page.getByTestId('f-planned-hours').isChecked()).toBe(true);
    await page.getByTestId('f-no-plan').check();
    await page.getByTestId('admin-save').click();
    await page.getByTestId('admin-form').waitFor({ state: 'detached' });
    expect((await adminGet('/api/admin/counters')).find((c: { id: string }) => c.id === '4').hours).toBeUndefined();
    await page.context().close();
  });
});
