import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BatonError } from '../core/errors.js';
import { errorBody } from './errors.js';

/**
 * Answers for the routes served straight from Node's request (the hot paths: http/fast-ingest.ts,
 * http/fast-zendesk-webhook.ts), with the bodies, statuses and headers the Hono app's error handler gives.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** A BatonError becomes its status and body (Retry-After when it has one); anything else is a logged 500. */
export function sendFailure(res: ServerResponse, error: unknown, log: Pick<Logger, 'error'>, where: { method: string; path: string }): void {
  if (error instanceof BatonError) {
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    return sendJson(res, error.status, errorBody(error.code, error.message, error.details), headers);
  }
  log.error({ err: error, ...where }, 'unhandled error');
  sendJson(res, 500, errorBody('internal_error'));
}
