/** Every server call the kiosk makes, outside React. All return the shared `Response` shape. */
import type { AppointmentView, Category, CenterInfo, Language, PriorityCategory, PublicTicketStatus, Response, Service, ServiceLoad, Ticket, TicketEta } from '@qms/shared';
import { api } from '@qms/shared/client';

export type CenterSummary = Pick<CenterInfo, 'id' | 'name' | 'names' | 'languages' | 'defaultLanguage' | 'targetWaitMin' | 'timezone' | 'publicUrl'>;

/** Whether a visitor may take a ticket for a service now (server/src/features/availability.ts). */
export interface ServiceAvailability {
  serviceId: string;
  servedNow: boolean;
  /** Epoch ms of its next opening when it is outside its hours; null when open or not known. */
  opensAt: number | null;
}

/** GET /api/services */
export interface Catalogue {
  center: CenterSummary;
  services: Service[];
  priorityCategories: PriorityCategory[];
  /** Names per language for the services' `category` keys (absent from an older server). */
  categories?: Category[];
  loads: ServiceLoad[];
  availability: ServiceAvailability[];
}

/** POST /api/tickets → 201 */
export interface Issued {
  ticket: Ticket;
  eta: TicketEta | null;
  seq: number;
}

/** GET /api/tickets/:id, POST …/withdraw and the `/ticket` namespace: the phone page's view. */
export type TicketStatusView = PublicTicketStatus;

export interface Me {
  kind: 'device' | 'staff';
  deviceKind?: string;
}

/** With a kiosk token the server answers for the kiosk's own center; without, for its first. */
export function fetchCatalogue(token: string | null, centerId?: string): Promise<Response<Catalogue>> {
  const query = centerId ? `?center=${encodeURIComponent(centerId)}` : '';
  return api<Catalogue>(`/api/services${query}`, { token, timeoutMs: 8_000 });
}

export function fetchMe(token: string): Promise<Response<Me>> {
  return api<Me>('/api/auth/me', { token, timeoutMs: 8_000 });
}

export interface IssueRequest {
  serviceId: string;
  lane: 'normal' | 'priority';
  categoryId?: string;
  language: Language;
  /** The same for a retry, so a lost answer never becomes two tickets (server rule I4). */
  clientRef: string;
}

export function issueTicket(token: string, body: IssueRequest): Promise<Response<Issued>> {
  return api<Issued>('/api/tickets', { token, body, timeoutMs: 10_000 });
}

/**
 * POST …/check-in → 201: the booked-lane ticket carrying its slot (A1), the same one on a second
 * check-in; or, for a ticket taken on a phone (issue 14, V2), that ticket with its visitor arrived.
 */
export type CheckedIn = Issued & ({ appointment: AppointmentView; arrived?: undefined } | { appointment: null; arrived: true });

/** A booking's code, as typed or scanned, checked in with the kiosk's token (issue 13, A5). */
export function checkInAppointment(token: string, centerId: string, code: string): Promise<Response<CheckedIn>> {
  return api<CheckedIn>(`/api/appointments/${encodeURIComponent(centerId)}/check-in`, { token, body: { code }, timeoutMs: 10_000 });
}

export function fetchTicketStatus(id: string): Promise<Response<TicketStatusView>> {
  return api<TicketStatusView>(`/api/tickets/${encodeURIComponent(id)}`, { timeoutMs: 8_000 });
}

/** The visitor gives the ticket up (X1); a called or finished one is refused (INVALID_TRANSITION). */
export function withdrawTicket(id: string): Promise<Response<TicketStatusView>> {
  return api<TicketStatusView>(`/api/tickets/${encodeURIComponent(id)}/withdraw`, { method: 'POST', timeoutMs: 10_000 });
}
