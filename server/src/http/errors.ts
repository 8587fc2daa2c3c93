import { ErrorCode, formatIssues, type AppErrorBody } from '@qms/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { notSaved, storageProblem } from '../storage/problems.js';
import { OVERLOADED } from './overload.js';

/** A refusal with a code and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
  get body(): AppErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadRequest:
      return 400;
    case ErrorCode.Unauthorized:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.NotYourCounter:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.UnknownService:
    case ErrorCode.UnknownCounter:
    case ErrorCode.UnknownTicket:
    case ErrorCode.UnknownCategory:
    case ErrorCode.UnknownAppointment:
    case ErrorCode.UnknownWebhook:
      return 404;
    case ErrorCode.NotQualified:
      return 422;
    case ErrorCode.RateLimited:
    case ErrorCode.RemoteLimit:
      return 429;
    case ErrorCode.Internal:
      return 500;
    case ErrorCode.Unavailable:
      return 503;
    default:
      // Queue-state refusals: the request was understood but the hall is not in a state for it.
      return 409;
  }
}

/** Problems named in one message; a body with 100 000 bad items must not come back as a 7 MB message. */
const MAX_ISSUES = 10;
const MAX_MESSAGE = 1_000;

export function toErrorBody(err: unknown, where = ''): AppErrorBody {
  if (err instanceof AppError) return err.body;
  if (err instanceof ZodError) {
    const shown = formatIssues(err.issues.length > MAX_ISSUES ? new ZodError(err.issues.slice(0, MAX_ISSUES)) : err, where);
    const more = err.issues.length - MAX_ISSUES;
    const message = shown.length > MAX_MESSAGE ? `${shown.slice(0, MAX_MESSAGE)}…` : shown;
    return { code: ErrorCode.BadRequest, message: more > 0 ? `${message}; and ${more} more problems` : message };
  }
  // A write outside the queue's own commands (a login's session, an admin change) hit a full disk or
  // a read-only file: say so as the queue's commands do, not as an internal error.
  if (storageProblem(err)) return { code: ErrorCode.Unavailable, message: notSaved(err) };
  return { code: ErrorCode.Internal, message: 'Internal error; it has been logged.' };
}

/** The message for a 4xx raised below our routes: body-parser's, or the router's for an undecodable path. */
function clientErrorMessage(err: { type?: string; expose?: boolean; message?: string }): string {
  if (err.type === 'entity.too.large') return 'The request body is too large.';
  if (err.type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (err instanceof URIError) return 'The URL path has malformed percent-encoding (a "%" must be followed by two hex digits of UTF-8).';
  // body-parser's own refusals carry a `type`; any other failure while reading (a system error with a
  // file path in its message) is wrapped into a 400 with that message, which is not for the client.
  return err.type && err.expose && err.message ? err.message : 'The request is malformed.';
}

/** The one error shape: `{ error: { code, message } }`. */
export function errorHandler(log: { error: (obj: object, msg: string) => void }): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    // Half an answer is out already: nothing can be said any more; Express closes the connection.
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; expose?: boolean; message?: string; code?: unknown };
    // Out of file descriptors (a flood of connections): an overload, whatever failed on the way.
    if (e.code === 'EMFILE' || e.code === 'ENFILE') {
      log.error({ code: e.code }, 'out of file descriptors while serving a request');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: OVERLOADED });
      return;
    }
    // body-parser errors (bad JSON, too large, unsupported charset) carry a 4xx status of their own,
    // and so does the router's URIError for a path like /api/tickets/%E0%A4%A, without `expose`.
    if (!(err instanceof AppError) && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: ErrorCode.BadRequest, message: clientErrorMessage(e) } });
      return;
    }
    const body = toErrorBody(err, 'body');
    if (body.code === ErrorCode.Internal) log.error({ err }, 'unhandled error');
    if (body.code === ErrorCode.Unavailable) log.error({ err }, 'storage write failed');
    res.status(httpStatus(body.code)).json({ error: body });
  };
}

/**
 * Last of all: whatever no route took (`//api/auth/login`, `/nope`, a method no route has) is a 404
 * in the one error shape, not Express's HTML page. The path is not echoed back.
 */
export function notFound(): RequestHandler {
  return (_req, res) => void res.status(404).json({ error: { code: ErrorCode.NotFound, message: 'Nothing here. The apps are at /kiosk/, /counter/ and /display/; the API is described at /api/openapi.json.' } });
}
