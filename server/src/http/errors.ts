import { ErrorCode, formatIssues, type AppErrorBody } from '@qms/shared';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';

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
      return 404;
    case ErrorCode.NotQualified:
      return 422;
    case ErrorCode.RateLimited:
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

export function toErrorBody(err: unknown, where = ''): AppErrorBody {
  if (err instanceof AppError) return err.body;
  if (err instanceof ZodError) return { code: ErrorCode.BadRequest, message: formatIssues(err, where) };
  return { code: ErrorCode.Internal, message: 'Internal error; it has been logged.' };
}

/** The one error shape: `{ error: { code, message } }`. */
export function errorHandler(log: { error: (obj: object, msg: string) => void }): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const e = err as { type?: string; status?: number; expose?: boolean };
    // body-parser errors (bad JSON, too large) carry a 4xx status of their own.
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
      const message = e.type === 'entity.too.large' ? 'The request body is too large.' : e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : (err as Error).message;
      res.status(e.status).json({ error: { code: e.status === 413 ? ErrorCode.BadRequest : ErrorCode.BadRequest, message } });
      return;
    }
    const body = toErrorBody(err, 'body');
    if (body.code === ErrorCode.Internal) log.error({ err }, 'unhandled error');
    res.status(httpStatus(body.code)).json({ error: body });
  };
}
