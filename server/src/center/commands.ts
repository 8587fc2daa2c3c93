/**
 * Who may do what, and the translation of REST/socket commands into engine commands. HTTP and
 * Socket.IO both call these, so the rules and the replies are the same on either transport.
 */
import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  type CommandResult,
  type CounterAction,
  type IssueTicketBody,
  type IssuedTicket,
  type Language,
  type TransferBody,
  type CounterService,
  type PauseReasonId,
  type Ticket,
  type ArrivalVia,
} from '@qms/shared';
import type { AuthStore } from '../auth/auth-store.js';
import { actorName, isStaff, type Principal } from '../auth/principal.js';
import { AppError } from '../http/errors.js';
import type { Command } from '../engine/index.js';
import type { Hub } from './hub.js';
import { IssueLimiter } from './issue-limit.js';
import { findTicket } from './public-ticket.js';
import type { CenterRuntime, Outcome } from './runtime.js';

export type CounterPayload = Partial<TransferBody> & { reason?: string; reasonId?: PauseReasonId };

const ID_BYTES = 16;
let idPool = { bytes: Buffer.alloc(0), offset: 0 };

/**
 * 128 random bits: the public ticket page is reached by this id alone. Drawn from a pool filled
 * 4 KB at a time, as crypto.randomUUID does: one call into the system's CSPRNG per 256 tickets.
 */
export const newTicketId = (): string => {
  if (idPool.offset + ID_BYTES > idPool.bytes.length) idPool = { bytes: randomBytes(256 * ID_BYTES), offset: 0 };
  const id = idPool.bytes.toString('base64url', idPool.offset, idPool.offset + ID_BYTES);
  idPool.offset += ID_BYTES;
  return id;
};

export class Commands {
  constructor(
    private readonly hub: Hub,
    private readonly auth: AuthStore,
    private readonly newId: () => string = newTicketId,
    private readonly issueLimit: IssueLimiter = new IssueLimiter(0, Date.now),
  ) {}

  issue(p: Principal | null, body: IssueTicketBody): IssuedTicket {
    if (!p || (p.kind === 'device' && p.deviceKind !== 'kiosk')) {
      throw new AppError(p ? ErrorCode.Forbidden : ErrorCode.Unauthorized, 'Tickets are issued by a paired kiosk or by staff.');
    }
    if (body.lane === 'booked' && p.kind !== 'staff') {
      throw new AppError(ErrorCode.Forbidden, 'Booked tickets are issued by staff checking an appointment in.');
    }
    return this.issueIn(p, this.hub.get(p.centerId), body);
  }

  /**
   * A1: a checked-in appointment's booked-lane ticket, by the kiosk or staff. The booking's code
   * is the request id, so a second check-in returns the first ticket (I4).
   */
  checkIn(p: Principal, rt: CenterRuntime, a: { code: string; serviceId: string; at: number; language: Language | null }): IssuedTicket {
    return this.issueIn(p, rt, { serviceId: a.serviceId, lane: 'booked', appointmentAt: a.at, clientRef: `appointment:${a.code}`, ...(a.language ? { language: a.language } : {}) });
  }

  /**
   * V1: a remote ticket from the join page, in the visitor's name (the reports' "remote" channel).
   * Its code is its request id too, so the kiosk finds it by what the visitor shows (V2).
   */
  issueRemote(rt: CenterRuntime, a: { serviceId: string; code: string; language: Language | null }): IssuedTicket {
    return this.issueIn(null, rt, { serviceId: a.serviceId, lane: 'normal', clientRef: remoteRef(a.code), remote: { code: a.code }, ...(a.language ? { language: a.language } : {}) });
  }

  /** V2: the visitor of a remote ticket is in the hall (the kiosk, the hall's poster, or staff). */
  arrive(rt: CenterRuntime, ticketId: string, via: ArrivalVia, actor: string | null): Ticket {
    succeed(rt.execute({ type: 'arrive', ticketId, via }, actor));
    const ticket = rt.state.tickets.get(ticketId);
    if (!ticket) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket.');
    return ticket;
  }

  private issueIn(p: Principal | null, rt: CenterRuntime, body: IssueTicketBody & { appointmentAt?: number; remote?: { code: string } }): IssuedTicket {
    if (p) this.issueLimit.check(p, rt.state, body.clientRef);
    const out = succeed(rt.execute({ type: 'issue', ticketId: this.newId(), ...body }, p ? actorName(p) : VISITOR));
    if (p) this.issueLimit.count(p, out.facts);
    const fact = out.facts[0];
    const ticket = fact?.type === 'ticket:issued' ? fact.ticket : rt.state.tickets.get(rt.state.clientRefs.get(body.clientRef ?? '') ?? '');
    if (!ticket) throw new AppError(ErrorCode.Internal, 'ticket was not issued');
    const eta = rt.eta(ticket.id);
    // What the kiosk shows the visitor now, kept to measure the estimate against the wait they had.
    if (fact?.type === 'ticket:issued') rt.recordPromise(ticket.id, eta.etaMin);
    return { ticket, eta, seq: out.seq };
  }

  counter(p: Principal | null, counterId: string, action: CounterAction, payload: CounterPayload = {}): CommandResult {
    const staff = requireStaff(p);
    const rt = this.hub.get(staff.centerId);
    if (!rt.state.counters.has(counterId)) throw new AppError(ErrorCode.UnknownCounter, `There is no counter "${counterId}".`);
    const supervisor = staff.role !== 'operator';
    const actor = actorName(staff);

    const live = rt.state.counters.get(counterId);
    const untrained = staff.services.length === 0 ? [] : (live?.services ?? []).filter((s) => !staff.services.includes(s.serviceId));
    const notTrained = () =>
      new AppError(ErrorCode.NotQualified, `You are not trained for ${untrained.map((s) => `"${s.serviceId}"`).join(', ')}, which counter ${live?.number ?? counterId} serves.`);

    if (action === 'claim') {
      this.refuseSecondCounter(staff, rt, counterId);
      if (untrained.length > 0) throw notTrained();
      const holder = this.auth.holder(staff.centerId, counterId);
      if (holder && holder.login !== staff.login) {
        throw new AppError(ErrorCode.CounterHeld, `Counter ${counterId} is held by ${holder.login}.`);
      }
      // Nobody holds it now: whoever had it last (a session that ended) is taken over.
      const out = succeed(rt.execute({ type: 'open', counterId, staffLogin: staff.login, takeover: true }, actor));
      this.auth.setHeldCounter(staff, counterId);
      return result(rt, counterId, out);
    }

    if (staff.counterId !== counterId && !supervisor) {
      throw new AppError(ErrorCode.NotYourCounter, `You do not hold counter ${counterId}; take it first.`);
    }

    if (action === 'release') {
      const state = rt.state.counters.get(counterId);
      const out = state?.status === 'closed' ? { ok: true as const, facts: [], seq: rt.seq } : succeed(rt.execute({ type: 'close', counterId }, actor));
      this.releaseHolder(staff.centerId, counterId);
      return result(rt, counterId, out);
    }

    let cmd = toEngine(action, counterId, payload);
    // T5: training is checked when a counter is taken, but a supervisor may merge it into more, or an
    // admin retrain its holder, later: the holder then calls only the visitors they are trained for.
    if (cmd.type === 'call-next' && staff.counterId === counterId && untrained.length > 0) cmd = { ...cmd, only: staff.services };
    const out = succeed(rt.execute(cmd, actor, { login: staff.login, name: staff.name }));
    if (action === 'close') this.releaseHolder(staff.centerId, counterId);
    return result(rt, counterId, out);
  }

  setServices(p: Principal | null, counterId: string, services: CounterService[], reason: string): CommandResult {
    const staff = requireStaff(p);
    if (staff.role === 'operator') throw new AppError(ErrorCode.Forbidden, 'Only a supervisor or an admin changes what a counter serves.');
    const rt = this.hub.get(staff.centerId);
    const out = succeed(rt.execute({ type: 'set-services', counterId, services, reason }, actorName(staff)));
    return result(rt, counterId, out);
  }

  ticket(p: Principal | null, ticketId: string, action: 'cancel' | 'reactivate'): CommandResult {
    const staff = requireStaff(p);
    const rt = this.hub.get(staff.centerId);
    const out = succeed(rt.execute({ type: action, ticketId }, actorName(staff)));
    return { ticket: rt.state.tickets.get(ticketId) ?? null, counter: null, seq: out.seq };
  }

  /**
   * The visitor gives their ticket up on the phone page: the engine's cancel (X1), as staff do it,
   * so staff and the hall learn it from the same fact. The unguessable id is the only credential;
   * the event log names the visitor as who did it.
   */
  withdraw(ticketId: string): { rt: CenterRuntime; ticket: Ticket } {
    const found = findTicket(this.hub, ticketId);
    if (!found) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket.');
    const { rt } = found;
    const out = rt.execute({ type: 'cancel', ticketId }, VISITOR);
    const ticket = rt.ticket(ticketId) ?? found.ticket;
    if (!out.ok && out.error.code === ErrorCode.InvalidTransition) throw new AppError(out.error.code, tooLateToWithdraw(rt, ticket));
    succeed(out);
    return { rt, ticket };
  }

  /**
   * A person holds at most one counter at a time in a center, however many sessions they have
   * open (a second browser, a phone) and whatever the role. Taking over their own counter from an
   * older session stays allowed (setHeldCounter). Two views are checked: what the person's live
   * sessions hold, read afresh, and the counters open in their name that no live session holds
   * (a logout with a visitor at the counter, a session that expired): those are taken back first.
   * Counters that are closed or no longer configured hold nobody.
   */
  private refuseSecondCounter(staff: StaffPrincipal, rt: CenterRuntime, counterId: string): void {
    const other = (id: string) => {
      const c = rt.state.counters.get(id);
      return id !== counterId && c && c.status !== 'closed' ? c : undefined;
    };
    for (const held of this.auth.heldBy(staff.centerId, staff.login)) {
      const c = other(held.counterId);
      if (!c) continue;
      throw new AppError(
        ErrorCode.Conflict,
        held.sessionHash === staff.sessionHash ? `You hold counter ${c.number}; release it first.` : `You hold counter ${c.number} in another session; release it there first.`,
      );
    }
    for (const c of rt.state.counters.values()) {
      if (c.staffLogin !== staff.login || !other(c.id)) continue;
      const ticket = c.currentTicketId ? rt.state.tickets.get(c.currentTicketId) : undefined;
      throw new AppError(
        ErrorCode.Conflict,
        ticket
          ? `Counter ${c.number} is still open in your name with ticket ${ticket.number}; take it back and complete or transfer the ticket, then release it (or ask a supervisor to).`
          : `Counter ${c.number} is still open in your name; take it back and release it (or ask a supervisor to).`,
      );
    }
  }

  private releaseHolder(centerId: string, counterId: string): void {
    const holder = this.auth.holder(centerId, counterId);
    if (holder) this.auth.clearHeldCounter(holder.sessionHash);
  }
}

function toEngine(action: Exclude<CounterAction, 'claim' | 'release'>, counterId: string, payload: CounterPayload): Command {
  switch (action) {
    case 'transfer':
      return { type: 'transfer', counterId, toServiceId: payload.toServiceId, toCounterId: payload.toCounterId, returnToService: payload.returnToService };
    case 'pause':
      return { type: 'pause', counterId, reason: payload.reason ?? null, reasonId: payload.reasonId ?? null };
    default:
      return { type: action, counterId };
  }
}

/** Who withdrew a ticket, or took one on the join page, in the event log: its visitor. */
export const VISITOR = 'visitor';

/** A remote ticket's request id (I4): its code, found again when the visitor shows it at the kiosk. */
export const remoteRef = (code: string): string => `remote:${code}`;

/** The engine's refusal is worded for staff; the visitor is told what it means for them. */
function tooLateToWithdraw(rt: CenterRuntime, t: Ticket): string {
  const counter = t.counterId ? rt.state.counters.get(t.counterId)?.number : undefined;
  if ((t.status === 'called' || t.status === 'serving') && counter) {
    return `Ticket ${t.number} has already been called to counter ${counter}, so it can no longer be cancelled here: please go to the counter and tell the staff.`;
  }
  return `Ticket ${t.number} is no longer waiting (${t.status.replace('_', '-')}), so there is nothing to cancel.`;
}

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

function requireStaff(p: Principal | null): StaffPrincipal {
  if (!p) throw new AppError(ErrorCode.Unauthorized, 'Log in first.');
  if (!isStaff(p)) throw new AppError(ErrorCode.Forbidden, 'Only staff can do this.');
  return p;
}

function succeed(out: Outcome): Extract<Outcome, { ok: true }> {
  if (!out.ok) throw new AppError(out.error.code, out.error.message);
  return out;
}

function result(rt: CenterRuntime, counterId: string, out: Extract<Outcome, { ok: true }>): CommandResult {
  const counter = rt.state.counters.get(counterId) ?? null;
  // The ticket the command touched: the last one in its facts, else the one the counter holds.
  const touched = [...out.facts].reverse().find((f) => 'ticket' in f);
  const ticketId = touched && 'ticket' in touched ? touched.ticket.id : counter?.currentTicketId;
  return { ticket: ticketId ? (rt.state.tickets.get(ticketId) ?? null) : null, counter, seq: out.seq };
}
