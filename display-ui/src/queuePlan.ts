/**
 * What the queue table lists, in which order, and how fast its pages turn, so that a visitor
 * finds their service's row within half a minute even in a catalogue of 150 services:
 * - services with people waiting first, then by name (a visitor holding a ticket has someone
 *   waiting in their service: themselves), in the display's language;
 * - when the list does not fit on one page, services with nobody waiting are left out (a line
 *   under the table counts them), and a large catalogue gets compact one-line rows;
 * - pages turn so that a whole round takes at most CYCLE_MS, but never faster than MIN_PAGE_MS.
 * A display limited to a zone (zone.ts) lists only its zone's services to begin with.
 */
import type { ServiceLoad } from '@qms/shared';

/** A page of a short list stays this long. */
export const PAGE_MS = 12_000;
/** Fast enough to read two or three rows before the page turns. */
export const MIN_PAGE_MS = 6_000;
/** Every listed service is on screen at least once in this long (while they fit at MIN_PAGE_MS). */
export const CYCLE_MS = 30_000;
/** From this many services in the zone, rows are compact (one line each). */
export const LARGE_CATALOGUE = 20;

export interface QueuePlan {
  /** The rows to page through, in order. */
  list: ServiceLoad[];
  /** Services left out because nobody waits for them. */
  idle: number;
  compact: boolean;
}

export function orderLoads(loads: ServiceLoad[], name: (l: ServiceLoad) => string, lang: string): ServiceLoad[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  return [...loads].sort((a, b) => Number(b.waiting > 0) - Number(a.waiting > 0) || collator.compare(name(a), name(b)) || a.serviceId.localeCompare(b.serviceId));
}

export function planQueue(loads: ServiceLoad[], name: (l: ServiceLoad) => string, lang: string, rowsPerPage: number): QueuePlan {
  const sorted = orderLoads(loads, name, lang);
  const compact = loads.length >= LARGE_CATALOGUE;
  if (sorted.length <= rowsPerPage) return { list: sorted, idle: 0, compact };
  const waiting = sorted.filter((l) => l.waiting > 0);
  return { list: waiting, idle: sorted.length - waiting.length, compact };
}

export function pageMs(pages: number): number {
  if (pages < 2) return PAGE_MS;
  return Math.max(MIN_PAGE_MS, Math.min(PAGE_MS, Math.floor(CYCLE_MS / pages)));
}
