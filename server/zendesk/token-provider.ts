import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { setZendeskConnection } from '../store/tenants.js';
import { authorizationHeader, openCredentials, sealCredentials, type ZendeskCredentials } from './credentials.js';
import { REFRESH_MARGIN_MS, refreshTokens } from './oauth.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * The Authorization header for a tenant's Zendesk, refreshing OAuth tokens before they expire.
 * One refresh at a time per tenant: in this process by sharing the in-flight promise, across relay
 * processes by refreshing under the tenant row's lock and re-reading after it (Zendesk rotates
 * refresh tokens, so a second refresh with the old one would fail and break the connection).
 */
export function createTokenProvider(db: Database, masterKey: Buffer, client: OAuthClient | undefined, now = () => Date.now()) {
  const inflight = new Map<string, Promise<string>>();

  const needsRefresh = (c: ZendeskCredentials, force: boolean) =>
    c.type === 'oauth' && c.refreshToken !== undefined && (force || (c.expiresAt !== undefined && c.expiresAt - REFRESH_MARGIN_MS <= now()));

  async function refresh(tenantId: string, staleAccessToken: string): Promise<string> {
    if (!client) throw new BatonError('zendesk_not_connected', 'ZENDESK_CLIENT_ID/ZENDESK_CLIENT_SECRET are not configured; cannot refresh the OAuth token.');
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ zendesk_credentials_enc: string | null; zendesk_subdomain: string | null; zendesk_base_url: string | null }>(
        `SELECT zendesk_credentials_enc, zendesk_subdomain, zendesk_base_url FROM tenants WHERE id = $1 FOR UPDATE`,
        [tenantId],
      );
      const row = rows[0];
      if (!row?.zendesk_credentials_enc) throw new BatonError('zendesk_not_connected');
      const current = openCredentials(masterKey, row.zendesk_credentials_enc);
      // Another process refreshed while we waited for the lock: use its token.
      if (current.type !== 'oauth' || current.accessToken !== staleAccessToken || !current.refreshToken) return authorizationHeader(current);
      const baseUrl = (row.zendesk_base_url ?? `https://${row.zendesk_subdomain}.zendesk.com`).replace(/\/$/, '');
      const tokens = await refreshTokens(baseUrl, { refreshToken: current.refreshToken, ...client }, now());
      const next: ZendeskCredentials = {
        type: 'oauth',
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken ?? current.refreshToken,
        ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
        ...((tokens.scopes ?? current.scopes) ? { scopes: tokens.scopes ?? current.scopes } : {}),
      };
      await setZendeskConnection(tx, tenantId, {
        subdomain: row.zendesk_subdomain,
        baseUrl: row.zendesk_base_url,
        credentialsEnc: sealCredentials(masterKey, next),
      });
      return authorizationHeader(next);
    });
  }

  return async function authorization(tenantId: string, credentials: ZendeskCredentials, forceRefresh = false): Promise<string> {
    if (!needsRefresh(credentials, forceRefresh)) return authorizationHeader(credentials);
    const running = inflight.get(tenantId);
    if (running) return running;
    const p = refresh(tenantId, (credentials as { accessToken: string }).accessToken).finally(() => inflight.delete(tenantId));
    inflight.set(tenantId, p);
    return p;
  };
}
