/**
 * The scenario file (`qms-scenario/1`, ../shared/SIMULATION.md): a zod schema for the shape, then
 * the cross-field checks, every problem reported as `path: what is wrong` so a person can fix the
 * file without reading this code.
 */
import { z } from 'zod';
import { parseHHMM } from '@qms/shared';

export const MAX_SCENARIO_SEED = 2 ** 31 - 1;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time "HH:MM"');
const share = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
/** The engine's limit on minutes per service and target waits. */
const minutes = z.number().positive('must be more than 0').max(600, 'must be at most 600 minutes');
const name = z.string().min(1, 'must not be empty').max(200);
/** Ids become engine ids (service and counter ids in the center configuration), so the same rule. */
const id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "_", "-" or "." only');

const interval = z.strictObject({ from: hhmm, to: hhmm });
const perHour = z.number().min(0, 'must be 0 or more').max(10_000, 'must be at most 10000');

/**
 * Appointments for one service (issue 13, docs/scenario-appointments.md): a booking plan, how
 * visitors arrive around their slot, and who never comes. The slot length and the booked target
 * default as a live service's do (shared config.ts), so a scenario measures what a center would run.
 */
const appointmentsSchema = z.strictObject({
  bookings: z.array(z.strictObject({ from: hhmm, to: hhmm, perHour })).min(1, 'list at least one period { "from", "to", "perHour" }'),
  slotMin: z.number().int('expected a whole number of minutes').min(5, 'must be at least 5 minutes').max(240, 'must be at most 240 minutes').optional(),
  earlyMeanMin: z.number().min(-60, 'must be -60 or more (negative: late on average)').max(240, 'must be at most 240 minutes').default(5),
  spreadSdMin: z.number().min(0, 'must be 0 or more').max(120, 'must be at most 120 minutes').default(4),
  noShowShare: share.default(0),
  targetWaitMin: z.number().positive('must be more than 0').max(60, 'must be at most 60 minutes').default(10),
});

/** The live default slot length (appointments/slots.ts): the expected service time rounded up to 5 minutes. */
const defaultSlotMin = (meanMin: number): number => Math.max(5, Math.ceil(meanMin / 5) * 5);

const serviceSchema = z.strictObject({
  id,
  name: name.optional(),
  serviceTimeMin: z.strictObject({
    mean: minutes,
    /** Coefficient of variation: 0 = every visitor takes exactly `mean`. */
    cv: z.number().min(0, 'must be 0 or more').max(10, 'must be at most 10'),
  }),
  arrivals: z.array(z.strictObject({ from: hhmm, to: hhmm, perHour })),
  priorityShare: share.default(0),
  targetWaitMin: minutes.optional(),
  appointments: appointmentsSchema.optional(),
});

const counterSchema = z.strictObject({
  id,
  serves: z.array(z.string()).min(1, 'list at least one service'),
  canServe: z.array(z.string()).optional(),
  shifts: z.array(interval).min(1, 'list at least one shift, or leave "shifts" out for open..close').optional(),
});

const scenarioSchema = z.strictObject({
  format: z.literal('qms-scenario/1', 'expected "qms-scenario/1"'),
  name,
  description: z.string().optional(),
  seed: z.number().int('expected a whole number').min(0, 'must be 0 or more').max(MAX_SCENARIO_SEED, `must be at most ${MAX_SCENARIO_SEED}`).default(1),
  warmupMin: z.number().min(0, 'must be 0 or more').default(0),
  day: z.strictObject({ open: hhmm, close: hhmm }),
  targetWaitMin: minutes,
  services: z.array(serviceSchema).min(1, 'list at least one service'),
  counters: z.array(counterSchema).min(1, 'list at least one counter'),
  noShowShare: share.default(0),
  noShowCostMin: z.number().min(0, 'must be 0 or more').max(600).default(1),
});

type RawScenario = z.infer<typeof scenarioSchema>;

/** A validated scenario, times in minutes after 00:00, defaults filled in. */
export interface Scenario {
  name: string;
  description: string;
  seed: number;
  warmupMin: number;
  open: number;
  close: number;
  targetWaitMin: number;
  services: ScenarioService[];
  counters: ScenarioCounter[];
  noShowShare: number;
  noShowCostMin: number;
}

export interface ScenarioService {
  id: string;
  name: string;
  meanMin: number;
  cv: number;
  arrivals: { from: number; to: number; perHour: number }[];
  priorityShare: number;
  targetWaitMin: number;
  /** Absent: nobody books this service (walk-ins only, as before issue 13). */
  appointments?: ScenarioAppointments;
}

/** A service's booking plan, minutes throughout (docs/scenario-appointments.md). */
export interface ScenarioAppointments {
  /** Bookings per hour by period, spread evenly over the period's slots (visitors.ts). */
  bookings: { from: number; to: number; perHour: number }[];
  slotMin: number;
  /** Arrival = slot − earlyMeanMin + Normal(0, spreadSdMin), within the day. */
  earlyMeanMin: number;
  spreadSdMin: number;
  /** Share of bookings nobody comes for (A4). */
  noShowShare: number;
  /** The booked target: called within this many minutes of the slot (or of arrival, if later). */
  targetWaitMin: number;
}

export interface ScenarioCounter {
  id: string;
  serves: string[];
  /** Always includes `serves` (as the engine's C2 does). */
  canServe: string[];
  /** Sorted, disjoint; touching shifts are merged into one. */
  shifts: { from: number; to: number }[];
}

export class ScenarioError extends Error {
  constructor(
    readonly problems: string[],
    source = 'scenario',
  ) {
    super(`${source} is not a valid qms-scenario/1 file:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validate parsed JSON; throws `ScenarioError` listing every problem found. */
export function parseScenario(json: unknown, source?: string): Scenario {
  const result = scenarioSchema.safeParse(withoutAnnotations(json), { error: friendlyMessage });
  if (!result.success) throw new ScenarioError(result.error.issues.flatMap(describeIssue), source);
  const problems = crossCheck(result.data);
  if (problems.length > 0) throw new ScenarioError(problems, source);
  return normalise(result.data);
}

// ---------------------------------------------------------------------------------------------

/**
 * Keys starting with "_" or "$" ("_comment", "$schema") are annotations: JSON has no comments,
 * and rejecting them would break files that are otherwise fine. Every other unknown key is an error,
 * because a misspelt optional key would silently fall back to its default.
 */
function withoutAnnotations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutAnnotations);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !k.startsWith('_') && !k.startsWith('$'))
      .map(([k, x]) => [k, withoutAnnotations(x)]),
  );
}

const ARTICLE: Record<string, string> = { number: 'a number', string: 'a string', array: 'a list', object: 'an object', int: 'a whole number' };

function friendlyMessage(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code === 'invalid_type') {
    if (iss.input === undefined) return 'required';
    const got = Array.isArray(iss.input) ? 'a list' : iss.input === null ? 'null' : typeof iss.input;
    return `expected ${ARTICLE[iss.expected] ?? iss.expected}, got ${got}`;
  }
  return undefined;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(scenarioSchema.shape),
  day: ['open', 'close'],
  services: Object.keys(serviceSchema.shape),
  serviceTimeMin: ['mean', 'cv'],
  arrivals: ['from', 'to', 'perHour'],
  appointments: Object.keys(appointmentsSchema.shape),
  bookings: ['from', 'to', 'perHour'],
  counters: Object.keys(counterSchema.shape),
  shifts: ['from', 'to'],
};

function describeIssue(iss: z.core.$ZodIssue): string[] {
  const at = pathOf(iss.path);
  if (iss.code === 'unrecognized_keys') {
    const owner = [...iss.path].reverse().find((p) => typeof p === 'string');
    const known = KNOWN_KEYS[typeof owner === 'string' ? owner : ''] ?? [];
    return iss.keys.map((k) => `${at ? `${at}.` : ''}${k}: unknown key${hint(k, known, true)}`);
  }
  return [`${at || '(file)'}: ${iss.message}`];
}

/** ` (did you mean "x"?)` for a near miss; with `listAll`, otherwise the known names. */
function hint(word: string, known: readonly string[], listAll = false): string {
  const close = [...new Set(known)]
    .map((k) => ({ k, d: editDistance(word.toLowerCase(), k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(x.k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  if (close) return ` (did you mean "${close.k}"?)`;
  return listAll || known.length <= 12 ? ` (expected one of: ${[...new Set(known)].join(', ')})` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** What the schema cannot see: order of times, references between services and counters. */
function crossCheck(s: RawScenario): string[] {
  const out: string[] = [];
  const open = parseHHMM(s.day.open);
  const close = parseHHMM(s.day.close);
  if (close <= open) out.push(`day.close: must be after day.open (${s.day.open})`);
  if (close > open && s.warmupMin >= close - open) out.push(`warmupMin: must be shorter than the day (${close - open} minutes)`);

  const serviceIds = s.services.map((x) => x.id);
  duplicates(serviceIds).forEach((i) => out.push(`services[${i}].id: "${serviceIds[i]}" is used by an earlier service`));
  const periodWithinDay = (a: { from: string; to: string }, at: string, why: string) => {
    if (parseHHMM(a.to) <= parseHHMM(a.from)) out.push(`${at}.to: must be after "from" (${a.from})`);
    if (close <= open) return; // the day itself is wrong: said once above
    if (parseHHMM(a.from) < open) out.push(`${at}.from: must not be before day.open (${s.day.open})`);
    if (parseHHMM(a.to) > close) out.push(`${at}.to: must not be after day.close (${s.day.close}); ${why}`);
  };
  s.services.forEach((svc, i) => {
    svc.arrivals.forEach((a, j) => periodWithinDay(a, `services[${i}].arrivals[${j}]`, 'every visitor arrives while the center is open'));
    const booked = svc.appointments;
    booked?.bookings.forEach((b, j) => {
      const at = `services[${i}].appointments.bookings[${j}]`;
      periodWithinDay(b, at, 'every slot lies within the day');
      // Slots lie whole within their period, as the live ones within the service's hours.
      const slotMin = booked.slotMin ?? defaultSlotMin(svc.serviceTimeMin.mean);
      const length = parseHHMM(b.to) - parseHHMM(b.from);
      if (length > 0 && length < slotMin) out.push(`${at}.to: the period must hold at least one slot of ${slotMin} minutes`);
    });
  });

  const known = new Set(serviceIds);
  const planned = new Set<string>();
  const counterIds = s.counters.map((c) => c.id);
  duplicates(counterIds).forEach((i) => out.push(`counters[${i}].id: "${counterIds[i]}" is used by an earlier counter`));
  s.counters.forEach((c, i) => {
    const refs = (list: string[] | undefined, key: string) => {
      list?.forEach((sid, j) => {
        if (!known.has(sid)) out.push(`counters[${i}].${key}[${j}]: unknown service "${sid}"${hint(sid, serviceIds)}`);
      });
      duplicates(list ?? []).forEach((j) => out.push(`counters[${i}].${key}[${j}]: "${list?.[j]}" is listed twice`));
    };
    refs(c.serves, 'serves');
    refs(c.canServe, 'canServe');
    c.serves.forEach((sid) => planned.add(sid));
    let prevTo = -1;
    c.shifts?.forEach((sh, j) => {
      const from = parseHHMM(sh.from);
      const to = parseHHMM(sh.to);
      if (to <= from) out.push(`counters[${i}].shifts[${j}].to: must be after "from" (${sh.from})`);
      else if (from < prevTo) out.push(`counters[${i}].shifts[${j}].from: must not be before the end of the previous shift`);
      prevTo = Math.max(prevTo, to);
    });
  });
  // Under `static` nobody else would ever call these visitors.
  s.services.forEach((svc, i) => {
    const comes = [...svc.arrivals, ...(svc.appointments?.bookings ?? [])].some((a) => a.perHour > 0);
    if (known.has(svc.id) && !planned.has(svc.id) && comes) {
      out.push(`services[${i}].id: no counter serves "${svc.id}"; add it to some counter's "serves"`);
    }
  });
  return out;
}

/** Indexes of entries that repeat an earlier one. */
function duplicates(list: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  list.forEach((x, i) => (seen.has(x) ? out.push(i) : seen.add(x)));
  return out;
}

function normalise(s: RawScenario): Scenario {
  const open = parseHHMM(s.day.open);
  const close = parseHHMM(s.day.close);
  return {
    name: s.name,
    description: s.description ?? '',
    seed: s.seed,
    warmupMin: s.warmupMin,
    open,
    close,
    targetWaitMin: s.targetWaitMin,
    services: s.services.map((x) => ({
      id: x.id,
      name: x.name ?? x.id,
      meanMin: x.serviceTimeMin.mean,
      cv: x.serviceTimeMin.cv,
      arrivals: x.arrivals.map((a) => ({ from: parseHHMM(a.from), to: parseHHMM(a.to), perHour: a.perHour })),
      priorityShare: x.priorityShare,
      targetWaitMin: x.targetWaitMin ?? s.targetWaitMin,
      ...(x.appointments ? { appointments: appointmentsOf(x.appointments, x.serviceTimeMin.mean) } : {}),
    })),
    counters: s.counters.map((c) => ({
      id: c.id,
      serves: [...c.serves],
      canServe: [...new Set([...c.serves, ...(c.canServe ?? [])])],
      shifts: mergeShifts((c.shifts ?? [{ from: s.day.open, to: s.day.close }]).map((x) => ({ from: parseHHMM(x.from), to: parseHHMM(x.to) }))),
    })),
    noShowShare: s.noShowShare,
    noShowCostMin: s.noShowCostMin,
  };
}

function appointmentsOf(a: NonNullable<RawScenario['services'][number]['appointments']>, meanMin: number): ScenarioAppointments {
  return {
    bookings: a.bookings.map((b) => ({ from: parseHHMM(b.from), to: parseHHMM(b.to), perHour: b.perHour })),
    slotMin: a.slotMin ?? defaultSlotMin(meanMin),
    earlyMeanMin: a.earlyMeanMin,
    spreadSdMin: a.spreadSdMin,
    noShowShare: a.noShowShare,
    targetWaitMin: a.targetWaitMin,
  };
}

/** Back-to-back shifts are one stretch at the counter: no close and reopen in between. */
export function mergeShifts(shifts: { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const sh of shifts) {
    const last = out[out.length - 1];
    if (last && sh.from <= last.to) last.to = Math.max(last.to, sh.to);
    else out.push({ ...sh });
  }
  return out;
}
