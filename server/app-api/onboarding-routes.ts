import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { clientIpOfContext } from '../http/client-ip.js';
import type { RateLimits } from '../http/rate-limits.js';
import { provisionTenantZendesk } from '../relay/admin.js';
import { findTenant } from '../store/tenants.js';
import { inspectConnection, provisioningHealthy } from '../zendesk/connection-health.js';
import { openCredentials } from '../zendesk/credentials.js';
import { createTokenProvider, type OAuthClient } from '../zendesk/token-provider.js';
import { ADMIN_SESSION_HEADER, requireAdminSession } from './admin-session.js';
import { startOnboarding, SUBDOMAIN_PATTERN } from './onboarding.js';
import { popupOrigin } from './popup-origin.js';

type Verify = (authorization: string | undefined) => Promise<{ tenantId: string }>;

const StartSchema = z.object({
  subdomain: z.string().toLowerCase().regex(SUBDOMAIN_PATTERN, 'a Zendesk subdomain (letters, digits, hyphens)'),
  installationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  origin: z.string().max(200),
});

export interface OnboardingRouteDeps {
  db: Database;
  masterKey: Buffer;
  verify: Verify;
  client: OAuthClient | undefined;
  redirectUri: () => string;
  publicBaseUrl: () => string;
  urlTemplate: string;
  originAllowed: (origin: string) => boolean;
  limits: RateLimits | undefined;
  trustProxyHops: number;
}

/**
 * `POST /app/v1/onboarding` (no credentials: the installation has none yet) starts the Connect popup;
 * `GET /app/v1/connection` is the Connection view's health; `POST /app/v1/connection/repair` re-checks and
 * re-provisions (admin session required).
 */
export function registerOnboardingRoutes(app: Hono<any, any, any>, deps: OnboardingRouteDeps) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const tokens = createTokenProvider(deps.db, deps.masterKey, deps.client);

  app.post('/app/v1/onboarding', async (c) => {
    await deps.limits?.onboardingStart(clientIpOfContext(c, deps.trustProxyHops));
    const parsed = StartSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BatonError('validation_failed', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'send {"subdomain", "installationId", "origin"}'}`);
    }
    // The popup posts the outcome (and, when it cannot be saved, the shared secret) to this origin only.
    const origin = popupOrigin(parsed.data.origin, deps.originAllowed);
    const url = await startOnboarding(
      { db: deps.db, masterKey: deps.masterKey, client: deps.client, redirectUri: deps.redirectUri(), urlTemplate: deps.urlTemplate },
      { subdomain: parsed.data.subdomain, installationId: parsed.data.installationId, appOrigin: origin },
    );
    return c.json({ url });
  });

  /** The tenant's Zendesk with fresh credentials (an expired OAuth token is refreshed and stored first). */
  const zendeskOf = async (tenantId: string) => {
    let tenant = await findTenant(deps.db, tenantId);
    if (!tenant?.zendeskCredentialsEnc) throw new BatonError('zendesk_not_connected');
    await tokens(tenantId, openCredentials(deps.masterKey, tenant.zendeskCredentialsEnc)).catch(() => undefined);
    tenant = (await findTenant(deps.db, tenantId))!;
    const baseUrl = (tenant.zendeskBaseUrl ?? `https://${tenant.zendeskSubdomain}.zendesk.com`).replace(/\/$/, '');
    return { baseUrl, credentials: openCredentials(deps.masterKey, tenant.zendeskCredentialsEnc!) };
  };

  const health = async (tenantId: string) => {
    const { baseUrl, credentials } = await zendeskOf(tenantId);
    const endpoint = `${deps.publicBaseUrl()}/zendesk/webhooks/${tenantId}`;
    const { access, provisioning } = await inspectConnection(baseUrl, credentials, endpoint);
    // Webhook calls the relay accepted (kept for the inbox's retention window).
    const { rows } = await deps.db.query<{ last: Date | null }>(`SELECT max(received_at) AS last FROM zendesk_inbox WHERE tenant_id = $1`, [tenantId]);
    return {
      zendesk: baseUrl,
      healthy: access.ok && provisioning !== null && provisioningHealthy(provisioning),
      // `code` for the app to word in the admin's language; `message` (English) for anything that does not know the code.
      access: { ok: access.ok, code: access.code, message: access.message, user: access.user ?? null, status: access.status },
      provisioning,
      lastWebhookAt: rows[0]?.last ? new Date(rows[0].last).toISOString() : null,
    };
  };

  app.get('/app/v1/connection', async (c) => {
    const { tenantId } = await deps.verify(c.req.header('authorization'));
    return c.json(await health(tenantId));
  });

  app.post('/app/v1/connection/repair', async (c) => {
    const { tenantId } = await deps.verify(c.req.header('authorization'));
    requireAdminSession(deps.masterKey, c.req.header(ADMIN_SESSION_HEADER), tenantId);
    await zendeskOf(tenantId);
    let repairProblem: string | null = null;
    let changed: string[] = [];
    try {
      const r = await provisionTenantZendesk(deps.db, deps.masterKey, tenantId, deps.publicBaseUrl());
      changed = [...r.created, ...r.updated];
    } catch (error) {
      repairProblem = (error as Error).message;
    }
    return c.json({ ...(await health(tenantId)), repaired: changed, repairProblem });
  });
}
