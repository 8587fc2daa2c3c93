import { BALANCE_MODES, startOfLocalDay, type CenterConfig } from '@qms/shared';
import { z } from 'zod';
import { actorName } from '../auth/principal.js';
import { AppError } from '../http/errors.js';
import { route, type RouteDef } from '../http/registry.js';
import type { Deps } from './deps.js';

const modeBody = z.object({ mode: z.enum(BALANCE_MODES) }).strict();
const AUDITED = new Set(['counter:services-changed', 'balance:proposed', 'balance:resolved']);

export function balanceRoutes({ hub, configs, clock, live }: Deps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/balance',
      tag: 'balance',
      summary: "The rebalancer's mode (off, suggest, auto) and its open proposals",
      access: 'staff',
      handler: ({ principal }) => {
        const rt = hub.get(principal?.centerId);
        return { mode: rt.balancer.mode, proposals: rt.balancer.list() };
      },
    }),
    route({
      method: 'put',
      path: '/api/balance/mode',
      tag: 'balance',
      summary: 'Switch the rebalancer off, to suggestions for the supervisor, or to automatic merging',
      access: 'supervisor',
      body: modeBody,
      handler: ({ principal, body }) => {
        const rt = hub.get(principal?.centerId);
        const cfg = configs.read(rt.centerId) as CenterConfig;
        configs.write({ ...cfg, center: { ...cfg.center, balancing: { mode: body.mode } } });
        rt.configChanged(actorName(principal));
        rt.balancer.tick(clock());
        return { mode: rt.balancer.mode, proposals: rt.balancer.list() };
      },
    }),
    ...(['accept', 'reject'] as const).map((verb) =>
      route({
        method: 'post',
        path: `/api/balance/proposals/:id/${verb}`,
        tag: 'balance',
        summary: verb === 'accept' ? 'Carry out a proposed merge or release' : 'Turn a proposal down',
        access: 'supervisor',
        handler: ({ principal, params }) => {
          const rt = hub.get(principal?.centerId);
          const out = rt.balancer.resolve(params.id ?? '', verb === 'accept', actorName(principal) ?? 'staff');
          if (!out.ok) throw new AppError(out.error.code, out.error.message);
          return { mode: rt.balancer.mode, proposals: rt.balancer.list(), seq: out.seq };
        },
      }),
    ),
    route({
      method: 'get',
      path: '/api/balance/log',
      tag: 'balance',
      summary: "Today's audit trail of merges, releases and proposals: when, who, why",
      access: 'supervisor',
      handler: ({ principal }) => {
        const rt = hub.get(principal?.centerId);
        const from = startOfLocalDay(clock(), rt.config.center.timezone);
        return live.factsFrom(rt.centerId, from).filter((f) => AUDITED.has(f.type));
      },
    }),
  ];
}
