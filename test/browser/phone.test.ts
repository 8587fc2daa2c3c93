/**
 * Issue 11: the visitor's phone page (/kiosk/t/<id>) in real Chromium at phone size against the
 * real server. It follows the ticket live over its socket, not the 15 s poll; it vibrates and
 * chimes at the call once the visitor turned sound on; the visitor cancels a waiting ticket.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { browserEnv, type BrowserEnv } from './harness.js';

const PHONE = { width: 390, height: 844 };

let env: BrowserEnv;
beforeAll(async () => {
  // As a phone's browser: no sound before the visitor touches the page.
  env = await browserEnv({}, { autoplay: false });
});
afterAll(async () => {
  await env?.stop();
});

async function issue(serviceId: string, language: string): Promise<{ id: string; number: string }> {
  const res = await env.server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId, language } });
  expect(res.status).toBe(201);
  return { id: res.body.ticket.id, number: res.body.ticket.number };
}

/** One session per person, as at a real counter; a person holds one counter: the supervisor 1, op1 3. */
const sessions = new Map<string, string>();
async function counter(id: string, action: string): Promise<void> {
  const login = id === '3' ? 'op1' : 'super';
  const token = sessions.get(login) ?? sessions.set(login, await env.server.login(login)).get(login)!;
  expect((await env.server.call('POST', `/api/counters/${id}/${action}`, { token })).status).toBe(200);
}

/**
 * A phone that records what the page asks of it: each vibration pattern and each tone it starts.
 * The page's own code runs unchanged; only the device's answers are watched.
 */
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

const alerts = (page: Page) => page.evaluate(() => (window as unknown as { alerts: { vibrations: unknown[]; tones: number } }).alerts);

describe('the phone status page', () => {
  it('turns to "go to counter 1" within 2 s of the call, pushed over its socket with no poll, and vibrates and chimes (sound on is remembered)', async () => {
    await counter('1', 'claim');
    const { id, number } = await issue('passport', 'en');
    const page = await phonePage();
    const polls: number[] = [];
    page.on('request', (r) => r.method() === 'GET' && r.url().includes(`/api/tickets/${id}`) && polls.push(Date.now()));
    await page.goto(`/kiosk/t/${id}?lang=en`);
    await page.getByTestId('status-number').getByText(number).waitFor();
    await page.getByText('Live: this page changes the moment your ticket does.').waitFor();
    await page.getByText('Sound alerts are off.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Turn on sound alerts' }).click();
    await page.getByText('Sound alerts are on.', { exact: false }).waitFor();
    // The visitor hears what the alert sounds like: one chime of three tones.
    await expect.poll(async () => (await alerts(page)).tones).toBe(3);
    expect((await alerts(page)).vibrations).toEqual([]);
    // Remembered on the next visit, where the browser wants a touch first: any touch on the page will do.
    await page.reload();
    await page.getByText('Tap the screen once to let this phone play the alert sound.').waitFor();
    await page.getByTestId('status-number').click();
    await page.getByText('Sound alerts are on.', { exact: false }).waitFor();
    await page.getByText('Live: this page changes the moment your ticket does.').waitFor();

    const pollsBefore = polls.length;
    const calledAt = Date.now();
    await counter('1', 'call-next');
    await page.getByText('Go to counter 1').waitFor({ timeout: 2_000 });
    expect(Date.now() - calledAt).toBeLessThan(2_000);
    await page.getByText('It is your turn!').waitFor();
    // Nothing was fetched: the socket brought it (the poll runs only while the socket is down, every 15 s).
    expect(polls.length).toBe(pollsBefore);
    expect(await alerts(page)).toEqual({ vibrations: [[400, 200, 400, 200, 400]], tones: 3 });
    // Called, the ticket can no longer be given up here.
    expect(await page.getByRole('button', { name: 'I no longer need this ticket' }).count()).toBe(0);

    // A recall alerts again.
    env.server.clock.advance(30_000);
    await counter('1', 'recall');
    await expect.poll(async () => (await alerts(page)).vibrations.length, { timeout: 2_000 }).toBe(2);
    expect((await alerts(page)).tones).toBe(6);
    await counter('1', 'complete');
    await page.getByText('Your visit is complete. Thank you!').waitFor({ timeout: 2_000 });
  });

  it('while its socket is down it polls every 15 s, and once live again it stops polling', async () => {
    await counter('3', 'claim');
    const { id } = await issue('property', 'en');
    const page = await phonePage();
    await page.clock.install();
    const polls: number[] = [];
    page.on('request', (r) => r.method() === 'GET' && r.url().includes(`/api/tickets/${id}`) && polls.push(Date.now()));
    await page.goto(`/kiosk/t/${id}?lang=en`);
    await page.getByText('Live: this page changes the moment your ticket does.').waitFor();
    const atLoad = polls.length;

    // The server lets the phone go (as a restart would): the page says when it last heard, and fetches at once.
    env.server.app.io.of('/ticket').disconnectSockets();
    await page.getByRole('button', { name: 'Refresh now' }).waitFor();
    await page.getByText(/^Updated at/).waitFor();
    await expect.poll(() => polls.length).toBe(atLoad + 1);
    await counter('3', 'call-next');
    await page.clock.runFor(15_000);
    await page.getByText('Go to counter 3').waitFor();
    expect(polls.length).toBe(atLoad + 2);

    // It asks for its connection again: live, and the poll stops.
    await page.clock.runFor(30_000);
    await page.getByText('Live: this page changes the moment your ticket does.').waitFor();
    const live = polls.length;
    // Past a poll's interval, short of the 45 s after which the fake clock would make Socket.IO give up on the server's pings.
    await page.clock.runFor(20_000);
    expect(polls.length).toBe(live);
    await counter('3', 'complete');
    await page.getByText('Your visit is complete. Thank you!').waitFor();
  });

  it('the visitor cancels a waiting ticket after confirming; staff see it cancelled', async () => {
    const { id, number } = await issue('property', 'ru');
    const page = await phonePage();
    await page.goto(`/kiosk/t/${id}?lang=ru`);
    await page.getByText('В реальном времени', { exact: false }).waitFor();
    const ask = page.getByRole('button', { name: 'Мне больше не нужен этот талон' });

    await ask.click();
    await page.getByText(`Отменить талон ${number}? Вы потеряете своё место в очереди.`).waitFor();
    await page.getByRole('button', { name: 'Нет, оставить' }).click();
    expect((await env.server.call('GET', `/api/tickets/${id}`)).body.status).toBe('waiting');

    await ask.click();
    await page.getByRole('button', { name: 'Да, отменить талон' }).click();
    await page.getByText('Этот талон отменён.').waitFor();
    expect(await ask.count()).toBe(0);
    expect((await env.server.call('GET', `/api/tickets/${id}`)).body.status).toBe('cancelled');
    const queue = await env.server.call('GET', '/api/queue', { token: await env.server.login('super') });
    expect(queue.body.tickets.find((t: { id: string }) => t.id === id)).toMatchObject({ status: 'cancelled' });
  });
});
