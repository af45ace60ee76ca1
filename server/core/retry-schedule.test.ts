import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_ATTEMPTS,
  RETRY_MAX_DELAY_MS,
  baseDelayMs,
  claimBackoffMs,
  MAX_CLAIM_BACKOFF_MS,
  classifyHttpStatus,
  nextRetry,
  parseRetryAfter,
} from './retry-schedule.js';

describe('retry schedule', () => {
  it('doubles the delay up to the cap', () => {
    expect(baseDelayMs(1)).toBe(2_000);
    expect(baseDelayMs(2)).toBe(4_000);
    expect(baseDelayMs(5)).toBe(32_000);
    expect(baseDelayMs(30)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('keeps retrying for hours before giving up', () => {
    let totalMs = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) totalMs += baseDelayMs(attempt);
    expect(totalMs / 3_600_000).toBeGreaterThan(6);
    expect(nextRetry(MAX_ATTEMPTS, { kind: 'transient' }, 0.5)).toEqual({ retry: false, reason: 'exhausted' });
  });

  it('jitters within ±20 % of the base delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const d = nextRetry(n, { kind: 'transient' }, r);
        if (!d.retry) throw new Error('expected a retry');
        expect(d.delayMs).toBeGreaterThanOrEqual(Math.floor(baseDelayMs(n) * 0.8));
        expect(d.delayMs).toBeLessThanOrEqual(Math.ceil(baseDelayMs(n) * 1.2));
      }),
    );
  });

  it('never retries before Retry-After', () => {
    const d = nextRetry(1, { kind: 'transient', retryAfterMs: 90_000 }, 0);
    expect(d).toEqual({ retry: true, delayMs: 90_000 });
  });

  it('does not retry permanent failures', () => {
    expect(nextRetry(1, { kind: 'permanent' }, 0.3)).toEqual({ retry: false, reason: 'permanent' });
  });

  it('classifies statuses', () => {
    expect([500, 502, 503, 429, 408, 425].map(classifyHttpStatus)).toEqual(Array(6).fill('transient'));
    expect([400, 401, 404, 422].map(classifyHttpStatus)).toEqual(Array(4).fill('permanent'));
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30', 0)).toBe(30_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });

  it('backs the claim loop off from the poll interval to a cap of a few seconds', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => claimBackoffMs(n, 250))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(claimBackoffMs(10_000, 250)).toBe(MAX_CLAIM_BACKOFF_MS);
  });
});
