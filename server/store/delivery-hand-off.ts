import type { Queryable } from '../db/database.js';
import { COLUMNS, toDelivery, type DeliveryRow } from './deliveries.js';

/**
 * Claims, in the transaction that queued a session's platform callbacks, every pending callback of that
 * session, so the process that committed can send them straight after the commit, in order, instead of
 * waiting for its worker's next claims (one per callback, since a session's callbacks go out one at a time).
 * The claim is the ordinary lease (`locked_by`, `locked_until`, one attempt spent): other relays' claims skip
 * the rows, and if this process dies before sending, the lease runs out and any worker delivers them
 * (at-least-once, as with every claim).
 *
 * The session's pending rows are locked first, so a worker claiming one of them at this moment is either
 * done (and seen here as in flight) or finds them locked by this transaction (and skips them). Nothing is claimed
 * while any of them is in flight elsewhere or waiting for a retry: the order is the worker's to keep then.
 */
export async function claimOwnPlatformDeliveries(
  tx: Queryable,
  sessionId: string,
  workerId: string,
  leaseMs: number,
): Promise<{ claimed: DeliveryRow[]; othersQueued: boolean }> {
  const { rows: pending } = await tx.query<{ seq: string; busy: boolean }>(
    `SELECT seq::text AS seq, (locked_until >= now() OR next_attempt_at > now()) AS busy FROM deliveries
      WHERE session_id = $1 AND channel = 'platform' AND status = 'pending'
      ORDER BY seq FOR UPDATE`,
    [sessionId],
  );
  if (pending.length === 0 || pending.some((r) => r.busy)) return { claimed: [], othersQueued: true };
  // othersQueued: whether this transaction also queued due rows left unclaimed (e.g. waiting-estimate updates
  // for other sessions; `created_at` defaults to the transaction's start). Only then does the worker need
  // waking: a hand-off that took everything costs no claim query, which under a burst would run per wake-up.
  const { rows } = await tx.query<Record<string, unknown>>(
    `WITH claimed AS (
       UPDATE deliveries SET locked_until = now() + ($3 || ' milliseconds')::interval, locked_by = $2, attempts = attempts + 1
        WHERE seq = ANY($1::bigint[])
       RETURNING seq, ${COLUMNS})
     SELECT claimed.*, EXISTS (
              SELECT 1 FROM deliveries o
               WHERE o.status = 'pending' AND o.next_attempt_at <= now() AND o.created_at = now() AND o.locked_until IS NULL
                 AND o.seq <> ALL($1::bigint[])) AS others_queued
       FROM claimed ORDER BY claimed.seq`,
    [pending.map((r) => r.seq), workerId, String(leaseMs)],
  );
  return { claimed: rows.map(toDelivery), othersQueued: rows.some((r) => r.others_queued === true) };
}

/**
 * Gives claimed rows back untouched (their attempt refunded) when a hand-off stops early: an earlier
 * callback of the session failed and will be retried, and these must go out after it, in order.
 */
export async function releaseClaims(q: Queryable, ids: readonly string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `UPDATE deliveries SET locked_until = NULL, attempts = GREATEST(attempts - 1, 0)
      WHERE id = ANY($1::text[]) AND locked_by = $2 AND status = 'pending'`,
    [[...ids], workerId],
  );
}

