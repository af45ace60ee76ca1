import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { BatonError } from '../core/errors.js';
import { escapeHtml } from '../core/transcript-html.js';
import type { Database } from '../db/database.js';
import { claimConnectLink } from '../store/retention.js';
import { findTenant, setZendeskConnection } from '../store/tenants.js';
import { sealCredentials } from './credentials.js';
import { authorizationUrl, createPkcePair, exchangeCode } from './oauth.js';
import type { OAuthClient } from './token-provider.js';
import { ADMIN_SIGN_IN_STATE_TTL_MS, adminSignInPage, finishAdminSignIn, popupResultPage } from './admin-sign-in.js';
import { finishOnboarding, onboardingMessage, ONBOARDING_STATE_TTL_MS } from '../app-api/onboarding.js';

/** How long an admin's "connect Zendesk" link stays valid. It opens one OAuth flow. */
export const CONNECT_LINK_TTL_MS = 30 * 60 * 1000;
/** How long the admin has on Zendesk's consent page before the flow's state is refused (and purged). */
export const OAUTH_STATE_TTL_MS = 30 * 60 * 1000;

/**
 * Connect links are signed with a key derived from the master key: only an operator (CLI) can mint
 * one, so nobody can attach their own Zendesk to someone else's tenant.
 */
export function connectLinkToken(masterKey: Buffer, tenantId: string, subdomainOrUrl: string, expiresAt: number): string {
  // The nonce makes every link distinct, so using one never burns another minted for the same tenant.
  const payload = Buffer.from(JSON.stringify({ t: tenantId, z: subdomainOrUrl, e: expiresAt, n: randomBytes(12).toString('base64url') })).toString('base64url');
  const mac = createHmac('sha256', masterKey).update(`oauth-link:${payload}`).digest('base64url');
  return `${payload}.${mac}`;
}

function readConnectLink(masterKey: Buffer, token: string, nowMs: number): { tenantId: string; zendesk: string; mac: string; expiresAt: number } {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) throw new BatonError('forbidden', 'Malformed connect link.');
  const expected = createHmac('sha256', masterKey).update(`oauth-link:${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BatonError('forbidden', 'Invalid connect link.');
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: string; z: string; e: number };
  if (data.e < nowMs) throw new BatonError('forbidden', 'This connect link has expired; create a new one with the CLI.');
  return { tenantId: data.t, zendesk: data.z, mac, expiresAt: data.e };
}

export const zendeskBaseUrl = (subdomainOrUrl: string) =>
  /^https?:\/\//.test(subdomainOrUrl) ? subdomainOrUrl.replace(/\/$/, '') : `https://${subdomainOrUrl}.zendesk.com`;

export function registerOAuthRoutes(
  app: Hono<any, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- plain or OpenAPI app
  deps: { db: Database; masterKey: Buffer; client: OAuthClient | undefined; publicBaseUrl: () => string; adminSessionTtlMs: number },
) {
  const redirectUri = () => `${deps.publicBaseUrl()}/zendesk/oauth/callback`;

  app.get('/zendesk/oauth/start', async (c) => {
    if (!deps.client) throw new BatonError('zendesk_not_connected', 'ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET are not configured on this relay.');
    const link = readConnectLink(deps.masterKey, c.req.query('link') ?? '', Date.now());
    if (!(await findTenant(deps.db, link.tenantId))) throw new BatonError('tenant_not_found');
    // One flow per link: a link left in a chat or a browser history connects nothing a second time.
    if (!(await claimConnectLink(deps.db, link.mac, new Date(link.expiresAt)))) throw new BatonError('connect_link_used');
    const state = randomBytes(24).toString('base64url');
    const pkce = createPkcePair();
    await deps.db.query(`INSERT INTO oauth_states (state, tenant_id, code_verifier, zendesk_base_url) VALUES ($1, $2, $3, $4)`, [
      state,
      link.tenantId,
      pkce.verifier,
      zendeskBaseUrl(link.zendesk),
    ]);
    return c.redirect(
      authorizationUrl({ baseUrl: zendeskBaseUrl(link.zendesk), clientId: deps.client.clientId, redirectUri: redirectUri(), state, codeChallenge: pkce.challenge }),
      302,
    );
  });

  app.get('/zendesk/oauth/callback', async (c) => {
    if (!deps.client) throw new BatonError('zendesk_not_connected');
    const state = c.req.query('state') ?? '';
    // DELETE … RETURNING: a state is used once, even by two callbacks racing with the same URL.
    const { rows } = await deps.db.query<{ tenant_id: string; code_verifier: string; zendesk_base_url: string; age_ms: number; purpose: string; app_origin: string | null; subdomain: string | null; installation_id: string | number | null }>(
      `DELETE FROM oauth_states WHERE state = $1
       RETURNING tenant_id, code_verifier, zendesk_base_url, (EXTRACT(EPOCH FROM now() - created_at) * 1000)::float8 AS age_ms, purpose, app_origin, subdomain, installation_id`,
      [state],
    );
    const pending = rows[0];
    if (pending?.purpose === 'onboard' && pending.app_origin && pending.subdomain && pending.installation_id !== null && pending.age_ms <= ONBOARDING_STATE_TTL_MS) {
      const outcome = c.req.query('error')
        ? ({ ok: false, code: 'forbidden', message: 'Zendesk sign-in was cancelled.' } as const)
        : await finishOnboarding(
            { db: deps.db, masterKey: deps.masterKey, client: deps.client, redirectUri: redirectUri(), publicBaseUrl: deps.publicBaseUrl(), sessionTtlMs: deps.adminSessionTtlMs },
            { subdomain: pending.subdomain, installationId: Number(pending.installation_id), codeVerifier: pending.code_verifier, zendeskBaseUrl: pending.zendesk_base_url },
            c.req.query('code') ?? '',
          );
      const text = outcome.ok ? 'Baton is connected to this Zendesk account. You can close this window.' : outcome.message;
      return c.html(popupResultPage({ message: onboardingMessage(outcome), text, appOrigin: pending.app_origin, close: outcome.ok }), outcome.ok ? 200 : 403);
    }
    // An admin sign-in's state never connects anything: that would let whoever signs in replace the tenant's connection.
    if (pending?.purpose === 'admin' && pending.app_origin && pending.age_ms <= ADMIN_SIGN_IN_STATE_TTL_MS) {
      const outcome = c.req.query('error')
        ? ({ ok: false, code: 'forbidden', message: 'Zendesk sign-in was cancelled.' } as const)
        : await finishAdminSignIn(
            { masterKey: deps.masterKey, client: deps.client, redirectUri: redirectUri(), sessionTtlMs: deps.adminSessionTtlMs },
            { tenantId: pending.tenant_id, codeVerifier: pending.code_verifier, zendeskBaseUrl: pending.zendesk_base_url, appOrigin: pending.app_origin },
            c.req.query('code') ?? '',
          );
      return c.html(adminSignInPage(outcome, pending.app_origin), outcome.ok ? 200 : 403);
    }
    if (!pending || pending.purpose !== 'connect' || pending.age_ms > OAUTH_STATE_TTL_MS) throw new BatonError('forbidden', 'Unknown or expired OAuth state; start again.');
    if (c.req.query('error')) {
      return c.html(`<h1>Zendesk did not connect</h1><p>${escapeHtml(c.req.query('error_description') ?? c.req.query('error') ?? '')}</p>`, 400);
    }
    const baseUrl = pending.zendesk_base_url;
    const tokens = await exchangeCode(baseUrl, {
      code: c.req.query('code') ?? '',
      clientId: deps.client.clientId,
      clientSecret: deps.client.clientSecret,
      redirectUri: redirectUri(),
      codeVerifier: pending.code_verifier,
    }).catch((error: Error) => {
      throw new BatonError('forbidden', `Zendesk refused the authorization code: ${error.message}`);
    });
    await setZendeskConnection(deps.db, pending.tenant_id, {
      subdomain: null,
      baseUrl,
      credentialsEnc: sealCredentials(deps.masterKey, {
        type: 'oauth',
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
        ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
      }),
    });
    return c.html(
      `<h1>Zendesk connected</h1><p>Tenant <code>${escapeHtml(pending.tenant_id)}</code> now talks to ${escapeHtml(baseUrl)}.</p>` +
        `<p>Next: <code>npm run baton -- tenant:provision-zendesk --tenant ${escapeHtml(pending.tenant_id)}</code></p>`,
    );
  });
}
