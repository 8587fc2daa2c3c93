/**
 * The hall display in real Chromium against the real server: calls appear and are announced in
 * order, a zone hides other counters, and the page survives lost connections and a server
 * restart without a reload or a login. Waits for conditions, never for fixed times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { assertBuilt, axeSerious, browserEnv, launch, ROOT, type BrowserEnv } from './harness.js';

interface LogItem {
  text: string;
  status: string;
  outcome: string;
  started: number;
  ended: number;
}

/**
 * Headless Chromium has no voices (speak() fails at once), so some tests give the page a voice:
 * `timed` ends each utterance after 600 ms and records when it spoke and whether another was
 * still speaking; `silent` never reports the end, like the voices the safety timeout is for.
 */
type Voice = 'browser' | 'timed' | 'silent';

function fakeVoice(kind: 'timed' | 'silent'): void {
  const spoken: { text: string; lang: string; start: number; end?: number; overlapped: boolean }[] = [];
  let speaking = 0;
  (window as unknown as { spoken: typeof spoken }).spoken = spoken;
  const synth = {
    speak(u: SpeechSynthesisUtterance) {
      spoken.push({ text: u.text, lang: u.lang, start: Date.now(), overlapped: speaking > 0 });
      if (kind === 'silent' || u.text === '') return;
      const rec = spoken.at(-1)!;
      speaking++;
      setTimeout(() => {
        speaking--;
        rec.end = Date.now();
        u.onend?.(new SpeechSynthesisEvent('end', { utterance: u }));
      }, 600);
    },
    cancel() {},
    getVoices: () => [],
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
}

async function openDisplay(open: () => Promise<Page>, query = '', voice: Voice = 'browser'): Promise<Page> {
  const page = await open();
  if (voice !== 'browser') await page.addInitScript(fakeVoice, voice);
  await page.goto(`/display/?token=${DISPLAY_TOKEN}${query}`);
  await page.getByTestId('enable-sound-dialog').waitFor();
  return page;
}

async function enableSound(page: Page): Promise<void> {
  await page.getByTestId('enable-sound').click();
  await page.getByTestId('enable-sound-dialog').waitFor({ state: 'detached' });
}

async function readLog(page: Page): Promise<LogItem[]> {
  return page.$$eval('[data-testid=announcement-log] li', (items) =>
    items.map((li) => {
      const d = (li as HTMLElement).dataset;
      return { text: li.textContent ?? '', status: d.status ?? '', outcome: d.outcome ?? '', started: Number(d.started), ended: Number(d.ended) };
    }),
  );
}

/** Until `texts` are all in the log and done (spoken, or given up on by the safety timeout). */
async function announced(page: Page, texts: string[], timeout = 25_000): Promise<LogItem[]> {
  await page.waitForFunction(
    (want) => {
      const items = [...document.querySelectorAll<HTMLElement>('[data-testid=announcement-log] li')];
      const done = items.filter((li) => li.dataset.status === 'done').map((li) => li.textContent);
      const left = [...done];
      return want.every((w) => {
        const i = left.indexOf(w);
        if (i < 0) return false;
        left.splice(i, 1);
        return true;
      });
    },
    texts,
    { timeout },
  );
  return readLog(page);
}

async function nowCalling(page: Page, ticket: string, counter: string): Promise<void> {
  await page.locator(`[data-testid=now-calling][data-ticket="${ticket}"][data-counter="${counter}"]`).waitFor({ timeout: 20_000 });
}

async function issue(server: TestServer, serviceId: string, language?: string): Promise<string> {
  const res = await server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId, ...(language ? { language } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket.number;
}

const adminTokens = new WeakMap<TestServer, string>();

/**
 * A staff member at a counter: claims it once, then calls (finishing the previous visitor) and
 * recalls. A person holds one counter at a time: whatever else they hold is finished and closed first.
 */
async function staffAt(server: TestServer, login: string, counterId: string) {
  const admin = adminTokens.get(server) ?? adminTokens.set(server, await server.login('admin')).get(server)!;
  for (const c of (await server.call('GET', '/api/counters', { token: admin })).body) {
    // Their other counter, or this one left open by someone else in an earlier test.
    if (c.status === 'closed' || (c.staffLogin === login) === (c.id === counterId)) continue;
    if (c.currentTicketId) await server.call('POST', `/api/counters/${c.id}/complete`, { token: admin });
    expect((await server.call('POST', `/api/counters/${c.id}/release`, { token: admin })).status).toBe(200);
  }
  const token = await server.login(login);
  const act = (action: string) => server.call('POST', `/api/counters/${counterId}/${action}`, { token });
  const claimed = await act('claim');
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
  return {
    async callNext(): Promise<string> {
      await act('complete'); // nobody there yet is fine
      const res = await act('call-next');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.ticket.number;
    },
    async recall(): Promise<void> {
      const res = await act('recall');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
  };
}

const phrase = (ticket: string, counter: string) => `Талон ${ticket.slice(0, 1)} ${ticket.slice(1)}, окно ${counter}`;

/** A call at counter 1 and then one at counter 3; waits until the display shows and speaks counter 3's. */
async function callAtOneAndThree(server: TestServer, page: Page): Promise<{ here: string; elsewhere: string }> {
  const at1 = await staffAt(server, 'op1', '1');
  const at3 = await staffAt(server, 'super', '3');
  await issue(server, 'passport');
  await issue(server, 'property');
  const elsewhere = await at1.callNext();
  const here = await at3.callNext();
  await nowCalling(page, here, '3');
  await announced(page, [phrase(here, '3')]);
  return { here, elsewhere };
}

/** Announcements never overlap: each starts after the one before it has ended. */
function expectSequential(all: LogItem[]): void {
  const items = all.filter((i) => i.status === 'done');
  for (let i = 1; i < items.length; i++) expect(items[i]!.started).toBeGreaterThanOrEqual(items[i - 1]!.ended);
}

describe('hall display', () => {
  let env: BrowserEnv;
  const contexts: BrowserContext[] = [];
  // The server's CSP (script-src 'self') refuses the inline <script> axe is injected with.
  const open = async () => {
    const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: env.server.url, bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    env = await browserEnv();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await env?.stop();
  });

  it('asks once for sound with an accessible dialog, and the main screen passes axe', async () => {
    const page = await openDisplay(open);
    expect(await axeSerious(page)).toEqual([]);
    await enableSound(page);
    await page.locator('[data-testid=queue-loads] tbody tr').first().waitFor();
    expect(await axeSerious(page)).toEqual([]);
    // Remembered: a reload (the nightly one, a power cut) does not ask again.
    await page.reload();
    await page.locator('.hall').waitFor();
    expect(await page.getByTestId('enable-sound-dialog').count()).toBe(0);
  });

  it('shows a call made through the API with its counter, and announces it', async () => {
    const page = await openDisplay(open);
    await enableSound(page);
    const op1 = await staffAt(env.server, 'op1', '1');
    await issue(env.server, 'passport');
    const number = await op1.callNext();
    await nowCalling(page, number, '1');
    expect(await page.locator('[data-testid=now-calling].flash').count()).toBe(1);
    const log = await announced(page, [phrase(number, '1')]);
    expect(log.at(-1)).toMatchObject({ text: phrase(number, '1'), status: 'done' });
    expect(await page.getByTestId('announcement-live').textContent()).toBe(phrase(number, '1'));
    // Waiting and expected wait per service, from the server's loads.
    await expect.poll(() => page.locator('[data-testid=queue-loads] tbody tr').count()).toBe(3);
  });

  it('announces two quick calls in order, one after the other, and a recall again', async () => {
    const page = await openDisplay(open, '', 'timed');
    await enableSound(page);
    const at2 = await staffAt(env.server, 'super', '2');
    const at4 = await staffAt(env.server, 'admin', '4');
    await issue(env.server, 'passport');
    await issue(env.server, 'benefits', 'en');
    const first = await at2.callNext();
    const second = await at4.callNext();
    await nowCalling(page, second, '4');
    await page.locator(`[data-testid=recent-calls] li[data-ticket="${first}"][data-counter="2"]`).waitFor();

    // The center speaks Russian; the second visitor chose English at the kiosk.
    const texts = [phrase(first, '2'), phrase(second, '4'), `Ticket ${second.slice(0, 1)} ${second.slice(1)}, counter 4`];
    const log = (await announced(page, texts)).filter((i) => texts.includes(i.text));
    expect(log.map((i) => i.text)).toEqual(texts);
    expectSequential(log);

    await at4.recall();
    await page.locator('[data-testid=now-calling] .recall-badge').waitFor();
    const after = await announced(page, [...texts, ...texts.slice(1)]);
    expect(after.filter((i) => i.text === phrase(second, '4'))).toHaveLength(2);
    expect(after.filter((i) => i.text === texts[2])).toHaveLength(2);
    expectSequential(after);
    // What the voice itself saw: every utterance alone, and all of them said.
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string; overlapped: boolean }[] }).spoken.filter((s) => s.text !== ''));
    expect(spoken.map((s) => s.text)).toEqual([...texts, ...texts.slice(1)]);
    expect(spoken.map((s) => s.lang)).toEqual(['ru-RU', 'ru-RU', 'en-GB', 'ru-RU', 'en-GB']);
    expect(spoken.filter((s) => s.overlapped)).toEqual([]);
    expect(after.filter((i) => i.status === 'done').map((i) => i.outcome)).toContain('spoken');
    // The screen with calls, a recall badge and the queue passes axe too.
    expect(await axeSerious(page)).toEqual([]);
  });

  it('goes on when a voice never reports the end: the safety timeout closes each announcement', async () => {
    const page = await openDisplay(open, '', 'silent');
    await enableSound(page);
    const staff = await staffAt(env.server, 'super', '4');
    await issue(env.server, 'benefits');
    await issue(env.server, 'benefits');
    const a = await staff.callNext();
    const b = await staff.callNext();
    const log = (await announced(page, [phrase(a, '4'), phrase(b, '4')], 40_000)).filter((i) => i.status === 'done');
    expect(log.map((i) => [i.text, i.outcome])).toEqual([
      [phrase(a, '4'), 'timeout'],
      [phrase(b, '4'), 'timeout'],
    ]);
    expectSequential(log);
  }, 60_000);

  it('limited to a zone with ?counters=3, shows and announces only counter 3', async () => {
    const page = await openDisplay(open, '&counters=3');
    await enableSound(page);
    const { elsewhere } = await callAtOneAndThree(env.server, page);
    expect(await page.locator('[data-testid=recent-calls] li').count()).toBe(0);
    expect((await readLog(page)).map((i) => i.text)).not.toContain(phrase(elsewhere, '1'));
    // Only the services counter 3 serves.
    expect(await page.locator('[data-testid=queue-loads] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.service))).toEqual(['property']);
  });

  it('pairs with a 6-digit code, shows its configured zone, and asks again when its token is revoked', async () => {
    const admin = await env.server.login('admin');
    const created = await env.server.call('POST', '/api/admin/devices', { token: admin, body: { id: 'tv-3', kind: 'display', name: 'TV by counter 3', counters: ['3'] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await open();
    await page.goto('/display/?token=not-a-real-token');
    await page.getByTestId('pair-screen').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.locator('#pair-code').fill('12');
    await page.locator('#pair-code').press('Enter');
    await page.locator('#pair-error:not(:empty)').waitFor();
    await page.locator('#pair-code').fill(created.body.pairing.code);
    await page.locator('#pair-code').press('Enter');
    await enableSound(page);
    expect(await page.evaluate(() => localStorage.getItem('qms.display.token'))).toMatch(/.{20,}/);

    // The device's own scope (counter 3), with nothing in the address.
    const { elsewhere } = await callAtOneAndThree(env.server, page);
    expect((await readLog(page)).map((i) => i.text)).not.toContain(phrase(elsewhere, '1'));

    // Re-pairing revokes the token; at its next connection the display asks for a code.
    expect((await env.server.call('POST', '/api/admin/devices/tv-3/pairing', { token: admin })).status).toBe(201);
    for (const s of env.server.app.io.of('/').sockets.values()) s.conn.close();
    await page.getByTestId('pair-screen').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.getItem('qms.display.token'))).toBeNull();
  });

  it('catches up with calls made while its connection was down', async () => {
    const page = await openDisplay(open);
    await enableSound(page);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const staff = await staffAt(env.server, 'super', '2');

    // Cut the display off: drop its connection and refuse new ones until we let go.
    const io = env.server.app.io;
    let blocked = true;
    const refuse = (conn: { close(): void }) => blocked && conn.close();
    io.engine.on('connection', refuse);
    for (const s of io.of('/').sockets.values()) s.conn.close();
    await expect.poll(() => io.of('/').sockets.size).toBe(0);

    await issue(env.server, 'passport');
    await issue(env.server, 'passport');
    const missed1 = await staff.callNext();
    const missed2 = await staff.callNext();
    expect(await page.locator(`[data-testid=now-calling][data-ticket="${missed2}"]`).count()).toBe(0);
    blocked = false;
    io.engine.off('connection', refuse);

    await nowCalling(page, missed2, '2');
    await page.locator(`[data-testid=recent-calls] li[data-ticket="${missed1}"]`).waitFor();
    const log = await announced(page, [phrase(missed1, '2'), phrase(missed2, '2')]);
    const texts = log.map((i) => i.text);
    expect(texts.indexOf(phrase(missed1, '2'))).toBeLessThan(texts.indexOf(phrase(missed2, '2')));
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // no reload
  });

  it('shows a quiet notice when a counter’s services change (merge, then release), in the display’s language, never spoken', async () => {
    const page = await openDisplay(open);
    await enableSound(page);
    const supervisor = await env.server.login('super');
    const setServices = async (serviceIds: string[]) => {
      const body = { services: serviceIds.map((serviceId) => ({ serviceId, role: 'primary' })), reason: 'peak' };
      const res = await env.server.call('PUT', '/api/counters/1/services', { token: supervisor, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const notice = (kind: string) => page.locator(`[data-testid=service-notice][data-counter="1"][data-kind=${kind}]`);

    await setServices(['passport', 'property']);
    await notice('added').waitFor();
    // The center speaks Russian: the notice does too, with the service's Russian name, not the English reason.
    expect(await notice('added').textContent()).toBe('Окно 1 теперь также принимает: Недвижимость');
    // Under the calls, not over them.
    const noticeBox = (await notice('added').boundingBox())!;
    const nowBox = (await page.locator('.panel.now').boundingBox())!;
    expect(noticeBox.y).toBeGreaterThanOrEqual(nowBox.y + nowBox.height);
    expect(await axeSerious(page)).toEqual([]);

    // Back to passport only: the newer notice replaces the older one of the same counter.
    await setServices(['passport']);
    await notice('only').waitFor();
    expect(await notice('only').textContent()).toBe('Окно 1 снова принимает только: Паспорт');
    expect(await page.getByTestId('service-notice').count()).toBe(1);
    // Not announced: nothing about counters' services in the voice queue.
    expect((await readLog(page)).filter((i) => /принимает/.test(i.text))).toEqual([]);
  });
});

describe('hall display across a server restart', () => {
  let dir: string;
  let browser: Browser;
  let server: TestServer | null = null;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'qms-display-'));
    server = await startServer({ dir, rootDir: ROOT });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows "reconnecting", then calls made on the new server, without reload or login', { timeout: 90_000 }, async () => {
    const first = server!;
    const port = Number(new URL(first.url).port);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: first.url });
    const page = await openDisplay(() => context.newPage());
    await enableSound(page);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    const before = await staffAt(first, 'op1', '1');
    await issue(first, 'passport');
    const calledBefore = await before.callNext();
    await nowCalling(page, calledBefore, '1');

    await first.stop();
    server = null;
    await page.getByTestId('connection-status').waitFor({ timeout: 15_000 });
    // The calls stay on screen while the server is away.
    await nowCalling(page, calledBefore, '1');

    server = await startServer({ dir, port, rootDir: ROOT });
    await page.getByTestId('connection-status').waitFor({ state: 'detached', timeout: 30_000 });
    const after = await staffAt(server, 'super', '2');
    await issue(server, 'passport');
    const calledAfter = await after.callNext();
    await nowCalling(page, calledAfter, '2');
    await announced(page, [phrase(calledAfter, '2')]);

    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(await page.getByTestId('pair-screen').count()).toBe(0);
    await context.close();
  });
});
