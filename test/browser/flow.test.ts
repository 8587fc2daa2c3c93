/**
 * The whole visit across the three apps, each a real page on the real server: a visitor takes a
 * priority ticket at the kiosk, the operator sees it in the counter app and calls it with the
 * keyboard, the hall display shows the call and queues its announcement (in the center's
 * language and the visitor's), and the operator serves and completes it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { browserEnv, type BrowserEnv } from './harness.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await browserEnv();
});
afterAll(async () => {
  await env?.stop();
});

/** Headless Chromium has no voices: a stand-in that "speaks" for 300 ms, so the queue runs as on a TV. */
function stubVoice(): void {
  const synth = {
    speak(u: SpeechSynthesisUtterance) {
      setTimeout(() => u.onend?.(new SpeechSynthesisEvent('end', { utterance: u })), 300);
    },
    cancel() {},
    getVoices: () => [],
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

it('kiosk priority ticket → counter calls it → the display shows and announces it → completed', async () => {
  const { page: display } = await env.page({ width: 1920, height: 1080 });
  await display.addInitScript(stubVoice);
  // Started as a TV is (--autoplay-policy=no-user-gesture-required): sound on, nobody taps.
  await display.goto(`/display/?token=${DISPLAY_TOKEN}`);

  // The operator takes counter 1 first: the kiosk offers only services a staffed counter serves.
  const { page: counter } = await env.page({ width: 1366, height: 768 });
  await counter.goto('/counter/');
  await counter.getByTestId('login-user').fill('op1');
  await counter.getByTestId('login-password').fill(PASSWORD);
  await counter.getByTestId('login-submit').click();
  await counter.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
  await counter.getByTestId('operator').waitFor();

  const { page: kiosk } = await env.page({ width: 1080, height: 1920 });
  await kiosk.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
  await button(kiosk, 'English').click();
  await button(kiosk, /^Priority lane/).click();
  await button(kiosk, 'Disability').click();
  await button(kiosk, /^Passport/).click();
  await expect.poll(() => kiosk.getByTestId('ticket-number').innerText()).toBe('A001');
  // The ticket is in this counter's live queue, marked as priority.
  await counter.getByText('A001').first().waitFor();
  await counter.locator('.actions[aria-busy="false"]').waitFor();
  await counter.keyboard.press('KeyN');
  await counter.getByTestId('current-number').filter({ hasText: 'A001' }).waitFor();

  // The hall display shows the call and speaks it in Russian (the center's) and English (the visitor's).
  await display.locator('[data-testid=now-calling][data-ticket="A001"][data-counter="1"]').waitFor({ timeout: 15_000 });
  await display.waitForFunction(
    () => {
      const done = [...document.querySelectorAll<HTMLElement>('[data-testid=announcement-log] li')].filter((li) => li.dataset.status === 'done');
      const texts = done.map((li) => li.textContent);
      return texts.includes('Талон A 001, окно 1') && texts.includes('Ticket A 001, counter 1');
    },
    undefined,
    { timeout: 15_000 },
  );

  await counter.locator('.actions[aria-busy="false"]').waitFor();
  await counter.keyboard.press('KeyS');
  await counter.locator('.actions[aria-busy="false"]').waitFor();
  await counter.keyboard.press('KeyC');
  const ticket = async () => {
    const snap = await env.server.call('GET', '/api/stats/today', { token: await env.server.login('super') });
    return snap.body.services.passport;
  };
  await expect.poll(ticket, { timeout: 10_000 }).toMatchObject({ issued: 1, served: 1, waiting: 0 });
});
