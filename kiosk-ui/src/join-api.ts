/** The join page's server calls (issue 14, V1–V2), outside React. No token: the ticket's id is the phone's credential. */
import type { JoinCenter, JoinRequest, PublicTicketStatus, Response } from '@qms/shared';
import { api } from '@qms/shared/client';

const base = (centerId: string) => `/api/join/${encodeURIComponent(centerId)}`;

export function fetchJoinCenter(centerId: string): Promise<Response<JoinCenter>> {
  return api<JoinCenter>(base(centerId), { timeoutMs: 8_000 });
}

export function joinQueue(centerId: string, body: JoinRequest): Promise<Response<PublicTicketStatus & { statusUrl: string }>> {
  return api<PublicTicketStatus & { statusUrl: string }>(base(centerId), { body, timeoutMs: 10_000 });
}

/** The hall poster's code, sent from the phone that holds the ticket (V2). */
export function arriveInHall(ticketId: string, hallCode: string): Promise<Response<PublicTicketStatus>> {
  return api<PublicTicketStatus>(`/api/tickets/${encodeURIComponent(ticketId)}/arrive`, { body: { hallCode }, timeoutMs: 10_000 });
}
