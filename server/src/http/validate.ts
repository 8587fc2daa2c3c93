import { ErrorCode } from '@qms/shared';
import { ZodError, type z } from 'zod';
import { AppError, toErrorBody } from './errors.js';

/**
 * Parse untrusted input with a zod schema. zod 4.6 still runs length checks on a value that has
 * failed its type check, so `{"password": {"length": {"toString": 1}}}` makes zod itself throw a
 * TypeError ("Cannot convert object to primitive value"), which would leave as a 500 and an
 * error log line per request. Input that breaks the validator is never valid: refuse it as such.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  try {
    return schema.parse(input);
  } catch (err) {
    if (err instanceof ZodError) throw err;
    throw new AppError(ErrorCode.BadRequest, `${where}: a value has the wrong type (an object where text, a number or a list belongs)`);
  }
}

/** The same for a query string: a refusal names `query.<field>`, not the body. */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  try {
    return parseInput(schema, input, 'query');
  } catch (err) {
    if (err instanceof ZodError) throw new AppError(ErrorCode.BadRequest, toErrorBody(err, 'query').message);
    throw err;
  }
}
