/**
 * Issue 15, the Planning screen in real Chromium against the real server: a supervisor opens
 * Planning from the navigation, uploads a scenario file of a day at this center (its services and
 * counters, so the screen names them as the center does), works out the plan on the server's
 * planning thread, reads need against plan per hour (chart and table), the figures before and
 * after and the advised step ("Counter 3 learns Benefits"), tries the ticked step and sees the
 * simulated day, and downloads the advised day, which is a scenario file the server accepts. The
 * screen is judged in every language (no untranslated text, no missing key) and by axe; a
 * screenshot at 1366×900 is kept for a person to look at. An operator has no Planning.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '@qms/shared';
import { PASSWORD, testCenter } from '../helpers/center.js';
import { axeSerious, browserEnv, type BrowserEnv } from './harness.js';
import { spills } from './fit.js';
import { collectText, languageJudge, LANGS } from './language-check.js';

const SIZE = { width: 1366, height: 900 };
const FILE_NAME = 'c1-day.json';
const SHOTS = '/tmp/planning-shots';

/**
 * A day at the test center: benefits visitors pile up at counter 4 in the morning while counter 3
 * (property) has time to spare; the advisor trains counter 3 for benefits (checked with npm run advise).
 */
const DAY = {
  format: 'qms-scenario/1',
  name: 'c1-day',
  seed: 7,
  day: { open: '09:00', close: '15:00' },
  targetWaitMin: 15,
  services: [
    { id: 'passport', name: 'Passports', serviceTimeMin: { mean: 8, cv: 0.6 }, priorityShare: 0.1, arrivals: [{ from: '09:00', to: '15:00', perHour: 10 }] },
    { id: 'property', name: 'Property', serviceTimeMin: { mean: 10, cv: 0.7 }, priorityShare: 0.05, arrivals: [{ from: '09:00', to: '15:00', perHour: 3 }] },
    {
      id: 'benefits',
      name: 'Benefits',
      serviceTimeMin: { mean: 12, cv: 0.8 },
      priorityShare: 0.2,
      arrivals: [
        { from: '09:00', to: '12:00', perHour: 7 },
        { from: '12:00', to: '15:00', perHour: 4 },
      ],
    },
  ],
  counters: [
    { id: '1', serves: ['passport'], canServe: ['passport', 'property'], shifts: [{ from: '09:00', to: '15:00' }] },
    { id: '2', serves: ['passport', 'property'], shifts: [{ from: '09:00', to: '15:00' }] },
    { id: '3', serves: ['property'], shifts: [{ from: '09:00', to: '15:00' }] },
    { id: '4', serves: ['benefits'], canServe: ['benefits', 'passport'], shifts: [{ from: '09:00', to: '15:00' }] },
  ],
  noShowShare: 0.04,
  noShowCostMin: 1,
};

/** The test center with every name in every language, so the language judge has the center's words for each. */
const CONFIG = (() => {
  const c = testCenter();
  const names: Record<string, Record<Language, string>> = {
    passport: { ru: 'Паспорт', en: 'Passport', vi: 'Hộ chiếu', uz: 'Pasport' },
    property: { ru: 'Недвижимость', en: 'Property', vi: 'Bất động sản', uz: 'Koʻchmas mulk' },
    benefits: { ru: 'Пособия', en: 'Benefits', vi: 'Trợ cấp', uz: 'Nafaqalar' },
  };
  return {
    ...c,
    center: { ...c.center, names: { ru: 'Центр услуг', en: 'Service center', vi: 'Trung tâm dịch vụ', uz: 'Xizmatlar markazi' } },
    services: c.services.map((s) => ({ ...s, names: names[s.id]! })),
  };
})();

let env: BrowserEnv;
let page: Page;

beforeAll(async () => {
  env = await browserEnv({ config: CONFIG });
});
afterAll(async () => {
  await env?.stop();
});

async function logIn(login: string, lang: Language): Promise<Page> {
  const { page: p } = await env.page(SIZE);
  await p.goto('/counter/');
  await p.evaluate((l) => localStorage.setItem('qms.counter.lang', l), lang);
  await p.reload();
  await p.getByTestId('login-user').fill(login);
  await p.getByTestId('login-password').fill(PASSWORD);
  await p.getByTestId('login-submit').click();
  await p.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return p;
}

/** What the judge of languages.test.ts finds wrong on the page in `lang`, and the keys i18next missed. */
async function languageFaults(p: Page, lang: Language): Promise<string[]> {
  await p.getByTestId('language').selectOption(lang);
  await p.locator(`html[lang=${lang}]`).waitFor();
  const judge = languageJudge(lang, CONFIG, ['c1-day', FILE_NAME]);
  const shown = await p.evaluate(collectText, lang);
  const keys = await p.evaluate(() => (globalThis as { __missingKeys?: string[] }).__missingKeys ?? []);
  return [...judge.problems(shown), ...keys.map((k) => `missing key ${k}`), ...(await spills(p)).map((s) => `spills: ${s}`)];
}

describe('Planning', () => {
  it('a supervisor opens Planning, uploads a day, works out the plan and reads it', async () => {
    page = await logIn('super', 'en');
    await page.getByRole('button', { name: 'Planning' }).click();
    await page.getByTestId('planning').waitFor();
    expect(new URL(page.url()).pathname).toBe('/counter/planning');
    // History is the default source; the file is the other.
    expect(await page.getByTestId('plan-source-period').isChecked()).toBe(true);
    // The last eight weeks up to yesterday (the test clock's today is Monday 2 March 2026), Mondays.
    expect(await page.getByTestId('plan-from').inputValue()).toBe('2026-01-05');
    expect(await page.getByTestId('plan-to').inputValue()).toBe('2026-03-01');
    expect(await page.getByTestId('plan-weekday').inputValue()).toBe('mon');
    // The browser draws the fields in its own locale (this one's: 01/05/2026), so each date is also
    // spelled out in the screen's language.
    expect(await page.getByTestId('plan-from-spelled').innerText()).toBe('Monday, 5 January 2026');
    expect(await page.getByTestId('plan-to-spelled').innerText()).toBe('Sunday, 1 March 2026');
    await page.getByTestId('language').selectOption('vi');
    await page.locator('html[lang=vi]').waitFor();
    expect(await page.getByTestId('plan-from-spelled').innerText()).toBe('Thứ Hai, ngày 5 tháng 1 năm 2026');
    await page.getByTestId('language').selectOption('en');
    await page.locator('html[lang=en]').waitFor();
    // This server has no history: the fitter says so, and nothing else changes.
    await page.getByTestId('plan-work-out').click();
    expect(await page.getByTestId('plan-error').innerText()).toMatch(/^No plan could be worked out:\s+\S/);
    expect(await page.getByTestId('plan-result').count()).toBe(0);
    await page.getByTestId('plan-source-file').check();
    expect(await page.getByTestId('plan-work-out').isDisabled()).toBe(true);
    await page.getByTestId('plan-file').setInputFiles({ name: FILE_NAME, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(DAY)) });
    expect(await page.getByTestId('plan-file-summary').innerText()).toBe('c1-day: 4 counters, 3 services');
    await page.getByTestId('plan-work-out').click();
    expect(await page.getByTestId('plan-work-out').innerText()).toBe('Working out the plan…');
    await page.getByTestId('plan-result').waitFor({ timeout: 60_000 });

    // Need against plan: a chart (uPlot's canvas) and the table of the same hours, 09:00 to 14:00.
    expect(await page.locator('[data-testid=plan-need] canvas').count()).toBeGreaterThan(0);
    const hours = await page.locator('[data-testid=plan-need-table] tbody th').allInnerTexts();
    expect(hours).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00']);
    expect(await page.getByTestId('plan-need-summary').innerText()).toMatch(/^Short [\d.]+ counter-hours and over [\d.]+ counter-hours/);
    // The figures: four plans, three figures, each with its spread; and the share of the pooling gain.
    const figures = await page.locator('[data-testid=plan-figures] tbody tr').allInnerTexts();
    expect(figures).toHaveLength(3);
    expect(figures[0]).toMatch(/^Called within the target\t\d+(\.\d)?% \(\d+(\.\d)?%–\d+(\.\d)?%\)/);
    expect(await page.getByTestId('plan-gap').innerText()).toMatch(/^The advised plan captures \d+(\.\d)?% of what full pooling would gain \(the plan as it is: -?\d+(\.\d)?%\)\.$/);
    // The step, in the center's names, with its effect and the advisor's reason.
    const steps = page.getByTestId('plan-step');
    expect(await steps.count()).toBeGreaterThan(0);
    expect(await steps.first().locator('.planning-step-change').innerText()).toBe('Counter 3 learns Benefits');
    expect(await steps.first().innerText()).toMatch(/Within the target \d+(\.\d)?% → \d+(\.\d)?%; mean wait [\d.]+ min → [\d.]+ min/);
    // Worded in the viewer's language from the facts the advisor sends, with the center's names.
    expect(await steps.first().locator('.planning-step-reason').innerText()).toMatch(/^Why: Benefits visitors wait past 15 min (around \d\d:\d\d–\d\d:\d\d|through the day), when counter 3 is on shift with time to spare/);
  });

  it('tries the ticked step and sees the simulated day; downloads the advised day as a scenario file', async () => {
    await page.getByTestId('plan-try').click();
    await page.getByTestId('plan-tried').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=plan-tried] h3').innerText()).toBe('The day with the ticked changes (1)');
    const hours = await page.locator('[data-testid=plan-tried-hours] tbody tr').allInnerTexts();
    expect(hours.map((h) => h.split('\t')[0])).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00']);
    expect(hours[0]).toMatch(/^09:00\t[\d.]+\t[\d.]+ min$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-download').click()]);
    expect(download.suggestedFilename()).toBe('c1-day-advised.json');
    const advised = JSON.parse(await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8'));
    expect(advised.counters.find((c: { id: string }) => c.id === '3').canServe).toContain('benefits');
    // The server replays it as it is: a scenario file like any other.
    const sup = await env.server.login('super');
    const replay = await env.server.call('POST', '/api/planning/simulate', { token: sup, body: { centerId: 'c1', scenario: advised, seeds: 2 } });
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
  });

  it('speaks every language with no untranslated text, and has no serious accessibility fault', async () => {
    const faults: string[] = [];
    for (const lang of LANGS) faults.push(...(await languageFaults(page, lang)).map((f) => `[${lang}] ${f}`));
    expect(faults).toEqual([]);
    await page.getByTestId('language').selectOption('en');
    await page.locator('html[lang=en]').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    // For a person to look at (outside the repository): npm run screenshots keeps the README's.
    mkdirSync(SHOTS, { recursive: true });
    // The page scrolls inside the app's content area: one picture at the top, one at the steps.
    await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/planning-en-top.png` });
    await page.getByTestId('plan-steps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/planning-en-steps.png` });
    await page.getByTestId('language').selectOption('ru');
    await page.locator('html[lang=ru]').waitFor();
    await page.screenshot({ path: `${SHOTS}/planning-ru-steps.png` });
  });

  it('an unticked step is left out of the tried day; a bad file is refused saying what is wrong', async () => {
    await page.getByTestId('language').selectOption('en');
    await page.locator('html[lang=en]').waitFor();
    await page.getByTestId('plan-step-check').first().uncheck();
    await page.getByTestId('plan-try').click();
    await page.locator('[data-testid=plan-tried] h3', { hasText: 'The day as it is' }).waitFor({ timeout: 30_000 });
    const bad = { ...DAY, counters: DAY.counters.map((c) => (c.id === '2' ? { ...c, canServe: ['passport', 'property', 'pensions'] } : c)) };
    await page.getByTestId('plan-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByTestId('plan-work-out').click();
    expect(await page.getByTestId('plan-error').innerText()).toMatch(/^No plan could be worked out:\s+body\.source\.scenario is not a valid qms-scenario\/1 day: .*pensions/);
  });

  it('an operator has no Planning in the navigation, and the address alone does not show it', async () => {
    const op = await logIn('op1', 'en');
    expect(await op.getByRole('button', { name: 'Planning' }).count()).toBe(0);
    await op.goto('/counter/planning');
    await op.locator('[data-testid=picker]').waitFor();
    expect(await op.getByTestId('planning').count()).toBe(0);
  });
});
