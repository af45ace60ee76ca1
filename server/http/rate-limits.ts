import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config.js';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { rateLimitKeyOfAddress } from './client-ip.js';

export type CredentialKind = 'api_key' | 'app_token' | 'zendesk_webhook';

export interface RateLimits {
  /**
   * Counts one failed authentication against the client's address and the credential it named, then
   * throws: `failure` itself, or `rate_limited` (429 + Retry-After) once either is over its limit.
   * Only failures count and only failures are refused: a valid credential always works, so a scanner or a
   * misconfigured client behind a shared address (an AI platform's NAT, Zendesk's proxy) locks out no one.
   */
  failedAuth(scope: { ip: string; kind: CredentialKind; credential: string | undefined }, failure: BatonError): Promise<never>;
  /** One request made with this API key (all relays together on PostgreSQL); throws `rate_limited` when over. */
  keyRequest(keyId: string): Promise<void>;
}

/**
 * rate-limiter-flexible limiters. On PostgreSQL the counters live in the shared `rate_limits` table
 * (created by our migration, UNLOGGED), so several relays enforce one limit together; a database error
 * falls back to a per-process in-memory limiter (the library's insurance limiter) instead of failing the
 * request. On the embedded database one process owns everything, so memory is the whole truth there.
 */
export function createRateLimits(db: Database, settings: RateLimitSettings): RateLimits {
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract | undefined => {
    if (points <= 0) return undefined;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (db.kind !== 'postgres') return memory;
    return new RateLimiterPostgres({
      // Our Database over the relay's pg Pool: one pool, one connection budget; `{text, values}` is all the store sends.
      storeClient: { query: (q: { text: string; values?: unknown[] }) => db.query(q.text, q.values) },
      storeType: 'client',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      insuranceLimiter: memory,
    });
  };
  const perIp = limiter('auth_fail_ip', settings.authFailuresPerIp, settings.authFailureWindowSeconds);
  const perCredential = limiter('auth_fail_cred', settings.authFailuresPerCredential, settings.authFailureWindowSeconds);
  const perKey = limiter('key_req', settings.requestsPerKey, settings.requestsPerKeyWindowSeconds);

  /** undefined = within the limit; otherwise the ms until a point frees up. */
  const consume = async (l: RateLimiterAbstract | undefined, key: string): Promise<number | undefined> => {
    if (!l) return undefined;
    try {
      await l.consume(key);
      return undefined;
    } catch (rejection) {
      // An Error (not a RateLimiterRes) means the store failed even with insurance: let the request through.
      return rejection instanceof RateLimiterRes ? rejection.msBeforeNext : undefined;
    }
  };
  const limited = (ms: number, message: string, details: Record<string, unknown>) => {
    const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
    return new BatonError('rate_limited', `${message} Retry after ${retryAfterSeconds} s.`, { ...details, retryAfterSeconds }, { retryAfterSeconds });
  };

  return {
    async failedAuth({ ip, kind, credential }, failure) {
      const [ipWait, credentialWait] = await Promise.all([
        consume(perIp, rateLimitKeyOfAddress(ip)),
        // Hashed: fixed length and no client bytes (NUL, oversize) in the store's key.
        credential === undefined ? undefined : consume(perCredential, `${kind}:${createHash('sha256').update(credential).digest('base64url').slice(0, 32)}`),
      ]);
      const wait = Math.max(ipWait ?? -1, credentialWait ?? -1);
      if (wait < 0) throw failure;
      throw limited(wait, 'Too many failed authentication attempts.', { failure: failure.code, scope: ipWait !== undefined ? 'address' : 'credential' });
    },
    async keyRequest(keyId) {
      const wait = await consume(perKey, keyId);
      if (wait !== undefined) throw limited(wait, 'Too many requests with this API key.', { scope: 'api_key' });
    },
  };
}
