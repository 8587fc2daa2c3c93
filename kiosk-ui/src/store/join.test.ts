import type { JoinCenter, JoinableService, PublicTicketStatus } from '@qms/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keptTickets, type KeyValueStore } from '../join';
import { createKioskStore } from './index';

const passport: JoinableService = { id: 'passport', names: { ru: 'Паспорт', en: 'Passport' }, category: null, open: true, reason: null, waiting: 3, expectedWaitMin: 12, opensAt: null };
const center = (services: JoinableService[] = [passport], askPhone: JoinCenter['askPhone'] = 'off'): JoinCenter => ({
  id: 'c1',
  name: 'C',
  timezone: 'Europe/Moscow',
  languages: ['ru', 'en', 'vi'],
  defaultLanguage: 'ru',
  askPhone,
  graceMin: 10,
  services,
});
const ticket = (id: string, over: Partial<PublicTicketStatus> = {}): PublicTicketStatus => ({
  id,
  number: 'A001',
  status: 'waiting',
  lane: 'normal',
  language: 'en',
  service: { id: 'passport', names: passport.names },
  counterNumber: null,
  issuedAt: 0,
  calledAt: null,
  eta: null,
  center: { id: 'c1', name: 'C', languages: ['ru', 'en'], defaultLanguage: 'ru', timezone: 'Europe/Moscow' },
  remote: { code: 'K7M2QX9P', arrived: false, heldAt: null, graceUntil: null },
  alert: { people: 3, minutes: 10 },
  rating: null,
  ...over,
});

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
const refuse = (status: number, code: string): [number, unknown] => [status, { error: { code, message: 'English words the page must not show' } }];

function memory(init: Record<string, string> = {}): KeyValueStore {
  const map = new Map(Object.entries(init));
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}
const kept = (ids: string[], at = Date.now()) => ({ 'qms.join.tickets.c1': JSON.stringify(ids.map((id, i) => ({ id, number: `A00${i + 1}`, at }))) });

afterEach(() => vi.unstubAllGlobals());

describe('the join page store (issue 14, V1)', () => {
  it('opens in the language of the address, joins with the page’s device id and the language, and remembers the ticket', async () => {
    const calls = server((method) => (method === 'POST' ? [201, { ...ticket('t1'), statusUrl: '/kiosk/t/t1?lang=en' }] : [200, center()]));
    const store = createKioskStore();
    const storage = memory();
    await store.getState().openJoinPage({ kind: 'join' }, new URLSearchParams('center=c1&lang=en'), storage);
    expect(store.getState()).toMatchObject({ lang: 'en', joinLoad: { state: 'ready' }, joinStep: 'service', joinMine: [] });
    store.getState().chooseJoinService('passport');
    expect(store.getState().joinStep).toBe('confirm');
    const joined = await store.getState().submitJoin(storage);
    expect(joined?.id).toBe('t1');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/join/c1');
    expect(post.body).toEqual({ serviceId: 'passport', language: 'en', deviceId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) });
    expect(keptTickets(storage, 'c1').map((k) => k.id)).toEqual(['t1']);
    // The same device id the next time.
    await store.getState().submitJoin(storage);
    const posts = calls.filter((c) => c.method === 'POST').map((c) => (c.body as { deviceId: string }).deviceId);
    expect(new Set(posts).size).toBe(1);
  });

  it('a refusal is worded by its code and the list fetched again: the share full greys the service; this phone’s limit says so', async () => {
    let list = center();
    server((method) => (method === 'POST' ? refuse(429, 'REMOTE_LIMIT') : [200, list]));
    const store = createKioskStore();
    await store.getState().openJoinPage({ kind: 'join' }, new URLSearchParams('center=c1'), memory());
    store.getState().chooseJoinService('passport');
    expect(await store.getState().submitJoin(memory())).toBeNull();
    expect(store.getState().joinRefusal).toBe('joinErrPhoneLimit');
    list = center([{ ...passport, open: false, reason: 'share-full' }]);
    await store.getState().submitJoin(memory());
    expect(store.getState().joinRefusal).toBe('joinShareFull');
    expect(store.getState().joinCenter?.services[0]?.open).toBe(false);
  });

  it('asks for the number only where the center does, and sends nothing while it is not one', async () => {
    const calls = server((method) => (method === 'POST' ? [201, { ...ticket('t1'), statusUrl: '' }] : [200, center([passport], 'required')]));
    const store = createKioskStore();
    await store.getState().openJoinPage({ kind: 'join' }, new URLSearchParams('center=c1'), memory());
    store.getState().chooseJoinService('passport');
    expect(await store.getState().submitJoin(memory())).toBeNull();
    expect(store.getState().joinChecked).toBe(true);
    store.getState().setJoinPhone('12ab');
    expect(await store.getState().submitJoin(memory())).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    store.getState().setJoinPhone(' +7 900 123-45-67 ');
    expect((await store.getState().submitJoin(memory()))?.id).toBe('t1');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ phone: '+7 900 123-45-67' });
  });

  it('the hall poster checks in each waiting ticket not yet here with its code, forgets the ones that are over (V2)', async () => {
    const statuses: Record<string, PublicTicketStatus> = {
      away: ticket('away'),
      here: ticket('here', { remote: { code: 'K7M2QX9Q', arrived: true, heldAt: null, graceUntil: null } }),
      done: ticket('done', { status: 'done' }),
    };
    const calls = server((method, path, body) => {
      if (path.startsWith('/api/join/')) return [200, center()];
      const id = path.split('/')[3]!;
      if (method === 'POST') return (body as { hallCode: string }).hallCode === 'HALL2026' ? [200, { ...statuses[id], remote: { ...statuses[id]!.remote, arrived: true } }] : refuse(400, 'WRONG_HALL_CODE');
      return statuses[id] ? [200, statuses[id]] : refuse(404, 'UNKNOWN_TICKET');
    });
    const storage = memory(kept(['away', 'here', 'done', 'gone']));
    const store = createKioskStore();
    await store.getState().openJoinPage({ kind: 'here' }, new URLSearchParams('center=c1&h=HALL2026'), storage);
    const here = store.getState().here;
    expect(here.state).toBe('done');
    expect(here.state === 'done' && here.tickets.map((t) => [t.id, t.remote?.arrived])).toEqual([
      ['away', true],
      ['here', true],
    ]);
    // Only the one not here yet was sent the code; the finished and the unknown are forgotten.
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/tickets/away/arrive']);
    expect(keptTickets(storage, 'c1').map((k) => k.id)).toEqual(['away', 'here']);

    const wrong = createKioskStore();
    await wrong.getState().openJoinPage({ kind: 'here' }, new URLSearchParams('center=c1&h=NOPE'), storage);
    expect(wrong.getState().here).toMatchObject({ state: 'wrongCode', tickets: [{ id: 'away' }, { id: 'here' }] });
  });

  it('the hall poster without a ticket, without a code, or with tickets remembered over a day ago', async () => {
    server((_m, path) => (path.startsWith('/api/join/') ? [200, center()] : [200, ticket('old')]));
    const none = createKioskStore();
    await none.getState().openJoinPage({ kind: 'here' }, new URLSearchParams('center=c1&h=HALL2026'), memory());
    expect(none.getState().here).toEqual({ state: 'none' });
    const noCode = createKioskStore();
    await noCode.getState().openJoinPage({ kind: 'here' }, new URLSearchParams('center=c1'), memory(kept(['old'])));
    expect(noCode.getState().here).toEqual({ state: 'noCode' });
    const stale = createKioskStore();
    const storage = memory(kept(['old'], Date.now() - 25 * 3_600_000));
    await stale.getState().openJoinPage({ kind: 'here' }, new URLSearchParams('center=c1&h=HALL2026'), storage);
    expect(stale.getState().here).toEqual({ state: 'none' });
    expect(keptTickets(storage, 'c1')).toEqual([]);
  });
});
