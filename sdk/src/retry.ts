/**
 * When to try a request again and after how long: a pure policy, so the fetch wrapper stays a loop and
 * the decisions are tested without a network.
 */
export interface RetryOptions {
  /** Attempts in all, including the first. 1 turns retries off. */
  maxAttempts: number;
  /** The first back-off; each later one doubles, up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the caller at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * The caller's `retry` over the defaults. A field given as `undefined` (an unset environment variable) keeps its
 * default: spread over the defaults it became `undefined`, and `attempt >= undefined` never stopped retrying, with a
 * NaN back-off of 1 ms — a client that hammered a failing relay forever. A value that cannot be one throws at once.
 */
export function resolveRetryOptions(given: Partial<RetryOptions> = {}): RetryOptions {
  const out = { ...DEFAULT_RETRY };
  for (const name of Object.keys(DEFAULT_RETRY) as Array<keyof RetryOptions>) {
    const value = given[name];
    if (value === undefined) continue;
    // NaN (`Number('')` of a variable set empty) compared false everywhere: it too retried without end.
    if (typeof value !== 'number' || !(value >= 0)) throw new TypeError(`createBatonClient: retry.${name} must be a number, 0 or more; got ${String(value)}.`);
    out[name] = value;
  }
  return out;
}

export type Outcome =
  | { kind: 'response'; status: number; code?: string | undefined; retryAfterMs: number | undefined }
  | { kind: 'network' };

/** Statuses worth another try: the relay or something before it was busy or briefly down. */
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * The delay before attempt `attempt + 1`, or undefined to stop. Only requests that are safe to repeat
 * (see isRetrySafe) come here; a 409 `idempotency_key_in_progress` means the first try is still running.
 */
export function retryDelayMs(attempt: number, outcome: Outcome, options: RetryOptions, random: () => number = Math.random): number | undefined {
  if (attempt >= options.maxAttempts) return undefined;
  const transient =
    outcome.kind === 'network' ||
    TRANSIENT_STATUSES.has(outcome.status) ||
    (outcome.status === 409 && outcome.code === 'idempotency_key_in_progress');
  if (!transient) return undefined;
  // Full jitter (a random delay up to the exponential ceiling) spreads clients that failed together.
  const backoff = random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const asked = outcome.kind === 'response' ? outcome.retryAfterMs : undefined;
  if (asked === undefined) return backoff;
  if (asked > options.maxRetryAfterMs) return undefined;
  return Math.max(asked, backoff);
}

/** POST routes the relay dedupes by design, so repeating one cannot do anything twice. */
const SAFE_POSTS = [
  /\/v1\/sessions\/[^/]+\/messages$/, // the platform's message id dedupes (200 duplicate: true)
  /\/v1\/sessions\/[^/]+\/end$/, // ending an ended session answers the session
  /\/v1\/rules\/test$/, // evaluates only
  /\/v1\/rules\/reorder$/, // the same order twice is that order
];

/** PATCH routes whose repeat changes nothing more: the same partial settings merged twice are merged once. */
const SAFE_PATCHES = [/\/v1\/agents\/[^/]+\/waiting-settings$/];

/** Reads and idempotent writes may be repeated; other POSTs only with an Idempotency-Key. */
export function isRetrySafe(request: Request): boolean {
  if (['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(request.method)) return true;
  if (request.headers.has('idempotency-key')) return true;
  const path = new URL(request.url).pathname;
  if (request.method === 'PATCH') return SAFE_PATCHES.some((p) => p.test(path));
  return SAFE_POSTS.some((p) => p.test(path));
}
