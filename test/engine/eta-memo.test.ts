/**
 * The center runtime keeps the learned service times (W2) up to date ticket by ticket instead of
 * re-reading the day after every command, and answers one ticket's position without sorting every
 * queue. Both must give exactly what the plain computation gives, whatever the day: random days
 * of issues, calls, starts, completions, no-shows, transfers and recalls, checked at every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEtas, decide, evolve, type Command } from '../../server/src/engine/index.js';
import { etaOf, meanServiceTimes, rememberServiceTimes, ticketChanging } from '../../server/src/engine/eta.js';
import { T0, makeState, min } from './harness.js';

const COUNTERS = ['1', '2', '3', '4'];
const SERVICES = ['passport', 'property', 'benefits'];

const step = fc.record({
  kind: fc.constantFrom('issue', 'issue', 'issue', 'call-next', 'call-next', 'call-next', 'start', 'complete', 'complete', 'complete', 'no-show', 'recall', 'transfer'),
  counter: fc.constantFrom(...COUNTERS),
  service: fc.constantFrom(...SERVICES),
  priority: fc.boolean(),
  minutes: fc.integer({ min: 0, max: 9 }),
});

describe('W2 memo and one-ticket ETA', () => {
  it('equal the plain computation at every step of random days', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 60, maxLength: 300 }), (steps) => {
        const state = makeState();
        rememberServiceTimes(state);
        let now = T0;
        let n = 0;
        const apply = (cmd: Command) => {
          const d = decide(state, cmd, now);
          if (!d.ok) return;
          for (const f of d.facts) {
            if ('ticket' in f) ticketChanging(state, f.ticket);
            evolve(state, f);
          }
        };
        for (const id of COUNTERS) apply({ type: 'open', counterId: id, staffLogin: `s${id}` });
        for (const x of steps) {
          now += min(x.minutes);
          if (x.kind === 'issue') apply({ type: 'issue', ticketId: `t${++n}`, serviceId: x.service, lane: x.priority ? 'priority' : 'normal', ...(x.priority ? { categoryId: 'disability' } : {}) });
          else if (x.kind === 'transfer') apply({ type: 'transfer', counterId: x.counter, toServiceId: x.service });
          else apply({ type: x.kind, counterId: x.counter } as Command);
          // The plain computation: a fresh copy of the state, with nothing remembered.
          const plain = meanServiceTimes(structuredClone(state));
          expect(meanServiceTimes(state)).toEqual(plain);
          const all = computeEtas(state);
          for (const id of state.waiting) expect(etaOf(state, id)).toEqual(all[id]);
        }
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });
});
