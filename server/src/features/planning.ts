/**
 * The Planning screen's server side (issue 15): advice on a day (fitted from a period of the
 * center's log, or a scenario file the supervisor sends) and trying a day with chosen changes.
 * Both are simulation, seconds to a minute of CPU, so they run on the planning thread (planning/
 * planner.ts), never on the thread that serves the live queue. Supervisors and admins of the center.
 */
import { adviceRequestSchema, ErrorCode, localTime, trySimulateSchema, type PlanningAdvice, type TriedDay } from '@qms/shared';
import type { Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { applyChanges, scenarioFile } from '../advisor/plan.js';
import { fitPeriod, FitError } from '../advisor/fit.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { Planner, PlannerBusy, PlannerTimeout } from '../planning/planner.js';
import { parseScenario, ScenarioError, type Scenario } from '../sim/scenario.js';
import type { ReportStore } from '../storage/report-store.js';
import type { Deps } from './deps.js';

/**
 * The advice's budget (advise.ts budgetMs): the search stops early enough, keeping what it found,
 * for the closing measurements to fit too, so an answer comes within a minute (a proxy's usual
 * limit) even for a large center. The CLI, with nobody waiting on a proxy, allows 50 s.
 */
export const ADVICE_SEARCH_MS = 40_000;
/** Seeds of a tried day when the request names none: as many as the advice's figures use. */
const TRY_SEEDS = 10;
/** Problems named in a refusal: a file with hundreds of mistakes gets the first ones and a count. */
const SHOWN_PROBLEMS = 8;

/** The center asked about must be the caller's own, or one where the same login is an admin. */
function checkCenter(p: Principal | null, centerId: string, deps: Deps): void {
  if (p?.kind !== 'staff') throw new AppError(ErrorCode.Forbidden, 'Only staff can do this.');
  if (p.centerId === centerId) return;
  const adminThere = p.role === 'admin' && deps.configs.read(centerId)?.staff.some((s) => s.login === p.login && s.role === 'admin');
  if (!adminThere) throw new AppError(ErrorCode.Forbidden, `Your login belongs to another center; you can plan only for "${p.centerId}".`);
}

/** A scenario file is five levels deep (services[].appointments.bookings[].from); well past that it is not one. */
const MAX_DEPTH = 16;

/** Whether `v` nests deeper than `limit`, found without recursion (a 20,000-deep value must not overflow the stack). */
function deeperThan(v: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(x)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A scenario from a request, validated: every problem the validator found (the first few), as a 400. */
function scenarioFrom(json: unknown, where: string): Scenario {
  // The validator walks the value recursively: refuse what no scenario file looks like before it does.
  if (deeperThan(json, MAX_DEPTH)) throw new AppError(ErrorCode.BadRequest, `${where} is nested more than ${MAX_DEPTH} levels deep: it is not a qms-scenario/1 day`);
  try {
    return parseScenario(json, where);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const shown = err.problems.slice(0, SHOWN_PROBLEMS).map((p) => p.slice(0, 200));
    const more = err.problems.length - shown.length;
    throw new AppError(ErrorCode.BadRequest, `${where} is not a valid qms-scenario/1 day: ${shown.join('; ')}${more > 0 ? `; and ${more} more problems` : ''}`);
  }
}

/** The planning thread's refusals, as the API says them. */
async function onPlanner<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof PlannerBusy) {
      res.setHeader('Retry-After', '60');
      throw new AppError(ErrorCode.RateLimited, err.message);
    }
    if (err instanceof PlannerTimeout) throw new AppError(ErrorCode.Unavailable, err.message);
    throw err;
  }
}

export function planningRoutes(deps: Deps & { reports: ReportStore }, planner: Planner): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/planning/advice',
      tag: 'planning',
      summary:
        "Staffing and training advice for a day: `source` is a period of the center's log (fitted as a typical day, of one weekday if given) or a qms-scenario/1 day sent as JSON. Counters needed per hour against the plan, the ranked new skills and moved shifts with their measured effect, and the advised day as a scenario file. Takes up to a minute; one plan at a time per server (429 while another is computed). Supervisors and admins",
      access: 'supervisor',
      body: adviceRequestSchema,
      handler: async ({ principal, body, res }): Promise<PlanningAdvice> => {
        checkCenter(principal, body.centerId, deps);
        let scenario: Scenario;
        if (body.source.kind === 'scenario') {
          scenario = scenarioFrom(body.source.scenario, 'body.source.scenario');
        } else {
          const config = deps.hub.get(body.centerId).config;
          try {
            // As GET /api/planning/scenario fits it: today is left out, it is not over.
            const today = localTime(deps.clock(), config.center.timezone).day;
            const fitted = fitPeriod(config, { reports: deps.reports, live: deps.live }, { from: body.source.from, to: body.source.to, weekday: body.source.weekday }, today);
            scenario = scenarioFrom(fitted.scenario, 'the fitted day');
          } catch (err) {
            if (err instanceof FitError) throw new AppError(err.kind === 'unknown-center' ? ErrorCode.NotFound : ErrorCode.BadRequest, err.message);
            throw err;
          }
        }
        const options = { budgetMs: ADVICE_SEARCH_MS, ...(body.seeds ? { seeds: body.seeds } : {}), ...(body.maxNewSkills !== undefined ? { maxNewSkills: body.maxNewSkills } : {}) };
        return onPlanner(res, planner.run<PlanningAdvice>({ kind: 'advise', scenario, options }));
      },
    }),
    route({
      method: 'post',
      path: '/api/planning/simulate',
      tag: 'planning',
      summary:
        'Try a day: a qms-scenario/1 day with `changes` (new skills, moved shifts, as the advice words them) applied in order, simulated under the adaptive policy over `seeds` seeds: share within target, mean wait and priority P95 with their spread, and per hour the arrivals and their mean wait. Supervisors and admins',
      access: 'supervisor',
      body: trySimulateSchema,
      handler: async ({ principal, body, res }): Promise<TriedDay> => {
        checkCenter(principal, body.centerId, deps);
        const given = scenarioFrom(body.scenario, 'body.scenario');
        const unknown = body.changes?.find((c) => !given.counters.some((x) => x.id === c.counterId));
        if (unknown) throw new AppError(ErrorCode.BadRequest, `body.changes: there is no counter "${unknown.counterId}" in the day`);
        // Written out and read back: a change naming a counter or service the day lacks, or shifts
        // that overlap or leave the day, is refused by the same checks as a file.
        const scenario = body.changes?.length ? scenarioFrom(scenarioFile(applyChanges(given, body.changes)), 'the day with body.changes applied') : given;
        return onPlanner(res, planner.run<TriedDay>({ kind: 'try', scenario, seeds: body.seeds ?? TRY_SEEDS }));
      },
    }),
  ];
}
