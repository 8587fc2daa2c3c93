/**
 * Issue 14: the phone page's alerts in real Chromium at 360×640 against the real server. The
 * banner comes up when the ticket gets within the center's alert (here: one person ahead), with a
 * vibration and the chime once sound is on, in Russian and in English; a reload does not bring it
 * back. The push toggle: blocked by the browser, it says how to allow; the service worker words a
 * push in the ticket's language (delivered through Chromium's DevTools protocol, as a push service
 * would, since a headless browser has no vendor push service to subscribe with).
 */
import type { CenterConfigInput } from '@qms/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const PHONE = { width: 360, height: 640 };

function alertCenter(): CenterConfigInput {
  const cfg = testCenter();
  cfg.center.remote = { alertPeople: 1, alertMinutes: 0 };
  return cfg;
}

let env: BrowserEnv;
beforeAll(async () => {
  env = await browserEnv({ config: alertCenter() }, { autoplay: false });
});
afterAll(async () => {
  await env?.stop();
});

async function issue(serviceId: string, language: string): Promise<{ id: string; number: string }> {
  const res = await env.server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId, language } });
  expect(res.status).toBe(201);
  return { id: res.body.ticket.id, number: res.body.ticket.number };
}

const sessions = new Map<string, string>();
async function counter(login: string, id: string, action: string): Promise<void> {
  const token = sessions.get(login) ?? sessions.set(login, await env.server.login(login)).get(login)!;
  const res = await env.server.call('POST', `/api/counters/${id}/${action}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A phone that records each vibration pattern and each tone the page starts; the page's code runs unchanged. */
async function phonePage(): Promise<Page> {
  const { page } = await env.page(PHONE);
  await page.addInitScript(() => {
    const alerts = { vibrations: [] as unknown[], tones: 0 };
    Object.assign(window, { alerts });
    Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (pattern: unknown) => (alerts.vibrations.push(pattern), true) });
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      alerts.tones += 1;
      return createOscillator.call(this);
    };
  });
  return page;
}
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { alerts: { vibrations: unknown[]; tones: number } }).alerts);

// prettier-ignore
const CASES = [
  // lang  service     counter  who      words on the banner                                                          sound button
  ['ru', 'passport', '1', 'super', { title: 'Скоро ваша очередь', ahead: 'Перед вами: 1', go: 'Пройдите в зал и ожидайте у окон.' }, 'Включить звуковые оповещения'],
  ['en', 'property', '3', 'op1',   { title: 'Almost your turn', ahead: 'People ahead of you: 1', go: 'Please come to the hall and wait near the counters.' }, 'Turn on sound alerts'],
] as const;

describe('the phone page alerts its visitor', () => {
  it.each(CASES)('%s: the banner comes up when one person is ahead, vibrates and chimes, fits 360×640, and a reload does not repeat it', async (lang, service, counterId, who, words, soundOn) => {
    await counter(who, counterId, 'claim');
    await issue(service, lang);
    await issue(service, lang);
    const mine = await issue(service, lang);
    const page = await phonePage();
    await page.goto(`/kiosk/t/${mine.id}?lang=${lang}`);
    await page.getByTestId('status-number').getByText(mine.number).waitFor();
    await page.getByRole('button', { name: soundOn }).click();
    await expect.poll(async () => (await recorded(page)).tones).toBe(3);
    // Two people ahead: not yet.
    expect(await page.getByTestId('phone-alert').count()).toBe(0);

    await counter(who, counterId, 'call-next');
    const banner = page.getByTestId('phone-alert');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.getByRole('heading').textContent()).toBe(words.title);
    await banner.getByText(words.ahead, { exact: true }).waitFor();
    await banner.getByText(words.go, { exact: true }).waitFor();
    await expect.poll(async () => (await recorded(page)).tones).toBe(6);
    expect((await recorded(page)).vibrations).toEqual([[400, 200, 400, 200, 400]]);

    // Nothing cut off or scrolling sideways at 360 px, and nothing serious for axe.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const box = await banner.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `/tmp/phone-alerts-${lang}.png`, fullPage: true });

    await page.reload();
    await page.getByTestId('status-number').getByText(mine.number).waitFor();
    await page.getByTestId('push-toggle').waitFor();
    expect(await page.getByTestId('phone-alert').count()).toBe(0);
    expect((await recorded(page)).vibrations).toEqual([]);
    await page.close();
  });

  it('blocked by the browser, the push toggle says so and how to allow; granted, the service worker is registered for /kiosk/', async () => {
    const t = await issue('benefits', 'en');
    const { page } = await env.page(PHONE);
    await page.goto(`/kiosk/t/${t.id}?lang=en`);
    const toggle = page.getByTestId('push-toggle');
    await toggle.getByText('This phone can tell you when your turn is near', { exact: false }).waitFor();
    // Headless Chromium answers the permission prompt with "block", as a visitor might.
    await toggle.getByRole('button', { name: 'Notify me even when this page is closed' }).click();
    await toggle.getByText('Your browser blocks notifications from this site', { exact: false }).waitFor();
    await toggle.getByText('set Notifications to Allow, then reload this page', { exact: false }).waitFor();
    expect(await toggle.getByRole('button').count()).toBe(0);

    const { page: granted, context } = await env.page(PHONE);
    await context.grantPermissions(['notifications']);
    await granted.goto(`/kiosk/t/${t.id}?lang=en`);
    await granted.getByTestId('push-toggle').getByRole('button', { name: 'Notify me even when this page is closed' }).click();
    // A headless browser has no vendor push service to subscribe at: the page says it failed, and nothing is stored.
    await granted.getByTestId('push-toggle').getByText('Notifications could not be turned on.', { exact: false }).waitFor();
    const reg = await granted.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration('/kiosk/');
      return { script: r?.active?.scriptURL, scope: r?.scope };
    });
    expect(reg).toEqual({ script: `${env.server.url}/kiosk/sw.js`, scope: `${env.server.url}/kiosk/` });
    expect(env.server.db.prepare('SELECT count(*) AS n FROM push_subscriptions').get()).toEqual({ n: 0 });
  });

  it('the service worker words a push in the ticket\'s language, one notification per ticket, calls renotifying', async () => {
    const t = await issue('benefits', 'vi');
    const { page, context } = await env.page(PHONE);
    await context.grantPermissions(['notifications']);
    await page.goto(`/kiosk/t/${t.id}?lang=vi`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' });
      await navigator.serviceWorker.ready;
    });
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.find((r) => r.scopeURL === `${env.server.url}/kiosk/`)).toBeDefined();
    const registrationId = registrations.find((r) => r.scopeURL === `${env.server.url}/kiosk/`)!.registrationId;
    const push = (payload: object) => cdp.send('ServiceWorker.deliverPushMessage', { origin: env.server.url, registrationId, data: JSON.stringify(payload) });
    const base = { ticketId: t.id, number: t.number, counterNumber: null, etaMin: 4, language: 'vi', url: `/kiosk/t/${t.id}?lang=vi` };
    const shown = () =>
      page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration('/kiosk/');
        return (await r!.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, renotify: (n as unknown as { renotify: boolean }).renotify, url: (n.data as { url: string }).url }));
      });

    await push({ ...base, kind: 'near', position: 2 });
    await expect.poll(shown).toEqual([
      { title: `${t.number}: sắp đến lượt quý khách`, body: 'Số người trước quý khách: 1. Mời quý khách vào sảnh và chờ gần các quầy.', tag: `qms-${t.id}`, renotify: false, url: base.url },
    ]);
    // The call replaces it (same tag) and buzzes again.
    await push({ ...base, kind: 'called', position: null, etaMin: null, counterNumber: '4' });
    await expect.poll(shown).toEqual([{ title: `${t.number}: đã đến lượt quý khách!`, body: 'Mời đến quầy 4.', tag: `qms-${t.id}`, renotify: true, url: base.url }]);
  });
});
