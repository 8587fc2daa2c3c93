/**
 * The services a dialog may offer as a ticket's queue: the server refuses a queue no counter plans
 * or can be switched to (I5), so those are left out; one whose counters are all closed right now
 * is offered with `noneOpen`, so the dialog can say the visitor will wait until one opens.
 */
import type { Service, ServiceLoad } from '@qms/shared';

export interface OfferedService {
  service: Service;
  noneOpen: boolean;
}

export function offeredServices(services: Service[], loads: ServiceLoad[]): OfferedService[] {
  const byId = new Map(loads.map((l) => [l.serviceId, l]));
  return services.flatMap((service) => {
    const load = byId.get(service.id);
    // No load yet (a service added a moment ago): let the server decide.
    if (load && !load.servable) return [];
    return [{ service, noneOpen: load?.openCounters === 0 }];
  });
}
