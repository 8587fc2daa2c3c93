/**
 * `npm run screenshots`: the README's pictures, taken from the real apps in Debian's Chromium on
 * the demo center (two weeks of its simulated history for Reports), with a few visitors waiting
 * and called. Writes docs/screenshots/*.png; run after `npm run build`. Look at them before
 * committing: they are what a newcomer sees first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoCenter, DEMO_CREDENTIALS } from '../../server/src/demo/center.js';
import { generateHistory } from '../../server/src/demo/history.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { assertBuilt, launch, ROOT } from '../browser/harness.js';
import { startServer, T0 } from '../helpers/server.js';

const OUT = resolve(ROOT, 'docs/screenshots');
const only = process.argv.slice(2);

assertBuilt();
const dir = mkdtempSync(join(tmpdir(), 'qms-shots-'));
const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
const configs = new ConfigStore(db);
configs.write(demoCenter());
// The test clock: Monday 2 March 2026, 10:00 in Moscow (14:00 in the demo's Vietnam).
generateHistory(db, configs.read('demo')!, 14, T0);
db.close();
const server = await startServer({ dir, rootDir: ROOT, config: demoCenter() });
const browser = await launch();
const kiosk = DEMO_CREDENTIALS.kioskToken;

async function page(width: number, height: number, lang?: { key: string; value: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: server.url, timezoneId: 'Asia/Ho_Chi_Minh' });
  const p = await context.newPage();
  if (lang) await p.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [lang.key, lang.value]);
  return p;
}
const shot = async (p: Page, name: string) => {
  if (only.length && !only.includes(name)) return;
  await p.evaluate(() => document.fonts.ready);
  await p.waitForTimeout(400);
  await p.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};
const issue = async (serviceId: string, extra: object = {}) => {
  const res = await server.call('POST', '/api/tickets', { token: kiosk, body: { serviceId, language: 'vi', ...extra } });
  if (res.status !== 201) throw new Error(`issue ${serviceId}: ${JSON.stringify(res.body)}`);
};

// A morning in the hall: two operators at work, visitors waiting in several services.
const ops: Record<string, string> = {};
for (const [login, counter] of [['op1', '1'], ['op4', '4'], ['op9', '9'], ['op12', '12']] as const) {
  ops[login] = await server.login(login, DEMO_CREDENTIALS.operatorPassword);
  await server.call('POST', `/api/counters/${counter}/claim`, { token: ops[login], body: {} });
}
for (const s of ['justice', 'justice', 'land', 'transport', 'justice', 'labour', 'transport', 'justice', 'land', 'business']) await issue(s);
await issue('justice', { lane: 'priority', categoryId: 'disability' });
for (const [login, counter] of [['op4', '4'], ['op9', '9'], ['op12', '12']] as const) await server.call('POST', `/api/counters/${counter}/call-next`, { token: ops[login], body: {} });
server.clock.advance(3 * 60_000);

// Kiosk, portrait, English.
{
  const p = await page(1080, 1920);
  await p.goto(`/kiosk/?token=${kiosk}`);
  await p.getByRole('button', { name: 'English', exact: true }).click();
  await p.locator('.services-screen').waitFor();
  await shot(p, 'kiosk-services-portrait');
}
// Counter: op1 in English with a called ticket.
{
  const p = await page(1366, 768, { key: 'qms.counter.lang', value: 'en' });
  await p.goto('/counter/');
  await p.getByTestId('login-user').fill('op1');
  await p.getByTestId('login-password').fill(DEMO_CREDENTIALS.operatorPassword);
  await p.getByTestId('login-submit').click();
  await p.locator('[data-testid=picker], [data-testid=operator]').first().waitFor();
  if (await p.getByTestId('picker').isVisible()) await p.locator('[data-testid=pick-counter][data-counter="1"] [data-testid=take]').click();
  await p.getByTestId('operator').waitFor();
  await p.locator('.actions [data-action=call-next]').click();
  await p.getByTestId('current-number').waitFor();
  await shot(p, 'counter-operator');
}
// Supervisor: the Hall view, and Reports when the build has them.
{
  const p = await page(1366, 768, { key: 'qms.counter.lang', value: 'en' });
  await p.goto('/counter/');
  await p.getByTestId('login-user').fill(DEMO_CREDENTIALS.supervisor.login);
  await p.getByTestId('login-password').fill(DEMO_CREDENTIALS.supervisor.password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('supervisor').waitFor();
  await shot(p, 'counter-supervisor');
  const reports = await p.goto('/counter/reports');
  if (reports?.ok()) {
    await p.locator('[data-testid=reports]').waitFor({ timeout: 10_000 }).catch(() => {});
    await p.setViewportSize({ width: 1440, height: 900 });
    await shot(p, 'counter-reports');
    // What balancing saved over last month's days (the history's), scrolled to, in English and Russian.
    await p.locator('[data-preset=lastMonth]').click();
    await p.locator('[data-testid=balancing][data-state=ready]').waitFor({ timeout: 60_000 });
    await p.locator('[data-testid=chart-balancing] canvas').first().waitFor();
    for (const [lang, name] of [['en', 'counter-reports-balancing'], ['ru', 'counter-reports-balancing-ru']] as const) {
      await p.getByTestId('language').selectOption(lang);
      await p.locator(`html[lang=${lang}]`).waitFor();
      await p.getByTestId('balancing').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(p, name);
    }
  }
  // Planning (issue 15): the reference city-mfc day advised (the demo's two weeks of history hold
  // two Mondays, on which the search finds little), from the figures down, then the steps.
  if (!only.length || only.some((n) => n.startsWith('counter-planning'))) {
    await p.getByTestId('language').selectOption('en');
    await p.getByRole('button', { name: 'Planning', exact: true }).click();
    await p.getByTestId('plan-source-file').check();
    await p.getByTestId('plan-file').setInputFiles(resolve(ROOT, '../shared/scenarios/city-mfc.json'));
    await p.getByTestId('plan-work-out').click();
    await p.locator('[data-testid=plan-result], [data-testid=plan-error]').first().waitFor({ timeout: 180_000 });
    if ((await p.getByTestId('plan-error').count()) > 0) throw new Error(`planning: ${await p.getByTestId('plan-error').innerText()}`);
    await p.setViewportSize({ width: 1366, height: 900 });
    await p.getByTestId('plan-figures').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(p, 'counter-planning');
    await p.getByTestId('plan-steps').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(p, 'counter-planning-steps');
  }
}
// Hall display, 1080p, with the calls above.
{
  const p = await page(1920, 1080);
  await p.goto(`/display/?token=${DEMO_CREDENTIALS.displayToken}`);
  await p.locator('.hall, [data-testid=hall]').first().waitFor({ timeout: 10_000 }).catch(() => {});
  await server.call('POST', '/api/counters/1/recall', { token: ops.op1!, body: {} }).catch(() => {});
  await shot(p, 'display-1080p');
}
// Issue 14 on a phone: the join page in Russian, then the remote ticket's page with its code for the kiosk.
{
  const p = await page(360, 740);
  await p.goto('/join/?lang=ru');
  const transport = p.getByRole('button', { name: /^Транспорт/ });
  await transport.waitFor();
  await shot(p, 'join-phone-ru');
  await transport.click();
  await p.getByRole('button', { name: 'Встать в очередь', exact: true }).click();
  await p.getByTestId('remote-not-here').waitFor();
  // The whole page: the code and its QR code are under the number.
  await p.setViewportSize({ width: 360, height: 1280 });
  await shot(p, 'phone-remote-ru');
}
// The supervisor's Complaints view (the demo history's ratings), in English.
{
  const p = await page(1366, 768, { key: 'qms.counter.lang', value: 'en' });
  await p.goto('/counter/');
  await p.getByTestId('login-user').fill(DEMO_CREDENTIALS.supervisor.login);
  await p.getByTestId('login-password').fill(DEMO_CREDENTIALS.supervisor.password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('supervisor').waitFor();
  await p.goto('/counter/complaints');
  await p.locator('[data-testid=complaint]').first().waitFor({ timeout: 10_000 });
  await shot(p, 'counter-complaints');
}
await browser.close();
await server.stop();
