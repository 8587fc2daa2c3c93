/**
 * The day's visitors for one seed, drawn before the day starts: who arrives when, for what, in
 * which lane, how long they will take and whether they will come when called. The same visitors
 * meet every policy (common random numbers), so policies differ by their decisions alone. Only the
 * arrival is shown to the engine when it happens; service time and no-show stay hidden.
 */
import { MINUTE } from '@qms/shared';
import { exponential, serviceTime, streams } from './random.js';
import type { Scenario } from './scenario.js';

export interface Visitor {
  /** The ticket id is `v<index>`; visitors are sorted by arrival. */
  index: number;
  serviceId: string;
  lane: 'normal' | 'priority';
  /** Milliseconds after 00:00 of the simulated day. */
  arriveMs: number;
  serviceMs: number;
  noShow: boolean;
  /** False for visitors arriving in the warm-up. */
  counted: boolean;
}

export function drawVisitors(scenario: Scenario, seed: number): Visitor[] {
  const rng = streams(seed);
  const drawn: Omit<Visitor, 'index'>[] = [];
  const countFrom = (scenario.open + scenario.warmupMin) * MINUTE;
  for (const s of scenario.services) {
    // Piecewise-constant Poisson: exponential gaps within each period, restarted at its start
    // (memorylessness makes that exact); overlapping periods add their rates.
    for (const period of s.arrivals) {
      if (period.perHour <= 0) continue;
      const meanGapMs = (60 / period.perHour) * MINUTE;
      const end = period.to * MINUTE;
      for (let t = period.from * MINUTE + exponential(rng.arrivals, meanGapMs); t < end; t += exponential(rng.arrivals, meanGapMs)) {
        const arriveMs = Math.round(t);
        drawn.push({
          serviceId: s.id,
          lane: rng.arrivals.uniform() < s.priorityShare ? 'priority' : 'normal',
          arriveMs,
          serviceMs: Math.round(serviceTime(rng.service, s.meanMin, s.cv) * MINUTE),
          noShow: rng.noShow.uniform() < scenario.noShowShare,
          counted: arriveMs >= countFrom,
        });
      }
    }
  }
  // Stable sort: simultaneous arrivals keep the order they were drawn in.
  return drawn.sort((a, b) => a.arriveMs - b.arriveMs).map((v, index) => ({ index, ...v }));
}
