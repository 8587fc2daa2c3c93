/**
 * Appointments (issue 13, docs/SPEC.md A1–A6): what the booking page, the kiosk's check-in, the
 * counter app and a government portal exchange with the server. The code is the visitor's only
 * credential: short, unambiguous when read aloud or typed (no 0/O, 1/I), and typed by a kiosk's 2D
 * scanner from the booking's QR code.
 */
import { z } from 'zod';
import type { AppointmentStatus } from './booking-code.js';
import { languageSchema, namesSchema } from './config.js';
import { visibleText } from './text.js';

/** A phone number as a visitor types it (the booking page, the join page). */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,22}$/, 'expected a phone number: digits, optionally starting with +');
const phone = phoneSchema;
const email = z.email('expected an e-mail address such as name@example.org').max(200);

export const bookRequestSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  /** The slot's start, epoch ms, as GET …/slots gave it. */
  at: z.number().int().min(0),
  name: visibleText(100).optional(),
  phone: phone.optional(),
  email: email.optional(),
  /** The language the visitor booked in: the confirmation, reminders and the ticket follow it. */
  language: languageSchema.optional(),
});
export type BookRequest = z.infer<typeof bookRequestSchema>;

export const moveRequestSchema = z.strictObject({ at: z.number().int().min(0) });
export type MoveRequest = z.infer<typeof moveRequestSchema>;

export const checkInRequestSchema = z.strictObject({
  /** As typed or scanned; normaliseCode reads it. */
  code: z.string().min(1).max(40),
});
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

/** A bookable service on the booking page. */
export interface BookableService {
  id: string;
  names: z.infer<typeof namesSchema>;
  category: string | null;
  slotMin: number;
  /** Local days "YYYY-MM-DD" from today to the last bookable one. */
  firstDay: string;
  lastDay: string;
  targetWaitMin: number;
}

export interface BookingCenter {
  id: string;
  name: string;
  names?: z.infer<typeof namesSchema>;
  timezone: string;
  languages: string[];
  defaultLanguage: string;
  askName: 'off' | 'optional' | 'required';
  askPhone: 'off' | 'optional' | 'required';
  askEmail: 'off' | 'optional' | 'required';
  checkInEarlyMin: number;
  checkInLateMin: number;
  services: BookableService[];
}

export interface Slot {
  /** Epoch ms of its start. */
  at: number;
  /** Bookings it can still take (A6). */
  free: number;
}

export interface SlotDay {
  serviceId: string;
  day: string;
  slotMin: number;
  /** Only the slots still ahead with a free place. */
  slots: Slot[];
}

/** What the visitor (and a portal) sees of a booking: no name, phone or e-mail. */
export interface AppointmentView {
  code: string;
  centerId: string;
  serviceId: string;
  /** Slot start, epoch ms. */
  at: number;
  slotMin: number;
  status: AppointmentStatus;
  language: string | null;
  /** A5: when the kiosk takes the code, epoch ms. */
  checkInFrom: number;
  checkInTo: number;
  /** The booked-lane ticket after check-in: its status page is /kiosk/t/<ticketId>. */
  ticketId: string | null;
  bookedAt: number;
}

/** Staff see who booked (the counter app, for a visitor on the phone or at the desk). */
export interface AppointmentStaffView extends AppointmentView {
  name: string | null;
  phone: string | null;
  email: string | null;
  channel: 'web' | 'staff' | 'api';
}

/** The supervisor's view of the bookings, per service and slot. */
export interface BookingSchedule {
  from: string;
  to: string;
  services: {
    serviceId: string;
    slotMin: number;
    slots: { at: number; capacity: number; booked: number; checkedIn: number; noShow: number; cancelled: number }[];
  }[];
}
