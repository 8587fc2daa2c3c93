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
