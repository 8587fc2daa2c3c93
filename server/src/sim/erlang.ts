/** Erlang C (M/M/c), the textbook answer the simulator is checked against (erlang-c.json). */

export interface ErlangC {
  /** Probability that an arriving visitor has to wait. */
  pWait: number;
  /** Mean wait in queue, minutes. */
  meanWaitMin: number;
  /** Share of visitors called within `t` minutes. */
  withinShare: (t: number) => number;
}

/** `servers` identical counters, Poisson arrivals at `perHour`, exponential service with `meanMin`. */
export function erlangC(servers: number, perHour: number, meanMin: number): ErlangC {
  const lambda = perHour / 60;
  const mu = 1 / meanMin;
  const a = lambda / mu;
  if (a >= servers) throw new RangeError(`load ${a.toFixed(2)} Erlang needs more than ${servers} counters`);
  // Terms a^k / k! built up one at a time, which stays finite for large c.
  let term = 1;
  let sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const last = (term * servers) / (servers - a);
  const pWait = last / (sum + last);
  const rate = servers * mu - lambda;
  return { pWait, meanWaitMin: pWait / rate, withinShare: (t) => 1 - pWait * Math.exp(-rate * t) };
}
