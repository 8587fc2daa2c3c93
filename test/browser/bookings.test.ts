/**
 * Issue 13 in the counter app, real Chromium against the real server: staff book for a visitor and
 * read the code out; check a booking in from the day's list and see its ticket (or why not); the
 * operator sees the booked ticket's appointment time in the queue and in hand (A1); a supervisor
 * sees the booking counted in the plan; an admin sets a service's and the center's appointment
 * rules in Settings. The Bookings screen shows only the viewer's language in all four.
 * Tests share one server and run in order; each asserts what the server holds, not only the page.
 */
import type { CenterConfigInput } from '@qms/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testCenter } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';
import { spills } from './fit.js';
import { collectText, languageJudge, LANGS } from './language-check.js';

const LAPTOP = { width: 1366, height: 768 };
/** Moscow (UTC+3) wall clock on Monday 2 March 2026, the test's day (T0 is 10:00). */
const msk = (hh: number, mm = 0, day = 2) => Date.UTC(2026, 2, day, hh - 3, mm);
/** What the test types as staff would: data, in no language. */
const VISITOR = { name: 'Anna Petrova', phone: '+7 900 123-45-67', email: 'anna@example.org' };

/** Passport takes bookings: 10-minute slots (its 6-minute service rounded up), half of its two counters, one place each. */
function config(): CenterConfigInput {
  const cfg = testCenter();
  cfg.services[0]!.appointments = { enabled: true, bookableShare: 0.5 };
  // The center and every service named in every language, so that each language's screen has its own words.
  cfg.center.names = { ru: 'Тестовый центр', en: 'Test center', vi: 'Trung tâm thử nghiệm', uz: 'Sinov markazi' };
  cfg.services[0]!.names = { ru: 'Паспорт', en: 'Passport', vi: 'Hộ chiếu', uz: 'Pasport' };
  cfg.services[1]!.names = { ru: 'Недвижимость', en: 'Property', vi: 'Nhà đất', uz: 'Koʻchmas mulk' };
  cfg.services[2]!.names = { ru: 'Пособия', en: 'Benefits', vi: 'Trợ cấp', uz: 'Nafaqalar' };
  return cfg;
}

const CONFIG = config();
let env: BrowserEnv;
const codes: string[] = [];

beforeAll(async () => {
  env = await browserEnv({ config: CONFIG });
});
afterAll(async () => {
  await env?.stop();
});

async function logIn(login: string, lang = 'en'): Promise<Page> {
  const { page } = await env.page(LAPTOP);
  // A step that cannot happen fails with its locator, well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  await page.addInitScript((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await page.goto('/counter/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return page;
}

async function openBookings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bookings' }).click();
  await page.getByTestId('bookings').waitFor();
  await page.locator('[data-testid=bookings-count], [data-testid=bookings-empty]').first().waitFor();
}

const staffGet = async (path: string, login = 'super') => (await env.server.call('GET', path, { token: await env.server.login(login) })).body;
const row = (page: Page, code: string) => page.locator(`[data-testid=booking-row][data-code="${code}"]`);

async function bookAt(page: Page, at: number, visitor: Partial<typeof VISITOR> = {}): Promise<string> {
  await page.getByTestId('book-service').selectOption('passport');
  await page.locator(`[data-testid=book-slot][data-at="${at}"]`).click();
  if (visitor.name) await page.getByTestId('book-name').fill(visitor.name);
  if (visitor.phone) await page.getByTestId('book-phone').fill(visitor.phone);
  if (visitor.email) await page.getByTestId('book-email').fill(visitor.email);
  await page.getByTestId('book-submit').click();
  const shown = await page.getByTestId('booked-code').innerText();
  await page.getByTestId('book-another').click();
  return shown.replace('-', '');
}

describe('Bookings in the counter app (issue 13)', () => {
  it('staff book for a visitor and read the code out; a typo is pointed at first', async () => {
    const page = await logIn('op1');
    await openBookings(page);
    expect(await page.getByTestId('booking-plan').count()).toBe(0); // operators see no plan
    await page.getByTestId('book-service').selectOption('passport');
    // Only times still ahead: T0 is 10:00, the first is 10:10.
    expect(await page.getByTestId('book-slot').first().getAttribute('data-at')).toBe(String(msk(10, 10)));
    await page.locator(`[data-testid=book-slot][data-at="${msk(10, 30)}"]`).click();
    expect(await page.getByTestId('book-submit').innerText()).toBe('Book for 10:30');
    await page.getByTestId('book-name').fill(VISITOR.name);
    await page.getByTestId('book-phone').fill('call me');
    await page.getByTestId('book-submit').click();
    expect(await page.locator('#book-phone-problem').innerText()).toMatch(/digits/);
    expect((await staffGet('/api/appointments/c1/list?day=2026-03-02')) as unknown[]).toEqual([]);

    await page.getByTestId('book-phone').fill(VISITOR.phone);
    await page.getByTestId('book-email').fill(VISITOR.email);
    await page.getByTestId('book-submit').click();
    const code = await page.getByTestId('booked-code').innerText();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const booked = page.getByTestId('booked');
    expect(await booked.innerText()).toContain('Passport: 2 March, 10:30');
    expect(await booked.innerText()).toContain('Check-in at the kiosk from 10:00 to 10:45.');
    expect(await axeSerious(page)).toEqual([]);

    const list = await staffGet('/api/appointments/c1/list?day=2026-03-02');
    expect(list).toEqual([expect.objectContaining({ code: code.replace('-', ''), at: msk(10, 30), status: 'booked', channel: 'staff', ...VISITOR, language: 'ru' })]);
    codes.push(code.replace('-', ''));
    // It is in the day's list at once, with who booked, and its time is no longer offered.
    const r = row(page, codes[0]!);
    await r.waitFor();
    expect(await r.innerText()).toMatch(/10:30[\s\S]*check-in 10:00–10:45[\s\S]*Passport[\s\S]*Anna Petrova[\s\S]*\+7 900 123-45-67[\s\S]*By staff[\s\S]*Booked/i);
    await page.getByTestId('book-another').click();
    await page.getByTestId('book-service').selectOption('passport');
    await page.getByTestId('book-slot').first().waitFor();
    expect(await page.locator(`[data-testid=book-slot][data-at="${msk(10, 30)}"]`).count()).toBe(0);
    await page.context().close();
  });

  it('staff check a booking in from the list and see its ticket; one too early says why; one is cancelled', async () => {
    const page = await logIn('op1');
    await openBookings(page);
    const later = await bookAt(page, msk(11, 30));
    const spare = await bookAt(page, msk(12));
    codes.push(later, spare);

    // 11:30: check-in opens at 11:00. Refused, in the user's words and the server's (English).
    await row(page, later).getByTestId('booking-check-in').click();
    expect(await row(page, later).getByTestId('booking-refused').innerText()).toBe('Too early to check in: Check-in for this booking opens at 11:00; come back then.');

    // 10:30: inside its window (10:00–10:45).
    await row(page, codes[0]!).getByTestId('booking-check-in').click();
    expect(await row(page, codes[0]!).getByTestId('booking-issued').innerText()).toBe('Ticket A001 issued');
    await page.locator(`[data-testid=booking-row][data-code="${codes[0]}"][data-status=checked-in]`).waitFor();
    // The ticket's number, from the hall as it learns of the ticket.
    await expect.poll(() => row(page, codes[0]!).getByTestId('booking-ticket').innerText()).toBe('Ticket A001');
    expect(await row(page, codes[0]!).getByTestId('booking-check-in').count()).toBe(0);
    const appointment = await env.server.call('GET', `/api/appointments/c1/${codes[0]}`);
    expect(appointment.body).toMatchObject({ status: 'checked-in', ticketId: expect.any(String) });
    const ticket = (await env.server.call('GET', `/api/tickets/${appointment.body.ticketId}`)).body;
    expect(ticket).toMatchObject({ number: 'A001', lane: 'booked' });

    // Cancelling asks first; kept, nothing changes; confirmed, the place is free again.
    await row(page, spare).getByTestId('booking-cancel').click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect((await env.server.call('GET', `/api/appointments/c1/${spare}`)).body.status).toBe('booked');
    await row(page, spare).getByTestId('booking-cancel').click();
    await row(page, spare).getByTestId('booking-cancel-yes').click();
    await page.locator(`[data-testid=booking-row][data-code="${spare}"][data-status=cancelled]`).waitFor();
    expect((await env.server.call('GET', `/api/appointments/c1/${spare}`)).body.status).toBe('cancelled');
    expect(await page.getByTestId('bookings-count').innerText()).toBe('Expected: 1 · checked in: 1');
    expect(await axeSerious(page)).toEqual([]);
    await page.context().close();
  });

  it("the operator sees the booked ticket's appointment time in the queue and in hand", async () => {
    const page = await logIn('op1');
    await page.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
    await page.getByTestId('operator').waitFor();
    const queued = page.locator('[data-testid=queue-row][data-number=A001]');
    expect(await queued.getByTestId('appointment-tag').innerText()).toBe('Appointment 10:30');
    await page.locator('.actions [data-action=call-next]').click();
    await page.locator('[data-testid=current-number]', { hasText: 'A001' }).waitFor();
    expect(await page.getByTestId('current-ticket').getByTestId('appointment-tag').innerText()).toBe('Appointment 10:30');
    expect(await axeSerious(page)).toEqual([]);
    await page.context().close();
  });

  it('a supervisor sees the plan with the bookings counted, a week and the day by time', async () => {
    const page = await logIn('super');
    await openBookings(page);
    const today = page.locator('[data-testid=plan-service][data-service=passport] [data-testid=plan-day][data-day="2026-03-02"]');
    await today.waitFor();
    // 10:30 (checked in) and 11:30 (booked) take places; the cancelled 12:00 does not.
    expect(await today.getAttribute('data-taken')).toBe('2');
    expect(await today.innerText()).toMatch(/2 of \d+\s+came 1 · did not come 0$/);
    const slot = (at: number) => page.locator(`[data-testid=plan-slot-grid][data-service=passport] [data-testid=plan-slot][data-at="${at}"]`);
    expect(await slot(msk(10, 30)).getAttribute('data-checked-in')).toBe('1');
    expect(await slot(msk(11, 30)).getAttribute('data-taken')).toBe('1');
    expect(await slot(msk(12)).getAttribute('data-taken')).toBe('0');
    // The server's plan says the same.
    const plan = await staffGet('/api/appointments/c1/schedule?from=2026-03-02&to=2026-03-08');
    const passport = plan.services.find((s: { serviceId: string }) => s.serviceId === 'passport');
    expect(passport.slots.find((s: { at: number }) => s.at === msk(10, 30))).toMatchObject({ capacity: 1, checkedIn: 1 });

    // Another day of the week: chosen from the plan, the list and the times follow.
    await page.locator('[data-testid=plan-service][data-service=passport] [data-testid=plan-day][data-day="2026-03-04"]').click();
    await page.locator('[data-testid=plan-slots][data-day="2026-03-04"]').waitFor();
    expect(await page.getByTestId('bookings-day-label').innerText()).toContain('Wednesday, 4 March 2026');
    await page.getByTestId('bookings-empty').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('day-today').click();
    await page.locator('[data-testid=plan-slots][data-day="2026-03-02"]').waitFor();
    await page.context().close();
  });

  it("Reports count the day's bookings and the booked visitors' waits from their time", async () => {
    const page = await logIn('super');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reports' }).click();
    const card = page.getByTestId('report-appointments');
    await card.waitFor();
    // 10:30 checked in (and called at once: an early arrival with nobody ahead), 11:30 booked, 12:00 cancelled.
    expect(await page.getByTestId('appt-booked').innerText()).toBe('3');
    expect(await page.getByTestId('appt-checked-in').innerText()).toBe('1');
    expect(await page.getByTestId('appt-cancelled').innerText()).toBe('1');
    expect(await page.getByTestId('appt-on-time').innerText()).toBe('100%');
    expect(await page.getByTestId('appt-within').innerText()).toBe('100%');
    const report = await staffGet('/api/reports/summary?from=2026-03-02&to=2026-03-02');
    expect(report.appointments).toMatchObject({ booked: 3, checkedIn: 1, cancelled: 1, noShow: 0, onTime: 1, withinTarget: 1 });
    expect(await axeSerious(page)).toEqual([]);
    await page.context().close();
  });

  it('every text of the Bookings screen is in the viewer’s language', async () => {
    const page = await logIn('super');
    await openBookings(page);
    await page.getByTestId('booking-row').first().waitFor();
    await page.getByTestId('book-service').selectOption('passport');
    await page.getByTestId('book-slot').first().click();
    await row(page, codes[1]!).getByTestId('booking-check-in').click();
    await row(page, codes[1]!).getByTestId('booking-refused').waitFor();
    const typed = [VISITOR.name, VISITOR.email, ...codes.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`)];
    const faults: string[] = [];
    for (const lang of LANGS) {
      await page.getByTestId('language').selectOption(lang);
      await page.locator(`html[lang=${lang}]`).waitFor();
      const shown = await page.evaluate(collectText, lang);
      faults.push(...languageJudge(lang, CONFIG, typed).problems(shown).map((p) => `${lang}: ${p}`));
      faults.push(...(await spills(page)).map((p) => `${lang}: spills: ${p}`));
      const missing = await page.evaluate(() => (globalThis as { __missingKeys?: string[] }).__missingKeys ?? []);
      faults.push(...missing.map((k) => `${lang}: missing key ${k}`));
    }
    expect(faults).toEqual([]);
    await page.context().close();
  });

  it("an admin sets a service's appointment rules and the center's in Settings; the server keeps them", async () => {
    const page = await logIn('admin');
    await page.goto('/counter/admin/services');
    await page.locator('[data-testid=admin-row][data-id=property]').click();
    await page.getByTestId('f-appt-enabled').check();
    await page.getByTestId('f-appt-slotMin').fill('3');
    await page.getByTestId('f-appt-sharePct').fill('40');
    await page.getByTestId('f-appt-daysAhead').fill('7');
    await page.getByTestId('f-appt-targetWaitMin').fill('5');
    await page.getByTestId('f-appt-perPersonDays').fill('0');
    await page.getByTestId('admin-save').click();
    expect(await page.locator('#f-appt-slotMin-problem').innerText()).toBe('Enter a whole number from 5 to 240.');
    expect((await staffGet('/api/admin/services')).find((s: { id: string }) => s.id === 'property').appointments).toBeUndefined();
    await page.getByTestId('f-appt-slotMin').fill('15');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('admin-save').click();
    await page.getByTestId('admin-form').waitFor({ state: 'detached' });
    const property = (await staffGet('/api/admin/services')).find((s: { id: string }) => s.id === 'property');
    expect(property.appointments).toEqual({ enabled: true, slotMin: 15, bookableShare: 0.4, daysAhead: 7, targetWaitMin: 5, perPersonDays: 0 });
    // The rest of the service is as it was.
    expect(property).toMatchObject({ prefix: 'B', serviceTimeMin: 10, names: CONFIG.services[1]!.names });
    expect(await page.locator('[data-testid=admin-row][data-id=property] [data-testid=admin-appointments]').innerText()).toBe('Yes, 40%');

    // The center's rules, under its opening hours.
    await page.goto('/counter/admin/hours');
    const form = page.getByTestId('center-appointments');
    await form.getByTestId('c-appt-checkInLateMin').fill('20');
    await form.getByTestId('c-appt-askEmail').selectOption('off');
    await form.getByTestId('c-appt-askPhone').selectOption('required');
    expect(await axeSerious(page)).toEqual([]);
    await form.getByTestId('center-appointments-save').click();
    await form.getByTestId('center-appointments-saved').waitFor();
    expect(await env.server.call('GET', '/api/appointments/c1')).toMatchObject({ body: { checkInLateMin: 20, checkInEarlyMin: 30, askEmail: 'off', askPhone: 'required', askName: 'optional' } });
    // Saved through the whole configuration: passwords, pairings and the services edited above are kept.
    expect(await env.server.login('op2')).toEqual(expect.any(String));
    expect((await staffGet('/api/admin/services')).find((s: { id: string }) => s.id === 'property').appointments.bookableShare).toBe(0.4);
    expect((await staffGet('/api/admin/devices')).find((d: { id: string }) => d.id === 'kiosk').paired).toBe(true);
    await page.context().close();
  });
});
