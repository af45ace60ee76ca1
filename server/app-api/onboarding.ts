import { randomBytes } from 'node:crypto';
import { BatonError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { decryptSecret, encryptSecret } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { provisionTenantZendesk } from '../relay/admin.js';
import { findAppSecret, findTenantForZendesk, insertTenant, setAppSecret, setZendeskConnection } from '../store/tenants.js';
import { notAnAdminMessage, whoSignedIn } from '../zendesk/admin-sign-in.js';
import { fillInstallationSettings } from '../zendesk/app-installation.js';
import { checkZendeskConnection, type AccessCode } from '../zendesk/check-connection.js';
import { sealCredentials, type ZendeskCredentials } from '../zendesk/credentials.js';
import { authorizationUrl, createPkcePair, DEFAULT_SCOPES, exchangeCode } from '../zendesk/oauth.js';
import type { OAuthClient } from '../zendesk/token-provider.js';
import { signAdminSession } from './admin-session.js';

/**
 * Onboarding from the app: an unconfigured installation's admin proves, through their own Zendesk OAuth grant at
 * their subdomain, that they administer it; only then does the relay find or create the tenant for that subdomain,
 * store the connection, provision, and fill the installation's settings. Nothing before that proof touches a tenant,
 * so the unauthenticated start cannot take one over: knowing a subdomain is not enough, administering it is.
 */
export const ONBOARDING_STATE_TTL_MS = 10 * 60 * 1000;
/** What the onboarding popup posts to the app page that opened it. */
export const ONBOARDING_MESSAGE = 'baton.onboarding';
/** Zendesk subdomains: letters, digits and hyphens (no dots: nothing else can be smuggled into the URL). */
export const SUBDOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const zendeskUrlOf = (template: string, subdomain: string) => template.replaceAll('{subdomain}', subdomain).replace(/\/$/, '');

export interface OnboardingDeps {
  db: Database;
  masterKey: Buffer;
  client: OAuthClient | undefined;
  redirectUri: string;
  urlTemplate: string;
}

export async function startOnboarding(deps: OnboardingDeps, input: { subdomain: string; installationId: number; appOrigin: string }): Promise<string> {
  if (!deps.client) throw new BatonError('zendesk_not_connected', 'ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET are not configured on this relay.');
  const baseUrl = zendeskUrlOf(deps.urlTemplate, input.subdomain);
  const state = randomBytes(24).toString('base64url');
  const pkce = createPkcePair();
  await deps.db.query(
    `INSERT INTO oauth_states (state, tenant_id, code_verifier, zendesk_base_url, purpose, app_origin, subdomain, installation_id)
     VALUES ($1, NULL, $2, $3, 'onboard', $4, $5, $6)`,
    [state, pkce.verifier, baseUrl, input.appOrigin, input.subdomain, input.installationId],
  );
  // The relay's connection needs write access (tickets, webhooks, triggers) and, if granted, impersonate.
  return authorizationUrl({ baseUrl, clientId: deps.client.clientId, redirectUri: deps.redirectUri, state, codeChallenge: pkce.challenge, scopes: DEFAULT_SCOPES });
}

export interface PendingOnboarding {
  subdomain: string;
  installationId: number;
  codeVerifier: string;
  zendeskBaseUrl: string;
}

export type OnboardingOutcome =
  | {
      ok: true;
      tenantId: string;
      /** false = an existing tenant for this account was re-connected. */
      created: boolean;
      /** true = the installation's settings were filled through the Apps API; else the app shows them once. */
      settingsSaved: boolean;
      settingsProblem?: string;
      /** Only when the settings could not be saved: the admin pastes it (it is never shown otherwise). */
      sharedSecret?: string;
      /** Provisioning failed (the connection is stored; Repair retries). */
      provisionProblem?: string;
      adminSession: { token: string; expiresAt: number };
    }
  | {
      ok: false;
      code: 'admin_required' | 'forbidden' | 'zendesk_check_failed';
      message: string;
      /** zendesk_check_failed: what the access check found, for the app to word in the admin's language. */
      access?: { code: AccessCode; user: string | null; status: number | null; zendesk: string };
    };

/**
 * The OAuth callback's work for an onboarding state (single-use: the caller deleted it). Order matters: the token is
 * proven (admin of this account) and checked for real before anything is written, so a refused person or a token
 * without the needed scopes leaves no tenant and no connection behind.
 */
export async function finishOnboarding(
  deps: Omit<OnboardingDeps, 'urlTemplate'> & { publicBaseUrl: string; sessionTtlMs: number; now?: () => number },
  pending: PendingOnboarding,
  code: string,
): Promise<OnboardingOutcome> {
  const client = deps.client;
  if (!client) return { ok: false, code: 'forbidden', message: 'This relay has no Zendesk OAuth client.' };
  const baseUrl = pending.zendeskBaseUrl;
  let credentials: ZendeskCredentials & { type: 'oauth' };
  try {
    const tokens = await exchangeCode(baseUrl, { code, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: deps.redirectUri, codeVerifier: pending.codeVerifier });
    credentials = {
      type: 'oauth',
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
      ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
    };
  } catch (error) {
    return { ok: false, code: 'forbidden', message: `Zendesk refused the authorization code: ${(error as Error).message}` };
  }
  const me = await whoSignedIn(baseUrl, credentials.accessToken);
  if (!me) return { ok: false, code: 'forbidden', message: 'Zendesk did not say who signed in; try again.' };
  if (me.role !== 'admin') return { ok: false, code: 'admin_required', message: notAnAdminMessage(me.role) };
  // The same proof `tenant:check-zendesk` gives: real user, admin, tickets and webhooks reachable with this token.
  const check = await checkZendeskConnection(baseUrl, credentials);
  if (!check.ok) {
    return { ok: false, code: 'zendesk_check_failed', message: check.message, access: { code: check.code, user: check.user ?? null, status: check.status, zendesk: baseUrl } };
  }

  const { tenantId, created, sharedSecret } = await deps.db.transaction(async (tx) => {
    // Two admins clicking Connect at once for a new account must end with one tenant, not two.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`baton-onboard:${pending.subdomain}`]);
    const existing = await findTenantForZendesk(tx, pending.subdomain, baseUrl);
    const tenant = existing ?? (await insertTenant(tx, { id: newId('ten'), name: pending.subdomain, zendeskSubdomain: pending.subdomain }));
    await setZendeskConnection(tx, tenant.id, {
      subdomain: pending.subdomain,
      // The resolver builds https://{subdomain}.zendesk.com itself; a base URL is kept only when it differs.
      baseUrl: baseUrl === `https://${pending.subdomain}.zendesk.com` ? null : baseUrl,
      credentialsEnc: sealCredentials(deps.masterKey, credentials),
    });
    // Re-connecting keeps the app's shared secret: installations already using it keep working. It is rotated only
    // by an operator (`tenant:app-secret`); a proven admin of the account may see it (below) when Zendesk would not
    // take it into the installation's settings.
    const sealed = await findAppSecret(tx, tenant.id);
    let secret = sealed ? decryptSecret(deps.masterKey, sealed) : undefined;
    if (!secret) {
      secret = randomBytes(32).toString('base64url');
      await setAppSecret(tx, tenant.id, encryptSecret(deps.masterKey, secret));
    }
    return { tenantId: tenant.id, created: !existing, sharedSecret: secret };
  });

  let provisionProblem: string | undefined;
  try {
    await provisionTenantZendesk(deps.db, deps.masterKey, tenantId, deps.publicBaseUrl);
  } catch (error) {
    provisionProblem = (error as Error).message;
  }
  const write = await fillInstallationSettings({
    baseUrl,
    accessToken: credentials.accessToken,
    installationId: pending.installationId,
    relayUrl: deps.publicBaseUrl,
    settings: { tenant_id: tenantId, shared_secret: sharedSecret },
  });
  const expiresAt = (deps.now ?? Date.now)() + deps.sessionTtlMs;
  return {
    ok: true,
    tenantId,
    created,
    settingsSaved: write.saved,
    ...(write.saved ? {} : { settingsProblem: write.reason, sharedSecret }),
    ...(provisionProblem ? { provisionProblem } : {}),
    adminSession: { token: signAdminSession(deps.masterKey, { tenantId, zendeskUserId: me.id, exp: expiresAt }), expiresAt },
  };
}

/** The popup's message to the app page: the outcome, without the admin session's claims spelled out. */
export function onboardingMessage(outcome: OnboardingOutcome): Record<string, unknown> {
  if (!outcome.ok) return { type: ONBOARDING_MESSAGE, error: outcome.code, message: outcome.message, ...(outcome.access ? { access: outcome.access } : {}) };
  const { adminSession, ok: _ok, ...rest } = outcome;
  return { type: ONBOARDING_MESSAGE, ...rest, adminSession: adminSession.token, adminSessionExpiresAt: new Date(adminSession.expiresAt).toISOString() };
}
