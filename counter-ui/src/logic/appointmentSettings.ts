/**
 * Appointment settings as the Settings forms edit them (issue 13): a service's booking rules and the
 * center's check-in window, what is asked and for how long it is kept. Numbers are typed as text;
 * each field knows its range (the contract's, shared/src/config.ts), so a form can point at the one
 * out of range in the admin's language. The share is shown in per cent, stored as a fraction.
 */
import { centerAppointmentsSchema, serviceAppointmentsSchema, type CenterAppointments, type ServiceAppointments } from '@qms/shared';

export interface Range {
  min: number;
  max: number;
  /** Whole numbers only. */
  whole: boolean;
}

/** Null when `text` is a number in `range`; otherwise the range, for the message. */
export function rangeProblem(text: string, range: Range): Range | null {
  const n = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) && n >= range.min && n <= range.max && (!range.whole || Number.isInteger(n)) ? null : range;
}

// ---------- a service ----------

export const SERVICE_FIELDS = ['slotMin', 'sharePct', 'daysAhead', 'targetWaitMin', 'perPersonDays'] as const;
export type ServiceField = (typeof SERVICE_FIELDS)[number];

export const SERVICE_RANGES: Record<ServiceField, Range> = {
  slotMin: { min: 5, max: 240, whole: true },
  sharePct: { min: 0, max: 100, whole: false },
  daysAhead: { min: 0, max: 90, whole: true },
  // Above zero: the smallest a form offers is a minute.
  targetWaitMin: { min: 1, max: 60, whole: false },
  perPersonDays: { min: 0, max: 365, whole: true },
};

export type ServiceDraft = { enabled: boolean } & Record<ServiceField, string>;

/** A6's default slot, as the server takes it (server/src/appointments/slots.ts): the service time rounded up to 5 minutes. */
export function defaultSlotMin(serviceTimeMin: number): number {
  return Math.max(5, Math.ceil(serviceTimeMin / 5) * 5);
}

/** A service's settings as text; one that never took bookings starts from the defaults. */
export function serviceDraft(stored: ServiceAppointments | undefined): ServiceDraft {
  const a = stored ?? serviceAppointmentsSchema.parse({});
  return {
    enabled: a.enabled,
    // Empty: the default, the service time rounded up to 5 minutes (A6).
    slotMin: a.slotMin?.toString() ?? '',
    sharePct: String(Math.round(a.bookableShare * 1000) / 10),
    daysAhead: String(a.daysAhead),
    targetWaitMin: String(a.targetWaitMin),
    perPersonDays: String(a.perPersonDays),
  };
}

/** The fields out of range (an empty slot length is the default, not a problem). */
export function serviceProblems(d: ServiceDraft): Partial<Record<ServiceField, Range>> {
  const out: Partial<Record<ServiceField, Range>> = {};
  for (const f of SERVICE_FIELDS) {
    if (f === 'slotMin' && d.slotMin.trim() === '') continue;
    const problem = rangeProblem(d[f], SERVICE_RANGES[f]);
    if (problem) out[f] = problem;
  }
  return out;
}

/**
 * What to store: nothing for a service that never took bookings and still does not; settings turned
 * off keep their numbers (switched on again, they are as they were).
 */
export function serviceOut(d: ServiceDraft, stored: ServiceAppointments | undefined): ServiceAppointments | undefined {
  if (!d.enabled && stored === undefined) return undefined;
  return {
    enabled: d.enabled,
    ...(d.slotMin.trim() !== '' ? { slotMin: Number(d.slotMin) } : {}),
    bookableShare: Math.round(Number(d.sharePct) * 10) / 1000,
    daysAhead: Number(d.daysAhead),
    targetWaitMin: Number(d.targetWaitMin),
    perPersonDays: Number(d.perPersonDays),
  };
}

// ---------- the center ----------

export const ASK_MODES = ['off', 'optional', 'required'] as const;
export type AskMode = (typeof ASK_MODES)[number];
export const ASK_FIELDS = ['askName', 'askPhone', 'askEmail'] as const;
export type AskField = (typeof ASK_FIELDS)[number];

export const CENTER_FIELDS = ['checkInEarlyMin', 'checkInLateMin', 'retentionDays', 'perContactPerDay'] as const;
export type CenterField = (typeof CENTER_FIELDS)[number];

export const CENTER_RANGES: Record<CenterField, Range> = {
  checkInEarlyMin: { min: 0, max: 240, whole: true },
  checkInLateMin: { min: 0, max: 120, whole: true },
  retentionDays: { min: 1, max: 3650, whole: true },
  perContactPerDay: { min: 1, max: 100, whole: true },
};

export type CenterDraft = Record<CenterField, string> & Record<AskField, AskMode>;

export function centerDraft(stored: Partial<CenterAppointments> | undefined): CenterDraft {
  const a = centerAppointmentsSchema.parse(stored ?? {});
  return {
    checkInEarlyMin: String(a.checkInEarlyMin),
    checkInLateMin: String(a.checkInLateMin),
    retentionDays: String(a.retentionDays),
    perContactPerDay: String(a.perContactPerDay),
    askName: a.askName,
    askPhone: a.askPhone,
    askEmail: a.askEmail,
  };
}

export function centerProblems(d: CenterDraft): Partial<Record<CenterField, Range>> {
  const out: Partial<Record<CenterField, Range>> = {};
  for (const f of CENTER_FIELDS) {
    const problem = rangeProblem(d[f], CENTER_RANGES[f]);
    if (problem) out[f] = problem;
  }
  return out;
}

export function centerOut(d: CenterDraft): CenterAppointments {
  return {
    checkInEarlyMin: Number(d.checkInEarlyMin),
    checkInLateMin: Number(d.checkInLateMin),
    retentionDays: Number(d.retentionDays),
    perContactPerDay: Number(d.perContactPerDay),
    askName: d.askName,
    askPhone: d.askPhone,
    askEmail: d.askEmail,
  };
}
