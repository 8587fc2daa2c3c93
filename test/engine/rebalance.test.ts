import { describe, expect, it } from 'vitest';
import { DEFAULT_BALANCE, predictedWait, proposeMoves } from '../../server/src/engine/rebalance.js';
import { Sim } from './harness.js';

// The test center: counter 1 serves passport and may also serve property (canServe);
// counter 3 serves property only; passport and property take 6 and 10 minutes.
describe('rebalancer', () => {
  it('B1: the predicted wait grows with the backlog and the arrival rate, and is infinite with no capacity', () => {
    const load = { waiting: 6, oldestWaitMin: 2, rate: 0, meanMin: 10, targetMin: 15 };
    expect(predictedWait(load, 2, DEFAULT_BALANCE)).toBe(30);
    // 2 counters of 10 min serve 0.2/min; at 0.3/min the 6 waiting become 6 + 0.1 × 20 = 8: 8 / 0.2 = 40 min.
    expect(predictedWait({ ...load, rate: 0.3 }, 2, DEFAULT_BALANCE)).toBe(40);
    expect(predictedWait({ ...load, oldestWaitMin: 45 }, 2, DEFAULT_BALANCE)).toBe(45);
    expect(predictedWait(load, 0, DEFAULT_BALANCE)).toBe(Infinity);
  });

  it('B2: merges a trained, idle counter into a service heading past its target, with a reason', () => {
    const sim = new Sim();
    sim.open('1');
    sim.open('3');
    for (let i = 0; i < 4; i++) sim.issue('property');
    const moves = proposeMoves(sim.state, sim.now, new Map(), sim.now);
    expect(moves).toEqual([
      expect.objectContaining({
        kind: 'merge',
        counterId: '1',
        serviceId: 'property',
        services: [{ serviceId: 'passport', role: 'primary' }, { serviceId: 'property', role: 'primary' }],
        reason: expect.stringMatching(/^Counter 1 also serves property: expected wait \d+ min/),
      }),
    ]);
  });

  it('B4: a counter that switched recently is left alone; B3: a merged counter goes back when the risk has passed', () => {
    const sim = new Sim();
    sim.open('1');
    sim.open('3');
    for (let i = 0; i < 4; i++) sim.issue('property');
    expect(proposeMoves(sim.state, sim.now, new Map([['1', sim.now]]), sim.now)).toEqual([]);
    const [merge] = proposeMoves(sim.state, sim.now, new Map(), sim.now);
    sim.run({ type: 'set-services', counterId: '1', services: merge!.services, reason: merge!.reason });
    // The queue is served; 40 minutes later nothing waits.
    for (let i = 0; i < 4; i++) sim.run({ type: 'cancel', ticketId: `t${i + 1}` });
    sim.advance(40);
    const [release] = proposeMoves(sim.state, sim.now, new Map([['1', sim.now - 40 * 60_000]]), sim.now - 60 * 60_000);
    expect(release).toMatchObject({ kind: 'release', counterId: '1', serviceId: 'property', services: [{ serviceId: 'passport', role: 'primary' }] });
    expect(release?.reason).toMatch(/^Counter 1 back to its plan/);
  });
});
