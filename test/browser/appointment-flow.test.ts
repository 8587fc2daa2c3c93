/**
 * Issue 13, the whole appointment across the apps, each a real page on the real server: a visitor
 * books on a 360×640 phone in Vietnamese, comes the next morning and checks in at the kiosk by
 * scanning the code (in Russian), the operator calls the booked ticket at the counter and the hall
 * display shows the call.
 */
import type { CenterConfigInput } from '@qms/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { browserEnv, type BrowserEnv } from './harness.js';

/** Moscow (UTC+3) wall clock; T0 is Monday 2 March 2026, 10:00. */
const msk = (hh: number, mm = 0, day = 2) => Date.UTC(2026, 2, day, hh - 3, mm);

function center(): CenterConfigInput {
  const config = testCenter();
  config.center.names = { ru: 'Тестовый центр', en: 'Test center', vi: 'Trung tâm thử nghiệm', uz: 'Sinov markazi' };
  config.services[0]!.names = { ru: 'Паспорт', en: 'Passport', vi: 'Hộ chiếu', uz: 'Pasport' };
  config.services[0]!.appointments = { enabled: true, bookableShare: 0.5 };
  return config;
}

let env: BrowserEnv;
beforeAll(async () => {
  env = await browserEnv({ config: center() });
});
afterAll(async () => {
  await env?.stop();
});

it('booked on a phone → checked in at the kiosk by scanning the code → called at the counter → shown on the display', { timeout: 120_000 }, async () => {
  // The phone: Vietnamese, tomorrow at 11:00.
  const phone = await env.browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: env.server.url, locale: 'vi-VN' });
  const book = await phone.newPage();
  book.setDefaultTimeout(15_000);
  await book.goto('/book/');
  await book.getByRole('button', { name: 'Hộ chiếu' }).click();
  await book.getByRole('button', { name: /^Ngày mai/ }).click();
  await book.getByRole('button', { name: '11:00', exact: true }).click();
  await book.getByRole('button', { name: /Đặt lịch/ }).last().click();
  const shown = (await book.getByTestId('book-code').textContent())!;
  const code = shown.replace('-', '');
  expect((await env.server.call('GET', `/api/appointments/c1/${code}`)).body).toMatchObject({ at: msk(11, 0, 3), status: 'booked', language: 'vi' });
  await phone.close();

  // The next morning at 10:45: the operator takes counter 1, the hall TV is on.
  env.server.clock.now = msk(10, 45, 3);
  const { page: counter } = await env.page({ width: 1366, height: 768 });
  await counter.goto('/counter/');
  await counter.getByTestId('login-user').fill('op1');
  await counter.getByTestId('login-password').fill(PASSWORD);
  await counter.getByTestId('login-submit').click();
  await counter.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
  await counter.getByTestId('operator').waitFor();
  const { page: display } = await env.page({ width: 1920, height: 1080 });
  await display.goto(`/display/?token=${DISPLAY_TOKEN}`);

  // The kiosk, in Russian: the scanner types the code from the QR on the phone, then Enter.
  const { page: kiosk } = await env.page({ width: 1080, height: 1920 }, { timezoneId: 'Europe/Moscow' });
  await kiosk.clock.install({ time: env.server.clock.now });
  await kiosk.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
  await kiosk.getByRole('button', { name: 'Русский', exact: true }).click();
  await kiosk.getByRole('button', { name: /^У меня есть запись/ }).click();
  await kiosk.locator('.checkin-code').waitFor();
  await kiosk.keyboard.type(code, { delay: 5 });
  await kiosk.keyboard.press('Enter');
  await kiosk.getByTestId('ticket-number').waitFor();
  const number = await kiosk.getByTestId('ticket-number').innerText();
  expect(await kiosk.getByTestId('ticket-appointment').innerText()).toContain('11:00');

  // The counter sees it as an appointment and calls it; the display shows the call.
  const queued = counter.locator(`[data-testid=queue-row][data-number=${number}]`);
  await queued.waitFor();
  expect(await queued.getByTestId('appointment-tag').innerText()).toBe('Запись на 11:00'); // the counter app in the center's language
  await counter.locator('.actions[aria-busy="false"]').waitFor();
  await counter.locator('.actions [data-action=call-next]').click();
  await counter.getByTestId('current-number').filter({ hasText: number }).waitFor();
  await display.locator(`[data-testid=now-calling][data-ticket="${number}"][data-counter="1"]`).waitFor({ timeout: 15_000 });

  const appointment = (await env.server.call('GET', `/api/appointments/c1/${code}`)).body;
  expect(appointment.status).toBe('checked-in');
  const ticket = (await env.server.call('GET', `/api/tickets/${appointment.ticketId}`)).body;
  expect(ticket).toMatchObject({ number, status: 'called' });
});
