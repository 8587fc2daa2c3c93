/**
 * Issue 13, "I have an appointment" at the kiosk (docs/SPEC.md A1, A5), in real Chromium on the
 * portrait kiosk against the real server. Bookings are made through the API; at the kiosk the code
 * is typed as a 2D scanner types it (fast, lower case, with its dash, then Enter) in English and
 * on the on-screen keyboard in Russian: the ticket screen and the print-out show the appointment's
 * time, and the server has a booked-lane ticket carrying it. Too early says when check-in opens
 * (with the day when not today); too late explains and issues an ordinary ticket on request; an
 * unknown, impossible or cancelled code says so and keeps the field. The idle timeout and "Start
 * over" work here as elsewhere. No serious axe violation on any of these screens.
 */
import type { CenterConfigInput } from '@qms/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/src/demo/center.js';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { overflows } from './fit.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const JUSTICE = 'Justice: civil status, notarisation';
const MIN = 60_000;
/** Moscow (UTC+3) wall-clock time on 2 March 2026, the test's Monday; the server starts at 10:00. */
const msk = (hh: number, mm = 0, day = 2) => Date.UTC(2026, 2, day, hh - 3, mm);

/** Passport takes bookings: 10-minute slots, two places each (its two counters). */
function center(): CenterConfigInput {
  const config = testCenter();
  // The demo's longest department name, for the fit of the screens that name it.
  config.services[0]!.names = demoCenter().services[0]!.names;
  config.services[0]!.appointments = { enabled: true, bookableShare: 1 };
  return config;
}

let env: BrowserEnv;
/** For the fit: a booking checked in already (a check-in again shows its ticket at any time) and one for tomorrow. */
const fit = { checkedIn: '', tomorrow: '' };
beforeAll(async () => {
  env = await browserEnv({ config: center() });
  // A counter at work on passports: the kiosk offers the service (and its ordinary tickets).
  const op1 = await env.server.login('op1');
  expect((await env.server.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
  fit.checkedIn = await book(msk(10, 10));
  expect((await env.server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: fit.checkedIn } })).status).toBe(201);
  fit.tomorrow = await book(msk(12, 0, 3));
});
afterAll(async () => {
  await env?.stop();
});

async function book(at: number): Promise<string> {
  const res = await env.server.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at, language: 'ru' } });
  expect(res.status).toBe(201);
  return res.body.code as string;
}
const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The kiosk in the center's zone, its clock at the server's. */
async function kiosk(language: string): Promise<Page> {
  const { page } = await env.page(PORTRAIT, { timezoneId: 'Europe/Moscow' });
  page.setDefaultTimeout(10_000);
  await page.clock.install({ time: env.server.clock.now });
  await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
  await page.getByRole('button', { name: language, exact: true }).click();
  await page.locator('.services-screen').waitFor();
  return page;
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const field = (page: Page) => page.locator('.checkin-code');
const focused = (page: Page) => field(page).evaluate((el) => el === document.activeElement);

async function openCheckIn(page: Page, entry: RegExp): Promise<void> {
  await button(page, entry).click();
  await field(page).waitFor();
  // The scanner types into whatever has the focus: the field has it on arrival.
  await expect.poll(() => focused(page)).toBe(true);
}

/** What a scanner does: the whole code in a burst of keys, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** The open tickets as staff see them. */
async function serverTicket(number: string): Promise<any> {
  const snap = await env.server.call('GET', '/api/queue', { token: await env.server.login('super') });
  return snap.body.tickets.find((t: any) => t.number === number);
}

describe('kiosk: "I have an appointment" (issue 13)', () => {
  it('is offered on the services screen only where a service takes bookings', async () => {
    const page = await kiosk('English');
    await button(page, /^I have an appointment/).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    const real = (await env.server.call('GET', '/api/services')).body;
    await page.route('**/api/services', (route) => route.fulfill({ json: { ...real, services: real.services.map(({ appointments: _, ...s }: any) => s) } }));
    await page.reload();
    await button(page, 'English').click();
    await button(page, /^Justice/).waitFor();
    expect(await button(page, /^I have an appointment/).count()).toBe(0);
  });

  it('A1: a code typed like a scanner (lower case, dash, Enter) gives a booked-lane ticket carrying the appointment time, on screen and on paper', async () => {
    const code = await book(msk(10, 10));
    const page = await kiosk('English');
    await openCheckIn(page, /^I have an appointment/);
    await page.getByRole('heading', { name: 'Check in for your appointment' }).waitFor();
    expect(await page.getByLabel('Your booking code').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await scan(page, dashed(code).toLowerCase());

    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-appointment').innerText()).toBe('Appointment at 10:10');
    expect(await axeSerious(page)).toEqual([]);
    const number = await page.getByTestId('ticket-number').innerText();
    const ticket = await serverTicket(number);
    expect(ticket).toMatchObject({ serviceId: 'passport', lane: 'booked', appointmentAt: msk(10, 10), status: 'waiting' });
    expect(await page.getByTestId('ticket-qr').getAttribute('data-status-url')).toBe(`${env.server.url}/kiosk/t/${ticket.id}?lang=en`);
    expect((await env.server.call('GET', `/api/appointments/c1/${code}`)).body).toMatchObject({ status: 'checked-in', ticketId: ticket.id });

    await page.emulateMedia({ media: 'print' });
    const paper = await page.getByTestId('print-ticket').innerText();
    expect(paper).toContain(number);
    expect(paper).toContain('Appointment at 10:10');
  });

  it('on the on-screen keyboard in Russian; a scan after touching something else still lands in the field', async () => {
    const first = await book(msk(10, 20));
    const page = await kiosk('Русский');
    await openCheckIn(page, /^У меня есть запись/);
    const keyboard = page.getByRole('group', { name: 'Клавиатура для кода записи' });
    // A slip, mended with ⌫: the field keeps the focus throughout.
    for (const ch of `${first.slice(0, 3)}Z`) await keyboard.getByRole('button', { name: ch, exact: true }).click();
    await keyboard.getByRole('button', { name: 'Стереть последний знак' }).click();
    for (const ch of first.slice(3)) await keyboard.getByRole('button', { name: ch, exact: true }).click();
    expect(await field(page).inputValue()).toBe(first);
    expect(await focused(page)).toBe(true);
    await button(page, 'Отметиться').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-appointment').innerText()).toBe('Запись на 10:20');
    expect(await serverTicket(await page.getByTestId('ticket-number').innerText())).toMatchObject({ lane: 'booked', appointmentAt: msk(10, 20) });

    // The next visitor touches "Large text" first, then scans: the code still reaches the field.
    const second = await book(msk(10, 30));
    await button(page, 'Готово').click();
    await button(page, 'Русский').click();
    await openCheckIn(page, /^У меня есть запись/);
    await page.locator('.toolbar button[aria-pressed]').first().click();
    expect(await focused(page)).toBe(false);
    await scan(page, second);
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-appointment').innerText()).toBe('Запись на 10:30');
  });

  it('a booking scanned on the start screen, before anything is touched, is checked in at once', async () => {
    const code = await book(msk(10, 20));
    const { page } = await env.page(PORTRAIT, { timezoneId: 'Europe/Moscow' });
    await page.clock.install({ time: env.server.clock.now });
    await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
    await page.locator('.language-screen').waitFor();
    await scan(page, dashed(code));
    await page.getByTestId('ticket-number').waitFor();
    // In the center's language, the visitor having chosen none.
    expect(await page.getByTestId('ticket-appointment').innerText()).toBe('Запись на 10:20');
    expect(await serverTicket(await page.getByTestId('ticket-number').innerText())).toMatchObject({ lane: 'booked', appointmentAt: msk(10, 20) });
  });

  it('an unknown, impossible or cancelled code says so and stays in the field for another try', async () => {
    const cancelled = await book(msk(12));
    expect((await env.server.call('POST', `/api/appointments/c1/${cancelled}/cancel`)).status).toBe(200);
    const page = await kiosk('English');
    await openCheckIn(page, /^I have an appointment/);
    await scan(page, 'ZZZZ-ZZZZ');
    await page.getByRole('alert').getByText('We could not find a booking with this code. Check the code and try again.').waitFor();
    expect(await field(page).inputValue()).toBe('ZZZZ-ZZZZ');
    expect(await field(page).getAttribute('aria-invalid')).toBe('true');
    expect(await axeSerious(page)).toEqual([]);
    // Selected: the next scan replaces the refused code rather than add to it.
    await scan(page, 'K7M2-QX0P');
    await page.getByRole('alert').getByText('A booking code has 8 letters and digits, and never 0, 1, O or I.', { exact: false }).waitFor();
    expect(await field(page).inputValue()).toBe('K7M2-QX0P');
    await scan(page, dashed(cancelled));
    await page.getByRole('alert').getByText('This booking was cancelled, so it cannot be checked in.', { exact: false }).waitFor();
    expect(await page.getByTestId('ticket-number').count()).toBe(0);
  });

  it('A5 too early: when check-in opens, with the day when it is not today; "Enter another code" empties the field', async () => {
    const today = await book(msk(11));
    const tomorrow = await book(msk(11, 0, 3));
    const page = await kiosk('English');
    await openCheckIn(page, /^I have an appointment/);
    await scan(page, today);
    await page.getByRole('heading', { name: 'It is too early to check in' }).waitFor();
    await page.getByText('Check-in opens at 10:30. Please come back then.').waitFor();
    expect(await page.locator('.checkin-booking dd').allInnerTexts()).toEqual([JUSTICE, '11:00']);
    expect(await axeSerious(page)).toEqual([]);
    await button(page, 'Enter another code').click();
    expect(await field(page).inputValue()).toBe('');
    await expect.poll(() => focused(page)).toBe(true);

    await scan(page, tomorrow);
    await page.getByText('Check-in opens at 10:30 on Tuesday, 3 March. Please come back then.').waitFor();
    expect(await page.locator('.checkin-booking dd').allInnerTexts()).toEqual([JUSTICE, '11:00']);
    // Back: to the code, still there.
    await button(page, 'Back').click();
    expect(await field(page).inputValue()).toBe(tomorrow);
    expect((await env.server.call('GET', `/api/appointments/c1/${today}`)).body.status).toBe('booked');
  });

  it('idle on the check-in screen: the warning, then the start; "Start over" goes there at once', async () => {
    const page = await kiosk('English');
    await openCheckIn(page, /^I have an appointment/);
    await page.keyboard.type('K7M2');
    await page.clock.runFor(61_000);
    await page.getByRole('alertdialog', { name: 'Do you need more time?' }).waitFor();
    await page.clock.runFor(21_000);
    await page.locator('.language-screen').waitFor();
    await button(page, 'English').click();
    // The next visitor has the full time again, and an empty field.
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await openCheckIn(page, /^I have an appointment/);
    expect(await field(page).inputValue()).toBe('');
    await button(page, 'Start over').click();
    await page.locator('.language-screen').waitFor();
  });

  // Last: it moves the server's clock.
  it('A5 too late: the explanation, then an ordinary ticket for the same service in the normal lane', async () => {
    const code = await book(msk(10, 40));
    env.server.clock.advance(60 * MIN); // 11:00, five minutes after check-in closed
    const page = await kiosk('English');
    await openCheckIn(page, /^I have an appointment/);
    await scan(page, code);
    await page.getByRole('heading', { name: 'Check-in for this appointment has closed' }).waitFor();
    await page.getByText('Check-in was open until 10:55.').waitFor();
    await page.getByText('take an ordinary ticket and you will be called in turn', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await button(page, 'Take an ordinary ticket').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-appointment').count()).toBe(0);
    const ticket = await serverTicket(await page.getByTestId('ticket-number').innerText());
    expect(ticket).toMatchObject({ serviceId: 'passport', lane: 'normal', language: 'en' });
    expect(ticket.appointmentAt).toBeUndefined();
  });
});

describe('kiosk check-in: nothing is cut off (issue 11)', () => {
  const LANGS = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' } as const;
  for (const [orientation, size] of Object.entries({ portrait: PORTRAIT, landscape: LANDSCAPE })) {
    for (const large of [false, true]) {
      it(`${orientation}, ${large ? 'large' : 'normal'} text: the services with both entries, the code with a problem, too early, too late and the ticket, in every language`, { timeout: 90_000 }, async () => {
        const { page } = await env.page(size, { timezoneId: 'Europe/Moscow' });
        await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
        const found: string[] = [];
        // Clicks go to the element itself: what is cut off is reported by the measure, not by a click that cannot land.
        const check = async (screen: string) => {
          await page.evaluate(() => document.fonts.ready);
          await page.locator('.offline-banner').waitFor({ state: 'detached', timeout: 10_000 });
          for (const o of await overflows(page)) found.push(`${screen}: ${o}`);
        };
        for (const [lang, label] of Object.entries(LANGS)) {
          await page.getByRole('button', { name: label, exact: true }).click();
          const toggle = page.locator('.toolbar button[aria-pressed]').first();
          if (large) await toggle.click();
          await page.locator('.appointment-entry').waitFor();
          await check(`${lang} services`);
          await page.locator('.appointment-entry').click();
          await scan(page, 'ZZZZ-ZZZZ');
          await page.locator('.checkin-problem').waitFor();
          await check(`${lang} unknown code`);
          await scan(page, fit.tomorrow);
          await page.locator('.checkin-refused').waitFor();
          await check(`${lang} too early`);
          // Too late, as the server would say it of this booking.
          await page.route('**/check-in', (route) => route.fulfill({ status: 409, json: { error: { code: 'CHECK_IN_TOO_LATE', message: 'late' } } }));
          await page.locator('.checkin-refused .action').first().dispatchEvent('click');
          await scan(page, fit.tomorrow);
          await page.locator('.checkin-refused .action.primary').waitFor();
          await check(`${lang} too late`);
          await page.unroute('**/check-in');
          await page.locator('.checkin-refused .action').first().dispatchEvent('click');
          await scan(page, fit.checkedIn);
          await page.getByTestId('ticket-appointment').waitFor();
          await check(`${lang} ticket`);
          await page.locator('.ticket-actions .action.primary').dispatchEvent('click');
          await page.locator('.language-screen').waitFor();
        }
        expect(found).toEqual([]);
      });
    }
  }
});
