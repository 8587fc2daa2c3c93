/**
 * The booking page's details form: what it asks (per center: off, optional, required) and the
 * same checks as bookRequestSchema (shared/src/appointments.ts), so a visitor learns what to fix
 * before anything is sent, in words they can act on. The rules are copied rather than imported:
 * the schema would bring zod into the kiosk's bundle. booking-form.test.ts runs both on the same
 * inputs so the copy cannot drift.
 */
import { hasControlCharacter, hasVisibleText, type BookingCenter, type BookRequest } from '@qms/shared';

export type Ask = BookingCenter['askName'];
export const DETAIL_FIELDS = ['name', 'phone', 'email'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type Details = Record<DetailField, string>;
export type Asks = Record<DetailField, Ask>;

export const NO_DETAILS: Details = { name: '', phone: '', email: '' };

/** What is wrong with one field, each with its own message (i18n keys bookName…, bookPhone…). */
export type Problem = 'required' | 'invalid' | 'tooLong';
export type Problems = Partial<Record<DetailField, Problem>>;

export const NAME_MAX = 100;
export const EMAIL_MAX = 200;
/** bookRequestSchema's phone: digits, spaces, brackets and dashes, optionally after a +. */
const PHONE = /^\+?[0-9][0-9 ()-]{4,22}$/;
/** zod 4's z.email() pattern, which the schema uses. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function asksOf(center: Pick<BookingCenter, 'askName' | 'askPhone' | 'askEmail'>): Asks {
  return { name: center.askName, phone: center.askPhone, email: center.askEmail };
}

function problemOf(field: DetailField, value: string): Problem | undefined {
  switch (field) {
    case 'name':
      if (hasControlCharacter(value) || !hasVisibleText(value)) return 'invalid';
      return value.length > NAME_MAX ? 'tooLong' : undefined;
    case 'phone':
      return PHONE.test(value) ? undefined : 'invalid';
    case 'email':
      if (!EMAIL.test(value)) return 'invalid';
      return value.length > EMAIL_MAX ? 'tooLong' : undefined;
  }
}

/** Every problem of the form; empty when it may be sent. Surrounding spaces do not count. */
export function checkDetails(details: Details, asks: Asks): Problems {
  const out: Problems = {};
  for (const field of DETAIL_FIELDS) {
    if (asks[field] === 'off') continue;
    const value = details[field].trim();
    const problem = value === '' ? (asks[field] === 'required' ? 'required' : undefined) : problemOf(field, value);
    if (problem) out[field] = problem;
  }
  return out;
}

/** The request's details: only what the center asks, trimmed, and nothing for an empty field. */
export function detailsBody(details: Details, asks: Asks): Pick<BookRequest, DetailField> {
  const out: Pick<BookRequest, DetailField> = {};
  for (const field of DETAIL_FIELDS) {
    const value = details[field].trim();
    if (asks[field] !== 'off' && value) out[field] = value;
  }
  return out;
}

/** The form has something to fill in; else the step is a summary and one button. */
export const asksAnything = (asks: Asks): boolean => DETAIL_FIELDS.some((f) => asks[f] !== 'off');
