import type { CounterState, ServiceLoad } from '@qms/shared';
import type { CallRecord } from '@qms/shared/client';
import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';
import { callInZone, loadsInZone, resolveZone, visibleCalls, WHOLE_HALL } from './zone.js';

const counter = (id: string, number: string, services: string[]): CounterState => ({
  id, number, zone: 'A', status: 'open', services: services.map((serviceId) => ({ serviceId, role: 'primary' as const })),
  staffLogin: null, currentTicketId: null, pauseReason: null, pauseReasonId: null, priorityStreak: 0, changedAt: 0,
});
const counters = { c1: counter('c1', '1', ['justice']), c2: counter('c2', '2', ['land']), c7: counter('c7', '7', ['land', 'health']) };
const call = (ticketId: string, counterId: string, serviceId: string, at: number, recall = false): CallRecord => ({
  ticketId, number: ticketId.toUpperCase(), serviceId, counterId, counterNumber: counters[counterId as keyof typeof counters]?.number ?? '', language: null, at, recall,
});
const load = (serviceId: string): ServiceLoad => ({ serviceId, waiting: 1, waitingPriority: 0, oldestWaitMin: 0, expectedWaitMin: 5, expectedPriorityWaitMin: 1, targetWaitMin: 15, openCounters: 1, servable: true });

describe('zone', () => {
  it('takes the address over the device scope, the device scope over the whole hall', () => {
    const device = { counters: ['c1'], services: [] };
    expect(resolveZone(parseOptions('?counters=2,7'), device)).toEqual({ counters: ['2', '7'], services: [] });
    expect(resolveZone(parseOptions('?services=land'), device)).toEqual({ counters: [], services: ['land'] });
    expect(resolveZone(parseOptions(''), device)).toEqual(device);
    expect(resolveZone(parseOptions(''), null)).toEqual(WHOLE_HALL);
  });

  it('matches counters by id or by the number on the wall', () => {
    expect(callInZone({ counters: ['7'], services: [] }, call('a1', 'c7', 'land', 1), counters)).toBe(true);
    expect(callInZone({ counters: ['c7'], services: [] }, call('a1', 'c7', 'land', 1), counters)).toBe(true);
    expect(callInZone({ counters: ['7'], services: [] }, call('a1', 'c1', 'justice', 1), counters)).toBe(false);
  });

  it('with counters and services, a call must match both', () => {
    const zone = { counters: ['7'], services: ['health'] };
    expect(callInZone(zone, call('a', 'c7', 'health', 1), counters)).toBe(true);
    expect(callInZone(zone, call('a', 'c7', 'land', 1), counters)).toBe(false);
  });

  it('lists the loads of the zone’s services, or of what its counters serve now', () => {
    const loads = ['justice', 'land', 'health'].map(load);
    expect(loadsInZone(WHOLE_HALL, loads, counters).map((l) => l.serviceId)).toEqual(['justice', 'land', 'health']);
    expect(loadsInZone({ counters: [], services: ['land'] }, loads, counters).map((l) => l.serviceId)).toEqual(['land']);
    expect(loadsInZone({ counters: ['7'], services: [] }, loads, counters).map((l) => l.serviceId)).toEqual(['land', 'health']);
  });

  it('shows one line per ticket, newest first, in the zone, at most max', () => {
    const calls = [call('b2', 'c2', 'land', 5, true), call('a1', 'c1', 'justice', 4), call('b2', 'c2', 'land', 3), call('b1', 'c7', 'land', 2), call('b0', 'c7', 'land', 1)];
    expect(visibleCalls(WHOLE_HALL, calls, counters, 10).map((c) => c.ticketId)).toEqual(['b2', 'a1', 'b1', 'b0']);
    expect(visibleCalls(WHOLE_HALL, calls, counters, 2).map((c) => c.ticketId)).toEqual(['b2', 'a1']);
    expect(visibleCalls({ counters: [], services: ['land'] }, calls, counters, 10).map((c) => c.ticketId)).toEqual(['b2', 'b1', 'b0']);
  });

  it('reads the address options', () => {
    expect(parseOptions('?counters=1,%202,,2&lang=vi&langs=vi,xx,en')).toEqual({ counters: ['1', '2'], services: [], lang: 'vi', langs: ['vi', 'en'] });
    expect(parseOptions('?lang=fr')).toMatchObject({ lang: null, langs: [] });
  });
});
