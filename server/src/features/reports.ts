/**
 * Reports over days (issue 12): figures for a period, grouped, as JSON for the app and as CSV for
 * a spreadsheet or a BI tool, and the period's ticket log as CSV, streamed row by row. Operators
 * see the tickets they served; supervisors and admins their whole center.
 */
import { ErrorCode, reportQuery, type CentersReport, type Report, type ReportQuery } from '@qms/shared';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { isStaff, type Principal } from '../auth/principal.js';
import type { CenterRuntime } from '../center/runtime.js';
import { emptyTally, figuresOf, mergeTally, serviceMinOf, waitMinOf } from '../kpi/tally.js';
import { buildReport, reportWithTally } from './report-build.js';
import { DOWNLOAD_TTL_MS, DownloadLinks } from './report-downloads.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { parseQuery } from '../http/validate.js';
import type { ReplayStore, ReportStore } from '../storage/report-store.js';
import { balancingReport } from './balancing-report.js';
import type { Deps } from './deps.js';
import { summaryCsvRows, SUMMARY_CSV_HEADER } from './report-csv.js';

/** An operator's report holds the tickets they served, and nothing else. */
function reportFor(p: Principal | null, rt: CenterRuntime, store: ReportStore, q: ReportQuery, now: number): Report {
  return buildReport(rt, store, q, now, isStaff(p, 'operator') ? p.login : undefined);
}

/** Excel needs the byte order mark to read UTF-8 (Cyrillic, Vietnamese) as such. */
function startCsv(res: Response, name: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.write('\ufeff');
}

const minutes = (v: number | null) => (v === null ? '' : (Math.round(v * 10) / 10).toString());
const iso = (v: number | null) => (v === null ? '' : new Date(v).toISOString());

export const TICKET_LOG_HEADER = [
  'day', 'number', 'ticket_id', 'issued_service', 'final_service', 'lane', 'category', 'channel', 'status', 'issued_at', 'first_called_at',
  'started_at', 'finished_at', 'counter', 'operator', 'transfers', 'recalls', 'wait_min', 'service_min', 'promised_wait_min',
];

export function reportRoutes({ hub, configs, reports, replays, live, clock }: Deps & { reports: ReportStore; replays: ReplayStore }): RouteDef[] {
  const downloads = new DownloadLinks();
  const query = (raw: Record<string, unknown>) => parseQuery(reportQuery, raw);
  return [
    route({
      method: 'get',
      path: '/api/reports/summary',
      tag: 'reports',
      summary:
        'Figures for the local days ?from=YYYY-MM-DD to ?to=YYYY-MM-DD (included), grouped by ?groupBy= (none, service, counter, operator, lane, category, channel, hour, weekday, day): visitors, waits (mean, median, P90, P95, max), share within target, wait bands, service times, ETA accuracy. Operators get the tickets they served.',
      access: 'staff',
      handler: ({ principal, query: raw }) => {
        const q = query(raw);
        const rt = hub.get(principal?.centerId);
        return reportFor(principal, rt, reports, q, clock());
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/summary.csv',
      tag: 'reports',
      summary: 'The same figures as CSV (UTF-8 with a byte order mark, one row per group and a total row), for a spreadsheet or a BI tool',
      access: 'staff',
      handler: ({ principal, query: raw, res }) => {
        const q = query(raw);
        const rt = hub.get(principal?.centerId);
        const report = reportFor(principal, rt, reports, q, clock());
        startCsv(res, `report-${rt.centerId}-${q.from}-${q.to}-${q.groupBy}.csv`);
        const csv = stringify({ header: true, columns: SUMMARY_CSV_HEADER, record_delimiter: 'windows' });
        csv.pipe(res);
        for (const row of summaryCsvRows(report)) csv.write(row);
        csv.end();
        return new Promise<void>((resolve) => res.on('finish', resolve));
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/centers',
      tag: 'reports',
      summary:
        "An admin of several centers: every center on this server where the same login is an admin, side by side for ?from to ?to (each center's own local days), and all of them together",
      access: 'admin',
      handler: ({ principal, query: raw }): CentersReport => {
        const q = query({ ...raw, groupBy: 'none' });
        const login = isStaff(principal) ? principal.login : '';
        const mine = hub.ids().filter((id) => configs.read(id)?.staff.some((s) => s.login === login && s.role === 'admin'));
        const parts = mine.map((id) => ({ rt: hub.get(id), ...reportWithTally(hub.get(id), reports, q, clock()) }));
        return {
          from: q.from,
          to: q.to,
          centers: parts.map(({ rt, report }) => {
            const { id, name, names, timezone, targetWaitMin } = rt.config.center;
            return { centerId: id, name, ...(names ? { names } : {}), timezone, targetWaitMin, total: report.total };
          }),
          total: figuresOf(parts.reduce((acc, p) => mergeTally(acc, p.total), emptyTally())),
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/balancing',
      tag: 'reports',
      summary:
        "What balancing did from ?from to ?to (merges, releases, who decided, counter-minutes beyond the plan) and what it saved: each past day's own visitors and shifts replayed through the simulator with every counter on its plan, against the day as lived. Replays are kept once computed; a long period may answer with days `pending`: ask again. Supervisors and admins",
      access: 'supervisor',
      handler: ({ principal, query: raw }) => {
        const q = query({ ...raw, groupBy: 'none' });
        const rt = hub.get(principal?.centerId);
        return balancingReport(rt, { reports, replays, live }, q, clock());
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/tickets.csv',
      tag: 'reports',
      summary: "The period's ticket log as CSV, one row per ticket in issue order, streamed (times in UTC, ISO 8601); supervisors and admins",
      access: 'supervisor',
      handler: async ({ principal, query: raw, res }) => {
        const q = query({ ...raw, groupBy: 'none' });
        await streamTicketLog(res, reports, hub.get(principal?.centerId).centerId, q);
      },
    }),
    route({
      method: 'post',
      path: '/api/reports/downloads',
      tag: 'reports',
      summary:
        "A link to the period's ticket log (body {from, to}) that a browser can open without a token, so that the file streams to disk: used once, within a minute; supervisors and admins",
      access: 'supervisor',
      body: reportQuery,
      status: 201,
      handler: ({ principal, body }) => {
        const rt = hub.get(principal?.centerId);
        const token = downloads.issue({ centerId: rt.centerId, from: body.from, to: body.to }, clock());
        return { url: `/api/reports/downloads/${token}`, expiresInSec: DOWNLOAD_TTL_MS / 1000 };
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/downloads/:token',
      tag: 'reports',
      summary: 'The ticket log a download link was made for (POST /api/reports/downloads); the link is the credential, used once',
      access: 'public',
      handler: async ({ params, res }) => {
        const d = downloads.take(params.token ?? '', clock());
        if (!d) throw new AppError(ErrorCode.NotFound, 'This download link has been used or has expired: ask for the ticket log again.');
        await streamTicketLog(res, reports, d.centerId, d);
      },
    }),
  ];
}

/** The period's ticket log as CSV, read a page at a time as fast as the client takes it. */
async function streamTicketLog(res: Response, reports: ReportStore, centerId: string, q: Pick<ReportQuery, 'from' | 'to'>): Promise<void> {
  startCsv(res, `tickets-${centerId}-${q.from}-${q.to}.csv`);
  const csv = stringify({ header: true, columns: TICKET_LOG_HEADER, record_delimiter: 'windows' });
  csv.pipe(res);
  for (const page of reports.pages(centerId, q.from, q.to)) {
    let ok = true;
    for (const r of page) {
      ok = csv.write([
        r.day, r.number, r.id, r.issuedServiceId, r.serviceId, r.lane, r.categoryId ?? '', r.channel, r.status, iso(r.issuedAt), iso(r.firstCalledAt),
        iso(r.startedAt), iso(r.finishedAt), r.counterId ?? '', r.staffLogin ?? '', r.transfers, r.recalls, minutes(waitMinOf(r)), minutes(serviceMinOf(r)),
        minutes(r.promisedWaitMin),
      ]);
    }
    if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
  }
  csv.end();
  await new Promise<void>((resolve) => res.on('finish', resolve));
}
