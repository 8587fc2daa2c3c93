/**
 * Which calls the screen shows, and where. "Now calling" holds only a call that still holds: the
 * ticket is called at that counter and the visitor has not come yet. Once the visitor is served
 * (started, completed) the call is history ("Previous calls"); once it no longer holds at all
 * (no-show, cancelled, transferred, requeued, reactivated into the queue) it leaves the screen.
 */
import type { DisplayTicket } from '@qms/shared';
import type { CallRecord } from '@qms/shared/client';
import { callInZone, type Zone } from './zone.js';

/**
 * - `calling`: the ticket is still called at that counter: the visitor is expected there;
 * - `served`: the visitor came (being served, or done): history;
 * - `withdrawn`: the call no longer holds (no-show, cancelled, back in a queue, called elsewhere).
 */
export type CallStanding = 'calling' | 'served' | 'withdrawn';

type Tickets = Record<string, Pick<DisplayTicket, 'status' | 'counterId'>>;
type Counters = Parameters<typeof callInZone>[2];

export function callStanding(call: Pick<CallRecord, 'ticketId' | 'counterId'>, tickets: Tickets): CallStanding {
  const t = tickets[call.ticketId];
  // Pruned from the hall: finished long ago, kept as history.
  if (!t) return 'served';
  const here = t.counterId === call.counterId;
  switch (t.status) {
    case 'called':
      return here ? 'calling' : 'withdrawn';
    case 'serving':
    case 'done':
      return here ? 'served' : 'withdrawn';
    default:
      return 'withdrawn';
  }
}

export interface HallCalls {
  /** The newest call that still holds, if any. */
  now: CallRecord | undefined;
  /** Other calls, newest first: served ones and calls still waiting for their visitor. */
  previous: CallRecord[];
}

/** One line per ticket (its newest call), in the zone, withdrawn calls left out. */
export function hallCalls(zone: Zone, calls: CallRecord[], counters: Counters, tickets: Tickets, previous: number): HallCalls {
  const seen = new Set<string>();
  let now: CallRecord | undefined;
  const before: CallRecord[] = [];
  for (const call of calls) {
    // Only a ticket's newest call tells where it stands; an older one at another counter is over.
    if (seen.has(call.ticketId)) continue;
    seen.add(call.ticketId);
    if (!callInZone(zone, call, counters)) continue;
    const standing = callStanding(call, tickets);
    if (standing === 'withdrawn') continue;
    if (!now && standing === 'calling') now = call;
    else if (before.length < previous) before.push(call);
  }
  return { now, previous: before };
}
