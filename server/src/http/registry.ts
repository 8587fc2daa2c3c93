/**
 * One table of routes drives both Express and the OpenAPI document, so the documented API and the
 * served one cannot drift apart. Bodies are validated with the route's zod schema before the
 * handler runs; every refusal leaves as `{ error: { code, message } }`.
 */
import { ErrorCode } from '@qms/shared';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { AppError } from './errors.js';
import { parseInput } from './validate.js';

export type Access = 'public' | 'device-or-staff' | 'staff' | 'supervisor' | 'admin';

export interface RouteContext<B> {
  body: B;
  params: Record<string, string>;
  query: Record<string, unknown>;
  principal: Principal | null;
  req: Request;
  res: Response;
}

export interface RouteDef<S extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  access: Access;
  body?: S;
  /** HTTP status on success (default 200). */
  status?: number;
  handler: (ctx: RouteContext<z.infer<S>>) => unknown;
}

/** Helps TypeScript infer the body type of each route from its schema. */
export function route<S extends z.ZodType>(def: RouteDef<S>): RouteDef {
  return def as unknown as RouteDef;
}

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

export function checkAccess(access: Access, p: Principal | null): void {
  if (access === 'public') return;
  if (!p) throw new AppError(ErrorCode.Unauthorized, 'Missing or expired token: log in, or pair this device again.');
  if (access === 'device-or-staff') return;
  if (p.kind !== 'staff') throw new AppError(ErrorCode.Forbidden, 'Only staff can do this.');
  if (access === 'supervisor' && p.role === 'operator') throw new AppError(ErrorCode.Forbidden, 'Only a supervisor or an admin can do this.');
  if (access === 'admin' && p.role !== 'admin') throw new AppError(ErrorCode.Forbidden, 'Only an admin can do this.');
}

/**
 * Every path parameter names an id (services, counters, staff, devices, tickets, proposals), and no
 * id is longer than this: a longer one names nothing, and is refused before a message echoes it.
 */
export const MAX_PATH_PARAM = 64;

function checkParams(params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (value.length > MAX_PATH_PARAM) throw new AppError(ErrorCode.BadRequest, `path.${name}: expected an id of at most ${MAX_PATH_PARAM} characters`);
  }
}

/**
 * `settled` resolves once every change made so far is on the disk: an answer waits for it, so
 * nobody is told of a ticket (or shown a queue) that a power cut could still take back.
 */
export function mount(router: Router, routes: RouteDef[], settled: () => Promise<void>): void {
  for (const r of routes) {
    router[r.method](r.path, async (req, res) => {
      const principal = principalOf(res);
      checkAccess(r.access, principal);
      checkParams(req.params as Record<string, string>);
      const body = r.body ? parseInput(r.body, req.body ?? {}, 'body') : undefined;
      const data = await r.handler({ body, params: req.params as Record<string, string>, query: req.query, principal, req, res });
      await settled();
      if (!res.headersSent) sendJson(res, r.status ?? 200, data);
    });
  }
}

/**
 * Every answer of the API is JSON: one stringify and one write. (Express's res.json also works
 * out the content type and charset and weighs freshness on every answer, a measurable share of a
 * busy server's time for nothing here: there are no ETags, and HEAD bodies are dropped by Node.)
 */
function sendJson(res: Response, status: number, data: unknown): void {
  const text = JSON.stringify(data) ?? '';
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', enum: Object.values(ErrorCode) }, message: { type: 'string' } },
    },
  },
};

export function openApiDocument(routes: RouteDef[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string', maxLength: MAX_PATH_PARAM } }));
    (paths[path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.access === 'public' ? { security: [] } : { description: `Requires: ${r.access}.` }),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK' },
        default: { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'QMS: queue management for public service centers', version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A staff session token (POST /api/auth/login) or a paired device token.' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
