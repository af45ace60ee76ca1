import type { Queryable } from '../db/database.js';

/**
 * What a new handoff (session) notes about its conversation, so the handoff rate can count handed-off conversations
 * without a DISTINCT (server/insights/handed-off.ts): when the same AI agent last handed the conversation off before
 * (`previous_handoff_at`, NULL for its first handoff) and when it was first seen (`conversation_seen_at`, from
 * `conversations_seen`, which the handoff records first in the same transaction). Both are facts of the past when
 * the row is written: a later handoff is later, and a conversation's first sighting is never rewritten.
 */
export const HANDOFF_LINKS = {
  previousHandoffAt: (agentId: string, conversationId: string) =>
    `(SELECT max(created_at) FROM sessions WHERE agent_id = ${agentId} AND conversation_id = ${conversationId})`,
  conversationSeenAt: (agentId: string, conversationId: string) =>
    `(SELECT first_seen_at FROM conversations_seen WHERE agent_id = ${agentId} AND conversation_id = ${conversationId})`,
};

/**
 * Derives both links again from the rows (as migration 15 fills them), for a tenant whose history was written with
 * made-up times after the fact: the insights test plays a plan through the API and then moves the relay's stamps to
 * the planned moments, and the bench seeds rows in bulk. Ties in `created_at` are ordered by id, so of two handoffs
 * at the same instant exactly one is the conversation's first.
 */
export async function relinkHandoffs(q: Queryable, tenantId: string): Promise<void> {
  await q.query(
    `UPDATE sessions s SET previous_handoff_at = l.previous_handoff_at, conversation_seen_at = l.first_seen_at
       FROM (SELECT x.id, lag(x.created_at) OVER (PARTITION BY x.agent_id, x.conversation_id ORDER BY x.created_at, x.id) AS previous_handoff_at, c.first_seen_at
               FROM sessions x LEFT JOIN conversations_seen c ON c.agent_id = x.agent_id AND c.conversation_id = x.conversation_id
              WHERE x.tenant_id = $1) l
      WHERE l.id = s.id AND (s.previous_handoff_at IS DISTINCT FROM l.previous_handoff_at OR s.conversation_seen_at IS DISTINCT FROM l.first_seen_at)`,
    [tenantId],
  );
}
