import type { AppointmentView, Language, Ticket, TicketEta } from '@qms/shared';
import { checkInAppointment } from '../api';
import { fetchAppointment } from '../booking-api';
import { readCode, refusalOf, type CheckInProblem } from '../checkin';
import { issuedOf } from './ticket';
import type { Slice } from './types';

/**
 * "I have an appointment" (issue 13, A5): the code field ('entry', with the last problem),
 * the request out ('checking'), or a refusal that needs more than a line: too early (when to come
 * back) or too late (an ordinary ticket instead). `booking` is null when it could not be looked up.
 * Checked in, the visitor is on the ticket screen like any other.
 */
export type CheckInState =
  | { state: 'entry'; problem: CheckInProblem | null }
  | { state: 'checking' }
  | { state: 'early'; booking: AppointmentView | null }
  | { state: 'late'; booking: AppointmentView | null }
  /** A ticket taken on a phone (issue 14, V2): its visitor is in the hall, and waits in the place they had. */
  | { state: 'arrived'; ticket: Ticket; eta: TicketEta | null };

export interface CheckInSlice {
  checkIn: CheckInState;
  /** What is in the code field: kept through a refusal, for another try. */
  checkInCode: string;
  openCheckIn(): void;
  /** A code scanned before "I have an appointment" was touched: checked in at once. */
  checkInScanned(typed: string): void;
  setCheckInCode(code: string): void;
  submitCheckIn(): Promise<void>;
  /** From a refusal back to the field, empty, for another code. */
  anotherCode(): void;
  /** Too late: an ordinary ticket for the booked service, in the normal lane (or the services to choose one). */
  takeOrdinaryTicket(): void;
}

export const NO_CHECK_IN = { checkIn: { state: 'entry', problem: null }, checkInCode: '' } as const;

export const checkInSlice: Slice<CheckInSlice> = (set, get) => ({
  ...NO_CHECK_IN,
  openCheckIn: () => set({ ...NO_CHECK_IN, screen: 'checkin', lane: 'normal', priorityCategoryId: null, topic: null, query: '' }),
  checkInScanned: (typed) => {
    get().openCheckIn();
    set({ checkInCode: typed });
    void get().submitCheckIn();
  },
  setCheckInCode: (checkInCode) => set((s) => ({ checkInCode, checkIn: s.checkIn.state === 'entry' ? { state: 'entry', problem: null } : s.checkIn })),
  submitCheckIn: async () => {
    const s = get();
    const centerId = s.catalogue?.center.id;
    // A second Enter (a scanner's, a double tap) while the first is out must not send it twice.
    if (s.checkIn.state !== 'entry' || !s.token || !centerId) return;
    const read = readCode(s.checkInCode);
    if (!read.ok) return set({ checkIn: { state: 'entry', problem: read.problem } });
    set({ checkIn: { state: 'checking' } });
    const res = await checkInAppointment(s.token, centerId, read.code);
    // The visitor may have left meanwhile (start over, the idle timeout): the next one sees nothing of it.
    if (get().checkIn.state !== 'checking') return;
    if (res.ok && res.data.arrived) {
      // Welcomed in the language the visitor read on their phone, if this kiosk offers it.
      const lang = res.data.ticket.language as Language | null;
      if (lang && get().catalogue?.center.languages.includes(lang)) get().setLang(lang);
      return set({ checkInCode: '', checkIn: { state: 'arrived', ticket: res.data.ticket, eta: res.data.eta } });
    }
    if (res.ok) {
      const issue = await issuedOf(get(), res.data.ticket, res.data.eta);
      if (get().checkIn.state !== 'checking') return;
      return set({ ...NO_CHECK_IN, screen: 'ticket', issue });
    }
    const refusal = refusalOf(res.error.code);
    switch (refusal.kind) {
      case 'early':
      case 'late': {
        // The refusal says no more than its code: when the window opens or closed comes from the booking.
        const found = await fetchAppointment(centerId, read.code);
        if (get().checkIn.state !== 'checking') return;
        return set({ checkIn: { state: refusal.kind, booking: found.ok ? found.data : null } });
      }
      case 'pairing':
        get().needPairing(refusal.reason);
        return set({ ...NO_CHECK_IN, screen: 'language' });
      case 'problem':
        if (refusal.problem === 'checkInOffline') get().setOnline(false);
        return set({ checkIn: { state: 'entry', problem: refusal.problem } });
    }
  },
  anotherCode: () => set(NO_CHECK_IN),
  takeOrdinaryTicket: () => {
    const { checkIn, catalogue } = get();
    const serviceId = checkIn.state === 'late' ? checkIn.booking?.serviceId : undefined;
    set({ ...NO_CHECK_IN, lane: 'normal', priorityCategoryId: null });
    // A booking that could not be looked up, or for a service the kiosk no longer offers: choose one.
    if (serviceId && catalogue?.services.some((s) => s.id === serviceId)) void get().takeTicket(serviceId);
    else set({ screen: 'services' });
  },
});
