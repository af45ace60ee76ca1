import type { Queryable } from '../db/database.js';
import { OPEN_STATES } from '../core/session-machine.js';

/** What the app may show of an API key: never the secret (only its hash is stored), only what names it. */
export interface ApiKeyListing {
  id: string;
  /** The key's visible start, `bk_<id>_`, so an admin can match it to the key a platform uses. */
  prefix: string;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listApiKeys(q: Queryable, agentId: string): Promise<ApiKeyListing[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT id, label, created_at, revoked_at FROM api_keys WHERE agent_id = $1 ORDER BY created_at, id`,
    [agentId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    prefix: `bk_${r.id as string}_`,
    label: (r.label as string | null) ?? null,
    createdAt: r.created_at as Date,
    revokedAt: (r.revoked_at as Date | null) ?? null,
  }));
}

/** Revokes one of this agent's keys; false when it is not the agent's or already revoked. */
export async function revokeAgentApiKey(q: Queryable, agentId: string, keyId: string): Promise<boolean> {
  const r = await q.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND agent_id = $2 AND revoked_at IS NULL`, [keyId, agentId]);
  return r.rowCount > 0;
}

/** Marks the agent deleted, switches its handoffs off and revokes every key, in the caller's transaction. */
export async function markAgentDeleted(q: Queryable, agentId: string): Promise<boolean> {
  const r = await q.query(`UPDATE ai_agents SET deleted_at = now(), handoff_enabled = false WHERE id = $1 AND deleted_at IS NULL`, [agentId]);
  if (r.rowCount === 0) return false;
  await q.query(`UPDATE api_keys SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`, [agentId]);
  return true;
}

/** Sessions of the agent still pending, waiting or with a person, by agent id. */
export async function countOpenSessions(q: Queryable, tenantId: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ agent_id: string; n: string | number }>(
    `SELECT agent_id, count(*) AS n FROM sessions WHERE tenant_id = $1 AND state = ANY($2::text[]) GROUP BY agent_id`,
    [tenantId, [...OPEN_STATES]],
  );
  return new Map(rows.map((r) => [r.agent_id, Number(r.n)]));
}
