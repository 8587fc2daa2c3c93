/**
 * Joining from a phone as the Settings forms edit it (issue 14, docs/SPEC.md V1–V5): a service's
 * share of its line, its stop before closing and its daily cap; the center's grace time, limits per
 * phone and per number, whether the join page asks for a number, when the phone alerts, and the
 * hall poster's code. Typed as text; each field has the contract's range (shared/src/config.ts).
 */
import { CODE_ALPHABET, centerRemoteSchema, serviceRemoteSchema, type CenterRemote, type ServiceRemote } from '@qms/shared';
import { rangeProblem, type Range } from './appointmentSettings';

// ---------- a service ----------

export const SERVICE_REMOTE_FIELDS = ['sharePct', 'stopBeforeCloseMin', 'dailyCap'] as const;
export type ServiceRemoteField = (typeof SERVICE_REMOTE_FIELDS)[number];

export const SERVICE_REMOTE_RANGES: Record<ServiceRemoteField, Range> = {
  sharePct: { min: 0, max: 100, whole: false },
  stopBeforeCloseMin: { min: 0, max: 600, whole: true },
  dailyCap: { min: 1, max: 100_000, whole: true },
};

export type ServiceRemoteDraft = { enabled: boolean } & Record<ServiceRemoteField, string>;

/** A service's settings as text; one never joinable from a phone starts from the defaults. An empty cap: none. */
export function serviceRemoteDraft(stored: ServiceRemote | undefined): ServiceRemoteDraft {
  const r = stored ?? serviceRemoteSchema.parse({});
  return {
    enabled: r.enabled,
    sharePct: String(Math.round(r.maxShare * 1000) / 10),
    stopBeforeCloseMin: String(r.stopBeforeCloseMin),
    dailyCap: r.dailyCap?.toString() ?? '',
  };
}

export function serviceRemoteProblems(d: ServiceRemoteDraft): Partial<Record<ServiceRemoteField, Range>> {
  const out: Partial<Record<ServiceRemoteField, Range>> = {};
  for (const f of SERVICE_REMOTE_FIELDS) {
    if (f === 'dailyCap' && d.dailyCap.trim() === '') continue;
    const problem = rangeProblem(d[f], SERVICE_REMOTE_RANGES[f]);
    if (problem) out[f] = problem;
  }
  return out;
}

/** Nothing for a service never joinable and still not; turned off, the numbers are kept for next time. */
export function serviceRemoteOut(d: ServiceRemoteDraft, stored: ServiceRemote | undefined): ServiceRemote | undefined {
  if (!d.enabled && stored === undefined) return undefined;
  return {
    enabled: d.enabled,
    maxShare: Math.round(Number(d.sharePct) * 10) / 1000,
    stopBeforeCloseMin: Number(d.stopBeforeCloseMin),
    ...(d.dailyCap.trim() !== '' ? { dailyCap: Number(d.dailyCap) } : {}),
  };
}

// ---------- the center ----------

export const ASK_PHONE_MODES = ['off', 'optional', 'required'] as const;
export type AskPhoneMode = (typeof ASK_PHONE_MODES)[number];

export const CENTER_REMOTE_FIELDS = ['graceMin', 'perDevicePerDay', 'perPhonePerDay', 'alertPeople', 'alertMinutes'] as const;
export type CenterRemoteField = (typeof CENTER_REMOTE_FIELDS)[number];

export const CENTER_REMOTE_RANGES: Record<CenterRemoteField, Range> = {
  graceMin: { min: 1, max: 120, whole: true },
  perDevicePerDay: { min: 1, max: 50, whole: true },
  perPhonePerDay: { min: 1, max: 50, whole: true },
  alertPeople: { min: 0, max: 100, whole: true },
  alertMinutes: { min: 0, max: 240, whole: true },
};

/** centerRemoteSchema's hall code: Latin letters and digits, 6 to 32. */
export const HALL_CODE = /^[A-Za-z0-9]{6,32}$/;

/** `hallCode` empty: the poster uses the code derived from the server's secret. */
export type CenterRemoteDraft = Record<CenterRemoteField, string> & { askPhone: AskPhoneMode; hallCode: string };

export function centerRemoteDraft(stored: Partial<CenterRemote> | undefined): CenterRemoteDraft {
  const r = centerRemoteSchema.parse(stored ?? {});
  return {
    graceMin: String(r.graceMin),
    perDevicePerDay: String(r.perDevicePerDay),
    perPhonePerDay: String(r.perPhonePerDay),
    alertPeople: String(r.alertPeople),
    alertMinutes: String(r.alertMinutes),
    askPhone: r.askPhone,
    hallCode: r.hallCode ?? '',
  };
}

export type CenterRemoteProblems = Partial<Record<CenterRemoteField, Range>> & { hallCode?: true };

export function centerRemoteProblems(d: CenterRemoteDraft): CenterRemoteProblems {
  const out: CenterRemoteProblems = {};
  for (const f of CENTER_REMOTE_FIELDS) {
    const problem = rangeProblem(d[f], CENTER_REMOTE_RANGES[f]);
    if (problem) out[f] = problem;
  }
  if (d.hallCode.trim() !== '' && !HALL_CODE.test(d.hallCode.trim())) out.hallCode = true;
  return out;
}

export function centerRemoteOut(d: CenterRemoteDraft): CenterRemote {
  const hallCode = d.hallCode.trim().toUpperCase();
  return {
    graceMin: Number(d.graceMin),
    perDevicePerDay: Number(d.perDevicePerDay),
    perPhonePerDay: Number(d.perPhonePerDay),
    askPhone: d.askPhone,
    alertPeople: Number(d.alertPeople),
    alertMinutes: Number(d.alertMinutes),
    ...(hallCode ? { hallCode } : {}),
  };
}

/**
 * A new hall code for a reprinted poster: 10 symbols of the booking codes' alphabet (no 0/O or
 * 1/I to misread when typed from a photo of the poster), 32^10 codes, far beyond guessing behind
 * the per-address limit.
 */
export function newHallCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return Array.from(random(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
