/** REST and socket payloads, validated with zod at every boundary. */
import { z } from 'zod';
import { LANES, LANGUAGES, PAUSE_REASON_IDS } from './codes.js';
import { closedDaysSchema, counterServiceSchema, weeklyHoursSchema } from './config.js';
import { visibleText } from './text.js';

const id = z.string().min(1).max(64);

export const loginBody = z.object({
  login: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
  centerId: id.optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const pairBody = z.object({
  code: z.string().regex(/^\d{6}$/, 'expected the 6-digit pairing code'),
  /** The app asking: a code made for the other kind is refused and stays valid (issue 11). */
  kind: z.enum(['kiosk', 'display', 'rating']).optional(),
});

export const issueTicketBody = z
  .object({
    serviceId: id,
    lane: z.enum(LANES).default('normal'),
    categoryId: id.optional(),
    language: z.enum(LANGUAGES).optional(),
    /** I4: a random id per visitor request; a retry after a lost answer sends the same one. */
    clientRef: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8 to 64 letters, digits, "_" or "-"').optional(),
  })
  .strict()
  .refine((b) => b.lane !== 'priority' || b.categoryId !== undefined, {
    message: 'a priority-lane ticket needs "categoryId"',
    path: ['categoryId'],
  })
  .refine((b) => b.lane === 'priority' || b.categoryId === undefined, {
    message: '"categoryId" is only for the priority lane',
    path: ['categoryId'],
  });
export type IssueTicketBody = z.infer<typeof issueTicketBody>;

export const counterIdParam = z.object({ counterId: id });
export const emptyBody = z.object({}).strict();

export const transferBody = z
  .object({
    toServiceId: id.optional(),
    toCounterId: id.optional(),
    returnToService: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.toServiceId !== undefined || b.toCounterId !== undefined, {
    message: 'give "toServiceId", "toCounterId" or both',
  });
export type TransferBody = z.infer<typeof transferBody>;

/** A preset reason by its id (rendered in each viewer's language), or free text as typed. */
export const pauseBody = z
  .object({ reason: visibleText(200, 'say why the counter pauses').optional(), reasonId: z.enum(PAUSE_REASON_IDS).optional() })
  .strict()
  .refine((b) => (b.reason === undefined) !== (b.reasonId === undefined), { message: 'give "reasonId" (one of the preset reasons) or "reason" (your own words), not both', path: ['reason'] });

export const setServicesBody = z
  .object({
    // No counter serves more than a catalogue; the cap keeps a hostile body from costing seconds to check.
    services: z.array(counterServiceSchema).min(1).max(500),
    reason: visibleText(300, 'say why the counter changes').default('changed by supervisor'),
  })
  .strict();

export const syncSinceBody = z.object({ seq: z.number().int().min(0) }).strict();

/** The phone page's handshake on the `/ticket` namespace: exactly a ticket id of the shape the server issues. */
export const ticketHandshake = z.object({ ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a ticket id (1 to 64 letters, digits, "_" or "-")') }).strict();

export const createDeviceBody = z
  .object({
    id,
    kind: z.enum(['kiosk', 'display', 'rating']),
    name: visibleText(120),
    counters: z.array(id).default([]),
    services: z.array(id).default([]),
  })
  .strict();

/** The center's opening hours and closed days, edited together in Settings (docs/SPEC.md I3, I6). */
export const centerScheduleBody = z.object({ hours: weeklyHoursSchema, closedDays: closedDaysSchema.default([]) }).strict();
export type CenterScheduleBody = z.infer<typeof centerScheduleBody>;

/** Per counter action, the body schema; actions without one take an empty body. */
export const counterActionBodies = {
  transfer: transferBody,
  pause: pauseBody,
} as const;
