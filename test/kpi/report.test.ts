/**
 * Issue 12: report figures are the KPI functions (waits.ts) applied to the same tickets, whether
 * summed at once or day by day from stored summaries and merged (kpi/tally.ts): property tests over
 * generated tickets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_CHANNELS, type ReportFigures } from '@qms/shared';
import { reportFigures } from '../../server/src/kpi/report.js';
import { emptyTally, figuresOf, mergeTally, tally, type ReportRow } from '../../server/src/kpi/tally.js';
import { round1, waitStats, withinTargetShare } from '../../server/src/kpi/waits.js';

const MIN = 60_000;
const T = Date.UTC(2026, 2, 2, 3, 0);
const TARGET: Record<string, number> = { a: 15, b: 10 };

const row = fc
  .record({
    service: fc.constantFrom('a', 'b'),
    status: fc.constantFrom('done', 'no_show', 'cancelled', 'waiting', 'called'),
    channel: fc.constantFrom(...REPORT_CHANNELS),
    issuedSec: fc.integer({ min: 0, max: 8 * 3600 }),
    waitSec: fc.integer({ min: 0, max: 90 * 60 }),
    serviceSec: fc.integer({ min: 0, max: 40 * 60 }),
    promised: fc.option(fc.double({ min: 0, max: 60, noNaN: true }), { nil: null }),
    day: fc.constantFrom('2026-03-02', '2026-03-03', '2026-03-04'),
    transfers: fc.nat(2),
    recalls: fc.nat(2),
  })
  .map(({ service, status, channel, issuedSec, waitSec, serviceSec, promised, day, transfers, recalls }, ): ReportRow => {
    const issuedAt = T + issuedSec * 1000;
    const called = status !== 'waiting' && status !== 'cancelled';
    const firstCalledAt = called ? issuedAt + waitSec * 1000 : null;
    const startedAt = status === 'done' ? firstCalledAt : null;
    return {
      id: `${issuedSec}-${waitSec}`, day, number: 'A001', issuedServiceId: service, serviceId: service, lane: 'normal', categoryId: null, channel,
      status: status as ReportRow['status'], issuedAt, firstCalledAt, startedAt, finishedAt: startedAt === null ? null : startedAt + serviceSec * 1000,
      counterId: called ? '1' : null, staffLogin: called ? 'op1' : null, transfers, recalls, promisedWaitMin: promised, appointmentAt: null,
    };
  });

/** The figures computed straight from waits.ts on the tickets, as the live figures do. */
function reference(rows: ReportRow[]): Pick<ReportFigures, 'issued' | 'served' | 'noShow' | 'cancelled' | 'wait' | 'withinTarget' | 'service'> {
  const called = rows.filter((r) => r.firstCalledAt !== null);
  const waits = called.map((r) => (r.firstCalledAt! - r.issuedAt) / MIN);
  const services = rows.filter((r) => r.status === 'done').map((r) => (r.finishedAt! - r.startedAt!) / MIN);
  const dist = (xs: number[]) => {
    const s = waitStats(xs);
    return { count: s.count, mean: round1(s.mean), p50: round1(s.p50), p90: round1(s.p90), p95: round1(s.p95), max: round1(s.max) };
  };
  return {
    issued: rows.length,
    served: rows.filter((r) => r.status === 'done').length,
    noShow: rows.filter((r) => r.status === 'no_show').length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    wait: dist(waits),
    withinTarget: withinTargetShare(called.map((r) => ({ waitMin: (r.firstCalledAt! - r.issuedAt) / MIN, targetMin: TARGET[r.issuedServiceId]! }))),
    service: dist(services),
  };
}

const noMean = <T extends { mean: number | null }>(d: T) => ({ ...d, mean: null });

describe('report figures (kpi/tally.ts)', () => {
  it('equal the KPI functions applied to the same tickets', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const got = reportFigures(rows, (id) => TARGET[id]!);
        const want = reference(rows);
        expect({ ...got, wait: noMean(got.wait), service: noMean(got.service) }).toMatchObject({ ...want, wait: noMean(want.wait), service: noMean(want.service) });
        // Means keep exact sums: equal but for the order of a floating-point addition.
        if (want.wait.mean !== null) expect(Math.abs(got.wait.mean! - want.wait.mean)).toBeLessThanOrEqual(0.1 + 1e-9);
        if (want.service.mean !== null) expect(Math.abs(got.service.mean! - want.service.mean)).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('summed day by day, stored as JSON and merged, are the figures of the whole period', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const hourOf = (at: number) => new Date(at).getUTCHours();
        const target = (id: string) => TARGET[id]!;
        const days = [...new Set(rows.map((r) => r.day))];
        const merged = days
          .map((d) => JSON.parse(JSON.stringify(tally(rows.filter((r) => r.day === d), target, hourOf))))
          .reduce((acc, t) => mergeTally(acc, t), emptyTally());
        const a = figuresOf(merged);
        const b = figuresOf(tally(rows, target, hourOf));
        // Means: the same sums added in another order, so equal to the last bit but for rounding at a tie.
        expect({ ...a, wait: noMean(a.wait), service: noMean(a.service) }).toEqual({ ...b, wait: noMean(b.wait), service: noMean(b.service) });
        expect(Math.abs((a.wait.mean ?? 0) - (b.wait.mean ?? 0))).toBeLessThanOrEqual(0.1 + 1e-9);
        expect(merged.issuedByHour).toEqual(tally(rows, target, hourOf).issuedByHour);
      }),
      { numRuns: 200 },
    );
  });
});
