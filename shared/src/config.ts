/**
 * The center configuration: one JSON document, validated with zod, that the database stores
 * table by table and the admin API imports and exports whole.
 */
import { z } from 'zod';
import { BALANCE_MODES, DEVICE_KINDS, LANGUAGES, ROLES } from './codes.js';
import { visibleText } from './text.js';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "_", "-" or "." only');

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = z.string().regex(HHMM_RE, 'expected a time "HH:MM"');

export const intervalSchema = z
  .object({ from: hhmm, to: hhmm })
  .refine((i) => i.from < i.to, { message: '"from" must be before "to"' });
export type Interval = z.infer<typeof intervalSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One weekday's intervals, in any order, none overlapping another (touching is fine: 12:00–13:00 after 08:00–12:00). */
const dayIntervalsSchema = z
  .array(intervalSchema)
  .max(24)
  .superRefine((list, ctx) => {
    const valid = list.map((iv, i) => ({ ...iv, i })).filter((iv) => HHMM_RE.test(iv.from) && HHMM_RE.test(iv.to) && iv.from < iv.to);
    valid.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    valid.forEach((iv, k) => {
      const before = valid[k - 1];
      if (before && iv.from < before.to) ctx.addIssue({ code: 'custom', path: [iv.i], message: `${iv.from}–${iv.to} overlaps ${before.from}–${before.to}: join them or change one` });
    });
  });

/** Opening hours per weekday; a missing or empty day is closed. */
export const weeklyHoursSchema = z
  .object({
    mon: dayIntervalsSchema,
    tue: dayIntervalsSchema,
    wed: dayIntervalsSchema,
    thu: dayIntervalsSchema,
    fri: dayIntervalsSchema,
    sat: dayIntervalsSchema,
    sun: dayIntervalsSchema,
  })
  .partial();
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const localDateSchema = z
  .string()
  .regex(DATE_RE, { message: 'expected a date "YYYY-MM-DD"', abort: true })
  .refine(isLocalDate, { message: 'no such date in the calendar' });

/**
 * A day without opening hours: a public holiday or a one-off closure, in the center's calendar.
 * The reason is one short text, not names per language: staff read it (Settings, the refusal of a
 * ticket), while visitors are told in their own language when the service opens again.
 */
export const closedDaySchema = z.object({
  date: localDateSchema,
  reason: visibleText(100).optional(),
  /** Closed on this month and day every year (New Year, a national day); the year in `date` is ignored. */
  yearly: z.boolean().optional(),
});
export type ClosedDay = z.infer<typeof closedDaySchema>;

export const closedDaysSchema = z
  .array(closedDaySchema)
  .max(1000)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      const key = d.yearly ? `every ${d.date.slice(5)}` : d.date;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${d.date} is listed twice` });
      seen.add(key);
    });
  });

export const languageSchema = z.enum(LANGUAGES);

/** Names per language; at least one. Missing languages fall back to the center's default. */
export const namesSchema = z
  .partialRecord(languageSchema, visibleText(200))
  .refine((n) => Object.keys(n).length > 0, { message: 'give a name in at least one language' });
export type Names = z.infer<typeof namesSchema>;

/** Queue policy parameters: the rules in docs/SPEC.md are fixed, these numbers are not. */
export const policySchema = z.object({
  /** P2: after this many priority-lane calls in a row at a counter, a waiting normal ticket goes next. */
  priorityInterleave: z.number().int().min(1).max(10_000).default(3),
  /** P3: a priority ticket counts as if it had been waiting this many minutes longer. */
  priorityHeadStartMin: z.number().min(0).max(1440).default(20),
  /** P3: the same for booked (appointment) tickets. */
  bookedHeadStartMin: z.number().min(0).max(1440).default(10),
  /** G1: a ticket that has waited this long is called next by any counter that serves it. */
  maxWaitGuardMin: z.number().min(1).max(1440).default(30),
  /** S1: an idle counter calls from its secondary services; false = only through the guard G1. */
  secondaryWhenIdle: z.boolean().default(true),
  /** R1: how many times a called ticket may be recalled before it becomes a no-show. */
  recallLimit: z.number().int().min(0).max(10).default(2),
  /** N1: how long a no-show can be put back in the queue. */
  noShowReactivateMin: z.number().min(0).max(600).default(30),
});
export type Policy = z.infer<typeof policySchema>;

/** Booking for one service (issue 13, docs/SPEC.md A1–A6). */
export const serviceAppointmentsSchema = z.object({
  /** Visitors can book a time for it. */
  enabled: z.boolean().default(false),
  /** Minutes per slot; default: the service's expected service time, rounded up to 5. */
  slotMin: z.number().int().min(5).max(240).optional(),
  /** A6: the share of its counters' time per hour that bookings may take; walk-ins keep the rest. */
  bookableShare: z.number().min(0).max(1).default(0.3),
  /** How many days ahead it can be booked, today counted as day 0. */
  daysAhead: z.number().int().min(0).max(90).default(14),
  /** What a booked visitor is promised: called within this many minutes of the slot (the booked-lane target). */
  targetWaitMin: z.number().positive().max(60).default(10),
  /** One booking per phone or e-mail for it within this many days; 0: no such limit. */
  perPersonDays: z.number().int().min(0).max(365).default(1),
});
export type ServiceAppointments = z.infer<typeof serviceAppointmentsSchema>;

const ASK = ['off', 'optional', 'required'] as const;
/** Booking rules for the whole center (issue 13). */
export const centerAppointmentsSchema = z.object({
  /** A5: check-in opens this many minutes before the slot… */
  checkInEarlyMin: z.number().int().min(0).max(240).default(30),
  /** …and closes this many after it; later, the visitor is offered a walk-in ticket (A5) and the booking becomes a no-show (A4). */
  checkInLateMin: z.number().int().min(0).max(120).default(15),
  /** What the booking page asks for. Nothing identifies a visitor beyond what is asked. */
  askName: z.enum(ASK).default('optional'),
  askPhone: z.enum(ASK).default('optional'),
  askEmail: z.enum(ASK).default('optional'),
  /** Name, phone and e-mail are erased this many days after the slot. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Bookings one phone number or e-mail may make per day (bots, resellers). */
  perContactPerDay: z.number().int().min(1).max(100).default(3),
});
export type CenterAppointments = z.infer<typeof centerAppointmentsSchema>;

/** Joining the queue from a phone (issue 14, docs/SPEC.md V1–V6), per service. */
export const serviceRemoteSchema = z.object({
  /** Visitors may take a ticket on the join page before they come. */
  enabled: z.boolean().default(false),
  /** V1: remote tickets may be at most this share of the people waiting for it (at least one may always wait). */
  maxShare: z.number().min(0).max(1).default(0.5),
  /** V1: no remote ticket within this many minutes of the service's closing (those who come late would find it closed). */
  stopBeforeCloseMin: z.number().int().min(0).max(600).default(60),
  /** V1: remote tickets a day; none: only the service's own daily cap. */
  dailyCap: z.number().int().positive().optional(),
});
export type ServiceRemote = z.infer<typeof serviceRemoteSchema>;

/** Joining from a phone, for the whole center (issue 14). */
export const centerRemoteSchema = z.object({
  /** V4: a remote ticket whose turn came before its visitor arrived is held this long, then a no-show (V5). */
  graceMin: z.number().int().min(1).max(120).default(10),
  /** V1: remote tickets one phone (browser) may take a day. */
  perDevicePerDay: z.number().int().min(1).max(50).default(2),
  /** V1: remote tickets one phone number may take a day, when the page asks for one. */
  perPhonePerDay: z.number().int().min(1).max(50).default(2),
  /** Whether the join page asks for a phone number (for a text message gateway, through a webhook). */
  askPhone: z.enum(['off', 'optional', 'required']).default('off'),
  /**
   * V2: the code on the poster inside the hall; scanning it with the ticket's phone confirms arrival.
   * Changing it (Settings) retires printed posters. Letters and digits, 6 to 32.
   */
  hallCode: z.string().regex(/^[A-Za-z0-9]{6,32}$/, 'expected 6 to 32 Latin letters or digits').optional(),
  /** The phone alerts its visitor when this many people or fewer are ahead… */
  alertPeople: z.number().int().min(0).max(100).default(3),
  /** …or the expected wait is this many minutes or less. */
  alertMinutes: z.number().int().min(0).max(240).default(10),
});
export type CenterRemote = z.infer<typeof centerRemoteSchema>;

export const serviceSchema = z.object({
  id,
  /**
   * Ticket prefix: numbers read "A001". One letter suits small centers; large catalogues (Tver's
   * registry lists 142 services) need more, so up to three letters or digits, starting with a letter.
   */
  prefix: z.string().regex(/^[A-Z][A-Z0-9]{0,2}$/, 'expected 1 to 3 capital Latin letters or digits, starting with a letter'),
  names: namesSchema,
  /** Kiosk grouping for large catalogues. */
  category: visibleText(100).optional(),
  targetWaitMin: z.number().positive().max(600).optional(),
  /** Expected minutes per visitor, used for the ETA until the day has measured figures. */
  serviceTimeMin: z.number().positive().max(600).default(10),
  /** Hours when tickets are issued; default: the center's. */
  hours: weeklyHoursSchema.optional(),
  /** Days it is closed besides the center's (docs/SPEC.md I6). */
  closedDays: closedDaysSchema.optional(),
  dailyCap: z.number().int().positive().optional(),
  /**
   * The kiosk offers a service only while a staffed counter serves it (or can be switched to it):
   * `true` lets visitors take tickets anyway within its hours (before counters open, say), and they
   * wait with "wait unknown" until a counter calls them.
   */
  acceptWhenUnstaffed: z.boolean().optional(),
  /** Appointments (issue 13); none: not bookable. */
  appointments: serviceAppointmentsSchema.optional(),
  /** Joining from a phone (issue 14); none: only at the kiosk or by staff. */
  remote: serviceRemoteSchema.optional(),
});
export type Service = z.infer<typeof serviceSchema>;

/** A kiosk topic: the `category` key some services carry, and its name in each language. */
export const categorySchema = z.object({ id: z.string().min(1).max(100), names: namesSchema });
export type Category = z.infer<typeof categorySchema>;

export const priorityCategorySchema = z.object({
  id,
  names: namesSchema,
  /** A symbol name the kiosk shows, e.g. "wheelchair", "elderly", "pregnant", "infant". */
  icon: z.string().max(40).optional(),
});
export type PriorityCategory = z.infer<typeof priorityCategorySchema>;

export const counterServiceSchema = z.object({
  serviceId: id,
  role: z.enum(['primary', 'secondary']).default('primary'),
});
export type CounterService = z.infer<typeof counterServiceSchema>;

export const counterSchema = z.object({
  id,
  /** What the hall display shows: "7", "12A". */
  number: visibleText(8),
  zone: visibleText(40).default('main'),
  /** The plan: what the counter serves when nothing has been rebalanced. */
  services: z.array(counterServiceSchema).min(1),
  /** What its staff can be switched to; default: its services. */
  canServe: z.array(id).optional(),
  /**
   * When it is planned to be staffed (its shifts, a gap for a break), in the center's days: the
   * expected wait counts on counters due to open or close (docs/SPEC.md W5). None: while open.
   */
  hours: weeklyHoursSchema.optional(),
});
export type Counter = z.infer<typeof counterSchema>;

/**
 * A stored password hash, exactly as this server writes them (auth/passwords.ts): scrypt with
 * N = 2^14 or 2^15, r = 8, p = 1, a 16-byte salt and a 32-byte key. Anything else is refused at the
 * door: a malformed one made every login of that person a 500, and p = 64 blocked the server ~2 s
 * per attempt.
 */
export const PASSWORD_HASH_RE = /^scrypt\$(16384|32768)\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;

export const staffSchema = z.object({
  login: id,
  name: visibleText(120),
  role: z.enum(ROLES),
  /**
   * scrypt hash "scrypt$N$r$p$salt$hash"; give `password` instead to set a new one. Exports leave
   * it out unless asked for secrets: a person already in the center then keeps their password,
   * a new one needs `password`.
   */
  passwordHash: z.string().regex(PASSWORD_HASH_RE, 'expected a hash exported by this server ("scrypt$16384$8$1$…"); give "password" to set a new one').optional(),
  password: z.string().min(8, 'passwords need at least 8 characters').max(200).optional(),
  /**
   * Services the person is trained for; [] = not restricted. Left out, a person already in the
   * center keeps their training: a missing field never widens anyone's rights.
   */
  services: z.array(id).optional(),
});
export type StaffInput = z.infer<typeof staffSchema>;

export const deviceSchema = z.object({
  id,
  kind: z.enum(DEVICE_KINDS),
  name: visibleText(120),
  /** Displays: limit to these counters (ids); empty = all. A rating terminal: the one counter it stands at. */
  counters: z.array(id).default([]),
  /** Displays only: limit to these services; empty = all. */
  services: z.array(id).default([]),
  /**
   * sha256 of the device token (hex). Exported only with secrets (a backup); an import never brings
   * back a revoked one, never replaces a device's current pairing, and the public demo tokens work
   * only in the demo center.
   */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Device = z.infer<typeof deviceSchema>;

export const centerInfoSchema = z.object({
  id,
  name: visibleText(200),
  /** The name per language, where it differs from `name` (which stays the fallback: old files still import). */
  names: namesSchema.optional(),
  /** IANA zone: ticket numbers restart at midnight here. */
  timezone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
  languages: z.array(languageSchema).min(1),
  defaultLanguage: languageSchema,
  targetWaitMin: z.number().positive().max(600).default(15),
  hours: weeklyHoursSchema,
  /** Holidays and one-off closures: no service issues tickets then (docs/SPEC.md I6). Optional, so older files import. */
  closedDays: closedDaysSchema.optional(),
  policy: policySchema.default(policySchema.parse({})),
  /**
   * The rebalancer (docs/SPEC.md B1–B4): `off`; `suggest`, the supervisor accepts or rejects each
   * proposal; `auto`, it merges and releases counters itself. Every move is an audited fact.
   */
  balancing: z.object({ mode: z.enum(BALANCE_MODES).default('off') }).default({ mode: 'off' }),
  /** Where visitors' phones reach this server (the ticket's QR code), e.g. `https://queue.example.org`. */
  publicUrl: z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// address' }).max(500).optional(),
  /** Appointments: check-in window, what is asked, retention (issue 13). */
  appointments: centerAppointmentsSchema.default(centerAppointmentsSchema.parse({})),
  /** Joining from a phone: grace time, limits, the hall's arrival code, alerts (issue 14). */
  remote: centerRemoteSchema.default(centerRemoteSchema.parse({})),
});
export type CenterInfo = z.infer<typeof centerInfoSchema>;

export const centerConfigSchema = z
  .object({
    format: z.literal('qms-center/1'),
    center: centerInfoSchema,
    services: z.array(serviceSchema).min(1),
    priorityCategories: z.array(priorityCategorySchema).default([]),
    /** Names per language for the services' `category` keys (the kiosk's topics); a key without one is shown as written. */
    categories: z.array(categorySchema).default([]),
    counters: z.array(counterSchema).default([]),
    staff: z.array(staffSchema).default([]),
    devices: z.array(deviceSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const unique = (items: { id: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${it.id}"` });
        seen.add(it.id);
      });
    };
    unique(cfg.services, 'services');
    unique(cfg.priorityCategories, 'priorityCategories');
    unique(cfg.categories, 'categories');
    unique(cfg.counters, 'counters');
    unique(cfg.devices, 'devices');
    unique(cfg.staff.map((s) => ({ id: s.login })), 'staff');
    const prefixes = new Map<string, string>();
    cfg.services.forEach((s, i) => {
      const other = prefixes.get(s.prefix);
      if (other) ctx.addIssue({ code: 'custom', path: ['services', i, 'prefix'], message: `prefix "${s.prefix}" is already used by service "${other}"` });
      prefixes.set(s.prefix, s.id);
    });
    if (!cfg.center.languages.includes(cfg.center.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['center', 'defaultLanguage'], message: 'must be one of center.languages' });
    }
    const serviceIds = new Set(cfg.services.map((s) => s.id));
    const numbers = new Map<string, string>();
    cfg.counters.forEach((c, i) => {
      c.services.forEach((cs, j) => {
        if (!serviceIds.has(cs.serviceId)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'services', j, 'serviceId'], message: `unknown service "${cs.serviceId}"` });
        // One role per service: the call rules read a counter's services as a set (as set-services does).
        if (c.services.findIndex((other) => other.serviceId === cs.serviceId) < j) ctx.addIssue({ code: 'custom', path: ['counters', i, 'services', j, 'serviceId'], message: `service "${cs.serviceId}" is listed twice` });
      });
      c.canServe?.forEach((sid, j) => {
        if (!serviceIds.has(sid)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'canServe', j], message: `unknown service "${sid}"` });
      });
      const other = numbers.get(c.number);
      if (other) ctx.addIssue({ code: 'custom', path: ['counters', i, 'number'], message: `number "${c.number}" is already used by counter "${other}"` });
      numbers.set(c.number, c.id);
    });
    cfg.staff.forEach((s, i) => {
      s.services?.forEach((sid, j) => {
        if (!serviceIds.has(sid)) ctx.addIssue({ code: 'custom', path: ['staff', i, 'services', j], message: `unknown service "${sid}"` });
      });
    });
    const counterIds = new Set(cfg.counters.map((c) => c.id));
    cfg.devices.forEach((d, i) => {
      // Its ratings go to whoever served at that counter: with none, or two, nobody could tell whom.
      if (d.kind === 'rating' && d.counters.length !== 1) ctx.addIssue({ code: 'custom', path: ['devices', i, 'counters'], message: 'a rating terminal stands at one counter: name exactly one' });
      d.counters.forEach((cid, j) => {
        if (!counterIds.has(cid)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'counters', j], message: `unknown counter "${cid}"` });
      });
      d.services.forEach((sid, j) => {
        if (!serviceIds.has(sid)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'services', j], message: `unknown service "${sid}"` });
      });
    });
  });
export type CenterConfigInput = z.input<typeof centerConfigSchema>;
export type CenterConfig = z.infer<typeof centerConfigSchema>;

/** The part of a configuration that the queue engine needs (no staff secrets, no devices). */
export interface EngineConfig {
  center: CenterInfo;
  services: Service[];
  priorityCategories: PriorityCategory[];
  counters: Counter[];
  /** Kiosk topic names (not the engine's: carried for the catalogue). */
  categories?: Category[];
}

/**
 * Zones found valid. Making a DateTimeFormat to check one costs about 0.2 ms, and the simulator
 * parses its center at every replayed day (the advisor's search replays thousands).
 */
const validZones = new Set<string>();

function isValidTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    validZones.add(tz);
    return true;
  } catch {
    return false;
  }
}

/** "services[3].prefix: expected …" for each zod issue, with its JSON path. */
export function formatIssues(error: z.ZodError, root = ''): string {
  return error.issues
    .map((iss) => {
      const path = iss.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
        root,
      );
      return `${path || '(root)'}: ${iss.message}`;
    })
    .join('; ');
}
