/** The booking page's server calls (issue 13), outside React. No token: the code is the credential. */
import type { AppointmentView, Board, BookingCenter, BookRequest, Response, SlotDay } from '@qms/shared';
import { api } from '@qms/shared/client';

const base = (centerId: string) => `/api/appointments/${encodeURIComponent(centerId)}`;

/** Without `?center=` the page books at the server's default center: the one its live board shows. */
export async function defaultCenterId(): Promise<Response<string>> {
  const res = await api<Board>('/api/board', { timeoutMs: 8_000 });
  return res.ok ? { ok: true, data: res.data.center.id } : res;
}

export function fetchBookingCenter(centerId: string): Promise<Response<BookingCenter>> {
  return api<BookingCenter>(base(centerId), { timeoutMs: 8_000 });
}

export function fetchSlots(centerId: string, serviceId: string, day: string): Promise<Response<SlotDay>> {
  const query = new URLSearchParams({ service: serviceId, day });
  return api<SlotDay>(`${base(centerId)}/slots?${query.toString()}`, { timeoutMs: 8_000 });
}

export function book(centerId: string, body: BookRequest): Promise<Response<AppointmentView>> {
  return api<AppointmentView>(base(centerId), { body, timeoutMs: 10_000 });
}

export function fetchAppointment(centerId: string, code: string): Promise<Response<AppointmentView>> {
  return api<AppointmentView>(`${base(centerId)}/${code}`, { timeoutMs: 8_000 });
}

export function cancelAppointment(centerId: string, code: string): Promise<Response<AppointmentView>> {
  return api<AppointmentView>(`${base(centerId)}/${code}/cancel`, { method: 'POST', timeoutMs: 10_000 });
}

export function moveAppointment(centerId: string, code: string, at: number): Promise<Response<AppointmentView>> {
  return api<AppointmentView>(`${base(centerId)}/${code}/move`, { body: { at }, timeoutMs: 10_000 });
}
