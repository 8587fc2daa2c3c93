/**
 * Appointments over REST (issue 13, docs/SPEC.md A1–A6) against the real server and a real SQLite
 * file: booking, the last-place race, limits, moving and cancelling, check-in windows (DST and
 * midnight), no-shows, retention, the calendar file, and bad input that changes nothing.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CenterConfigInput } from '@qms/shared';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

const MIN = 60_000;
/** Moscow (UTC+3) wall-clock time on 2 March 2026, T0's day. */
const msk = (hh: number, mm = 0, day = 2) => Date.UTC(2026, 2, day, hh - 3, mm);

/** Passport bookable (10-minute slots: its 6-minute service rounded up), half of its two counters: one place a slot. */
function bookableCenter(edit?: (cfg: CenterConfigInput) => void): CenterConfigInput {
  const cfg = testCenter();
  cfg.services[0]!.appointments = { enabled: true, bookableShare: 0.5 };
  edit?.(cfg);
  return cfg;
}

let server: TestServer;
afterEach(async () => {
  await server?.stop();
});

const rows = () => (server.db.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n;
const book = (body: Record<string, unknown>, token?: string) => server.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', language: 'ru', ...body }, token });

describe('booking (A3, A6)', () => {
  it('lists the bookable services and the free slots of a day; a booking takes its place and comes back by its code, without personal data', async () => {
    server = await startServer({ config: bookableCenter() });
    const center = await server.call('GET', '/api/appointments/c1');
    expect(center.status).toBe(200);
    expect(center.body.services).toEqual([expect.objectContaining({ id: 'passport', slotMin: 10, firstDay: '2026-03-02', lastDay: '2026-03-16', targetWaitMin: 10 })]);
    expect(center.body).toMatchObject({ askName: 'optional', askPhone: 'optional', askEmail: 'optional', checkInEarlyMin: 30, checkInLateMin: 15 });

    const slots = await server.call('GET', '/api/appointments/c1/slots?service=passport&day=2026-03-02');
    expect(slots.status).toBe(200);
    // Only slots still ahead (T0 is 10:00): 10:10 is the first, one place each.
    expect(slots.body.slots[0]).toEqual({ at: msk(10, 10), free: 1 });
    expect(slots.body.slots.every((s: { at: number }) => s.at > T0)).toBe(true);

    const made = await book({ at: msk(11), name: 'Иван Петров', phone: '+7 900 123-45-67' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ centerId: 'c1', serviceId: 'passport', at: msk(11), slotMin: 10, status: 'booked', language: 'ru', ticketId: null, checkInFrom: msk(10, 30), checkInTo: msk(11, 15) });
    expect(made.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(JSON.stringify(made.body)).not.toMatch(/Иван|900/);

    const after = await server.call('GET', '/api/appointments/c1/slots?service=passport&day=2026-03-02');
    expect(after.body.slots.some((s: { at: number }) => s.at === msk(11))).toBe(false);
    // Typed as on the confirmation, in lower case with its dash: the same booking.
    const typed = `${made.body.code.slice(0, 4)}-${made.body.code.slice(4)}`.toLowerCase();
    expect((await server.call('GET', `/api/appointments/c1/${typed}`)).body).toEqual(made.body);
  });

  it('A6: places follow the share of the counters planned to serve the service, spread over the day', async () => {
    server = await startServer({
      config: bookableCenter((cfg) => {
        cfg.services[0]!.appointments = { enabled: true, bookableShare: 0.25 };
        // Counter 2 is planned for the afternoon only: one counter in the morning, two after 14:00.
        cfg.counters![1]!.hours = { mon: [{ from: '14:00', to: '18:00' }] };
      }),
    });
    const slots = (await server.call('GET', '/api/appointments/c1/slots?service=passport&day=2026-03-02')).body.slots as { at: number }[];
    const morning = slots.filter((s) => s.at >= msk(11) && s.at < msk(12)).length;
    const afternoon = slots.filter((s) => s.at >= msk(15) && s.at < msk(16)).length;
    // Six slots an hour: a quarter of one counter is 1.5 places an hour, of two, 3.
    expect([1, 2]).toContain(morning);
    expect(afternoon).toBe(3);
  });

  it('A3: ten people booking the last place at the same moment get one booking and nine SLOT_FULL', async () => {
    server = await startServer({ config: bookableCenter() });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => book({ at: msk(12), phone: `+7 900 000-00-${String(i).padStart(2, '0')}` })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r).toMatchObject({ status: 409, body: { error: { code: 'SLOT_FULL' } } });
    expect(rows()).toBe(1);
  });

  it('limits: one booking per phone per service within a day; a few bookings per phone a day; staff book without them', async () => {
    server = await startServer({ config: bookableCenter((cfg) => (cfg.center.appointments = { perContactPerDay: 2 })) });
    expect((await book({ at: msk(12), phone: '+7 900 111-22-33' })).status).toBe(201);
    const again = await book({ at: msk(12, 30), phone: '79001112233' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'BOOKING_LIMIT' } } });
    expect(again.body.error.message).toMatch(/move or cancel that one/);
    // Two days later is another matter; then the phone's daily count is spent.
    expect((await book({ at: msk(12, 0, 4), phone: '+79001112233' })).status).toBe(201);
    const third = await book({ at: msk(12, 0, 8), phone: '+79001112233' });
    expect(third).toMatchObject({ status: 409, body: { error: { code: 'BOOKING_LIMIT' } } });
    const staff = await server.login('op1');
    expect((await book({ at: msk(12, 0, 8), phone: '+79001112233' }, staff)).status).toBe(201);
    const list = await server.call('GET', '/api/appointments/c1/list?day=2026-03-08', { token: staff });
    expect(list.body).toEqual([expect.objectContaining({ phone: '+79001112233', channel: 'staff', name: null })]);
  });

  it('cancel frees the place and closes the booking; move takes another slot and frees the first', async () => {
    server = await startServer({ config: bookableCenter() });
    const a = (await book({ at: msk(13) })).body;
    const moved = await server.call('POST', `/api/appointments/c1/${a.code}/move`, { body: { at: msk(13, 20) } });
    expect(moved).toMatchObject({ status: 200, body: { code: a.code, at: msk(13, 20), status: 'booked' } });
    expect((await book({ at: msk(13) })).status).toBe(201);
    expect((await book({ at: msk(13, 20) })).body.error.code).toBe('SLOT_FULL');
    const cancelled = await server.call('POST', `/api/appointments/c1/${a.code}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await server.call('POST', `/api/appointments/c1/${a.code}/cancel`)).body.error.code).toBe('APPOINTMENT_CLOSED');
    expect((await book({ at: msk(13, 20) })).status).toBe(201);
  });

  it('bad input on every route: a clear 4xx and nothing stored', async () => {
    server = await startServer({ config: bookableCenter((cfg) => (cfg.center.appointments = { askPhone: 'required' })) });
    const kept = (await book({ at: msk(14), phone: '+7 900 555-55-55' })).body.code as string;
    const cases: [string, string, unknown, number, string][] = [
      ['GET', '/api/appointments/nowhere', undefined, 404, 'NOT_FOUND'],
      ['GET', '/api/appointments/c1/slots?service=passport&day=2026-02-30', undefined, 400, 'BAD_REQUEST'],
      ['GET', '/api/appointments/c1/slots?service=passport', undefined, 400, 'BAD_REQUEST'],
      ['GET', '/api/appointments/c1/slots?service=benefits&day=2026-03-02', undefined, 409, 'SLOT_UNAVAILABLE'],
      ['GET', '/api/appointments/c1/slots?service=passport&day=2026-04-30', undefined, 409, 'SLOT_UNAVAILABLE'],
      ['POST', '/api/appointments/c1', { serviceId: 'nope', at: msk(14, 10), phone: '+7 900 1' }, 404, 'UNKNOWN_SERVICE'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 5), phone: '+79001234567' }, 409, 'SLOT_UNAVAILABLE'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(9), phone: '+79001234567' }, 409, 'SLOT_UNAVAILABLE'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 10, 20), phone: '+79001234567' }, 409, 'SLOT_UNAVAILABLE'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 10) }, 400, 'BAD_REQUEST'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 10), phone: 'call me' }, 400, 'BAD_REQUEST'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 10), phone: '+79001234567', email: 'not-an-email' }, 400, 'BAD_REQUEST'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: msk(14, 10), phone: '+79001234567', admin: true }, 400, 'BAD_REQUEST'],
      ['POST', '/api/appointments/c1', { serviceId: 'passport', at: 'soon', phone: '+79001234567' }, 400, 'BAD_REQUEST'],
      ['GET', '/api/appointments/c1/NOT-A-CODE!', undefined, 400, 'BAD_REQUEST'],
      ['GET', '/api/appointments/c1/ZZZZ-ZZZZ', undefined, 404, 'UNKNOWN_APPOINTMENT'],
      ['POST', `/api/appointments/c1/${kept}/move`, { at: msk(14, 3) }, 409, 'SLOT_UNAVAILABLE'],
      ['POST', `/api/appointments/c1/${kept}/move`, {}, 400, 'BAD_REQUEST'],
      ['POST', '/api/appointments/c1/ZZZZZZZZ/cancel', undefined, 404, 'UNKNOWN_APPOINTMENT'],
      ['POST', '/api/appointments/c1/check-in', { code: kept }, 401, 'UNAUTHORIZED'],
      ['GET', '/api/appointments/c1/list?day=2026-03-02', undefined, 401, 'UNAUTHORIZED'],
      ['GET', '/api/appointments/c1/schedule?from=2026-03-02&to=2026-03-01', undefined, 401, 'UNAUTHORIZED'],
    ];
    const before = server.db.prepare('SELECT * FROM appointments').all();
    for (const [method, path, body, status, code] of cases) {
      const res = await server.call(method, path, body === undefined ? {} : { body });
      expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({ path, status, code });
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect(server.db.prepare('SELECT * FROM appointments').all()).toEqual(before);
  });

  it("an admin changes the center's rules alone (PUT /api/admin/appointments); a bad one is refused and changes nothing", async () => {
    server = await startServer({ config: bookableCenter() });
    const admin = await server.login('admin');
    const rules = { checkInEarlyMin: 20, checkInLateMin: 5, askName: 'required', askPhone: 'off', askEmail: 'optional', retentionDays: 10, perContactPerDay: 5 };
    expect(await server.call('PUT', '/api/admin/appointments', { token: admin, body: rules })).toMatchObject({ status: 200, body: rules });
    for (const bad of [{ ...rules, checkInLateMin: -1 }, { ...rules, askName: 'maybe' }, { ...rules, extra: 1 }]) {
      const res = await server.call('PUT', '/api/admin/appointments', { token: admin, body: bad });
      expect(res.status).toBe(400);
    }
    expect((await server.call('GET', '/api/admin/appointments', { token: admin })).body).toEqual(rules);
    // The booking page follows at once.
    expect((await server.call('GET', '/api/appointments/c1')).body).toMatchObject({ askName: 'required', askPhone: 'off', checkInEarlyMin: 20 });
    expect((await book({ at: msk(12) })).body.error.message).toMatch(/body.name: required/);
  });

  it('roles: the plan is for supervisors, the list for staff, check-in for a kiosk or staff', async () => {
    server = await startServer({ config: bookableCenter() });
    const op = await server.login('op1');
    const sup = await server.login('super');
    expect((await server.call('GET', '/api/appointments/c1/schedule?from=2026-03-02&to=2026-03-03', { token: op })).status).toBe(403);
    expect((await server.call('GET', '/api/appointments/c1/list?day=2026-03-02', { token: KIOSK_TOKEN })).status).toBe(403);
    const a = (await book({ at: msk(10, 20) })).body;
    const plan = await server.call('GET', '/api/appointments/c1/schedule?from=2026-03-02&to=2026-03-03', { token: sup });
    expect(plan.status).toBe(200);
    const passport = plan.body.services.find((s: { serviceId: string }) => s.serviceId === 'passport');
    expect(passport.slots.find((s: { at: number }) => s.at === a.at)).toEqual({ at: a.at, capacity: 1, booked: 1, checkedIn: 0, noShow: 0, cancelled: 0 });
    expect((await server.call('GET', '/api/appointments/c1/schedule?from=2026-03-02&to=2026-09-01', { token: sup })).status).toBe(400);
  });
});

describe('check-in (A1, A5) and no-shows (A4)', () => {
  it('A5: too early says when to come back; inside the window a booked-lane ticket carrying the slot; a second check-in returns the same ticket', async () => {
    server = await startServer({ config: bookableCenter() });
    const a = (await book({ at: msk(11) })).body;
    const early = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'CHECK_IN_TOO_EARLY' } } });
    expect(early.body.error.message).toContain('10:30');

    server.clock.advance(40 * MIN);
    const first = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code.toLowerCase() } });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ lane: 'booked', appointmentAt: msk(11), serviceId: 'passport', language: 'ru', status: 'waiting' });
    expect(first.body.appointment).toMatchObject({ status: 'checked-in', ticketId: first.body.ticket.id });
    const second = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code } });
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    // The ticket's public page is the one every ticket has.
    expect((await server.call('GET', `/api/tickets/${first.body.ticket.id}`)).status).toBe(200);
    // Checked in: no longer moved or cancelled.
    expect((await server.call('POST', `/api/appointments/c1/${a.code}/cancel`)).body.error.code).toBe('APPOINTMENT_CLOSED');
  });

  it('A5 then A4: too late offers an ordinary ticket, and the booking nobody came for becomes a no-show', async () => {
    server = await startServer({ config: bookableCenter() });
    const a = (await book({ at: msk(10, 30) })).body;
    server.clock.advance(46 * MIN);
    const late = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code } });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'CHECK_IN_TOO_LATE' } } });
    expect(late.body.error.message).toMatch(/10:45.*ordinary ticket/);
    expect((await server.call('GET', `/api/appointments/c1/${a.code}`)).body.status).toBe('no-show');
    // Nothing was issued for it.
    expect((await server.call('GET', '/api/queue', { token: KIOSK_TOKEN })).body.tickets ?? []).toEqual([]);
  });

  it('A5 at midnight: check-in never opens before the slot’s own day; across a DST change the window is real minutes', async () => {
    server = await startServer({
      config: bookableCenter((cfg) => {
        cfg.center.timezone = 'Europe/Berlin';
        cfg.services[0]!.appointments = { enabled: true, bookableShare: 0.5, daysAhead: 40 };
      }),
    });
    // Berlin, Sunday 29 March 2026: the clocks go from 02:00 to 03:00. T0 is 2 March 08:00 in Berlin.
    const slotsDst = (await server.call('GET', '/api/appointments/c1/slots?service=passport&day=2026-03-29')).body.slots as { at: number }[];
    const ats = slotsDst.map((s) => s.at);
    expect(new Set(ats).size).toBe(ats.length);
    // 23 hours of 10-minute slots: the skipped hour has none.
    expect(ats).toHaveLength(23 * 6);
    const threeAm = Date.UTC(2026, 2, 29, 1, 0);
    expect(ats).toContain(threeAm);
    const booked = (await book({ at: threeAm })).body;
    // 30 minutes before 03:00 CEST is 01:30 CET: real time, not wall-clock arithmetic.
    expect(booked.checkInFrom).toBe(threeAm - 30 * MIN);

    const tenPast = Date.UTC(2026, 2, 3, 23, 10); // 00:10 on 4 March, Berlin
    const night = (await book({ at: tenPast })).body;
    expect(night.checkInFrom).toBe(Date.UTC(2026, 2, 3, 23, 0));
    server.clock.now = Date.UTC(2026, 2, 3, 22, 50); // 23:50 on 3 March
    const early = await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: night.code } });
    expect(early.body.error.code).toBe('CHECK_IN_TOO_EARLY');
    expect(early.body.error.message).toContain('00:00');
    server.clock.now = Date.UTC(2026, 2, 3, 23, 1);
    expect((await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: night.code } })).status).toBe(201);
  });

  it('retention: who booked is erased after the center’s days; the booking stays for the figures', async () => {
    server = await startServer({ config: bookableCenter((cfg) => (cfg.center.appointments = { retentionDays: 7 })) });
    const staff = await server.login('op1');
    await book({ at: msk(16), name: 'Anna', phone: '+998 90 123 45 67', email: 'Anna@Example.org' });
    expect((await server.call('GET', '/api/appointments/c1/list?day=2026-03-02', { token: staff })).body[0]).toMatchObject({ name: 'Anna', phone: '+998 90 123 45 67' });
    server.clock.now = msk(16, 1, 9);
    const later = (await server.call('GET', '/api/appointments/c1/list?day=2026-03-02', { token: await server.login('op1') })).body;
    expect(later).toEqual([expect.objectContaining({ name: null, phone: null, email: null, status: 'no-show' })]);
    expect(server.db.prepare('SELECT phone_key, email_key FROM appointments').get()).toEqual({ phone_key: null, email_key: null });
  });
});

describe('figures (issue 13: reports gain bookings)', () => {
  it("an early arrival's wait runs from its slot (A2), in today's figures and the report; the report counts bookings, check-ins, on-time share and no-shows", async () => {
    server = await startServer({ config: bookableCenter() });
    const a = (await book({ at: msk(11) })).body;
    await book({ at: msk(10, 30) }); // nobody comes
    server.clock.now = msk(10, 40);
    expect((await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code } })).status).toBe(201);
    const op = await server.login('op1');
    expect((await server.call('POST', '/api/counters/1/claim', { token: op })).status).toBe(200);
    server.clock.now = msk(11, 3);
    const called = await server.call('POST', '/api/counters/1/call-next', { token: op });
    expect(called.body.ticket).toMatchObject({ lane: 'booked', appointmentAt: msk(11) });

    const today = (await server.call('GET', '/api/stats/today', { token: op })).body;
    // Three minutes from the slot, not twenty-three from check-in.
    expect(today.services.passport).toMatchObject({ avgWaitMin: 3, withinTargetShare: 1 });

    const sup = await server.login('super');
    const report = (await server.call('GET', '/api/reports/summary?from=2026-03-02&to=2026-03-02&groupBy=lane', { token: sup })).body;
    expect(report.appointments).toMatchObject({ booked: 2, checkedIn: 1, noShow: 1, cancelled: 0, onTime: 1, withinTarget: 1 });
    expect(report.appointments.wait).toMatchObject({ count: 1, mean: 3 });
    expect(report.groups.find((g: { key: string }) => g.key === 'booked').figures.wait.mean).toBe(3);
  });
});

describe('the calendar file and the rate limit', () => {
  it('the .ics file is a calendar entry in the language booked in, in UTC, with the code and the check-in window', async () => {
    server = await startServer({ config: bookableCenter() });
    const a = (await book({ at: msk(11), language: 'ru' })).body;
    const res = await server.call('GET', `/api/appointments/c1/${a.code}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`appointment-${a.code}.ics`);
    const text = res.text.replace(/\r\n /g, '');
    expect(text).toContain('DTSTART:20260302T080000Z');
    expect(text).toContain('DTEND:20260302T081000Z');
    expect(text).toContain('SUMMARY:Запись: Паспорт');
    expect(text).toContain('с 10:30 до 11:15');
    expect(text).toContain(`${a.code.slice(0, 4)}-${a.code.slice(4)}`);
    expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('personal data is never logged: the log has routes, not names, phones, e-mails or codes', async () => {
    let captured = '';
    const log = pino({ level: 'trace' }, { write: (line: string) => void (captured += line) });
    server = await startServer({ config: bookableCenter(), app: { log } });
    const a = (await book({ at: msk(15), name: 'Zarina Karimova', phone: '+998 90 765 43 21', email: 'zarina@example.uz' })).body;
    await server.call('GET', `/api/appointments/c1/${a.code}`);
    await server.call('POST', '/api/appointments/c1', { body: { serviceId: 'passport', at: msk(15), name: 'Zarina Karimova', phone: 'bad phone' } });
    server.clock.now = msk(14, 40);
    await server.call('POST', '/api/appointments/c1/check-in', { token: KIOSK_TOKEN, body: { code: a.code } });
    expect(captured).toContain('"route":"/api/appointments/:centerId/:code"');
    // The phone as typed and as its digits ("765" alone turned up by chance in a request's timing or an id).
    for (const secret of ['Zarina', 'Karimova', '765 43 21', '998907654321', 'zarina@', a.code]) expect(captured).not.toContain(secret);
  });

  it('bookings from one address are limited, with a message a person can act on', async () => {
    server = await startServer({ config: bookableCenter(), app: { bookPer10Min: 3 } });
    for (let i = 0; i < 3; i++) expect((await book({ at: msk(15, i * 10) })).status).toBe(201);
    const fourth = await book({ at: msk(15, 30) });
    expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(fourth.body.error.message).toMatch(/wait ten minutes/);
    expect(rows()).toBe(3);
  });
});
