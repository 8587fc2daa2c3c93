import type { BalancingDay, BalancingReport } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { anyMoves, BALANCING_DAY_COLUMNS, balancingState, dayComparison, decidersOf, hasPastDays, headline, hoursOf, totalDay } from './balancing';
import { csvRows } from './tables';

const day = (d: string, visitors: number, within: number | null, mean: number | null, without: [number | null, number | null] | null): BalancingDay => ({
  day: d,
  visitors,
  actual: { withinTarget: within, meanWaitMin: mean },
  without: without && { withinTarget: without[0], meanWaitMin: without[1] },
});

const NO_MOVES: BalancingReport['moves'] = { merges: 0, releases: 0, automatic: 0, byStaff: 0, mergedMinutes: 0, proposals: { accepted: 0, rejected: 0, expired: 0 }, decidedBy: {} };

function report(over: Partial<BalancingReport> = {}): BalancingReport {
  return {
    centerId: 'c1',
    from: '2026-02-23',
    to: '2026-03-01',
    days: [day('2026-02-23', 800, 0.86, 5.9, [0.61, 23.7]), day('2026-02-24', 700, 0.95, 3, [0.82, 11.5])],
    pending: [],
    // As the server weights them: by visitors.
    total: { visitors: 1500, actual: { withinTarget: 0.902, meanWaitMin: 4.5 }, without: { withinTarget: 0.708, meanWaitMin: 18 } },
    moves: NO_MOVES,
    ...over,
  };
}

describe('what balancing saved: the headline', () => {
  it('takes the totals as the server weighted them, and works out what they mean for the visitors', () => {
    const h = headline(report());
    expect(h.with).toEqual({ withinTarget: 0.902, meanWaitMin: 4.5 });
    expect(h.without).toEqual({ withinTarget: 0.708, meanWaitMin: 18 });
    expect(h.visitors).toBe(1500);
    expect(h.days).toBe(2);
    // 1 500 × (0.902 − 0.708) = 291 more called within the target; 13.5 min each, 337.5 h in all.
    expect(h.extraWithin).toBe(291);
    expect(h.minutesSaved).toBe(13.5);
    expect(h.hoursSaved).toBe(338);
    expect(h.verdict).toBe('better');
  });

  it('says "about the same" under a point and half a minute apart, as the sentence rounds them', () => {
    const h = headline(report({ total: { visitors: 40, actual: { withinTarget: 0.904, meanWaitMin: 6.2 }, without: { withinTarget: 0.899, meanWaitMin: 6.5 } } }));
    expect(h.verdict).toBe('same');
    expect(h.hoursSaved).toBe(0.2);
  });

  it('makes no claim when one figure is better and the other worse, or balancing did worse', () => {
    expect(headline(report({ total: { visitors: 100, actual: { withinTarget: 0.9, meanWaitMin: 7 }, without: { withinTarget: 0.8, meanWaitMin: 6 } } })).verdict).toBe('mixed');
    const worse = headline(report({ total: { visitors: 100, actual: { withinTarget: 0.7, meanWaitMin: 9 }, without: { withinTarget: 0.8, meanWaitMin: 6 } } }));
    expect(worse.verdict).toBe('mixed');
    expect(worse.extraWithin).toBe(-10);
    expect(worse.minutesSaved).toBe(-3);
  });

  it('has no figures to compare when nothing was measured', () => {
    const h = headline(report({ days: [], total: { visitors: 0, actual: { withinTarget: null, meanWaitMin: null }, without: { withinTarget: null, meanWaitMin: null } } }));
    expect(h).toMatchObject({ extraWithin: null, minutesSaved: null, hoursSaved: null, verdict: null, days: 0 });
  });

  it('counts only the days that were replayed (a day with nothing to replay is shown, not counted)', () => {
    expect(headline(report({ days: [...report().days, day('2026-02-25', 3, 1, 0.5, null)] })).days).toBe(2);
  });
});

describe('what balancing saved: the panel', () => {
  const today = '2026-03-02';
  it('asks nothing for today alone, shows progress while days are pending, then the figures', () => {
    expect(balancingState({ from: today, to: today }, today, undefined)).toBe('todayOnly');
    expect(hasPastDays({ from: today, to: today }, today)).toBe(false);
    expect(hasPastDays({ from: '2026-02-24', to: today }, today)).toBe(true);
    const week = { from: '2026-02-24', to: today };
    expect(balancingState(week, today, undefined)).toBe('loading');
    expect(balancingState(week, today, { data: report({ pending: ['2026-02-25'] }), error: null })).toBe('pending');
    expect(balancingState(week, today, { data: report(), error: null })).toBe('ready');
    expect(balancingState(week, today, { data: report({ days: [], total: { visitors: 0, actual: { withinTarget: null, meanWaitMin: null }, without: { withinTarget: null, meanWaitMin: null } } }), error: null })).toBe('none');
    expect(balancingState(week, today, { data: null, error: { code: 'UNAVAILABLE', message: 'down' } })).toBe('failed');
  });

  it('names who decided the proposals from the staff list, else by login, the busiest first', () => {
    const names: Record<string, string> = { super: 'Anna Petrova' };
    // Keyed by the log's actor, as the server sends them.
    const list = decidersOf({ 'staff:admin': { accepted: 0, rejected: 1 }, 'staff:super': { accepted: 3, rejected: 1 } }, (l) => names[l]);
    expect(list).toEqual([
      { login: 'super', name: 'Anna Petrova', accepted: 3, rejected: 1 },
      { login: 'admin', name: 'admin', accepted: 0, rejected: 1 },
    ]);
  });

  it('knows when balancing moved nothing', () => {
    expect(anyMoves(NO_MOVES)).toBe(false);
    expect(anyMoves({ ...NO_MOVES, proposals: { accepted: 0, rejected: 0, expired: 1 } })).toBe(true);
    expect(anyMoves({ ...NO_MOVES, merges: 1, automatic: 1, mergedMinutes: 30 })).toBe(true);
  });

  it('writes counter time in hours: tenths under ten hours, whole hours above', () => {
    expect(hoursOf(40)).toBe(0.7);
    expect(hoursOf(58_533)).toBe(976);
    expect(hoursOf(0)).toBe(0);
  });

  it('compares the days the chart draws: how many went better with balancing, and the widest gap', () => {
    const days = [...report().days, day('2026-02-25', 300, 1, 0.4, [1, 0.6]), day('2026-02-26', 5, 0.8, 9, null)];
    const c = dayComparison(days);
    expect(c.compared).toBe(3);
    expect(c.better).toBe(2);
    expect(c.widest?.day).toBe('2026-02-23');
  });

  it('puts the days and the total in the table and its CSV, shares as per cent', () => {
    const r = report();
    const rows = csvRows(BALANCING_DAY_COLUMNS, r.days.map((d) => ({ key: d.day, label: d.day, figures: d })), { label: 'Total', figures: totalDay(r) });
    expect(rows[0]).toEqual(['2026-02-23', 800, 86, 61, 5.9, 23.7]);
    expect(rows[2]).toEqual(['Total', 1500, 90.2, 70.8, 4.5, 18]);
  });
});
