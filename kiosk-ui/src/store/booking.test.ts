import type { BookingCenter } from '@qms/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskStore } from './index';

const center: BookingCenter = {
  id: 'c1',
  name: 'C',
  timezone: 'Europe/Moscow',
  languages: ['ru', 'en', 'vi'],
  defaultLanguage: 'ru',
  askName: 'optional',
  askPhone: 'required',
  askEmail: 'off',
  checkInEarlyMin: 30,
  checkInLateMin: 15,
  services: [{ id: 'passport', names: { ru: 'Паспорт' }, category: null, slotMin: 15, firstDay: '2026-03-02', lastDay: '2026-03-16', targetWaitMin: 10 }],
};
const AT = Date.UTC(2026, 2, 3, 7, 0);
const view = { code: 'K7M2QX9P', centerId: 'c1', serviceId: 'passport', at: AT, slotMin: 15, status: 'booked', language: 'vi', checkInFrom: AT - 1_800_000, checkInTo: AT + 900_000, ticketId: null, bookedAt: 0 };

/** The server as the page sees it: answers by method and path; every request is recorded. */
function server(answer: (method: string, path: string, body: unknown) => [number, unknown]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    const [status, json] = answer(method, path, body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}
const refuse = (code: string): [number, unknown] => [409, { error: { code, message: 'English words the page must not show' } }];
const slots = (path: string): [number, unknown] => [200, { serviceId: 'passport', day: new URL(path, 'http://x').searchParams.get('day'), slotMin: 15, slots: path.includes('2026-03-03') ? [{ at: AT, free: 2 }] : [] }];

afterEach(() => vi.unstubAllGlobals());

describe('the booking page store', () => {
  it('loads the center in the language of the address, then walks service → day → time → details', async () => {
    const calls = server((_method, path) => (path.includes('/slots') ? slots(path) : [200, center]));
    const store = createKioskStore();
    const s = () => store.getState();
    await s().openBookingPage({ kind: 'book' }, 'c1', 'vi');
    expect(s()).toMatchObject({ bookLoad: { state: 'ready' }, bookStep: 'service', lang: 'vi' });
    s().chooseBookService('passport');
    await vi.waitFor(() => expect(Object.keys(s().bookSlots)).toHaveLength(7));
    // A week of days, no more: the rest when the visitor asks for later days.
    expect(calls.filter((c) => c.path.includes('/slots')).map((c) => new URL(c.path, 'http://x').searchParams.get('day'))).toEqual([
      '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08',
    ]);
    s().chooseBookDay('2026-03-03');
    s().chooseBookTime(AT);
    expect(s()).toMatchObject({ bookStep: 'details', bookAt: AT });
    s().bookBack();
    s().bookBack();
    s().bookBack();
    expect(s().bookStep).toBe('service');
  });

  it('sends nothing while the form has problems; a taken time goes back to the fresh times with the reason', async () => {
    let full = false;
    const calls = server((method, path) => (method === 'POST' ? (full ? refuse('SLOT_FULL') : [201, view]) : path.includes('/slots') ? slots(path) : [200, center]));
    const store = createKioskStore();
    const s = () => store.getState();
    await s().openBookingPage({ kind: 'book' }, 'c1', 'vi');
    s().chooseBookService('passport');
    s().chooseBookDay('2026-03-03');
    s().chooseBookTime(AT);
    s().setBookDetail('phone', 'call me');
    expect(await s().submitBooking()).toBe(false);
    expect(s()).toMatchObject({ bookChecked: true, bookStep: 'details' });
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    s().setBookDetail('phone', ' 0912 345 678 ');
    full = true;
    expect(await s().submitBooking()).toBe(false);
    expect(s()).toMatchObject({ bookStep: 'time', bookAt: null, bookRefusal: 'SLOT_FULL' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ serviceId: 'passport', at: AT, language: 'vi', phone: '0912 345 678' }]);

    full = false;
    s().chooseBookTime(AT);
    expect(await s().submitBooking()).toBe(true);
    expect(s()).toMatchObject({ bookStep: 'booking', bookNotice: 'booked', bookRefusal: null, booking: { code: 'K7M2QX9P' } });
    expect(s().bookingQr).toMatch(/^data:image\/png;base64,/);
  });

  it('opens a booking by its code in its language, moves it with no form, and cancels it', async () => {
    const calls = server((_method, path, body) => {
      if (path.endsWith('/move')) return [200, { ...view, at: (body as { at: number }).at }];
      if (path.endsWith('/cancel')) return [200, { ...view, status: 'cancelled' }];
      if (path.includes('/slots')) return slots(path);
      if (path === '/api/board') return [200, { center: { id: 'c1' } }];
      return [200, path.endsWith('K7M2QX9P') ? view : center];
    });
    const store = createKioskStore();
    const s = () => store.getState();
    await s().openBookingPage({ kind: 'manage', code: 'K7M2QX9P' }, null, null);
    // No ?center=: the server's default one, from its live board.
    expect(calls[0]).toMatchObject({ path: '/api/board' });
    expect(s()).toMatchObject({ bookStep: 'booking', lang: 'vi', booking: { status: 'booked' } });
    const qr = s().bookingQr;

    s().startMove();
    expect(s()).toMatchObject({ bookStep: 'day', bookMoving: true, bookServiceId: 'passport' });
    s().chooseBookDay('2026-03-03');
    s().chooseBookTime(AT + 900_000);
    // Moving asks for no details: the booking has them.
    expect(await s().submitBooking()).toBe(true);
    expect(calls.filter((c) => c.method === 'POST')).toMatchObject([{ path: '/api/appointments/c1/K7M2QX9P/move', body: { at: AT + 900_000 } }]);
    expect(s()).toMatchObject({ bookStep: 'booking', bookMoving: false, bookNotice: 'moved', booking: { at: AT + 900_000 } });
    expect(s().bookingQr).toBe(qr);

    expect(await s().cancelBooking()).toBe(true);
    expect(s()).toMatchObject({ bookNotice: null, booking: { status: 'cancelled' } });
  });

  it('says why a page cannot be shown: an unknown code, a center without booking', async () => {
    server((_m, path) => (path.endsWith('/ZZZZZZZZ') ? refuse('UNKNOWN_APPOINTMENT') : path.includes('nope') ? [404, { error: { code: 'NOT_FOUND', message: 'x' } }] : [200, center]));
    const store = createKioskStore();
    await store.getState().openBookingPage({ kind: 'manage', code: 'ZZZZZZZZ' }, 'c1', null);
    expect(store.getState().bookLoad).toEqual({ state: 'failed', code: 'UNKNOWN_APPOINTMENT' });
    const other = createKioskStore();
    await other.getState().openBookingPage({ kind: 'book' }, 'nope', null);
    expect(other.getState().bookLoad).toEqual({ state: 'failed', code: 'NOT_FOUND' });
  });
});
