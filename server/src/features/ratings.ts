/**
 * Ratings and complaints over HTTP (issue 14): the phone page and the rating terminal rate a
 * visit; supervisors read and answer complaints; the satisfaction index joins the reports, scoped
 * as they are (an operator sees the figures of the visits they served).
 */
import { COMPLAINT_STATUSES, complaintAnswerSchema, localDay, ratingRequestSchema, reportQuery, SATISFACTION_GROUPINGS, terminalRatingSchema } from '@qms/shared';
import { z } from 'zod';
import { isStaff } from '../auth/principal.js';
import { publicStatus } from '../center/public-ticket.js';
import { route, type RouteDef } from '../http/registry.js';
import { parseQuery } from '../http/validate.js';
import type { Deps } from './deps.js';

const complaintsQuery = z
  .strictObject({
    status: z.enum(COMPLAINT_STATUSES, { message: `expected one of: ${COMPLAINT_STATUSES.join(', ')}` }).optional(),
    from: localDay.optional(),
    to: localDay.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '"to" is before "from": swap them' });

const groupingQuery = z.object({
  groupBy: z.enum(SATISFACTION_GROUPINGS, { message: `expected one of: ${SATISFACTION_GROUPINGS.join(', ')}` }).default('none'),
});

export function ratingRoutes(deps: Deps): RouteDef[] {
  const { hub, ratings } = deps;
  return [
    route({
      method: 'post',
      path: '/api/tickets/:ticketId/rating',
      tag: 'ratings',
      summary:
        "The visitor rates their visit from the ticket's phone page, by its unguessable id: 1–5 per criterion (overall required), an optional comment, which may be marked as a complaint. Only a done ticket, within 24 h of its end (RATING_CLOSED), once (ALREADY_RATED). Answers the ticket's status with the rating. Rate limited per address.",
      access: 'public',
      body: ratingRequestSchema,
      status: 201,
      handler: ({ params, body }) => {
        const { rt, ticket } = ratings.rateByPhone(params.ticketId ?? '', body);
        return publicStatus(rt, ticket, ratings);
      },
    }),
    route({
      method: 'get',
      path: '/api/rating-terminal/current',
      tag: 'ratings',
      summary:
        "A paired rating terminal: its center and counter, and the visit it offers to rate (the counter's last, finished within 3 minutes, nobody started since, not rated yet) or null",
      access: 'device-or-staff',
      handler: ({ principal }) => ratings.terminalState(principal),
    }),
    route({
      method: 'post',
      path: '/api/rating-terminal/rating',
      tag: 'ratings',
      summary:
        "A paired rating terminal rates the visit it offered (named by ticketId): its own counter's last only, so the rating goes to the operator who served it; taken up to a minute after the offer ends, for a visitor still choosing",
      access: 'device-or-staff',
      body: terminalRatingSchema,
      status: 201,
      handler: ({ principal, body }) => ratings.rateAtTerminal(principal, body),
    }),
    route({
      method: 'get',
      path: '/api/complaints',
      tag: 'ratings',
      summary:
        "Complaints of the center's visitors with their tickets' facts (number, day, service, counter, operator, wait), open ones first; ?status=open|answered|closed, ?from and ?to (local days of the visits). Supervisors and admins",
      access: 'supervisor',
      handler: ({ principal, query }) => {
        const q = parseQuery(complaintsQuery, query);
        return ratings.complaints(hub.get(principal?.centerId).centerId, q.status ?? null, q.from, q.to);
      },
    }),
    route({
      method: 'get',
      path: '/api/complaints/open-count',
      tag: 'ratings',
      summary: 'How many complaints wait for an answer (the counter app\'s badge). Supervisors and admins',
      access: 'supervisor',
      handler: ({ principal }) => ({ open: ratings.openComplaints(hub.get(principal?.centerId).centerId) }),
    }),
    route({
      method: 'post',
      path: '/api/complaints/:ticketId/answer',
      tag: 'ratings',
      summary:
        "Answer a complaint (status answered: the visitor reads the text on the ticket's phone page) or close it with a note (closed); records who and when. An answered complaint can still be closed; a closed one is not changed (409). Supervisors and admins",
      access: 'supervisor',
      body: complaintAnswerSchema,
      handler: ({ principal, params, body }) => {
        const rt = hub.get(principal?.centerId);
        return ratings.answer(rt.centerId, params.ticketId ?? '', body, isStaff(principal) ? principal.login : '');
      },
    }),
    route({
      method: 'get',
      path: '/api/reports/satisfaction',
      tag: 'reports',
      summary:
        'The satisfaction index (SIPAS-style) for the local days ?from to ?to: ratings, the share satisfied (overall 4 or 5), the mean per criterion, complaints and open complaints; grouped by ?groupBy= (none, service, operator, counter, day). Operators get the visits they served.',
      access: 'staff',
      handler: ({ principal, query }) => {
        const { groupBy, ...period } = query;
        const q = parseQuery(reportQuery, { ...period, groupBy: 'none' });
        const g = parseQuery(groupingQuery, { groupBy });
        const rt = hub.get(principal?.centerId);
        return ratings.satisfaction(rt.centerId, q.from, q.to, g.groupBy, isStaff(principal, 'operator') ? principal.login : undefined);
      },
    }),
  ];
}
