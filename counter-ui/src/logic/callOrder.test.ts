import { describe, expect, it } from 'vitest';
import type { Ticket } from '@qms/shared';
import { callOrder } from './callOrder';

const MIN = 60_000;
const NOW = 100 * MIN;
const policy = { priorityHeadStartMin: 20, bookedHeadStartMin: 10, maxWaitGuardMin: 30, priorityInterleave: 2, secondaryWhenIdle: true };
let seq = 0;
const ticket = (number: string, o: Partial<Ticket>): Ticket => ({
  id: number, centerId: 'c', day: 'd', serviceId: 'a', issuedServiceId: 'a', seqNo: ++seq, number, lane: 'normal', categoryId: null, language: null,
  status: 'waiting', issuedAt: 0, queuedAt: NOW, targetCounterId: null, returnServiceId: null, counterId: null, calledAt: null, startedAt: null,
  finishedAt: null, recalls: 0, transfers: 0, clientRef: null, firstCalledAt: null, ...o,
});
const counter = { id: '1', services: [{ serviceId: 'a', role: 'primary' as const }, { serviceId: 'b', role: 'secondary' as const }], priorityStreak: 0 };
const order = (ts: Ticket[], c = counter, p = policy) => callOrder(ts, c, p, NOW).map((t) => t.number);

describe('callOrder mirrors the engine', () => {
  it('F1/P1: first come first served in one lane', () => {
    expect(order([ticket('A2', { queuedAt: NOW - 2 * MIN }), ticket('A1', { queuedAt: NOW - 5 * MIN })])).toEqual(['A1', 'A2']);
  });
  it('T1: a ticket sent to this counter comes first', () => {
    expect(order([ticket('A1', { queuedAt: NOW - 9 * MIN }), ticket('C7', { serviceId: 'c', queuedAt: NOW - 1 * MIN, targetCounterId: '1' })])).toEqual(['C7', 'A1']);
  });
  it('G1: a ticket past the maximum-wait guard beats a priority ticket and the secondary rule', () => {
    const ts = [ticket('P1', { lane: 'priority', queuedAt: NOW - 1 * MIN }), ticket('B1', { serviceId: 'b', queuedAt: NOW - 31 * MIN })];
    expect(order(ts)).toEqual(['B1', 'P1']);
  });
  it('P3: the priority head start, with aging (a normal ticket older than the head start goes first)', () => {
    expect(order([ticket('A1', { queuedAt: NOW - 10 * MIN }), ticket('P1', { lane: 'priority', queuedAt: NOW - 1 * MIN })])).toEqual(['P1', 'A1']);
    expect(order([ticket('A1', { queuedAt: NOW - 25 * MIN }), ticket('P1', { lane: 'priority', queuedAt: NOW - 1 * MIN })])).toEqual(['A1', 'P1']);
  });
  it('S1 and P4: secondary tickets wait for the primary pool, but their priority lane competes in it', () => {
    const ts = [ticket('B1', { serviceId: 'b', queuedAt: NOW - 20 * MIN }), ticket('A1', { queuedAt: NOW - 1 * MIN }), ticket('BP', { serviceId: 'b', lane: 'priority', queuedAt: NOW - 2 * MIN })];
    expect(order(ts)).toEqual(['BP', 'A1', 'B1']);
  });
  it('P2: after the interleave count of priority calls, a normal ticket goes next', () => {
    const ts = [ticket('P1', { lane: 'priority', queuedAt: NOW - 3 * MIN }), ticket('P2', { lane: 'priority', queuedAt: NOW - 2 * MIN }), ticket('P3', { lane: 'priority', queuedAt: NOW - 1 * MIN }), ticket('A1', { queuedAt: NOW - 1 * MIN })];
    expect(order(ts)).toEqual(['P1', 'P2', 'A1', 'P3']);
    expect(order(ts, { ...counter, priorityStreak: 2 })).toEqual(['A1', 'P1', 'P2', 'P3']);
  });
  it('A2: an appointment checked in before its slot stands in line from the slot, then has the booked head start', () => {
    // B1 came 10 min ago for a slot 15 min from now: even with its head start, the walk-in of 2 min ago goes first.
    const early = ticket('B1', { lane: 'booked', queuedAt: NOW - 10 * MIN, appointmentAt: NOW + 15 * MIN });
    expect(order([early, ticket('A1', { queuedAt: NOW - 2 * MIN })])).toEqual(['A1', 'B1']);
    // From its slot on, the booked lane's 10-minute head start puts it before a walk-in of 8 min ago.
    const due = ticket('B2', { lane: 'booked', queuedAt: NOW - 10 * MIN, appointmentAt: NOW - 1 * MIN });
    expect(order([ticket('A2', { queuedAt: NOW - 8 * MIN }), due])).toEqual(['B2', 'A2']);
  });
  it('with secondaryWhenIdle off, secondary tickets are listed last (never called here except by G1)', () => {
    const ts = [ticket('B1', { serviceId: 'b', queuedAt: NOW - 5 * MIN }), ticket('A1', { queuedAt: NOW - 1 * MIN })];
    expect(order(ts, counter, { ...policy, secondaryWhenIdle: false })).toEqual(['A1', 'B1']);
  });
  it('V3: a remote ticket whose visitor is not here yet is passed over, listed last; once here it is called in its place', () => {
    const away = ticket('A1', { queuedAt: NOW - 20 * MIN, remote: { code: 'K7M2QX9P', arrivedAt: null, heldAt: null } });
    const held = ticket('A2', { queuedAt: NOW - 15 * MIN, remote: { code: 'K7M2QX9Q', arrivedAt: null, heldAt: NOW - MIN } });
    const walkIn = ticket('A3', { queuedAt: NOW - 2 * MIN });
    expect(order([away, walkIn, held])).toEqual(['A3', 'A1', 'A2']);
    const arrived = { ...away, remote: { code: 'K7M2QX9P', arrivedAt: NOW - MIN, heldAt: null } };
    expect(order([arrived, walkIn, held])).toEqual(['A1', 'A3', 'A2']);
  });
});
