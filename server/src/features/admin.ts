/**
 * Admin CRUD and config import/export. Every edit goes through the whole-configuration schema
 * (ConfigStore.write), so the checks of an imported file and of an edit are the same ones.
 */
import {
  ErrorCode,
  centerConfigSchema,
  centerAppointmentsSchema,
  centerRemoteSchema,
  centerScheduleBody,
  counterSchema,
  createDeviceBody,
  priorityCategorySchema,
  serviceSchema,
  staffSchema,
  type CenterConfig,
} from '@qms/shared';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import { route, type RouteContext, type RouteDef } from '../http/registry.js';
import { actorName } from '../auth/principal.js';
import { ConfigConflict, withoutSecrets } from '../storage/config-store.js';
import type { Deps } from './deps.js';

const staffBody = z
  .object({
    name: staffSchema.shape.name,
    role: z.enum(['operator', 'supervisor', 'admin']),
    password: z.string().min(8, 'passwords need at least 8 characters').max(200).optional(),
    /** Left out: unchanged for a person already here (a missing field never widens rights). */
    services: z.array(z.string().min(1).max(64)).optional(),
  })
  .strict();

/** Only what is sent changes: a display's scope left out stays as it is. */
const deviceUpdateBody = z
  .object({ name: createDeviceBody.shape.name.optional(), counters: z.array(z.string().min(1).max(64)).optional(), services: z.array(z.string().min(1).max(64)).optional() })
  .strict();

type Ctx = RouteContext<unknown>;

const exportQuery = z.object({ secrets: z.literal('include').optional() });

export function adminRoutes(deps: Deps): RouteDef[] {
  const { hub, configs, auth } = deps;

  const centerOf = (ctx: Ctx) => hub.get(ctx.principal?.centerId).centerId;
  const current = (ctx: Ctx): CenterConfig => configs.read(centerOf(ctx)) as CenterConfig;
  /** Every change, item or whole file, goes through ConfigStore.write and its checks. */
  const save = (ctx: Ctx, cfg: CenterConfig) => {
    let written: CenterConfig;
    try {
      written = configs.write(cfg, { actor: ctx.principal?.kind === 'staff' ? ctx.principal.login : undefined, now: deps.clock() });
    } catch (err) {
      if (err instanceof ConfigConflict) throw new AppError(ErrorCode.Conflict, err.message);
      throw err;
    }
    hub.get(cfg.center.id).configChanged(actorName(ctx.principal));
    // A changed password or a removed person: their open sockets close now, not at the next command.
    auth.changed();
    return written;
  };

  /** PUT/DELETE/GET for a collection of the config keyed by `id`. */
  function collection<K extends 'services' | 'priorityCategories' | 'counters'>(
    key: K,
    path: string,
    schema: z.ZodType,
    inUse: (cfg: CenterConfig, id: string, ctx: Ctx) => string | null,
  ): RouteDef[] {
    return [
      route({ method: 'get', path: `/api/admin/${path}`, tag: 'admin', summary: `List ${path}`, access: 'supervisor', handler: (ctx) => current(ctx)[key] }),
      route({
        method: 'put',
        path: `/api/admin/${path}/:id`,
        tag: 'admin',
        summary: `Create or replace one of ${path}`,
        access: 'admin',
        // The id comes from the path; the rest is checked against the item's schema.
        body: z.record(z.string(), z.unknown()),
        handler: (ctx) => {
          const cfg = current(ctx);
          const item = parseInput(schema, { ...(ctx.body as object), id: ctx.params.id }, 'body') as CenterConfig[K][number];
          const list = cfg[key] as { id: string }[];
          const at = list.findIndex((x) => x.id === ctx.params.id);
          if (at >= 0) list[at] = item;
          else list.push(item);
          const saved = save(ctx, cfg);
          return (saved[key] as { id: string }[]).find((x) => x.id === ctx.params.id);
        },
      }),
      route({
        method: 'delete',
        path: `/api/admin/${path}/:id`,
        tag: 'admin',
        summary: `Delete one of ${path}`,
        access: 'admin',
        handler: (ctx) => {
          const cfg = current(ctx);
          const id = ctx.params.id ?? '';
          const list = cfg[key] as { id: string }[];
          if (!list.some((x) => x.id === id)) throw new AppError(ErrorCode.NotFound, `There is no ${path} entry "${id}".`);
          const why = inUse(cfg, id, ctx);
          if (why) throw new AppError(ErrorCode.Conflict, why);
          (cfg[key] as { id: string }[]) = list.filter((x) => x.id !== id);
          save(ctx, cfg);
          return { ok: true };
        },
      }),
    ];
  }

  // Open tickets and open counters are ConfigStore.write's to check (config-checks.ts), for every path.
  return [
    ...collection('services', 'services', serviceSchema, (cfg, id) => {
      const c = cfg.counters.find((x) => x.services.some((s) => s.serviceId === id) || x.canServe?.includes(id));
      return c ? `Counter ${c.number} serves "${id}"; change its services first.` : null;
    }),
    ...collection('priorityCategories', 'priority-categories', priorityCategorySchema, () => null),
    ...collection('counters', 'counters', counterSchema, () => null),

    route({
      method: 'get',
      path: '/api/admin/schedule',
      tag: 'admin',
      summary: "The center's weekly opening hours and closed days (each service may have its own)",
      access: 'supervisor',
      handler: (ctx) => (({ hours, closedDays }) => ({ hours, closedDays: closedDays ?? [] }))(current(ctx).center),
    }),
    route({
      method: 'put',
      path: '/api/admin/schedule',
      tag: 'admin',
      summary: "Replace the center's weekly opening hours and closed days (holidays, one-off closures)",
      access: 'admin',
      body: centerScheduleBody,
      handler: (ctx) => {
        const cfg = current(ctx);
        const { closedDays: _old, ...center } = cfg.center;
        const { hours, closedDays } = ctx.body;
        cfg.center = { ...center, hours, ...(closedDays.length > 0 ? { closedDays } : {}) };
        const saved = save(ctx, cfg).center;
        return { hours: saved.hours, closedDays: saved.closedDays ?? [] };
      },
    }),

    route({
      method: 'get',
      path: '/api/admin/appointments',
      tag: 'admin',
      summary: "The center's appointment rules: check-in window, what the booking page asks, retention of personal data, bookings per contact a day",
      access: 'supervisor',
      handler: (ctx) => current(ctx).center.appointments,
    }),
    route({
      method: 'put',
      path: '/api/admin/appointments',
      tag: 'admin',
      summary: "Replace the center's appointment rules (each service's own booking settings are in its service)",
      access: 'admin',
      body: centerAppointmentsSchema.strict(),
      handler: (ctx) => {
        const cfg = current(ctx);
        cfg.center = { ...cfg.center, appointments: ctx.body };
        return save(ctx, cfg).center.appointments;
      },
    }),

    route({
      method: 'get',
      path: '/api/admin/remote',
      tag: 'admin',
      summary: "The center's rules for joining from a phone (docs/SPEC.md V1–V5): grace time, per-phone and per-number limits a day, whether the join page asks for a number, the hall poster's code, when the phone alerts",
      access: 'supervisor',
      handler: (ctx) => current(ctx).center.remote,
    }),
    route({
      method: 'put',
      path: '/api/admin/remote',
      tag: 'admin',
      summary: "Replace the center's rules for joining from a phone alone, so that Settings saving them cannot undo another admin's edit (each service's own are in its service); no hallCode: one derived from the server's secret",
      access: 'admin',
      body: centerRemoteSchema.strict(),
      handler: (ctx) => {
        const cfg = current(ctx);
        cfg.center = { ...cfg.center, remote: ctx.body };
        return save(ctx, cfg).center.remote;
      },
    }),

    route({
      method: 'get',
      path: '/api/admin/staff',
      tag: 'admin',
      summary: 'List staff (without password hashes)',
      access: 'supervisor',
      handler: (ctx) => current(ctx).staff.map(({ login, name, role, services }) => ({ login, name, role, services })),
    }),
    route({
      method: 'put',
      path: '/api/admin/staff/:login',
      tag: 'admin',
      summary: 'Create or update a staff member; a new password ends their sessions',
      access: 'admin',
      body: staffBody,
      handler: (ctx) => {
        const cfg = current(ctx);
        const login = ctx.params.login ?? '';
        const old = cfg.staff.find((s) => s.login === login);
        if (!old && !ctx.body.password) throw new AppError(ErrorCode.BadRequest, 'body.password: a new staff member needs a password');
        if (!old && ctx.body.role === 'operator' && !ctx.body.services) {
          throw new AppError(ErrorCode.BadRequest, 'body.services: say which services the operator is trained for ([] = all of them)');
        }
        // Fields left out keep their value: an omitted `services` must not turn into "unrestricted".
        const next = { login, ...ctx.body, ...(ctx.body.password ? {} : { passwordHash: old?.passwordHash }), services: ctx.body.services ?? old?.services ?? [] };
        cfg.staff = old ? cfg.staff.map((s) => (s.login === login ? next : s)) : [...cfg.staff, next];
        const saved = save(ctx, cfg).staff.find((s) => s.login === login);
        return { login, name: next.name, role: next.role, services: saved?.services ?? next.services };
      },
    }),
    route({
      method: 'delete',
      path: '/api/admin/staff/:login',
      tag: 'admin',
      summary: 'Remove a staff member and end their sessions',
      access: 'admin',
      handler: (ctx) => {
        const cfg = current(ctx);
        const login = ctx.params.login ?? '';
        if (ctx.principal?.kind === 'staff' && ctx.principal.login === login) throw new AppError(ErrorCode.Conflict, 'You cannot remove yourself.');
        if (!cfg.staff.some((s) => s.login === login)) throw new AppError(ErrorCode.NotFound, `There is no staff member "${login}".`);
        cfg.staff = cfg.staff.filter((s) => s.login !== login);
        save(ctx, cfg);
        return { ok: true };
      },
    }),

    route({
      method: 'get',
      path: '/api/admin/devices',
      tag: 'admin',
      summary: 'List paired devices (kiosks, displays)',
      access: 'supervisor',
      handler: (ctx) => current(ctx).devices.map(({ tokenHash, ...d }) => ({ ...d, paired: tokenHash !== undefined })),
    }),
    route({
      method: 'post',
      path: '/api/admin/devices',
      tag: 'admin',
      summary: 'Add a kiosk or display; returns a 6-digit pairing code valid for 15 minutes',
      access: 'admin',
      body: createDeviceBody,
      status: 201,
      handler: (ctx) => {
        const cfg = current(ctx);
        if (cfg.devices.some((d) => d.id === ctx.body.id)) throw new AppError(ErrorCode.Conflict, `Device "${ctx.body.id}" exists; use PUT to change it.`);
        cfg.devices.push(ctx.body);
        save(ctx, cfg);
        return { device: ctx.body, pairing: auth.startPairing(cfg.center.id, ctx.body.id) };
      },
    }),
    route({
      method: 'put',
      path: '/api/admin/devices/:id',
      tag: 'admin',
      summary: "Rename a device or change a display's counters/services",
      access: 'admin',
      body: deviceUpdateBody,
      handler: (ctx) => {
        const cfg = current(ctx);
        const d = cfg.devices.find((x) => x.id === ctx.params.id);
        if (!d) throw new AppError(ErrorCode.NotFound, `There is no device "${ctx.params.id}".`);
        for (const [k, v] of Object.entries(ctx.body)) if (v !== undefined) Object.assign(d, { [k]: v });
        save(ctx, cfg);
        return d;
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/devices/:id/pairing',
      tag: 'admin',
      summary: 'Re-pair a device: its old token stops working, a new pairing code is returned',
      access: 'admin',
      status: 201,
      handler: (ctx) => {
        const centerId = centerOf(ctx);
        if (!current(ctx).devices.some((d) => d.id === ctx.params.id)) throw new AppError(ErrorCode.NotFound, `There is no device "${ctx.params.id}".`);
        return auth.startPairing(centerId, ctx.params.id ?? '');
      },
    }),
    route({
      method: 'delete',
      path: '/api/admin/devices/:id',
      tag: 'admin',
      summary: 'Remove a device; its token stops working at once',
      access: 'admin',
      handler: (ctx) => {
        const cfg = current(ctx);
        if (!cfg.devices.some((d) => d.id === ctx.params.id)) throw new AppError(ErrorCode.NotFound, `There is no device "${ctx.params.id}".`);
        cfg.devices = cfg.devices.filter((d) => d.id !== ctx.params.id);
        save(ctx, cfg);
        return { ok: true };
      },
    }),

    route({
      method: 'get',
      path: '/api/admin/config',
      tag: 'admin',
      summary: 'Export the whole center configuration as one JSON file (qms-center/1); password hashes and device tokens only with ?secrets=include (a backup)',
      access: 'admin',
      handler: (ctx) => {
        const parsed = exportQuery.safeParse(ctx.query);
        if (!parsed.success) throw new AppError(ErrorCode.BadRequest, 'query.secrets: expected "include" or nothing');
        const cfg = current(ctx);
        ctx.res.setHeader('Content-Disposition', `attachment; filename="${cfg.center.id}-config.json"`);
        return parsed.data.secrets === 'include' ? cfg : withoutSecrets(cfg);
      },
    }),
    route({
      method: 'put',
      path: '/api/admin/config',
      tag: 'admin',
      summary: "Import a whole configuration for this admin's center; validated first, errors name the JSON path",
      access: 'admin',
      body: centerConfigSchema,
      handler: (ctx) => {
        const centerId = centerOf(ctx);
        if (ctx.body.center.id !== centerId) {
          throw new AppError(ErrorCode.BadRequest, `body.center.id: this file is for center "${ctx.body.center.id}", you administer "${centerId}"`);
        }
        return withoutSecrets(save(ctx, ctx.body));
      },
    }),
  ];
}
