/** The event kernel: earliest first, and insertion order among equal times (ENGINEERING.md). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../server/src/sim/kernel.js';

const drain = <T>(q: EventQueue<T>) => {
  const out: { time: number; event: T }[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push(e);
  return out;
};

describe('event kernel', () => {
  it('pops by time, then in insertion order for equal times', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(1, 'd');
    q.push(3, 'e');
    q.push(5, 'f');
    expect(drain(q).map((e) => `${e.time}${e.event}`)).toEqual(['1b', '1d', '3e', '5a', '5c', '5f']);
    expect(q.pop()).toBeUndefined();
  });

  it('events pushed while draining keep the order (a seeded property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>();
        const reference: { time: number; seq: number }[] = [];
        const popped: number[] = [];
        const expected: number[] = [];
        ops.forEach(([time, pop], seq) => {
          q.push(time, seq);
          reference.push({ time, seq });
          if (pop) {
            reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
            expected.push(reference.shift()!.seq);
            popped.push(q.pop()!.event);
          }
        });
        reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
        expect([...popped, ...drain(q).map((e) => e.event)]).toEqual([...expected, ...reference.map((r) => r.seq)]);
        expect(q.size).toBe(0);
      }),
      { seed: 20261124, numRuns: 200 },
    );
  });

  it('refuses a time that is not a finite number', () => {
    expect(() => new EventQueue<number>().push(NaN, 1)).toThrow(RangeError);
  });
});
