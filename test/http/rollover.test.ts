/**
 * The day rolls over at midnight in the center's time zone, daylight-saving changes included
 * (docs/SPEC.md I2, D1). Chile changes its clocks at midnight, the hardest case: in September the
 * day starts at 01:00 (00:00 never happens), in April 23:00–24:00 happens twice and the day has
 * 25 hours. Europe changes at 02:00/03:00, inside a day whose opening hours must follow the
 * local clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '@qms/shared';
import { DISPLAY_TOKEN, KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
afterEach(async () => {
  await s?.stop();
});

async function centerIn(timezone: string, edit: (cfg: ReturnType<typeof testCenter>) => void = () => {}): Promise<TestServer> {
  const cfg = testCenter();
  cfg.center.timezone = timezone;
  edit(cfg);
  return startServer({ config: cfg });
}

const issue = async (serviceId = 'passport') => {
  const r = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } });
  if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.ticket as { id: string; number: string; day: string; status: string };
};
const statusOf = async (id: string) => (await s.call('GET', `/api/tickets/${id}`)).body.status as string;
const at = (iso: string) => void (s.clock.now = Date.parse(iso));

describe('day rollover', () => {
  it('America/Santiago, clocks forward at midnight (I2, D1): the new day starts at 01:00, numbering restarts once', async () => {
    s = await centerIn('America/Santiago');
    at('2026-09-06T03:50:00Z'); // Saturday 5 September, 23:50 (UTC−4)
    const op1 = await s.login('op1');
    await s.call('POST', '/api/counters/1/claim', { token: op1 });
    const first = await issue();
    const second = await issue();
    expect([first.number, second.number, first.day]).toEqual(['A001', 'A002', '2026-09-05']);
    expect((await s.call('POST', '/api/counters/1/call-next', { token: op1, body: {} })).body.ticket.number).toBe('A001');

    at('2026-09-06T04:00:00Z'); // one minute on from 23:59 the clocks read 01:00, Sunday 6 September (UTC−3)
    const fresh = await issue();
    // I2: numbering restarts, skipping A001, which yesterday's ticket still shows at counter 1.
    expect([fresh.number, fresh.day]).toEqual(['A002', '2026-09-06']);
    // D1: yesterday's waiting ticket is closed; the one at the counter stays until finished.
    expect(await statusOf(second.id)).toBe('cancelled');
    expect(await statusOf(first.id)).toBe('called');
    expect((await s.call('POST', '/api/counters/1/complete', { token: op1, body: {} })).body.ticket.number).toBe('A001');
    expect((await issue()).number).toBe('A003');
    const stats = (await s.call('GET', '/api/stats/today', { token: op1 })).body;
    expect(stats.day).toBe('2026-09-06');
  });

  it('America/Santiago, clocks back at midnight: 23:00–24:00 twice is still Saturday; Sunday starts once', async () => {
    s = await centerIn('America/Santiago');
    at('2026-04-05T02:30:00Z'); // Saturday 4 April, 23:30 (UTC−3)
    const a = await issue();
    at('2026-04-05T03:15:00Z'); // 45 minutes later the clocks read 23:15 again (UTC−4): same day
    const b = await issue();
    expect([a.number, a.day, b.number, b.day]).toEqual(['A001', '2026-04-04', 'A002', '2026-04-04']);
    expect(await statusOf(a.id)).toBe('waiting');

    at('2026-04-05T04:00:00Z'); // Sunday 5 April, 00:00 (UTC−4)
    const c = await issue();
    expect([c.number, c.day]).toEqual(['A001', '2026-04-05']);
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['cancelled', 'cancelled']);
    at('2026-04-05T05:00:00Z');
    expect((await issue()).number).toBe('A002');
  });

  it('I2: a center open round the clock never shows two A001: yesterday\'s, still at a counter after midnight, is skipped', async () => {
    s = await centerIn('Europe/Moscow');
    at('2026-03-02T20:50:00Z'); // Monday 23:50 in Moscow
    const op1 = await s.login('op1');
    await s.call('POST', '/api/counters/1/claim', { token: op1 });
    const yesterday = await issue();
    expect((await s.call('POST', '/api/counters/1/call-next', { token: op1, body: {} })).body.ticket.number).toBe('A001');
    at('2026-03-02T21:05:00Z'); // Tuesday 00:05
    expect([(await issue()).number, (await issue()).number]).toEqual(['A002', 'A003']);
    // The counter app's hall: every open ticket once, whatever its day; the display's: no number twice.
    const isOpen = (t: { status: string }) => ['waiting', 'called', 'serving'].includes(t.status);
    const hall = (await s.call('GET', '/api/queue', { token: op1 })).body as Snapshot;
    expect(hall.tickets.filter(isOpen).map((t) => `${t.number} ${t.day} ${t.status}`).sort()).toEqual(['A001 2026-03-02 called', 'A002 2026-03-03 waiting', 'A003 2026-03-03 waiting']);
    const tv = (await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN })).body as Snapshot;
    const shown = tv.tickets.filter(isOpen).map((t) => t.number);
    expect(shown).toContain('A001');
    expect(new Set(shown).size).toBe(shown.length);
    expect((await s.call('POST', '/api/counters/1/complete', { token: op1, body: {} })).body.ticket).toMatchObject({ id: yesterday.id, number: 'A001', status: 'done' });
    expect((await issue()).number).toBe('A004');
  });

  it('Europe/Berlin, clocks forward at 02:00: one day, one numbering; opening hours follow the local clock', async () => {
    s = await centerIn('Europe/Berlin', (cfg) => {
      const hours = [{ from: '08:00', to: '20:00' }];
      cfg.center.hours = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours };
    });
    at('2026-03-28T18:30:00Z'); // Saturday 19:30 CET
    expect((await issue()).number).toBe('A001');
    at('2026-03-29T05:30:00Z'); // Sunday 07:30 CEST, after the change: still closed
    const early = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    expect([early.status, early.body.error.code]).toEqual([409, 'SERVICE_CLOSED']);
    at('2026-03-29T06:00:00Z'); // Sunday 08:00 CEST (it would be 07:00 on winter time)
    const sunday = await issue();
    expect([sunday.number, sunday.day]).toEqual(['A001', '2026-03-29']);
  });
});
