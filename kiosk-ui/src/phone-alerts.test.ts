import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketStatusView } from './api';
import { initI18n } from './i18n';
import { alertMemory, alertText, bindPhoneAlerts, dueAlert } from './phone-alerts';
import { createKioskStore } from './store';

const view = (over: Partial<TicketStatusView> = {}): TicketStatusView => ({
  id: 't1',
  number: 'A004',
  status: 'waiting',
  lane: 'normal',
  language: null,
  service: null,
  counterNumber: null,
  issuedAt: 0,
  calledAt: null,
  eta: { position: 5, etaMin: 40 },
  center: { id: 'c', name: 'C', languages: ['en', 'ru'], defaultLanguage: 'en', timezone: 'Europe/Moscow' },
  alert: { people: 2, minutes: 10 },
  rating: null,
  ...over,
});

/** localStorage's interface over a map: what a phone's browser keeps between visits. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

beforeAll(() => {
  initI18n('en');
});

describe('which alert the ticket calls for', () => {
  it('near: two people ahead or fewer, or ten minutes or less; not before, and only while waiting', () => {
    expect(dueAlert(view())).toBeNull();
    expect(dueAlert(view({ eta: { position: 3, etaMin: 40 } }))).toEqual({ kind: 'near', key: 'near' });
    expect(dueAlert(view({ eta: { position: 9, etaMin: 10 } }))).toEqual({ kind: 'near', key: 'near' });
    expect(dueAlert(view({ eta: { position: 9, etaMin: null } }))).toBeNull();
    expect(dueAlert(view({ status: 'serving', eta: null }))).toBeNull();
  });

  it('a call and each recall (a new calledAt); a hold while the visitor is away, not once arrived', () => {
    expect(dueAlert(view({ status: 'called', calledAt: 5, eta: null, counterNumber: '2' }))).toEqual({ kind: 'called', key: 'called:5' });
    const held = view({ eta: { position: 1, etaMin: 0 }, remote: { code: 'ABCD2345', arrived: false, heldAt: 7, graceUntil: 600_007 } });
    expect(dueAlert(held)).toEqual({ kind: 'held', key: 'held:7' });
    expect(dueAlert({ ...held, remote: { ...held.remote!, arrived: true, graceUntil: null } })).toEqual({ kind: 'near', key: 'near' });
  });

  it('words: people ahead, the wait and where to go; the hold says by when, on the center\'s clock', () => {
    expect(alertText('near', view({ eta: { position: 3, etaMin: 12 } }), 'en', 'Europe/Moscow')).toEqual({
      title: 'Almost your turn',
      lines: ['People ahead of you: 2', 'Expected wait: about 12 min', 'Please come to the hall and wait near the counters.'],
    });
    // Next in line: the title says it, and the status panel under the banner says "You are next in line" already.
    expect(alertText('near', view({ eta: { position: 1, etaMin: 0 } }), 'en', undefined).lines).not.toContain('You are next in line');
    const held = view({ remote: { code: 'ABCD2345', arrived: false, heldAt: 0, graceUntil: Date.UTC(2026, 2, 2, 7, 40) } });
    expect(alertText('held', held, 'en', 'Europe/Moscow').lines[0]).toMatch(/ABCD2345 at the kiosk, by 10:40\./);
  });
});

describe('each alert once per ticket, also after a reload', () => {
  it('a banner and a ring when it arises; nothing again for the same alert, in this page or the next', () => {
    const storage = memoryStorage();
    const store = createKioskStore();
    let rings = 0;
    bindPhoneAlerts(store, { ring: () => (rings += 1), storage });
    store.getState().setTicketView(view(), 1);
    expect(store.getState().phoneAlert).toBeNull();
    store.getState().setTicketView(view({ eta: { position: 3, etaMin: 20 } }), 2);
    expect(store.getState().phoneAlert).toEqual({ kind: 'near', key: 'near' });
    expect(rings).toBe(1);
    store.getState().setPhoneAlert(null);
    store.getState().setTicketView(view({ eta: { position: 2, etaMin: 10 } }), 3);
    expect([store.getState().phoneAlert, rings]).toEqual([null, 1]);

    // The page reloaded: the same ticket near again is not news.
    const reloaded = createKioskStore();
    bindPhoneAlerts(reloaded, { ring: () => (rings += 1), storage });
    reloaded.getState().setTicketView(view({ eta: { position: 2, etaMin: 10 } }), 4);
    expect([reloaded.getState().phoneAlert, rings]).toEqual([null, 1]);
    // Called: the call's banner (call-alert.ts rings for calls), gone once being served.
    reloaded.getState().setTicketView(view({ status: 'called', calledAt: 9, counterNumber: '2', eta: null }), 5);
    expect([reloaded.getState().phoneAlert, rings]).toEqual([{ kind: 'called', key: 'called:9' }, 1]);
    reloaded.getState().setTicketView(view({ status: 'serving', calledAt: 9, counterNumber: '2', eta: null }), 6);
    expect(reloaded.getState().phoneAlert).toBeNull();
    expect(alertMemory(storage, 't1').has('called:9')).toBe(true);
    expect(alertMemory(storage, 'another-ticket').has('near')).toBe(false);
  });

  it('a page opened on a ticket already near shows the banner quietly; already called, only the status panel', () => {
    const storage = memoryStorage();
    let rings = 0;
    const near = createKioskStore();
    bindPhoneAlerts(near, { ring: () => (rings += 1), storage });
    near.getState().setTicketView(view({ eta: { position: 2, etaMin: 5 } }), 1);
    expect([near.getState().phoneAlert, rings]).toEqual([{ kind: 'near', key: 'near' }, 0]);
    const called = createKioskStore();
    bindPhoneAlerts(called, { ring: () => (rings += 1), storage });
    called.getState().setTicketView(view({ status: 'called', calledAt: 3, counterNumber: '1', eta: null }), 1);
    expect([called.getState().phoneAlert, rings]).toEqual([null, 0]);
  });

  it('a broken memory entry is read as empty, never thrown on', () => {
    const storage = memoryStorage();
    storage.setItem('qms.phone.alerted.t1', '{not json');
    expect(alertMemory(storage, 't1').has('near')).toBe(false);
    alertMemory(storage, 't1').add('near');
    expect(alertMemory(storage, 't1').has('near')).toBe(true);
  });
});
