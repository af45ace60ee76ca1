import type { Queryable } from '../db/database.js';
import { prepared } from '../db/prepared.js';

export interface TenantRow {
  id: string;
  name: string;
  zendeskSubdomain: string | null;
  zendeskBaseUrl: string | null;
  zendeskCredentialsEnc: string | null;
  zendeskWebhookSecretEnc: string | null;
  zendeskWebhookTokenHash: string | null;
  /** Signing secret of the event-subscription webhook (zen:event-type:ticket.*), when the account has one. */
  zendeskEventsSecretEnc: string | null;
  /** What Return to AI does to the ticket. */
  returnToAiTicketStatus: ReturnToAiTicketStatus;
  createdAt: Date;
}

export const RETURN_TO_AI_TICKET_STATUSES = ['solved', 'pending', 'unchanged'] as const;
export type ReturnToAiTicketStatus = (typeof RETURN_TO_AI_TICKET_STATUSES)[number];

export interface AgentRow {
  id: string;
  tenantId: string;
  name: string;
  callbackUrl: string | null;
  webhookSecretEnc: string;
  /** The secret before the last rotation, still signed with until `previousWebhookSecretUntil` (the overlap window). */
  previousWebhookSecretEnc: string | null;
  previousWebhookSecretUntil: Date | null;
  handoffEnabled: boolean;
  createdAt: Date;
  /** Set when an admin deleted the agent: its keys are revoked and it is listed nowhere, but its sessions keep their history. */
  deletedAt: Date | null;
}

type Raw = Record<string, unknown>;

const toTenant = (r: Raw): TenantRow => ({
  id: r.id as string,
  name: r.name as string,
  zendeskSubdomain: (r.zendesk_subdomain as string | null) ?? null,
  zendeskBaseUrl: (r.zendesk_base_url as string | null) ?? null,
  zendeskCredentialsEnc: (r.zendesk_credentials_enc as string | null) ?? null,
  zendeskWebhookSecretEnc: (r.zendesk_webhook_secret_enc as string | null) ?? null,
  zendeskWebhookTokenHash: (r.zendesk_webhook_token_hash as string | null) ?? null,
  zendeskEventsSecretEnc: (r.zendesk_events_secret_enc as string | null) ?? null,
  returnToAiTicketStatus: ((r.return_to_ai_ticket_status as string | undefined) ?? 'solved') as ReturnToAiTicketStatus,
  createdAt: r.created_at as Date,
});

const toAgent = (r: Raw): AgentRow => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  name: r.name as string,
  callbackUrl: (r.callback_url as string | null) ?? null,
  webhookSecretEnc: r.webhook_secret_enc as string,
  previousWebhookSecretEnc: (r.previous_webhook_secret_enc as string | null | undefined) ?? null,
  previousWebhookSecretUntil: (r.previous_webhook_secret_until as Date | null | undefined) ?? null,
  handoffEnabled: Boolean(r.handoff_enabled),
  createdAt: r.created_at as Date,
  deletedAt: (r.deleted_at as Date | null | undefined) ?? null,
});

export async function insertTenant(q: Queryable, t: { id: string; name: string; zendeskSubdomain?: string | null }): Promise<TenantRow> {
  const { rows } = await q.query<Raw>(
    `INSERT INTO tenants (id, name, zendesk_subdomain) VALUES ($1, $2, $3) RETURNING *`,
    [t.id, t.name, t.zendeskSubdomain ?? null],
  );
  return toTenant(rows[0]!);
}

// Hot lookups (every Zendesk webhook, every callback) name their columns: prepared statements (db/prepared.ts)
// must not return `*`, whose columns another relay's migration could change under them.
const FIND_TENANT = prepared(
  `SELECT id, name, zendesk_subdomain, zendesk_base_url, zendesk_credentials_enc, zendesk_webhook_secret_enc,
          zendesk_webhook_token_hash, zendesk_events_secret_enc, return_to_ai_ticket_status, created_at
     FROM tenants WHERE id = $1`,
);
const FIND_AGENT = prepared(`SELECT id, tenant_id, name, callback_url, webhook_secret_enc, previous_webhook_secret_enc, previous_webhook_secret_until, handoff_enabled, created_at, deleted_at FROM ai_agents WHERE id = $1`);

export async function findTenant(q: Queryable, id: string): Promise<TenantRow | undefined> {
  const { rows } = await q.query<Raw>(FIND_TENANT, [id]);
  return rows[0] ? toTenant(rows[0]) : undefined;
}

export async function listTenants(q: Queryable): Promise<TenantRow[]> {
  const { rows } = await q.query<Raw>(`SELECT * FROM tenants ORDER BY created_at`);
  return rows.map(toTenant);
}

export async function setZendeskConnection(
  q: Queryable,
  tenantId: string,
  c: { subdomain: string | null; baseUrl: string | null; credentialsEnc: string | null },
): Promise<void> {
  await q.query(
    `UPDATE tenants SET zendesk_subdomain = $2, zendesk_base_url = $3, zendesk_credentials_enc = $4 WHERE id = $1`,
    [tenantId, c.subdomain, c.baseUrl, c.credentialsEnc],
  );
}

export async function insertAgent(
  q: Queryable,
  a: { id: string; tenantId: string; name: string; callbackUrl: string | null; webhookSecretEnc: string },
): Promise<AgentRow> {
  const { rows } = await q.query<Raw>(
    `INSERT INTO ai_agents (id, tenant_id, name, callback_url, webhook_secret_enc) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [a.id, a.tenantId, a.name, a.callbackUrl, a.webhookSecretEnc],
  );
  return toAgent(rows[0]!);
}

export async function findAgent(q: Queryable, id: string): Promise<AgentRow | undefined> {
  const { rows } = await q.query<Raw>(FIND_AGENT, [id]);
  return rows[0] ? toAgent(rows[0]) : undefined;
}

export async function listAgents(q: Queryable, tenantId?: string): Promise<AgentRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT * FROM ai_agents WHERE ($1::text IS NULL OR tenant_id = $1) AND deleted_at IS NULL ORDER BY created_at`,
    [tenantId ?? null],
  );
  return rows.map(toAgent);
}

export async function updateAgent(
  q: Queryable,
  id: string,
  patch: { callbackUrl?: string | null; webhookSecretEnc?: string; handoffEnabled?: boolean; name?: string },
): Promise<AgentRow | undefined> {
  const { rows } = await q.query<Raw>(
    `UPDATE ai_agents SET
        callback_url = CASE WHEN $2 THEN $3 ELSE callback_url END,
        webhook_secret_enc = COALESCE($4, webhook_secret_enc),
        handoff_enabled = COALESCE($5, handoff_enabled),
        name = COALESCE($6, name)
      WHERE id = $1 RETURNING *`,
    [id, patch.callbackUrl !== undefined, patch.callbackUrl ?? null, patch.webhookSecretEnc ?? null, patch.handoffEnabled ?? null, patch.name ?? null],
  );
  return rows[0] ? toAgent(rows[0]) : undefined;
}

/**
 * Replaces the signing secret, keeping the one it replaces until `previousUntil` (null: dropped at once, as after a
 * leak). One statement: a rotation racing another cannot keep a secret that was never the current one.
 */
export async function rotateAgentWebhookSecret(q: Queryable, id: string, secretEnc: string, previousUntil: Date | null): Promise<AgentRow | undefined> {
  const { rows } = await q.query<Raw>(
    `UPDATE ai_agents SET
        previous_webhook_secret_enc = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE webhook_secret_enc END,
        previous_webhook_secret_until = $3::timestamptz,
        webhook_secret_enc = $2
      WHERE id = $1 RETURNING *`,
    [id, secretEnc, previousUntil],
  );
  return rows[0] ? toAgent(rows[0]) : undefined;
}

export async function insertApiKey(q: Queryable, k: { id: string; agentId: string; secretHash: string; label: string | null }): Promise<void> {
  await q.query(`INSERT INTO api_keys (id, agent_id, secret_hash, label) VALUES ($1, $2, $3, $4)`, [
    k.id, k.agentId, k.secretHash, k.label,
  ]);
}

export async function findApiKey(
  q: Queryable,
  id: string,
): Promise<{ id: string; agentId: string; tenantId: string; secretHash: string } | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT k.id, k.agent_id, a.tenant_id, k.secret_hash FROM api_keys k JOIN ai_agents a ON a.id = k.agent_id
      WHERE k.id = $1 AND k.revoked_at IS NULL AND a.deleted_at IS NULL`,
    [id],
  );
  const r = rows[0];
  return r
    ? { id: r.id as string, agentId: r.agent_id as string, tenantId: r.tenant_id as string, secretHash: r.secret_hash as string }
    : undefined;
}

export async function revokeApiKey(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return r.rowCount > 0;
}

export async function setZendeskWebhookSecret(q: Queryable, tenantId: string, secretEnc: string): Promise<boolean> {
  const r = await q.query(`UPDATE tenants SET zendesk_webhook_secret_enc = $2 WHERE id = $1`, [tenantId, secretEnc]);
  return r.rowCount > 0;
}

/** Null when the account has no event webhook (the trigger webhook alone then says "look now"). */
export async function setZendeskEventsSecret(q: Queryable, tenantId: string, secretEnc: string | null): Promise<void> {
  await q.query(`UPDATE tenants SET zendesk_events_secret_enc = $2 WHERE id = $1`, [tenantId, secretEnc]);
}

export async function setZendeskWebhookTokenHash(q: Queryable, tenantId: string, tokenHash: string): Promise<void> {
  await q.query(`UPDATE tenants SET zendesk_webhook_token_hash = $2 WHERE id = $1`, [tenantId, tokenHash]);
}

export async function setAppSecret(q: Queryable, tenantId: string, secretEnc: string): Promise<boolean> {
  const r = await q.query(`UPDATE tenants SET app_secret_enc = $2 WHERE id = $1`, [tenantId, secretEnc]);
  return r.rowCount > 0;
}

export async function findAppSecret(q: Queryable, tenantId: string): Promise<string | null | undefined> {
  const { rows } = await q.query<{ app_secret_enc: string | null }>(`SELECT app_secret_enc FROM tenants WHERE id = $1`, [tenantId]);
  return rows[0] ? rows[0].app_secret_enc : undefined;
}

export async function setReturnToAiTicketStatus(q: Queryable, tenantId: string, status: ReturnToAiTicketStatus): Promise<boolean> {
  const r = await q.query(`UPDATE tenants SET return_to_ai_ticket_status = $2 WHERE id = $1`, [tenantId, status]);
  return r.rowCount > 0;
}

/**
 * The tenant already connected to this Zendesk account (by subdomain, or by the base URL an operator connected it
 * with), oldest first. Onboarding reuses it rather than creating a second tenant for the same account.
 */
export async function findTenantForZendesk(q: Queryable, subdomain: string, baseUrl: string): Promise<TenantRow | undefined> {
  const { rows } = await q.query<Raw>(
    `SELECT * FROM tenants WHERE zendesk_subdomain = $1 OR rtrim(zendesk_base_url, '/') = $2
      ORDER BY (zendesk_subdomain IS NOT DISTINCT FROM $1) DESC, created_at, id LIMIT 1`,
    [subdomain, baseUrl],
  );
  return rows[0] ? toTenant(rows[0]) : undefined;
}
