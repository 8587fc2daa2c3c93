import { describe, expect, it } from 'vitest';
import { busyUntil, proposeMoves } from '../../server/src/engine/rebalance.js';
import { Sim, min } from './harness.js';

// The test center: counter 1 serves passport and its staff may also serve property (canServe);
// counter 3 serves property only.
describe('rebalancer', () => {
  it('B1: a service is busy while a visitor has waited a minute or more, and until that visitor was called', () => {
    const sim = new Sim();
    sim.open('3');
    sim.issue('property'); // B001 at 0
    expect(busyUntil(sim.state, sim.now, min(1)).get('property')).toBeUndefined();
    sim.advance(2);
    expect(busyUntil(sim.state, sim.now, min(1)).get('property')).toBe(sim.now);
    const calledAt = sim.now;
    sim.callNext('3');
    sim.advance(10);
    expect(busyUntil(sim.state, sim.now, min(1)).get('property')).toBe(calledAt);
  });

  it('B2: a counter trained for a busy service serves everything it is trained for, with the reason', () => {
    const sim = new Sim();
    sim.open('1');
    sim.open('3');
    sim.issue('property');
    expect(proposeMoves(sim.state, sim.now)).toEqual([]);
    sim.advance(2);
    expect(proposeMoves(sim.state, sim.now)).toEqual([
      {
        kind: 'merge',
        counterId: '1',
        serviceId: 'property',
        services: [{ serviceId: 'passport', role: 'primary' }, { serviceId: 'property', role: 'primary' }],
        predictedWaitMin: 2,
        targetMin: 15,
        reason: 'Counter 1 also serves property: B001 has waited 2 min for property (target 15 min)',
      },
    ]);
    // A closed counter is never merged.
    sim.run({ type: 'close', counterId: '1' });
    expect(proposeMoves(sim.state, sim.now)).toEqual([]);
  });

  it('B3: a merged counter goes back to its plan once nobody has waited at its extra services for 45 minutes', () => {
    const sim = new Sim();
    sim.open('1');
    sim.issue('property');
    sim.advance(2);
    const [merge] = proposeMoves(sim.state, sim.now);
    sim.run({ type: 'set-services', counterId: '1', services: merge!.services, reason: merge!.reason });
    sim.serveNext('1');
    sim.advance(44);
    expect(proposeMoves(sim.state, sim.now)).toEqual([]);
    sim.advance(1);
    const [release] = proposeMoves(sim.state, sim.now);
    expect(release).toMatchObject({ kind: 'release', counterId: '1', services: [{ serviceId: 'passport', role: 'primary' }] });
    expect(release?.reason).toBe('Counter 1 back to its plan: nobody has waited at property for 45 min');
  });
});
