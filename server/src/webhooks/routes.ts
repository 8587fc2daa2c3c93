/**
 * The admin's webhooks over REST (Settings → Webhooks). Admin only, reading included: a
 * webhook's URL often carries a gateway's API key, and the delivery log says what the center
 * tells the outside world. A webhook of another center is as unknown as one that never was.
 */
import { DELIVERY_STATUSES, ErrorCode, webhookInputSchema } from '@qms/shared';
import { z } from 'zod';
import { actorName, type Principal } from '../auth/principal.js';
import type { Hub } from '../center/hub.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import { parseQuery } from '../http/validate.js';
import type { Webhooks } from './webhooks.js';

const deliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES, { message: `expected one of ${DELIVERY_STATUSES.join(', ')}` }).optional(),
  limit: z.coerce.number({ message: 'expected a number of deliveries' }).int('expected a whole number').min(1, 'at least 1').max(200, 'at most 200').default(50),
});

export function webhookRoutes(hub: Hub, webhooks: Webhooks): RouteDef[] {
  const centerOf = (p: Principal | null) => hub.get(p?.centerId).centerId;
  const idOf = (params: Record<string, string>) => params.id ?? '';

  return [
    route({
      method: 'get',
      path: '/api/admin/webhooks',
      tag: 'webhooks',
      summary: "The center's webhooks (secrets shown only as a hint)",
      access: 'admin',
      handler: (ctx) => webhooks.list(centerOf(ctx.principal)),
    }),
    route({
      method: 'post',
      path: '/api/admin/webhooks',
      tag: 'webhooks',
      summary: 'Register a URL for the chosen events; the answer holds its signing secret, shown this once (docs/webhooks.md)',
      access: 'admin',
      body: webhookInputSchema,
      status: 201,
      handler: (ctx) => webhooks.create(centerOf(ctx.principal), ctx.body),
    }),
    route({
      method: 'put',
      path: '/api/admin/webhooks/:id',
      tag: 'webhooks',
      summary: "Replace a webhook's URL, events, description, switch and phone setting; disabling gives up what it still had to send",
      access: 'admin',
      body: webhookInputSchema,
      handler: (ctx) => webhooks.update(centerOf(ctx.principal), idOf(ctx.params), ctx.body),
    }),
    route({
      method: 'delete',
      path: '/api/admin/webhooks/:id',
      tag: 'webhooks',
      summary: 'Remove a webhook and its delivery log',
      access: 'admin',
      handler: (ctx) => {
        webhooks.remove(centerOf(ctx.principal), idOf(ctx.params));
        return { ok: true };
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/webhooks/:id/rotate-secret',
      tag: 'webhooks',
      summary: 'A new signing secret, shown this once; every delivery sent from now on is signed with it',
      access: 'admin',
      handler: (ctx) => webhooks.rotateSecret(centerOf(ctx.principal), idOf(ctx.params)),
    }),
    route({
      method: 'post',
      path: '/api/admin/webhooks/:id/test',
      tag: 'webhooks',
      summary: 'Send a `webhook.test` delivery to this webhook now, whatever its events',
      access: 'admin',
      status: 201,
      handler: (ctx) => webhooks.test(centerOf(ctx.principal), idOf(ctx.params), actorName(ctx.principal)),
    }),
    route({
      method: 'get',
      path: '/api/admin/webhooks/:id/deliveries',
      tag: 'webhooks',
      summary: "A webhook's delivery log, newest first: ?status=pending|delivered|failed, ?limit= (50, at most 200)",
      access: 'admin',
      handler: (ctx) => {
        const q = parseQuery(deliveriesQuery, ctx.query);
        return webhooks.deliveries(centerOf(ctx.principal), idOf(ctx.params), q.status ?? null, q.limit);
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/webhooks/deliveries/:deliveryId/retry',
      tag: 'webhooks',
      summary: 'Try a failed delivery again now, with a fresh schedule of retries',
      access: 'admin',
      handler: (ctx) => {
        const raw = ctx.params.deliveryId ?? '';
        if (!/^[1-9]\d{0,14}$/.test(raw)) throw new AppError(ErrorCode.NotFound, `There is no delivery "${raw}" here.`);
        return webhooks.retry(centerOf(ctx.principal), Number(raw));
      },
    }),
  ];
}
