/** The live objects of a center's day, as the engine holds them and clients receive them. */
import type { CounterStatus, Lane, PauseReasonId, TicketStatus } from './codes.js';
import type { CounterService } from './config.js';

export interface Ticket {
  /** Unguessable: the public status page is reached by it alone. */
  id: string;
  centerId: string;
  /** "YYYY-MM-DD" in the center's time zone; numbers restart each day. */
  day: string;
  serviceId: string;
  /** The service it was issued for: its number's prefix and sequence belong to it. */
  issuedServiceId: string;
  /** Per service per day: 1, 2, 3 … */
  seqNo: number;
  /** What the visitor sees: "A001". Kept through transfers. */
  number: string;
  lane: Lane;
  categoryId: string | null;
  language: string | null;
  status: TicketStatus;
  issuedAt: number;
  /** The place in line (epoch ms). Equals issuedAt; transfers and reactivation keep it (T2, N1). */
  queuedAt: number;
  /** Set by a transfer to a counter: only that counter calls the ticket (T1). */
  targetCounterId: string | null;
  /** Where it goes back after the current service, if the transfer asked for a return (T4). */
  returnServiceId: string | null;
  counterId: string | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  recalls: number;
  /** How many times it has been transferred. */
  transfers: number;
  /** The issuing client's request id: a retried request returns this ticket instead of a new one (I4). */
  clientRef: string | null;
  /** When it was first called today (for the wait KPIs): later calls after transfers do not count. */
  firstCalledAt: number | null;
  /** A checked-in appointment's slot (epoch ms, booked lane): its place in line starts there (A2). Absent for walk-ins. */
  appointmentAt?: number;
  /** A ticket taken on the join page (issue 14, V1–V6); absent for the kiosk's and staff's. */
  remote?: RemoteState;
}

/** Where a remote ticket's visitor is (docs/SPEC.md V2–V5). */
export interface RemoteState {
  /** What the visitor types or scans at the kiosk to say they have come (8 symbols, booking-code.ts). */
  code: string;
  /** V2: when arrival was confirmed; null: not here yet, so not called (V3). */
  arrivedAt: number | null;
  /** V4: when its turn came while away; a no-show `graceMin` later unless it arrives (V5). */
  heldAt: number | null;
}

export interface CounterState {
  id: string;
  number: string;
  zone: string;
  status: CounterStatus;
  /** The live assignment: the plan, unless a supervisor or the rebalancer changed it. */
  services: CounterService[];
  staffLogin: string | null;
  currentTicketId: string | null;
  /** Free text as typed; null for a preset reason (pauseReasonId) or when not paused. */
  pauseReason: string | null;
  /** A preset reason, put into words by each viewer in their language. */
  pauseReasonId: PauseReasonId | null;
  /** P2: priority-lane calls in a row at this counter. */
  priorityStreak: number;
  changedAt: number;
}

/**
 * Why the rebalancer moves a counter, as data: each app puts it into words in its viewer's
 * language (B1 merge, B2 release). `reason` beside it keeps the English sentence for logs and
 * API users.
 */
export type BalanceReason =
  | {
      id: 'merge';
      /** Counter number, the services added (ids), the visitor it is for and the figures. */
      counter: string;
      services: string[];
      ticket: string;
      priority: boolean;
      serviceId: string;
      waitedMin: number;
      expectedMin: number;
      targetMin: number;
    }
  | { id: 'release'; counter: string; services: string[]; unusedMin: number };

/** A rebalancer move waiting for a supervisor (mode `suggest`). */
export interface BalanceProposal {
  id: string;
  kind: 'merge' | 'release';
  counterId: string;
  serviceId: string;
  /** The counter's services if accepted. */
  services: CounterService[];
  reason: string;
  why: BalanceReason;
  predictedWaitMin: number;
  targetMin: number;
  createdAt: number;
}

/** Position and expected wait of a waiting ticket. */
export interface TicketEta {
  /** 1 = next to be called for its service. */
  position: number;
  /** Minutes until called; null when no open counter serves its service. */
  etaMin: number | null;
}

/** Per-service live figures for displays and the supervisor. */
export interface ServiceLoad {
  serviceId: string;
  waiting: number;
  waitingPriority: number;
  oldestWaitMin: number;
  /** Expected wait for a ticket issued now, minutes; null when no open counter serves it. */
  expectedWaitMin: number | null;
  targetWaitMin: number;
  openCounters: number;
  /** Some counter plans it or can be switched to it (C2): a ticket sent to its queue will be called (I5). */
  servable: boolean;
  /** The same for a priority-lane ticket issued now. */
  expectedPriorityWaitMin: number | null;
}
