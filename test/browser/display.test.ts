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
import { DISPLAY_TOKEN, KIOSK_TOKEN, testCenter } from '../helpers/center.js';
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
    /** Calls without finishing anyone first; the whole ticket, as staff see it. */
    async call(): Promise<{ id: string; number: string }> {
      const res = await act('call-next');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.ticket;
    },
    async act(action: string, body?: object): Promise<void> {
      const res = await server.call('POST', `/api/counters/${counterId}/${action}`, { token, ...(body ? { body } : {}) });
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
    // Without the autoplay flag, as an ordinary browser: the display has to ask for sound.
    env = await browserEnv({}, { autoplay: false });
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

  it('an unattended TV started with the kiosk flags announces calls after a (re)boot with nobody pressing anything', async () => {
    // The command line of docs/operations.md: --kiosk --kiosk-printing --autoplay-policy=no-user-gesture-required.
    const tv = await launch({ args: ['--kiosk', '--kiosk-printing'] });
    try {
      const context = await tv.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: env.server.url });
      const page = await context.newPage();
      await page.addInitScript(fakeVoice, 'timed' as const);
      await page.goto(`/display/?token=${DISPLAY_TOKEN}`);
      await page.locator('.hall').waitFor();
      const staff = await staffAt(env.server, 'op1', '1');
      for (const boot of ['first start', 'reboot']) {
        if (boot === 'reboot') {
          await page.reload();
          await page.locator('.hall').waitFor();
        }
        await issue(env.server, 'passport');
        const number = await staff.callNext();
        await nowCalling(page, number, '1');
        const log = await announced(page, [phrase(number, '1')]);
        expect(log.find((i) => i.text === phrase(number, '1'))?.outcome, boot).toBe('spoken');
        // Never asked, never warned: nobody is there to answer.
        expect(await page.getByTestId('enable-sound-dialog').count()).toBe(0);
        expect(await page.getByTestId('sound-blocked-banner').count()).toBe(0);
      }
      await context.close();
    } finally {
      await tv.close();
    }
  });

  it('without the autoplay flag, a screen nobody answers shows a persistent banner that sound is blocked', async () => {
    const page = await open();
    await page.clock.install();
    await page.goto(`/display/?token=${DISPLAY_TOKEN}`);
    await page.getByTestId('enable-sound-dialog').waitFor();
    // Nobody presses anything: after a minute the question gives way to the banner, which stays.
    await page.clock.fastForward(61_000);
    const banner = page.getByTestId('sound-blocked-banner');
    await banner.waitFor();
    expect(await page.getByTestId('enable-sound-dialog').count()).toBe(0);
    await page.clock.fastForward(30 * 60_000);
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Браузер заблокировал звук');
    // Under the calls, the whole width of the screen.
    const box = (await banner.boundingBox())!;
    expect(box.width).toBeGreaterThan(1800);
    expect(box.y).toBeGreaterThanOrEqual((await page.locator('.panel.now').boundingBox())!.y);
    expect(await axeSerious(page)).toEqual([]);
    // Calls still show, silently; the next touch turns sound on and the banner goes.
    const staff = await staffAt(env.server, 'op1', '1');
    await issue(env.server, 'passport');
    const number = await staff.callNext();
    await nowCalling(page, number, '1');
    await banner.click();
    await banner.waitFor({ state: 'detached' });
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

  it('takes a call off "Now calling" at once when it stops holding: no-show, complete, transfer, requeue, cancel', async () => {
    const page = await openDisplay(open);
    await enableSound(page);
    const staff = await staffAt(env.server, 'op1', '1');
    const supervisor = await env.server.login('super');
    await env.server.call('POST', '/api/counters/1/complete', { token: supervisor }); // whoever an earlier test left there
    const big = (ticket: string) => page.locator(`[data-testid=now-calling][data-ticket="${ticket}"]`);
    const history = (ticket: string) => page.locator(`[data-testid=recent-calls] li[data-ticket="${ticket}"]`);
    const gone = async (ticket: string) => {
      await big(ticket).waitFor({ state: 'detached', timeout: 5_000 });
      await history(ticket).waitFor({ state: 'detached', timeout: 5_000 });
    };
    const called = async () => {
      await issue(env.server, 'passport');
      const t = await staff.call();
      await nowCalling(page, t.number, '1');
      return t;
    };

    // A no-show leaves the big slot and the list at once: nobody should still walk up for it.
    const missed = await called();
    await staff.act('no-show');
    await gone(missed.number);
    // Back in line, then cancelled: it stays off the screen.
    expect((await env.server.call('POST', `/api/tickets/${missed.id}/reactivate`, { token: supervisor })).status).toBe(200);
    expect((await env.server.call('POST', `/api/tickets/${missed.id}/cancel`, { token: supervisor })).status).toBe(200);
    await page.waitForTimeout(300);
    expect(await big(missed.number).count()).toBe(0);
    expect(await history(missed.number).count()).toBe(0);

    // Completed: out of "Now calling", kept as history under "Previous calls".
    const served = await called();
    await staff.act('complete');
    await big(served.number).waitFor({ state: 'detached', timeout: 5_000 });
    await history(served.number).waitFor({ timeout: 5_000 });
    // Started: the visitor is at the counter, the call no longer waits for anyone.
    const started = await called();
    await staff.act('start');
    await big(started.number).waitFor({ state: 'detached', timeout: 5_000 });
    await history(started.number).waitFor({ timeout: 5_000 });
    await staff.act('complete');

    // Transferred to another service's queue: called again later, not now.
    const moved = await called();
    await staff.act('transfer', { toServiceId: 'property' });
    await gone(moved.number);

    // Sent to counter 3, which then closes: back in the queue (ticket:requeued), never on screen as called.
    const sent = await called();
    await staffAt(env.server, 'super', '3');
    await env.server.call('POST', '/api/counters/3/complete', { token: supervisor }); // free to close
    await staff.act('transfer', { toCounterId: '3' });
    await gone(sent.number);
    const closed = await env.server.call('POST', '/api/counters/3/close', { token: supervisor });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await page.waitForTimeout(300);
    expect(await big(sent.number).count()).toBe(0);
    expect(await history(sent.number).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
  });

  it('catches up with calls made while its connection was down', async () => {
    const page = await openDisplay(open);
    await enableSound(page);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const at2 = await staffAt(env.server, 'super', '2');
    const at1 = await staffAt(env.server, 'op1', '1');

    // Cut the display off: drop its connection and refuse new ones until we let go.
    const io = env.server.app.io;
    let blocked = true;
    const refuse = (conn: { close(): void }) => blocked && conn.close();
    io.engine.on('connection', refuse);
    for (const s of io.of('/').sockets.values()) s.conn.close();
    await expect.poll(() => io.of('/').sockets.size).toBe(0);

    await issue(env.server, 'passport');
    await issue(env.server, 'passport');
    await issue(env.server, 'passport');
    // Called and served while the display was away: history, not announced any more.
    const served = await at2.callNext();
    const missed1 = await at2.callNext();
    const missed2 = await at1.callNext();
    expect(await page.locator(`[data-testid=now-calling][data-ticket="${missed2}"]`).count()).toBe(0);
    blocked = false;
    io.engine.off('connection', refuse);

    await nowCalling(page, missed2, '1');
    await page.locator(`[data-testid=recent-calls] li[data-ticket="${missed1}"]`).waitFor();
    await page.locator(`[data-testid=recent-calls] li[data-ticket="${served}"]`).waitFor();
    const log = await announced(page, [phrase(missed1, '2'), phrase(missed2, '1')]);
    const texts = log.map((i) => i.text);
    expect(texts.indexOf(phrase(missed1, '2'))).toBeLessThan(texts.indexOf(phrase(missed2, '1')));
    expect(texts).not.toContain(phrase(served, '2'));
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
    browser = await launch({ autoplay: false });
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

/**
 * 150 services, like a large provincial center: a counter "5" can be switched to every extra
 * service (canServe), else no ticket could be issued for them (I5).
 */
function center150() {
  const base = testCenter();
  const letters = 'DEFGHIJKLMNOPQRSTUVWXYZ';
  const extra = Array.from({ length: 147 }, (_, i) => ({
    id: `svc-${i}`,
    prefix: `${letters[Math.floor(i / letters.length)]}${letters[i % letters.length]}`,
    serviceTimeMin: 10,
    names: { ru: `Справка ${String(i).padStart(3, '0')}`, en: `Certificate ${String(i).padStart(3, '0')}` },
  }));
  const counters = [...(base.counters ?? []), { id: '5', number: '5', services: [{ serviceId: extra[0]!.id, role: 'primary' as const }], canServe: extra.map((e) => e.id) }];
  return { ...base, services: [...base.services, ...extra], counters };
}

describe('hall display: a catalogue of 150 services', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await browserEnv({ config: center150() });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('every service with people waiting comes up in the queue table within 30 s, waiting first, by name', { timeout: 90_000 }, async () => {
    // One visitor in each of 40 services spread over the catalogue (staff issue: kiosks are rate limited).
    const admin = await env.server.login('admin');
    const busy = Array.from({ length: 40 }, (_, i) => `svc-${(i * 37) % 147}`);
    for (const serviceId of busy) {
      const res = await env.server.call('POST', '/api/tickets', { token: admin, body: { serviceId } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const { page } = await env.page();
    await page.goto(`/display/?token=${DISPLAY_TOKEN}`);
    await page.locator('[data-testid=queue-loads] tbody tr').first().waitFor();
    const started = Date.now();
    const seen = new Set<string>();
    const pagesSeen: string[][] = [];
    while (seen.size < busy.length && Date.now() - started < 30_000) {
      const rows = await page.locator('[data-testid=queue-loads] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [(tr as HTMLElement).dataset.service ?? '', tr.querySelector('.queue-waiting')?.textContent ?? '', tr.querySelector('.queue-name')?.textContent ?? '']),
      );
      if (pagesSeen.at(-1)?.join() !== rows.map((r) => r[0]).join()) pagesSeen.push(rows.map((r) => r[0]!));
      for (const [id, waiting] of rows) {
        expect(Number(waiting), id).toBeGreaterThan(0); // nobody-waiting services are left out…
        seen.add(id!);
      }
      // …and the rows of a page are in alphabetical order.
      const names = rows.map((r) => r[2]!);
      expect(names).toEqual([...names].sort());
      await page.waitForTimeout(250);
    }
    expect([...seen].sort()).toEqual([...new Set(busy)].sort());
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(pagesSeen.length).toBeGreaterThan(1);
    expect(await page.getByTestId('queue-idle').textContent()).toBe(`Ещё услуг без очереди: ${150 - new Set(busy).size}`);
    expect(await axeSerious(page)).toEqual([]);
  });
});
