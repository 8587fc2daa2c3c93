import { centerAppointmentsSchema, serviceAppointmentsSchema } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { centerDraft, centerOut, defaultSlotMin, centerProblems, rangeProblem, serviceDraft, serviceOut, serviceProblems, SERVICE_RANGES } from './appointmentSettings';

describe("a service's appointment settings", () => {
  it('start from the defaults, the share in per cent and the slot length empty (the default)', () => {
    expect(serviceDraft(undefined)).toEqual({ enabled: false, slotMin: '', sharePct: '30', daysAhead: '14', targetWaitMin: '10', perPersonDays: '1' });
  });

  it('round-trip through the form, and what is stored passes the contract', () => {
    const stored = { enabled: true, slotMin: 15, bookableShare: 0.125, daysAhead: 30, targetWaitMin: 5, perPersonDays: 0 };
    const d = serviceDraft(stored);
    expect(d.sharePct).toBe('12.5');
    expect(serviceOut(d, stored)).toEqual(stored);
    expect(serviceAppointmentsSchema.parse(serviceOut({ ...d, sharePct: '33.3' }, stored))).toMatchObject({ bookableShare: 0.333 });
  });

  it('store nothing for a service that never took bookings; turned off, keep the numbers', () => {
    expect(serviceOut(serviceDraft(undefined), undefined)).toBeUndefined();
    const stored = { enabled: true, bookableShare: 0.5, daysAhead: 7, targetWaitMin: 10, perPersonDays: 1 };
    expect(serviceOut({ ...serviceDraft(stored), enabled: false }, stored)).toEqual({ ...stored, enabled: false });
  });

  it('show the default slot as the server takes it: the service time rounded up to 5', () => {
    expect([6, 10, 2, 12.5].map(defaultSlotMin)).toEqual([10, 10, 5, 15]);
  });

  it('point at the numbers out of the contract’s range', () => {
    const d = { ...serviceDraft(undefined), enabled: true, slotMin: '3', sharePct: '120', daysAhead: '1.5', targetWaitMin: 'x', perPersonDays: '0' };
    expect(serviceProblems(d)).toEqual({ slotMin: SERVICE_RANGES.slotMin, sharePct: SERVICE_RANGES.sharePct, daysAhead: SERVICE_RANGES.daysAhead, targetWaitMin: SERVICE_RANGES.targetWaitMin });
    expect(serviceProblems(serviceDraft(undefined))).toEqual({});
  });
});

describe("the center's appointment settings", () => {
  it('start from the defaults and round-trip to what the contract takes', () => {
    const d = centerDraft(undefined);
    expect(d).toEqual({ checkInEarlyMin: '30', checkInLateMin: '15', retentionDays: '30', perContactPerDay: '3', askName: 'optional', askPhone: 'optional', askEmail: 'optional' });
    const edited = { ...d, checkInLateMin: '20', askEmail: 'off' as const };
    expect(centerAppointmentsSchema.parse(centerOut(edited))).toEqual(centerOut(edited));
    expect(centerOut(edited)).toMatchObject({ checkInLateMin: 20, askEmail: 'off' });
  });

  it('point at the numbers out of range', () => {
    expect(centerProblems({ ...centerDraft({}), checkInLateMin: '121', retentionDays: '0', perContactPerDay: '' })).toEqual({
      checkInLateMin: { min: 0, max: 120, whole: true },
      retentionDays: { min: 1, max: 3650, whole: true },
      perContactPerDay: { min: 1, max: 100, whole: true },
    });
  });

  it('reads a number as typed', () => {
    expect(rangeProblem(' 7 ', { min: 0, max: 10, whole: true })).toBeNull();
    expect(rangeProblem('7e0', { min: 0, max: 10, whole: true })).toBeNull();
    expect(rangeProblem('', { min: 0, max: 10, whole: false })).not.toBeNull();
  });
});
