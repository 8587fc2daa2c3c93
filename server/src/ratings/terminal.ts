/**
 * Which visit a rating terminal at a counter offers (issue 14): the one its counter finished last,
 * for a few minutes, while the visitor is still in front of it. Pure: tickets in, a ticket out.
 */
import { MINUTE, type Ticket } from '@qms/shared';

/** Long enough to turn to the terminal and tap; short enough that the next visitor is not taken for this one. */
export const TERMINAL_WINDOW_MS = 3 * MINUTE;
/**
 * A visit shown on the terminal is still taken this much later: a visitor who tapped a face and
 * is choosing the optional criteria when its time runs out is not told "too late".
 */
export const TERMINAL_GRACE_MS = MINUTE;

/**
 * The counter's last completed ticket, if it ended within TERMINAL_WINDOW_MS and nobody has been
 * started at the counter since (the person in front of the terminal is then the next visitor).
 * Whether it was rated already is the caller's to check: a rated one is not replaced by the one
 * before it, whose visitor has gone.
 */
export function terminalTicket(tickets: Iterable<Ticket>, counterId: string, now: number): Ticket | null {
  const last = lastCompleted(tickets, counterId);
  if (!last || now - last.finishedAt > TERMINAL_WINDOW_MS || last.startedSince) return null;
  return last.ticket;
}

/**
 * Whether a rating the terminal sends for `ticketId` is still taken: the counter's last completed
 * ticket, within the window and its grace, whoever has been started since (the terminal showed it).
 */
export function terminalTakes(tickets: Iterable<Ticket>, counterId: string, ticketId: string, now: number): boolean {
  const last = lastCompleted(tickets, counterId);
  return last !== null && last.ticket.id === ticketId && now - last.finishedAt <= TERMINAL_WINDOW_MS + TERMINAL_GRACE_MS;
}

function lastCompleted(tickets: Iterable<Ticket>, counterId: string): { ticket: Ticket; finishedAt: number; startedSince: boolean } | null {
  let last: Ticket | null = null;
  let startedSince = 0;
  for (const t of tickets) {
    if (t.counterId !== counterId) continue;
    if (t.status === 'done' && t.finishedAt !== null && (last === null || t.finishedAt > (last.finishedAt ?? 0))) last = t;
    if (t.status === 'serving' && t.startedAt !== null) startedSince = Math.max(startedSince, t.startedAt);
  }
  return last && last.finishedAt !== null ? { ticket: last, finishedAt: last.finishedAt, startedSince: startedSince >= last.finishedAt } : null;
}
