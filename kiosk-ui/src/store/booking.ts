import type { BookingCenter, Language, Slot } from '@qms/shared';
import { bookingDays, DAYS_PER_PAGE, type BookRoute } from '../booking';
import { defaultCenterId, fetchAppointment, fetchBookingCenter, fetchSlots } from '../booking-api';
import { isLanguage } from '../i18n';
import type { KioskState, Slice } from './types';

/**
 * The public booking page (/book/, issue 13): service → day → time → details, then the booking
 * itself ('booking', also the page of /book/<CODE>). Moving a booking walks day → time → details
 * again with `bookMoving` set, and the details step only confirms.
 */
export type BookStep = 'service' | 'day' | 'time' | 'details' | 'booking';

/** One day's free slots as last fetched; 'failed' keeps the refusal's code. */
export type DaySlots = { state: 'loading' } | { state: 'ready'; slots: Slot[] } | { state: 'failed'; code: string };

export type BookLoad = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; code: string };

export interface BookingSlice {
  bookCenter: BookingCenter | null;
  bookLoad: BookLoad;
  bookStep: BookStep;
  bookMoving: boolean;
  bookServiceId: string | null;
  bookQuery: string;
  /** Which week of the bookable days is shown. */
  bookWeek: number;
  bookDay: string | null;
  bookAt: number | null;
  /** Keyed by slotsKey(service, day). */
  bookSlots: Record<string, DaySlots>;
  /** The last refusal's error code, shown (translated) on the step it left the visitor on. */
  bookRefusal: string | null;
  openBookingPage(route: BookRoute, centerParam: string | null, langParam: string | null): Promise<void>;
  setBookQuery(query: string): void;
  chooseBookService(serviceId: string): void;
  showBookWeek(week: number): void;
  chooseBookDay(day: string): void;
  chooseBookTime(at: number): void;
  bookBack(): void;
  /** Fetch a day's free slots; `fresh` asks again even for a day already known. */
  loadBookDay(day: string, fresh?: boolean): Promise<void>;
}

export const slotsKey = (serviceId: string, day: string) => `${serviceId}|${day}`;

/** The visible week's days, two requests at a time: a week is seven requests, not a burst of them. */
async function loadWeek(get: () => KioskState): Promise<void> {
  const { bookCenter, bookServiceId, bookWeek } = get();
  const service = bookCenter?.services.find((s) => s.id === bookServiceId);
  if (!service) return;
  const days = bookingDays(service.firstDay, service.lastDay).slice(bookWeek * DAYS_PER_PAGE, (bookWeek + 1) * DAYS_PER_PAGE);
  const next = async (): Promise<void> => {
    const day = days.shift();
    if (day === undefined) return;
    await get().loadBookDay(day);
    return next();
  };
  await Promise.all([next(), next()]);
}

export const bookingSlice: Slice<BookingSlice> = (set, get) => ({
  bookCenter: null,
  bookLoad: { state: 'loading' },
  bookStep: 'service',
  bookMoving: false,
  bookServiceId: null,
  bookQuery: '',
  bookWeek: 0,
  bookDay: null,
  bookAt: null,
  bookSlots: {},
  bookRefusal: null,

  openBookingPage: async (route, centerParam, langParam) => {
    const fail = (code: string) => set({ bookLoad: { state: 'failed', code } });
    const id = centerParam ? { ok: true as const, data: centerParam } : await defaultCenterId();
    if (!id.ok) return fail(id.error.code);
    const center = await fetchBookingCenter(id.data);
    if (!center.ok) return fail(center.error.code);
    const { languages, defaultLanguage } = center.data;
    const offered = (l: string | null | undefined): l is Language => isLanguage(l) && languages.includes(l);
    // The address's language, else the one the visitor's phone reads if the center has it, else the center's.
    const phone = typeof navigator === 'undefined' ? null : navigator.language.slice(0, 2);
    set({ bookCenter: center.data, lang: offered(langParam) ? langParam : offered(phone) ? phone : (defaultLanguage as Language) });
    if (route.kind === 'book') return set({ bookLoad: { state: 'ready' }, bookStep: 'service' });
    if (route.kind === 'badCode') return fail('UNKNOWN_APPOINTMENT');
    const found = await fetchAppointment(id.data, route.code);
    if (!found.ok) return fail(found.error.code);
    // Opened without ?lang=: in the language it was booked in.
    if (!offered(langParam) && offered(found.data.language)) set({ lang: found.data.language });
    await get().showBooking(found.data, null);
    set({ bookLoad: { state: 'ready' }, bookStep: 'booking' });
  },

  setBookQuery: (bookQuery) => set({ bookQuery }),

  chooseBookService: (serviceId) => {
    set({ bookServiceId: serviceId, bookStep: 'day', bookWeek: 0, bookDay: null, bookAt: null, bookRefusal: null });
    void loadWeek(get);
  },

  showBookWeek: (bookWeek) => {
    set({ bookWeek });
    void loadWeek(get);
  },

  chooseBookDay: (day) => {
    set({ bookDay: day, bookStep: 'time', bookAt: null, bookRefusal: null });
    // The list may be minutes old: the times shown must be free now.
    void get().loadBookDay(day, true);
  },

  chooseBookTime: (at) => set({ bookAt: at, bookStep: 'details', bookRefusal: null, bookChecked: false }),

  bookBack: () => {
    const { bookStep, bookMoving } = get();
    if (bookStep === 'details') return set({ bookStep: 'time', bookRefusal: null });
    if (bookStep === 'time') return set({ bookStep: 'day', bookRefusal: null });
    if (bookStep === 'day') return set({ bookStep: bookMoving ? 'booking' : 'service', bookMoving: false, bookRefusal: null });
  },

  loadBookDay: async (day, fresh = false) => {
    const { bookCenter, bookServiceId, bookSlots } = get();
    if (!bookCenter || !bookServiceId) return;
    const key = slotsKey(bookServiceId, day);
    const known = bookSlots[key];
    if (known && !fresh && known.state !== 'failed') return;
    // Known slots stay on screen while they are asked again.
    if (!known || known.state !== 'ready') set((s) => ({ bookSlots: { ...s.bookSlots, [key]: { state: 'loading' } } }));
    const res = await fetchSlots(bookCenter.id, bookServiceId, day);
    const value: DaySlots = res.ok ? { state: 'ready', slots: res.data.slots.filter((s) => s.free > 0) } : { state: 'failed', code: res.error.code };
    set((s) => ({ bookSlots: { ...s.bookSlots, [key]: value } }));
  },
});
