import { ErrorCode, loginBody, pairBody } from '@qms/shared';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { Deps } from './deps.js';
import { isDemoPasswordOutsideDemo } from '../demo/secrets.js';

export function authRoutes({ hub, auth, commands }: Deps): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Staff log in with login and password; returns a bearer token',
      access: 'public',
      body: loginBody,
      handler: ({ body }) => {
        const centerId = hub.get(body.centerId).centerId;
        const session = auth.login(centerId, body.login, body.password);
        if (!session) {
          throw new AppError(
            ErrorCode.Unauthorized,
            isDemoPasswordOutsideDemo(centerId, body.password)
              ? "That is the demo center's public password: it works only there. Ask an admin to set your password."
              : 'Wrong login or password.',
          );
        }
        const { principal: p } = session;
        return { token: session.token, staff: { login: p.login, name: p.name, role: p.role, centerId, services: p.services }, counterId: p.counterId };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      summary: 'End this staff session; an idle held counter is closed',
      access: 'staff',
      handler: ({ principal }) => {
        if (principal?.kind !== 'staff') return { ok: true };
        if (principal.counterId) {
          const counter = hub.get(principal.centerId).state.counters.get(principal.counterId);
          // A counter still holding a ticket stays open: whoever logs in next takes it over.
          if (counter && !counter.currentTicketId) commands.counter(principal, principal.counterId, 'release');
        }
        auth.logout(principal);
        return { ok: true };
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'Who this token belongs to',
      access: 'device-or-staff',
      handler: ({ principal: p }) =>
        p?.kind === 'staff'
          ? { kind: 'staff', centerId: p.centerId, login: p.login, name: p.name, role: p.role, services: p.services, counterId: p.counterId }
          : p && { kind: 'device', centerId: p.centerId, deviceId: p.deviceId, deviceKind: p.deviceKind, counters: p.counters, services: p.services },
    }),
    route({
      method: 'post',
      path: '/api/devices/pair',
      tag: 'auth',
      summary: 'A kiosk, display or rating terminal exchanges the 6-digit pairing code an admin created for its long-lived token',
      access: 'public',
      body: pairBody,
      handler: ({ body }) => {
        const paired = auth.pair(body.code, body.kind);
        if (!paired) throw new AppError(ErrorCode.Unauthorized, 'Unknown or expired pairing code: ask an admin for a new one.');
        if ('wrongKind' in paired) {
          const [is, at] = ({ kiosk: ['a kiosk', '/kiosk/'], display: ['a hall display', '/display/'], rating: ['a rating terminal', '/kiosk/rate/'] } as const)[paired.wrongKind];
          throw new AppError(ErrorCode.Conflict, `This pairing code is for ${is}: enter it at ${at} on that device. The code stays valid.`);
        }
        return paired;
      },
    }),
  ];
}
