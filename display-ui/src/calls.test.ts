import { centerAppointmentsSchema, centerRemoteSchema, policySchema, type DisplayCounter, type DisplayFact, type DisplayTicket, type DisplaySnapshot } from '@qms/shared';
import { applyFact, fromSnapshot, type CallRecord } from '@qms/shared/client';
import { describe, expect, it } from 'vitest';
import { bindServerEvents } from './bindServerEvents.js';
import { callStanding, hallCalls } from './calls.js';
import type { DisplayConnectionOptions, DisplayHall } from './hall.js';
import { createDisplayStore } from './store/index.js';
import { WHOLE_HALL } from './zone.js';

const T = 1_700_000_000_000;
const counter = (id: string, serviceId: string): DisplayCounter => ({
  id, number: id, zone: 'A', status: 'open', services: [{ serviceId, role: 'primary' }], currentTicketId: null, changedAt: T,
});
const counters = { '1': counter('1', 'passport'), '2': counter('2', 'passport'), '3': counter('3', 'property') };
const call = (ticketId: string, counterId: string, at: number): CallRecord => ({
  ticketId, number: ticketId.toUpperCase(), serviceId: 'passport', counterId, counterNumber: counterId, language: null, at, recall: false,
});
type Status = DisplayTicket['status'];
const tk = (id: string, status: Status, counterId: string | null): DisplayTicket => ({
  id, number: id.toUpperCase(), serviceId: 'passport', status, counterId, language: null, calledAt: T, recalls: 0, finishedAt: null,
});

describe('where a call stands', () => {
  it('holds while the ticket is called at that counter; served is history; anything else withdraws it', () => {
    const c = call('a1', '1', T);
    const with1 = (status: Status, counterId: string | null = '1') => callStanding(c, { a1: tk('a1', status, counterId) });
    expect(with1('called')).toBe('calling');
    expect(with1('serving')).toBe('served');
    expect(with1('done')).toBe('served');
    expect(with1('no_show')).toBe('withdrawn');
    expect(with1('cancelled')).toBe('withdrawn');
    expect(with1('waiting', null)).toBe('withdrawn'); // transferred, requeued, reactivated
    expect(with1('called', '2')).toBe('withdrawn'); // called again elsewhere
    expect(callStanding(c, {})).toBe('served'); // long finished, pruned: history
  });

  it('puts the newest call that still holds in "Now calling", served ones below, withdrawn ones nowhere', () => {
    const calls = [call('d4', '2', T + 4), call('c3', '1', T + 3), call('b2', '2', T + 2), call('a1', '1', T + 1), call('b2', '1', T)];
    const tickets = { d4: tk('d4', 'no_show', '2'), c3: tk('c3', 'serving', '1'), b2: tk('b2', 'called', '2'), a1: tk('a1', 'done', '1') };
    const out = hallCalls(WHOLE_HALL, calls, counters, tickets, 6);
    expect(out.now?.ticketId).toBe('b2');
    expect(out.previous.map((c) => c.ticketId)).toEqual(['c3', 'a1']);
    // Nothing holds: the big slot is empty, history stays.
    const none = hallCalls(WHOLE_HALL, calls, counters, { ...tickets, b2: tk('b2', 'waiting', null) }, 6);
    expect(none.now).toBeUndefined();
    expect(none.previous.map((c) => c.ticketId)).toEqual(['c3', 'a1']);
    expect(hallCalls({ counters: ['2'], services: [] }, calls, counters, tickets, 6)).toEqual({ now: calls[2], previous: [] });
  });
});

describe('announcements of a call that stops holding', () => {
  function setup() {
    const store = createDisplayStore();
    let opts: DisplayConnectionOptions | null = null;
    let state: DisplayHall | null = null;
    bindServerEvents({ token: 't', store, now: () => T, connect: (o) => ((opts = o), { socket: null as never, close: () => {} }) });
    const snap: DisplaySnapshot = {
      seq: 1, now: T, tickets: [], etas: {}, loads: [], priorityCategories: [],
      center: { id: 'c', name: 'C', timezone: 'Europe/Moscow', languages: ['ru'], defaultLanguage: 'ru', targetWaitMin: 15, hours: {}, policy: policySchema.parse({}), balancing: { mode: 'off' }, appointments: centerAppointmentsSchema.parse({}), remote: centerRemoteSchema.parse({}) },
      balance: { mode: 'off', proposals: [] },
      services: [{ id: 'passport', prefix: 'A', names: { ru: 'Паспорт' }, serviceTimeMin: 6 }],
      counters: Object.values(counters),
    };
    state = fromSnapshot(snap, T);
    opts!.onStatus('live');
    opts!.onState(state);
    const facts = (...list: { type: string; ticket: DisplayTicket; counterId: string }[]) => {
      for (const f of list) {
        const fact = { type: f.type, ticket: f.ticket, counter: counters[f.counterId as '1'], seq: state!.seq + 1, at: T, centerId: 'c' } as DisplayFact;
        state = applyFact(state!, fact);
        opts!.onFact!(fact, state);
      }
      opts!.onState(state!);
    };
    return { store, facts };
  }

  it('withdraws the queued announcements of a no-show, and does not queue a call already over when it arrives', () => {
    const { store, facts } = setup();
    facts({ type: 'ticket:called', ticket: tk('a1', 'called', '1'), counterId: '1' }, { type: 'ticket:called', ticket: tk('b2', 'called', '2'), counterId: '2' });
    expect(store.getState().announcements.map((a) => [a.callKey.split('@')[0], a.status])).toEqual([['a1', 'queued'], ['b2', 'queued']]);
    facts({ type: 'ticket:no-show', ticket: tk('a1', 'no_show', '1'), counterId: '1' });
    expect(store.getState().announcements.map((a) => [a.callKey.split('@')[0], a.outcome])).toEqual([['a1', 'withdrawn'], ['b2', null]]);
    // Caught up in one go: called, then completed before this display heard of it.
    facts({ type: 'ticket:called', ticket: tk('c3', 'called', '1'), counterId: '1' }, { type: 'ticket:completed', ticket: tk('c3', 'done', '1'), counterId: '1' });
    expect(store.getState().announcements.filter((a) => a.callKey.startsWith('c3@'))).toEqual([]);
  });
});
