/**
 * `npx tsx test/screenshots/bookings.ts [dir]`: the counter app's Bookings screen (a supervisor's,
 * with the plan), a code just booked for a visitor, and the operator's queue with a checked-in
 * appointment, at 1366×768 in Russian and English, into `dir` (default /tmp) as bookings-*.png.
 * For looking at before a change to those screens is committed; run after `npm run build`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { assertBuilt, launch, ROOT } from '../browser/harness.js';
import { startServer } from '../helpers/server.js';

const OUT = process.argv[2] ?? '/tmp';
/** Moscow wall clock on Monday 2 March 2026 (the test clock's 10:00). */
const msk = (hh: number, mm = 0, day = 2) => Date.UTC(2026, 2, day, hh - 3, mm);

assertBuilt();
const cfg = testCenter();
const day = [{ from: '09:00', to: '18:00' }];
cfg.center.hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ from: '09:00', to: '13:00' }] };
cfg.center.names = { ru: 'МФЦ Тверь', en: 'Tver one-stop center' };
cfg.services[0]!.appointments = { enabled: true, bookableShare: 0.5 };
cfg.services[1]!.appointments = { enabled: true, bookableShare: 0.3, slotMin: 20 };
const server = await startServer({ config: cfg, rootDir: ROOT });
const browser = await launch();

/** Books the first free time from `wanted` on (a service's places are spread over the day, A6). */
const book = async (serviceId: string, wanted: number, who: { name?: string; phone?: string; email?: string }, token?: string) => {
  const dayOf = new Date(wanted + 3 * 3_600_000).toISOString().slice(0, 10);
  const free = (await server.call('GET', `/api/appointments/c1/slots?service=${serviceId}&day=${dayOf}`)).body.slots as { at: number }[];
  const at = free.find((s) => s.at >= wanted)?.at ?? wanted;
  const res = await server.call('POST', '/api/appointments/c1', { body: { serviceId, at, language: 'ru', ...who }, token });
  if (res.status !== 201) throw new Error(`book ${serviceId} ${new Date(at).toISOString()}: ${JSON.stringify(res.body)}`);
  return res.body.code as string;
};
const staff = await server.login('op1');
const early = await book('passport', msk(10, 20), { name: 'Иван Петров', phone: '+7 900 123-45-67' });
await book('passport', msk(11), { name: 'Анна Смирнова', email: 'anna@example.ru' });
await book('property', msk(10, 40), { name: 'Ольга Кузнецова', phone: '+7 915 555-01-02' }, staff);
await book('passport', msk(13, 30), { phone: '+7 903 777-88-99' });
const cancelled = await book('property', msk(15), { name: 'Пётр Иванов' });
await book('passport', msk(10, 30, 3), { name: 'Мария Орлова', phone: '+7 916 000-11-22' });
await server.call('POST', `/api/appointments/c1/${cancelled}/cancel`);
// Walk-ins, then the 10:20 booking checked in at the kiosk: the queue holds both lanes.
for (const s of ['passport', 'passport', 'property']) await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: s } });
await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: early } });
for (const s of ['passport']) await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: s } });

async function logIn(login: string, lang: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await page.goto('/counter/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return page;
}
const shot = async (page: Page, name: string, fullPage = false) => {
  // The app scrolls inside its shell: a whole-page picture needs the shell to grow instead.
  if (fullPage) await page.evaluate(() => document.querySelector<HTMLElement>('.shell')?.style.setProperty('height', 'auto'));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `bookings-${name}.png`), fullPage });
  console.log(join(OUT, `bookings-${name}.png`));
};

for (const lang of ['ru', 'en']) {
  const page = await logIn('super', lang);
  await page.goto('/counter/bookings');
  await page.getByTestId('booking-row').first().waitFor();
  await page.getByTestId('plan-day').first().waitFor();
  await page.getByTestId('book-service').selectOption('passport');
  await page.getByTestId('book-slot').nth(3).click();
  await shot(page, `screen-${lang}`);
  await page.getByTestId('booking-plan').scrollIntoViewIfNeeded();
  await shot(page, `plan-${lang}`);
  await shot(page, `screen-full-${lang}`, true);
  await page.evaluate(() => document.querySelector<HTMLElement>('.shell')?.style.removeProperty('height'));
  await page.getByTestId('book-name').fill(lang === 'ru' ? 'Сергей Волков' : 'Sergei Volkov');
  await page.getByTestId('book-phone').fill('+7 926 100-20-30');
  await page.getByTestId('book-submit').click();
  await page.getByTestId('booked-code').waitFor();
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('.content')?.scrollTo(0, 0);
  });
  await shot(page, `code-${lang}`);
  await page.context().close();

}

// The operator: the queue with a checked-in appointment, then that visitor in hand, in each language.
const op = await logIn('op1', 'ru');
await op.locator('[data-testid=pick-counter][data-counter="2"] [data-testid=take]').click();
await op.getByTestId('operator').waitFor();
await op.getByTestId('appointment-tag').first().waitFor();
const speak = async (lang: string) => {
  await op.getByTestId('language').selectOption(lang);
  await op.locator(`html[lang=${lang}]`).waitFor();
};
for (const lang of ['ru', 'en']) {
  await speak(lang);
  await shot(op, `operator-queue-${lang}`);
}
// Call until the booked visitor is the one in hand.
for (let i = 0; i < 6 && !(await op.getByTestId('current-ticket').getByTestId('appointment-tag').count()); i++) {
  if (await op.locator('.actions [data-action=complete]').isEnabled().catch(() => false)) await op.locator('.actions [data-action=complete]').click();
  await op.locator('.actions [data-action=call-next]').click();
  await op.waitForTimeout(400);
}
for (const lang of ['ru', 'en']) {
  await speak(lang);
  await shot(op, `operator-badge-${lang}`);
}
await browser.close();
await server.stop();
