import { describe, expect, it } from 'vitest';
import { closedWords, deviceIdOf, forgetTickets, hereAction, joinRefusalKey, joinRoute, keepTicket, keptTickets, type KeyValueStore } from './join';

/** localStorage's two calls over a Map, as a test's own phone. */
function memory(init: Record<string, string> = {}): KeyValueStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(init));
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('the join page (issue 14, V1–V2)', () => {
  it('knows its two addresses: /join/ to join, /join/here for the hall poster', () => {
    expect(joinRoute('/join/')).toEqual({ kind: 'join' });
    expect(joinRoute('/join')).toEqual({ kind: 'join' });
    expect(joinRoute('/join/here')).toEqual({ kind: 'here' });
    expect(joinRoute('/join/here/')).toEqual({ kind: 'here' });
    expect(joinRoute('/join/other')).toBeNull();
    expect(joinRoute('/book/')).toBeNull();
    expect(joinRoute('/kiosk/')).toBeNull();
  });

  it('says why a service cannot be joined now, and when it opens only where that is the reason', () => {
    expect(closedWords({ reason: 'closed', opensAt: 123 })).toEqual({ key: 'joinClosed', opensAt: 123 });
    expect(closedWords({ reason: 'closing-soon', opensAt: 123 })).toEqual({ key: 'joinClosingSoon', opensAt: null });
    expect(closedWords({ reason: 'share-full', opensAt: null }).key).toBe('joinShareFull');
    expect(closedWords({ reason: 'daily-cap', opensAt: null }).key).toBe('joinDailyCap');
    expect(closedWords({ reason: 'unstaffed', opensAt: null }).key).toBe('joinUnstaffed');
  });

  it("words a refusal by its code and the service's state now, never the server's message", () => {
    // REMOTE_LIMIT is the share, the day's cap, or this phone's own limit: the list tells which.
    expect(joinRefusalKey('REMOTE_LIMIT', { open: false, reason: 'share-full' })).toBe('joinShareFull');
    expect(joinRefusalKey('REMOTE_LIMIT', { open: false, reason: 'daily-cap' })).toBe('joinDailyCap');
    expect(joinRefusalKey('REMOTE_LIMIT', { open: true, reason: null })).toBe('joinErrPhoneLimit');
    expect(joinRefusalKey('REMOTE_LIMIT', null)).toBe('joinErrPhoneLimit');
    expect(joinRefusalKey('REMOTE_CLOSED', { open: false, reason: 'closing-soon' })).toBe('joinClosingSoon');
    expect(joinRefusalKey('REMOTE_CLOSED', { open: false, reason: 'closed' })).toBe('joinClosed');
    expect(joinRefusalKey('REMOTE_CLOSED', null)).toBe('joinClosed');
    expect(joinRefusalKey('SERVICE_CLOSED', { open: false, reason: 'unstaffed' })).toBe('joinUnstaffed');
    expect(joinRefusalKey('DAILY_CAP_REACHED', null)).toBe('joinDailyCap');
    expect(joinRefusalKey('RATE_LIMITED', null)).toBe('joinErrRate');
    expect(joinRefusalKey('UNKNOWN_SERVICE', null)).toBe('joinErrService');
    expect(joinRefusalKey('UNAVAILABLE', null)).toBe('joinErrOffline');
    expect(joinRefusalKey('NOT_FOUND', null)).toBe('bookErrNoCenter');
    expect(joinRefusalKey('BAD_REQUEST', null)).toBe('bookPhoneInvalid');
    expect(joinRefusalKey('INTERNAL', null)).toBe('joinErrFailed');
  });

  it("makes the page's device id once and keeps it; a broken stored one is replaced", () => {
    const store = memory();
    const id = deviceIdOf(store, (n) => new Uint8Array(n).fill(7));
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(deviceIdOf(store, () => new Uint8Array(18).fill(9))).toBe(id);
    const broken = memory({ 'qms.join.device': 'x y' });
    expect(deviceIdOf(broken, (n) => new Uint8Array(n).fill(1))).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(broken.map.get('qms.join.device')).not.toBe('x y');
  });

  it('remembers the tickets taken per center, newest first, and forgets the ones that are over', () => {
    const store = memory();
    keepTicket(store, 'c1', { id: 't1', number: 'A001', at: 1 });
    keepTicket(store, 'c1', { id: 't2', number: 'A002', at: 2 });
    keepTicket(store, 'c2', { id: 't9', number: 'B001', at: 3 });
    expect(keptTickets(store, 'c1').map((t) => t.id)).toEqual(['t2', 't1']);
    expect(keptTickets(store, 'c2').map((t) => t.id)).toEqual(['t9']);
    // The same ticket again is not listed twice.
    keepTicket(store, 'c1', { id: 't1', number: 'A001', at: 1 });
    expect(keptTickets(store, 'c1')).toHaveLength(2);
    forgetTickets(store, 'c1', new Set(['t2']));
    expect(keptTickets(store, 'c1').map((t) => t.id)).toEqual(['t1']);
    // Anything unreadable is no tickets, not a broken page.
    expect(keptTickets(memory({ 'qms.join.tickets.c1': '{oops' }), 'c1')).toEqual([]);
    expect(keptTickets(memory({ 'qms.join.tickets.c1': '[{"id":1}]' }), 'c1')).toEqual([]);
  });

  it('keeps at most 20 tickets per center, dropping the oldest', () => {
    const store = memory();
    for (let i = 0; i < 25; i++) keepTicket(store, 'c1', { id: `t${i}`, number: `A${i}`, at: i });
    const kept = keptTickets(store, 'c1');
    expect(kept).toHaveLength(20);
    expect(kept[0]!.id).toBe('t24');
    expect(kept.at(-1)!.id).toBe('t5');
  });

  it('at the hall poster: checks in a waiting ticket not yet here, shows one still in play, forgets one that is over (V2)', () => {
    const remote = (arrived: boolean) => ({ code: 'K7M2QX9P', arrived, heldAt: null, graceUntil: null });
    expect(hereAction({ status: 'waiting', remote: remote(false) })).toBe('arrive');
    expect(hereAction({ status: 'waiting', remote: remote(true) })).toBe('show');
    expect(hereAction({ status: 'called', remote: remote(true) })).toBe('show');
    expect(hereAction({ status: 'serving', remote: remote(true) })).toBe('show');
    // Its page says what to do after a lapsed place (V5), and staff may still put it back (N1).
    expect(hereAction({ status: 'no_show', remote: remote(false) })).toBe('show');
    expect(hereAction({ status: 'done', remote: remote(true) })).toBe('forget');
    expect(hereAction({ status: 'cancelled', remote: remote(false) })).toBe('forget');
    // A ticket taken in the hall needs no check-in.
    expect(hereAction({ status: 'waiting' })).toBe('show');
  });
});
