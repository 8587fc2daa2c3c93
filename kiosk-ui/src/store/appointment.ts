import type { AppointmentView } from '@qms/shared';
import QRCode from 'qrcode';
import { timeIsGone } from '../booking';
import { book, cancelAppointment, moveAppointment } from '../booking-api';
import { asksOf, checkDetails, detailsBody, NO_DETAILS, type DetailField, type Details } from '../booking-form';
import type { Slice } from './types';

/** What the booking's page says above it: just booked, just moved. */
export type BookNotice = 'booked' | 'moved' | null;

/** The booking page's own booking: making it, and once made, moving or cancelling it. */
export interface AppointmentSlice {
  bookDetails: Details;
  /** Set by the first "Book": from then on the form shows its problems as the visitor types. */
  bookChecked: boolean;
  bookSending: boolean;
  booking: AppointmentView | null;
  /** The QR code of the bare code (what a kiosk's 2D scanner types), as a data URL. */
  bookingQr: string | null;
  bookNotice: BookNotice;
  setBookDetail(field: DetailField, value: string): void;
  /** Books the chosen time, or moves the booking there; false when refused or not sent. */
  submitBooking(): Promise<boolean>;
  cancelBooking(): Promise<boolean>;
  startMove(): void;
  showBooking(view: AppointmentView, notice: BookNotice): Promise<void>;
}

export const appointmentSlice: Slice<AppointmentSlice> = (set, get) => ({
  bookDetails: NO_DETAILS,
  bookChecked: false,
  bookSending: false,
  booking: null,
  bookingQr: null,
  bookNotice: null,

  setBookDetail: (field, value) => set((s) => ({ bookDetails: { ...s.bookDetails, [field]: value } })),

  submitBooking: async () => {
    const s = get();
    const center = s.bookCenter;
    // A second tap while the first is out must not book twice.
    if (!center || !s.bookServiceId || s.bookAt === null || s.bookSending) return false;
    const asks = asksOf(center);
    if (!s.bookMoving && Object.keys(checkDetails(s.bookDetails, asks)).length > 0) {
      set({ bookChecked: true, bookRefusal: null });
      return false;
    }
    set({ bookSending: true, bookRefusal: null });
    const res =
      s.bookMoving && s.booking
        ? await moveAppointment(center.id, s.booking.code, s.bookAt)
        : await book(center.id, { serviceId: s.bookServiceId, at: s.bookAt, language: s.lang, ...detailsBody(s.bookDetails, asks) });
    set({ bookSending: false });
    if (!res.ok) {
      const code = res.error.code;
      // The time was taken meanwhile: back to the day's times, fetched again, with the reason.
      if (timeIsGone(code) && s.bookDay) {
        set({ bookStep: 'time', bookAt: null, bookRefusal: code });
        void get().loadBookDay(s.bookDay, true);
      } else set({ bookRefusal: code });
      return false;
    }
    const moved = s.bookMoving;
    set({ bookMoving: false, bookStep: 'booking', bookSlots: {} });
    await get().showBooking(res.data, moved ? 'moved' : 'booked');
    return true;
  },

  cancelBooking: async () => {
    const { bookCenter, booking } = get();
    if (!bookCenter || !booking) return false;
    set({ bookRefusal: null });
    const res = await cancelAppointment(bookCenter.id, booking.code);
    if (!res.ok) {
      set({ bookRefusal: res.error.code });
      return false;
    }
    await get().showBooking(res.data, null);
    return true;
  },

  startMove: () => {
    const { booking } = get();
    if (!booking) return;
    set({ bookMoving: true, bookNotice: null, bookRefusal: null });
    get().chooseBookService(booking.serviceId);
  },

  showBooking: async (view, notice) => {
    const same = get().booking?.code === view.code && get().bookingQr;
    // The booking shows even if its QR code cannot be drawn: the code is printed beside it.
    const qr = same ? get().bookingQr : await QRCode.toDataURL(view.code, { errorCorrectionLevel: 'M', margin: 2, width: 320 }).catch(() => null);
    set({ booking: view, bookingQr: qr, bookNotice: notice, bookRefusal: null });
  },
});
