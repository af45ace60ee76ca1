import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';

/** The header the app sends its admin session in, next to the installation's JWT. */
export const ADMIN_SESSION_HEADER = 'x-baton-admin-session';

export interface AdminSessionClaims {
  tenantId: string;
  /** The Zendesk user id that proved, through their own OAuth grant, that they are an admin of the tenant's account. */
  zendeskUserId: number;
  /** ms epoch. */
  exp: number;
}

const ClaimsSchema = z.object({ t: z.string().min(1).max(100), u: z.number().int().positive(), e: z.number().int() });

// Domain-separated from the other tokens signed with the master key (stream tokens, connect links).
const mac = (masterKey: Buffer, payload: string) => createHmac('sha256', masterKey).update(`admin-session:${payload}`).digest();

export function signAdminSession(masterKey: Buffer, claims: AdminSessionClaims): string {
  const payload = Buffer.from(JSON.stringify({ t: claims.tenantId, u: claims.zendeskUserId, e: claims.exp })).toString('base64url');
  return `as1.${payload}.${mac(masterKey, payload).toString('base64url')}`;
}

/** undefined = not a session this relay signed, or expired. */
export function readAdminSession(masterKey: Buffer, token: string, nowMs: number): AdminSessionClaims | undefined {
  const [version, payload, given] = token.split('.');
  if (version !== 'as1' || !payload || !given) return undefined;
  const expected = mac(masterKey, payload);
  const givenBytes = Buffer.from(given, 'base64url');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = ClaimsSchema.safeParse(json);
  if (!parsed.success || parsed.data.e <= nowMs) return undefined;
  return { tenantId: parsed.data.t, zendeskUserId: parsed.data.u, exp: parsed.data.e };
}

/**
 * Admin-only actions: the app JWT proves the installation, the admin session proves the person. The
 * session must be this relay's, unexpired and for the same tenant as the JWT; anything else is 403.
 */
export function requireAdminSession(masterKey: Buffer, header: string | undefined, tenantId: string, nowMs = Date.now()): AdminSessionClaims {
  const claims = header ? readAdminSession(masterKey, header.slice(0, 1_000), nowMs) : undefined;
  if (!claims || claims.tenantId !== tenantId) {
    throw new BatonError('admin_required', header ? 'The admin session is invalid, expired or for another Zendesk account; sign in with Zendesk as an admin again.' : undefined);
  }
  return claims;
}
