import { describe, expect, it } from 'vitest';
import type { FactBody } from '@qms/shared';
import { DEFAULT_BALANCE, SwitchLog, proposeMoves, type Move } from '../../server/src/engine/rebalance.js';
import { serviceLoads } from '../../server/src/engine/index.js';
import { Sim, T0 } from './harness.js';

// The test center: counter 1 serves passport and its staff may also serve property (canServe);
// counter 3 serves property only; counter 4 serves benefits and may also serve passport.
const PASSPORT_ONLY = [{ serviceId: 'passport', role: 'primary' }];
const MERGED_1 = [...PASSPORT_ONLY, { serviceId: 'property', role: 'primary' }];

/** A sim whose every fact also goes into a switch log, as the live balancer and the simulator do. */
function setup(opts: ConstructorParameters<typeof Sim>[0] = {}) {
  const sim = new Sim(opts);
  const log = new SwitchLog(T0);
  const run = sim.run.bind(sim);
  sim.run = (cmd) => {
    const facts: FactBody[] = run(cmd);
    for (const f of facts) log.record(f, sim.now);
    return facts;
  };
  const look = (params = DEFAULT_BALANCE) => proposeMoves(sim.state, sim.now, log, params);
  const apply = (m: Move | undefined) => sim.run({ type: 'set-services', counterId: m!.counterId, services: m!.services, reason: m!.reason });
  return { sim, log, look, apply };
}

describe('rebalancer', () => {
  it('B1: a free counter is merged when its next call would be a visitor of an extra service, with the reason', () => {
    const { sim, look } = setup();
    sim.open('1');
    sim.open('3');
    sim.issue('passport'); // A001 at 0
    sim.advance(1);
    sim.issue('property'); // B001 at 1, behind A001: counter 1 still calls its own first
    expect(look()).toEqual([]);
    sim.serveNext('1');
    sim.callNext('3'); // B001 is taken by its own counter: nothing to merge for
    sim.issue('property'); // B002: counter 1 is free, its own queue empty, B002 is next there
    sim.advance(3);
    expect(look()).toEqual([
      {
        kind: 'merge',
        counterId: '1',
        serviceId: 'property',
        services: MERGED_1,
        // W3 for a visitor joining property now: behind B002, counter 3 busy, 10 min per visitor.
        predictedWaitMin: 15,
        targetMin: 15,
        reason: 'Counter 1 also serves property: B002 has waited 3 min for property and is next here; expected wait there 15 min (target 15 min)',
        // The same as data, for each app to word in its viewer's language.
        why: { id: 'merge', counter: '1', services: ['property'], ticket: 'B002', priority: false, serviceId: 'property', waitedMin: 3, expectedMin: 15, targetMin: 15 },
      },
    ]);
    // A closed counter is never merged (B4).
    sim.run({ type: 'close', counterId: '1' });
    expect(look()).toEqual([]);
  });

  it('B1: a busy counter waits for its turn in auto; suggest proposes it at once; a priority visitor comes first', () => {
    const { sim, look } = setup();
    sim.open('1');
    sim.issue('passport');
    sim.callNext('1'); // counter 1 busy
    sim.issue('passport'); // A002
    sim.advance(2);
    sim.issue('property', 'priority'); // B001, priority lane, younger than A002
    expect(look()).toEqual([]);
    expect(look({ ...DEFAULT_BALANCE, freeCountersOnly: false })).toMatchObject([{ kind: 'merge', counterId: '1', serviceId: 'property' }]);
    sim.run({ type: 'complete', counterId: '1' });
    const [merge] = look();
    expect(merge?.reason).toMatch(/^Counter 1 also serves property: B001 in the priority lane has waited 0 min/);
  });

  it('B2: a merged counter goes back to its plan once the merge has gone unused for 10 minutes', () => {
    const { sim, look: lookWith, apply } = setup();
    // A budget of switches that never binds here (B3 is tested below).
    const look = () => lookWith({ ...DEFAULT_BALANCE, switchesPerHour: 60 });
    sim.open('1');
    sim.issue('property');
    apply(look()[0]);
    expect(sim.counter('1').services).toEqual(MERGED_1);
    sim.advance(5);
    sim.serveNext('1'); // the merge is used at minute 5
    sim.issue('passport');
    sim.advance(9);
    expect(look()).toEqual([]); // 9 min since: not yet
    sim.advance(1);
    // Three property visitors arrive, behind the passport one counter 1 calls next: it still goes back.
    for (let i = 0; i < 3; i++) sim.issue('property');
    const [release] = look();
    expect(release).toMatchObject({ kind: 'release', counterId: '1', services: PASSPORT_ONLY });
    expect(release?.reason).toBe('Counter 1 back to its plan: it has not needed property for 10 min');
    expect(release?.why).toEqual({ id: 'release', counter: '1', services: ['property'], unusedMin: 10 });
    // Its "expected wait there" is the very figure the Hall view shows for property now (W3), not a 0.
    const hall = serviceLoads(sim.state, sim.now).find((l) => l.serviceId === 'property');
    expect(hall?.expectedWaitMin).toBeGreaterThan(0);
    expect(release?.predictedWaitMin).toBe(Math.round(hall?.expectedWaitMin ?? 0));
    // Never while its next call would still be an extra visitor.
    sim.serveNext('1'); // the passport visitor
    sim.issue('property');
    expect(look()).toEqual([]);
  });

  it('B3: releases only with switches to spare; merges are never held back', () => {
    const { sim, look, apply, log } = setup();
    sim.open('1');
    sim.issue('property');
    apply(look()[0]); // switch 1 at 0
    sim.serveNext('1');
    sim.advance(10);
    // 1 switch + 2 > 1 per hour × 1/6 h + 1: no release yet.
    expect(look()).toEqual([]);
    sim.advance(50); // one hour in: 1 + 2 ≤ 1 + 1? no.
    expect(look()).toEqual([]);
    sim.advance(60); // two hours in: 1 + 2 ≤ 2 + 1
    apply(look()[0]);
    expect(log.switches('1')).toBe(2);
    expect(sim.counter('1').services).toEqual(PASSPORT_ONLY);
    // Out of budget, yet a visitor who is next here merges it at once.
    sim.issue('property');
    expect(look()).toMatchObject([{ kind: 'merge', counterId: '1' }]);
  });

  it('a counter trained for nothing beyond its plan is never moved', () => {
    const { sim, look } = setup();
    sim.open('3');
    sim.issue('passport');
    sim.advance(30);
    expect(look()).toEqual([]);
  });
});

describe('rebalancer and remote visitors (issue 14)', () => {
  it('B1 with V3: a remote visitor not yet in the hall is no reason to merge a counter; once arrived, it is', () => {
    const { sim, look } = setup({ edit: (cfg) => (cfg.services[1]!.remote = { enabled: true }) });
    sim.open('1');
    sim.run({ type: 'issue', ticketId: 'r1', serviceId: 'property', lane: 'normal', remote: { code: 'ABCDEFGH' } });
    sim.advance(3);
    expect(look()).toEqual([]);
    sim.run({ type: 'arrive', ticketId: 'r1', via: 'kiosk' });
    expect(look()).toMatchObject([{ kind: 'merge', counterId: '1', serviceId: 'property' }]);
  });
});
