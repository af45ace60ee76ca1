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
  /**
   * One unauthenticated onboarding start from this address (it writes an OAuth state row): throws `rate_limited`
   * past ONBOARDING_STARTS_PER_IP per window, so nobody can fill the table or hammer Zendesk's consent page.
   */
  onboardingStart(ip: string): Promise<void>;
}

/** Onboarding starts per client address and minute: an admin clicks Connect a few times at most. */
export const ONBOARDING_STARTS_PER_IP = 10;
export const ONBOARDING_START_WINDOW_SECONDS = 60;

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
  const onboardingStarts = limiter('onboard_ip', ONBOARDING_STARTS_PER_IP, ONBOARDING_START_WINDOW_SECONDS)!;

  // The per-key limit is checked on every API request. Rather than one write to the shared counter per request,
  // a relay takes a twentieth of the limit at a time and hands it out from memory until the window ends: the
  // database sees at most 20 writes per key, window and relay, and the limit holds to within one share per relay.
  // In memory (embedded database) a share is 1 request: exact, and as cheap.
  const share = db.kind === 'postgres' ? Math.max(1, Math.floor(settings.requestsPerKey / 20)) : 1;
  const budgets = new Map<string, { left: number; until: number }>();
  const refills = new Map<string, Promise<number | undefined>>();

  /** `wait` = over the limit, ms until a point frees up; otherwise granted, the window ends in `windowMs`. */
  const take = async (l: RateLimiterAbstract, key: string, points: number): Promise<{ wait?: number; windowMs: number }> => {
    try {
      return { windowMs: (await l.consume(key, points)).msBeforeNext };
    } catch (rejection) {
      // An Error (not a RateLimiterRes) means the store failed even with insurance: let the request through.
      return rejection instanceof RateLimiterRes ? { wait: rejection.msBeforeNext, windowMs: 0 } : { windowMs: 0 };
    }
  };
  const consume = async (l: RateLimiterAbstract | undefined, key: string): Promise<number | undefined> => (l ? (await take(l, key, 1)).wait : undefined);
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
    async onboardingStart(ip) {
      const wait = await consume(onboardingStarts, rateLimitKeyOfAddress(ip));
      if (wait !== undefined) throw limited(wait, 'Too many onboarding attempts from this address.', { scope: 'address' });
    },
    async keyRequest(keyId) {
      if (!perKey) return;
      if (share === 1) {
        const { wait } = await take(perKey, keyId, 1);
        if (wait !== undefined) throw limited(wait, 'Too many requests with this API key.', { scope: 'api_key' });
        return;
      }
      // One share taken at a time per key and process: concurrent requests wait for the share in flight instead
      // of each taking one (twenty parallel requests would otherwise spend the whole limit at once).
      for (let round = 0; round < 3; round++) {
        const budget = budgets.get(keyId);
        if (budget && budget.left > 0 && budget.until > Date.now()) {
          budget.left--;
          return;
        }
        const pending = refills.get(keyId);
        if (pending) {
          await pending;
          continue;
        }
        const refill = take(perKey, keyId, share).then(({ wait, windowMs }) => {
          if (wait !== undefined) return wait;
          if (budgets.size > 10_000) budgets.clear();
          budgets.set(keyId, { left: share, until: Date.now() + windowMs });
          return undefined;
        });
        refills.set(keyId, refill);
        const wait = await refill.finally(() => refills.delete(keyId));
        if (wait !== undefined) throw limited(wait, 'Too many requests with this API key.', { scope: 'api_key' });
      }
      // Shares keep running out under us: count this request on its own.
      const { wait } = await take(perKey, keyId, 1);
      if (wait !== undefined) throw limited(wait, 'Too many requests with this API key.', { scope: 'api_key' });
    },
  };
}
