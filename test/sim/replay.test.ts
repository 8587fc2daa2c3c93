/** The day's own visitors from the report rows (sim/replay.ts), as the balancing report replays them. */
import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../server/src/kpi/report.js';
import { visitorsOf } from '../../server/src/sim/replay.js';

const MIDNIGHT = Date.UTC(2026, 2, 1, 21); // 00:00 on 2 March in Moscow
const at = (hh: number, mm = 0) => MIDNIGHT + (hh * 60 + mm) * 60_000;

function row(over: Partial<ReportRow>): ReportRow {
  return {
    id: 't', day: '2026-03-02', number: 'A001', issuedServiceId: 'passport', serviceId: 'passport', lane: 'normal', categoryId: null, channel: 'kiosk',
    status: 'done', issuedAt: at(10), firstCalledAt: at(10, 5), startedAt: at(10, 6), finishedAt: at(10, 16), counterId: '1', staffLogin: 'op1',
    transfers: 0, recalls: 0, promisedWaitMin: null, appointmentAt: null, ...over,
  };
}

describe('visitorsOf', () => {
  it('A1, A2: a checked-in appointment is replayed as one, with its slot; walk-ins and the priority lane as they came; cancelled tickets are left out', () => {
    const visitors = visitorsOf(
      [
        row({ id: 'b', number: 'A002', lane: 'booked', issuedAt: at(10, 40), appointmentAt: at(11), firstCalledAt: at(11, 2), startedAt: at(11, 3), finishedAt: at(11, 9) }),
        row({ id: 'w' }),
        row({ id: 'p', number: 'A003', lane: 'priority', issuedAt: at(10, 50) }),
        row({ id: 'c', number: 'A004', status: 'cancelled', issuedAt: at(10, 55) }),
      ],
      MIDNIGHT,
    );
    expect(visitors.map((v) => [v.lane, v.arriveMs / 60_000, v.slotMs === undefined ? null : v.slotMs / 60_000, v.serviceMs / 60_000])).toEqual([
      ['normal', 600, null, 10],
      ['booked', 640, 660, 6],
      ['priority', 650, null, 10],
    ]);
  });
});
