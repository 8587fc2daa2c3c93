import { ErrorCode, issueTicketBody } from '@qms/shared';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { Deps } from './deps.js';

export function ticketRoutes({ hub, commands }: Deps): RouteDef[] {
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
        for (const id of hub.ids()) {
          const rt = hub.get(id);
          const t = rt.ticket(params.ticketId ?? '');
          if (!t) continue;
          const service = rt.config.services.find((s) => s.id === t.serviceId);
          const counter = t.counterId ? rt.state.counters.get(t.counterId) : undefined;
          return {
            id: t.id,
            number: t.number,
            status: t.status,
            lane: t.lane,
            language: t.language,
            service: service ? { id: service.id, names: service.names } : null,
            counterNumber: counter?.number ?? null,
            issuedAt: t.issuedAt,
            calledAt: t.calledAt,
            eta: t.status === 'waiting' ? rt.eta(t.id) : null,
            center: (({ id, name, names, languages, defaultLanguage, timezone }) => ({ id, name, names, languages, defaultLanguage, timezone }))(rt.config.center),
          };
        }
        throw new AppError(ErrorCode.UnknownTicket, 'No such ticket.');
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
