/**
 * Opening hours and closed days over HTTP (issue 11, docs/SPEC.md I6, W4): Settings saves them
 * through the admin API, the kiosk's catalogue and the issue route follow, old files import.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CenterConfigInput } from '@qms/shared';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** Moscow wall-clock time in March 2026 (UTC+3); T0 is Monday the 2nd, 10:00. */
const moscow = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
const workdays = (from: string, to: string) => {
  const day = [{ from, to }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day };
};
function withCenter(edit: (cfg: CenterConfigInput) => void): CenterConfigInput {
  const cfg = testCenter();
  edit(cfg);
  return cfg;
}
const exported = async (admin: string) => (await s!.call('GET', '/api/admin/config', { token: admin })).body;
const availability = async () => Object.fromEntries(((await s!.call('GET', '/api/services')).body.availability as { serviceId: string }[]).map((a) => [a.serviceId, a]));

describe('closed days: issuing and the kiosk catalogue', () => {
  it('I6: a ticket on a closed day is refused with a message naming the day, and the kiosk says when the service opens after it', async () => {
    s = await startServer({
      config: withCenter((cfg) => {
        cfg.center.hours = workdays('09:00', '18:00');
        cfg.center.closedDays = [{ date: '2026-03-02', reason: 'Staff training' }, { date: '2026-03-03' }];
        cfg.services[2] = { ...cfg.services[2]!, closedDays: [{ date: '2026-03-04', reason: 'Audit' }] };
      }),
    });
    const op1 = await s.login('op1');
    expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    expect(await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } })).toMatchObject({
      status: 409,
      body: { error: { code: 'SERVICE_CLOSED', message: 'Service "passport" is closed on 2026-03-02 (Staff training): it opens again on 2026-03-04 at 09:00.' } },
    });
    // Not served now, opening on the first open day after the two closed ones; benefits has a third of its own.
    expect(await availability()).toEqual({
      passport: { serviceId: 'passport', servedNow: false, opensAt: moscow(4, 9) },
      property: { serviceId: 'property', servedNow: false, opensAt: moscow(4, 9) },
      benefits: { serviceId: 'benefits', servedNow: false, opensAt: moscow(5, 9) },
    });
    // Wednesday: the center opens, benefits stays closed.
    s.clock.now = moscow(4, 9, 30);
    expect((await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } })).status).toBe(201);
    expect((await availability()).benefits).toEqual({ serviceId: 'benefits', servedNow: false, opensAt: moscow(5, 9) });
  });

  it("W4: a ticket's expected wait on the kiosk and the phone page holds through the lunch break", async () => {
    s = await startServer({ config: withCenter((cfg) => void (cfg.center.hours = { mon: [{ from: '09:00', to: '10:10' }, { from: '11:00', to: '18:00' }] })) });
    const op1 = await s.login('op1');
    expect((await s.call('POST', '/api/counters/1/claim', { token: op1 })).status).toBe(200);
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push((await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } })).body);
    // Passport takes 6 minutes, counter 1 is free: W3 says 0, 6 and 12; the third reaches 10:10, 50 minutes of break follow.
    expect(issued.map((t) => t.eta)).toEqual([{ position: 1, etaMin: 0 }, { position: 2, etaMin: 6 }, { position: 3, etaMin: 62 }]);
    expect((await s.call('GET', `/api/tickets/${issued[2].ticket.id}`)).body.eta).toEqual({ position: 3, etaMin: 62 });
    // In the break, nobody is expected before 11:00.
    s.clock.now = moscow(2, 10, 30);
    expect((await s.call('GET', `/api/tickets/${issued[0].ticket.id}`)).body.eta).toEqual({ position: 1, etaMin: 30 });
  });
});

describe('Settings: the admin API for hours and closed days', () => {
  it("saves the center's hours and closed days; the export carries them and the kiosk follows at once", async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const body = { hours: { ...workdays('09:00', '13:00'), mon: [{ from: '14:00', to: '18:00' }, { from: '09:00', to: '13:00' }] }, closedDays: [{ date: '2026-03-09', reason: 'Holiday', yearly: false }] };
    const put = await s.call('PUT', '/api/admin/schedule', { token: admin, body });
    expect(put).toMatchObject({ status: 200, body });
    expect((await s.call('GET', '/api/admin/schedule', { token: await s.login('super') })).body).toEqual(body);
    expect((await exported(admin)).center).toMatchObject(body);
    // Monday 10:00 is now within hours; the next Monday is the holiday, so after Friday 13:00 comes Tuesday 9:00.
    expect((await availability()).passport).toMatchObject({ servedNow: false, opensAt: null });
    s.clock.now = moscow(6, 13, 30);
    expect((await availability()).passport).toMatchObject({ servedNow: false, opensAt: moscow(10, 9) });
    // No closed days left: the key goes, as in a file that never had any (days later: a new session).
    const again = await s.login('admin');
    expect((await s.call('PUT', '/api/admin/schedule', { token: again, body: { hours: body.hours, closedDays: [] } })).status).toBe(200);
    expect('closedDays' in (await exported(again)).center).toBe(false);
  });

  it('a bad schedule is refused with messages naming each field, and nothing changes', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const before = await exported(admin);
    const seq = (await s.call('GET', '/api/queue', { token: admin })).body.seq;
    const bad = await s.call('PUT', '/api/admin/schedule', {
      token: admin,
      body: {
        hours: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }], tue: [{ from: '18:00', to: '09:00' }] },
        closedDays: [{ date: '2026-02-30' }, { date: '2026-03-09' }, { date: '2026-03-09' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.split('; ')).toEqual([
      'body.hours.mon[1]: 12:00–18:00 overlaps 09:00–13:00: join them or change one',
      'body.hours.tue[0]: "from" must be before "to"',
      'body.closedDays[0].date: no such date in the calendar',
      'body.closedDays[2].date: 2026-03-09 is listed twice',
    ]);
    expect(await exported(admin)).toEqual(before);
    expect((await s.call('GET', '/api/queue', { token: admin })).body.seq).toBe(seq);
    // Only admins change it.
    expect((await s.call('PUT', '/api/admin/schedule', { token: await s.login('super'), body: { hours: {}, closedDays: [] } })).status).toBe(403);
  });

  it("saves a service's own hours and closed days with the service; a bad closed day is refused and changes nothing", async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const property = (await s.call('GET', '/api/admin/services', { token: admin })).body.find((x: { id: string }) => x.id === 'property');
    const own = { ...property, hours: { mon: [{ from: '14:00', to: '18:00' }] }, closedDays: [{ date: '2026-03-16', reason: 'Registry audit' }] };
    expect(await s.call('PUT', '/api/admin/services/property', { token: admin, body: own })).toMatchObject({ status: 200, body: own });
    expect((await availability()).property).toMatchObject({ servedNow: false, opensAt: moscow(2, 14) });
    s.clock.now = moscow(9, 18, 30);
    expect((await availability()).property).toMatchObject({ opensAt: moscow(23, 14) });
    const again = await s.login('admin'); // a week later: a new session
    const bad = await s.call('PUT', '/api/admin/services/property', { token: again, body: { ...own, closedDays: [{ date: '16.03.2026' }] } });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: 'body.closedDays[0].date: expected a date "YYYY-MM-DD"' } } });
    expect((await exported(again)).services.find((x: { id: string }) => x.id === 'property')).toEqual(own);
  });
});

describe('import and export', () => {
  it('a file without closed days (an older export) imports; one with them round-trips', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const current = await exported(admin);
    const old = { ...current, center: { ...current.center } };
    delete old.center.closedDays;
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: old })).status).toBe(200);
    const withDays = {
      ...current,
      center: { ...current.center, closedDays: [{ date: '2026-01-01', reason: 'New Year', yearly: true }] },
      services: current.services.map((x: { id: string }) => (x.id === 'benefits' ? { ...x, closedDays: [{ date: '2026-03-20' }] } : x)),
    };
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: withDays })).status).toBe(200);
    expect(await exported(admin)).toEqual(withDays);
  });
});
