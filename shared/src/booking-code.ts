/**
 * A booking's code and statuses (issue 13), apart from appointments.ts's zod schemas: the kiosk
 * and the booking page read and show codes, and must not pull zod into their bundle for it.
 */
export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'cancelled', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** The 32 symbols a code is made of: 8 of them give 2^40 codes, too many to guess behind a rate limit. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A code as typed or scanned: case, spaces and dashes do not matter ("k7m2-qx9p"). Null: not a code. */
export function normaliseCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, '');
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null;
}

/** "K7M2-QX9P": how a code is shown and printed. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
