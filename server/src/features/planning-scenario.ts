/**
 * GET /api/planning/scenario (issue 15): a period of the center's log fitted as one typical
 * `qms-scenario/1` day (advisor/fit.ts), for the Planning screen and for anyone who wants the file.
 */
import { ErrorCode, fitQuerySchema, localTime, type FittedScenario } from '@qms/shared';
import { FitError, fitPeriod } from '../advisor/fit.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { parseQuery } from '../http/validate.js';
import type { ReportStore } from '../storage/report-store.js';
import type { Deps } from './deps.js';

export function planningScenarioRoutes({ hub, live, clock }: Pick<Deps, 'hub' | 'live' | 'clock'>, reports: ReportStore): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/planning/scenario',
      tag: 'planning',
      summary:
        'A period of the center\'s log (?centerId, ?from, ?to, the center\'s local days, at most a year, today left out as it is not over; ?weekday=mon…sun for one day type) fitted as one typical qms-scenario/1 day: arrivals per service per 30 minutes, service times, priority and no-show shares, bookings, counters\' plans, training and hours. Answers { scenario, days, actual }; supervisors and admins of that center',
      access: 'supervisor',
      handler: ({ principal, query: raw }): FittedScenario => {
        const q = parseQuery(fitQuerySchema, raw);
        // Staff see their own center's log only; a center that does not exist is just that.
        if (!hub.ids().includes(q.centerId)) throw new AppError(ErrorCode.NotFound, `There is no center "${q.centerId}" on this server.`);
        if (principal?.centerId !== q.centerId) throw new AppError(ErrorCode.Forbidden, 'Your login belongs to another center.');
        try {
          const { config } = hub.get(q.centerId);
          return fitPeriod(config, { reports, live }, q, localTime(clock(), config.center.timezone).day);
        } catch (err) {
          if (err instanceof FitError) throw new AppError(err.kind === 'range' ? ErrorCode.BadRequest : ErrorCode.NotFound, `${err.message}.`);
          throw err;
        }
      },
    }),
  ];
}
