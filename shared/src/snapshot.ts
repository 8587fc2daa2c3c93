import type { CenterInfo, PriorityCategory, Service } from './config.js';
import type { BalanceMode } from './codes.js';
import type { BalanceProposal, CounterState, ServiceLoad, Ticket, TicketEta } from './domain.js';

/**
 * Everything a client needs to draw the hall, at one sequence number. Staff get the whole of it;
 * devices a projection (audience.ts) with narrower tickets and counters.
 */
export interface Snapshot<T extends Pick<Ticket, 'id'> = Ticket, C extends Pick<CounterState, 'id'> = CounterState> {
  seq: number;
  now: number;
  center: CenterInfo;
  services: Service[];
  priorityCategories: PriorityCategory[];
  counters: C[];
  /** Today's tickets that are waiting, called or being served, plus the last finished ones. */
  tickets: T[];
  etas: Record<string, TicketEta>;
  loads: ServiceLoad[];
  /** The rebalancer's mode and its open proposals. */
  balance: { mode: BalanceMode; proposals: BalanceProposal[] };
}
