import { describe, expect, it } from 'vitest';
import { checkInKind, momentOf, readCode, refusalOf, takesAppointments } from './checkin';

describe('checking a booking in at the kiosk (issue 13, A5)', () => {
  it('reads a code as typed or scanned: any case, dashes and spaces; says so when it cannot be one', () => {
    expect(readCode('K7M2-QX9P')).toEqual({ ok: true, code: 'K7M2QX9P' });
    expect(readCode(' k7m2 qx9p\n')).toEqual({ ok: true, code: 'K7M2QX9P' });
    expect(readCode('K7M2QX9')).toEqual({ ok: false, problem: 'bookBadCode' });
    expect(readCode('K7M2QX9PK7M2QX9P')).toEqual({ ok: false, problem: 'bookBadCode' });
    expect(readCode('')).toEqual({ ok: false, problem: 'bookBadCode' });
    // 0, 1, O and I are never in a code: the visitor misread one, and is told which.
    expect(readCode('K7M2-QX0P')).toEqual({ ok: false, problem: 'checkInLookalikes' });
    expect(readCode('k7m2-qxop')).toEqual({ ok: false, problem: 'checkInLookalikes' });
    expect(readCode('K7M2-QXIP')).toEqual({ ok: false, problem: 'checkInLookalikes' });
  });

  it("turns each refusal's code into what the kiosk does: never the server's English message", () => {
    expect(refusalOf('CHECK_IN_TOO_EARLY')).toEqual({ kind: 'early' });
    expect(refusalOf('CHECK_IN_TOO_LATE')).toEqual({ kind: 'late' });
    expect(refusalOf('UNAUTHORIZED')).toEqual({ kind: 'pairing', reason: 'revoked' });
    expect(refusalOf('FORBIDDEN')).toEqual({ kind: 'pairing', reason: 'notKiosk' });
    expect(refusalOf('UNKNOWN_APPOINTMENT')).toEqual({ kind: 'problem', problem: 'bookErrUnknown' });
    expect(refusalOf('APPOINTMENT_CLOSED')).toEqual({ kind: 'problem', problem: 'checkInCancelled' });
    expect(refusalOf('RATE_LIMITED')).toEqual({ kind: 'problem', problem: 'checkInRate' });
    expect(refusalOf('UNAVAILABLE')).toEqual({ kind: 'problem', problem: 'checkInOffline' });
    expect(refusalOf('SERVICE_CLOSED')).toEqual({ kind: 'problem', problem: 'serviceClosed' });
    expect(refusalOf('INTERNAL')).toEqual({ kind: 'problem', problem: 'issueFailed' });
  });

  it("gives a moment on the center's 24-hour clock, with its day only when it is not today", () => {
    const now = Date.UTC(2026, 2, 2, 7, 0); // Monday 10:00 in Moscow
    expect(momentOf(Date.UTC(2026, 2, 2, 7, 30), now, 'en', 'Europe/Moscow')).toEqual({ time: '10:30', day: null });
    expect(momentOf(Date.UTC(2026, 2, 3, 12, 45), now, 'ru', 'Europe/Moscow')).toEqual({ time: '15:45', day: 'вторник, 3 марта' });
    // 22:30 UTC on Monday is already Tuesday in Moscow.
    expect(momentOf(Date.UTC(2026, 2, 2, 22, 30), now, 'en', 'Europe/Moscow')).toEqual({ time: '01:30', day: 'Tuesday, 3 March' });
  });

  it('offers check-in only where some service takes bookings', () => {
    expect(takesAppointments([{}, { appointments: { enabled: false } }])).toBe(false);
    expect(takesAppointments([{}, { appointments: { enabled: true } }])).toBe(true);
  });

  it('says what the entry takes: bookings, tickets from phones (issue 14, V2), both, or neither', () => {
    expect(checkInKind([{}, { appointments: { enabled: false }, remote: { enabled: false } }])).toBeNull();
    expect(checkInKind([{ appointments: { enabled: true } }, {}])).toBe('appointment');
    expect(checkInKind([{ remote: { enabled: true } }, {}])).toBe('remote');
    expect(checkInKind([{ appointments: { enabled: true } }, { remote: { enabled: true } }])).toBe('both');
  });

  it("a phone's ticket that is no longer waiting (its place lapsed, V5) is told so, not \"try again\"", () => {
    expect(refusalOf('INVALID_TRANSITION')).toEqual({ kind: 'problem', problem: 'checkInNotWaiting' });
  });
});
