import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HelpdeskError } from '../helpdesk/helpdesk.js';

/**
 * Zendesk OAuth (reference/zendesk-api.md §5): authorization code with PKCE, refresh tokens that
 * rotate on every refresh (the old one stops working), access tokens of ~30 minutes.
 */
/** `impersonate` lets customer lines be written as the end user (X-On-Behalf-Of); the admin may decline it. */
export const DEFAULT_SCOPES = ['read', 'write', 'impersonate'];
/** Refresh this long before expiry so a token never dies mid-request. */
export const REFRESH_MARGIN_MS = 2 * 60 * 1000;

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(input: {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: string[];
}): string {
  const url = new URL('/oauth/authorizations/new', input.baseUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: (input.scopes ?? DEFAULT_SCOPES).join(' '),
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  scope: z.string().optional(),
});

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | undefined;
  /** ms epoch; undefined = Zendesk did not say (legacy non-expiring token). */
  expiresAt: number | undefined;
  scopes: string[] | undefined;
}

async function tokenRequest(baseUrl: string, body: Record<string, string>, nowMs: number): Promise<OAuthTokens> {
  let res: Response;
  try {
    res = await fetch(new URL('/oauth/tokens', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new HelpdeskError(`Zendesk OAuth token endpoint unreachable: ${(error as Error).message}`, 'transient');
  }
  const text = await res.text();
  if (!res.ok) {
    // 400/401 invalid_grant: the grant is gone (revoked, or a refresh token reused); an admin must reconnect.
    throw new HelpdeskError(`Zendesk OAuth answered ${res.status}: ${text.slice(0, 200)}`, res.status >= 500 || res.status === 429 ? 'transient' : 'permanent', res.status);
  }
  const parsed = TokenResponseSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new HelpdeskError('Zendesk OAuth answered without an access token', 'permanent', res.status);
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: parsed.data.expires_in === undefined ? undefined : nowMs + parsed.data.expires_in * 1000,
    scopes: parsed.data.scope?.split(/\s+/).filter(Boolean),
  };
}

export function exchangeCode(
  baseUrl: string,
  input: { code: string; clientId: string; clientSecret: string; redirectUri: string; codeVerifier: string; scopes?: string[] },
  nowMs = Date.now(),
): Promise<OAuthTokens> {
  return tokenRequest(
    baseUrl,
    {
      grant_type: 'authorization_code',
      code: input.code,
      client_id: input.clientId,
      client_secret: input.clientSecret,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
      scope: (input.scopes ?? DEFAULT_SCOPES).join(' '),
    },
    nowMs,
  );
}

export function refreshTokens(
  baseUrl: string,
  input: { refreshToken: string; clientId: string; clientSecret: string },
  nowMs = Date.now(),
): Promise<OAuthTokens> {
  return tokenRequest(
    baseUrl,
    { grant_type: 'refresh_token', refresh_token: input.refreshToken, client_id: input.clientId, client_secret: input.clientSecret },
    nowMs,
  );
}
