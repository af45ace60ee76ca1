import type { Queryable } from '../db/database.js';

/**
 * The highest Zendesk comment id of a ticket already looked at. It belongs to the ticket, not to a
 * session, so a comment relayed under one session is never relayed again under the next session of
 * the same conversation. Locking the row serializes two catch-ups of one ticket.
 */
export async function lockTicketCursor(q: Queryable, tenantId: string, ticketId: string): Promise<{ cursor: bigint; lastStatus: string | null }> {
  // One statement (it runs once per relayed reply): the no-op update takes the row lock, waiting for a
  // concurrent holder, and RETURNING reads the row as that holder left it.
  const { rows } = await q.query<{ c: string; last_status: string | null }>(
    `INSERT INTO ticket_cursors (tenant_id, ticket_id) VALUES ($1, $2)
     ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET comment_cursor = ticket_cursors.comment_cursor
     RETURNING comment_cursor::text AS c, last_status`,
    [tenantId, ticketId],
  );
  return { cursor: BigInt(rows[0]?.c ?? '0'), lastStatus: rows[0]?.last_status ?? null };
}

export async function setTicketCursor(q: Queryable, tenantId: string, ticketId: string, cursor: bigint, status: string): Promise<void> {
  await q.query(
    `UPDATE ticket_cursors SET comment_cursor = GREATEST(comment_cursor, $3::bigint), last_status = $4 WHERE tenant_id = $1 AND ticket_id = $2`,
    [tenantId, ticketId, cursor.toString(), status.toLowerCase()],
  );
}

/** Comments of the ticket relayed from their comment_added event and not yet passed by the cursor. */
export async function eventRelayedComments(q: Queryable, tenantId: string, ticketId: string): Promise<Set<string>> {
  const { rows } = await q.query<{ c: string }>(
    `SELECT comment_id::text AS c FROM ticket_event_comments WHERE tenant_id = $1 AND ticket_id = $2`,
    [tenantId, ticketId],
  );
  return new Set(rows.map((r) => r.c));
}

export async function recordEventRelayedComments(q: Queryable, tenantId: string, ticketId: string, commentIds: readonly string[]): Promise<void> {
  if (commentIds.length === 0) return;
  await q.query(
    `INSERT INTO ticket_event_comments (tenant_id, ticket_id, comment_id) SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING`,
    [tenantId, ticketId, commentIds],
  );
}

/** A catch-up read the whole ticket up to `cursor`: the event records below it have served their purpose. */
export async function forgetEventRelayedComments(q: Queryable, tenantId: string, ticketId: string, cursor: bigint): Promise<void> {
  await q.query(`DELETE FROM ticket_event_comments WHERE tenant_id = $1 AND ticket_id = $2 AND comment_id <= $3::bigint`, [
    tenantId,
    ticketId,
    cursor.toString(),
  ]);
}

/** The comment is accounted for: under the cursor, or relayed from its event already. */
export async function isCommentRelayed(q: Queryable, tenantId: string, ticketId: string, commentId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM ticket_cursors WHERE tenant_id = $1 AND ticket_id = $2 AND comment_cursor >= $3::bigint
     UNION ALL SELECT 1 FROM ticket_event_comments WHERE tenant_id = $1 AND ticket_id = $2 AND comment_id = $3::bigint LIMIT 1`,
    [tenantId, ticketId, commentId],
  );
  return rows.length > 0;
}
