/**
 * The visitor's phone and the center's outside world (issue 14): joining the queue from outside
 * (docs/SPEC.md V1–V6), ratings and complaints, Web Push subscriptions and webhooks. What the join
 * page, the phone page, the rating terminal, the counter app and an admin's scripts exchange with
 * the server.
 */
import { z } from 'zod';
import { phoneSchema } from './appointments.js';
import { languageSchema, namesSchema } from './config.js';
import { visibleText } from './text.js';

/** POST /api/join/:centerId: a remote ticket (V1). */
export const joinRequestSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  /** The language the page was read in: the phone page and the call follow it. */
  language: languageSchema.optional(),
  /**
   * A random id the join page keeps in the browser's storage (V1's per-phone limit). Not an
   * identity: clearing the browser makes a new one, which the per-address limit still counts.
   */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected the page\'s device id (16 to 64 letters, digits, "-" or "_")'),
  /** Only when the center asks for one (center.remote.askPhone). */
  phone: phoneSchema.optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** A service on the join page. */
export interface JoinableService {
  id: string;
  names: z.infer<typeof namesSchema>;
  category: string | null;
  /** Open for remote joining right now (hours, V1's closing margin, caps); else `reason` says why. */
  open: boolean;
  reason: 'closed' | 'closing-soon' | 'share-full' | 'daily-cap' | 'unstaffed' | null;
  waiting: number;
  /** Minutes, for a ticket taken now; null: unknown (no counter open or due). */
  expectedWaitMin: number | null;
  /** When remote joining opens next (epoch ms), when it is closed now. */
  opensAt: number | null;
}

export interface JoinCenter {
  id: string;
  name: string;
  names?: z.infer<typeof namesSchema>;
  timezone: string;
  languages: string[];
  defaultLanguage: string;
  askPhone: 'off' | 'optional' | 'required';
  graceMin: number;
  services: JoinableService[];
}

/** POST /api/tickets/:ticketId/arrive: the phone that holds the ticket scanned the hall's poster (V2). */
export const arriveRequestSchema = z.strictObject({
  /** The code on the poster (the `h` parameter of its QR code's address). */
  hallCode: z.string().min(1).max(64),
});
export type ArriveRequest = z.infer<typeof arriveRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Ratings and complaints

/** The criteria of Russia's "Ваш контроль" and Vietnam's SIPAS index. */
export const RATING_CRITERIA = ['waiting', 'courtesy', 'competence', 'comfort', 'overall'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

const score = z.number().int().min(1, 'scores run from 1 to 5').max(5, 'scores run from 1 to 5');

/** POST /api/tickets/:ticketId/rating (phone) or /api/rating-terminal/rating (a paired terminal). */
export const ratingRequestSchema = z.strictObject({
  /** `overall` is required; the other criteria may be left out. */
  scores: z.strictObject({
    overall: score,
    waiting: score.optional(),
    courtesy: score.optional(),
    competence: score.optional(),
    comfort: score.optional(),
  }),
  comment: visibleText(2000).optional(),
  /** The comment is a complaint: a supervisor will answer it. Needs a comment. */
  complaint: z.boolean().default(false),
  language: languageSchema.optional(),
});
export type RatingRequest = z.infer<typeof ratingRequestSchema>;

export const COMPLAINT_STATUSES = ['open', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A rating as its visitor sees it again on the phone page. */
export interface RatingView {
  scores: Partial<Record<RatingCriterion, number>> & { overall: number };
  comment: string | null;
  complaint: boolean;
  at: number;
  /** Complaints only: the supervisor's answer, once given. */
  complaintStatus: ComplaintStatus | null;
  answer: string | null;
  answeredAt: number | null;
}

/** A complaint as a supervisor sees it: the ticket's facts, nothing that identifies the visitor. */
export interface ComplaintView extends RatingView {
  ticketId: string;
  number: string;
  day: string;
  serviceId: string;
  counterId: string | null;
  operator: string | null;
  /** Minutes from the place in line to the first call; null if never called. */
  waitMin: number | null;
  answeredBy: string | null;
}

/** POST /api/complaints/:ticketId/answer (supervisor): an answer the visitor reads, or a note on closing. */
export const complaintAnswerSchema = z.strictObject({
  text: visibleText(2000),
  /** `answered`: the visitor sees `text`; `closed`: closed with an internal note (still shown, as the center's last word). */
  status: z.enum(['answered', 'closed']),
});
export type ComplaintAnswer = z.infer<typeof complaintAnswerSchema>;

/** SIPAS-style index: the share of ratings with overall ≥ 4, and the mean per criterion. */
export interface SatisfactionFigures {
  ratings: number;
  /** 0–1; null without ratings. */
  satisfiedShare: number | null;
  means: Partial<Record<RatingCriterion, number>>;
  complaints: number;
  complaintsOpen: number;
}
export interface SatisfactionRow extends SatisfactionFigures {
  key: string;
}
export interface SatisfactionReport {
  from: string;
  to: string;
  groupBy: 'none' | 'service' | 'operator' | 'counter' | 'day';
  total: SatisfactionFigures;
  rows: SatisfactionRow[];
}
export const SATISFACTION_GROUPINGS = ['none', 'service', 'operator', 'counter', 'day'] as const satisfies readonly SatisfactionReport['groupBy'][];

/**
 * POST /api/rating-terminal/rating: the terminal names the visit it showed, so that a tap made
 * just as the counter finished someone else never goes to the wrong visit.
 */
export const terminalRatingSchema = ratingRequestSchema.extend({
  ticketId: z.string().min(1).max(64),
});
export type TerminalRatingRequest = z.infer<typeof terminalRatingSchema>;

/** The visit a rating terminal offers: its counter's last, finished a moment ago and not rated yet. */
export interface TerminalVisit {
  ticketId: string;
  number: string;
  service: { id: string; names: z.infer<typeof namesSchema> } | null;
  completedAt: number;
  /** The visitor's language at the kiosk; the terminal opens in it. */
  language: string | null;
  /** After this (epoch ms) the visit is no longer offered. */
  until: number;
}

/** GET /api/rating-terminal/current: what the terminal shows, idle or asking. */
export interface RatingTerminalState {
  center: { id: string; name: string; names?: z.infer<typeof namesSchema>; languages: string[]; defaultLanguage: string; timezone: string };
  counter: { id: string; number: string };
  visit: TerminalVisit | null;
}

// ---------------------------------------------------------------------------------------------
// Web Push

/** A browser's PushSubscription.toJSON(), as the phone page sends it. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/, message: 'expected the push service\'s https:// address' }).max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'expected the subscription\'s P-256 public key (base64url)'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/, 'expected the subscription\'s auth secret (base64url)'),
  }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionSchema>;

/** What a push message carries to the service worker, which words it in `language`. */
export interface PushPayload {
  kind: 'near' | 'called' | 'recalled' | 'held' | 'no-show' | 'answered' | 'rate';
  ticketId: string;
  number: string;
  counterNumber: string | null;
  position: number | null;
  etaMin: number | null;
  language: string | null;
  /** The phone page to open when the notification is tapped. */
  url: string;
}

// ---------------------------------------------------------------------------------------------
// Webhooks

export const WEBHOOK_EVENTS = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.transferred',
  'ticket.completed',
  'ticket.no-show',
  'ticket.cancelled',
  'ticket.arrived',
  'ticket.held',
  'appointment.booked',
  'appointment.cancelled',
  'appointment.checked-in',
  'rating.given',
  'complaint.answered',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/**
 * What Settings' "Send a test" posts: sent to one webhook when an admin asks, whatever its events,
 * so it is not one of WEBHOOK_EVENTS (nobody subscribes to it).
 */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
/** Every `event` a delivery can carry. */
export type DeliveryEvent = WebhookEvent | typeof WEBHOOK_TEST_EVENT;

export const webhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// address' }).max(500),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event').max(WEBHOOK_EVENTS.length),
  description: visibleText(200).optional(),
  enabled: z.boolean().default(true),
  /** Send a remote ticket's phone number (when the center asks for one) in its events: for a text message gateway only. */
  includePhone: z.boolean().default(false),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export interface WebhookView extends Omit<WebhookInput, 'description'> {
  id: string;
  description: string | null;
  /** Shown once, when created (and when rotated); afterwards only its first characters. */
  secret?: string;
  secretHint: string;
  createdAt: number;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: number;
  webhookId: string;
  event: DeliveryEvent;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms of the next try (pending only). */
  nextAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** The body every delivery POSTs (JSON). The signature header covers `${timestamp}.${body}`. */
export interface WebhookBody<T = unknown> {
  id: string;
  event: DeliveryEvent;
  centerId: string;
  at: number;
  data: T;
}

/** `Qms-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret>` */
export const SIGNATURE_HEADER = 'Qms-Signature';
