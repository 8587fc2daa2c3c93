/**
 * Rating a visit and answering complaints (issue 14). A finished ticket is rated once, within 24
 * hours, from the visitor's phone page (the ticket's unguessable id is the credential) or from the
 * rating terminal at the counter that served it; a comment may be marked as a complaint, which a
 * supervisor answers or closes, and the visitor reads that on the same phone page.
 *
 * The rating carries the ticket's facts (day, service, counter, the operator who served it), never
 * anything about the visitor. Every refusal is checked before anything is written.
 */
import {
  ErrorCode,
  formatHHMM,
  localTime,
  type ComplaintAnswer,
  type ComplaintStatus,
  type ComplaintView,
  type PublicTicketStatus,
  type RatingRequest,
  type RatingTerminalState,
  type RatingView,
  type SatisfactionReport,
  type TerminalRatingRequest,
  type Ticket,
} from '@qms/shared';
import type { Principal } from '../auth/principal.js';
import type { Hub } from '../center/hub.js';
import { findTicket } from '../center/public-ticket.js';
import type { Clock, CenterRuntime } from '../center/runtime.js';
import { AppError } from '../http/errors.js';
import { round1, waitMinOf } from '../kpi/waits.js';
import { satisfactionReport } from './satisfaction.js';
import type { ComplaintRow, RatingChannel, RatingRow, RatingStore } from './store.js';
import { TERMINAL_WINDOW_MS, terminalTakes, terminalTicket } from './terminal.js';

/** A visit may be rated this long after it ended. */
export const RATING_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Where ratings and answers are told beyond the phone page: webhooks (`rating.given`,
 * `complaint.answered`) and the visitor's Web Push. Optional, so the service stands alone in tests.
 */
export interface RatingSinks {
  publish?: (centerId: string, event: 'rating.given' | 'complaint.answered', data: Record<string, unknown>) => void;
  notify?: (ticketId: string, kind: 'answered', key: string) => void;
}

type ChangeListener = (centerId: string, ticketId: string) => void;

export function ratingViewOf(r: RatingRow): RatingView {
  const scores: RatingView['scores'] = { overall: r.overall };
  for (const c of ['waiting', 'courtesy', 'competence', 'comfort'] as const) if (r[c] !== null) scores[c] = r[c];
  return { scores, comment: r.comment, complaint: r.complaint, at: r.at, complaintStatus: r.complaintStatus, answer: r.answer, answeredAt: r.answeredAt };
}

function complaintViewOf(r: ComplaintRow): ComplaintView {
  const wait = r.issuedAt === null ? null : waitMinOf({ issuedAt: r.issuedAt, firstCalledAt: r.firstCalledAt, appointmentAt: r.appointmentAt });
  return {
    ...ratingViewOf(r),
    ticketId: r.ticketId,
    number: r.number,
    day: r.day,
    serviceId: r.serviceId,
    counterId: r.counterId,
    operator: r.operator,
    waitMin: round1(wait),
    answeredBy: r.answeredBy,
  };
}

export class Ratings {
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    private readonly store: RatingStore,
    private readonly hub: Hub,
    private readonly clock: Clock,
    private readonly sinks: RatingSinks = {},
  ) {}

  /** A rating given or a complaint answered: what the ticket's phone page shows has changed. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** PublicTicketStatus.rating: null until the ticket is done. */
  statusOf(t: Ticket): PublicTicketStatus['rating'] {
    if (t.status !== 'done') return null;
    const given = this.store.get(t.id);
    return { open: !given && this.withinWindow(t, this.clock()), given: given ? ratingViewOf(given) : null };
  }

  /** The visitor's phone page rates its ticket. */
  rateByPhone(ticketId: string, req: RatingRequest): { rt: CenterRuntime; ticket: Ticket } {
    checkComplaint(req);
    const found = findTicket(this.hub, ticketId);
    if (!found) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket: check the address on your ticket.');
    this.rate(found.rt, found.ticket, req, 'phone');
    return found;
  }

  /** What a rating terminal shows: its counter, and the visit it offers to rate, if any. */
  terminalState(p: Principal | null): RatingTerminalState {
    const { rt, counter } = this.terminal(p);
    const ticket = this.offered(rt, counter.id);
    const service = ticket && rt.config.services.find((s) => s.id === ticket.serviceId);
    const { id, name, names, languages, defaultLanguage, timezone } = rt.config.center;
    return {
      center: { id, name, ...(names ? { names } : {}), languages, defaultLanguage, timezone },
      counter: { id: counter.id, number: counter.number },
      visit: ticket && {
        ticketId: ticket.id,
        number: ticket.number,
        service: service ? { id: service.id, names: service.names } : null,
        completedAt: ticket.finishedAt!,
        language: ticket.language,
        until: ticket.finishedAt! + TERMINAL_WINDOW_MS,
      },
    };
  }

  /** A rating terminal rates the visit it offered: only its own counter's, only while offered. */
  rateAtTerminal(p: Principal | null, req: TerminalRatingRequest): RatingView {
    checkComplaint(req);
    const { rt, counter } = this.terminal(p);
    const ticket = rt.ticket(req.ticketId);
    if (!ticket) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket in this center.');
    if (ticket.counterId !== counter.id) {
      const at = ticket.counterId ? rt.config.counters.find((c) => c.id === ticket.counterId)?.number : null;
      throw new AppError(ErrorCode.NotYourCounter, `This visit was ${at ? `served at counter ${at}` : 'not served at a counter'}: this terminal rates only counter ${counter.number}'s visits.`);
    }
    this.checkRateable(rt, ticket);
    if (!terminalTakes(rt.state.tickets.values(), counter.id, ticket.id, this.clock())) {
      throw new AppError(ErrorCode.RatingClosed, `The terminal offers a visit for ${TERMINAL_WINDOW_MS / 60_000} minutes after it ends, until the next visitor is served; this one can still be rated on the phone page of its ticket.`);
    }
    return this.rate(rt, ticket, req, 'terminal');
  }

  complaints(centerId: string, status: ComplaintStatus | null, from = '0000-01-01', to = '9999-12-31'): ComplaintView[] {
    return this.store.complaints(centerId, status, from, to).map(complaintViewOf);
  }

  openComplaints(centerId: string): number {
    return this.store.openComplaints(centerId);
  }

  /** A supervisor answers a complaint (the visitor reads it) or closes it with a note; a closed one stays as it is. */
  answer(centerId: string, ticketId: string, body: ComplaintAnswer, by: string): ComplaintView {
    const row = this.store.get(ticketId);
    if (!row || row.centerId !== centerId || !row.complaint) throw new AppError(ErrorCode.NotFound, 'There is no complaint for this ticket in this center.');
    if (row.complaintStatus === 'closed') {
      const tz = this.hub.get(centerId).config.center.timezone;
      const when = row.answeredAt === null ? '' : ` on ${localTime(row.answeredAt, tz).day} at ${formatHHMM(localTime(row.answeredAt, tz).minute)}`;
      throw new AppError(ErrorCode.Conflict, `This complaint was closed${when}${row.answeredBy ? ` by ${row.answeredBy}` : ''}; a closed complaint is not changed.`);
    }
    const at = this.clock();
    this.store.answer(ticketId, body.status, body.text, by, at);
    const view = this.store.complaint(ticketId)!;
    this.sinks.publish?.(centerId, 'complaint.answered', { ticketId, number: view.number, day: view.day, serviceId: view.serviceId, status: body.status, answeredAt: at });
    this.sinks.notify?.(ticketId, 'answered', `answered:${body.status}`);
    this.changed(centerId, ticketId);
    return complaintViewOf(view);
  }

  /** The satisfaction index of a period; `operator`: that person's visits only. */
  satisfaction(centerId: string, from: string, to: string, groupBy: SatisfactionReport['groupBy'], operator?: string): SatisfactionReport {
    return satisfactionReport(this.store.period(centerId, from, to, operator), from, to, groupBy);
  }

  private rate(rt: CenterRuntime, ticket: Ticket, req: RatingRequest, channel: RatingChannel): RatingView {
    this.checkRateable(rt, ticket);
    const row: Omit<RatingRow, 'answer' | 'answeredBy' | 'answeredAt'> = {
      ticketId: ticket.id,
      centerId: rt.centerId,
      day: ticket.day,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      operator: this.store.operatorOf(rt.centerId, ticket.id),
      channel,
      language: req.language ?? ticket.language ?? null,
      overall: req.scores.overall,
      waiting: req.scores.waiting ?? null,
      courtesy: req.scores.courtesy ?? null,
      competence: req.scores.competence ?? null,
      comfort: req.scores.comfort ?? null,
      comment: req.comment ?? null,
      complaint: req.complaint,
      complaintStatus: req.complaint ? 'open' : null,
      at: this.clock(),
    };
    this.store.insert(row);
    const counterNumber = ticket.counterId ? (rt.config.counters.find((c) => c.id === ticket.counterId)?.number ?? null) : null;
    this.sinks.publish?.(rt.centerId, 'rating.given', {
      ticketId: ticket.id,
      number: ticket.number,
      day: ticket.day,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      counterNumber,
      operator: row.operator,
      channel,
      scores: req.scores,
      // Whether there is a comment, not what it says: a visitor's own words may name them.
      hasComment: row.comment !== null,
      complaint: row.complaint,
    });
    this.changed(rt.centerId, ticket.id);
    return ratingViewOf({ ...row, answer: null, answeredBy: null, answeredAt: null });
  }

  /** Done, not rated yet, and within the 24 hours. */
  private checkRateable(rt: CenterRuntime, t: Ticket): void {
    if (t.status !== 'done') {
      const why = t.status === 'waiting' || t.status === 'called' || t.status === 'serving' ? 'This visit is not over yet: rate it once you have been served.' : 'This ticket was not served, so there is no visit to rate.';
      throw new AppError(ErrorCode.RatingClosed, why);
    }
    const tz = rt.config.center.timezone;
    const given = this.store.get(t.id);
    if (given) throw new AppError(ErrorCode.AlreadyRated, `This visit was rated already: the rating was recorded at ${formatHHMM(localTime(given.at, tz).minute)}. A visit is rated once.`);
    if (!this.withinWindow(t, this.clock())) {
      const ended = localTime(t.finishedAt ?? 0, tz);
      throw new AppError(ErrorCode.RatingClosed, `A visit is rated within 24 hours of its end; this one ended on ${ended.day} at ${formatHHMM(ended.minute)}.`);
    }
  }

  private withinWindow(t: Ticket, now: number): boolean {
    return t.finishedAt !== null && now - t.finishedAt <= RATING_WINDOW_MS;
  }

  /** The terminal's center and counter; only a paired rating terminal asks. */
  private terminal(p: Principal | null): { rt: CenterRuntime; counter: { id: string; number: string } } {
    if (p?.kind !== 'device' || p.deviceKind !== 'rating') throw new AppError(ErrorCode.Forbidden, 'Only a paired rating terminal can do this.');
    const rt = this.hub.get(p.centerId);
    const counter = rt.config.counters.find((c) => c.id === p.counters[0]);
    if (!counter) throw new AppError(ErrorCode.Conflict, 'This rating terminal is not tied to a counter of the center: an admin sets its counter in Settings → Devices.');
    return { rt, counter };
  }

  /** The visit a terminal offers now: the counter's last, if recent and not rated yet. */
  private offered(rt: CenterRuntime, counterId: string): Ticket | null {
    const t = terminalTicket(rt.state.tickets.values(), counterId, this.clock());
    return t && !this.store.get(t.id) ? t : null;
  }

  private changed(centerId: string, ticketId: string): void {
    for (const l of this.listeners) l(centerId, ticketId);
  }
}

/** A complaint is a comment marked as one: without the comment there is nothing to answer. */
function checkComplaint(req: RatingRequest): void {
  if (req.complaint && !req.comment) throw new AppError(ErrorCode.BadRequest, 'body.comment: a complaint needs a comment: write what went wrong, so that a supervisor can answer it.');
}
