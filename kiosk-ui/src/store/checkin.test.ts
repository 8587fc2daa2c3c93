import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Catalogue } from '../api';
import { createKioskStore } from './index';

const AT = Date.UTC(2026, 2, 2, 8, 0);
const view = { code: 'K7M2QX9P', centerId: 'c1', serviceId: 'passport', at: AT, slotMin: 10, status: 'booked', language: 'ru', checkInFrom: AT - 1_800_000, checkInTo: AT + 900_000, ticketId: null, bookedAt: 0 };
const ticket = { id: 't1', number: 'A001', serviceId: 'passport', lane: 'booked', appointmentAt: AT };
const catalogue = {
  center: { id: 'c1', name: 'C', languages: ['ru', 'en'], defaultLanguage: 'ru', targetWaitMin: 15, timezone: 'Europe/Moscow' },
  services: [{ id: 'passport', prefix: 'A', names: { ru: 'Паспорт' }, appointments: { enabled: true } }],
  priorityCategories: [],
  loads: [],
  availability: [],
} as unknown as Catalogue;

/** The server as the kiosk sees it: answers by method and path; every request is recorded. */
function server(answer: (method: string, path: string, body: unknown) => [number, unknown]) {
  const calls: { method: string; path: string; body: unknown; auth: string | undefined }[] = [];
  vi.stubGlobal('window', { location: { origin: 'http://kiosk' } });
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body, auth: (init.headers as Record<string, string>).Authorization });
    const [status, json] = answer(method, path, body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}
const refuse = (code: string): [number, unknown] => [409, { error: { code, message: 'English words the kiosk must not show' } }];

function kiosk() {
  const store = createKioskStore();
  store.getState().setToken('kiosk-token');
  store.getState().setCatalogue(catalogue);
  store.getState().chooseLanguage('en');
  store.getState().openCheckIn();
  return store;
}

afterEach(() => vi.unstubAllGlobals());

describe('the kiosk check-in store', () => {
  it('checks a scanned code in with the kiosk token and shows the booked ticket; start over forgets it all', async () => {
    const calls = server(() => [201, { appointment: { ...view, status: 'checked-in' }, ticket, eta: { position: 1, etaMin: 3 }, seq: 5 }]);
    const store = kiosk();
    const s = () => store.getState();
    expect(s()).toMatchObject({ screen: 'checkin', lane: 'normal', checkIn: { state: 'entry', problem: null } });
    s().setCheckInCode('k7m2-qx9p');
    await s().submitCheckIn();
    expect(calls).toEqual([{ method: 'POST', path: '/api/appointments/c1/check-in', body: { code: 'K7M2QX9P' }, auth: 'Bearer kiosk-token' }]);
    expect(s()).toMatchObject({ screen: 'ticket', issue: { state: 'issued', ticket: { appointmentAt: AT }, statusUrl: 'http://kiosk/t/t1?lang=en' }, checkInCode: '' });
    s().startOver();
    expect(s()).toMatchObject({ screen: 'language', checkIn: { state: 'entry', problem: null }, checkInCode: '', issue: { state: 'idle' } });
  });

  it('sends nothing for what cannot be a code; a refused code stays in the field with the reason', async () => {
    const calls = server(() => refuse('UNKNOWN_APPOINTMENT'));
    const store = kiosk();
    const s = () => store.getState();
    s().setCheckInCode('K7M2-QX0P');
    await s().submitCheckIn();
    expect(calls).toEqual([]);
    expect(s().checkIn).toEqual({ state: 'entry', problem: 'checkInLookalikes' });
    // Typing again clears the problem.
    s().setCheckInCode('ZZZZ-ZZZZ');
    expect(s().checkIn).toEqual({ state: 'entry', problem: null });
    await s().submitCheckIn();
    expect(s()).toMatchObject({ screen: 'checkin', checkIn: { state: 'entry', problem: 'bookErrUnknown' }, checkInCode: 'ZZZZ-ZZZZ' });
  });

  it('too early: the booking is looked up for when check-in opens; back returns to the code', async () => {
    const calls = server((method) => (method === 'POST' ? refuse('CHECK_IN_TOO_EARLY') : [200, view]));
    const store = kiosk();
    const s = () => store.getState();
    s().setCheckInCode('K7M2QX9P');
    await s().submitCheckIn();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/appointments/c1/check-in', 'GET /api/appointments/c1/K7M2QX9P']);
    expect(s().checkIn).toEqual({ state: 'early', booking: view });
    s().back();
    expect(s()).toMatchObject({ screen: 'checkin', checkIn: { state: 'entry', problem: null }, checkInCode: 'K7M2QX9P' });
    s().back();
    expect(s()).toMatchObject({ screen: 'services', checkInCode: '' });
  });

  it('too late: an ordinary ticket for the booked service, in the normal lane; without the booking, the services', async () => {
    let lookup = true;
    const calls = server((method, path) => {
      if (path === '/api/tickets') return [201, { ticket: { ...ticket, id: 't2', lane: 'normal', appointmentAt: undefined }, eta: null, seq: 6 }];
      if (method === 'POST') return refuse('CHECK_IN_TOO_LATE');
      return lookup ? [200, view] : [503, { error: { code: 'UNAVAILABLE', message: 'x' } }];
    });
    const store = kiosk();
    const s = () => store.getState();
    s().setCheckInCode('K7M2QX9P');
    await s().submitCheckIn();
    expect(s().checkIn).toEqual({ state: 'late', booking: view });
    s().takeOrdinaryTicket();
    await vi.waitFor(() => expect(s().issue.state).toBe('issued'));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/tickets', body: { serviceId: 'passport', lane: 'normal', language: 'en' } });
    expect(s()).toMatchObject({ screen: 'ticket', checkIn: { state: 'entry' } });

    s().openCheckIn();
    lookup = false;
    s().setCheckInCode('K7M2QX9P');
    await s().submitCheckIn();
    expect(s().checkIn).toEqual({ state: 'late', booking: null });
    s().takeOrdinaryTicket();
    expect(s().screen).toBe('services');
  });

  it('a visitor who left while the answer was out leaves nothing for the next one', async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal('window', { location: { origin: 'http://kiosk' } });
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)));
    const store = kiosk();
    const s = () => store.getState();
    s().setCheckInCode('K7M2QX9P');
    const sent = s().submitCheckIn();
    expect(s().checkIn.state).toBe('checking');
    // A second Enter while the first is out sends nothing.
    await s().submitCheckIn();
    s().startOver();
    answer(new Response(JSON.stringify({ appointment: view, ticket, eta: null, seq: 1 }), { status: 201 }));
    await sent;
    expect(s()).toMatchObject({ screen: 'language', issue: { state: 'idle' }, checkIn: { state: 'entry' } });
  });

  it('a refused kiosk token goes to pairing', async () => {
    server(() => [401, { error: { code: 'UNAUTHORIZED', message: 'x' } }]);
    const store = kiosk();
    store.getState().setCheckInCode('K7M2QX9P');
    await store.getState().submitCheckIn();
    expect(store.getState()).toMatchObject({ paired: 'no', pairingReason: 'revoked', screen: 'language' });
  });
});
