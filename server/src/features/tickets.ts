import { ErrorCode, issueTicketBody } from '@qms/shared';
import { findTicket, publicStatus } from '../center/public-ticket.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { Deps } from './deps.js';

export function ticketRoutes({ hub, commands, ratings }: Deps): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/tickets',
      tag: 'tickets',
      summary: 'Issue a ticket (a paired kiosk, or staff)',
      access: 'device-or-staff',
      body: issueTicketBody,
      status: 201,
      handler: ({ principal, body }) => commands.issue(principal, body),
    }),
    route({
      method: 'get',
      path: '/api/tickets/:ticketId',
      tag: 'tickets',
      summary: "A ticket's public status, by its unguessable id (the QR code's page)",
      access: 'public',
      handler: ({ params }) => {
        const found = findTicket(hub, params.ticketId ?? '');
        if (!found) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket.');
        return publicStatus(found.rt, found.ticket, ratings);
      },
    }),
    route({
      method: 'post',
      path: '/api/tickets/:ticketId/withdraw',
      tag: 'tickets',
      summary:
        'The visitor cancels their own waiting ticket from its status page, by its unguessable id (X1, the same cancel as staff; the event log names the visitor). A called or finished ticket: 409, nothing changes. Rate limited per address.',
      access: 'public',
      handler: ({ params }) => {
        const { rt, ticket } = commands.withdraw(params.ticketId ?? '');
        return publicStatus(rt, ticket, ratings);
      },
    }),
    ...(['cancel', 'reactivate'] as const).map((action) =>
      route({
        method: 'post',
        path: `/api/tickets/:ticketId/${action}`,
        tag: 'tickets',
        summary: action === 'cancel' ? 'Cancel a waiting ticket (X1)' : 'Put a recent no-show back in line with its original place (N1)',
        access: 'staff',
        handler: ({ principal, params }) => commands.ticket(principal, params.ticketId ?? '', action),
      }),
    ),
  ];
}
