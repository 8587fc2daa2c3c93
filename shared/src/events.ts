/**
 * Facts (what happened, broadcast after commit) and the Socket.IO event maps. Every fact
 * carries the center's sequence number; a client that sees a gap asks for `sync:since`.
 */
import type { AppErrorBody, Lane, PauseReasonId, TicketStatus } from './codes.js';
import type { CenterInfo, CounterService, Names } from './config.js';
import type { BalanceProposal, BalanceReason, CounterState, ServiceLoad, Ticket, TicketEta } from './domain.js';
import type { Snapshot } from './snapshot.js';
import type { RatingView } from './phone.js';

/** How a remote ticket's visitor said they have come (V2). */
export type ArrivalVia = 'kiosk' | 'hall' | 'staff';

/** A ticket fact carries the ticket after the change and, where one took part, the counter. */
type TicketFact<T extends string, Extra = object> = { type: T; ticket: Ticket; counter: CounterState | null } & Extra;
type CounterFact<T extends string, Extra = object> = { type: T; counter: CounterState } & Extra;
/** The person behind a command, as their colleagues know them. */
export interface PausedBy {
  login: string;
  name: string;
}

/** What the engine decides; the server stamps each with `seq`, `at` and `centerId`. */
export type FactBody =
  | TicketFact<'ticket:issued'>
  | TicketFact<'ticket:called'>
  | TicketFact<'ticket:recalled'>
  | TicketFact<'ticket:started'>
  | TicketFact<'ticket:completed'>
  | TicketFact<'ticket:no-show', { reason: 'marked' | 'recall-limit' | 'not-arrived' }>
  /** V2: a remote ticket's visitor confirmed they are in the hall (at the kiosk, the hall's poster, or staff). */
  | TicketFact<'ticket:arrived', { via: ArrivalVia }>
  /** V4: a remote ticket's turn came while its visitor was away: held, keeping its place. */
  | TicketFact<'ticket:held'>
  | TicketFact<'ticket:reactivated'>
  | TicketFact<
      'ticket:transferred',
      { fromServiceId: string; fromCounterId: string | null; toServiceId: string; toCounterId: string | null }
    >
  | TicketFact<'ticket:returned', { fromServiceId: string }>
  /** T6: the counter it was sent to closed; it waits in its service's queue again, in its place. */
  | TicketFact<'ticket:requeued', { fromCounterId: string }>
  | TicketFact<'ticket:cancelled', { reason: 'cancelled' | 'day-ended' }>
  | CounterFact<'counter:opened'>
  /** `by`: who paused it (staff only; devices never see it). Absent from facts older than issue 11. */
  | CounterFact<'counter:paused', { by?: PausedBy }>
  | CounterFact<'counter:resumed'>
  | CounterFact<'counter:closed'>
  | CounterFact<'counter:services-changed', { previous: CounterService[]; reason: string; why?: BalanceReason }>
  | { type: 'config:changed' }
  | { type: 'balance:proposed'; proposal: BalanceProposal }
  | { type: 'balance:resolved'; proposalId: string; outcome: 'accepted' | 'rejected' | 'expired'; by: string | null };

export type FactType = FactBody['type'];
export type Fact = FactBody & { seq: number; at: number; centerId: string };

/** Command results, over HTTP and Socket.IO alike (STYLE 2). */
export type Response<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };
export type Ack<T> = (res: Response<T>) => void;

export interface IssuedTicket {
  ticket: Ticket;
  eta: TicketEta;
  seq: number;
}
export interface CommandResult {
  ticket: Ticket | null;
  counter: CounterState | null;
  seq: number;
}

export interface IssueTicketCommand {
  serviceId: string;
  lane?: Lane;
  categoryId?: string;
  language?: string;
}
export interface TransferCommand {
  toServiceId?: string;
  toCounterId?: string;
  returnToService?: boolean;
}

export type SyncResult = { kind: 'facts'; facts: Fact[] } | { kind: 'snapshot'; snapshot: Snapshot };

/** Typed as staff receive them; a device's room gets the projection of each (audience.ts). */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  fact: (fact: Fact) => void;
  /** Sent after facts when per-service loads changed; saves every client recomputing ETAs. */
  'queue:loads': (payload: { seq: number; loads: ServiceLoad[] }) => void;
}

/** Counter commands: REST `POST /api/counters/:id/<action>` and socket `counter:<action>`. */
export const COUNTER_ACTIONS = [
  'claim',
  'release',
  'call-next',
  'recall',
  'start',
  'complete',
  'no-show',
  'transfer',
  'pause',
  'resume',
  'close',
] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

/** Extra payload per counter action, beyond the counter id. */
export interface CounterActionPayloads {
  transfer: TransferCommand;
  /** A preset reason by id (each viewer words it in their language), or free text. */
  pause: { reason: string } | { reasonId: PauseReasonId };
}
export type CounterActionPayload<A extends CounterAction> = A extends keyof CounterActionPayloads
  ? CounterActionPayloads[A]
  : Record<string, never>;

type CounterCommandEvents = {
  [A in CounterAction as `counter:${A}`]: (p: { counterId: string } & CounterActionPayload<A>, ack: Ack<CommandResult>) => void;
};

export interface ClientToServerEvents extends CounterCommandEvents {
  'ticket:issue': (cmd: IssueTicketCommand, ack: Ack<IssuedTicket>) => void;
  /** Catch up after a gap: the facts after `seq`, or a fresh snapshot when too many were missed. */
  'sync:since': (p: { seq: number }, ack: Ack<SyncResult>) => void;
}

export interface SocketData {
  centerId: string;
  principal: string;
}

/**
 * A ticket as its visitor sees it on the phone page (the QR code): `GET /api/tickets/:id`,
 * `POST /api/tickets/:id/withdraw` and the `/ticket` namespace's `ticket:status` all send this.
 */
export interface PublicTicketStatus {
  id: string;
  number: string;
  status: TicketStatus;
  lane: Lane;
  language: string | null;
  service: { id: string; names: Names } | null;
  counterNumber: string | null;
  issuedAt: number;
  /** Changes at every call and recall: the phone alerts its visitor on each. */
  calledAt: number | null;
  /** Place in line and expected wait; only while waiting. */
  eta: TicketEta | null;
  center: Pick<CenterInfo, 'id' | 'name' | 'names' | 'languages' | 'defaultLanguage' | 'timezone'>;
  /** Remote tickets (V1–V6): the code to show at the kiosk, whether the visitor has arrived, and until when a held ticket waits. */
  remote?: { code: string; arrived: boolean; heldAt: number | null; graceUntil: number | null };
  /** When the phone alerts its visitor (center.remote): this many people ahead or fewer, or this many minutes. */
  alert: { people: number; minutes: number };
  /** Done tickets: may it still be rated (within 24 h, once), and the rating once given. */
  rating: { open: boolean; given: RatingView | null } | null;
}

/**
 * The phone page follows its one ticket on a namespace of its own, without a staff or device
 * token: the handshake's `auth` is `{ ticketId }` (ticketHandshake), the unguessable id being
 * the capability. The server sends the status at once, then whenever it changes.
 */
export const TICKET_NAMESPACE = '/ticket';

/**
 * Whether what the phone page shows of a ticket may still change, so that the page (and the
 * server's `/ticket` room) keep following it: until it is done or cancelled, and once done while
 * it may still be rated (from a rating terminal too) or its complaint is not closed (the
 * supervisor's answer comes to the same page).
 */
export function ticketStillChanges(s: Pick<PublicTicketStatus, 'status' | 'rating'>): boolean {
  if (s.status === 'cancelled') return false;
  if (s.status !== 'done') return true;
  const r = s.rating;
  if (!r) return false;
  return r.open || (r.given !== null && r.given.complaint && r.given.complaintStatus !== 'closed');
}
export interface TicketServerToClientEvents {
  'ticket:status': (status: PublicTicketStatus) => void;
}
/** The phone only listens. */
export type TicketClientToServerEvents = Record<string, never>;
