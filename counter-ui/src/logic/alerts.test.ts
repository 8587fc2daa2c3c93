import { describe, expect, it } from 'vitest';
import type { Counter, CounterState, ServiceLoad } from '@qms/shared';
import { helperCounters, serviceAlerts } from './alerts';

const load = (serviceId: string, o: Partial<ServiceLoad> = {}): ServiceLoad => ({
  serviceId, waiting: 3, waitingPriority: 0, oldestWaitMin: 2, expectedWaitMin: 5, expectedPriorityWaitMin: 1, targetWaitMin: 15, openCounters: 1, servable: true, ...o,
});
const counter = (id: string, services: string[], status: CounterState['status'] = 'open'): CounterState => ({
  id, number: id, zone: 'A', status, services: services.map((serviceId) => ({ serviceId, role: 'primary' })), staffLogin: null,
  currentTicketId: null, pauseReason: null, pauseReasonId: null, priorityStreak: 0, changedAt: 0,
});
const plan = (id: string, services: string[], canServe?: string[]): Counter => ({
  id, number: id, zone: 'A', services: services.map((serviceId) => ({ serviceId, role: 'primary' })), ...(canServe ? { canServe } : {}),
});

describe('serviceAlerts', () => {
  it('flags a breached oldest or expected wait, and a queue nobody serves', () => {
    const alerts = serviceAlerts(
      [load('a'), load('b', { oldestWaitMin: 16 }), load('c', { expectedWaitMin: 30 }), load('d', { openCounters: 0, expectedWaitMin: null }), load('e', { waiting: 0, oldestWaitMin: 0, openCounters: 0 })],
      {},
    );
    expect(alerts.map((a) => [a.load.serviceId, a.reasons])).toEqual([
      ['d', ['unserved']],
      ['c', ['expected']],
      ['b', ['oldest']],
    ]);
  });
  it('uses the live oldest wait between facts', () => {
    const [alert] = serviceAlerts([load('a', { oldestWaitMin: 3 })], { a: 15.5 });
    expect(alert?.oldestWaitMin).toBe(15.5);
    expect(alert?.reasons).toEqual(['oldest']);
  });
});

describe('helperCounters', () => {
  it('lists open counters trained for a service that do not serve it yet', () => {
    const counters = [counter('1', ['a']), counter('2', ['b']), counter('3', ['b'], 'paused'), counter('10', ['c']), counter('4', ['b'])];
    const plans = [plan('1', ['a']), plan('2', ['b'], ['b', 'a']), plan('3', ['b'], ['a', 'b']), plan('10', ['c'], ['c', 'a']), plan('4', ['b'])];
    expect(helperCounters('a', counters, plans).map((c) => c.id)).toEqual(['2', '10']);
  });
});
