/** Narrow selectors over the hall for the operator's counter. */
import type { CounterState, Ticket } from '@qms/shared';
import { waitingFor } from '@qms/shared/client';
import type { Store } from './index';

export const selectMyCounter = (s: Store): CounterState | undefined => (s.counterId ? s.hall?.counters[s.counterId] : undefined);

export const selectCurrentTicket = (s: Store): Ticket | undefined => {
  const id = selectMyCounter(s)?.currentTicketId;
  return id ? s.hall?.tickets[id] : undefined;
};

/** The tickets this counter could call, ranked by P1/P3 (logic/callOrder gives the real call order; use with useShallow). */
export const selectMyQueue = (s: Store): Ticket[] => {
  const counter = selectMyCounter(s);
  if (!s.hall || !counter) return [];
  return waitingFor(s.hall, new Set(counter.services.map((x) => x.serviceId)), counter.id);
};
