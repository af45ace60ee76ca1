import type { Queryable } from '../db/database.js';

/** Rows deleted per statement, so a long backlog never becomes one huge transaction. */
const PURGE_BATCH_ROWS = 5_000;

/**
 * Deletes the rows of `table` with `column` before `before`, a batch at a time. `SKIP LOCKED`: relays
 * sharing one PostgreSQL purge side by side without waiting on each other; a row another relay is
 * deleting is simply left to it.
 */
async function purgeOlderThan(q: Queryable, table: string, column: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    // These rows are never updated, so a row's ctid is stable between the SELECT and the DELETE.
    const { rowCount } = await q.query(
      `DELETE FROM ${table} WHERE ctid IN (
         SELECT ctid FROM ${table} WHERE ${column} < $1 LIMIT ${PURGE_BATCH_ROWS} FOR UPDATE SKIP LOCKED)`,
      [before],
    );
    total += rowCount;
    if (rowCount < PURGE_BATCH_ROWS) return total;
  }
}

/** Zendesk webhook invocations received before `before` (they only serve deduplication of Zendesk's retries). */
export const purgeInbox = (q: Queryable, before: Date) =>
  purgeOlderThan(q, 'zendesk_inbox', 'received_at', before);

/** OAuth flows started before `before` and never completed (the callback refuses them anyway). */
export const purgeOAuthStates = (q: Queryable, before: Date) => purgeOlderThan(q, 'oauth_states', 'created_at', before);

/** Records of used connect links whose link has expired (an expired link is refused by its own date). */
export const purgeUsedConnectLinks = (q: Queryable, now: Date) => purgeOlderThan(q, 'connect_links_used', 'expires_at', now);

/** Marks a connect link used; false when it was used before. */
export async function claimConnectLink(q: Queryable, linkMac: string, expiresAt: Date): Promise<boolean> {
  const { rowCount } = await q.query(`INSERT INTO connect_links_used (link_mac, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [linkMac, expiresAt]);
  return rowCount > 0;
}
