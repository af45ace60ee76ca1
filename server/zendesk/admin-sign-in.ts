import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { signAdminSession } from '../app-api/admin-session.js';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { findTenant } from '../store/tenants.js';
import { authorizationUrl, createPkcePair, exchangeCode } from './oauth.js';
import type { OAuthClient } from './token-provider.js';

/** Reading the user's own record is all the proof needs; the token is dropped right after. */
export const ADMIN_SIGN_IN_SCOPES = ['read'];
/** An admin who opened the popup has this long to approve in Zendesk. */
export const ADMIN_SIGN_IN_STATE_TTL_MS = 10 * 60 * 1000;
/** What the popup posts to the app page that opened it. */
export const ADMIN_SESSION_MESSAGE = 'baton.admin_session';

/** `/users/me` answers 200 "Anonymous user" (id null) to anyone: only a real id with role admin proves anything. */
const MeSchema = z.object({ user: z.object({ id: z.number().int().positive(), role: z.string() }) });

/**
 * Step 1 (the app, through Zendesk's proxy with the installation's JWT): remember a PKCE state for this
 * tenant and the app page's origin, and hand back the Zendesk authorization URL the app opens in a popup.
 */
export async function startAdminSignIn(deps: { db: Database; client: OAuthClient | undefined; redirectUri: string }, input: { tenantId: string; appOrigin: string }): Promise<string> {
  if (!deps.client) throw new BatonError('zendesk_not_connected', 'ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET are not configured on this relay.');
  const tenant = await findTenant(deps.db, input.tenantId);
  // The account the tenant is connected to (as the resolver reaches it): the admin must be an admin there.
  const baseUrl = tenant?.zendeskBaseUrl?.replace(/\/$/, '') ?? (tenant?.zendeskSubdomain ? `https://${tenant.zendeskSubdomain}.zendesk.com` : undefined);
  if (!baseUrl) throw new BatonError('zendesk_not_connected');
  const state = randomBytes(24).toString('base64url');
  const pkce = createPkcePair();
  await deps.db.query(
    `INSERT INTO oauth_states (state, tenant_id, code_verifier, zendesk_base_url, purpose, app_origin) VALUES ($1, $2, $3, $4, 'admin', $5)`,
    [state, input.tenantId, pkce.verifier, baseUrl, input.appOrigin],
  );
  return authorizationUrl({ baseUrl, clientId: deps.client.clientId, redirectUri: deps.redirectUri, state, codeChallenge: pkce.challenge, scopes: ADMIN_SIGN_IN_SCOPES });
}

export interface PendingAdminSignIn {
  tenantId: string;
  codeVerifier: string;
  zendeskBaseUrl: string;
  appOrigin: string;
}

export type AdminSignInOutcome =
  | { ok: true; token: string; expiresAt: number; zendeskUserId: number }
  | { ok: false; code: 'admin_required' | 'forbidden'; message: string };

/**
 * Step 2 (the OAuth callback in the popup): trade the code for the signed-in user's own token at the
 * tenant's Zendesk, ask Zendesk who that user is, and sign a session only for an admin of that account.
 */
export async function finishAdminSignIn(
  deps: { masterKey: Buffer; client: OAuthClient; redirectUri: string; sessionTtlMs: number; now?: () => number },
  pending: PendingAdminSignIn,
  code: string,
): Promise<AdminSignInOutcome> {
  let accessToken: string;
  try {
    const tokens = await exchangeCode(pending.zendeskBaseUrl, {
      code,
      clientId: deps.client.clientId,
      clientSecret: deps.client.clientSecret,
      redirectUri: deps.redirectUri,
      codeVerifier: pending.codeVerifier,
      scopes: ADMIN_SIGN_IN_SCOPES,
    });
    accessToken = tokens.accessToken;
  } catch (error) {
    return { ok: false, code: 'forbidden', message: `Zendesk refused the authorization code: ${(error as Error).message}` };
  }
  const me = await whoSignedIn(pending.zendeskBaseUrl, accessToken);
  if (!me) return { ok: false, code: 'forbidden', message: 'Zendesk did not say who signed in; try again.' };
  if (me.role !== 'admin') return { ok: false, code: 'admin_required', message: notAnAdminMessage(me.role) };
  const expiresAt = (deps.now ?? Date.now)() + deps.sessionTtlMs;
  return { ok: true, token: signAdminSession(deps.masterKey, { tenantId: pending.tenantId, zendeskUserId: me.id, exp: expiresAt }), expiresAt, zendeskUserId: me.id };
}

export const notAnAdminMessage = (role: string) =>
  `You are signed in to Zendesk as ${role === 'agent' ? 'an agent' : `"${role}"`}; only an admin of this Zendesk account can change Baton's settings.`;

/**
 * Who the token belongs to, as the Zendesk account at `baseUrl` says (`GET /api/v2/users/me`). The proof that a
 * person administers an account: their own token, redeemed at that account, and a real id with role admin there.
 * undefined = Zendesk did not say (anonymous, unreachable, unreadable).
 */
export async function whoSignedIn(baseUrl: string, accessToken: string): Promise<{ id: number; role: string } | undefined> {
  try {
    const res = await fetch(new URL('/api/v2/users/me.json', baseUrl), {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    const parsed = res.ok ? MeSchema.safeParse(await res.json()) : undefined;
    return parsed?.success ? parsed.data.user : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The popup's last page: posts the outcome to the app page that opened it — only to the origin recorded
 * when the flow started, so no other page can read the session — and closes itself.
 */
export function adminSignInPage(outcome: AdminSignInOutcome, appOrigin: string): string {
  const message = outcome.ok
    ? { type: ADMIN_SESSION_MESSAGE, token: outcome.token, expiresAt: new Date(outcome.expiresAt).toISOString() }
    : { type: ADMIN_SESSION_MESSAGE, error: outcome.code, message: outcome.message };
  return popupResultPage({ message, text: outcome.ok ? 'Signed in as a Zendesk admin. You can close this window.' : outcome.message, appOrigin, close: outcome.ok });
}

/**
 * The last page of a popup flow (admin sign-in, onboarding): posts `message` to the app page that opened it — only
 * to the origin recorded when the flow started, so no other page can read it — and closes itself on success.
 */
export function popupResultPage(input: { message: unknown; text: string; appOrigin: string; close: boolean }): string {
  // JSON in a script element: escape "<" so no value can close the element.
  const script = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html><meta charset="utf-8"><title>Baton</title><p>${input.text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p>
<script>if (window.opener) { window.opener.postMessage(${script(input.message)}, ${script(input.appOrigin)}); ${input.close ? 'window.close();' : ''} }</script>`;
}
