/**
 * Requests per client address in a sliding window, for the routes anyone may call that do
 * something (logging in, pairing, a visitor withdrawing their ticket): 429 in the one error shape.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { ErrorCode } from '@qms/shared';
import { clientAddress } from './client-address.js';

export function addressLimit(opts: { windowMs: number; limit: number; message: string; name: string }, log: Logger): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json({ error: { code: ErrorCode.RateLimited, message: opts.message } }),
    // The address as `trust proxy` means it, but validated (http/client-address.ts): express-rate-limit
    // would key by whatever text a local caller put in X-Forwarded-For, and print it to stderr.
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'])),
    // Its checks report to the console with the values they checked; here only their code reaches the log.
    logger: {
      warn: (err: unknown) => log.warn({ code: (err as { code?: unknown } | null)?.code }, `${opts.name} rate limiter warning`),
      error: (err: unknown) => log.error({ code: (err as { code?: unknown } | null)?.code }, `${opts.name} rate limiter error`),
    },
  });
}
