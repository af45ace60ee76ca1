import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { BatonError, ERROR_CATALOGUE, type ErrorCode } from '../core/errors.js';
import { withUnknownFieldsNamed } from '../core/unknown-fields.js';
import type { DatabaseReachability } from '../db/reachability.js';
import { asDatabaseUnavailable } from './database-unavailable.js';

export function errorBody(code: ErrorCode, message?: string, details?: unknown) {
  return { error: { code, message: message ?? ERROR_CATALOGUE[code].message, ...(details === undefined ? {} : { details }) } };
}

/** zod issues → `details.issues` with dotted paths, so a client sees which field is wrong. */
export function validationDetails(error: z.ZodError) {
  return {
    issues: withUnknownFieldsNamed(error.issues).map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  };
}

export function validationMessage(error: z.ZodError): string {
  const issues = withUnknownFieldsNamed(error.issues);
  const first = issues[0];
  if (!first) return ERROR_CATALOGUE.validation_failed.message;
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}

/** The one place where failures become responses; 5xx details stay in the log. */
export function createErrorHandler(log: Logger, reachability: DatabaseReachability) {
  return (thrown: Error, c: Context) => {
    const err = asDatabaseUnavailable(thrown, reachability, `${c.req.method} ${c.req.path}`) as Error;
    if (err instanceof BatonError) {
      if (err.retryAfterSeconds !== undefined) c.header('retry-after', String(err.retryAfterSeconds));
      return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 413) return c.json(errorBody('payload_too_large'), 413);
      if (status === 400 && /json/i.test(err.message)) return c.json(errorBody('invalid_json'), 400);
      if (status < 500) return c.json(errorBody('invalid_request', err.message || undefined), status);
    }
    log.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return c.json(errorBody('internal_error'), 500);
  };
}
