import type { Queryable } from '../db/database.js';
import { COLUMNS, toDelivery, type DeliveryRow } from './deliveries.js';

/**
 * Claims, in the transaction that wrote them, the platform callbacks this transaction queued for one
 * session, so the process that committed can send them straight after the commit instead of waiting for
 * its worker's next claim. The claim is the ordinary lease (`locked_by`, `locked_until`, one attempt
 * spent): other relays' claims skip the rows, and if this process dies before sending, the lease runs out
 * and any worker delivers them (at-least-once, as with every claim).
 *
 * Rows of this transaction are those with `created_at = now()` (the transaction's start time, the column's
 * default). Nothing is claimed while the session has any other pending platform row (a retry waiting, a
 * callback in flight elsewhere): order per session is the worker's to keep then. Callers hold the session
 * row locked, as every writer of a session's platform events does, so no uncommitted earlier row can hide.
 */
export async function claimOwnPlatformDeliveries(tx: Queryable, sessionId: string, workerId: string, leaseMs: number): Promise<DeliveryRow[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `UPDATE deliveries SET locked_until = now() + ($3 || ' milliseconds')::interval, locked_by = $2, attempts = attempts + 1
      WHERE session_id = $1 AND channel = 'platform' AND status = 'pending' AND created_at = now()
        AND locked_until IS NULL AND next_attempt_at <= now()
        AND NOT EXISTS (
          SELECT 1 FROM deliveries e
           WHERE e.session_id = $1 AND e.channel = 'platform' AND e.status = 'pending'
             AND (e.created_at <> now() OR e.locked_until IS NOT NULL OR e.next_attempt_at > now()))
     RETURNING seq, ${COLUMNS}`,
    [sessionId, workerId, String(leaseMs)],
  );
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toDelivery);
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

/**
 * Whether this transaction queued due rows nobody has claimed (e.g. waiting-estimate updates for other
 * sessions): only then does the worker need waking. A hand-off that took everything costs no claim query,
 * which under a burst of replies would otherwise run once per wake-up.
 */
export async function queuedUnclaimed(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM deliveries
                     WHERE status = 'pending' AND next_attempt_at <= now() AND created_at = now() AND locked_until IS NULL) AS any`,
  );
  return rows[0]?.any === true;
}
