/** Closed days (docs/SPEC.md I6) and hours that hold the wait (W4), on the pure engine. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, type CenterConfigInput } from '@qms/shared';
import { computeEtas, etaOf, serviceLoads } from '../../server/src/engine/index.js';
import { Sim, snapshotOf } from './harness.js';

/** Moscow wall-clock time in March 2026 (UTC+3); the 2nd is a Monday. */
const moscow = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);

function serviceOf(cfg: CenterConfigInput, id: string) {
  const s = cfg.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

const workdays = (cfg: CenterConfigInput, intervals: { from: string; to: string }[]) => {
  cfg.center.hours = { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals };
};

describe('I6: closed days', () => {
  const holidays = {
    edit: (cfg: CenterConfigInput) => {
      workdays(cfg, [{ from: '09:00', to: '18:00' }]);
      cfg.center.closedDays = [{ date: '2026-03-09', reason: 'Holiday in lieu' }, { date: '2026-05-01', reason: 'Labour Day', yearly: true }];
      serviceOf(cfg, 'property').closedDays = [{ date: '2026-03-03', reason: 'Registry audit' }];
    },
  };

  it("I6: on the center's closed day a ticket is refused with SERVICE_CLOSED, naming the day, its reason and the next opening; nothing changes", () => {
    const sim = new Sim({ ...holidays, now: moscow(9, 10) });
    const before = snapshotOf(sim.state);
    const d = sim.tryRun({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'normal' });
    expect(d).toEqual({
      ok: false,
      error: { code: ErrorCode.ServiceClosed, message: 'Service "passport" is closed on 2026-03-09 (Holiday in lieu): it opens again on 2026-03-10 at 09:00.' },
    });
    expect(snapshotOf(sim.state)).toEqual(before);
    sim.now = moscow(10, 9);
    expect(sim.issue('passport').number).toBe('A001');
  });

  it("I6: a service's own closed day closes it alone; the others issue as usual", () => {
    const sim = new Sim({ ...holidays, now: moscow(3, 11) });
    expect(sim.tryRun({ type: 'issue', ticketId: 'a', serviceId: 'property', lane: 'normal' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.ServiceClosed, message: 'Service "property" is closed on 2026-03-03 (Registry audit): it opens again on 2026-03-04 at 09:00.' },
    });
    expect(sim.issue('passport').number).toBe('A001');
    expect(sim.issue('benefits', 'priority').number).toBe('C001');
  });

  it('I6: a yearly closed day closes that month and day every year', () => {
    const sim = new Sim({ ...holidays, now: Date.UTC(2028, 4, 1, 7) }); // Monday 1 May 2028, 10:00 in Moscow
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    sim.now = Date.UTC(2028, 4, 2, 7);
    expect(sim.issue('passport').number).toBe('A001');
  });
});

describe('W4: the hours hold the wait', () => {
  const lunch = {
    edit: (cfg: CenterConfigInput) => workdays(cfg, [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]),
  };

  /** Counter 1 (passport only, 6 min a visitor) open and free, four passport tickets issued at `at`. */
  function fourWaiting(at: number) {
    const sim = new Sim({ ...lunch, now: at });
    sim.open('1');
    const tickets = [1, 2, 3, 4].map(() => sim.issue('passport'));
    return { sim, tickets };
  }

  it('W3 with W4: a wait that reaches the lunch break gets the break added (etaOf and computeEtas agree)', () => {
    const { sim, tickets } = fourWaiting(moscow(2, 11, 50));
    // W3: 0, 6, 12, 18 minutes. 12 and 18 run into the break at 12:00: 10 before it, the rest after 13:00.
    const expected = [0, 6, 72, 78];
    const all = computeEtas(sim.state, sim.now);
    tickets.forEach((t, i) => {
      expect(etaOf(sim.state, t.id, sim.now)).toEqual({ position: i + 1, etaMin: expected[i] });
      expect(all[t.id]).toEqual({ position: i + 1, etaMin: expected[i] });
    });
    // A newcomer's figure (the kiosk's, the hall's) follows the same hours: behind four, 24 minutes of work.
    expect(serviceLoads(sim.state, sim.now).find((l) => l.serviceId === 'passport')?.expectedWaitMin).toBe(84);
  });

  it('W4: a ticket waiting in the break is expected no earlier than the opening after it; after the last closing the wait runs on the clock', () => {
    const { sim, tickets } = fourWaiting(moscow(2, 11, 50));
    sim.now = moscow(2, 12, 30);
    expect(tickets.map((t) => etaOf(sim.state, t.id, sim.now).etaMin)).toEqual([30, 36, 42, 48]);
    // The day is served to its end: past 18:00 nothing holds the wait any more.
    sim.now = moscow(2, 18, 5);
    expect(tickets.map((t) => etaOf(sim.state, t.id, sim.now).etaMin)).toEqual([0, 6, 12, 18]);
  });
});

describe("W5: counters due to open or close (the counters' plans)", () => {
  const counterOf = (cfg: CenterConfigInput, id: string) => {
    const c = cfg.counters?.find((x) => x.id === id);
    if (!c) throw new Error(`no counter ${id}`);
    return c;
  };
  /** The center open 08:00–20:00; counter 1 (passport, 6 min) planned 09:00–12:00 and 13:00–17:00, counter 2 (passport) 14:00–20:00. */
  const plans = {
    edit: (cfg: CenterConfigInput) => {
      workdays(cfg, [{ from: '08:00', to: '20:00' }]);
      counterOf(cfg, '1').hours = { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] };
      counterOf(cfg, '2').hours = { mon: [{ from: '14:00', to: '20:00' }] };
      counterOf(cfg, '2').services = [{ serviceId: 'passport', role: 'primary' }];
      serviceOf(cfg, 'passport').acceptWhenUnstaffed = true;
    },
  };

  it('W5: with no counter open, a ticket is expected when the first planned counter is due (W3 alone: unknown)', () => {
    const sim = new Sim({ ...plans, now: moscow(2, 8, 30) });
    const a = sim.issue('passport');
    const b = sim.issue('passport');
    // Counter 1 is due at 09:00: the first in line then, the second one service (6 min) later.
    expect([a, b].map((t) => etaOf(sim.state, t.id, sim.now).etaMin)).toEqual([30, 36]);
    const unplanned = new Sim({ now: moscow(2, 8, 30), edit: (cfg) => (serviceOf(cfg, 'passport').acceptWhenUnstaffed = true) });
    expect(etaOf(unplanned.state, unplanned.issue('passport').id, unplanned.now).etaMin).toBeNull();
  });

  it("W5: a counter's planned break takes it away and the next shift brings it back; computeEtas, etaOf and the newcomer's figure agree", () => {
    const sim = new Sim({ ...plans, now: moscow(2, 11, 50) });
    sim.open('1');
    const tickets = [1, 2, 3, 4].map(() => sim.issue('passport'));
    // 0, 6 before 12:00; the rest of the work waits for counter 1 to come back at 13:00.
    const expected = [0, 6, 72, 78];
    const all = computeEtas(sim.state, sim.now);
    tickets.forEach((t, i) => {
      expect(etaOf(sim.state, t.id, sim.now)).toEqual({ position: i + 1, etaMin: expected[i] });
      expect(all[t.id]).toEqual({ position: i + 1, etaMin: expected[i] });
    });
    expect(serviceLoads(sim.state, sim.now).find((l) => l.serviceId === 'passport')?.expectedWaitMin).toBe(84);
  });

  it('W5: a counter due later adds its capacity from then on; the counters planned until the day ends serve the queue to its end', () => {
    const sim = new Sim({ ...plans, now: moscow(2, 13, 30) });
    sim.open('1');
    const tickets = Array.from({ length: 12 }, () => sim.issue('passport'));
    // Counter 1 alone until 14:00 (five services of 6 min), then counters 1 and 2 together: 3 min a visitor.
    const etas = tickets.map((t) => etaOf(sim.state, t.id, sim.now).etaMin);
    expect(etas.slice(0, 6)).toEqual([0, 6, 12, 18, 24, 30]);
    expect(etas.slice(6)).toEqual([33, 36, 39, 42, 45, 48]);
    // At 16:50 counter 1's last shift ends at 17:00; counter 2 (until 20:00, the day's end) then serves
    // alone: 3⅓ visitors by 17:00 at 3 min each, then 6 min each (the 5th at 17:04, the 6th at 17:10).
    sim.now = moscow(2, 16, 50);
    sim.open('2');
    expect(tickets.slice(0, 6).map((t) => etaOf(sim.state, t.id, sim.now).etaMin)).toEqual([0, 3, 6, 9, 14, 20]);
    // After 20:00 counter 2 runs on (the last planned), as W4 lets the queue be served to its end.
    sim.now = moscow(2, 20, 30);
    expect(tickets.slice(0, 3).map((t) => etaOf(sim.state, t.id, sim.now).etaMin)).toEqual([0, 3, 6]);
  });

  it('W5: in auto balancing, a counter trained for a service where people wait counts for it as the rebalancer would merge it (B1)', () => {
    const edit = (mode: 'auto' | 'off') => (cfg: CenterConfigInput) => {
      cfg.center.balancing = { mode };
    };
    const figures = (mode: 'auto' | 'off') => {
      const sim = new Sim({ edit: edit(mode), now: moscow(2, 10) });
      sim.open('1');
      sim.open('3');
      const first = sim.issue('property');
      sim.run({ type: 'call-next', counterId: '3' });
      expect(sim.state.counters.get('3')?.currentTicketId).toBe(first.id);
      const tickets = [1, 2, 3].map(() => sim.issue('property'));
      return tickets.map((t) => etaOf(sim.state, t.id, sim.now).etaMin);
    };
    // Off: counter 3 alone (busy, 10 min a visitor). Auto: counter 1 (idle, trained for property) helps.
    const off = figures('off');
    const auto = figures('auto');
    expect(off).toEqual([5, 15, 25]);
    auto.forEach((eta, i) => expect(eta).toBeLessThan(off[i]!));
  });
});
