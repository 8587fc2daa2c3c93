/**
 * Checking a booking in at the kiosk (issue 13, docs/SPEC.md A5): reading what the visitor typed
 * or the 2D scanner sent, and what each refusal of the server tells the visitor. Pure, so the
 * rules are unit-tested (checkin.test.ts).
 */
import { ErrorCode, normaliseCode } from '@qms/shared';
import { formatDate, formatTime, sameDay } from '@qms/shared/client';
import type { en } from './i18n/en';

type Key = keyof typeof en;

/** The kiosk offers check-in only where some service takes bookings: its catalogue says so, no request more. */
export function takesAppointments(services: { appointments?: { enabled: boolean } | undefined }[]): boolean {
  return services.some((s) => s.appointments?.enabled === true);
}

/**
 * What the kiosk's check-in entry is for: bookings, tickets taken on a phone (issue 14, V2: the
 * same entry takes their code), or both; null: neither is offered, so no entry.
 */
export type CheckInKind = 'appointment' | 'remote' | 'both';

export function checkInKind(services: { appointments?: { enabled: boolean } | undefined; remote?: { enabled: boolean } | undefined }[]): CheckInKind | null {
  const booked = takesAppointments(services);
  const remote = services.some((s) => s.remote?.enabled === true);
  return booked && remote ? 'both' : booked ? 'appointment' : remote ? 'remote' : null;
}

/** The entry's and the code screen's words for each kind. */
export const CHECK_IN_WORDS = {
  appointment: { entry: 'appointmentEntry', entryHint: 'appointmentEntryHint', title: 'checkInTitle', hint: 'checkInHint' },
  both: { entry: 'checkInEntryBoth', entryHint: 'checkInEntryBothHint', title: 'checkInTitleBoth', hint: 'checkInHintBoth' },
  remote: { entry: 'checkInEntryRemote', entryHint: 'checkInEntryRemoteHint', title: 'checkInTitleRemote', hint: 'checkInHintRemote' },
} as const satisfies Record<CheckInKind, Record<'entry' | 'entryHint' | 'title' | 'hint', Key>>;

/** Why a code was refused before or by the server, as the key of the visitor's words. */
export type CheckInProblem = Extract<
  Key,
  'bookBadCode' | 'checkInLookalikes' | 'bookErrUnknown' | 'checkInCancelled' | 'checkInRate' | 'checkInOffline' | 'serviceClosed' | 'dailyCap' | 'issueFailed' | 'checkInNotWaiting'
>;

export type CodeReading = { ok: true; code: string } | { ok: false; problem: CheckInProblem };

/**
 * A code as typed on the on-screen keyboard or by the scanner: any case, dashes and spaces. The
 * alphabet has no 0, 1, O or I (each looks like another); a visitor who typed one is told so,
 * since "check the code" alone would send them back to the same misreading.
 */
export function readCode(typed: string): CodeReading {
  const code = normaliseCode(typed);
  if (code) return { ok: true, code };
  return { ok: false, problem: /[01oi]/i.test(typed) ? 'checkInLookalikes' : 'bookBadCode' };
}

/** What the kiosk does with a refusal of POST …/check-in. */
export type CheckInRefusal =
  | { kind: 'early' }
  | { kind: 'late' }
  | { kind: 'pairing'; reason: 'revoked' | 'notKiosk' }
  | { kind: 'problem'; problem: CheckInProblem };

const PROBLEMS: Partial<Record<string, CheckInProblem>> = {
  [ErrorCode.UnknownAppointment]: 'bookErrUnknown',
  [ErrorCode.AppointmentClosed]: 'checkInCancelled',
  [ErrorCode.BadRequest]: 'bookBadCode',
  [ErrorCode.RateLimited]: 'checkInRate',
  [ErrorCode.Unavailable]: 'checkInOffline',
  [ErrorCode.ServiceClosed]: 'serviceClosed',
  [ErrorCode.DailyCapReached]: 'dailyCap',
  // A ticket from a phone that is no longer waiting: its place lapsed (V5), or it was served or cancelled.
  [ErrorCode.InvalidTransition]: 'checkInNotWaiting',
};

/** By the error's code, never its English message; anything unforeseen is "not issued, try again". */
export function refusalOf(code: string): CheckInRefusal {
  if (code === ErrorCode.CheckInTooEarly) return { kind: 'early' };
  if (code === ErrorCode.CheckInTooLate) return { kind: 'late' };
  if (code === ErrorCode.Unauthorized) return { kind: 'pairing', reason: 'revoked' };
  if (code === ErrorCode.Forbidden) return { kind: 'pairing', reason: 'notKiosk' };
  return { kind: 'problem', problem: PROBLEMS[code] ?? 'issueFailed' };
}

/**
 * A moment of the booking on the center's 24-hour clock, with its day only when that is not
 * today: "10:30", or "10:30" and "Tuesday, 3 March".
 */
export function momentOf(at: number, now: number, lang: string, timeZone: string): { time: string; day: string | null } {
  return { time: formatTime(at, lang, timeZone), day: sameDay(at, now, timeZone) ? null : formatDate(at, lang, timeZone) };
}
