/**
 * The planning advisor's contract (issue 15): a day that can be replayed (a `qms-scenario/1` file,
 * fitted from the center's log or supplied), and what the advisor says about it, every figure
 * measured by simulating the day on the real engine. Minutes throughout; times of day are minutes
 * after local midnight.
 */
import { z } from 'zod';
import { WEEKDAYS } from './config.js';
import { localDay as dayString } from './reports.js';

/** A figure over several seeds of the same day: the mean, and the lowest and highest seed. */
export interface Spread {
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** How a day went: what a director compares before and after a change. */
export interface PlanFigures {
  /** Share of visitors called within their service's target, 0..1. */
  withinTarget: Spread;
  meanWaitMin: Spread;
  /** P95 wait of the priority lane; all null when the day has no priority visitors. */
  priorityP95Min: Spread;
}

/** Counters needed against counters planned, for one hour of the day. */
export interface StaffingHour {
  /** Start of the hour, minutes after midnight. */
  from: number;
  /** Counters needed to meet the target this hour (Erlang C first guess, corrected by simulation). */
  need: number;
  /** Counters on shift this hour (a counter on shift for half the hour counts 0.5). */
  planned: number;
  services: { serviceId: string; arrivalsPerHour: number; loadErlangs: number; need: number }[];
}

export interface StaffingAdvice {
  hours: StaffingHour[];
  /** Σ max(0, need − planned) and Σ max(0, planned − need), in counter-hours. */
  shortCounterHours: number;
  overCounterHours: number;
  /** The day staffed exactly at `need` per hour, simulated: does the need meet the target? */
  check: { withinTarget: number | null; meanWaitMin: number | null; simulatedHours: number };
}

export type PlanChange =
  /** The counter's staff learn the service: a new `canServe` entry. */
  | { kind: 'train'; counterId: string; serviceId: string }
  /** The counter works other hours: same length, so the same counter-hours. */
  | { kind: 'shift'; counterId: string; from: { from: number; to: number }[]; to: { from: number; to: number }[] };

/** Why the search looked at a change, as facts the apps word in the viewer's language. */
export type AdviceWhy =
  | {
      kind: 'train';
      serviceId: string;
      counterId: string;
      targetMin: number;
      /** When, while the counter is on shift, the service's visitors wait past the target most; null if spread over the day. */
      late: { from: number; to: number } | null;
      /** Hours of the day with visitors for the service and no counter trained for it on shift. */
      uncoveredHours: number;
      /** The skill links the counter's services to a group of services no counter linked them to (a chain). */
      chain: boolean;
    }
  /** Moved to the hours where the counter's services' visitors wait past the target, the same length. */
  | { kind: 'shift'; counterId: string; hours: number };

/** One step of the advice, measured with every earlier step in place. */
export interface AdviceStep {
  change: PlanChange;
  /** Why the search looked at it, in English (the CLI's words; the apps word `why`). */
  reason: string;
  why: AdviceWhy;
  before: PlanFigures;
  after: PlanFigures;
}

export interface PlanningAdvice {
  format: 'qms-advice/1';
  scenario: string;
  /** The policy the day is run under (the product's own: adaptive). */
  policy: string;
  seeds: number;
  counters: number;
  /** The training budget used: at most one new skill per four counters unless asked otherwise. */
  maxNewSkills: number;
  /** The plan as given; the references that bound what any plan can do; the advised plan. */
  figures: { static: PlanFigures; current: PlanFigures; pooled: PlanFigures; advised: PlanFigures };
  /** Share of the static → pooled gap in share within target captured (null when there is no gap). */
  gapCaptured: { current: number | null; advised: number | null };
  staffing: StaffingAdvice;
  /** Training steps then shift moves, in the order the search chose them (each kept only if it helped). */
  steps: AdviceStep[];
  /** The advised day as an ordinary `qms-scenario/1` file. */
  advised: unknown;
  elapsedMs: number;
}

/** A period of the center's log to fit a day from (GET /api/planning/scenario). */
export const fitQuerySchema = z.strictObject({
  centerId: z.string().min(1, 'centerId is required'),
  from: dayString,
  to: dayString,
  weekday: z.enum(WEEKDAYS, `weekday: expected one of ${WEEKDAYS.join(', ')}`).optional(),
});
export type FitQuery = z.infer<typeof fitQuerySchema>;

/** The answer to GET /api/planning/scenario: the fitted day, the days it came from, and how they went. */
export interface FittedScenario {
  /** A `qms-scenario/1` file's content, valid as such. */
  scenario: Record<string, unknown>;
  /** The local days with tickets it was fitted from. */
  days: string[];
  /** Those days as lived (the reports' figures), to check a replay of the fitted day against. */
  actual: { tickets: number; withinTarget: number | null; meanWaitMin: number | null };
}

/** POST /api/planning/advice: advise on a fitted period, or on a scenario file the supervisor sends. */
export const adviceRequestSchema = z.strictObject({
  centerId: z.string().min(1, 'centerId is required'),
  source: z.union([
    z.strictObject({ kind: z.literal('period'), from: dayString, to: dayString, weekday: z.enum(WEEKDAYS, `weekday: expected one of ${WEEKDAYS.join(', ')}`).optional() }),
    z.strictObject({ kind: z.literal('scenario'), scenario: z.unknown() }),
  ]),
  maxNewSkills: z.number().int('expected a whole number').min(0).max(50).optional(),
  seeds: z.number().int('expected a whole number').min(1).max(20).optional(),
});
export type AdviceRequest = z.infer<typeof adviceRequestSchema>;

const minuteOfDay = z.number().int('expected whole minutes after midnight').min(0).max(24 * 60);
const shiftsSchema = z.array(z.strictObject({ from: minuteOfDay, to: minuteOfDay })).max(24);
const idSchema = z.string().min(1).max(64);

/** A `PlanChange` as a request carries it (the shapes are the type's; the scenario checks the ids). */
export const planChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('train'), counterId: idSchema, serviceId: idSchema }),
  z.strictObject({ kind: z.literal('shift'), counterId: idSchema, from: shiftsSchema, to: shiftsSchema }),
]);

/** POST /api/planning/simulate: try a day (say, the advice with some steps left out) and see it. */
export const trySimulateSchema = z.strictObject({
  centerId: z.string().min(1, 'centerId is required'),
  scenario: z.unknown(),
  seeds: z.number().int('expected a whole number').min(1).max(20).optional(),
  /** Changes applied to `scenario` first, in order (the Planning screen's checked steps). */
  changes: z.array(planChangeSchema).max(200).optional(),
});
export type TrySimulateRequest = z.infer<typeof trySimulateSchema>;

/** The answer to POST /api/planning/simulate. */
export interface TriedDay {
  scenario: string;
  policy: string;
  seeds: number;
  figures: PlanFigures;
  /** Per hour of the day: arrivals and the mean wait of those who arrived in it. */
  hours: { from: number; arrivals: number; meanWaitMin: number | null }[];
}
