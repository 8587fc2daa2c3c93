/**
 * A display may serve one zone of the hall: some counters, some services, or both (then a call
 * must match both). Empty lists mean the whole hall.
 */
import type { DisplayCounter, ServiceLoad } from '@qms/shared';

type Counters = Record<string, Pick<DisplayCounter, 'id' | 'number' | 'services'>>;
import type { CallRecord } from '@qms/shared/client';
import type { DisplayOptions } from './options.js';

export interface Zone {
  counters: string[];
  services: string[];
}

export const WHOLE_HALL: Zone = { counters: [], services: [] };

/** The URL wins over the device's configured scope, so an installer can test a zone without an admin. */
export function resolveZone(options: Pick<DisplayOptions, 'counters' | 'services'>, device: Zone | null): Zone {
  if (options.counters.length > 0 || options.services.length > 0) return { counters: options.counters, services: options.services };
  return device ?? WHOLE_HALL;
}

export const isWholeHall = (zone: Zone): boolean => zone.counters.length === 0 && zone.services.length === 0;

/** Installers read the number on the wall, the configuration uses ids: accept either. */
export function counterInZone(zone: Zone, counter: { id: string; number?: string | undefined }): boolean {
  return zone.counters.length === 0 || zone.counters.some((c) => c === counter.id || c === counter.number);
}

function counterMatches(zone: Zone, counterId: string, counters: Counters): boolean {
  return counterInZone(zone, { id: counterId, number: counters[counterId]?.number });
}

export function callInZone(zone: Zone, call: Pick<CallRecord, 'counterId' | 'serviceId'>, counters: Counters): boolean {
  return counterMatches(zone, call.counterId, counters) && (zone.services.length === 0 || zone.services.includes(call.serviceId));
}

/**
 * The services whose queues the display lists: the zone's services, else those its counters
 * serve right now (a merge adds a service live), else all (null).
 */
export function zoneServices(zone: Zone, counters: Counters): Set<string> | null {
  if (zone.services.length > 0) return new Set(zone.services);
  if (zone.counters.length === 0) return null;
  const ids = Object.values(counters)
    .filter((c) => counterMatches(zone, c.id, counters))
    .flatMap((c) => c.services.map((s) => s.serviceId));
  return new Set(ids);
}

export function loadsInZone(zone: Zone, loads: ServiceLoad[], counters: Counters): ServiceLoad[] {
  const wanted = zoneServices(zone, counters);
  return wanted ? loads.filter((l) => wanted.has(l.serviceId)) : loads;
}

/** Newest first, one line per ticket: a recall replaces the earlier line of the same ticket. */
export function visibleCalls(zone: Zone, calls: CallRecord[], counters: Counters, max: number): CallRecord[] {
  const seen = new Set<string>();
  const out: CallRecord[] = [];
  for (const call of calls) {
    if (out.length >= max) break;
    if (seen.has(call.ticketId) || !callInZone(zone, call, counters)) continue;
    seen.add(call.ticketId);
    out.push(call);
  }
  return out;
}
