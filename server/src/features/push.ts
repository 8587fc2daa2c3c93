/**
 * Web Push for the phone page (issue 14): the server's public VAPID key, and a phone subscribing
 * for (or leaving) its ticket's alerts. The ticket's unguessable id is the credential, as for the
 * page itself; a finished ticket takes no subscription (nothing more will happen to it).
 */
import { createPublicKey } from 'node:crypto';
import { ErrorCode, pushSubscriptionSchema } from '@qms/shared';
import { findTicket, isFinal } from '../center/public-ticket.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { PushSender } from '../push/sender.js';
import type { Deps } from './deps.js';

export const pushUnsubscribeSchema = pushSubscriptionSchema.pick({ endpoint: true });

/**
 * `https`: the browsers' push services only, by name. The server POSTs to whatever address a phone
 * gives, so an address on the server's own network (an IP literal, localhost) is refused; `any`
 * lets a test's local push service on http://127.0.0.1 in.
 */
export type PushEndpoints = 'https' | 'any';

/** The schema checks the keys' spelling; this that the phone's key is a point on P-256 and the secret 16 bytes, as RFC 8291 needs. */
export function keysProblem(keys: { p256dh: string; auth: string }): string | null {
  const point = Buffer.from(keys.p256dh, 'base64url');
  try {
    // An uncompressed point (0x04, x, y); OpenSSL refuses one that is not on the curve.
    if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed point');
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  } catch {
    return "body.keys.p256dh: not a P-256 public key; send the browser's PushSubscription.toJSON() unchanged";
  }
  if (Buffer.from(keys.auth, 'base64url').length !== 16) return "body.keys.auth: expected a 16-byte secret; send the browser's PushSubscription.toJSON() unchanged";
  return null;
}

export function endpointProblem(endpoint: string, allowed: PushEndpoints): string | null {
  if (allowed === 'any') return null;
  const url = new URL(endpoint);
  if (url.protocol !== 'https:') return 'body.endpoint: expected the push service\'s https:// address (from PushSubscription.toJSON())';
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || /^[\d.]+$/.test(host) || host.startsWith('[')) {
    return 'body.endpoint: expected a push service on the internet, not an address on this network';
  }
  return null;
}

export function pushRoutes({ hub }: Deps, push: PushSender, endpoints: PushEndpoints): RouteDef[] {
  const ticketOf = (ticketId: string | undefined) => {
    const found = findTicket(hub, ticketId ?? '');
    if (!found) throw new AppError(ErrorCode.UnknownTicket, 'No such ticket: check the address, or take a new ticket.');
    return found;
  };
  return [
    route({
      method: 'get',
      path: '/api/push/key',
      tag: 'push',
      summary: "The server's VAPID public key (base64url), for PushManager.subscribe's applicationServerKey",
      access: 'public',
      handler: () => ({ publicKey: push.publicKey }),
    }),
    route({
      method: 'post',
      path: '/api/tickets/:ticketId/push',
      tag: 'push',
      summary:
        "A phone subscribes for its ticket's alerts with the page closed (the browser's PushSubscription.toJSON()), by the ticket's unguessable id: near, called, recalled, held, no-show, rate, answered. A finished ticket: 409. At most 5 per ticket (the oldest goes). Rate limited per address.",
      access: 'public',
      body: pushSubscriptionSchema,
      status: 201,
      handler: ({ params, body }) => {
        const { rt, ticket } = ticketOf(params.ticketId);
        if (isFinal(ticket.status)) throw new AppError(ErrorCode.InvalidTransition, `Ticket ${ticket.number} is ${ticket.status === 'done' ? 'done' : 'cancelled'}: there is nothing more to alert you about.`);
        const problem = endpointProblem(body.endpoint, endpoints) ?? keysProblem(body.keys);
        if (problem) throw new AppError(ErrorCode.BadRequest, problem);
        return { subscriptions: push.subscribe(rt, ticket, body) };
      },
    }),
    route({
      method: 'delete',
      path: '/api/tickets/:ticketId/push',
      tag: 'push',
      summary: "A phone stops its ticket's alerts: `{ endpoint }` of its subscription. Rate limited per address.",
      access: 'public',
      body: pushUnsubscribeSchema,
      handler: ({ params, body }) => {
        const { ticket } = ticketOf(params.ticketId);
        return { removed: push.unsubscribe(ticket.id, body.endpoint) };
      },
    }),
  ];
}
