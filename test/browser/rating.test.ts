/**
 * Issue 14 §3 across the apps, in real Chromium against the real server: a visitor rates their
 * visit on the ticket's phone page (360×640) with a complaint; a supervisor answers it (Russian)
 * or closes it with a note (English) in the counter app's Complaints view; the phone shows the
 * center's word live, without a reload. An admin adds a rating terminal for counter 1 in
 * Settings → Devices and pairs it; it offers the visit counter 1 just finished, in the ticket's
 * language, and its rating goes to the operator who served. The Reports screen's Satisfaction card
 * shows the index of what was given. Each screen is checked with axe; screenshots go to /tmp.
 * Tests share one server and run in order; each asserts what the server holds, not only the page.
 */
import type { CenterConfigInput } from '@qms/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';
import { spills } from './fit.js';
import { collectText, languageJudge } from './language-check.js';

const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 1024, height: 768 };

function config(): CenterConfigInput {
  const cfg = testCenter();
  cfg.center.names = { ru: 'Тестовый центр', en: 'Test center', vi: 'Trung tâm thử nghiệm', uz: 'Sinov markazi' };
  cfg.services[0]!.names = { ru: 'Паспорт', en: 'Passport', vi: 'Hộ chiếu', uz: 'Pasport' };
  cfg.services[1]!.names = { ru: 'Недвижимость', en: 'Property', vi: 'Nhà đất', uz: 'Koʻchmas mulk' };
  cfg.services[2]!.names = { ru: 'Пособия', en: 'Benefits', vi: 'Trợ cấp', uz: 'Nafaqalar' };
  return cfg;
}

const CONFIG = config();
let env: BrowserEnv;
let op1: string;

beforeAll(async () => {
  env = await browserEnv({ config: CONFIG });
  op1 = await env.server.login('op1');
  expect((await env.server.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
});
afterAll(async () => {
  await env?.stop();
});

/** A visit at counter 1: issued at the kiosk in `language`, called and completed by op1. */
async function visit(language: string): Promise<{ id: string; number: string }> {
  const issued = await env.server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport', language } });
  expect(issued.status).toBe(201);
  env.server.clock.advance(3 * 60_000);
  expect((await env.server.call('POST', '/api/counters/1/call-next', { token: op1 })).body.ticket.id).toBe(issued.body.ticket.id);
  env.server.clock.advance(4 * 60_000);
  expect((await env.server.call('POST', '/api/counters/1/complete', { token: op1 })).status).toBe(200);
  return { id: issued.body.ticket.id, number: issued.body.ticket.number };
}

const rating = (ticketId: string) => env.server.db.prepare('SELECT * FROM ratings WHERE ticket_id = ?').get(ticketId) as Record<string, unknown> | undefined;

async function phone(ticketId: string, lang: string): Promise<Page> {
  const { page } = await env.page(PHONE);
  page.setDefaultTimeout(10_000);
  await page.goto(`/kiosk/t/${ticketId}?lang=${lang}`);
  return page;
}

async function staff(login: string, lang: string, size = LAPTOP): Promise<Page> {
  const { page } = await env.page(size);
  page.setDefaultTimeout(10_000);
  await page.addInitScript((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await page.goto('/counter/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return page;
}

/** Nothing runs off the side of a 360-pixel phone. */
async function expectNoSideways(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

async function expectClean(page: Page, what: string, lang?: 'ru' | 'en' | 'vi' | 'uz', typed: string[] = []): Promise<void> {
  expect(await axeSerious(page), `${what}: axe`).toEqual([]);
  if (lang) expect(languageJudge(lang, CONFIG, typed).problems(await page.evaluate(collectText, lang)), `${what}: language`).toEqual([]);
  expect(await spills(page), `${what}: spills`).toEqual([]);
}

/** A score as a visitor gives it: a touch on its label (the radio inside is visually hidden); the radio's accessible name is checked. */
async function score(page: Page, group: RegExp, name: string): Promise<void> {
  const radio = page.getByTestId('rating-form').getByRole('group', { name: group }).getByRole('radio', { name });
  await radio.locator('..').click();
  await expect(radio.isChecked()).resolves.toBe(true);
}

const RU_COMMENT = 'Долго ждал, никто не объяснил, какие нужны документы';
const RU_ANSWER = 'Приносим извинения: у окна теперь есть список документов.';
const EN_COMMENT = 'The hall was cold and the screen did not show my number';
const EN_NOTE = 'The heating has been repaired; the screen is fixed.';

describe('rating on the phone page, complaints answered in the counter app', () => {
  it('in Russian: the visitor rates with a complaint (a comment is asked for first), the supervisor answers it, the phone shows the answer live', async () => {
    const { id, number } = await visit('ru');
    const page = await phone(id, 'ru');
    const form = page.getByTestId('rating-form');
    await form.waitFor();
    await expect(page.getByRole('heading', { name: 'Оцените визит' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/rating-phone-form-ru.png', fullPage: true });
    await expectNoSideways(page);
    await expectClean(page, 'rating form (ru)', 'ru');

    // The overall score by touch; the waiting time by keyboard, as any radio group.
    await score(page, /Общая оценка/, '2 Плохо');
    const waiting = form.getByRole('group', { name: /Время ожидания/ });
    await waiting.getByRole('radio', { name: '1 Очень плохо' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(waiting.getByRole('radio', { name: '2 Плохо' }).isChecked()).resolves.toBe(true);
    await form.getByRole('checkbox', { name: /Это жалоба/ }).check();
    await page.getByTestId('rating-send').click();
    await expect(page.getByTestId('rating-problem').innerText()).resolves.toBe('Для жалобы нужен комментарий: напишите, что пошло не так.');
    expect(rating(id)).toBeUndefined();

    await page.getByTestId('rating-comment').fill(RU_COMMENT);
    await page.getByTestId('rating-send').click();
    await page.getByTestId('complaint-received').waitFor();
    await expect(page.getByTestId('complaint-received').innerText()).resolves.toBe('Ваша жалоба получена. Ответ появится здесь.');
    expect(rating(id)).toMatchObject({ overall: 2, waiting: 2, courtesy: null, comment: RU_COMMENT, complaint: 1, complaint_status: 'open', language: 'ru', operator: 'op1', counter_id: '1', channel: 'phone' });
    await page.screenshot({ path: '/tmp/rating-phone-complaint-ru.png', fullPage: true });
    await expectNoSideways(page);
    await expectClean(page, 'complaint received (ru)', 'ru', [RU_COMMENT]);

    // The supervisor: the badge says one waits; the Complaints view shows it with the ticket's facts.
    const sup = await staff('super', 'ru');
    const tab = sup.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: /Жалобы/ });
    await tab.getByTestId('complaints-badge').waitFor();
    await expect(tab.getByTestId('complaints-badge').locator('[aria-hidden=true]').innerText()).resolves.toBe('1');
    await expect(tab.getAttribute('aria-current')).resolves.toBeNull();
    await tab.click();
    const card = sup.locator(`[data-testid=complaint][data-ticket="${id}"]`);
    await card.waitFor();
    await expect(card.getByRole('heading').innerText()).resolves.toBe(`Талон ${number}`);
    const facts = await card.locator('.complaint-facts').innerText();
    expect(facts).toContain('Паспорт');
    expect(facts).toContain('Operator 1');
    expect(facts).toContain('3 мин');
    await expect(card.locator('blockquote').innerText()).resolves.toBe(RU_COMMENT);
    await sup.screenshot({ path: '/tmp/rating-complaints-ru.png', fullPage: true });
    await expectClean(sup, 'Complaints view (ru)', 'ru', [RU_COMMENT]);

    await card.getByTestId('complaint-text').fill(RU_ANSWER);
    await card.getByTestId('complaint-send').click();
    await card.getByTestId('complaint-answer').waitFor();
    expect(rating(id)).toMatchObject({ complaint_status: 'answered', answer: RU_ANSWER, answered_by: 'super' });
    await expect.poll(() => tab.getByTestId('complaints-badge').count()).toBe(0);

    // The phone, never reloaded, shows the answer with its date.
    const answer = page.getByTestId('complaint-answer');
    await answer.waitFor();
    await expect(answer.innerText()).resolves.toContain(RU_ANSWER);
    await expect(answer.getByRole('heading').innerText()).resolves.toMatch(/^Ответ центра, 2 марта/);
    await page.screenshot({ path: '/tmp/rating-phone-answer-ru.png', fullPage: true });
    await expectNoSideways(page);
    await expectClean(page, 'answer shown (ru)', 'ru', [RU_COMMENT, RU_ANSWER]);
  });

  it('in English: a complaint closed with a note reaches the phone as the center\'s last word; the answered one closes too, and a closed one offers nothing more', async () => {
    const { id } = await visit('en');
    const page = await phone(id, 'en');
    const form = page.getByTestId('rating-form');
    await form.waitFor();
    await score(page, /Overall/, '1 Very poor');
    await score(page, /Comfort of the hall/, '1 Very poor');
    await page.getByTestId('rating-comment').fill(`${EN_COMMENT}.\nPlease look into it.`);
    await form.getByRole('checkbox', { name: /This is a complaint/ }).check();
    await page.screenshot({ path: '/tmp/rating-phone-form-en.png', fullPage: true });
    await page.getByTestId('rating-send').click();
    await page.getByTestId('complaint-received').waitFor();
    // Its lines joined: the server keeps a comment on one line.
    expect(rating(id)).toMatchObject({ overall: 1, comfort: 1, comment: `${EN_COMMENT}. Please look into it.`, complaint: 1, language: 'en' });
    await expectClean(page, 'complaint received (en)', 'en', [`${EN_COMMENT}. Please look into it.`]);

    const sup = await staff('super', 'en');
    await sup.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Complaints/ }).click();
    const card = sup.locator(`[data-testid=complaint][data-ticket="${id}"]`);
    await card.waitFor();
    await card.getByTestId('complaint-text').fill(EN_NOTE);
    await card.getByTestId('complaint-close').click();
    // It stays in view as it is now, closed, with nothing more to do; under "Closed" too.
    await sup.locator(`[data-testid=complaint][data-ticket="${id}"][data-status=closed]`).waitFor();
    await expect(card.getByTestId('complaint-text').count()).resolves.toBe(0);
    await sup.getByTestId('complaints-filter').getByRole('button', { name: 'Closed' }).click();
    const closed = sup.locator(`[data-testid=complaint][data-ticket="${id}"]`);
    await closed.getByTestId('complaint-answer').waitFor();
    await expect(closed.getByTestId('complaint-answer').innerText()).resolves.toContain('Closed by Supervisor, ');
    await expect(closed.getByTestId('complaint-text').count()).resolves.toBe(0);
    expect(rating(id)).toMatchObject({ complaint_status: 'closed', answer: EN_NOTE });

    const last = page.getByTestId('complaint-answer');
    await last.waitFor();
    await expect(last.getByRole('heading').innerText()).resolves.toMatch(/^Complaint closed, March 2/);
    await expect(last.innerText()).resolves.toContain(EN_NOTE);
    await page.screenshot({ path: '/tmp/rating-phone-closed-en.png', fullPage: true });
    await expectNoSideways(page);
    await expectClean(page, 'closed shown (en)', 'en', [`${EN_COMMENT}. Please look into it.`, EN_NOTE]);

    // The Russian complaint, answered before, is closed keeping its answer as the last word.
    await sup.getByTestId('complaints-filter').getByRole('button', { name: 'Answered' }).click();
    const answered = sup.locator('[data-testid=complaint][data-status=answered]').first();
    await answered.getByTestId('complaint-close').click();
    await answered.waitFor({ state: 'detached' });
    expect((env.server.db.prepare("SELECT answer FROM ratings WHERE language = 'ru'").get() as { answer: string }).answer).toBe(RU_ANSWER);
    await sup.getByTestId('complaints-filter').getByRole('button', { name: 'All' }).click();
    await expect.poll(() => sup.locator('[data-testid=complaint]').count()).toBe(2);
    await sup.screenshot({ path: '/tmp/rating-complaints-en.png', fullPage: true });
    await expectClean(sup, 'Complaints view (en)', 'en', [`${EN_COMMENT}. Please look into it.`, EN_NOTE, RU_COMMENT, RU_ANSWER]);
  });
});

describe('the rating form in Vietnamese and Uzbek', () => {
  it.each(['vi', 'uz'] as const)('%s: fits a 360-pixel phone, in its own words, and sends', async (lang) => {
    const { id } = await visit(lang);
    const page = await phone(id, lang);
    await page.getByTestId('rating-form').waitFor();
    await page.screenshot({ path: `/tmp/rating-phone-form-${lang}.png`, fullPage: true });
    await expectNoSideways(page);
    await expectClean(page, `rating form (${lang})`, lang);
    await page.getByTestId('score-overall').locator('label.score').nth(4).click();
    await page.getByTestId('rating-send').click();
    await page.getByTestId('rating-given').waitFor();
    expect(rating(id)).toMatchObject({ overall: 5, language: lang, complaint: 0 });
    await expectNoSideways(page);
    await expectClean(page, `rating given (${lang})`, lang);
  });
});

describe('the rating terminal at counter 1', () => {
  it('is added and paired from Settings, waits in the center\'s language, offers the visit just finished in the visitor\'s, and rates it for op1', async () => {
    const admin = await staff('admin', 'en');
    await admin.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    await admin.getByRole('button', { name: 'Devices' }).click();
    const add = admin.getByTestId('add-device');
    await add.getByTestId('device-kind-rating').check();
    await add.getByTestId('device-id').fill('rate-1');
    await add.getByTestId('device-name').fill('Rating at counter 1');
    await add.getByTestId('device-add').click();
    await expect(add.getByRole('alert').innerText()).resolves.toContain('Choose the counter the rating terminal stands at.');
    await add.getByTestId('device-counter').selectOption('1');
    await add.getByTestId('device-add').click();
    const code = (await admin.getByTestId('pairing-code').innerText()).replace(/\s/g, '');
    await expect.poll(() => admin.getByTestId('pairing').innerText()).toContain('/kiosk/rate/');

    const { page } = await env.page(TABLET);
    page.setDefaultTimeout(10_000);
    await page.goto('/kiosk/rate/');
    await page.getByTestId('terminal-code').fill(code);
    await page.getByRole('button', { name: 'Pair' }).click();
    // Idle, in the center's language (Russian).
    await page.getByRole('heading', { name: 'Пожалуйста, оцените нашу работу после визита' }).waitFor();
    await expect(page.locator('.terminal-counter').innerText()).resolves.toBe('Окно 1');
    await page.screenshot({ path: '/tmp/rating-terminal-idle-ru.png' });
    await expectClean(page, 'terminal idle (ru)', 'ru');

    const { id, number } = await visit('en');
    await page.getByRole('heading', { name: `Ticket ${number}: how was your visit?` }).waitFor();
    await page.screenshot({ path: '/tmp/rating-terminal-ask-en.png' });
    await expectClean(page, 'terminal asking (en)', 'en');
    await page.getByTestId('face-4').click();
    await page.getByRole('heading', { name: 'Thank you! Anything more? (optional)' }).waitFor();
    await page.getByRole('group', { name: 'Courtesy of the staff' }).getByRole('button', { name: 'Excellent' }).click();
    await expect(page.getByTestId('more-courtesy-5').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.screenshot({ path: '/tmp/rating-terminal-more-en.png' });
    await expectClean(page, 'terminal criteria (en)', 'en');
    await page.getByTestId('terminal-send').click();
    await page.getByRole('heading', { name: 'Thank you for your rating!' }).waitFor();
    await page.screenshot({ path: '/tmp/rating-terminal-thanks-en.png' });
    expect(rating(id)).toMatchObject({ overall: 4, courtesy: 5, channel: 'terminal', operator: 'op1', counter_id: '1', language: 'en', complaint: 0 });

    // The visitor's phone shows the terminal's rating as theirs.
    const ph = await phone(id, 'en');
    await ph.getByTestId('rating-given').waitFor();
    await expect(ph.getByTestId('rating-given').innerText()).resolves.toContain('Thank you for your rating!');
    await ph.screenshot({ path: '/tmp/rating-phone-given-en.png', fullPage: true });
    await expectClean(ph, 'rating given (en)', 'en');
  });
});

describe('the Satisfaction card of Reports', () => {
  it('shows the index and the means of what was rated today, by service and by operator', async () => {
    const sup = await staff('super', 'en');
    await sup.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reports' }).click();
    const card = sup.getByTestId('satisfaction');
    await card.getByTestId('satisfaction-index').waitFor();
    // Five ratings: 2 and 1 (the complaints), 5 and 5 (Vietnamese, Uzbek) and the terminal's 4: three in five satisfied.
    await expect(card.getByTestId('satisfaction-index').innerText()).resolves.toBe('60%');
    await expect(card.getByTestId('satisfaction-complaints').innerText()).resolves.toBe('2');
    const overall = await card.locator('.mean[data-criterion=overall] .mean-value').innerText();
    expect(overall).toBe('3.40');
    await expect(card.locator('[data-testid=satisfaction-row][data-key=passport] th').innerText()).resolves.toBe('Passport');
    await card.getByTestId('satisfaction-group').selectOption('operator');
    await card.locator('[data-testid=satisfaction-row][data-key=op1]').waitFor();
    await expect(card.locator('[data-testid=satisfaction-row][data-key=op1] th').innerText()).resolves.toBe('Operator 1');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: '/tmp/rating-satisfaction-en.png' });
    await expectClean(sup, 'Reports with the Satisfaction card (en)', 'en');
  });
});
