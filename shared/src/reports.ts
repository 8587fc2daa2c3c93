/**
 * Reports over days (issue 12): the query every report takes and what it answers. One figure set
 * for the whole period and one per group; "wait" and "within target" are the KPI module's
 * (server/src/kpi), the same as the live figures and the simulator's.
 */
import { z } from 'zod';

export const REPORT_GROUPINGS = ['none', 'service', 'counter', 'operator', 'lane', 'category', 'channel', 'hour', 'weekday', 'day'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_CHANNELS = ['kiosk', 'staff', 'remote'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The longest period one report covers: a year and a day (a leap year, or "this day last year" to today). */
export const MAX_REPORT_DAYS = 367;

export const localDay = z
  .string({ error: (iss) => (iss.input === undefined ? 'required: a date "YYYY-MM-DD"' : 'expected a date "YYYY-MM-DD"') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'no such date');

/** Days are the center's local days; `to` is included. */
export const reportQuery = z
  .object({
    from: localDay,
    to: localDay,
    groupBy: z.enum(REPORT_GROUPINGS, { message: `expected one of: ${REPORT_GROUPINGS.join(', ')}` }).default('none'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `"to" (${q.to}) is before "from" (${q.from}): swap them` });
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${MAX_REPORT_DAYS} days; this asks for ${days}` });
  });
export type ReportQuery = z.infer<typeof reportQuery>;

/** Minutes; null when there is nothing to measure. */
export interface Distribution {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  max: number | null;
}

export interface ReportFigures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  /** Tickets transferred at least once, and how many were recalled at least once. */
  transferred: number;
  recalled: number;
  /** Still waiting or at a counter when the report was made (today's, or a day never closed). */
  open: number;
  byChannel: Record<ReportChannel, number>;
  /** From issue to first call, of every ticket that was called. */
  wait: Distribution;
  /** Share called within its service's target wait; `aboveTarget` is Qmatic's "% above KPI". */
  withinTarget: number | null;
  aboveTarget: number | null;
  /** The regional dashboards' bands: ≤ 10, 10–20, 20–30 and over 30 minutes (shares of called tickets). */
  bands: { upTo10: number | null; upTo20: number | null; upTo30: number | null; over30: number | null };
  /** From start to completion, of served tickets. */
  service: Distribution;
  /** The wait shown at issue against the wait had: absolute error, and the share kept waiting over 5 minutes longer than promised. */
  eta: { count: number; medianErrorMin: number | null; p90ErrorMin: number | null; underPromisedOver5: number | null };
}

export interface ReportGroup {
  key: string;
  figures: ReportFigures;
}

/** Per local hour of the day over the period: visitors arriving, and visitors leaving served (by the hour they left). */
export interface HourFlow {
  hour: number;
  issued: number;
  completed: number;
}

/** Bookings with a slot in the period (issue 13). */
export interface AppointmentFigures {
  /** Every booking made for the period's slots, whatever became of it. */
  booked: number;
  checkedIn: number;
  /** Nobody checked in before the window closed (A4). */
  noShow: number;
  cancelled: number;
  /** Share of check-ins made by the slot's time. */
  onTime: number | null;
  /** Checked-in visitors' waits from their slot (or later check-in) to the first call (A2). */
  wait: Distribution;
  /** Share of those called within their service's booked target. */
  withinTarget: number | null;
}

export interface Report {
  centerId: string;
  from: string;
  to: string;
  groupBy: ReportGrouping;
  timezone: string;
  targetWaitMin: number;
  total: ReportFigures;
  groups: ReportGroup[];
  /** Hours 0–23 in which anything happened, in order. */
  flow: HourFlow[];
  /** Null when the center takes no appointments and had none in the period. */
  appointments: AppointmentFigures | null;
}

/** Waits of a day as lived (from the log) or as replayed without balancing (the simulator). */
export interface DayWaits {
  withinTarget: number | null;
  meanWaitMin: number | null;
}

export interface BalancingDay {
  day: string;
  /** Visitors called that day (served or no-show): the ones the replay takes. */
  visitors: number;
  actual: DayWaits;
  /** The same visitors and shifts with every counter on its plan; null when there was nothing to replay. */
  without: DayWaits | null;
}

/**
 * GET /api/reports/balancing: what balancing did in a period and what it saved. Replays are
 * computed once per past day and kept; a request computes for a few seconds at most, so a long
 * period may answer with days still `pending`: ask again.
 */
export interface BalancingReport {
  centerId: string;
  from: string;
  to: string;
  days: BalancingDay[];
  pending: string[];
  /** Over the days replayed, weighted by their visitors. */
  total: { visitors: number; actual: DayWaits; without: DayWaits };
  moves: {
    merges: number;
    releases: number;
    /** Moves made by the rebalancer itself (mode auto) and by people (a supervisor's own, or an accepted proposal). */
    automatic: number;
    byStaff: number;
    /** Counter-minutes spent serving beyond the plan. */
    mergedMinutes: number;
    proposals: { accepted: number; rejected: number; expired: number };
    /** Per person, by login: proposals they accepted and rejected. */
    decidedBy: Record<string, { accepted: number; rejected: number }>;
  };
}

/** GET /api/reports/centers: an admin's centers side by side for a period, and all of them together. */
export interface CentersReport {
  from: string;
  to: string;
  centers: { centerId: string; name: string; names?: Partial<Record<string, string>>; timezone: string; targetWaitMin: number; total: ReportFigures }[];
  /** Every center's tickets together (each against its own services' targets). */
  total: ReportFigures;
}
