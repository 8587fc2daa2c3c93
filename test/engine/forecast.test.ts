/**
 * W6: in `auto` balancing the expected waits are the hall replayed forward (forecast.ts). The
 * replay must be what the engine itself does when the future is as the forecast assumes: every
 * open counter merged into what its staff are trained for, each visitor served for the service's
 * mean time, a busy counter free at max(start + mean, now + ¼ mean), nobody else coming. So the
 * test drives the real engine (decide/evolve, its own call-next) through that future on random
 * halls (with visitors sent on to a counter, T1) and checks that every ticket is called when computeEtas said, and that a newcomer is
 * called when serviceLoads said.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE, placeOf, type CenterConfigInput, type CounterService, type Lane, type Policy } from '@qms/shared';
import { computeEtas, serviceLoads } from '../../server/src/engine/index.js';
import { Sim, at } from './harness.js';

const SERVICES = ['passport', 'property', 'benefits'] as const;
const MEANS: Record<string, number> = { passport: 6, property: 10, benefits: 8 };
const COUNTERS = ['1', '2', '3', '4'] as const;

const auto = (policy: Partial<Policy>) => ({
  policy,
  edit: (cfg: CenterConfigInput) => {
    cfg.center.balancing = { mode: 'auto' };
  },
});

interface Hall {
  tickets: { s: number; lane: Lane; gap: number }[];
  /** Per counter: closed, open and free, or open with the next ticket in hand. */
  counters: ('closed' | 'free' | 'busy')[];
  /** Per counter: send the ticket in hand to this counter (T1), if it is open. */
  sendTo: (number | null)[];
  policy: Partial<Policy>;
  /** Minutes from the last issue to the forecast. */
  later: number;
  /** A newcomer issued at the forecast: its service and lane. */
  newcomer: { s: number; lane: Lane };
}

const laneArb = fc.constantFrom<Lane>('normal', 'normal', 'normal', 'priority', 'booked');
const hallArb: fc.Arbitrary<Hall> = fc.record({
  tickets: fc.array(fc.record({ s: fc.integer({ min: 0, max: 2 }), lane: laneArb, gap: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 30 }),
  counters: fc.array(fc.constantFrom<'closed' | 'free' | 'busy'>('closed', 'free', 'busy', 'busy'), { minLength: 4, maxLength: 4 }),
  sendTo: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 3 }), { minLength: 4, maxLength: 4 }),
  policy: fc.record({
    priorityInterleave: fc.integer({ min: 1, max: 3 }),
    priorityHeadStartMin: fc.constantFrom(0, 10, 30),
    bookedHeadStartMin: fc.constantFrom(0, 5, 20),
    maxWaitGuardMin: fc.constantFrom(5, 20, 240),
    secondaryWhenIdle: fc.boolean(),
  }),
  later: fc.integer({ min: 0, max: 12 }),
  newcomer: fc.record({ s: fc.integer({ min: 0, max: 2 }), lane: fc.constantFrom<Lane>('normal', 'priority') }),
});

/** The hall at the forecast's instant: tickets issued minute by minute, counters opened, some busy. */
function build(h: Hall): Sim {
  const sim = new Sim({ ...auto(h.policy), now: at(0) });
  for (const t of h.tickets) {
    sim.advance(t.gap);
    sim.issue(SERVICES[t.s]!, t.lane);
  }
  COUNTERS.forEach((id, i) => {
    if (h.counters[i] === 'closed') return;
    sim.open(id);
    if (h.counters[i] === 'busy' && sim.wouldCall(id)) sim.callNext(id);
  });
  // Some visitors in hand are sent on to another open counter, and wait there (T1).
  COUNTERS.forEach((id, i) => {
    const to = h.sendTo[i];
    if (to === null || to === undefined || to === i || h.counters[to] === 'closed' || !sim.counter(id).currentTicketId) return;
    sim.run({ type: 'transfer', counterId: id, toCounterId: COUNTERS[to]! });
  });
  sim.advance(h.later);
  return sim;
}

/**
 * The future the forecast assumes, on the real engine: each open counter merged into its trained
 * services, the counter free first (the first in the plan on a tie) completes and calls next, each
 * visitor served for the mean. Returns when each ticket is called, in minutes from now.
 */
function drive(sim: Sim): Map<string, number> {
  const start = sim.now;
  const free = new Map<string, number>();
  for (const plan of sim.state.config.counters) {
    const c = sim.counter(plan.id);
    if (c.status !== 'open') continue;
    const trained: CounterService[] = [...c.services];
    for (const id of plan.canServe ?? []) if (!trained.some((s) => s.serviceId === id)) trained.push({ serviceId: id, role: 'primary' });
    sim.run({ type: 'set-services', counterId: c.id, services: trained, reason: 'merged, as B1 would' });
    const held = c.currentTicketId ? sim.ticket(c.currentTicketId) : undefined;
    const mean = held ? MEANS[held.serviceId]! * MINUTE : 0;
    free.set(c.id, held ? Math.max((held.startedAt ?? held.calledAt!) + mean, start + 0.25 * mean) : start);
  }
  const called = new Map<string, number>();
  while (free.size > 0) {
    let next: string | undefined;
    for (const [id, t] of free) if (next === undefined || t < free.get(next)!) next = id;
    sim.now = free.get(next!)!;
    if (sim.counter(next!).currentTicketId) sim.run({ type: 'complete', counterId: next! });
    if (!sim.wouldCall(next!)) {
      // The one rule that reads the clock is G1: try again when the next of its services' waiting
      // tickets reaches the guard.
      const services = new Set(sim.counter(next!).services.map((s) => s.serviceId));
      const guards = [...sim.state.waiting]
        .map((id) => sim.ticket(id))
        .filter((t) => t.targetCounterId === null && services.has(t.serviceId))
        .map((t) => placeOf(t) + sim.state.config.center.policy.maxWaitGuardMin * MINUTE)
        .filter((g) => g > sim.now);
      if (guards.length > 0) free.set(next!, Math.min(...guards));
      else free.delete(next!);
      continue;
    }
    const t = sim.callNext(next!);
    called.set(t.id, Math.round(((sim.now - start) / MINUTE) * 10) / 10);
    free.set(next!, sim.now + MEANS[t.serviceId]! * MINUTE);
  }
  return called;
}

describe('W6: the forecast is the engine’s own day when the future is as assumed', () => {
  it('every waiting ticket is called when computeEtas says (random halls, policies, busy counters)', () => {
    let compared = 0;
    fc.assert(
      fc.property(hallArb, (h) => {
        const sim = build(h);
        const etas = computeEtas(sim.state, sim.now);
        const calls = drive(sim);
        for (const [id, eta] of Object.entries(etas)) {
          expect(eta.etaMin, id).toBe(calls.get(id) ?? null);
          compared += 1;
        }
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it('a newcomer is called when serviceLoads says, in either lane', () => {
    fc.assert(
      // Issued a minute or more after the last ticket: behind everyone, as the forecast's newcomer.
      fc.property(hallArb.filter((h) => h.later > 0), (h) => {
        const sim = build(h);
        const serviceId = SERVICES[h.newcomer.s]!;
        const load = serviceLoads(sim.state, sim.now).find((l) => l.serviceId === serviceId)!;
        const promised = h.newcomer.lane === 'priority' ? load.expectedPriorityWaitMin : load.expectedWaitMin;
        const t = sim.issue(serviceId, h.newcomer.lane);
        expect(promised).toBe(drive(sim).get(t.id) ?? null);
      }),
      { numRuns: 300 },
    );
  });
});

describe('W6 keeps W4 and W5: hours and plans hold the replayed calls', () => {
  /** Moscow wall-clock time on Monday 2 March 2026 (UTC+3). */
  const moscow = (hh: number, mm = 0) => Date.UTC(2026, 2, 2, hh - 3, mm);
  const workdays = (cfg: CenterConfigInput, intervals: { from: string; to: string }[]) => {
    cfg.center.hours = { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals };
  };

  /** Counter 1 (passport, 6 min a visitor; trained for property too) open and free, four passport tickets at 11:50. */
  function fourWaiting(edit: (cfg: CenterConfigInput) => void) {
    const sim = new Sim({
      now: moscow(11, 50),
      edit: (cfg) => {
        cfg.center.balancing = { mode: 'auto' };
        edit(cfg);
      },
    });
    sim.open('1');
    const tickets = [1, 2, 3, 4].map(() => sim.issue('passport'));
    const etas = () => {
      const all = computeEtas(sim.state, sim.now);
      return tickets.map((t) => all[t.id]?.etaMin);
    };
    const newcomer = () => serviceLoads(sim.state, sim.now).find((l) => l.serviceId === 'passport')?.expectedWaitMin;
    return { sim, etas, newcomer };
  }

  it("W4: a queue is not called in the service's break; after the last closing it is served on the clock", () => {
    const { sim, etas, newcomer } = fourWaiting((cfg) => workdays(cfg, [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]));
    // 11:50 and 11:56 before the break; counter 1 is free at 12:02, in it, so the third is called at 13:00.
    expect(etas()).toEqual([0, 6, 70, 76]);
    expect(newcomer()).toBe(82);
    sim.now = moscow(12, 30);
    expect(etas()).toEqual([30, 36, 42, 48]);
    sim.now = moscow(18, 5);
    expect(etas()).toEqual([0, 6, 12, 18]);
  });

  it("W5: a counter calls within its plan, and one due later counts from its start, merged into what it is trained for", () => {
    const plan = (cfg: CenterConfigInput, id: string, intervals: { from: string; to: string }[]) => {
      cfg.counters!.find((c) => c.id === id)!.hours = { mon: intervals };
    };
    const alone = fourWaiting((cfg) => {
      workdays(cfg, [{ from: '08:00', to: '20:00' }]);
      plan(cfg, '1', [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]);
    });
    expect(alone.etas()).toEqual([0, 6, 70, 76]);
    // Counter 4 (benefits, trained for passport) is closed now and planned from 12:30: it takes the
    // third at 12:30 and, free first again at 12:36 and 12:42, the fourth and a newcomer.
    const helped = fourWaiting((cfg) => {
      workdays(cfg, [{ from: '08:00', to: '20:00' }]);
      plan(cfg, '1', [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]);
      plan(cfg, '4', [{ from: '12:30', to: '18:00' }]);
    });
    expect(helped.etas()).toEqual([0, 6, 40, 46]);
    expect(helped.newcomer()).toBe(52);
  });
});

describe('W6 keeps no stale order', () => {
  it('a new configuration (another head start) orders the queues anew', () => {
    // The replay keeps each queue's order outside the priority lane, where normal and booked
    // tickets rank by their lanes' head starts.
    const sim = new Sim({ ...auto({ bookedHeadStartMin: 0 }), now: at(0) });
    sim.open('1');
    const normal = sim.issue('passport');
    sim.advance(5);
    const booked = sim.issue('passport', 'booked');
    const etas = () => {
      const all = computeEtas(sim.state, sim.now);
      return [all[normal.id]?.etaMin, all[booked.id]?.etaMin];
    };
    expect(etas()).toEqual([0, 6]);
    const { center } = sim.state.config;
    sim.state.config = { ...sim.state.config, center: { ...center, policy: { ...center.policy, bookedHeadStartMin: 30 } } };
    expect(etas()).toEqual([6, 0]);
  });
});
