import type { CallRecord } from '@qms/shared/client';
import { useMemo } from 'react';
import { useDisplay } from '../store/index.js';
import { visibleCalls } from '../zone.js';

/** The zone's calls, newest first, one per ticket. */
export function useVisibleCalls(max: number): CallRecord[] {
  const calls = useDisplay((s) => s.hall?.calls);
  const counters = useDisplay((s) => s.hall?.counters);
  const zone = useDisplay((s) => s.zone);
  return useMemo(() => (calls && counters ? visibleCalls(zone, calls, counters, max) : []), [calls, counters, zone, max]);
}
