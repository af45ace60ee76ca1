import { BatonError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { encryptSecret, generateWebhookSecret, issueApiKey } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import {
  findAgent,
  findTenant,
  insertAgent,
  insertApiKey,
  insertTenant,
  setZendeskConnection,
  setZendeskWebhookSecret,
  updateAgent,
} from '../store/tenants.js';
import { openCredentials, sealCredentials, type ZendeskCredentials } from '../zendesk/credentials.js';
import { checkZendeskConnection, type ConnectionReport } from '../zendesk/check-connection.js';
import { provisionZendesk, type ProvisionResult } from '../zendesk/provision.js';
import { hashSecret } from '../core/secrets.js';
import { previousSecretUntil } from '../core/webhook-secret-overlap.js';
import { rotateAgentWebhookSecret, setAppSecret, setZendeskEventsSecret, setZendeskWebhookTokenHash } from '../store/tenants.js';
import { randomBytes } from 'node:crypto';
import { CallbackUrlSchema } from '../core/callback-url.js';

/** Operator actions behind the CLI (and tests): tenants, AI agents, keys and secrets. */
export async function createTenant(db: Database, input: { name: string; zendeskSubdomain?: string }) {
  return insertTenant(db, { id: newId('ten'), name: input.name, zendeskSubdomain: input.zendeskSubdomain ?? null });
}

/** Refuses a callback URL that is not http(s) before it is stored (the CLI and the admin socket call these). */
function checkCallbackUrl(callbackUrl: string | null | undefined): void {
  if (callbackUrl == null) return;
  const parsed = CallbackUrlSchema.safeParse(callbackUrl);
  if (!parsed.success) throw new BatonError('validation_failed', `callbackUrl: ${parsed.error.issues[0]!.message}`, { issues: [{ path: 'callbackUrl', message: parsed.error.issues[0]!.message }] });
}

export async function createAgent(
  db: Database,
  masterKey: Buffer,
  input: { tenantId: string; name: string; callbackUrl?: string | null },
): Promise<{ agentId: string; webhookSecret: string }> {
  checkCallbackUrl(input.callbackUrl);
  if (!(await findTenant(db, input.tenantId))) throw new BatonError('tenant_not_found');
  const webhookSecret = generateWebhookSecret();
  const agent = await insertAgent(db, {
    id: newId('agt'),
    tenantId: input.tenantId,
    name: input.name,
    callbackUrl: input.callbackUrl ?? null,
    webhookSecretEnc: encryptSecret(masterKey, webhookSecret),
  });
  return { agentId: agent.id, webhookSecret };
}

export async function createApiKey(db: Database, input: { agentId: string; label?: string }): Promise<{ keyId: string; apiKey: string }> {
  if (!(await findAgent(db, input.agentId))) throw new BatonError('agent_not_found');
  const issued = issueApiKey();
  await insertApiKey(db, { id: issued.keyId, agentId: input.agentId, secretHash: issued.secretHash, label: input.label ?? null });
  return { keyId: issued.keyId, apiKey: issued.plaintext };
}

/**
 * A new signing secret takes effect for the next delivery attempt, including queued ones; the one it replaces is signed
 * with too for `overlapHours` (see WEBHOOK_SECRET_OVERLAP_HOURS), so the platform's receiver verifies every delivery
 * while it switches. `previousUntil` is null when the old secret was dropped at once.
 */
export async function rotateWebhookSecret(
  db: Database,
  masterKey: Buffer,
  agentId: string,
  options: { overlapHours?: number; now?: Date } = {},
): Promise<{ webhookSecret: string; previousUntil: Date | null }> {
  const webhookSecret = generateWebhookSecret();
  const previousUntil = previousSecretUntil(options.now ?? new Date(), options.overlapHours);
  const agent = await rotateAgentWebhookSecret(db, agentId, encryptSecret(masterKey, webhookSecret), previousUntil);
  if (!agent) throw new BatonError('agent_not_found');
  return { webhookSecret, previousUntil };
}

export async function configureAgent(
  db: Database,
  agentId: string,
  patch: { callbackUrl?: string | null; handoffEnabled?: boolean; name?: string },
) {
  checkCallbackUrl(patch.callbackUrl);
  const agent = await updateAgent(db, agentId, patch);
  if (!agent) throw new BatonError('agent_not_found');
  return agent;
}

export async function connectZendesk(
  db: Database,
  masterKey: Buffer,
  tenantId: string,
  input: { subdomain?: string | null; baseUrl?: string | null; credentials: ZendeskCredentials },
): Promise<void> {
  if (!(await findTenant(db, tenantId))) throw new BatonError('tenant_not_found');
  await setZendeskConnection(db, tenantId, {
    subdomain: input.subdomain ?? null,
    baseUrl: input.baseUrl ?? null,
    credentialsEnc: sealCredentials(masterKey, input.credentials),
  });
}

/** The signing secret of the tenant's Zendesk webhook (read from Zendesk by provisioning, or set by hand). */
export async function storeZendeskWebhookSecret(db: Database, masterKey: Buffer, tenantId: string, secret: string): Promise<void> {
  if (!(await setZendeskWebhookSecret(db, tenantId, encryptSecret(masterKey, secret)))) throw new BatonError('tenant_not_found');
}

async function zendeskOf(db: Database, masterKey: Buffer, tenantId: string) {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new BatonError('tenant_not_found');
  if (!tenant.zendeskCredentialsEnc) throw new BatonError('zendesk_not_connected');
  const baseUrl = (tenant.zendeskBaseUrl ?? `https://${tenant.zendeskSubdomain}.zendesk.com`).replace(/\/$/, '');
  return { baseUrl, credentials: openCredentials(masterKey, tenant.zendeskCredentialsEnc) };
}

export async function checkTenantZendesk(db: Database, masterKey: Buffer, tenantId: string): Promise<ConnectionReport> {
  const { baseUrl, credentials } = await zendeskOf(db, masterKey, tenantId);
  return checkZendeskConnection(baseUrl, credentials);
}

/** The bearer token configured as the Zendesk webhook's authentication; only its hash is kept. */
export async function storeZendeskWebhookToken(db: Database, tenantId: string, token: string): Promise<void> {
  if (!(await findTenant(db, tenantId))) throw new BatonError('tenant_not_found');
  await setZendeskWebhookTokenHash(db, tenantId, hashSecret(token));
}

/** Creates or repairs the tenant's webhook and triggers, and stores what the relay needs to verify calls. */
export async function provisionTenantZendesk(db: Database, masterKey: Buffer, tenantId: string, publicBaseUrl: string): Promise<ProvisionResult> {
  const { baseUrl, credentials } = await zendeskOf(db, masterKey, tenantId);
  const tenant = await findTenant(db, tenantId);
  const result = await provisionZendesk(baseUrl, credentials, `${publicBaseUrl}/zendesk/webhooks/${tenantId}`, {
    relayHasBearerToken: Boolean(tenant?.zendeskWebhookTokenHash),
  });
  await storeZendeskWebhookSecret(db, masterKey, tenantId, result.signingSecret);
  if (result.bearerToken) await setZendeskWebhookTokenHash(db, tenantId, hashSecret(result.bearerToken));
  await setZendeskEventsSecret(db, tenantId, result.eventsSigningSecret ? encryptSecret(masterKey, result.eventsSigningSecret) : null);
  return result;
}

/** A new shared secret for the Zendesk app's secure `shared_secret` setting (shown once). */
export async function rotateAppSecret(db: Database, masterKey: Buffer, tenantId: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  if (!(await setAppSecret(db, tenantId, encryptSecret(masterKey, secret)))) throw new BatonError('tenant_not_found');
  return secret;
}
