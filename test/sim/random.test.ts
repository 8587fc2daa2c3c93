/** Seeded streams and the distributions SIMULATION.md names. */
import { describe, expect, it } from 'vitest';
import { exponential, serviceTime, streams } from '../../server/src/sim/random.js';

function moments(xs: number[]) {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
  return { mean, cv: sd / mean };
}

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('random streams', () => {
  it('the same seed gives the same numbers; another seed, others', () => {
    const a = streams(1).arrivals;
    const b = streams(1).arrivals;
    const c = streams(2).arrivals;
    const xs = draw(5, () => a.uniform());
    expect(draw(5, () => b.uniform())).toEqual(xs);
    expect(draw(5, () => c.uniform())).not.toEqual(xs);
  });

  it('the three streams of a seed are distinct, and drawing from one does not move another', () => {
    const s = streams(7);
    const t = streams(7);
    draw(1000, () => s.arrivals.uniform());
    expect(draw(3, () => s.service.uniform())).toEqual(draw(3, () => t.service.uniform()));
    const u = streams(7);
    expect(u.arrivals.uniform()).not.toBe(u.service.uniform());
  });

  it('neighbouring seeds start far apart (the seed is scrambled)', () => {
    const firsts = [1, 2, 3, 4].map((seed) => streams(seed).arrivals.uniform());
    const spread = Math.max(...firsts) - Math.min(...firsts);
    expect(spread).toBeGreaterThan(0.1);
  });
});

describe('service times', () => {
  const rng = streams(11).service;
  it.each([
    [8, 0.6],
    [12, 0.8],
    [4, 0.5],
    [15, 0.9],
  ])('lognormal: mean %d and cv %d are what comes out (100,000 draws)', (mean, cv) => {
    const m = moments(draw(100_000, () => serviceTime(rng, mean, cv)));
    expect(m.mean).toBeGreaterThan(mean * 0.99);
    expect(m.mean).toBeLessThan(mean * 1.01);
    expect(m.cv).toBeGreaterThan(cv * 0.97);
    expect(m.cv).toBeLessThan(cv * 1.03);
  });

  it('cv 1 is the exponential distribution, as the contract says (P(X > mean) = 1/e)', () => {
    const xs = draw(100_000, () => serviceTime(rng, 5.1, 1));
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(5.1, 1);
    expect(m.cv).toBeCloseTo(1, 1);
    // A lognormal with cv 1 would give 0.31; the exponential 0.368.
    expect(xs.filter((x) => x > 5.1).length / xs.length).toBeCloseTo(Math.exp(-1), 2);
  });

  it('cv 0 is the mean every time', () => {
    expect(draw(10, () => serviceTime(rng, 6, 0))).toEqual(Array(10).fill(6));
  });

  it('exponential gaps have the mean asked for', () => {
    expect(moments(draw(100_000, () => exponential(rng, 3))).mean).toBeCloseTo(3, 1);
  });
});
