/**
 * Seeded randomness for the simulator: pure-rand's xoroshiro128+, one stream per purpose, made
 * independent by jumps (2^64 draws apart), so that changing how one stream is used does not shift
 * the others (ENGINEERING.md).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export interface Streams {
  /** Arrival times and lanes. */
  arrivals: Rng;
  /** Each visitor's service time. */
  service: Rng;
  /** Whether each visitor comes when called. */
  noShow: Rng;
  /**
   * Everything about booked visitors (issue 13): their own stream, so that adding appointments to a
   * scenario leaves the walk-ins' draws as they were.
   */
  booked: Rng;
}

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
}

export function streams(seed: number): Streams {
  // xoroshiro128plus(seed) starts from (-1, ~seed, seed, 0): its first outputs for seeds 1, 2, 3
  // are nearly the same. Scrambling the seed and jumping before use decorrelates them.
  const root = xoroshiro128plus(scramble(seed));
  const next = (): Rng => {
    root.jump();
    return rngOf(root.clone());
  };
  const arrivals = next();
  const service = next();
  const noShow = next();
  // Jumped to last: the streams before it start where they always did.
  const booked = next();
  return { arrivals, service, noShow, booked };
}

function rngOf(g: JumpableRandomGenerator): Rng {
  return { uniform: () => uniformFloat64(g) };
}

/** A 32-bit avalanche (murmur3's finaliser). */
function scramble(seed: number): number {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Exponential with this mean. */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.uniform()) * mean;
}

/** Standard normal by Box–Muller (one value per two uniforms: simpler than caching the pair). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.uniform(); // (0, 1]: log is finite
  const v = rng.uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A service time with this mean and coefficient of variation, as SIMULATION.md defines it:
 * "lognormal with this mean and coefficient of variation; cv 1 = exponential". So cv exactly 1 is
 * drawn from the exponential distribution (what the erlang-c check needs: M/M/c), any other cv from
 * the lognormal with that mean and cv, and cv 0 is the mean itself.
 */
export function serviceTime(rng: Rng, mean: number, cv: number): number {
  if (cv === 0) return mean;
  if (cv === 1) return exponential(rng, mean);
  const sigma2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * standardNormal(rng));
}
