import { createHash, randomBytes } from 'node:crypto';
import { json, type EmuRequest, type Reply } from './http.js';
import type { EmuState, EmuUser } from './state.js';

/** Default access-token lifetime Zendesk documents for expiring OAuth tokens (30 minutes). */
export const ACCESS_TOKEN_SECONDS = 1800;

export interface Principal {
  user: EmuUser;
  scopes: string[];
  /** X-On-Behalf-Of: the end user the change is attributed to (impersonate scope). */
  actingAs?: EmuUser;
}

/** API tokens, OAuth clients, codes and rotating refresh tokens (reference/zendesk-api.md §5). */
export function createAuth(state: EmuState, now: () => number) {
  const apiTokens = new Map<string, string>(); // email → token
  const clients = new Map<string, { secret: string; redirectUris?: string[] }>();
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string | null; scopes: string[]; userId: number }>();
  // Who is signed in to this Zendesk in "the browser": the user who approves an authorization, whose token it
  // becomes. Tokens are per user and carry that user's role (reference/zendesk-api.md §5).
  let signedInUserId = state.admin.id;
  const access = new Map<string, { scopes: string[]; expiresAt: number; userId: number }>();
  const refresh = new Map<string, { clientId: string; scopes: string[]; userId: number }>();

  function issue(scopes: string[], userId: number, clientId = 'test') {
    const accessToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    access.set(accessToken, { scopes, expiresAt: now() + ACCESS_TOKEN_SECONDS * 1000, userId });
    refresh.set(refreshToken, { clientId, scopes, userId });
    return { accessToken, refreshToken };
  }

  return {
    addApiToken: (email: string, token: string) => apiTokens.set(email.toLowerCase(), token),
    addOAuthClient: (c: { id: string; secret: string; redirectUris?: string[] }) => clients.set(c.id, c),
    issueAccessToken: (scopes = ['read', 'write']) => issue(scopes, state.admin.id),
    /** The next OAuth approvals are made by this user (default: the account's admin). */
    signIn(userId: number) {
      if (!state.users.has(userId)) throw new Error(`No emulated user ${userId}`);
      signedInUserId = userId;
    },

    /** undefined = not authenticated (the caller decides: 401, or the anonymous /users/me). */
    authenticate(req: EmuRequest): Principal | undefined {
      const header = req.headers.authorization ?? '';
      let principal: Principal | undefined;
      const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (bearer) {
        const grant = access.get(bearer);
        if (grant && grant.expiresAt > now()) principal = { user: state.users.get(grant.userId)!, scopes: grant.scopes };
      }
      const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
      if (basic) {
        // "email/token:TOKEN" (password auth was switched off in 2026).
        const [login, token] = Buffer.from(basic, 'base64').toString('utf8').split('/token:');
        const email = login?.toLowerCase();
        if (email && token && apiTokens.get(email) === token) {
          const user = state.userByEmail(email) ?? state.admin;
          principal = { user, scopes: ['read', 'write', 'impersonate'] };
        }
      }
      const onBehalf = req.headers['x-on-behalf-of'];
      if (principal && typeof onBehalf === 'string') {
        const target = /^\d+$/.test(onBehalf) ? state.users.get(Number(onBehalf)) : state.userByEmail(onBehalf);
        if (!principal.scopes.includes('impersonate') || !target) return undefined;
        principal = { ...principal, actingAs: target };
      }
      return principal;
    },

    /** GET /oauth/authorizations/new: the admin "approves" at once and is redirected back with a code. */
    authorize(req: EmuRequest): Reply {
      const clientId = req.query.get('client_id') ?? '';
      const redirectUri = req.query.get('redirect_uri') ?? '';
      const client = clients.get(clientId);
      if (!client || (client.redirectUris && !client.redirectUris.includes(redirectUri))) {
        return json(400, { error: 'invalid_client', error_description: 'Unknown client or redirect_uri' });
      }
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        clientId,
        redirectUri,
        challenge: req.query.get('code_challenge'),
        scopes: (req.query.get('scope') ?? 'read').split(/\s+/),
        userId: signedInUserId,
      });
      const location = new URL(redirectUri);
      location.searchParams.set('code', code);
      if (req.query.get('state')) location.searchParams.set('state', req.query.get('state')!);
      return { status: 302, headers: { location: location.toString() }, text: '' };
    },

    /** POST /oauth/tokens: authorization_code (with PKCE) and refresh_token grants; refresh rotates. */
    token(req: EmuRequest): Reply {
      const b = (req.json ?? {}) as Record<string, string>;
      const client = clients.get(b.client_id ?? '');
      if (!client || client.secret !== b.client_secret) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const grant = () => json(400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, or revoked' });
      if (b.grant_type === 'authorization_code') {
        const c = codes.get(b.code ?? '');
        codes.delete(b.code ?? '');
        if (!c || c.clientId !== b.client_id || c.redirectUri !== b.redirect_uri) return grant();
        if (c.challenge && createHash('sha256').update(b.code_verifier ?? '').digest('base64url') !== c.challenge) return grant();
        const t = issue(c.scopes, c.userId, c.clientId);
        return json(200, { access_token: t.accessToken, refresh_token: t.refreshToken, token_type: 'bearer', scope: c.scopes.join(' '), expires_in: ACCESS_TOKEN_SECONDS });
      }
      if (b.grant_type === 'refresh_token') {
        const r = refresh.get(b.refresh_token ?? '');
        if (!r || r.clientId !== b.client_id) return grant();
        refresh.delete(b.refresh_token ?? ''); // rotation: the old refresh token dies now
        const t = issue(r.scopes, r.userId, r.clientId);
        return json(200, { access_token: t.accessToken, refresh_token: t.refreshToken, token_type: 'bearer', scope: r.scopes.join(' '), expires_in: ACCESS_TOKEN_SECONDS });
      }
      return json(400, { error: 'unsupported_grant_type' });
    },
  };
}

/** Scope check: `read`/`write` cover everything; `tickets:write` style scopes cover their resource. */
export function hasScope(p: Principal, resource: string, write: boolean): boolean {
  const need = write ? 'write' : 'read';
  return p.scopes.includes(need) || p.scopes.includes(`${resource}:${need}`) || (!write && p.scopes.includes(`${resource}:write`));
}
