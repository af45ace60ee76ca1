import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, isRetrySafe, parseRetryAfterMs, retryDelayMs } from '../src/index.js';

const response = (status: number, retryAfterMs?: number, code?: string) => ({ kind: 'response' as const, status, code, retryAfterMs });

describe('retry policy', () => {
  it('retries 429 and 5xx with growing, jittered back-off up to the attempt limit', () => {
    const top = () => 1; // the jitter at its ceiling shows the exponential bound
    expect(retryDelayMs(1, response(503), DEFAULT_RETRY, top)).toBe(250);
    expect(retryDelayMs(2, response(429), DEFAULT_RETRY, top)).toBe(500);
    expect(retryDelayMs(3, { kind: 'network' }, DEFAULT_RETRY, top)).toBe(1000);
    expect(retryDelayMs(4, response(503), DEFAULT_RETRY, top)).toBeUndefined();
    expect(retryDelayMs(9, response(503), { ...DEFAULT_RETRY, maxAttempts: 20 }, top)).toBe(DEFAULT_RETRY.maxDelayMs);
    const low = retryDelayMs(1, response(500), DEFAULT_RETRY, () => 0.1)!;
    expect(low).toBeLessThan(250);
  });

  it('never retries a client error, except a keyed request still in progress', () => {
    for (const status of [400, 401, 404, 409, 413, 422]) expect(retryDelayMs(1, response(status), DEFAULT_RETRY)).toBeUndefined();
    expect(retryDelayMs(1, response(409, undefined, 'idempotency_key_in_progress'), DEFAULT_RETRY)).toBeDefined();
  });

  it('waits at least as long as Retry-After asks, and gives up when it asks too much', () => {
    expect(retryDelayMs(1, response(429, 3_000), DEFAULT_RETRY, () => 1)).toBe(3_000);
    expect(retryDelayMs(1, response(429, 120_000), DEFAULT_RETRY)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7_000);
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it('repeats only what cannot happen twice', () => {
    const req = (method: string, path: string, headers: Record<string, string> = {}) => new Request(`http://relay${path}`, { method, headers });
    expect(isRetrySafe(req('GET', '/v1/sessions'))).toBe(true);
    expect(isRetrySafe(req('POST', '/v1/handoffs', { 'idempotency-key': 'k' }))).toBe(true);
    expect(isRetrySafe(req('POST', '/v1/handoffs'))).toBe(false);
    expect(isRetrySafe(req('POST', '/v1/sessions/ses_1/messages'))).toBe(true);
    expect(isRetrySafe(req('POST', '/v1/sessions/ses_1/end'))).toBe(true);
    expect(isRetrySafe(req('POST', '/v1/rules'))).toBe(false);
    expect(isRetrySafe(req('PATCH', '/v1/agents/agt_1/waiting-settings'))).toBe(true);
    expect(isRetrySafe(req('PATCH', '/v1/agents/agt_1'))).toBe(false);
  });
});
