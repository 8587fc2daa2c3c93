import type { ServiceLoad } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { CYCLE_MS, MIN_PAGE_MS, PAGE_MS, pageMs, planQueue } from './queuePlan.js';

const load = (serviceId: string, waiting: number): ServiceLoad => ({
  serviceId, waiting, waitingPriority: 0, oldestWaitMin: 0, expectedWaitMin: waiting, targetWaitMin: 15, openCounters: 1, expectedPriorityWaitMin: null,
} as ServiceLoad);
const names: Record<string, string> = { a: 'Земля', b: 'Авто', c: 'Паспорт', d: 'Брак', e: 'Виза' };
const name = (l: ServiceLoad) => names[l.serviceId] ?? l.serviceId;

describe('the queue table', () => {
  it('lists services with people waiting first, then by name in the display’s language', () => {
    const loads = [load('a', 0), load('b', 0), load('c', 3), load('d', 1), load('e', 0)];
    expect(planQueue(loads, name, 'ru', 10)).toEqual({ list: [loads[3], loads[2], loads[1], loads[4], loads[0]], idle: 0, compact: false });
  });

  it('leaves out services nobody waits for when the list does not fit, and counts them', () => {
    const loads = Array.from({ length: 150 }, (_, i) => load(`s${String(i).padStart(3, '0')}`, i % 5 === 0 ? 1 : 0));
    const plan = planQueue(loads, (l) => l.serviceId, 'en', 14);
    expect(plan.list.map((l) => l.serviceId)).toEqual(loads.filter((l) => l.waiting > 0).map((l) => l.serviceId));
    expect(plan.idle).toBe(120);
    expect(plan.compact).toBe(true);
  });

  it('turns pages so that a round takes at most 30 s while pages can stay 6 s', () => {
    expect(pageMs(1)).toBe(PAGE_MS);
    expect(pageMs(2)).toBe(PAGE_MS);
    expect(pageMs(3)).toBe(10_000);
    expect(pageMs(5) * 5).toBeLessThanOrEqual(CYCLE_MS);
    expect(pageMs(20)).toBe(MIN_PAGE_MS);
  });
});
