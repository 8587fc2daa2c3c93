/**
 * The center runtime keeps the learned service times (W2) up to date ticket by ticket instead of
 * re-reading the day after every command, answers one ticket's position without sorting every
 * queue, and keeps the waiting tickets by queue for call-next and that position. All must agree
 * exactly with the plain computation, whatever the day: random days of issues, calls, starts,
 * completions, no-shows, transfers and recalls, checked at every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEtas, decide, evolve, type Command } from '../../server/src/engine/index.js';
import { etaOf, meanServiceTimes, rememberServiceTimes, ticketChanging } from '../../server/src/engine/eta.js';
import { queueKey } from '../../server/src/engine/state.js';
import { T0, makeState, min } from './harness.js';

const COUNTERS = ['1', '2', '3', '4'];
const SERVICES = ['passport', 'property', 'benefits'];

const DAY = ['issue', 'issue', 'issue', 'call-next', 'call-next', 'call-next', 'start', 'complete', 'complete', 'complete', 'no-show', 'recall', 'transfer'] as const;

const stepOf = (services: string[], minutes: fc.Arbitrary<number>) =>
  fc.record({
    kind: fc.constantFrom(...DAY),
    counter: fc.constantFrom(...COUNTERS),
    service: fc.constantFrom(...services),
    priority: fc.boolean(),
    minutes,
  });
type Step = ReturnType<typeof stepOf> extends fc.Arbitrary<infer S> ? S : never;

describe('W2 memo and one-ticket ETA', () => {
  it('equal the plain computation at every step of random days', () => {
    fc.assert(
      fc.property(fc.array(stepOf(SERVICES, fc.integer({ min: 0, max: 9 })), { minLength: 60, maxLength: 300 }), check),
      { numRuns: 60, seed: 20261124 },
    );
  });

  // A busy hall finishes services in the same millisecond: which of them are among the latest
  // LEARN_WINDOW must not depend on the order they are learned in (one by one, or the whole day).
  it('equal it when two counters finish in the same millisecond at the edge of the window', () => {
    const steps: Step[] = [];
    const step = (kind: Step['kind'], counter: string, minutes = 0) => steps.push({ kind, counter, service: 'passport', priority: false, minutes });
    for (let i = 0; i < 90; i++) step('issue', '1');
    for (let round = 0; round < 28; round++) {
      // Counters 1 and 2 finish together, then counter 1 alone: the window's edge falls between a pair.
      step('call-next', '1');
      step('start', '1');
      step('call-next', '2', 1);
      step('start', '2');
      step('complete', '1', 1 + (round % 3));
      step('complete', '2');
      step('call-next', '1', 1);
      step('start', '1');
      step('complete', '1', 1);
    }
    check(steps);
  });
});

function check(steps: Step[]): void {
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
    const all = computeEtas(state, now);
    for (const id of state.waiting) expect(etaOf(state, id, now)).toEqual(all[id]);
    // The queues call-next and etaOf read are exactly the waiting tickets, each in its own queue.
    const indexed = [...state.queues].flatMap(([key, ids]) => [...ids].map((id) => ({ key, id })));
    expect(indexed.map((x) => x.id).sort()).toEqual([...state.waiting].sort());
    for (const { key, id } of indexed) expect(queueKey(state.tickets.get(id)!)).toBe(key);
  }
}
