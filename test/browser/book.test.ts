/**
 * Issue 13, the public booking page (/book/) on a 360×640 phone in real Chromium against the real
 * server: a visitor books in Russian and in Vietnamese (service → day → time → details → the code
 * and its QR code), the server has the booking; a bad phone number is explained and nothing is
 * sent; a time taken meanwhile says so in the visitor's language (SLOT_FULL); the booking's own
 * page moves and cancels it. Every step: no serious axe violation, only the page's language.
 */
import type { CenterConfigInput, Language } from '@qms/shared';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../shared/src/client/dates.js';
import { testCenter } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';
import { spills } from './fit.js';
import { collectText, languageJudge } from './language-check.js';

const PHONE = { width: 360, height: 640 };
/** axe and the language check run on every step: seconds each on a busy two-core machine. */
const SLOW = { timeout: 90_000 };
const TZ = 'Europe/Moscow';

function center(): CenterConfigInput {
  const config = testCenter();
  config.center.names = { ru: 'Тестовый центр', en: 'Test center', vi: 'Trung tâm thử nghiệm', uz: 'Sinov markazi' };
  // Names in every language the test reads, so that no screen has to fall back to Russian.
  config.services[0]!.names = { ru: 'Паспорт', en: 'Passport', vi: 'Hộ chiếu', uz: 'Pasport' };
  config.services[1]!.names = { ru: 'Недвижимость', en: 'Property', vi: 'Nhà đất', uz: 'Koʻchmas mulk' };
  config.services[0]!.appointments = { enabled: true, daysAhead: 7 };
  config.services[1]!.appointments = { enabled: true, daysAhead: 7 };
  return config;
}

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  env = await browserEnv({ config: center() });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await env?.stop();
});

/** A phone whose browser reads `locale`; every request it sends is recorded. */
async function phone(locale: string): Promise<{ page: Page; posts: string[] }> {
  const context = await env.browser.newContext({ viewport: PHONE, baseURL: env.server.url, locale });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname));
  return { page, posts };
}

/**
 * Accessible, in one language, with <html lang> saying which. The booking's code and its address
 * are in no language, as is what the test typed.
 */
async function checkScreen(page: Page, lang: Language, where: string, typed: string[] = []): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), where).toBe(lang);
  const neutral = await page.locator('[data-testid=book-code], .book-manage a').allTextContents();
  expect(languageJudge(lang, center(), [...typed, ...neutral]).problems(await page.evaluate(collectText, lang)), where).toEqual([]);
  expect(await spills(page), `${where}: spills`).toEqual([]);
  expect(await axeSerious(page), where).toEqual([]);
}

const freeSlots = async (serviceId: string, day: string): Promise<{ at: number; free: number }[]> =>
  (await env.server.call('GET', `/api/appointments/c1/slots?service=${serviceId}&day=${day}`)).body.slots;

const codeOn = async (page: Page) => (await page.getByTestId('book-code').textContent())!.replace('-', '');
/** The dark modules of the QR image named `alt`, read at each module's center (margin 2, as drawn). */
async function qrModules(page: Page, alt: string, size: number): Promise<boolean[]> {
  return page.getByRole('img', { name: alt }).evaluate(async (img: HTMLImageElement, n) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const scale = img.naturalWidth / (n + 4);
    const dark: boolean[] = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) dark.push(ctx.getImageData(Math.floor((c + 2.5) * scale), Math.floor((r + 2.5) * scale), 1, 1).data[0]! < 128);
    }
    return dark;
  }, size);
}

/** Service, day and time as the booking's summary shows them. */
const summary = (page: Page) => page.locator('.book-summary dd').allTextContents();

describe('the public booking page', () => {
  it("is the kiosk build's page at /book/ and /book/<CODE>, with its assets from /kiosk/, linked from the landing page", async () => {
    const bare = await fetch(`${env.server.url}/book?center=c1`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/book/?center=c1']);
    for (const path of ['/book/', '/book/K7M2-QX9P']) {
      const page = await env.server.call('GET', path);
      expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'no-cache']);
      expect(page.text).toMatch(/src="\/kiosk\/assets\/index-[\w-]+\.js"/);
    }
    expect((await env.server.call('GET', '/')).text).toContain('<a href="/book/">Book an appointment</a>');
  });

  it('books on a phone in Russian: service, day, time, details, then the code with its QR code; the server has it', SLOW, async () => {
    const { page } = await phone('ru-RU');
    // No ?center=: the server's default center, as its live board names it.
    await page.goto('/book/');
    await page.getByRole('heading', { name: 'Какая услуга вам нужна?' }).waitFor();
    await checkScreen(page, 'ru', 'services');

    await page.getByRole('button', { name: 'Паспорт' }).click();
    await page.getByRole('heading', { name: 'Выберите день' }).waitFor();
    // Each day of the week says how many free times it has once it knows.
    await expect.poll(() => page.locator('.book-day-free', { hasText: 'Свободно:' }).count()).toBe(7);
    expect(await page.locator('.book-day-name').first().textContent()).toBe('Сегодня, понедельник, 2 марта');
    await checkScreen(page, 'ru', 'days');

    await page.getByRole('button', { name: /^Завтра, вторник, 3 марта/ }).click();
    await page.getByRole('heading', { name: 'Выберите время' }).waitFor();
    const slots = await freeSlots('passport', '2026-03-03');
    const slot = slots[3]!;
    const time = formatTime(slot.at, 'ru', TZ);
    // Times on the center's 24-hour clock, each one a free slot as the server lists them.
    expect(await page.locator('.book-time').allTextContents()).toEqual(slots.map((s) => formatTime(s.at, 'ru', TZ)));
    await checkScreen(page, 'ru', 'times');

    await page.getByRole('button', { name: time, exact: true }).click();
    await page.getByRole('heading', { name: 'Ваши данные' }).waitFor();
    await page.getByLabel('Ваше имя').fill('Анна Петрова');
    await page.getByLabel('Номер телефона').fill('+7 912 345-67-89');
    await checkScreen(page, 'ru', 'details', ['Анна Петрова']);
    await page.getByRole('button', { name: 'Записаться на это время' }).click();

    await page.getByRole('heading', { name: 'Вы записаны' }).waitFor();
    const shown = (await page.getByTestId('book-code').textContent())!;
    expect(shown).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const code = shown.replace('-', '');
    // The QR code is the bare code, as a kiosk's 2D scanner should type it: its modules as read
    // off the page's image are those of the code's own QR code.
    const expected = QRCode.create(code, { errorCorrectionLevel: 'M' }).modules;
    expect(await qrModules(page, `QR-код записи ${shown}`, expected.size)).toEqual([...expected.data].map(Boolean));
    expect(await summary(page)).toEqual(['Паспорт', 'Завтра, вторник, 3 марта', time]);
    const booking = (await env.server.call('GET', `/api/appointments/c1/${code}`)).body;
    expect(booking).toMatchObject({ code, serviceId: 'passport', at: slot.at, status: 'booked', language: 'ru' });
    await page.getByText(`В центре отметьтесь в терминале с ${formatTime(booking.checkInFrom, 'ru', TZ)} до ${formatTime(booking.checkInTo, 'ru', TZ)}`, { exact: false }).waitFor();
    // The address is now the booking's own page; the calendar file is there to download.
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/book/${code}`);
    const ics = await env.server.call('GET', (await page.getByRole('link', { name: 'Добавить в мой календарь' }).getAttribute('href'))!);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    await checkScreen(page, 'ru', 'booked');
  });

  it('books in Vietnamese, chosen on the page; a bad phone number is explained and nothing is sent', SLOW, async () => {
    const { page, posts } = await phone('en-GB');
    await page.goto('/book/?center=c1');
    await page.getByRole('heading', { name: 'Which service do you need?' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Quý khách cần làm thủ tục nào?' }).waitFor();
    await checkScreen(page, 'vi', 'services');

    await page.getByRole('button', { name: 'Nhà đất' }).click();
    await page.getByRole('button', { name: /^Thứ Tư, 4 tháng 3/ }).click();
    const slot = (await freeSlots('property', '2026-03-04'))[0]!;
    await page.getByRole('button', { name: formatTime(slot.at, 'vi', TZ), exact: true }).click();
    await page.getByRole('heading', { name: 'Thông tin của quý khách' }).waitFor();

    const phoneField = page.getByLabel('Số điện thoại');
    await phoneField.fill('gọi cho tôi');
    await page.getByRole('button', { name: 'Đặt lịch vào giờ này' }).click();
    await page.getByText('Số điện thoại không hợp lệ.', { exact: false }).waitFor();
    await page.getByText('Xin sửa các ô được đánh dấu bên dưới.').waitFor();
    expect(await phoneField.getAttribute('aria-invalid')).toBe('true');
    expect(await phoneField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(posts).toEqual([]);
    await checkScreen(page, 'vi', 'bad phone', ['gọi cho tôi']);

    await phoneField.fill('0912 345 678');
    await page.getByLabel('Email').fill('an@example.vn');
    await page.getByRole('button', { name: 'Đặt lịch vào giờ này' }).click();
    await page.getByRole('heading', { name: 'Quý khách đã đặt lịch thành công' }).waitFor();
    expect(posts).toEqual(['/api/appointments/c1']);
    const code = await codeOn(page);
    expect((await env.server.call('GET', `/api/appointments/c1/${code}`)).body).toMatchObject({ serviceId: 'property', at: slot.at, status: 'booked', language: 'vi' });
    await checkScreen(page, 'vi', 'booked');
  });

  it('a time taken meanwhile says so in the visitor language and is gone from the times (SLOT_FULL)', SLOW, async () => {
    const { page } = await phone('ru-RU');
    await page.goto('/book/?center=c1');
    await page.getByRole('button', { name: 'Паспорт' }).click();
    await page.getByRole('button', { name: /^Пятница, 6 марта/ }).click();
    const slot = (await freeSlots('passport', '2026-03-06'))[0]!;
    const time = formatTime(slot.at, 'ru', TZ);
    await page.getByRole('button', { name: time, exact: true }).click();
    await page.getByLabel('Номер телефона').fill('+7 912 000-00-01');

    // Others take its last places while this visitor types.
    for (let i = 0; i < slot.free; i++) {
      const res = await env.server.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at: slot.at, phone: `+7 912 111-11-1${i}` } });
      expect(res.status).toBe(201);
    }
    await page.getByRole('button', { name: 'Записаться на это время' }).click();
    await page.getByText('Это время только что заняли. Выберите другое.').waitFor();
    await page.getByRole('heading', { name: 'Выберите время' }).waitFor();
    await page.locator('.book-time').first().waitFor();
    expect(await page.locator('.book-time').allTextContents()).not.toContain(time);
    await checkScreen(page, 'ru', 'slot full');
  });

  it("the booking's page moves it to another time and cancels it, after asking", SLOW, async () => {
    const slot = (await freeSlots('passport', '2026-03-05'))[0]!;
    const made = await env.server.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at: slot.at, phone: '+7 912 222-22-22', language: 'ru' } });
    expect(made.status).toBe(201);
    const { page } = await phone('en-GB');
    // The code as a visitor might type it; the page opens in the language it was booked in.
    await page.goto(`/book/${made.body.code.slice(0, 4).toLowerCase()}-${made.body.code.slice(4)}?center=c1`);
    await page.getByRole('heading', { name: 'Ваша запись' }).waitFor();
    expect(await summary(page)).toEqual(['Паспорт', 'Четверг, 5 марта', formatTime(slot.at, 'ru', TZ)]);
    await checkScreen(page, 'ru', 'manage');

    await page.getByRole('button', { name: 'Выбрать другое время' }).click();
    await page.getByText('Шаг 1 из 3').waitFor();
    await page.getByRole('button', { name: /^Суббота, 7 марта/ }).click();
    const to = (await freeSlots('passport', '2026-03-07'))[2]!;
    await page.getByRole('button', { name: formatTime(to.at, 'ru', TZ), exact: true }).click();
    await page.getByRole('heading', { name: 'Проверьте запись' }).waitFor();
    await checkScreen(page, 'ru', 'move');
    await page.getByRole('button', { name: 'Перенести запись на это время' }).click();
    await page.getByText('Запись перенесена. Код остался прежним.').waitFor();
    expect((await env.server.call('GET', `/api/appointments/c1/${made.body.code}`)).body).toMatchObject({ at: to.at, status: 'booked' });

    await page.getByRole('button', { name: 'Отменить запись' }).click();
    await page.getByText('Отменить эту запись?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Нет, оставить' }).click();
    expect((await env.server.call('GET', `/api/appointments/c1/${made.body.code}`)).body.status).toBe('booked');
    await page.getByRole('button', { name: 'Отменить запись' }).click();
    await page.getByRole('button', { name: 'Да, отменить' }).click();
    await page.getByText('Эта запись отменена.').waitFor();
    expect((await env.server.call('GET', `/api/appointments/c1/${made.body.code}`)).body.status).toBe('cancelled');
    expect(await page.getByRole('button', { name: 'Выбрать другое время' }).count()).toBe(0);
    await checkScreen(page, 'ru', 'cancelled');
  });

  it("the phone's back button goes one step back, as the page's does; once booked, the address is the booking's", async () => {
    const { page } = await phone('en-GB');
    await page.goto('/book/?center=c1');
    const heading = (name: string) => page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Property' }).click();
    await page.getByRole('button', { name: /^Sunday, 8 March/ }).click();
    await page.locator('.book-time').first().click();
    await heading('Your details');
    await page.goBack();
    await heading('Choose a time');
    await page.goBack();
    await heading('Choose a day');
    // The page's own Back, then forward again: the browser's history follows the page.
    await page.getByRole('button', { name: 'Back' }).click();
    await heading('Which service do you need?');
    await page.getByRole('button', { name: 'Property' }).click();
    await page.getByRole('button', { name: /^Sunday, 8 March/ }).click();
    await page.locator('.book-time').first().click();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await heading('Your appointment is booked');
    const code = await codeOn(page);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/book/${code}`);
    await page.reload();
    await heading('Your booking');
    expect(await codeOn(page)).toBe(code);
  });

  it('an unknown code says so and offers to type it again', async () => {
    const { page } = await phone('vi-VN');
    await page.goto('/book/ZZZZ-ZZZZ?center=c1');
    await page.getByText('Không tìm thấy lịch hẹn với mã này.', { exact: false }).waitFor();
    await page.getByLabel('Mã lịch hẹn').fill('abc');
    await page.getByRole('button', { name: 'Tìm lịch hẹn' }).click();
    await page.getByText('Mã lịch hẹn gồm 8 chữ cái và chữ số, ví dụ K7M2-QX9P.').waitFor();
    await checkScreen(page, 'vi', 'unknown code', ['abc']);
  });
});
