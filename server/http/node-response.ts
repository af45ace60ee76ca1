import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BatonError } from '../core/errors.js';
import type { DatabaseReachability } from '../db/reachability.js';
import { asDatabaseUnavailable } from './database-unavailable.js';
import { errorBody } from './errors.js';

/**
 * Answers for the routes served straight from Node's request (the hot paths: http/fast-ingest.ts,
 * http/fast-zendesk-webhook.ts), with the bodies, statuses and headers the Hono app's error handler gives.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** Where a fast path's failures are reported: bugs to the log, an unreachable database to the process's tracker. */
export interface FailureReporting {
  log: Pick<Logger, 'error'>;
  reachability: DatabaseReachability;
}

/**
 * A BatonError becomes its status and body (Retry-After when it has one), an unreachable database a 503 (logged
 * once per outage by `reachability`); anything else is a logged 500.
 */
export function sendFailure(
  res: ServerResponse,
  thrown: unknown,
  deps: FailureReporting,
  where: { method: string; path: string },
): void {
  const error = asDatabaseUnavailable(thrown, deps.reachability, `${where.method} ${where.path}`);
  if (error instanceof BatonError) {
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return sendJson(res, error.status, errorBody(error.code, error.message, error.details), headers);
  }
  deps.log.error({ err: error, ...where }, 'unhandled error');
  sendJson(res, 500, errorBody('internal_error'));
}
