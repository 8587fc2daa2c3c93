/**
 * Which visit a rating terminal at a counter offers (issue 14): the one its counter finished last,
 * for a few minutes, while the visitor is still in front of it. Pure: tickets in, a ticket out.
 */
import { MINUTE, type Ticket } from '@qms/shared';

/** Long enough to turn to the terminal and tap; short enough that the next visitor is not taken for this one. */
export const TERMINAL_WINDOW_MS = 3 * MINUTE;

/**
 * The counter's last completed ticket, if it ended within TERMINAL_WINDOW_MS and nobody has been
 * started at the counter since (the person in front of the terminal is then the next visitor).
 * Whether it was rated already is the caller's to check: a rated one is not replaced by the one
 * before it, whose visitor has gone.
 */
export function terminalTicket(tickets: Iterable<Ticket>, counterId: string, now: number): Ticket | null {
  let last: Ticket | null = null;
  let startedSince = 0;
  for (const t of tickets) {
    if (t.counterId !== counterId) continue;
    if (t.status === 'done' && t.finishedAt !== null && (last === null || t.finishedAt > (last.finishedAt ?? 0))) last = t;
    if (t.status === 'serving' && t.startedAt !== null) startedSince = Math.max(startedSince, t.startedAt);
  }
  if (!last || last.finishedAt === null || now - last.finishedAt > TERMINAL_WINDOW_MS || startedSince >= last.finishedAt) return null;
  return last;
}
