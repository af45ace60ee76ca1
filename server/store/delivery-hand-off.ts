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
 * done (and seen here as in flight) or waits for this transaction (then skips the rows). Nothing is claimed
 * while any of them is in flight elsewhere or waiting for a retry: the order is the worker's to keep then.
 */
export async function claimOwnPlatformDeliveries(tx: Queryable, sessionId: string, workerId: string, leaseMs: number): Promise<DeliveryRow[]> {
  const { rows: pending } = await tx.query<{ seq: string; busy: boolean }>(
    `SELECT seq::text AS seq, (locked_until >= now() OR next_attempt_at > now()) AS busy FROM deliveries
      WHERE session_id = $1 AND channel = 'platform' AND status = 'pending'
      ORDER BY seq FOR UPDATE`,
    [sessionId],
  );
  if (pending.length === 0 || pending.some((r) => r.busy)) return [];
  const { rows } = await tx.query<Record<string, unknown>>(
    `UPDATE deliveries SET locked_until = now() + ($3 || ' milliseconds')::interval, locked_by = $2, attempts = attempts + 1
      WHERE seq = ANY($1::bigint[])
     RETURNING seq, ${COLUMNS}`,
    [pending.map((r) => r.seq), workerId, String(leaseMs)],
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
 * sessions; `created_at` defaults to the transaction's start): only then does the worker need waking. A hand-off that took everything costs no claim query,
 * which under a burst of replies would otherwise run once per wake-up.
 */
export async function queuedUnclaimed(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM deliveries
                     WHERE status = 'pending' AND next_attempt_at <= now() AND created_at = now() AND locked_until IS NULL) AS any`,
  );
  return rows[0]?.any === true;
}
