/**
 * Issue 14, joining the queue from outside (docs/SPEC.md V1–V5), each app a real page on the real
 * server: a visitor joins on a 360×640 phone (in Russian, in English), lands on the ticket's page
 * with its code and QR code, checks in at the kiosk by scanning it (welcomed in the language the
 * ticket was taken in), is called at a counter and sees it on the phone. A visitor whose turn came
 * while away sees the hold and its deadline, and checks in with the hall poster (/join/here). The
 * operator sees where each remote visitor is and confirms one at the desk; a place that lapsed
 * says what to do. Closed services say why in the visitor's language; Settings prints the posters.
 * Screenshots go to /tmp/join-shots for a look.
 */
import { mkdirSync } from 'node:fs';
import type { CenterConfigInput, Language } from '@qms/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { overflows, spills } from './fit.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';
import { collectText, languageJudge, LANGS } from './language-check.js';

const PHONE = { width: 360, height: 640 };
const PORTRAIT = { width: 1080, height: 1920 };
const LAPTOP = { width: 1366, height: 768 };
const SHOTS = '/tmp/join-shots';
const MIN = 60_000;

const names = (ru: string, en: string, vi: string, uz: string) => ({ ru, en, vi, uz });

/**
 * T0 is Monday 2 March 2026, 10:00 in Moscow. Passport and property can be joined now (passport
 * takes bookings too, so the kiosk's entry is for both); benefits opens at 14:00; tax closes at
 * 10:30, within its hour's stop; licence allows one remote ticket a day; property's share is 0
 * (one remote visitor at a time).
 */
function center(): CenterConfigInput {
  const cfg = testCenter();
  cfg.center.names = names('Центр госуслуг «Мои документы»', 'Public services center', 'Trung tâm phục vụ hành chính công', 'Davlat xizmatlari markazi');
  const [passport, property, benefits] = cfg.services as [CenterConfigInput['services'][number], CenterConfigInput['services'][number], CenterConfigInput['services'][number]];
  passport.names = names('Паспорт гражданина РФ', 'Passport', 'Hộ chiếu', 'Pasport');
  // Any share of its line: the tests' several remote passport tickets at once are not refused for it.
  passport.remote = { enabled: true, maxShare: 1 };
  passport.appointments = { enabled: true, bookableShare: 0.5 };
  property.names = names('Регистрация недвижимости', 'Property registration', 'Đăng ký bất động sản', 'Koʻchmas mulkni roʻyxatdan oʻtkazish');
  property.remote = { enabled: true, maxShare: 0 };
  benefits.names = names('Пособия и выплаты', 'Benefits', 'Trợ cấp xã hội', 'Nafaqalar');
  benefits.remote = { enabled: true };
  benefits.hours = { mon: [{ from: '14:00', to: '18:00' }] };
  cfg.services.push(
    { id: 'tax', prefix: 'D', names: names('Налоговый вычет', 'Tax deduction', 'Khấu trừ thuế', 'Soliq chegirmasi'), serviceTimeMin: 10, hours: { mon: [{ from: '09:00', to: '10:30' }] }, remote: { enabled: true, stopBeforeCloseMin: 60 } },
    { id: 'licence', prefix: 'E', names: names('Водительское удостоверение', 'Driving licence', 'Giấy phép lái xe', 'Haydovchilik guvohnomasi'), serviceTimeMin: 10, remote: { enabled: true, dailyCap: 1 } },
  );
  cfg.counters!.push({ id: '5', number: '5', services: [{ serviceId: 'tax', role: 'primary' }, { serviceId: 'licence', role: 'primary' }] });
  return cfg;
}

let env: BrowserEnv;
let superToken = '';
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Joins from one address (127.0.0.1) go beyond the per-address limit a real crowd's NAT would.
  env = await browserEnv({ config: center(), app: { joinPer10Min: 0 } });
  superToken = await env.server.login('super');
  // Counter 2 (passport) is at work: waits are known, and calls come from here.
  expect((await env.server.call('POST', '/api/counters/2/claim', { token: superToken })).status).toBe(200);
});
afterAll(async () => {
  await env?.stop();
});

/** A phone in the center's zone, its clock at the server's (what "opens at 14:00" is measured against). */
async function phone(locale: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await env.browser.newContext({ viewport: PHONE, baseURL: env.server.url, locale, timezoneId: 'Europe/Moscow', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  await page.clock.install({ time: env.server.clock.now });
  return { page, context };
}

async function kiosk(language: string): Promise<Page> {
  const { page } = await env.page(PORTRAIT, { timezoneId: 'Europe/Moscow' });
  page.setDefaultTimeout(10_000);
  await page.clock.install({ time: env.server.clock.now });
  await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
  await page.getByRole('button', { name: language, exact: true }).click();
  await page.locator('.services-screen').waitFor();
  return page;
}

/** Join on the page as a visitor does: the service, then the confirm step's button. Returns the ticket's id. */
async function joinOnPage(page: Page, service: string, submit: string): Promise<string> {
  await page.getByRole('button', { name: new RegExp(`^${service}`) }).click();
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.waitForURL(/\/kiosk\/t\//);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
}

let device = 0;
/** A remote ticket taken through the API, by a phone of its own. */
async function joinByApi(serviceId: string, language = 'ru'): Promise<{ id: string; number: string; code: string }> {
  const res = await env.server.call('POST', '/api/join/c1', { body: { serviceId, language, deviceId: `test-device-${String(++device).padStart(8, '0')}` } });
  expect(res.status).toBe(201);
  return { id: res.body.id, number: res.body.number, code: res.body.remote.code };
}

const status = async (id: string) => (await env.server.call('GET', `/api/tickets/${id}`)).body;
const counter = async (id: string, action: string) => expect((await env.server.call('POST', `/api/counters/${id}/${action}`, { token: superToken })).status).toBe(200);
const hallCode = async (): Promise<string> => (await env.server.call('GET', '/api/admin/remote/posters', { token: superToken })).body.hallCode;
/** Nothing on a phone page is wider than the phone. */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** "10:42" on the center's clock. */
const hhmm = (at: number) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/Moscow' }).format(at);

describe('joining from outside (issue 14)', () => {
  it.each([
    { lang: 'ru', locale: 'ru-RU', kioskLang: 'Русский', service: 'Паспорт гражданина РФ', submit: 'Встать в очередь', notHere: 'Вы ещё не отметились', entry: /^У меня есть запись или талон с телефона/, welcome: 'Добро пожаловать, вы отметились', arrived: 'Вы отметились ✓', called: 'Пройдите к окну 2' },
    // Joined in English, scanned at a kiosk left in Russian: welcomed in English, the ticket's language.
    { lang: 'en', locale: 'en-GB', kioskLang: 'Русский', service: 'Passport', submit: 'Join the queue', notHere: 'Not checked in yet', entry: null, welcome: 'Welcome, you are checked in', arrived: 'Checked in ✓', called: 'Go to counter 2' },
  ])('$lang: joined on a 360×640 phone → the code and its QR on the phone page → checked in at the kiosk → called at a counter, shown on the phone', { timeout: 120_000 }, async (c) => {
    const { page, context } = await phone(c.locale);
    // Russian from the phone's own language; English from the address.
    await page.goto(c.lang === 'en' ? '/join/?lang=en' : '/join/');
    await page.locator('html[lang="' + c.lang + '"]').waitFor();
    await page.getByRole('button', { name: new RegExp(`^${c.service}`) }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: new RegExp(`^${c.service}`) }).click();
    // The confirm step says the rule, with the center's grace time.
    await page.getByText(c.lang === 'ru' ? 'мы сохраним ваше место на 10 мин' : 'we hold your place for 10 min', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    if (c.lang === 'en') await page.screenshot({ path: `${SHOTS}/join-confirm-en.png`, fullPage: true });
    await page.getByRole('button', { name: c.submit, exact: true }).click();
    await page.waitForURL(/\/kiosk\/t\/[^?]+\?lang=/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe(c.lang);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);

    const ticket = await status(id);
    expect(ticket).toMatchObject({ status: 'waiting', language: c.lang, remote: { arrived: false, heldAt: null } });
    const code: string = ticket.remote.code;
    const panel = page.getByTestId('remote-not-here');
    await panel.getByText(c.notHere).waitFor();
    expect(await page.getByTestId('remote-code').innerText()).toBe(`${code.slice(0, 4)}-${code.slice(4)}`);
    await page.getByTestId('remote-qr').waitFor();
    expect(await page.getByTestId('status-number').innerText()).toBe(ticket.number);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-not-arrived-${c.lang}.png`, fullPage: true });
    expect(await sideways(page)).toBe(0);
    // The widest code there can be stays on one line inside its card at 360 px.
    const fit = await page.getByTestId('remote-code').evaluate((el) => {
      el.textContent = 'WWWW-WWWW';
      const range = document.createRange();
      range.selectNodeContents(el);
      const inside = () => {
        const [text, card] = [range.getBoundingClientRect(), el.parentElement!.getBoundingClientRect()];
        return text.left >= card.left && text.right <= card.right;
      };
      const now = inside();
      // The measure can fail: at the booking page's size it would not fit.
      (el as HTMLElement).style.fontSize = '2.5rem';
      return { now, larger: inside() };
    });
    expect(fit).toEqual({ now: true, larger: false });
    await page.reload();
    await page.getByTestId('remote-code').waitFor();
    // The ticket is remembered on this phone: /join/ lists it again.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qms.join.')).sort())).toEqual(['qms.join.device', 'qms.join.tickets.c1']);

    // The kiosk, in Russian: the scanner reads the QR code on the phone (the bare code), in the entry
    // for both codes; or, without touching the entry, on the services screen, which checks in at once.
    const k = await kiosk(c.kioskLang);
    if (c.entry) {
      await k.getByRole('button', { name: c.entry }).click();
      await k.locator('.checkin-code').waitFor();
      await k.getByRole('heading', { name: 'Отметьтесь по коду' }).waitFor();
    }
    await k.keyboard.type(code.toLowerCase(), { delay: 5 });
    await k.keyboard.press('Enter');
    await k.getByTestId('arrived').waitFor();
    await k.getByRole('heading', { name: c.welcome }).waitFor();
    expect(await k.getByTestId('arrived-number').innerText()).toBe(ticket.number);
    expect(await k.locator('html').getAttribute('lang')).toBe(c.lang);
    expect(await axeSerious(k)).toEqual([]);
    await k.screenshot({ path: `${SHOTS}/kiosk-arrived-${c.lang}.png` });
    // Nothing cut off: portrait, large text, landscape.
    expect(await overflows(k)).toEqual([]);
    await k.getByRole('button', { name: c.lang === 'ru' ? 'Крупный текст' : 'Large text' }).click();
    expect(await overflows(k)).toEqual([]);
    await k.setViewportSize({ width: 1920, height: 1080 });
    expect(await overflows(k)).toEqual([]);
    await k.screenshot({ path: `${SHOTS}/kiosk-arrived-${c.lang}-landscape-large.png` });
    // Nothing printed, nothing issued: the phone's ticket is the ticket.
    expect((await status(id)).remote.arrived).toBe(true);

    await page.getByTestId('remote-arrived').getByText(c.arrived).waitFor();
    expect(await panel.count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/phone-arrived-${c.lang}.png`, fullPage: true });

    // Staff call it at counter 2; the phone says so at once.
    await counter('2', 'call-next');
    expect((await status(id)).status).toBe('called');
    await page.locator('.status-panel.called').getByText(c.called).waitFor();
    await counter('2', 'complete');
    await context.close();
  });

  it('held while away: the phone shows the deadline; the hall poster checks it in; then it is called (V2, V4)', { timeout: 120_000 }, async () => {
    const { page, context } = await phone('vi-VN');
    await page.goto('/join/');
    await page.locator('html[lang="vi"]').waitFor();
    const id = await joinOnPage(page, 'Hộ chiếu', 'Lấy phiếu');
    await page.getByTestId('remote-not-here').waitFor();

    // Counter 2 is open and free: the sweep finds it would call this ticket, so it is held (V4).
    const heldAt = env.server.clock.now;
    env.server.app.remote.sweepAll();
    expect((await status(id)).remote).toMatchObject({ arrived: false, heldAt, graceUntil: heldAt + 10 * MIN });
    const banner = page.getByTestId('remote-held');
    await banner.waitFor();
    expect(await banner.innerText()).toBe(`Đã đến lượt quý khách: xin xác nhận trước ${hhmm(heldAt + 10 * MIN)}, nếu không sẽ mất chỗ`);
    // The code and the ways to check in stay under it.
    await page.getByTestId('remote-code').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/phone-held-vi.png`, fullPage: true });

    // In the hall: the poster's QR code opens /join/here with the hall's code; the ticket's page opens, checked in.
    await page.goto(`/join/here?center=c1&h=${await hallCode()}`);
    await page.waitForURL(/\/kiosk\/t\//);
    await page.getByTestId('remote-arrived').getByText('Đã xác nhận ✓').waitFor();
    expect(await banner.count()).toBe(0);
    expect((await status(id)).remote.arrived).toBe(true);
    // Scanning again changes nothing (V2) and lands on the same page.
    await page.goto(`/join/here?center=c1&h=${await hallCode()}`);
    await page.waitForURL(/\/kiosk\/t\//);
    await page.getByTestId('remote-arrived').waitFor();

    await counter('2', 'call-next');
    await page.locator('.status-panel.called').getByText('Mời đến quầy 2').waitFor();
    await counter('2', 'complete');
    await context.close();
  });

  it('the hall poster: a wrong code says so and checks nothing in; a phone without a ticket from outside is sent to the kiosk', { timeout: 60_000 }, async () => {
    const { id } = await joinByApi('passport');
    const { page, context } = await phone('en-GB');
    await page.goto('/join/here?center=c1&h=SOMEOTHERCODE&lang=en');
    await page.getByTestId('join-here-problem').getByText('This phone has no ticket taken from outside. Please take a ticket at the kiosk.').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    // This phone takes one, then scans a poster that is not this hall's.
    await page.goto('/join/?lang=en');
    await joinOnPage(page, 'Passport', 'Join the queue');
    await page.goto('/join/here?center=c1&h=SOMEOTHERCODE&lang=en');
    await page.getByTestId('join-here-problem').getByText("This is not the code of this center's hall.", { exact: false }).waitFor();
    // Its ticket is offered, whose page has the code to show at the kiosk instead.
    expect(await page.getByTestId('join-ticket-link').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/join-here-wrong-en.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
    // Nothing was checked in, this phone's ticket nor anyone else's.
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('qms.join.tickets.c1') ?? '[]') as { id: string }[]);
    for (const t of [id, mine[0]!.id]) expect((await status(t)).remote.arrived).toBe(false);
    for (const t of [id, mine[0]!.id]) await env.server.call('POST', `/api/tickets/${t}/withdraw`);
    await context.close();
  });

  it("closed services say why in the visitor's language; this phone's tickets are listed; its day's limit is worded, not the server's message (V1)", { timeout: 120_000 }, async () => {
    // One remote visitor is waiting for property (its share) and licence has given its one ticket today.
    const property = await joinByApi('property');
    const licence = await joinByApi('licence');
    for (const [locale, lang] of [['ru-RU', 'ru'], ['vi-VN', 'vi']] as const) {
      const { page, context } = await phone(locale);
      await page.goto('/join/');
      await page.locator(`html[lang="${lang}"]`).waitFor();
      const closed = (id: string) => page.locator(`[data-testid=join-closed][data-id=${id}]`);
      await closed('benefits').waitFor();
      const words = {
        ru: {
          benefits: 'Сейчас с телефона в очередь не встать. Откроется в 14:00',
          tax: 'Скоро закрытие: приходите и возьмите талон в терминале',
          property: 'С телефонов уже встало в очередь много людей: попробуйте через несколько минут',
          licence: 'Талоны с телефона на сегодня закончились: возьмите талон в терминале, когда придёте',
        },
        vi: {
          benefits: 'Hiện không nhận lấy phiếu bằng điện thoại. Mở lúc 14:00',
          tax: 'Sắp hết giờ: xin mời đến và lấy phiếu tại máy lấy số',
          property: 'Đã có nhiều người lấy phiếu từ xa: xin thử lại sau vài phút',
          licence: 'Đã hết phiếu lấy bằng điện thoại hôm nay: xin lấy phiếu tại máy lấy số khi đến',
        },
      }[lang];
      for (const [id, text] of Object.entries(words)) expect(await closed(id).locator('.join-meta').innerText()).toBe(text);
      // Closed ones are not buttons; the open one shows the line and the wait.
      expect(await page.locator('[data-testid=join-service]').count()).toBe(1);
      expect(await page.locator('[data-testid=join-service][data-id=passport] .join-meta').innerText()).toMatch(lang === 'ru' ? /^В очереди: \d+ · / : /^Đang chờ: \d+ · /);
      expect(await axeSerious(page)).toEqual([]);
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: `${SHOTS}/join-${lang}.png`, fullPage: true });
      await page.screenshot({ path: `${SHOTS}/join-${lang}-first-screen.png` });

      if (lang === 'ru') {
        // Two tickets a day per phone (perDevicePerDay): the third is refused in Russian, with what to do instead.
        const first = await joinOnPage(page, 'Паспорт гражданина РФ', 'Встать в очередь');
        await page.goto('/join/');
        await page.getByTestId('join-ticket-link').first().waitFor();
        await joinOnPage(page, 'Паспорт гражданина РФ', 'Встать в очередь');
        await page.goto('/join/');
        // Both are listed, each a link to its page.
        await page.getByTestId('join-ticket-link').nth(1).waitFor();
        expect(await page.getByTestId('join-ticket-link').count()).toBe(2);
        await page.getByRole('button', { name: /^Паспорт гражданина РФ/ }).click();
        await page.getByRole('button', { name: 'Встать в очередь', exact: true }).click();
        const refusal = page.getByTestId('join-refusal');
        await refusal.waitFor();
        expect(await refusal.innerText()).toBe('С этого телефона сегодня уже взято столько талонов, сколько можно. Воспользуйтесь уже взятыми или возьмите талон в терминале, когда придёте.');
        expect(await axeSerious(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/join-refused-ru.png`, fullPage: true });
        // A ticket given up is forgotten by the list.
        await env.server.call('POST', `/api/tickets/${first}/withdraw`);
        await page.goto('/join/');
        await page.getByTestId('join-ticket-link').first().waitFor();
        expect(await page.getByTestId('join-ticket-link').count()).toBe(1);
      }
      await context.close();
    }
    for (const t of [property.id, licence.id]) await env.server.call('POST', `/api/tickets/${t}/withdraw`);
    // The Russian phone's other passport ticket.
    const queue = (await env.server.call('GET', '/api/queue', { token: superToken })).body.tickets as { id: string; status: string; remote?: unknown }[];
    for (const t of queue.filter((x) => x.status === 'waiting')) await env.server.call('POST', `/api/tickets/${t.id}/withdraw`);
  });

  it('the operator sees where each remote visitor is and confirms one at the desk; a place that lapsed says what to do (V3, V5)', { timeout: 120_000 }, async () => {
    // Counter 2 closes for this: counter 1 (op1, in the app) is the only one open for passports.
    await counter('2', 'release');
    const { page: op } = await env.page(LAPTOP);
    op.setDefaultTimeout(10_000);
    await op.goto('/counter/');
    await op.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
    await op.reload();
    await op.getByTestId('login-user').fill('op1');
    await op.getByTestId('login-password').fill(PASSWORD);
    await op.getByTestId('login-submit').click();
    await op.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
    await op.getByTestId('operator').waitFor();

    const held = await joinByApi('passport', 'ru');
    env.server.app.remote.sweepAll(); // counter 1 is free: its turn has come
    const away = await joinByApi('passport');
    const here = await joinByApi('passport');
    expect((await env.server.call('POST', `/api/tickets/${here.id}/arrive`, { body: { hallCode: await hallCode() } })).status).toBe(200);

    const row = (number: string) => op.locator(`[data-testid=queue-row][data-number=${number}]`);
    const tag = (number: string) => row(number).getByTestId('remote-tag');
    await row(here.number).waitFor();
    expect(await tag(held.number).innerText()).toBe(`From phone — held until ${hhmm(env.server.clock.now + 10 * MIN)}`);
    expect(await tag(away.number).innerText()).toBe('From phone — not here yet');
    expect(await tag(here.number).innerText()).toBe('From phone — here');
    // The one who is here is first in this counter's order; the two away have no place in it (V3).
    expect(await op.locator('[data-testid=queue-row]').first().getAttribute('data-number')).toBe(here.number);
    expect(await row(away.number).locator('td').first().innerText()).toBe('—');
    expect(await row(here.number).getByTestId('remote-here').count()).toBe(0);
    expect(await axeSerious(op)).toEqual([]);
    await op.getByTestId('queue').screenshot({ path: `${SHOTS}/counter-badges-en.png` });

    // The away visitor shows their phone at the desk: staff confirm them.
    await row(away.number).getByRole('button', { name: `Visitor is here: ${away.number}` }).click();
    await expect.poll(async () => (await status(away.id)).remote.arrived).toBe(true);
    await expect.poll(() => tag(away.number).innerText()).toBe('From phone — here');

    // The held one never came: after the grace it is a no-show, and its page says what to do.
    env.server.clock.advance(10 * MIN);
    env.server.app.remote.sweepAll();
    expect(await status(held.id)).toMatchObject({ status: 'no_show', remote: { arrived: false } });
    const { page, context } = await phone('ru-RU');
    await page.goto(`/kiosk/t/${held.id}?lang=ru`);
    await page.getByText('Вы не отметились вовремя, и ваше место в очереди пропало.').waitFor();
    await page.getByTestId('remote-lost').getByText('обратитесь к сотруднику у стойки информации', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-lost-ru.png`, fullPage: true });
    await context.close();
    for (const t of [away.id, here.id]) await env.server.call('POST', `/api/tickets/${t}/withdraw`);
  });

  it('Settings: the rules for joining from a phone, a new hall code, and the two posters printed on A4 in the center’s languages', { timeout: 120_000 }, async () => {
    const { page } = await env.page(LAPTOP);
    page.setDefaultTimeout(10_000);
    // window.print blocks a real browser; here it records that it was asked.
    await page.addInitScript(() => {
      Object.assign(window, { printed: 0 });
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.goto('/counter/');
    await page.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
    await page.reload();
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
    await page.goto('/counter/admin/hours');

    const posters = page.getByTestId('posters');
    await posters.getByTestId('poster-join').waitFor();
    // No public address in the test center: the codes point at this address, and the page says phones may not reach it.
    await posters.getByTestId('posters-no-public-url').waitFor();
    expect(await posters.getByTestId('poster-join').locator('a').innerText()).toBe(`${env.server.url}/join/?center=c1`);
    const before = await hallCode();
    expect(await posters.getByTestId('poster-hall').locator('a').innerText()).toBe(`${env.server.url}/join/here?center=c1&h=${before}`);

    const rules = page.getByTestId('center-remote');
    await rules.getByTestId('c-remote-graceMin').fill('0');
    await rules.getByTestId('center-remote-save').click();
    await rules.getByTestId('center-remote-invalid').waitFor();
    expect((await env.server.call('GET', '/api/admin/remote', { token: superToken })).body.graceMin).toBe(10);
    await rules.getByTestId('c-remote-graceMin').fill('15');
    await rules.getByTestId('c-remote-askPhone').selectOption('optional');
    await rules.getByTestId('c-remote-newCode').click();
    const code = await rules.getByTestId('c-remote-hallCode').inputValue();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    await rules.getByTestId('center-remote-save').click();
    await rules.getByTestId('center-remote-saved').waitFor();
    expect((await env.server.call('GET', '/api/admin/remote', { token: superToken })).body).toMatchObject({ graceMin: 15, askPhone: 'optional', hallCode: code });
    // The hall poster follows the new code at once.
    await posters.getByTestId('poster-hall').locator('a').getByText(`h=${code}`, { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await posters.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-remote.png`, fullPage: true });
    await posters.screenshot({ path: `${SHOTS}/settings-posters.png` });

    // Print: one A4 sheet, its words in each of the center's languages.
    await posters.getByTestId('poster-print-join').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const sheet = page.getByTestId('poster-sheet');
    expect(await sheet.getAttribute('data-kind')).toBe('join');
    expect(await sheet.isVisible()).toBe(false); // on paper only
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.poster-center').innerText()).toBe('Центр госуслуг «Мои документы»');
    expect(await sheet.locator('.poster-title').allInnerTexts()).toEqual([
      'Встаньте в очередь с телефона',
      'Join the queue from your phone',
      'Lấy phiếu xếp hàng bằng điện thoại',
      'Telefoningizdan navbatga turing',
    ]);
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: `${SHOTS}/poster-join-print.png` });
    // On one A4 page, as Chromium prints it.
    const pdf = await page.pdf({ preferCSSPageSize: true, path: `${SHOTS}/poster-join.pdf` });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await sheet.waitFor({ state: 'detached' });
    // The hall's poster: its own sheet, without the address (the code in it is for this hall's phones only).
    await page.setViewportSize(LAPTOP);
    await posters.getByTestId('poster-print-hall').click();
    expect(await sheet.getAttribute('data-kind')).toBe('hall');
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.poster-title').first().innerText()).toBe('Встали в очередь с телефона? Отметьтесь здесь');
    expect(await sheet.locator('.poster-url').count()).toBe(0);
    expect((await page.pdf({ preferCSSPageSize: true })).toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await sheet.waitFor({ state: 'detached' });

    // A service joinable from a phone, in Services.
    await page.setViewportSize(LAPTOP);
    await page.goto('/counter/admin/services');
    await page.locator('[data-testid=admin-row][data-id=property]').click();
    await page.getByTestId('f-remote-enabled').waitFor();
    expect(await page.getByTestId('f-remote-enabled').isChecked()).toBe(true);
    await page.getByTestId('f-remote-sharePct').fill('25');
    await page.getByTestId('f-remote-dailyCap').fill('40');
    await page.getByTestId('f-remote').screenshot({ path: `${SHOTS}/settings-service-remote.png` });
    await page.getByTestId('admin-save').click();
    await expect.poll(async () => (await env.server.call('GET', '/api/admin/services', { token: superToken })).body.find((s: { id: string }) => s.id === 'property').remote).toEqual({
      enabled: true,
      maxShare: 0.25,
      stopBeforeCloseMin: 60,
      dailyCap: 40,
    });
  });

  // Last: it moves the server's clock on (each language's lapsed place).
  it("every screen of joining from outside shows only the visitor's (or the staff member's) language, in ru, en, vi and uz", { timeout: 240_000 }, async () => {
    const NAMES: Record<Language, string> = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' };
    const LOCALES: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB', vi: 'vi-VN', uz: 'uz-UZ' };
    const faults: string[] = [];
    /** The language judge of language-check.ts, with this screen's data in no language (codes, addresses). */
    const check = async (page: Page, lang: Language, screen: string, typed: string[] = []) => {
      const where = `${screen} [${lang}]`;
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      if (htmlLang !== lang) faults.push(`${where}: <html lang="${htmlLang}">`);
      const shown = await page.evaluate(collectText, lang);
      for (const p of languageJudge(lang, center(), typed).problems(shown)) faults.push(`${where}: ${p}`);
      for (const p of await spills(page)) faults.push(`${where}: spills: ${p}`);
      const keys = await page.evaluate(() => (globalThis as { __missingKeys?: string[] }).__missingKeys ?? []);
      for (const k of keys) faults.push(`${where}: i18n key missing in its language: ${k}`);
    };
    const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
    await env.server.call('POST', '/api/counters/2/claim', { token: superToken });
    const hall = await hallCode();
    const urls = [`${env.server.url}/join/?center=c1`, `${env.server.url}/join/here?center=c1&h=${hall}`, env.server.url, hall];

    for (const lang of LANGS) {
      const { page, context } = await phone(LOCALES[lang]);
      await page.goto(`/join/?lang=${lang}`);
      const passport = center().services[0]!.names[lang]!;
      await page.getByRole('button', { name: new RegExp(`^${passport}`) }).waitFor();
      await check(page, lang, 'join: services');
      await page.getByRole('button', { name: new RegExp(`^${passport}`) }).click();
      await page.locator('.join-rules').waitFor();
      await check(page, lang, 'join: confirm');
      expect(await sideways(page)).toBe(0);
      await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/kiosk\/t\//);
      await page.getByTestId('remote-not-here').waitFor();
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
      const code: string = (await status(id)).remote.code;
      await check(page, lang, 'phone: not checked in', [dashed(code)]);
      env.server.app.remote.sweepAll();
      await page.getByTestId('remote-held').waitFor();
      // The phone's alert (Web Push's page part) writes the code without its dash.
      await check(page, lang, 'phone: held', [dashed(code), code]);
      expect(await sideways(page)).toBe(0);
      await page.goto(`/join/here?center=c1&h=NOTTHISHALL&lang=${lang}`);
      await page.getByTestId('join-here-problem').waitFor();
      await check(page, lang, 'here: wrong code');
      await page.goto(`/join/here?center=c1&h=${hall}&lang=${lang}`);
      await page.waitForURL(/\/kiosk\/t\//);
      await page.getByTestId('remote-arrived').waitFor();
      await check(page, lang, 'phone: checked in');
      await context.close();
      const other = await phone(LOCALES[lang]);
      await other.page.goto(`/join/here?center=c1&h=${hall}&lang=${lang}`);
      await other.page.getByTestId('join-here-problem').waitFor();
      await check(other.page, lang, 'here: no ticket');
      await other.context.close();

      const k = await kiosk(NAMES[lang]);
      await check(k, lang, 'kiosk: services with the entry for both codes');
      await k.getByRole('button', { name: /./ }).filter({ has: k.locator('.appointment-symbol') }).click();
      await k.locator('.checkin-code').waitFor();
      await check(k, lang, 'kiosk: the code');
      await k.keyboard.type(code, { delay: 5 });
      await k.keyboard.press('Enter');
      await k.getByTestId('arrived').waitFor();
      await check(k, lang, 'kiosk: checked in');
      await k.context().close();
      await env.server.call('POST', `/api/tickets/${id}/withdraw`);

      // A place that lapsed (V5).
      const lost = await joinByApi('passport', lang);
      env.server.app.remote.sweepAll();
      // The grace as Settings left it (an earlier test changed it).
      env.server.clock.advance((await env.server.call('GET', '/api/join/c1')).body.graceMin * MIN);
      env.server.app.remote.sweepAll();
      const late = await phone(LOCALES[lang]);
      await late.page.goto(`/kiosk/t/${lost.id}?lang=${lang}`);
      await late.page.getByTestId('remote-lost').waitFor();
      await check(late.page, lang, 'phone: place lost');
      await late.context.close();
    }

    // The counter app: the operator's queue with each kind of remote visitor, and Settings.
    const held = await joinByApi('passport');
    env.server.app.remote.sweepAll();
    const away = await joinByApi('passport');
    const here = await joinByApi('passport');
    await env.server.call('POST', `/api/tickets/${here.id}/arrive`, { body: { hallCode: hall } });
    // The counter's zone as configured ("main", the default): data in no language.
    const codes = [...[held, away, here].map((t) => dashed(t.code)), 'main'];
    const { page: staff } = await env.page(LAPTOP);
    staff.setDefaultTimeout(10_000);
    await staff.goto('/counter/');
    await staff.getByTestId('login-user').fill('admin');
    await staff.getByTestId('login-password').fill(PASSWORD);
    await staff.getByTestId('login-submit').click();
    await staff.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
    for (const lang of LANGS) {
      await staff.getByTestId('language').selectOption(lang);
      await staff.locator(`html[lang=${lang}]`).waitFor();
      await staff.goto('/counter/admin/hours');
      await staff.getByTestId('poster-hall').waitFor();
      await check(staff, lang, 'Settings: opening hours, joining from a phone, posters', urls);
      await staff.goto('/counter/admin/services');
      await staff.locator('[data-testid=admin-row][data-id=passport]').click();
      await staff.getByTestId('f-remote-sharePct').waitFor();
      await check(staff, lang, 'Settings: a service joinable from a phone');
    }
    await staff.getByTestId('language').selectOption('en');
    await staff.goto('/counter/');
    await staff.getByRole('button', { name: 'Log out' }).click();
    await staff.getByTestId('login-user').fill('op1');
    await staff.getByTestId('login-password').fill(PASSWORD);
    await staff.getByTestId('login-submit').click();
    await staff.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
    await staff.getByTestId('operator').waitFor();
    for (const lang of LANGS) {
      await staff.getByTestId('language').selectOption(lang);
      await staff.locator(`html[lang=${lang}]`).waitFor();
      await staff.locator(`[data-testid=queue-row][data-number=${held.number}] [data-testid=remote-tag][data-state=held]`).waitFor();
      await staff.locator(`[data-testid=queue-row][data-number=${here.number}] [data-testid=remote-tag][data-state=here]`).waitFor();
      await check(staff, lang, 'operator: the queue with remote visitors', codes);
    }
    expect(faults).toEqual([]);
  });
});

describe('the whole visit on one phone (issue 14)', () => {
  it('ru: join → checked in at the kiosk → called → served → rated with a complaint → the supervisor\'s answer on the same page, never reloaded', { timeout: 120_000 }, async () => {
    const { page, context } = await phone('ru-RU');
    await page.goto('/join/');
    const id = await joinOnPage(page, 'Паспорт гражданина РФ', 'Встать в очередь');
    await page.getByTestId('remote-not-here').waitFor();
    const { remote } = await status(id);

    // At the kiosk the scanner reads the phone's code: the visitor is in (V2).
    const arrived = await env.server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: remote.code } });
    expect(arrived.body).toMatchObject({ arrived: true, ticket: { id } });
    await page.getByText('Вы отметились ✓').waitFor();

    // Called at counter 2 (earlier visitors first), then served.
    for (let i = 0; i < 20 && (await status(id)).status === 'waiting'; i++) {
      await env.server.call('POST', '/api/counters/2/complete', { token: superToken });
      await counter('2', 'call-next');
    }
    expect((await status(id)).status).toBe('called');
    await page.getByText('Пройдите к окну 2').waitFor();
    env.server.clock.advance(4 * MIN);
    await counter('2', 'complete');

    // The page offers the rating; a complaint needs its comment.
    const form = page.getByTestId('rating-form');
    await form.waitFor();
    const overall = form.getByRole('group', { name: /Общая оценка/ }).getByRole('radio', { name: '2 Плохо' });
    await overall.locator('..').click();
    await form.getByRole('checkbox', { name: /Это жалоба/ }).check();
    await page.getByTestId('rating-comment').fill('Ждал у окна, хотя отметился заранее');
    await page.getByTestId('rating-send').click();
    await page.getByTestId('complaint-received').waitFor();

    // The supervisor sees it with the ticket's facts and answers.
    const complaints = await env.server.call('GET', '/api/complaints?status=open', { token: superToken });
    expect(complaints.body).toEqual(expect.arrayContaining([expect.objectContaining({ ticketId: id, serviceId: 'passport', counterId: '2', complaintStatus: 'open' })]));
    const answered = await env.server.call('POST', `/api/complaints/${id}/answer`, { token: superToken, body: { text: 'Спасибо, мы разберёмся с очередностью вызова.', status: 'answered' } });
    expect(answered.status).toBe(200);
    const answer = page.getByTestId('complaint-answer');
    await answer.waitFor();
    await expect(answer.innerText()).resolves.toContain('Спасибо, мы разберёмся с очередностью вызова.');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/journey-answer-ru.png`, fullPage: true });
    await context.close();
  });
});
