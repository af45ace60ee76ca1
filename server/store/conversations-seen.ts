import type { Queryable } from '../db/database.js';

/**
 * Notes that an AI agent evaluated or handed off a conversation: the denominator of the handoff rate.
 * Only the first sighting counts, so a conversation evaluated on every turn is still one conversation.
 */
export async function recordConversationSeen(
  q: Queryable,
  c: { tenantId: string; agentId: string; conversationId: string },
): Promise<void> {
  await q.query(
    `INSERT INTO conversations_seen (agent_id, conversation_id, tenant_id) VALUES ($1, $2, $3)
     ON CONFLICT (agent_id, conversation_id) DO NOTHING`,
    [c.agentId, c.conversationId, c.tenantId],
  );
}

/**
 * Skips the write for conversations this process recorded recently (an evaluate call per turn would
 * otherwise write once per turn). Bounded: when full it forgets everything, and the next write is a no-op anyway.
 */
export function conversationSeenCache(limit = 50_000) {
  const seen = new Set<string>();
  return {
    async record(q: Queryable, c: { tenantId: string; agentId: string; conversationId: string }): Promise<void> {
      const key = `${c.agentId}\u0000${c.conversationId}`;
      if (seen.has(key)) return;
      await recordConversationSeen(q, c);
      if (seen.size >= limit) seen.clear();
      seen.add(key);
    },
  };
}
