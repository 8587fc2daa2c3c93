/**
 * Appointments for staff (issue 13): the day on screen, the day's bookings with who made them
 * (GET /api/appointments/:center/list), the supervisors' plan (…/schedule), and what a check-in
 * at the desk gave. Answers are kept per token and query, as Reports keeps its own: a late answer
 * for another day cannot show under this one, and the next user of the computer sees none of them.
 */
import type { AppErrorBody, AppointmentStaffView, AppointmentView, BookingCenter, BookingSchedule, BookRequest, Response, SlotDay, Ticket } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** `data` stays while a refresh is loading. */
export interface Fetched<T> {
  loading: boolean;
  data: T | null;
  error: AppErrorBody | null;
}

/** What "Check in" at the desk gave: the ticket's number, or the refusal. */
export type CheckInResult = { ok: true; number: string } | { ok: false; error: AppErrorBody };

export interface BookingsSlice {
  /** The day on the Bookings screen ("YYYY-MM-DD"); null: the center's today, whatever day that is now. */
  bookingDay: string | null;
  bookingCenter: Fetched<BookingCenter>;
  bookingLists: Record<string, Fetched<AppointmentStaffView[]>>;
  bookingPlans: Record<string, Fetched<BookingSchedule>>;
  /** By checkInKey(token, code). */
  checkIns: Record<string, CheckInResult>;
  chooseBookingDay(day: string | null): void;
  fetchBookingCenter(): Promise<void>;
  fetchBookingList(day: string): Promise<void>;
  fetchBookingPlan(from: string, to: string): Promise<void>;
  checkInBooking(code: string, day: string): Promise<void>;
  cancelBooking(code: string, day: string): Promise<Response<AppointmentView>>;
  fetchSlots(serviceId: string, day: string): Promise<Response<SlotDay>>;
  /** With the staff token: channel "staff", without the per-person limits. */
  bookForVisitor(body: BookRequest): Promise<Response<AppointmentView>>;
}

export const bookingListKey = (token: string | null, day: string) => `${token ?? ''}|${day}`;
export const checkInKey = (token: string | null, code: string) => `${token ?? ''}|${code}`;
export const bookingPlanKey = (token: string | null, from: string, to: string) => `${token ?? ''}|${from}|${to}`;
/** A few days back and forth are enough to come back to at once; the oldest go first. */
const KEEP = 12;

function kept<T>(all: Record<string, T>, key: string, entry: T): Record<string, T> {
  const next = { ...all };
  delete next[key];
  const keys = Object.keys(next);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP + 1))) delete next[old];
  return { ...next, [key]: entry };
}

export const createBookingsSlice: StateCreator<Store, [], [], BookingsSlice> = (set, get) => {
  const base = () => `/api/appointments/${encodeURIComponent(get().staff?.centerId ?? '')}`;
  /** A request answered UNAUTHORIZED ends the session, as everywhere in the app. */
  const ended = <T,>(res: Response<T>): Response<T> => {
    if (!res.ok && res.error.code === 'UNAUTHORIZED') get().sessionEnded();
    return res;
  };
  return {
    bookingDay: null,
    bookingCenter: { loading: false, data: null, error: null },
    bookingLists: {},
    bookingPlans: {},
    checkIns: {},

    chooseBookingDay: (bookingDay) => set({ bookingDay }),

    async fetchBookingCenter() {
      set({ bookingCenter: { ...get().bookingCenter, loading: true } });
      const res = await api<BookingCenter>(base());
      set({ bookingCenter: res.ok ? { loading: false, data: res.data, error: null } : { loading: false, data: get().bookingCenter.data, error: res.error } });
    },

    async fetchBookingList(day) {
      const token = get().token;
      if (!token) return;
      const key = bookingListKey(token, day);
      set({ bookingLists: kept(get().bookingLists, key, { loading: true, data: get().bookingLists[key]?.data ?? null, error: null }) });
      const res = ended(await api<AppointmentStaffView[]>(`${base()}/list?day=${day}`, { token }));
      set({ bookingLists: kept(get().bookingLists, key, res.ok ? { loading: false, data: res.data, error: null } : { loading: false, data: null, error: res.error }) });
    },

    async fetchBookingPlan(from, to) {
      const token = get().token;
      if (!token) return;
      const key = bookingPlanKey(token, from, to);
      set({ bookingPlans: kept(get().bookingPlans, key, { loading: true, data: get().bookingPlans[key]?.data ?? null, error: null }) });
      const res = ended(await api<BookingSchedule>(`${base()}/schedule?from=${from}&to=${to}`, { token }));
      set({ bookingPlans: kept(get().bookingPlans, key, res.ok ? { loading: false, data: res.data, error: null } : { loading: false, data: null, error: res.error }) });
    },

    async checkInBooking(code, day) {
      const token = get().token;
      const res = ended(await api<{ ticket: Ticket }>(`${base()}/check-in`, { token, body: { code } }));
      set({ checkIns: { ...get().checkIns, [checkInKey(token, code)]: res.ok ? { ok: true, number: res.data.ticket.number } : { ok: false, error: res.error } } });
      // A refusal may have changed the booking too (too late: a no-show now).
      await get().fetchBookingList(day);
    },

    async cancelBooking(code, day) {
      const res = ended(await api<AppointmentView>(`${base()}/${encodeURIComponent(code)}/cancel`, { token: get().token, body: {} }));
      await get().fetchBookingList(day);
      return res;
    },

    fetchSlots: async (serviceId, day) => api<SlotDay>(`${base()}/slots?service=${encodeURIComponent(serviceId)}&day=${day}`),

    bookForVisitor: async (body) => ended(await api<AppointmentView>(base(), { token: get().token, body })),
  };
};
