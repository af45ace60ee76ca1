import { createHmac, timingSafeEqual } from 'node:crypto';

/** A live-update stream token lives this long; the sidebar fetches a new one through the proxy when it ends. */
export const STREAM_TOKEN_TTL_MS = 15 * 60 * 1000;

/**
 * Short-lived, session-scoped token for the EventSource the sidebar opens straight to the relay
 * (Zendesk's proxy cannot stream). Signed with a key derived from the master key.
 */
export function signStreamToken(masterKey: Buffer, claims: { tenantId: string; sessionId: string; exp: number }): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', masterKey).update(`stream:${payload}`).digest('base64url')}`;
}

export function verifyStreamToken(masterKey: Buffer, token: string, nowMs: number): { tenantId: string; sessionId: string; exp: number } | undefined {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return undefined;
  const expected = createHmac('sha256', masterKey).update(`stream:${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tenantId: string; sessionId: string; exp: number };
    return typeof claims.exp === 'number' && claims.exp > nowMs ? { tenantId: claims.tenantId, sessionId: claims.sessionId, exp: claims.exp } : undefined;
  } catch {
    return undefined;
  }
}
