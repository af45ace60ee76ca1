import { createMiddleware } from 'hono/factory';
import { BatonError } from '../core/errors.js';
import { parseApiKey, secretMatches } from '../core/secrets.js';
import type { Database } from '../db/database.js';
import { findApiKey } from '../store/tenants.js';
import type { Caller } from '../relay/handoffs.js';

export type AuthEnv = { Variables: { caller: Caller } };

/** Key rows are cached briefly: a revoked key stops working within this many ms on every relay process. */
export const API_KEY_CACHE_MS = 10_000;

/** `Authorization: Bearer bk_<id>_<secret>` → the AI agent and tenant the key belongs to. */
export function apiKeyAuth(db: Database) {
  const cache = new Map<string, { row: Awaited<ReturnType<typeof findApiKey>>; until: number }>();
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const parsed = match ? parseApiKey(match[1]!) : undefined;
    if (!parsed) throw new BatonError('unauthorized');
    let cached = cache.get(parsed.keyId);
    if (!cached || cached.until < Date.now()) {
      cached = { row: await findApiKey(db, parsed.keyId), until: Date.now() + API_KEY_CACHE_MS };
      if (cache.size > 10_000) cache.clear();
      cache.set(parsed.keyId, cached);
    }
    const row = cached.row;
    if (!row || !secretMatches(parsed.secret, row.secretHash)) throw new BatonError('unauthorized');
    c.set('caller', { tenantId: row.tenantId, agentId: row.agentId });
    await next();
  });
}
