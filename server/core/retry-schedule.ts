/**
 * When to try a failed delivery again. Pure: the caller passes the attempt count, what went wrong
 * and a random number, so the schedule is testable without clocks.
 *
 * Exponential backoff from RETRY_BASE_DELAY_MS doubling to RETRY_MAX_DELAY_MS, with ±20 % jitter so
 * many sessions failing together (a Zendesk outage) do not retry in lock-step. MAX_ATTEMPTS spreads
 * the retries over about ten hours before a delivery is dead-lettered for a human to replay.
 */
export const RETRY_BASE_DELAY_MS = 2_000;
export const RETRY_MAX_DELAY_MS = 60 * 60 * 1000;
export const RETRY_JITTER_RATIO = 0.2;
export const MAX_ATTEMPTS = 20;
/** A server asking us to wait longer than this is treated as this (keeps one tenant's backlog moving). */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;

export type FailureKind =
  /** Network error, timeout, 5xx, 408, 425, 429: worth retrying. */
  | 'transient'
  /** A 4xx that will not change on retry (bad request, not found, validation). */
  | 'permanent';

export interface Failure {
  kind: FailureKind;
  /** Milliseconds from a Retry-After header, when the server sent one. */
  retryAfterMs?: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'permanent' | 'exhausted' };

export function classifyHttpStatus(status: number): FailureKind {
  if (status >= 500 || status === 408 || status === 425 || status === 429) return 'transient';
  return 'permanent';
}

/** Backoff before attempt `attemptsMade + 1`, without jitter. */
export function baseDelayMs(attemptsMade: number): number {
  const exp = RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attemptsMade - 1);
  return Math.min(exp, RETRY_MAX_DELAY_MS);
}

/**
 * @param attemptsMade attempts already made, including the one that just failed (≥ 1)
 * @param random a number in [0, 1) (Math.random in production)
 */
export function nextRetry(attemptsMade: number, failure: Failure, random: number): RetryDecision {
  if (failure.kind === 'permanent') return { retry: false, reason: 'permanent' };
  if (attemptsMade >= MAX_ATTEMPTS) return { retry: false, reason: 'exhausted' };
  const base = baseDelayMs(attemptsMade);
  const jittered = Math.round(base * (1 - RETRY_JITTER_RATIO + 2 * RETRY_JITTER_RATIO * random));
  // Retry-After is a floor: never come back before the server said we may.
  const floor = Math.min(failure.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return { retry: true, delayMs: Math.max(jittered, floor) };
}

/** The outbox's longest wait between claims while its database is out of reach: it is back within this of returning. */
export const MAX_CLAIM_BACKOFF_MS = 5_000;

/**
 * The wait before the next claim after `failures` claims in a row failed: the poll interval doubling up to
 * MAX_CLAIM_BACKOFF_MS. Polling at the usual pace during an outage only piles up failed connection attempts.
 */
export function claimBackoffMs(failures: number, pollIntervalMs: number): number {
  return Math.min(MAX_CLAIM_BACKOFF_MS, Math.max(1, pollIntervalMs) * 2 ** Math.min(failures, 20));
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
