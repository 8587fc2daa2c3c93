import { centerAppointmentsSchema, centerRemoteSchema, policySchema, type CounterState, type DisplayCounter, type DisplayFact, type DisplayTicket, type Snapshot, type Ticket } from '@qms/shared';
import { applyFact, fromSnapshot } from '@qms/shared/client';
import type { DisplayConnectionOptions as HallConnectionOptions, DisplayHall as HallState } from './hall.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANNOUNCE_WITHIN_MS, bindServerEvents } from './bindServerEvents.js';
import { parseOptions } from './options.js';
import { createDisplayStore, type DisplayStore } from './store/index.js';

const T = 1_700_000_000_000;

const counter = (id: string, serviceId: string): CounterState => ({
  id, number: id, zone: 'main', status: 'open', services: [{ serviceId, role: 'primary' }], staffLogin: null,
  currentTicketId: null, pauseReason: null, pauseReasonId: null, priorityStreak: 0, changedAt: T,
});

const ticket = (n: number, serviceId: string, over: Partial<Ticket> = {}): Ticket => ({
  id: `t${n}`, centerId: 'c', day: '2026-03-02', serviceId, issuedServiceId: serviceId, seqNo: n,
  number: `${serviceId === 'passport' ? 'A' : 'B'}${String(n).padStart(3, '0')}`, lane: 'normal', categoryId: null,
  language: null, status: 'waiting', issuedAt: T, queuedAt: T, targetCounterId: null, returnServiceId: null,
  counterId: null, calledAt: null, startedAt: null, finishedAt: null, recalls: 0, transfers: 0, firstCalledAt: null, clientRef: null, ...over,
});

const snapshot = (seq: number, tickets: Ticket[] = []): Snapshot => ({
  seq, now: T, tickets, etas: {}, loads: [], priorityCategories: [],
  center: { id: 'c', name: 'C', timezone: 'Europe/Moscow', languages: ['ru', 'en'], defaultLanguage: 'ru', targetWaitMin: 15, hours: {},
    policy: policySchema.parse({}), balancing: { mode: 'off' }, appointments: centerAppointmentsSchema.parse({}), remote: centerRemoteSchema.parse({}) },
  balance: { mode: 'off', proposals: [] },
  services: [{ id: 'passport', prefix: 'A', names: { ru: 'Паспорт' }, serviceTimeMin: 6 }, { id: 'property', prefix: 'B', names: { ru: 'Имущество' }, serviceTimeMin: 6 }],
  counters: [counter('1', 'passport'), counter('2', 'property'), counter('3', 'property')],
});

/** A fake connectHall: the test plays the server's part through the captured callbacks. */
function fakeServer() {
  let opts: HallConnectionOptions | null = null;
  let state: HallState | null = null;
  let closed = false;
  return {
    connect: (o: HallConnectionOptions) => {
      opts = o;
      return { socket: null as never, close: () => void (closed = true) };
    },
    get closed() {
      return closed;
    },
    snapshot(snap: Snapshot) {
      state = fromSnapshot<DisplayTicket, DisplayCounter>(snap, T);
      opts!.onStatus('live');
      opts!.onState(state);
    },
    call(n: number, counterId: string, type: 'ticket:called' | 'ticket:recalled' = 'ticket:called', at = T, language: string | null = null) {
      const c = state!.counters[counterId]!;
      const t = ticket(n, c.services[0]!.serviceId, { status: 'called', counterId, calledAt: at, language: language as Ticket['language'] });
      const fact = { type, ticket: t, counter: c, seq: state!.seq + 1, at, centerId: 'c' } as DisplayFact;
      state = applyFact(state!, fact);
      opts!.onFact!(fact, state);
      opts!.onState(state);
    },
    servicesChanged(counterId: string, serviceIds: string[], at = T) {
      const previous = state!.counters[counterId]!;
      const next = { ...previous, services: serviceIds.map((serviceId) => ({ serviceId, role: 'primary' as const })) };
      const fact = { type: 'counter:services-changed', counter: next, previous: previous.services, reason: 'peak', seq: state!.seq + 1, at, centerId: 'c' } as DisplayFact;
      state = applyFact(state!, fact);
      opts!.onFact!(fact, state);
      opts!.onState(state);
    },
    status: (s: Parameters<HallConnectionOptions['onStatus']>[0]) => opts!.onStatus(s),
    configChanged() {
      const fact = { type: 'config:changed', seq: state!.seq + 1, at: T, centerId: 'c' } as DisplayFact;
      state = applyFact(state!, fact);
      opts!.onFact!(fact, state);
      opts!.onState(state);
    },
  };
}

describe('bindServerEvents', () => {
  let store: DisplayStore;
  let server: ReturnType<typeof fakeServer>;
  const texts = () => store.getState().announcements.map((a) => a.text);

  beforeEach(() => {
    store = createDisplayStore(parseOptions(''));
    server = fakeServer();
  });
  const bind = (extra: { onConfigChanged?: () => void } = {}) => bindServerEvents({ token: 'x', store, connect: server.connect, now: () => T, ...extra });

  it('puts the hall in the store and announces each new call, recalls included', () => {
    bind();
    server.snapshot(snapshot(1));
    expect(store.getState().status).toBe('live');
    server.call(1, '1');
    server.call(1, '1', 'ticket:recalled');
    expect(store.getState().hall?.calls[0]).toMatchObject({ number: 'A001', counterNumber: '1', recall: true });
    expect(texts()).toEqual(['Талон A 001, окно 1', 'Талон A 001, окно 1']);
    expect(store.getState().callPulse).toBe(2);
  });

  it('speaks the visitor’s language after the center’s', () => {
    bind();
    server.snapshot(snapshot(1));
    server.call(2, '2', 'ticket:called', T, 'en');
    expect(store.getState().announcements.map((a) => [a.lang, a.text, a.chime])).toEqual([
      ['ru', 'Талон B 002, окно 2', true],
      ['en', 'Ticket B 002, counter 2', false],
    ]);
  });

  it('does not announce what was already called when it starts', () => {
    bind();
    server.snapshot(snapshot(5, [ticket(1, 'passport', { status: 'called', counterId: '1', calledAt: T })]));
    expect(store.getState().hall?.calls).toHaveLength(1);
    expect(texts()).toEqual([]);
    expect(store.getState().callPulse).toBe(0);
  });

  it('after a fresh snapshot (a server restart) announces only the calls it missed, recent ones only', () => {
    bind();
    const a1 = ticket(1, 'passport', { status: 'called', counterId: '1', calledAt: T - 1000 });
    server.snapshot(snapshot(5, [a1]));
    const missed = ticket(2, 'property', { status: 'called', counterId: '2', calledAt: T - 500 });
    const old = ticket(3, 'property', { status: 'called', counterId: '3', calledAt: T - ANNOUNCE_WITHIN_MS - 1 });
    server.snapshot(snapshot(9, [a1, missed, old]));
    expect(texts()).toEqual(['Талон B 002, окно 2']);
    expect(store.getState().callPulse).toBe(2); // both flash on screen
  });

  it('in a zone, shows and announces only the zone’s calls', () => {
    store = createDisplayStore(parseOptions('?counters=3'));
    store.getState().setZone({ counters: ['3'], services: [] });
    bind();
    server.snapshot(snapshot(1));
    server.call(1, '1');
    server.call(2, '3');
    expect(texts()).toEqual(['Талон B 002, окно 3']);
    expect(store.getState().callPulse).toBe(1);
  });

  it('uses the languages from the address', () => {
    store = createDisplayStore(parseOptions('?langs=vi,en'));
    bind();
    server.snapshot(snapshot(1));
    server.call(1, '1');
    expect(texts()).toEqual(['Mời số A 001 đến quầy 1', 'Ticket A 001, counter 1']);
  });

  it('reports connection status, a revoked token, configuration changes, and closes', () => {
    let changed = 0;
    const stop = bind({ onConfigChanged: () => void changed++ });
    expect(store.getState().status).toBe('connecting');
    server.snapshot(snapshot(1));
    server.status('reconnecting');
    expect(store.getState().status).toBe('reconnecting');
    server.configChanged();
    expect(changed).toBe(1);
    server.status('unauthorized');
    expect(store.getState().pairing).toBe('unpaired');
    stop();
    expect(server.closed).toBe(true);
  });

  it('turns a change of a counter’s services into a notice on screen, not an announcement; in its zone, while fresh', () => {
    bind();
    server.snapshot(snapshot(1));
    server.servicesChanged('1', ['passport', 'property']);
    expect(store.getState().notices).toMatchObject([{ counterNumber: '1', kind: 'added', serviceIds: ['property'], shownAt: T }]);
    expect(store.getState().hall?.counters['1']?.services).toHaveLength(2);
    expect(texts()).toEqual([]);
    // Caught up long after (a reconnection): old news.
    server.servicesChanged('1', ['passport'], T - 2 * 60_000);
    expect(store.getState().notices).toHaveLength(1);
    // Another zone's counter.
    store.getState().setZone({ counters: ['3'], services: [] });
    server.servicesChanged('2', ['property', 'passport']);
    expect(store.getState().notices.map((n) => n.counterId)).toEqual(['1']);
  });
});
