/**
 * Issue 12: the public live board (/board/) in real Chromium on a phone, against the real server.
 * The demo center with a catalogue of 150 services: services and waits in two languages, the
 * figures following a ticket issued at the kiosk, the search, a service closed today, an unknown
 * center, and no serious accessibility fault. Waits for conditions, never for fixed times.
 */
import type { CenterConfigInput } from '@qms/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, demoCenter } from '../../server/src/demo/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const KIOSK = DEMO_CREDENTIALS.kioskToken;
const PHONE = { width: 390, height: 844 };

/** The demo, its services copied up to 150 ("… 2" to "… 22"); one copy opens on Tuesdays only (the test's day is a Monday). */
function center(): CenterConfigInput {
  const demo = demoCenter();
  const copies = Array.from({ length: 143 }, (_, i) => {
    const s = demo.services[i % demo.services.length]!;
    const n = Math.floor(i / demo.services.length) + 2;
    return {
      ...s,
      id: `${s.id}-${n}`,
      prefix: `${s.prefix}${n}`,
      names: Object.fromEntries(Object.entries(s.names).map(([l, name]) => [l, `${name} ${n}`])),
      ...(i === 6 ? { hours: { tue: [{ from: '09:00', to: '12:00' }] } } : {}),
    };
  });
  return { ...demo, services: [...demo.services, ...copies] };
}

const CONFIG = center();
let env: BrowserEnv;

beforeAll(async () => {
  env = await browserEnv({ config: CONFIG });
});
afterAll(async () => {
  await env?.stop();
});

const row = (page: Page, serviceId: string) => page.locator(`.service[data-service="${serviceId}"]`);
const issue = async (serviceId: string) => {
  const res = await env.server.call('POST', '/api/tickets', { token: KIOSK, body: { serviceId } });
  expect(res.status).toBe(201);
};
/** The kiosk's figure for a service, as a whole number of minutes. */
const kioskMinutes = async (serviceId: string) => {
  const loads = (await env.server.call('GET', '/api/services', { token: KIOSK })).body.loads as { serviceId: string; expectedWaitMin: number }[];
  return Math.round(loads.find((l) => l.serviceId === serviceId)!.expectedWaitMin);
};

describe('the live board on a phone', () => {
  it('shows the services and their waits in the browser’s language and another, follows a new ticket, and searches', { timeout: 120_000 }, async () => {
    const op1 = await env.server.login('op1', DEMO_CREDENTIALS.operatorPassword);
    expect((await env.server.call('POST', '/api/counters/1/claim', { token: op1, body: {} })).status).toBe(200);
    for (let i = 0; i < 3; i++) await issue('justice');
    env.server.clock.advance(1000);

    const context = await env.browser.newContext({ viewport: PHONE, baseURL: env.server.url, locale: 'ru-RU' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
    await page.goto('/board/?refresh=1');
    await page.locator('html[lang=ru] .service-list').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Демонстрационный центр государственных услуг');
    await expect(page.title()).resolves.toBe('Демонстрационный центр государственных услуг: очередь сейчас');
    await expect(page.getByTestId('board-status').textContent()).resolves.toBe('Открыто');

    // People waiting first: justice, with the kiosk's expected wait.
    await expect(page.locator('.service').first().getAttribute('data-service')).resolves.toBe('justice');
    const justice = row(page, 'justice');
    await expect(justice.locator('.service-name').textContent()).resolves.toBe('Юстиция: ЗАГС, заверение');
    await expect(justice.getByTestId('service-waiting').textContent()).resolves.toBe('3');
    await expect(justice.getByTestId('service-wait').textContent()).resolves.toBe(`около ${await kioskMinutes('justice')} мин`);
    await expect(row(page, 'land').getByTestId('service-wait').textContent()).resolves.toBe('Окна ещё не открыты');
    await expect(row(page, 'health-2').getByTestId('service-wait').textContent()).resolves.toMatch(/^Сейчас не обслуживаетсяоткроется: вторник, 3 марта, 09:00$/);
    await expect(page.getByTestId('board-counters').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('board-waiting').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('board-updated').textContent()).resolves.toMatch(/^Обновлено в \d\d:\d\d$/);
    // Nothing wider than the phone.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);

    // A visitor takes a ticket at the kiosk: the board shows it at its next refresh.
    await issue('justice');
    env.server.clock.advance(1000);
    await justice.locator('[data-testid=service-waiting]:text-is("4")').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('board-waiting').textContent()).resolves.toBe('4');
    await expect(justice.getByTestId('service-wait').textContent()).resolves.toBe(`около ${await kioskMinutes('justice')} мин`);

    // 150 services: the search box, accents and case aside.
    expect(await page.locator('.service').count()).toBe(150);
    await page.getByLabel('Найти услугу').fill('ЮСТИЦИЯ 1');
    // Its copies 10 to 19 and 21.
    await page.locator('[data-testid=board-search-count]:text-is("Показано услуг: 11 из 150")').waitFor();
    const found = await page.locator('.service .service-name').allTextContents();
    expect(found).toHaveLength(11);
    expect(found.every((n) => /^Юстиция: ЗАГС, заверение (1\d|21)$/.test(n))).toBe(true);
    await page.getByLabel('Найти услугу').fill('zzzz');
    await page.locator('.search-nothing').waitFor();
    await page.getByRole('button', { name: 'Очистить' }).click();
    await expect(page.locator('.service').count()).resolves.toBe(150);

    // English, picked on the page, and remembered.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang=en]').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Demo Provincial Public Administration Service Center');
    await expect(justice.locator('.service-name').textContent()).resolves.toBe('Justice: civil status, notarisation');
    await expect(justice.getByTestId('service-wait').textContent()).resolves.toBe(`about ${await kioskMinutes('justice')} min`);
    await expect(page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await axeSerious(page)).toEqual([]);
    await page.reload();
    await page.locator('html[lang=en] .service-list').waitFor();
    await context.close();
  });

  it('says so for a center that is not there', async () => {
    const { page } = await env.page(PHONE);
    await page.goto('/board/?center=nowhere&lang=en');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('There is no center “nowhere” here. Check the address.');
  });

  it('without the slash, and from the landing page', async () => {
    const { page } = await env.page(PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Live board' }).click();
    await page.locator('.service-list').waitFor();
    await page.goto('/board?lang=uz');
    expect(new URL(page.url()).pathname).toBe('/board/');
    await page.locator('html[lang=uz] .service-list').waitFor();
    await expect(page.getByTestId('board-status').textContent()).resolves.toBe('Hozir ochiq');
  });
});
