/**
 * Issue 11, "the app never lies about who did what, and never offers a button that fails", in
 * real Chromium against the real server: who paused a counter, a counter picker that offers
 * "Take" only where the server allows it, a device's kind chosen explicitly and a pairing code
 * refused (and kept) in the wrong app, and a ticket issued and cancelled from the counter.
 * Tests share one server and run in order.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/center.js';
import { browserEnv, type BrowserEnv } from './harness.js';

const LAPTOP = { width: 1366, height: 768 };

let env: BrowserEnv;
let superToken: string;
let adminToken: string;

beforeAll(async () => {
  env = await browserEnv();
  superToken = await env.server.login('super');
  adminToken = await env.server.login('admin');
});
afterAll(async () => {
  await env?.stop();
});

/** Logged in, in English (the test center's own language is Russian). */
async function logIn(login: string): Promise<Page> {
  const { page } = await env.page(LAPTOP);
  await page.goto('/counter/');
  await page.evaluate(() => localStorage.setItem('qms.counter.lang', 'en'));
  await page.reload();
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=picker], [data-testid=supervisor]').first().waitFor();
  return page;
}

async function counter(id: string): Promise<any> {
  const res = await env.server.call('GET', '/api/counters', { token: superToken });
  return res.body.find((c: any) => c.id === id);
}

const eventually = <T,>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 50 });
const pick = (page: Page, id: string) => page.locator(`[data-testid=pick-counter][data-counter="${id}"]`);

let op1: Page;

describe('issue 11: who paused the counter', () => {
  it('pausing your own counter says nothing about a supervisor; a supervisor pausing it is named, and resuming clears the notice', async () => {
    op1 = await logIn('op1');
    await pick(op1, '1').getByTestId('take').click();
    await op1.getByTestId('operator').waitFor();

    await op1.locator('.actions [data-action=pause]').click();
    await op1.getByTestId('pause-other').fill('Paperwork for the archive');
    await op1.getByTestId('pause-submit').click();
    await op1.locator('[data-testid=counter-status].pill-paused').waitFor();
    // The fact reaches the page after the answer: once the hall shows the pause, so would any notice.
    await op1.locator('.ticket-paused').waitFor();
    await eventually(async () => (await counter('1')).status).toBe('paused');
    expect(await op1.getByTestId('notice').count()).toBe(0);
    expect(await op1.locator('body').innerText()).not.toMatch(/supervisor paused/i);

    await op1.locator('.actions [data-action=resume]').click();
    await op1.locator('[data-testid=counter-status].pill-open').waitFor();

    // The supervisor pauses it from elsewhere: the operator learns who.
    const paused = await env.server.call('POST', '/api/counters/1/pause', { token: superToken, body: { reason: 'Team meeting' } });
    expect(paused.status).toBe(200);
    const notice = op1.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Supervisor paused your counter');
    expect(await notice.innerText()).not.toContain('A supervisor');

    // Resumed (by anyone): the notice goes.
    expect((await env.server.call('POST', '/api/counters/1/resume', { token: superToken, body: {} })).status).toBe(200);
    await notice.waitFor({ state: 'detached' });
    await op1.locator('[data-testid=counter-status].pill-open').waitFor();
  });
});

describe('issue 11: the counter picker offers only what the server allows', () => {
  it('names services in the viewer language, says "held by" and "not trained for", and offers no Take bound to fail', async () => {
    const op2 = await logIn('op2'); // trained for passport only; op1 holds counter 1
    await pick(op2, '4').waitFor();
    const one = pick(op2, '1');
    expect(await one.getAttribute('data-verdict')).toBe('heldBy');
    expect(await one.getByTestId('pick-note').innerText()).toContain('Held by op1');
    expect(await one.getByTestId('take').count()).toBe(0);

    const three = pick(op2, '3'); // property
    await eventually(async () => three.getAttribute('data-verdict')).toBe('notTrained');
    expect(await three.getByTestId('pick-note').innerText()).toBe('Not trained for: Property');
    expect(await three.getByTestId('take').count()).toBe(0);
    // Counter 2 serves property as its secondary service: still a refusal (NOT_QUALIFIED).
    expect(await pick(op2, '2').getByTestId('pick-note').innerText()).toBe('Not trained for: Property');
    expect(await pick(op2, '2').getByTestId('take').count()).toBe(0);
    expect(await pick(op2, '4').getByTestId('pick-note').innerText()).toBe('Not trained for: Benefits');
    expect(await op2.getByTestId('take').count()).toBe(0);

    // In Russian, the same notes name the services in Russian.
    await op2.evaluate(() => localStorage.setItem('qms.counter.lang', 'ru'));
    await op2.reload();
    await pick(op2, '3').getByTestId('pick-note').filter({ hasText: 'Недвижимость' }).waitFor();

    // op1 in a second session: counter 1 is theirs to continue, the others wait until it is released.
    const again = await logIn('op1');
    expect(await pick(again, '1').getByTestId('take').innerText()).toBe('Continue here');
    expect(await pick(again, '3').getAttribute('data-verdict')).toBe('holdsOther');
    expect(await pick(again, '3').getByTestId('pick-note').innerText()).toContain('You hold counter 1');
    expect(await pick(again, '3').getByTestId('take').count()).toBe(0);
    await again.context().close();
    await op2.context().close();
  });
});

describe('issue 11: adding and pairing a device', () => {
  it('the kind is chosen explicitly, and a kiosk code entered at /display/ is refused with the code kept', async () => {
    const admin = await logIn('admin');
    await admin.goto('/counter/admin/devices');
    await admin.getByTestId('device-row').first().waitFor();
    await admin.getByTestId('device-id').fill('kiosk-9');
    await admin.getByTestId('device-name').fill('Entrance kiosk');
    expect(await admin.getByTestId('device-kind-kiosk').isChecked()).toBe(false);
    expect(await admin.getByTestId('device-kind-display').isChecked()).toBe(false);
    await admin.getByTestId('device-add').click();
    // Not sent: the browser holds the form until a kind is chosen (kiosk, hall display, rating terminal).
    expect(await admin.locator('[data-testid=device-kind] input:invalid').count()).toBe(3);
    const before = await env.server.call('GET', '/api/admin/devices', { token: adminToken });
    expect(before.body.some((d: any) => d.id === 'kiosk-9')).toBe(false);

    await admin.getByTestId('device-kind-kiosk').check();
    await admin.getByTestId('device-add').click();
    const code = (await admin.getByTestId('pairing-code').innerText()).replace(/\s/g, '');
    expect(await admin.getByTestId('pairing').innerText()).toContain('/kiosk/');
    await admin.context().close();

    // The kiosk's code typed into a hall display: refused, the display stays unpaired.
    const { page: tv } = await env.page(LAPTOP);
    await tv.goto('/display/');
    await tv.getByTestId('pair-screen').waitFor();
    await tv.locator('#pair-code').fill(code);
    await tv.locator('#pair-code').press('Enter');
    await tv.locator('#pair-error:not(:empty)').waitFor();
    // It says what happened (a kiosk's code, still valid), not "unknown or expired".
    expect(await tv.locator('#pair-error').innerText()).toMatch(/киоск|kiosk/);
    expect(await tv.evaluate(() => localStorage.length)).toBe(0);
    expect(await tv.getByTestId('pair-screen').isVisible()).toBe(true);

    // The code was not used up: the kiosk pairs with it.
    const paired = await env.server.call('POST', '/api/devices/pair', { body: { code, kind: 'kiosk' } });
    expect(paired).toMatchObject({ status: 200, body: { deviceId: 'kiosk-9', kind: 'kiosk' } });
  });

  it("a display's code entered at /kiosk/ is refused, and the display pairs with it afterwards", async () => {
    const created = await env.server.call('POST', '/api/admin/devices', { token: adminToken, body: { id: 'tv-9', kind: 'display', name: 'Side TV' } });
    const code: string = created.body.pairing.code;
    const { page: kiosk } = await env.page({ width: 1080, height: 1920 });
    await kiosk.goto('/kiosk/');
    for (const d of code) await kiosk.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Подключить', exact: true }).click();
    await kiosk.locator('#pair-message.pair-error').waitFor();
    // It says what happened (a display's code, still valid), not "unknown or expired".
    expect(await kiosk.locator('#pair-message').innerText()).toContain('для табло');
    expect(await kiosk.evaluate(() => localStorage.getItem('qms.kiosk.token'))).toBeNull();
    await kiosk.locator('.keypad').waitFor();
    const paired = await env.server.call('POST', '/api/devices/pair', { body: { code, kind: 'display' } });
    expect(paired).toMatchObject({ status: 200, body: { deviceId: 'tv-9', kind: 'display' } });
  });
});

describe('issue 11: tickets from the counter', () => {
  it('issues a priority ticket for a visitor, and cancels a waiting one after a confirmation', async () => {
    await op1.getByTestId('issue-open').click();
    await op1.getByTestId('issue-dialog').waitFor();
    await op1.getByTestId('issue-service').selectOption('passport');
    await op1.getByTestId('issue-category').selectOption('disability');
    await op1.getByTestId('issue-submit').click();
    const issued = await op1.getByTestId('issued').innerText();
    const number = /([A-Z]\d{3,})/.exec(issued)?.[1] ?? '';
    expect(issued).toBe(`Ticket ${number} issued for Passport.`);
    await op1.getByTestId('issue-dialog').getByRole('button', { name: 'Close', exact: true }).click();

    const queue = await env.server.call('GET', '/api/queue', { token: superToken });
    const ticket = queue.body.tickets.find((t: any) => t.number === number);
    expect(ticket).toMatchObject({ serviceId: 'passport', lane: 'priority', categoryId: 'disability', status: 'waiting' });

    const row = op1.locator(`[data-testid=queue-row][data-number="${number}"]`);
    await row.waitFor();
    // Asked first; keeping it changes nothing.
    await row.getByTestId('queue-cancel').click();
    const dialog = op1.getByTestId('confirm-cancel-ticket');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Cancel ticket ${number}?`);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    const kept = await env.server.call('GET', '/api/queue', { token: superToken });
    expect(kept.body.tickets.find((t: any) => t.id === ticket.id)?.status).toBe('waiting');

    await row.getByTestId('queue-cancel').click();
    await op1.getByTestId('confirm-cancel-ticket').getByTestId('confirm-ok').click();
    await row.waitFor({ state: 'detached' });
    await eventually(async () => {
      const q = await env.server.call('GET', '/api/queue', { token: superToken });
      return q.body.tickets.some((t: any) => t.id === ticket.id && t.status === 'waiting');
    }).toBe(false);
  });
});

describe('issue 11: the transfer and issue dialogs offer only what the server accepts', () => {
  it('leaves out a service no counter plans or can take (I5), and says when no counter serving one is open now', async () => {
    // "visa" is new and on no counter's plan: a transfer to its queue would strand the visitor.
    const put = await env.server.call('PUT', '/api/admin/services/visa', { token: adminToken, body: { prefix: 'V', names: { en: 'Visa', ru: 'Виза' }, serviceTimeMin: 5 } });
    expect(put.status).toBe(200);
    const issued = await env.server.call('POST', '/api/tickets', { token: superToken, body: { serviceId: 'passport' } });
    expect(issued.status).toBe(201);
    await op1.locator('.actions [data-action=call-next]').click();
    await op1.getByTestId('current-number').waitFor();
    await op1.locator('.actions [data-action=transfer]').click();
    await op1.getByTestId('transfer-dialog').waitFor();
    const options = await op1.getByTestId('transfer-service').locator('option').allInnerTexts();
    expect(options.some((o) => o.includes('Visa'))).toBe(false);
    // Property is planned on counters 2 and 3, both closed now: offered, saying the visitor waits.
    expect(options.find((o) => o.includes('Property'))).toContain('no counter open now');
    expect(options.find((o) => o.includes('Benefits'))).toContain('no counter open now');
    await op1.getByTestId('transfer-dialog').getByRole('button', { name: 'Cancel', exact: true }).click();

    // The same for a ticket issued at the counter.
    await op1.getByTestId('issue-open').click();
    const issueOptions = await op1.getByTestId('issue-service').locator('option').allInnerTexts();
    expect(issueOptions.some((o) => o.includes('Visa'))).toBe(false);
    expect(issueOptions.find((o) => o.includes('Passport'))).not.toContain('no counter open now');
    expect(issueOptions.find((o) => o.includes('Property'))).toContain('no counter open now');
    await op1.getByTestId('issue-dialog').getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});
