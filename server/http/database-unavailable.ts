import { BatonError } from '../core/errors.js';
import type { DatabaseReachability } from '../db/reachability.js';

/**
 * Long enough for a restart or a failover to get somewhere, short enough that a client (the SDK waits up to 60 s)
 * is back soon after the database: the outbox, meanwhile, looks for work every 5 s at most.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A request that failed because the database is out of reach becomes a 503 the client should retry: nothing it
 * sent was stored (its statement never committed). The process's reachability tracker logs the outage once, not
 * one stack per request; any other error comes back unchanged, for the caller to log as a bug.
 */
export function asDatabaseUnavailable(error: unknown, reachability: DatabaseReachability, noticedBy: string): unknown {
  if (error instanceof BatonError || !reachability.failed(error, noticedBy)) return error;
  return new BatonError('database_unavailable', undefined, undefined, { cause: error, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
}
