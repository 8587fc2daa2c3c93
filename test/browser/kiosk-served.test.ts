/**
 * Issue 11, "never a ticket that nobody will call": the kiosk offers only the services a staffed
 * counter serves (or can be switched to) within their hours, follows Settings and the counters
 * live, and its QR code points where a phone can go.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { T0 } from '../helpers/server.js';
import { browserEnv, type BrowserEnv } from './harness.js';

const PORTRAIT = { width: 1080, height: 1920 };
const LIVE = { timeout: 8_000 }; // well under the kiosk's 60 s poll: only the live connection can do it

async function openKiosk(env: BrowserEnv, query = ''): Promise<Page> {
  const { page } = await env.page(PORTRAIT, { timezoneId: 'Europe/Moscow' });
  // The server's clock in tests is T0 (Monday 10:00 in Moscow); the kiosk's follows it.
  await page.clock.install({ time: T0 });
  await page.goto(`/kiosk/?token=${KIOSK_TOKEN}${query}`);
  await page.locator('.language-screen').waitFor();
  return page;
}

const service = (page: Page, name: string) => page.locator('.options.services button').filter({ hasText: name });

describe('kiosk: only services someone serves now', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    const config = testCenter();
    // Property has its own hours, from 14:00 on Mondays; T0 is 10:00.
    config.services[1] = { ...config.services[1]!, hours: { mon: [{ from: '14:00', to: '18:00' }] } };
    env = await browserEnv({ config: { ...config, center: { ...config.center, publicUrl: 'https://queue.example.org/' } } });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('no counter open: every service says "not served now" and cannot be tapped; a counter opening makes its services tappable at once', async () => {
    const page = await openKiosk(env);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    for (const name of ['Passport', 'Property', 'Benefits']) {
      expect(await service(page, name).isDisabled(), name).toBe(true);
      expect(await service(page, name).innerText()).toContain('Not served now');
    }
    expect(await service(page, 'Property').innerText()).toContain('Opens at 14:00');
    // Nothing happens on a tap, not even a request.
    let issued = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/tickets') && (issued += 1)));
    await service(page, 'Passport').click({ force: true });
    expect(issued).toBe(0);
    await page.locator('.services-screen').waitFor();

    // op1 opens counter 1 (passport; it could be switched to property, which is closed until 14:00).
    const op1 = await env.server.login('op1');
    expect((await env.server.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    await expect.poll(() => service(page, 'Passport').isEnabled(), LIVE).toBe(true);
    expect(await service(page, 'Property').isDisabled()).toBe(true);
    expect(await service(page, 'Benefits').isDisabled()).toBe(true);
    expect(await service(page, 'Benefits').innerText()).toContain('Not served now');
    expect(await service(page, 'Benefits').innerText()).not.toContain('Opens');

    // The QR code points to the center's public address, for the visitor's phone.
    await service(page, 'Passport').click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe('A001');
    expect(await page.getByTestId('ticket-qr').getAttribute('data-status-url')).toMatch(/^https:\/\/queue\.example\.org\/kiosk\/t\/[^/]+\?lang=en$/);
  });

  it("the kiosk's own ?publicUrl= overrides the center's", async () => {
    const page = await openKiosk(env, '&publicUrl=http://10.0.0.5:3000');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await service(page, 'Passport').click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toMatch(/^A\d{3}$/);
    expect(await page.getByTestId('ticket-qr').getAttribute('data-status-url')).toMatch(/^http:\/\/10\.0\.0\.5:3000\/kiosk\/t\//);
  });

  it('a service added or renamed in Settings reaches an open kiosk at once', async () => {
    const page = await openKiosk(env);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await service(page, 'Passport').waitFor();
    const admin = await env.server.login('admin');
    const renamed = await env.server.call('PUT', '/api/admin/services/passport', { token: admin, body: { prefix: 'A', names: { ru: 'Паспорт', en: 'Passports and IDs' }, serviceTimeMin: 6 } });
    expect(renamed.status).toBe(200);
    await service(page, 'Passports and IDs').waitFor(LIVE);
    expect((await env.server.call('PUT', '/api/admin/services/visa', { token: admin, body: { prefix: 'V', names: { en: 'Visa' }, serviceTimeMin: 5 } })).status).toBe(200);
    await service(page, 'Visa').waitFor(LIVE);
    // Nobody serves it yet.
    expect(await service(page, 'Visa').isDisabled()).toBe(true);
  });

  it('a supervisor ticks "accept tickets anyway" in Settings: the kiosk offers the service at once, with nobody at its counter', async () => {
    const page = await openKiosk(env);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    expect(await service(page, 'Benefits').isDisabled()).toBe(true);

    const { page: admin } = await env.page({ width: 1366, height: 768 });
    await admin.goto('/counter/');
    await admin.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
    await admin.reload();
    await admin.getByTestId('login-user').fill('admin');
    await admin.getByTestId('login-password').fill(PASSWORD);
    await admin.getByTestId('login-submit').click();
    await admin.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
    await admin.goto('/counter/admin/services');
    await admin.locator('[data-testid=admin-row][data-id=benefits]').click();
    await admin.getByTestId('f-accept-unstaffed').check();
    await admin.getByTestId('admin-save').click();
    await admin.getByTestId('admin-form').waitFor({ state: 'detached' });

    await expect.poll(() => service(page, 'Benefits').isEnabled(), LIVE).toBe(true);
    expect(await service(page, 'Benefits').innerText()).not.toContain('Not served now');
    await service(page, 'Benefits').click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toMatch(/^C\d{3}$/);
    // Saved, not only shown: the configuration says so.
    const token = await env.server.login('admin');
    const cfg = await env.server.call('GET', '/api/admin/config', { token });
    expect(cfg.body.services.find((s: { id: string }) => s.id === 'benefits')).toMatchObject({ acceptWhenUnstaffed: true });
  });
});
