/**
 * The public booking page (issue 13): its addresses, the days it offers and what each refusal
 * of the server tells the visitor. Pure, so the rules are unit-tested (booking.test.ts).
 */
import { addCalendarDays, ErrorCode, normaliseCode } from '@qms/shared';
import { formatDate } from '@qms/shared/client';
import type { en } from './i18n/en';

/** `/book/` books; `/book/<CODE>` shows the booking with that code. */
export type BookRoute = { kind: 'book' } | { kind: 'manage'; code: string } | { kind: 'badCode'; typed: string };

/** Null: not the booking page. A code is read as typed or printed (any case, with its dash). */
export function bookRoute(pathname: string): BookRoute | null {
  const m = pathname.match(/^\/book(?:\/([^/]+))?\/?$/);
  if (!m) return null;
  if (!m[1]) return { kind: 'book' };
  let typed = m[1];
  try {
    typed = decodeURIComponent(typed);
  } catch {
    // A broken %-escape is just not a code.
  }
  const code = normaliseCode(typed);
  return code ? { kind: 'manage', code } : { kind: 'badCode', typed };
}

/**
 * The booking's own page: what the visitor keeps to come back to it. It names the center even
 * when the page found it as the server's default, which an installer may change; the language
 * rides along so the page opens in the one the visitor booked in.
 */
export function manageUrl(code: string, centerId: string, lang: string): string {
  return `/book/${code}?${new URLSearchParams({ center: centerId, lang }).toString()}`;
}

export const BOOK_URL = '/book/';

export function calendarUrl(centerId: string, code: string): string {
  return `/api/appointments/${encodeURIComponent(centerId)}/${code}/calendar.ics`;
}

/** A week at a time: a phone shows seven days without scrolling far, and each one is a request. */
export const DAYS_PER_PAGE = 7;

/** Every calendar day from the first to the last bookable one ("YYYY-MM-DD", local to the center). */
export function bookingDays(firstDay: string, lastDay: string): string[] {
  const out: string[] = [];
  // 92: more than the 90 days ahead a service may allow, so a bad answer cannot loop for ever.
  for (let day = firstDay; day <= lastDay && out.length < 92; day = addCalendarDays(day, 1)) out.push(day);
  return out;
}

/**
 * "Monday, 2 March" for a calendar day: dates.ts formats instants, so the day is taken at noon
 * UTC and shown in UTC, which no time zone can move to another date.
 */
export function dayName(day: string, lang: string): string {
  return formatDate(Date.parse(`${day}T12:00:00Z`), lang, 'UTC');
}

type Key = keyof typeof en;

/**
 * What a refusal says, by its error code: never the server's English message, which a visitor
 * reading Russian or Vietnamese could not act on. Anything else is "try again".
 */
const REFUSALS: Partial<Record<string, Key>> = {
  [ErrorCode.SlotFull]: 'bookErrSlotFull',
  [ErrorCode.SlotUnavailable]: 'bookErrSlotUnavailable',
  [ErrorCode.UnknownAppointment]: 'bookErrUnknown',
  [ErrorCode.AppointmentClosed]: 'bookErrClosed',
  [ErrorCode.BookingLimit]: 'bookErrLimit',
  [ErrorCode.RateLimited]: 'bookErrRate',
  [ErrorCode.BadRequest]: 'bookErrBadRequest',
  [ErrorCode.UnknownService]: 'bookErrService',
  [ErrorCode.NotFound]: 'bookErrNoCenter',
  [ErrorCode.Unavailable]: 'bookErrOffline',
};

export function refusalKey(code: string): Key {
  return REFUSALS[code] ?? 'bookErrFailed';
}

/** Refusals after which the chosen time is gone: the visitor goes back to the day's free times. */
export function timeIsGone(code: string): boolean {
  return code === ErrorCode.SlotFull || code === ErrorCode.SlotUnavailable;
}

/**
 * Today on the center's clock, as the server sees it: every bookable service's days start today
 * (BookableService.firstDay). The phone's own clock may be wrong or in another zone.
 */
export function todayOf(services: { firstDay: string }[]): string | null {
  return services.reduce<string | null>((min, s) => (min === null || s.firstDay < min ? s.firstDay : min), null);
}

export function relativeDay(day: string, today: string | null): 'bookToday' | 'bookTomorrow' | null {
  if (today === null) return null;
  return day === today ? 'bookToday' : day === addCalendarDays(today, 1) ? 'bookTomorrow' : null;
}
