/**
 * docs/SPEC.md A2: where a ticket stands in line, for the engine's rules and every screen that
 * shows the order or the wait. Its place (queuedAt), or for an appointment checked in before its
 * slot, the slot: an early arrival neither overtakes the walk-ins who came before its slot nor
 * counts the time before it as waiting.
 */
import type { Ticket } from './domain.js';

export function placeOf(t: Pick<Ticket, 'queuedAt' | 'appointmentAt'>): number {
  return t.appointmentAt === undefined ? t.queuedAt : Math.max(t.queuedAt, t.appointmentAt);
}
