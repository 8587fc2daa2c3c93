import { describe, expect, it } from 'vitest';
import { nearestRank, waitStats, withinTargetShare } from '../../server/src/kpi/waits.js';

describe('wait KPIs', () => {
  it('nearest-rank percentiles', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(xs, 50)).toBe(5);
    expect(nearestRank(xs, 90)).toBe(9);
    expect(nearestRank(xs, 95)).toBe(10);
    expect(nearestRank(xs, 0)).toBe(1);
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([7], 99)).toBe(7);
  });

  it('waitStats sorts its input and gives the mean and max', () => {
    expect(waitStats([10, 0, 5])).toEqual({ count: 3, mean: 5, p50: 5, p90: 10, p95: 10, max: 10 });
    expect(waitStats([])).toEqual({ count: 0, mean: null, p50: null, p90: null, p95: null, max: null });
  });

  it('within target counts a wait equal to the target as within', () => {
    expect(withinTargetShare([{ waitMin: 15, targetMin: 15 }, { waitMin: 15.1, targetMin: 15 }, { waitMin: 1, targetMin: 5 }, { waitMin: 6, targetMin: 5 }])).toBe(0.5);
    expect(withinTargetShare([])).toBeNull();
  });
});
