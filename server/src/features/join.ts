/**
 * Joining the queue from outside over REST (issue 14, docs/SPEC.md V1–V6): the join page lists and
 * joins; the phone confirms arrival with the hall poster's code; staff confirm it at the desk; a
 * supervisor prints the posters. The ticket's unguessable id stays the phone's only credential.
 */
import { arriveRequestSchema, BOARD_CENTER_ID, ErrorCode, joinRequestSchema, type PublicTicketStatus } from '@qms/shared';
import { publicStatus } from '../center/public-ticket.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { RemoteJoins } from '../remote/joins.js';
import type { Deps } from './deps.js';

function centerOf(params: Record<string, string>): string {
  const id = params.centerId ?? '';
  if (!BOARD_CENTER_ID.test(id)) throw new AppError(ErrorCode.BadRequest, 'path.centerId: expected a center id: 1 to 64 letters, digits, "_", "-" or "."');
  return id;
}

/** Where the phone page and the posters live, as the center's public address has them. */
const phonePage = (base: string, ticketId: string, lang: string) => `${base}/kiosk/t/${encodeURIComponent(ticketId)}?lang=${lang}`;

export function joinRoutes({ hub, ratings }: Deps, remote: RemoteJoins): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/join/:centerId',
      tag: 'join',
      summary: 'The join page (V1): the services that can be joined from outside, whether each is open now and if not why, people waiting and the expected wait.',
      access: 'public',
      handler: ({ params }) => remote.center(centerOf(params)),
    }),
    route({
      method: 'post',
      path: '/api/join/:centerId',
      tag: 'join',
      summary:
        'Join the queue from outside (V1): a remote ticket, waiting in line like any other but called only after its visitor confirms arrival (V2, V3). REMOTE_CLOSED / REMOTE_LIMIT say what to do instead. Limits per phone and per number a day, per address in 10 minutes.',
      access: 'public',
      body: joinRequestSchema,
      status: 201,
      handler: ({ params, body }): PublicTicketStatus & { statusUrl: string } => {
        const centerId = centerOf(params);
        const issued = remote.join(centerId, body);
        const rt = hub.get(centerId);
        const lang = issued.ticket.language ?? rt.config.center.defaultLanguage;
        return { ...publicStatus(rt, issued.ticket, ratings), statusUrl: phonePage(rt.config.center.publicUrl ?? '', issued.ticket.id, lang) };
      },
    }),
    route({
      method: 'post',
      path: '/api/tickets/:ticketId/arrive',
      tag: 'join',
      summary: "The phone that holds a remote ticket scanned the hall's poster (V2): the visitor is in and will be called in turn. WRONG_HALL_CODE for any other code.",
      access: 'public',
      body: arriveRequestSchema,
      handler: ({ params, body }) => {
        const { rt, ticket } = remote.arriveByHall(params.ticketId ?? '', body.hallCode);
        return publicStatus(rt, ticket, ratings);
      },
    }),
    route({
      method: 'post',
      path: '/api/tickets/:ticketId/check-in',
      tag: 'join',
      summary: "Staff confirm a remote ticket's visitor is in the hall (V2), e.g. at the information desk.",
      access: 'staff',
      handler: ({ params, principal }) => ({ ticket: remote.arriveByStaff(principal!, params.ticketId ?? '') }),
    }),
    route({
      method: 'get',
      path: '/api/admin/remote/posters',
      tag: 'join',
      summary: "The addresses behind the two posters: the join page's (at the gate, on the website) and the hall's arrival code (inside only, V2).",
      access: 'supervisor',
      handler: ({ principal }) => {
        const rt = hub.get(principal!.centerId);
        const base = rt.config.center.publicUrl ?? '';
        const center = encodeURIComponent(rt.centerId);
        const hallCode = remote.hallCode(rt.centerId);
        return { publicUrl: rt.config.center.publicUrl ?? null, joinUrl: `${base}/join/?center=${center}`, hallUrl: `${base}/join/here?center=${center}&h=${hallCode}`, hallCode };
      },
    }),
  ];
}
