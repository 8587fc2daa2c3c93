/**
 * The phone page's data, outside React (issue 11). The ticket comes live over its own socket
 * (the `/ticket` namespace): its status at once on every connection, a reconnection too, then each
 * change as it happens. The 15 s poll runs only while that connection is down. A ticket that is
 * done or cancelled ends both once nothing more will happen to it: a done one is followed while it
 * may be rated and while its complaint waits for the center's answer (issue 14).
 */
import { ErrorCode, ticketStillChanges, type Response, type TicketStatus } from '@qms/shared';
import { connectTicket } from '@qms/shared/client';
import { withdrawTicket, type TicketStatusView } from './api';
import { statusPoll } from './status-poll';
import type { KioskStore } from './store';

/** A connection the server refused (too many phones, overloaded) is asked for again this much later; the poll runs meanwhile. */
export const RETRY_REFUSED_MS = 30_000;

/** A no-show is not final: staff may put it back in line for a while (N1). */
export const isFinal = (status: TicketStatus) => status === 'done' || status === 'cancelled';

export interface TicketFollow {
  refresh(): void;
  /** The visitor gives the ticket up; on success the page shows it cancelled at once. */
  withdraw(): Promise<Response<TicketStatusView>>;
  stop(): void;
}

export function followTicket(store: KioskStore, ticketId: string, langFromUrl: boolean): TicketFollow {
  let ended = false;
  let centerKnown = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const socket = connectTicket(ticketId);

  const show = (view: TicketStatusView) => {
    const s = store.getState();
    s.setTicketView(view, Date.now());
    if (!centerKnown) {
      centerKnown = true;
      s.setStatusCenter(view.center.languages, view.center.timezone);
      if (!langFromUrl && !s.langChosen) s.setLang(view.center.defaultLanguage);
    }
    // Done is not the end while it may be rated or its complaint waits for an answer (issue 14).
    if (!ticketStillChanges(view)) end();
  };
  const missing = () => {
    store.getState().setTicketMissing();
    end();
  };

  const poll = statusPoll(ticketId, (res) => {
    // While live, the socket is the truth: a poll answer that left before the last push must not undo it.
    if (ended || socket.connected) return;
    if (res.ok) show(res.data);
    else if (res.error.code === ErrorCode.UnknownTicket || res.error.code === ErrorCode.NotFound) missing();
    else store.getState().setTicketStale();
  });

  socket.on('ticket:status', (view) => !ended && show(view));
  socket.on('connect', () => {
    poll.pause();
    store.getState().setTicketLive(true);
  });
  /** Closed or refused by the server, Socket.IO does not try again by itself: ask later. */
  const retryLater = () => {
    if (socket.active) return;
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), RETRY_REFUSED_MS);
  };
  socket.on('disconnect', () => {
    if (ended) return;
    store.getState().setTicketLive(false);
    poll.start();
    retryLater();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (ended) return;
    if (err.data?.code === ErrorCode.UnknownTicket) return missing();
    poll.start();
    retryLater();
  });

  /** A phone waking up: if its connection did not survive the sleep, fetch now and reconnect. */
  const onVisible = () => {
    if (document.visibilityState !== 'visible' || ended || socket.connected) return;
    poll.now();
    if (!socket.active) socket.connect();
  };
  document.addEventListener('visibilitychange', onVisible);

  function end() {
    ended = true;
    clearTimeout(retry);
    poll.pause();
    socket.close();
    document.removeEventListener('visibilitychange', onVisible);
    store.getState().setTicketLive(false);
  }

  // Until the socket is up (usually within milliseconds, and then it sends the status itself).
  poll.start();
  return {
    refresh: () => poll.now(),
    async withdraw() {
      const res = await withdrawTicket(ticketId);
      if (res.ok && !ended) show(res.data);
      return res;
    },
    stop: end,
  };
}
