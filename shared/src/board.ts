/**
 * The public live board of a center (issue 12): what anyone may read about its queues, from a
 * phone outside the gate or a government portal's server (GET /api/board/:centerId). Figures
 * only: no ticket, ticket number, counter number or member of staff. Strict schemas, so that a
 * test can tell that nothing else slipped in.
 */
import { z } from 'zod';
import { languageSchema, namesSchema } from './config.js';

/** A center id as the configuration allows it; anything else names no center. */
export const BOARD_CENTER_ID = /^[A-Za-z0-9_.-]{1,64}$/;

const minutes = z.number().min(0).nullable();
const epochMs = z.number().int().nullable();

export const boardServiceSchema = z
  .object({
    id: z.string(),
    names: namesSchema,
    /** The kiosk's topic key, with its names in the board's `categories`; null without one. */
    category: z.string().nullable(),
    /** Tickets waiting for it now, both lanes. */
    waiting: z.number().int().min(0),
    /** What the kiosk shows for a ticket taken now (the ETA's W1–W4); null while no counter is open for it. */
    expectedWaitMin: minutes,
    targetWaitMin: z.number().positive(),
    /** Counters open now that serve it (a counter on a break is not open). */
    openCounters: z.number().int().min(0),
    /** A ticket may be taken now (its hours, closed days and a staffed counter: the kiosk's availability). */
    servedNow: z.boolean(),
    /** When not served now because of its hours: the next opening, epoch ms. */
    opensAt: epochMs,
    /** A ticket can be taken from a phone now (/join/, docs/SPEC.md V1). */
    joinableNow: z.boolean(),
  })
  .strict();

export const boardSchema = z
  .object({
    center: z
      .object({
        id: z.string(),
        name: z.string(),
        names: namesSchema.optional(),
        languages: z.array(languageSchema),
        defaultLanguage: languageSchema,
        timezone: z.string(),
        targetWaitMin: z.number().positive(),
        /** Within the center's hours and not on a closed day. */
        openNow: z.boolean(),
        /** While open: the end of the current opening interval, epoch ms. */
        closesAt: epochMs,
        /** While closed: the next opening, epoch ms; null when none within a year. */
        opensAt: epochMs,
      })
      .strict(),
    /** When these figures were worked out, epoch ms (at most a second before the answer). */
    generatedAt: z.number().int(),
    /** Counters open now, in the whole center. */
    openCounters: z.number().int().min(0),
    waiting: z.number().int().min(0),
    services: z.array(boardServiceSchema),
    categories: z.array(z.object({ id: z.string(), names: namesSchema }).strict()),
    /**
     * Today so far, by the KPI code's definition (server/src/kpi): a wait runs from issue to the
     * first call and counts against the target of the service chosen.
     */
    today: z
      .object({
        /** Visitors called at least once today. */
        called: z.number().int().min(0),
        /** Share of them called within their service's target; null before the first call. */
        withinTargetShare: z.number().min(0).max(1).nullable(),
        meanWaitMin: minutes,
        /** The one target every service has, for the words "within 15 min"; null when services differ. */
        targetWaitMin: z.number().positive().nullable(),
      })
      .strict(),
  })
  .strict();

export type Board = z.infer<typeof boardSchema>;
export type BoardService = z.infer<typeof boardServiceSchema>;
