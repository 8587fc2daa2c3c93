/**
 * Whether a visitor may take a ticket for a service right now (issue 11: never a ticket that
 * nobody will call): the service is within its hours (its own, else the center's), not on a closed
 * day (the center's or its own, docs/SPEC.md I6), and a staffed counter (open or on a break) serves
 * it or can be switched to it (its `canServe`, else its plan).
 * The kiosk shows the others as "not served now", with when they open next where that is known.
 */
import { isOpenAt, nextOpening, scheduleOf, type EngineConfig } from '@qms/shared';
import type { EngineState } from '../engine/types.js';

export interface ServiceAvailability {
  serviceId: string;
  servedNow: boolean;
  /** Epoch ms of the next opening (after any closed days) when the service is closed now; null when open or never within a year. */
  opensAt: number | null;
}

export function serviceAvailability(config: EngineConfig, state: Pick<EngineState, 'counters'>, now: number): ServiceAvailability[] {
  const { center } = config;
  const staffed = new Set<string>();
  for (const counter of config.counters) {
    const live = state.counters.get(counter.id);
    if (!live || live.status === 'closed') continue;
    for (const s of live.services) staffed.add(s.serviceId);
    for (const id of counter.canServe ?? counter.services.map((s) => s.serviceId)) staffed.add(id);
  }
  return config.services.map((service) => {
    const schedule = scheduleOf(center, service);
    const open = isOpenAt(schedule, now, center.timezone);
    const served = staffed.has(service.id) || service.acceptWhenUnstaffed === true;
    return { serviceId: service.id, servedNow: open && served, opensAt: open ? null : nextOpening(schedule, now, center.timezone) };
  });
}
