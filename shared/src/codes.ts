/** Codes are `as const` objects, not enums (STYLE 3). */

export const LANGUAGES = ['ru', 'en', 'vi', 'uz'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANES = ['priority', 'booked', 'normal'] as const;
export type Lane = (typeof LANES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const COUNTER_STATUSES = ['closed', 'open', 'paused'] as const;
export type CounterStatus = (typeof COUNTER_STATUSES)[number];

export const ROLES = ['operator', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof ROLES)[number];

/**
 * The preset pause reasons: stored as these ids and put into words by each viewer's app, in the
 * viewer's language. Free text is stored as typed.
 */
export const PAUSE_REASON_IDS = ['break', 'lunch', 'technical', 'paperwork'] as const;
export type PauseReasonId = (typeof PAUSE_REASON_IDS)[number];

export const BALANCE_MODES = ['off', 'suggest', 'auto'] as const;
export type BalanceMode = (typeof BALANCE_MODES)[number];

/** `rating`: a one-tap terminal at a counter (issue 14); its ratings go to that counter's operator. */
export const DEVICE_KINDS = ['kiosk', 'display', 'rating'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
  Unavailable: 'UNAVAILABLE',
  // Queue rules
  UnknownService: 'UNKNOWN_SERVICE',
  UnknownCounter: 'UNKNOWN_COUNTER',
  UnknownTicket: 'UNKNOWN_TICKET',
  UnknownCategory: 'UNKNOWN_CATEGORY',
  ServiceClosed: 'SERVICE_CLOSED',
  DailyCapReached: 'DAILY_CAP_REACHED',
  CounterClosed: 'COUNTER_CLOSED',
  CounterPaused: 'COUNTER_PAUSED',
  CounterBusy: 'COUNTER_BUSY',
  CounterIdle: 'COUNTER_IDLE',
  CounterHeld: 'COUNTER_HELD',
  NotYourCounter: 'NOT_YOUR_COUNTER',
  QueueEmpty: 'QUEUE_EMPTY',
  InvalidTransition: 'INVALID_TRANSITION',
  RecallLimit: 'RECALL_LIMIT',
  ReactivationExpired: 'REACTIVATION_EXPIRED',
  NotQualified: 'NOT_QUALIFIED',
  // Appointments (docs/SPEC.md A3–A6)
  UnknownAppointment: 'UNKNOWN_APPOINTMENT',
  SlotFull: 'SLOT_FULL',
  SlotUnavailable: 'SLOT_UNAVAILABLE',
  AppointmentClosed: 'APPOINTMENT_CLOSED',
  CheckInTooEarly: 'CHECK_IN_TOO_EARLY',
  CheckInTooLate: 'CHECK_IN_TOO_LATE',
  BookingLimit: 'BOOKING_LIMIT',
  // The phone (issue 14, docs/SPEC.md V1–V6)
  RemoteClosed: 'REMOTE_CLOSED',
  RemoteLimit: 'REMOTE_LIMIT',
  WrongHallCode: 'WRONG_HALL_CODE',
  RatingClosed: 'RATING_CLOSED',
  AlreadyRated: 'ALREADY_RATED',
  UnknownWebhook: 'UNKNOWN_WEBHOOK',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected variant: ${JSON.stringify(value)}`);
}
