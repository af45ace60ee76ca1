import { createHmac, timingSafeEqual } from 'node:crypto';

/** A live-update stream token lives this long; the sidebar fetches a new one through the proxy when it ends. */
export const STREAM_TOKEN_TTL_MS = 15 * 60 * 1000;

/**
 * What a stream token grants: one session, and when it names the ticket the session is on, that ticket's later
 * handoffs too (a conversation escalated again continues on its ticket).
 */
export type StreamClaims = { tenantId: string; sessionId: string; ticketId?: string; exp: number };

/**
 * Short-lived, session-scoped token for the EventSource the sidebar opens straight to the relay
 * (Zendesk's proxy cannot stream). Signed with a key derived from the master key.
 */
export function signStreamToken(masterKey: Buffer, claims: StreamClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', masterKey).update(`stream:${payload}`).digest('base64url')}`;
}

export function verifyStreamToken(masterKey: Buffer, token: string, nowMs: number): StreamClaims | undefined {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return undefined;
  const expected = createHmac('sha256', masterKey).update(`stream:${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StreamClaims;
    if (typeof claims.exp !== 'number' || claims.exp <= nowMs) return undefined;
    return { tenantId: claims.tenantId, sessionId: claims.sessionId, ...(typeof claims.ticketId === 'string' ? { ticketId: claims.ticketId } : {}), exp: claims.exp };
  } catch {
    return undefined;
  }
}
