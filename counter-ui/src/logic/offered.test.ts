import { describe, expect, it } from 'vitest';
import type { Service, ServiceLoad } from '@qms/shared';
import { offeredServices } from './offered';

const service = (id: string): Service => ({ id, prefix: id.toUpperCase(), names: { en: id }, serviceTimeMin: 5 }) as Service;
const load = (serviceId: string, servable: boolean, openCounters: number): ServiceLoad => ({
  serviceId, waiting: 0, waitingPriority: 0, oldestWaitMin: 0, expectedWaitMin: null, expectedPriorityWaitMin: null, targetWaitMin: 15, openCounters, servable,
});

describe('offeredServices (I5)', () => {
  it('leaves out queues nobody will call, marks those with no counter open now, keeps the order', () => {
    const got = offeredServices([service('a'), service('b'), service('c'), service('d')], [load('a', true, 2), load('b', false, 0), load('c', true, 0)]);
    expect(got.map((o) => [o.service.id, o.noneOpen])).toEqual([['a', false], ['c', true], ['d', false]]);
  });
});
