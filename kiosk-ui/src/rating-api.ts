/** The server calls of rating a visit (issue 14): the phone page's, and the rating terminal's with its device token. */
import type { RatingRequest, RatingTerminalState, RatingView, Response, TerminalRatingRequest } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { TicketStatusView } from './api';

/** The phone page rates its ticket; the answer is the ticket's status with the rating in it. */
export function rateTicket(ticketId: string, body: RatingRequest): Promise<Response<TicketStatusView>> {
  return api<TicketStatusView>(`/api/tickets/${encodeURIComponent(ticketId)}/rating`, { body, timeoutMs: 10_000 });
}

/** The terminal's counter and the visit it offers now, if any. */
export function fetchTerminal(token: string): Promise<Response<RatingTerminalState>> {
  return api<RatingTerminalState>('/api/rating-terminal/current', { token, timeoutMs: 8_000 });
}

export function rateAtTerminal(token: string, body: TerminalRatingRequest): Promise<Response<RatingView>> {
  return api<RatingView>('/api/rating-terminal/rating', { token, body, timeoutMs: 10_000 });
}
