/**
 * When the phone tells its visitor to come in (issue 14): this many people ahead or fewer, or this
 * many minutes. One rule for the open page's banner and the `near` push, so the two never disagree.
 */
import type { TicketEta } from './domain.js';

/** Position 1 is the next to be called: nobody is ahead of it. */
export function peopleAhead(eta: TicketEta): number {
  return Math.max(0, eta.position - 1);
}

export function isNear(eta: TicketEta | null, alert: { people: number; minutes: number }): boolean {
  if (!eta) return false;
  return peopleAhead(eta) <= alert.people || (eta.etaMin !== null && eta.etaMin <= alert.minutes);
}
