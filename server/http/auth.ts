import { createMiddleware } from 'hono/factory';
import { BatonError } from '../core/errors.js';
import { recentAnswers } from '../core/recent-answers.js';
import { parseApiKey, secretMatches } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { findApiKey } from '../store/tenants.js';
import type { Caller } from '../relay/handoffs.js';
import { clientIpOfContext } from './client-ip.js';
import type { RateLimits } from './rate-limits.js';

export type AuthEnv = { Variables: { caller: Caller } };

/** Key rows are cached briefly: a revoked key stops working within this many ms on every relay process. */
export const API_KEY_CACHE_MS = 10_000;

export type Authenticate = ((authorization: string | undefined, clientIp: string) => Promise<Caller>) & {
  /** Drops cached key rows, so a key revoked on this relay (the app's agents page) is refused at once here. */
  forget(): void;
};

/**
 * `Authorization: Bearer bk_<id>_<secret>` → the AI agent and tenant the key belongs to, or 401 (429 once
 * the address or the key id has failed too often); a valid key then spends one request of its limit.
 */
export function createApiKeyAuthenticator(db: Database, limits: RateLimits): Authenticate {
  const keys = recentAnswers((keyId: string) => findApiKey(db, keyId), { ttlMs: API_KEY_CACHE_MS, max: 10_000 });
  const authenticate = async (authorization: string | undefined, clientIp: string): Promise<Caller> => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const parsed = match ? parseApiKey(match[1]!) : undefined;
    if (!parsed) return limits.failedAuth({ ip: clientIp, kind: 'api_key', credential: undefined }, new BatonError('unauthorized'));
    const row = (await keys.get(parsed.keyId)).value;
    if (!row || !secretMatches(parsed.secret, row.secretHash)) {
      return limits.failedAuth({ ip: clientIp, kind: 'api_key', credential: parsed.keyId }, new BatonError('unauthorized'));
    }
    await limits.keyRequest(parsed.keyId);
    return { tenantId: row.tenantId, agentId: row.agentId };
  };
  return Object.assign(authenticate, { forget: () => keys.forgetAll() });
}

export function apiKeyAuth(authenticate: Authenticate, trustProxyHops: number) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    c.set('caller', await authenticate(c.req.header('authorization'), clientIpOfContext(c, trustProxyHops)));
    await next();
  });
}
