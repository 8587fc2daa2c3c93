/**
 * Booking for a visitor at the desk or on the phone: which contact fields the center asks for, and
 * the request built from what staff typed, checked with the contract's own schema so that a typo is
 * pointed at in the staff member's language before the server refuses it in English.
 */
import { bookRequestSchema, type BookingCenter, type BookRequest, type Language } from '@qms/shared';

export const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface VisitorDraft {
  name: string;
  phone: string;
  email: string;
  /** The language the confirmation, the reminders and the ticket follow. */
  language: Language;
}

type Asks = Pick<BookingCenter, 'askName' | 'askPhone' | 'askEmail'>;

const ASK_OF: Record<ContactField, keyof Asks> = { name: 'askName', phone: 'askPhone', email: 'askEmail' };

/** The fields the center asks visitors for; one it never asks ("off") is not kept, so staff do not type it. */
export function contactFields(center: Asks): ContactField[] {
  return CONTACT_FIELDS.filter((f) => center[ASK_OF[f]] !== 'off');
}

/**
 * The request, or the fields staff must correct. Empty fields are left out: staff may book without
 * them even where the booking page requires them (the visitor is there, or on the line).
 */
export function bookRequest(serviceId: string, at: number, draft: VisitorDraft, center: Asks): { ok: true; body: BookRequest } | { ok: false; fields: ContactField[] } {
  const body: BookRequest = { serviceId, at, language: draft.language };
  for (const f of contactFields(center)) {
    const value = draft[f].trim();
    if (value) body[f] = value;
  }
  const parsed = bookRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields = CONTACT_FIELDS.filter((f) => parsed.error.issues.some((i) => i.path[0] === f));
  // Anything else wrong is the screen's fault, not the visitor's: the server says what.
  return fields.length > 0 ? { ok: false, fields } : { ok: true, body };
}
