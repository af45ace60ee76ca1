import type { Queryable } from '../db/database.js';

/**
 * The highest Zendesk comment id of a ticket already looked at. It belongs to the ticket, not to a
 * session, so a comment relayed under one session is never relayed again under the next session of
 * the same conversation. Locking the row serializes two catch-ups of one ticket.
 */
export async function lockTicketCursor(q: Queryable, tenantId: string, ticketId: string): Promise<{ cursor: bigint; lastStatus: string | null }> {
  await q.query(`INSERT INTO ticket_cursors (tenant_id, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenantId, ticketId]);
  const { rows } = await q.query<{ c: string; last_status: string | null }>(
    `SELECT comment_cursor::text AS c, last_status FROM ticket_cursors WHERE tenant_id = $1 AND ticket_id = $2 FOR UPDATE`,
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
