/**
 * Settings → Webhooks in the counter app (issue 14), against the real server and a real local
 * receiver: an admin adds a webhook on a phone-sized screen in Russian, copies its secret, and
 * watches the delivery log fill in when a ticket is issued; in English on a laptop, the form
 * refuses a webhook without events, and a failed delivery is retried from the log.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../server/src/webhooks/signature.js';
import { KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { Receiver } from '../helpers/webhook-receiver.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1366, height: 768 };

let env: BrowserEnv;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await Receiver.start();
  // The dispatcher ticks by itself here, as on a real server.
  env = await browserEnv({ app: { webhookTickMs: 200 } });
});
afterAll(async () => {
  await env?.stop();
  await receiver?.down();
});

async function webhooksPage(lang: string, size: { width: number; height: number }): Promise<Page> {
  const { page } = await env.page(size);
  page.setDefaultTimeout(10_000);
  await page.goto('/counter/');
  await page.evaluate((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await page.reload();
  await page.getByTestId('login-user').fill('admin');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  await page.goto('/counter/admin/webhooks');
  await page.getByTestId('webhooks').waitFor();
  return page;
}

/** Nothing sticks out sideways: the page fits its width. */
async function expectFits(page: Page): Promise<void> {
  const fit = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Rows that scroll sideways on purpose (the views, Settings' tabs) clip what sticks out of them.
    const scrolls = (el: Element | null): boolean => !!el && (getComputedStyle(el).overflowX === 'auto' || scrolls(el.parentElement));
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el.parentElement))
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')} ${Math.round(el.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, wide: wide.slice(0, 8) };
  });
  expect(fit).toEqual({ overflow: 0, wide: [] });
}

describe('Settings → Webhooks', () => {
  it('ru, 360 px: add a webhook, copy its secret once, and see the log fill in as a ticket is issued', async () => {
    const page = await webhooksPage('ru', PHONE);
    await expect(page.getByText('Вебхуков пока нет', { exact: false }).isVisible()).resolves.toBe(true);
    await page.getByTestId('admin-add').click();
    await page.getByTestId('webhook-url').fill(receiver.url('/crm'));
    await page.getByTestId('webhook-description').fill('CRM центра');
    await page.getByTestId('webhook-event-ticket.issued').check();
    await page.getByTestId('webhook-event-ticket.called').uncheck();
    await page.getByTestId('webhook-event-ticket.completed').check();
    await expect(page.getByTestId('webhook-events').innerText()).resolves.toContain('Талон выдан');
    await page.getByTestId('admin-save').click();

    const secret = (await page.getByTestId('webhook-secret-value').innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('webhook-secret').innerText()).resolves.toContain('показывается только один раз');
    await page.screenshot({ path: '/tmp/webhooks-ru-360-secret.png' });
    await page.getByTestId('webhook-secret-done').click();
    await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
    const row = page.getByTestId('webhook-row');
    await expect(row.innerText()).resolves.toMatch(/CRM центра[\s\S]*Талон выдан[\s\S]*Обслуживание завершено/);
    await expect(row.innerText()).resolves.toContain(secret.slice(0, 10));
    expect(await row.innerText()).not.toContain(secret);

    await row.getByTestId('webhook-log').click();
    await page.getByTestId('webhook-deliveries').getByText('Отправок ещё не было').waitFor();
    const issued = await env.server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    expect(issued.status).toBe(201);
    await page.locator('[data-testid=delivery-row][data-status=delivered]').waitFor();
    const logText = await page.getByTestId('webhook-deliveries').innerText();
    expect(logText).toMatch(/Талон выдан[\s\S]*Доставлено/i);
    expect(logText).toContain('HTTP 200');

    // What the receiver got is signed with the secret the page showed.
    const got = receiver.received.filter((x) => x.path === '/crm');
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({ event: 'ticket.issued', data: { ticketId: issued.body.ticket.id, number: 'A001' } });
    expect(verify(secret, got[0]!.raw, String(got[0]!.headers['qms-signature']))).toBe(true);

    await expectFits(page);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/webhooks-ru-360.png', fullPage: true });
    await page.getByTestId('webhook-deliveries').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/webhooks-ru-360-log.png' });
  });

  it('en, laptop: no events is refused in words; a failed delivery is retried from the log', async () => {
    const down = await Receiver.reserve();
    const page = await webhooksPage('en', LAPTOP);
    await page.getByTestId('admin-add').click();
    await page.getByTestId('webhook-url').fill('gateway.local/sms');
    await page.getByTestId('webhook-event-ticket.called').uncheck();
    await page.getByTestId('admin-save').click();
    const form = page.getByTestId('admin-form');
    await expect(form.innerText()).resolves.toMatch(/Enter a full address starting with http:\/\/ or https:\/\/[\s\S]*Choose at least one event/);
    await page.getByTestId('webhook-url').fill(down.url('/sms'));
    await page.getByTestId('webhook-event-ticket.called').check();
    await page.getByTestId('webhook-phone').check();
    await page.getByTestId('admin-save').click();
    await page.getByTestId('webhook-secret-done').click();

    const row = page.locator('[data-testid=webhook-row]').filter({ hasText: '/sms' });
    await expect(row.innerText()).resolves.toMatch(/with phone number/i);
    await row.getByTestId('webhook-test').click();
    await page.getByTestId('webhooks').getByRole('status').filter({ hasText: 'A test delivery is on its way' }).waitFor();
    // The receiver is down: the first attempt is refused, the next one is 30 s away.
    const pending = page.locator('[data-testid=delivery-row][data-event="webhook.test"]');
    await expect.poll(async () => pending.innerText(), { timeout: 8_000 }).toMatch(/Test delivery[\s\S]*Pending[\s\S]*1[\s\S]*ECONNREFUSED/i);

    // Given up (as after ten attempts), it can be sent again from the log.
    env.server.db.prepare(`UPDATE webhook_deliveries SET status = 'failed', attempts = 10, next_at = NULL WHERE event = 'webhook.test'`).run();
    await page.getByTestId('webhook-log-refresh').click();
    await page.locator('[data-testid=delivery-row][data-status=failed]').waitFor();
    await down.up();
    receivers.push(down);
    await page.getByTestId('delivery-retry').click();
    await page.locator('[data-testid=delivery-row][data-status=delivered]').waitFor();
    await expect(page.getByTestId('webhook-deliveries').innerText()).resolves.toMatch(/Delivered[\s\S]*HTTP 200/i);
    expect(down.received.map((x) => x.body.event)).toEqual(['webhook.test']);

    await expectFits(page);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/webhooks-en-1366.png', fullPage: true });
  });
});

const receivers: Receiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.down()));
});
