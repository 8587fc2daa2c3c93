/** The driver itself: its shorthands must report what the engine did, or the rule tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '@qms/shared';
import { EngineError, Sim, T0, at, makeState, min, run, snapshotOf, ticketIds, tryRun } from './harness.js';

describe('harness', () => {
  it('builds the test center: Moscow day of T0, four closed counters, three services', () => {
    const state = makeState();
    expect(state.numberingDay).toBe('2026-03-02');
    expect([...state.counters.values()].map((c) => [c.id, c.status])).toEqual([
      ['1', 'closed'],
      ['2', 'closed'],
      ['3', 'closed'],
      ['4', 'closed'],
    ]);
    expect([...state.services.keys()]).toEqual(['passport', 'property', 'benefits']);
    expect(state.config.center.policy).toEqual({
      priorityInterleave: 3,
      priorityHeadStartMin: 20,
      bookedHeadStartMin: 10,
      maxWaitGuardMin: 30,
      secondaryWhenIdle: true,
      recallLimit: 2,
      noShowReactivateMin: 30,
    });
    expect(makeState({ policy: { recallLimit: 0 } }).config.center.policy.recallLimit).toBe(0);
  });

  it('run applies the facts and returns them; a refusal throws its code and applies nothing', () => {
    const state = makeState();
    const facts = run(state, { type: 'open', counterId: '1', staffLogin: 'op1' }, T0);
    expect(facts.map((f) => f.type)).toEqual(['counter:opened']);
    expect(state.counters.get('1')?.status).toBe('open');
    const before = snapshotOf(state);
    expect(() => run(state, { type: 'call-next', counterId: '1' }, T0)).toThrowError(EngineError);
    expect(() => run(state, { type: 'call-next', counterId: '1' }, T0)).toThrowError(/^QUEUE_EMPTY: /);
    expect(snapshotOf(state)).toEqual(before);
  });

  it('tryRun returns the decision and applies it only when accepted', () => {
    const state = makeState();
    const refused = tryRun(state, { type: 'close', counterId: '1' }, T0);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const accepted = tryRun(state, { type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal' }, at(5));
    expect(accepted.ok).toBe(true);
    expect(state.tickets.get('x')).toMatchObject({ number: 'A001', issuedAt: at(5) });
  });

  it('ticket ids run t1, t2, … and the clock counts minutes', () => {
    const next = ticketIds();
    expect([next(), next(), next()]).toEqual(['t1', 't2', 't3']);
    expect(min(1.5)).toBe(1.5 * MINUTE);
    expect(at(90) - T0).toBe(90 * MINUTE);
    const sim = new Sim();
    expect(sim.issue('passport').id).toBe('t1');
    sim.advance(2);
    expect(sim.issue('passport', 'priority')).toMatchObject({ id: 't2', categoryId: 'disability', issuedAt: at(2) });
    sim.open('1');
    expect(sim.wouldCall('1')).toBe('A002');
    expect(sim.counter('1').currentTicketId).toBeNull();
    expect(sim.serveNext('1')).toBe('A002');
    expect(sim.ticket('t2').status).toBe('done');
    expect(sim.errorOf({ type: 'resume', counterId: '1' })).toBe('INVALID_TRANSITION');
    expect(() => sim.errorOf({ type: 'close', counterId: '1' })).toThrowError(/expected close to be refused/);
  });
});
