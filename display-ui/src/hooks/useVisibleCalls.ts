import { useMemo } from 'react';
import { hallCalls, type HallCalls } from '../calls.js';
import { useDisplay } from '../store/index.js';

/** The zone's calls: the one that still holds in "Now calling", up to `previous` others. */
export function useVisibleCalls(previous: number): HallCalls {
  const calls = useDisplay((s) => s.hall?.calls);
  const counters = useDisplay((s) => s.hall?.counters);
  const tickets = useDisplay((s) => s.hall?.tickets);
  const zone = useDisplay((s) => s.zone);
  return useMemo(
    () => (calls && counters && tickets ? hallCalls(zone, calls, counters, tickets, previous) : { now: undefined, previous: [] }),
    [calls, counters, tickets, zone, previous],
  );
}
