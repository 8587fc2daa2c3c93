/** Supervisor alerts: services whose waits breach their target, worst first. */
import type { Counter, CounterState, ServiceLoad } from '@qms/shared';

export type AlertReason = 'oldest' | 'expected' | 'unserved';

export interface ServiceAlert {
  load: ServiceLoad;
  /** The longest current wait, minutes: the server's figure or the live one, whichever is later. */
  oldestWaitMin: number;
  reasons: AlertReason[];
  /** How far over the target, for sorting: 1 = at the target. */
  severity: number;
}

/**
 * `liveOldestMin` ticks between facts (the server's loads are computed at the last fact), so an
 * alert appears when the wait crosses the target, not at the next ticket.
 */
export function serviceAlerts(loads: ServiceLoad[], liveOldestMin: Record<string, number>): ServiceAlert[] {
  const alerts: ServiceAlert[] = [];
  for (const load of loads) {
    if (load.waiting === 0) continue;
    const oldestWaitMin = Math.max(load.oldestWaitMin, liveOldestMin[load.serviceId] ?? 0);
    const reasons: AlertReason[] = [];
    if (oldestWaitMin >= load.targetWaitMin) reasons.push('oldest');
    if (load.expectedWaitMin !== null && load.expectedWaitMin >= load.targetWaitMin) reasons.push('expected');
    if (load.openCounters === 0) reasons.push('unserved');
    if (reasons.length === 0) continue;
    const worst = Math.max(oldestWaitMin, load.expectedWaitMin ?? 0);
    alerts.push({ load, oldestWaitMin, reasons, severity: load.openCounters === 0 ? Infinity : worst / load.targetWaitMin });
  }
  return alerts.sort((a, b) => b.severity - a.severity || b.load.waiting - a.load.waiting);
}

/** Open counters that could be merged into a service: trained for it (canServe) but not serving it. */
export function helperCounters(serviceId: string, counters: CounterState[], plans: Counter[]): CounterState[] {
  return counters
    .filter((c) => c.status === 'open' && !c.services.some((s) => s.serviceId === serviceId))
    .filter((c) => {
      const plan = plans.find((p) => p.id === c.id);
      return plan !== undefined && servable(plan).includes(serviceId);
    })
    .sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
}

/** What a counter's staff can serve: canServe, else its planned services (C2). */
export function servable(plan: Counter): string[] {
  return [...new Set([...(plan.canServe ?? []), ...plan.services.map((s) => s.serviceId)])];
}
