import type { Queryable } from '../db/database.js';

/**
 * Zendesk may invoke a webhook more than once for one action; the invocation id is remembered so
 * a repeat changes nothing. Returns false for a repeat.
 */
export async function recordInvocation(q: Queryable, tenantId: string, invocationId: string, body: unknown): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO zendesk_inbox (tenant_id, invocation_id, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [tenantId, invocationId, JSON.stringify(body)],
  );
  return r.rowCount > 0;
}

/**
 * A catch-up of this ticket is already queued for the session: another one would find nothing new. A trigger's
 * check for one event-borne comment (`await_event`) does not count: it reads nothing when its comment came.
 */
export async function hasPendingSync(q: Queryable, sessionId: string, ticketId: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM deliveries WHERE session_id = $1 AND channel = 'inbound' AND status = 'pending'
        AND (locked_until IS NULL OR locked_until < now()) AND payload->>'ticket_id' = $2
        AND payload->>'await_event' IS NULL LIMIT 1`,
    [sessionId, ticketId],
  );
  return rows.length > 0;
}
