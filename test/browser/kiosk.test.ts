/**
 * The kiosk in real Chromium against the real server: a visitor's whole path to a ticket, the
 * priority lane, large catalogues, printing, failures, pairing, timeouts and accessibility.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer } from '../helpers/server.js';
import { browserEnv, ROOT, type BrowserEnv } from './harness.js';

const PORTRAIT = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const MM = 96 / 25.4;

async function openKiosk(env: BrowserEnv, opts: { query?: string; size?: { width: number; height: number }; clock?: boolean } = {}): Promise<Page> {
  const { page } = await env.page(opts.size ?? PORTRAIT);
  if (opts.clock) await page.clock.install();
  await page.goto(`/kiosk/?token=${KIOSK_TOKEN}${opts.query ?? ''}`);
  await page.locator('.language-screen').waitFor();
  return page;
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

async function takeTicket(page: Page, service: string, lang = 'English'): Promise<string> {
  await button(page, lang).click();
  await button(page, new RegExp(`^${service}`)).click();
  return page.getByTestId('ticket-number').innerText();
}

/**
 * The harness's axeSerious() injects axe with an inline <script>, which the server's CSP
 * (script-src 'self') blocks. Evaluating the source through the DevTools protocol is not subject
 * to CSP, so the kiosk is audited under its real policy, with the harness's rules and impacts.
 */
const AXE_SOURCE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function expectNoSeriousA11yIssues(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), screen).toEqual([]);
}

/** A snapshot ticket by its number, as staff see it (a kiosk's own view of the queue holds no tickets). */
async function serverTicket(env: BrowserEnv, number: string): Promise<any> {
  const snap = await env.server.call('GET', '/api/queue', { token: await staffToken(env) });
  return snap.body.tickets.find((t: any) => t.number === number);
}

/**
 * Issue 11: the kiosk offers only services that a staffed counter serves or can be switched to.
 * Counter 1 (op1) serves passport and can take property; counter 4 (super) benefits, here on a break.
 */
async function staffCounters(env: BrowserEnv, counters: { id: string; login: string; paused?: boolean }[]): Promise<void> {
  for (const c of counters) {
    const token = await env.server.login(c.login);
    expect((await env.server.call('POST', `/api/counters/${c.id}/claim`, { token })).status).toBe(200);
    if (c.paused) expect((await env.server.call('POST', `/api/counters/${c.id}/pause`, { token, body: { reason: 'break' } })).status).toBe(200);
  }
}

const staffTokens = new WeakMap<BrowserEnv, string>();
async function staffToken(env: BrowserEnv): Promise<string> {
  return staffTokens.get(env) ?? staffTokens.set(env, await env.server.login('super')).get(env)!;
}

describe('kiosk: taking tickets', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv();
    await staffCounters(env, [{ id: '1', login: 'op1' }, { id: '4', login: 'super', paused: true }]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('starts in the default language, offering only the center languages in their own names', async () => {
    const page = await openKiosk(env);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Выберите язык');
    const names = await page.locator('.options.languages button').allInnerTexts();
    expect(names.map((n) => n.replace('✓', '').trim())).toEqual(['Русский', 'English', 'Tiếng Việt', 'Oʻzbekcha']);
    expect(await button(page, /Русский/).getAttribute('aria-current')).toBe('true');
    await expectNoSeriousA11yIssues(page, 'language');
  });

  it('a visitor takes a PRIORITY ticket: language → priority lane → category → service → A001 with a QR code', async () => {
    const page = await openKiosk(env);
    await button(page, 'English').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectNoSeriousA11yIssues(page, 'services');
    await button(page, /^Priority lane/).click();
    await page.getByRole('heading', { name: 'Priority lane: who is it for?' }).waitFor();
    await expectNoSeriousA11yIssues(page, 'priority categories');
    await button(page, 'Disability').click();
    await page.getByText('Priority lane: Disability').waitFor();
    await button(page, /^Passport/).click();

    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe('A001');
    const qr = page.getByTestId('ticket-qr');
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expectNoSeriousA11yIssues(page, 'ticket');

    const ticket = await serverTicket(env, 'A001');
    expect(ticket).toMatchObject({ serviceId: 'passport', lane: 'priority', categoryId: 'disability', language: 'en', status: 'waiting' });
    expect(await qr.getAttribute('data-status-url')).toBe(`${env.server.url}/kiosk/t/${ticket.id}?lang=en`);
    expect((await env.server.call('GET', `/api/tickets/${ticket.id}`)).body).toMatchObject({ number: 'A001', status: 'waiting' });
  });

  it('a normal ticket in the default language, with a plain sentence when the wait is unknown', async () => {
    const page = await openKiosk(env);
    expect(await takeTicket(page, 'Пособия', 'Русский')).toBe('C001');
    // Benefits' only counter is on a break: its visitors will be called, but the server cannot estimate when.
    await page.getByRole('main').getByText('Сейчас мы не можем рассчитать время ожидания').waitFor();
    expect(await serverTicket(env, 'C001')).toMatchObject({ lane: 'normal', categoryId: null, language: 'ru' });
  });

  it('prints only the ticket, 80 mm wide by default, on a page the size of the ticket', async () => {
    const page = await openKiosk(env);
    await takeTicket(page, 'Property');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kiosk').isVisible()).toBe(false);
    const ticket = page.getByTestId('print-ticket');
    expect(await ticket.isVisible()).toBe(true);
    expect(await ticket.innerText()).toContain('B001');
    const box = await ticket.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(80 * MM);
    expect(box!.width).toBeGreaterThan(70 * MM);
    // Chromium's own print pipeline: one page, 80 mm wide, never A4.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(pages).toHaveLength(1);
    expect(Number(pages[0]![1]) / 72 * 25.4).toBeCloseTo(80, 0);
    expect(Number(pages[0]![2]) / 72 * 25.4).toBeLessThan(150);
  });

  it('prints 58 mm wide with ?paper=58, and remembers it', async () => {
    const page = await openKiosk(env, { query: '&paper=58' });
    await takeTicket(page, 'Property');
    await page.emulateMedia({ media: 'print' });
    const box = await page.getByTestId('print-ticket').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(58 * MM);
    expect(await page.evaluate(() => localStorage.getItem('qms.kiosk.settings'))).toContain('"paper":58');
  });

  it('when the issue fails on the network it says so plainly and shows no number; trying again works', async () => {
    const page = await openKiosk(env);
    await page.route('**/api/tickets', (route) => route.abort('connectionrefused'));
    await button(page, 'English').click();
    await button(page, /^Passport/).click();
    await page.getByRole('alert').getByText('No connection to the server: your ticket was not issued. Please try again or ask staff.').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('could not print');
    expect(await page.getByTestId('ticket-number').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/\b[A-C]\d{3}\b/);
    await expectNoSeriousA11yIssues(page, 'issue failed');

    // A server error is no better: still no number.
    await page.unroute('**/api/tickets');
    await page.route('**/api/tickets', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"UNAVAILABLE","message":"down"}}' }));
    await button(page, 'Try again').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('ticket-number').count()).toBe(0);

    await page.unroute('**/api/tickets');
    await button(page, 'Try again').click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toMatch(/^A\d{3}$/);
  });

  it('large text makes the text bigger', async () => {
    const page = await openKiosk(env);
    const h1 = page.getByRole('heading', { level: 1 });
    const size = () => h1.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    const toggle = page.locator('button[aria-pressed]').filter({ hasText: 'Крупный текст' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await size()).toBeCloseTo(before * 1.3, 0);
  });

  it('reads each screen aloud in the chosen language, repeats on demand, and says when no voice exists', async () => {
    const { page, context } = await env.page(PORTRAIT);
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      const voices = [{ lang: 'en-US', name: 'English', localService: true }, { lang: 'ru-RU', name: 'Russian', localService: true }];
      Object.assign(window, { __spoken: spoken });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: class { rate = 1; lang = ''; voice: unknown = null; constructor(public text: string) {} } });
      Object.defineProperty(window, 'speechSynthesis', {
        value: { getVoices: () => voices, speak: (u: { text: string; lang: string }) => spoken.push({ text: u.text, lang: u.lang }), cancel() {}, addEventListener() {}, removeEventListener() {} },
      });
    });
    await page.goto(`/kiosk/?token=${KIOSK_TOKEN}`);
    const spoken = () => page.evaluate(() => (window as any).__spoken.map((s: any) => `${s.lang}:${s.text}`) as string[]);
    await button(page, 'English').click();
    await page.locator('button[aria-pressed]').filter({ hasText: 'Read aloud' }).click();
    await expect.poll(spoken).toEqual(expect.arrayContaining(['en-US:Choose a service', 'en-US:Passport', 'en-US:Priority lane']));
    const count = (await spoken()).length;
    await button(page, 'Repeat').click();
    await expect.poll(async () => (await spoken()).length).toBe(count * 2);
    // Vietnamese has no voice here: the kiosk says so instead of mumbling it with another voice.
    await button(page, 'Start over').click();
    await button(page, 'Tiếng Việt').click();
    await page.locator('button[aria-pressed]').filter({ hasText: 'Đọc to' }).click();
    await page.getByText('Chưa có giọng đọc cho ngôn ngữ này.').waitFor();
  });
});

describe('kiosk: timeouts', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv();
    await staffCounters(env, [{ id: '1', login: 'op1' }]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('the ticket screen counts down visibly, can be extended, and returns to the start', async () => {
    const page = await openKiosk(env, { clock: true });
    await takeTicket(page, 'Passport');
    const timer = page.getByRole('timer');
    expect(await timer.innerText()).toMatch(/^Returning to the start in \d+ s$/);
    // The fake clock still follows real time between steps, so compare, do not pin, the seconds.
    const seconds = async () => Number(/(\d+) s$/.exec(await timer.innerText())?.[1]);
    const first = await seconds();
    expect(first).toBeGreaterThanOrEqual(18);
    await page.clock.runFor(5_000);
    await expect.poll(seconds).toBeLessThanOrEqual(first - 5);
    const before = await seconds();
    await button(page, 'More time').click();
    await expect.poll(seconds).toBeGreaterThanOrEqual(before + 19);
    await page.clock.runFor(45_000);
    await page.locator('.language-screen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
  });

  it('other screens warn before going back when idle, and the visitor can stay', async () => {
    const page = await openKiosk(env, { clock: true });
    await button(page, 'English').click();
    await page.locator('.services-screen').waitFor();
    await page.clock.runFor(61_000);
    const dialog = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await dialog.waitFor();
    await expectNoSeriousA11yIssues(page, 'idle warning');
    await button(page, 'Yes, more time').click();
    await dialog.waitFor({ state: 'detached' });
    await page.clock.runFor(61_000);
    await dialog.waitFor();
    await page.clock.runFor(21_000);
    await page.locator('.language-screen').waitFor();
  });
});

describe('kiosk: pairing', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv();
    await staffCounters(env, [{ id: '1', login: 'op1' }]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  async function typeCode(page: Page, code: string) {
    for (const d of code) await page.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
    await button(page, 'Подключить').click();
  }

  it('an unpaired kiosk asks for the code an admin created, with an on-screen keypad', async () => {
    const admin = await env.server.login('admin');
    const created = await env.server.call('POST', '/api/admin/devices', { token: admin, body: { id: 'kiosk-2', kind: 'kiosk', name: 'Kiosk 2' } });
    const code: string = created.body.pairing.code;
    const { page } = await env.page(PORTRAIT);
    await page.goto('/kiosk/');
    await page.getByRole('heading', { name: 'Подключение терминала' }).waitFor();
    await page.getByText('Администратор добавляет его').waitFor();
    await expectNoSeriousA11yIssues(page, 'pairing');

    await typeCode(page, code === '000000' ? '111111' : '000000');
    await page.getByText('Код неизвестен или устарел').waitFor();

    await typeCode(page, code);
    await page.locator('.language-screen').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('qms.kiosk.token'))).toBeTruthy();
    expect(await takeTicket(page, 'Property')).toBe('B001');
    const devices = await env.server.call('GET', '/api/admin/devices', { token: admin });
    expect(devices.body.find((d: any) => d.id === 'kiosk-2')).toMatchObject({ paired: true });
  });

  it('a kiosk whose token the server refuses shows the pairing screen, not the catalogue', async () => {
    const { page } = await env.page(PORTRAIT);
    await page.goto('/kiosk/?token=revoked-or-unknown');
    await page.getByRole('heading', { name: 'Подключение терминала' }).waitFor();
    await page.getByText('Сервер отключил этот терминал').waitFor();
  });
});

describe('kiosk: the phone status page', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('shows the ticket in its language on a phone, switches language, and follows the call on its own', async () => {
    const issued = await env.server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'benefits', language: 'en' } });
    const id: string = issued.body.ticket.id;
    const { page } = await env.page(PHONE);
    await page.clock.install();
    await page.goto(`/kiosk/t/${id}?lang=en`);
    await expect.poll(() => page.getByTestId('status-number').innerText()).toBe('C001');
    await page.getByText('Test center c1').waitFor();
    await page.getByText('Benefits').waitFor();
    await page.getByText('You are next in line').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousA11yIssues(page, 'phone status');

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByText('Вы следующий в очереди').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');

    const sup = await env.server.login('super');
    expect((await env.server.call('POST', '/api/counters/4/claim', { token: sup })).status).toBe(200);
    expect((await env.server.call('POST', '/api/counters/4/call-next', { token: sup })).status).toBe(200);
    await page.clock.runFor(15_000);
    await page.getByText('Пройдите к окну 4').waitFor();
    await expectNoSeriousA11yIssues(page, 'phone called');
  });

  it('says plainly when the ticket does not exist', async () => {
    const { page } = await env.page(PHONE);
    await page.goto('/kiosk/t/no-such-ticket?lang=en');
    await page.getByRole('alert').getByText('We could not find this ticket').waitFor();
  });
});

/** 26 services: the most the configuration allows (one unique capital letter prefix each). */
function center26() {
  const base = testCenter();
  const topics = ['Passports', 'Property', 'Family', 'Transport', 'Business', 'Health', 'Land', 'Tax', 'Social'];
  const extra = 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((prefix, i) => ({
    id: `svc-${prefix.toLowerCase()}`,
    prefix,
    category: topics[i % topics.length]!,
    names: { en: `${topics[i % topics.length]} service ${prefix}`, ru: `Услуга ${prefix}`, vi: i === 5 ? 'Đăng ký hộ tịch' : `Thủ tục ${prefix}` },
  }));
  const services = base.services.map((s, i) => ({ ...s, category: topics[i]! }));
  // A counter that can be switched to every extra service: a ticket is issued only for a service some counter can serve (I5).
  const counters = [...(base.counters ?? []), { id: '5', number: '5', services: [{ serviceId: extra[0]!.id, role: 'primary' as const }], canServe: extra.map((e) => e.id) }];
  // Topic and center names per language for some; the rest keep their single label (old files).
  const categories = [{ id: 'Transport', names: { en: 'Transport', ru: 'Транспорт', vi: 'Giao thông' } }];
  const center = { ...base.center, names: { ru: 'Тестовый центр', vi: 'Trung tâm thử nghiệm' } };
  return { ...base, center, services: [...services, ...extra], counters, categories };
}

describe('kiosk: large catalogues', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv({ config: center26() });
    await staffCounters(env, [{ id: '5', login: 'super' }]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('26 services: categories first, then a category, then a ticket', async () => {
    const page = await openKiosk(env);
    await button(page, 'English').click();
    await page.getByRole('heading', { name: 'Choose a topic, or search' }).waitFor();
    expect(await page.locator('.options.topics > li').count()).toBe(9);
    await expectNoSeriousA11yIssues(page, 'categories');
    await button(page, /^Transport/).click();
    await page.getByRole('heading', { name: 'Transport' }).waitFor();
    expect(await page.locator('.options.services > li').count()).toBe(3);
    await button(page, /^Transport service Y/).click();
    await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe('Y001');
  });

  it('topics and the center name in the visitor\'s language where configured, the single label where not', async () => {
    const page = await openKiosk(env);
    await button(page, 'Русский').click();
    await page.locator('.center-name').filter({ hasText: 'Тестовый центр' }).waitFor();
    await button(page, /^Транспорт/).click();
    await page.getByRole('heading', { name: 'Транспорт' }).waitFor();
    await button(page, 'Назад').click();
    // "Family" has no names: it shows as configured.
    await button(page, /^Family/).waitFor();
    await button(page, 'В начало').click();
    await button(page, 'English').click();
    // No English center name configured: the one configured name.
    await page.locator('.center-name').filter({ hasText: 'Test center c1' }).waitFor();
  });

  it('150 services in 10 categories: the search finds names in the chosen language, without accents, from the on-screen keyboard', async () => {
    const page = await openKiosk(env);
    const real = (await env.server.call('GET', '/api/services')).body;
    const topics = ['Civil status', 'Property', 'Family', 'Transport', 'Business', 'Health', 'Land', 'Tax', 'Social', 'Education'];
    const many = Array.from({ length: 147 }, (_, i) => ({
      id: `fake-${i}`,
      prefix: 'Z',
      category: topics[i % 10],
      serviceTimeMin: 10,
      names: { en: `${topics[i % 10]} certificate ${i}`, vi: i === 137 ? 'Trích lục hộ tịch' : `Giấy tờ số ${i}`, ru: `Справка ${i}` },
    }));
    const services = [...real.services.filter((s: any) => ['passport', 'property', 'benefits'].includes(s.id)), ...many];
    await page.route('**/api/services', (route) => route.fulfill({ json: { ...real, services } }));
    await page.reload();
    await button(page, 'Tiếng Việt').click();
    expect(await page.locator('.options.topics > li').count()).toBe(11); // the 10 above, and the real passport service's own
    await page.getByRole('searchbox').click();
    for (const key of 'ho tich') await page.locator('.keyboard').getByRole('button', { name: key === ' ' ? 'Dấu cách' : key, exact: true }).click();
    await page.getByText('Tìm thấy: 1').waitFor();
    expect(await page.locator('.options.services button').allInnerTexts()).toEqual([expect.stringContaining('Trích lục hộ tịch')]);
    await expectNoSeriousA11yIssues(page, 'search results');

    // Browsing a category of 15: the list scrolls, and its last item is reachable.
    await button(page, 'Xóa').click();
    await button(page, 'Ẩn bàn phím').click();
    await button(page, /^Property/).click();
    const scroll = page.locator('.scroll');
    expect(await scroll.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto')).toBe(true);
    await page.getByRole('button', { name: /Giấy tờ số 141/ }).scrollIntoViewIfNeeded();
    expect(await scroll.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });
});

describe('kiosk: server restarts', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv();
    await staffCounters(env, [{ id: '1', login: 'op1' }]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('shows an offline banner and a plain error while the server is down, and recovers by itself', async () => {
    const page = await openKiosk(env);
    await button(page, 'English').click();
    const port = Number(new URL(env.server.url).port);
    await env.server.app.close();
    await button(page, /^Passport/).click();
    await page.getByRole('alert').getByText('No connection to the server: your ticket was not issued. Please try again or ask staff.').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('could not print');
    expect(await page.getByTestId('ticket-number').count()).toBe(0);
    await page.getByText('No connection to the server. Trying again…').waitFor();

    const again = await startServer({ dir: env.server.dir, port, rootDir: ROOT });
    try {
      await page.getByText('No connection to the server. Trying again…').waitFor({ state: 'detached', timeout: 15_000 });
      await button(page, 'Try again').click();
      await expect.poll(() => page.getByTestId('ticket-number').innerText()).toBe('A001');
    } finally {
      await again.stop();
    }
  });
});
