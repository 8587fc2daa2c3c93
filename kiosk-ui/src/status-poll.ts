/**
 * The phone page's fallback: the ticket by GET every 15 s while its live connection is down
 * (status-follow.ts turns it on and off), and once at any time when asked.
 */
import type { Response } from '@qms/shared';
import { fetchTicketStatus, type TicketStatusView } from './api';

export const STATUS_REFRESH_MS = 15_000;

export interface StatusPoll {
  /** Fetch now, then every STATUS_REFRESH_MS until paused. */
  start(): void;
  pause(): void;
  /** Fetch once now (the Refresh button, the phone waking up). */
  now(): void;
}

export function statusPoll(ticketId: string, onResult: (res: Response<TicketStatusView>) => void): StatusPoll {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const fetchNow = async () => {
    const res = await fetchTicketStatus(ticketId);
    onResult(res);
    // Cleared first: a fetch asked for while another was out must not leave two timers running.
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void fetchNow(), STATUS_REFRESH_MS);
  };

  return {
    start() {
      if (running) return;
      running = true;
      void fetchNow();
    },
    pause() {
      running = false;
      clearTimeout(timer);
    },
    now: () => void fetchNow(),
  };
}
