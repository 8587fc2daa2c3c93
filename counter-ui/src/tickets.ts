/**
 * Tickets staff handle outside a counter command: one issued for a visitor at the counter (a
 * person without a phone, a kiosk out of order), a waiting one cancelled (X1), and a remote one's
 * visitor confirmed at the desk (V2). REST, as the kiosk issues; the hall follows from the facts
 * like everyone else's.
 */
import type { AppErrorBody, CommandResult, IssueTicketBody, IssuedTicket, Response } from '@qms/shared';
import { api } from '@qms/shared/client';
import { store } from './store';

async function run<T>(busy: string, call: (token: string | null) => Promise<Response<T>>): Promise<Response<T>> {
  const s = store.getState();
  if (s.busy) return { ok: false, error: { code: 'CONFLICT', message: 'Another command is in flight.' } satisfies AppErrorBody };
  s.setBusy(busy);
  const res = await call(s.token);
  const after = store.getState();
  after.setBusy(null);
  if (!res.ok && res.error.code === 'UNAUTHORIZED') after.sessionEnded();
  return res;
}

export function issueTicket(body: Pick<IssueTicketBody, 'serviceId'> & { categoryId?: string }): Promise<Response<IssuedTicket>> {
  const { serviceId, categoryId } = body;
  return run('issue', (token) =>
    api<IssuedTicket>('/api/tickets', { token, body: categoryId ? { serviceId, lane: 'priority', categoryId } : { serviceId } }),
  );
}

export async function cancelTicket(ticketId: string): Promise<boolean> {
  const res = await run('cancel', (token) => api<CommandResult>(`/api/tickets/${encodeURIComponent(ticketId)}/cancel`, { token, body: {} }));
  if (res.ok) store.getState().showError(null);
  else if (res.error.code !== 'UNAUTHORIZED') store.getState().showError(res.error);
  return res.ok;
}

/** A remote ticket's visitor is at the desk (issue 14, V2): staff confirm they have come, so it is called in its place. */
export async function confirmArrival(ticketId: string): Promise<boolean> {
  const res = await run('arrive', (token) => api<{ ticket: unknown }>(`/api/tickets/${encodeURIComponent(ticketId)}/check-in`, { token, body: {} }));
  if (res.ok) store.getState().showError(null);
  else if (res.error.code !== 'UNAUTHORIZED') store.getState().showError(res.error);
  return res.ok;
}
