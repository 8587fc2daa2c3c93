import { centerRemoteSchema, serviceRemoteSchema } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import {
  CENTER_REMOTE_RANGES,
  centerRemoteDraft,
  centerRemoteOut,
  centerRemoteProblems,
  HALL_CODE,
  newHallCode,
  SERVICE_REMOTE_RANGES,
  serviceRemoteDraft,
  serviceRemoteOut,
  serviceRemoteProblems,
} from './remoteSettings';

describe("a service's settings for joining from a phone (V1)", () => {
  it('start from the contract’s defaults, the share in per cent and no cap of their own', () => {
    expect(serviceRemoteDraft(undefined)).toEqual({ enabled: false, sharePct: '50', stopBeforeCloseMin: '60', dailyCap: '' });
  });

  it('round-trip through the form, and what is stored passes the contract', () => {
    const stored = { enabled: true, maxShare: 0.125, stopBeforeCloseMin: 30, dailyCap: 40 };
    expect(serviceRemoteOut(serviceRemoteDraft(stored), stored)).toEqual(stored);
    const noCap = serviceRemoteOut({ ...serviceRemoteDraft(stored), dailyCap: ' ', sharePct: '33.3' }, stored);
    expect(serviceRemoteSchema.parse(noCap)).toEqual({ enabled: true, maxShare: 0.333, stopBeforeCloseMin: 30 });
  });

  it('store nothing for a service never joinable; turned off, keep the numbers', () => {
    expect(serviceRemoteOut(serviceRemoteDraft(undefined), undefined)).toBeUndefined();
    const stored = { enabled: true, maxShare: 0.3, stopBeforeCloseMin: 45 };
    expect(serviceRemoteOut({ ...serviceRemoteDraft(stored), enabled: false }, stored)).toEqual({ ...stored, enabled: false });
  });

  it('point at the numbers out of range; an empty cap is none, not a problem', () => {
    const d = { enabled: true, sharePct: '101', stopBeforeCloseMin: '7.5', dailyCap: '0' };
    expect(serviceRemoteProblems(d)).toEqual({ sharePct: SERVICE_REMOTE_RANGES.sharePct, stopBeforeCloseMin: SERVICE_REMOTE_RANGES.stopBeforeCloseMin, dailyCap: SERVICE_REMOTE_RANGES.dailyCap });
    expect(serviceRemoteProblems({ ...d, sharePct: '0', stopBeforeCloseMin: '0', dailyCap: '' })).toEqual({});
  });
});

describe("the center's rules for joining from a phone (V1–V5)", () => {
  it('start from the defaults with no hall code of their own (the derived one)', () => {
    expect(centerRemoteDraft(undefined)).toEqual({ graceMin: '10', perDevicePerDay: '2', perPhonePerDay: '2', alertPeople: '3', alertMinutes: '10', askPhone: 'off', hallCode: '' });
  });

  it('round-trip through the form; what is stored passes the contract; a typed code is kept in capitals', () => {
    const stored = { graceMin: 15, perDevicePerDay: 3, perPhonePerDay: 1, askPhone: 'required' as const, hallCode: 'HALL2026', alertPeople: 5, alertMinutes: 20 };
    expect(centerRemoteOut(centerRemoteDraft(stored))).toEqual(stored);
    expect(centerRemoteSchema.parse(centerRemoteOut({ ...centerRemoteDraft(stored), hallCode: ' hall2027 ' }))).toMatchObject({ hallCode: 'HALL2027' });
    expect(centerRemoteOut({ ...centerRemoteDraft(stored), hallCode: '' })).not.toHaveProperty('hallCode');
  });

  it('point at the numbers out of range and at a hall code the contract refuses', () => {
    const d = { ...centerRemoteDraft(undefined), graceMin: '0', perDevicePerDay: '51', alertMinutes: 'x', hallCode: 'ab-cd' };
    expect(centerRemoteProblems(d)).toEqual({ graceMin: CENTER_REMOTE_RANGES.graceMin, perDevicePerDay: CENTER_REMOTE_RANGES.perDevicePerDay, alertMinutes: CENTER_REMOTE_RANGES.alertMinutes, hallCode: true });
    expect(centerRemoteProblems({ ...d, graceMin: '1', perDevicePerDay: '50', alertMinutes: '0', hallCode: 'ABC123' })).toEqual({});
  });

  it('makes new hall codes the contract takes, each a different one', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newHallCode()));
    expect(codes.size).toBe(50);
    for (const c of codes) {
      expect(c).toMatch(HALL_CODE);
      expect(c).not.toMatch(/[01OI]/);
      expect(centerRemoteSchema.parse({ hallCode: c }).hallCode).toBe(c);
    }
  });
});
